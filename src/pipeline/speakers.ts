import type { NewsDoc, Quote, Span } from './document.js'
import { paragraphSpans, sentenceSpans } from './sentences.js'
import { spanIndex } from './spans.js'
import { outerOf, paragraphIndex, prevParaEnd, type Context } from './speakers/context.js'
import { Discourse, type Entity } from './speakers/discourse.js'
import { lastSpeakerBefore, nearestActor, previousSubject, sentenceSubject, speechOwner } from './speakers/fallbacks.js'
import { attributionEvidence, type Evidence } from './speakers/evidence.js'
import { leading } from './speakers/leading.js'
import { tokens } from './speakers/phrases.js'
import { CONFIDENCE, resolveHead, type Resolved } from './speakers/resolve.js'
import { signature } from './speakers/signature.js'
import { trailing } from './speakers/trailing.js'
import { classifySpeech, speechFeatures, type AttributionEvidence } from './quotes/classify.js'
import { markedSpanOf } from './quotes.js'

/**
 * Fills each quote's speaker, speakerKey, speakerType, speakerMention, cue, role, resolution and
 * confidence. Needs doc.quotes (findQuotes) and doc.sentences; uses doc.mentions when present.
 */
export function attributeSpeakers(doc: NewsDoc): void {
  const evidence = attribute(doc)
  setAsideUnspoken(doc, evidence)
}

/**
 * Quotations nobody is reported to say go to doc.quotedPhrases: a short span with no reporting
 * clause and no speaker in its sentence is a scare quote or a title ("the “establishment”
 * candidate", CNN’s “New Day”). A learned model weighs the span's words with what attribution found.
 */
function setAsideUnspoken(doc: NewsDoc, evidence: AttributionEvidence[]): void {
  const keep: Quote[] = []
  const phrases = [...doc.quotedPhrases]
  doc.quotes.forEach((q, i) => {
    const kind = classifySpeech(doc, markedSpanOf(doc, q), evidence[i])
    if (kind === 'quote') keep.push(q)
    else phrases.push({ start: q.start, end: q.end, text: q.text, kind })
  })
  if (keep.length === doc.quotes.length) return
  doc.quotes = keep
  doc.quotedPhrases = phrases.sort((a, b) => a.start - b.start)
}

/** Feature vectors (SPEECH_FEATURES) of every quotation before any is set aside; for training. */
export function speechFeatureRows(doc: NewsDoc): number[][] {
  const evidence = attribute(doc)
  return doc.quotes.map((q, i) => speechFeatures(doc, markedSpanOf(doc, q), evidence[i]))
}

function attribute(doc: NewsDoc): AttributionEvidence[] {
  const body = doc.article.body
  if (!doc.paragraphs.length) doc.paragraphs = paragraphSpans(body)
  const sentences = doc.sentences.length
    ? doc.sentences
    : doc.paragraphs.flatMap((p, i) => sentenceSpans(body, p).map((s) => ({ ...s, paragraph: i })))
  const quotes = doc.quotes
  const outer = quotes.map((q) => outerOf(body, q))
  const inQuote = (pos: number) => {
    for (const q of quotes) if (pos >= q.start && pos < q.end) return true
    for (const p of doc.quotedPhrases) if (p.kind !== 'nested' && pos >= p.start && pos < p.end) return false
    return false
  }
  const sentenceBounds = (pos: number) => {
    if (!sentences.length) return { start: 0, end: body.length }
    const { start, end } = sentences[spanIndex(sentences, pos)]
    return { start, end }
  }
  const ctx: Context = {
    doc,
    body,
    discourse: new Discourse({ ...doc, sentences }, inQuote),
    outer,
    paraOf: quotes.map((q) => 0 * q.start),
    sentenceBounds,
    sentences,
    inQuote,
  }
  ctx.paraOf = quotes.map((q) => paragraphIndex(ctx, q.start))
  // The paragraph a quotation ends in: a quotation may run over several ("…¶¶“…”").
  const paraEnd = quotes.map((q) => paragraphIndex(ctx, Math.max(q.start, q.end - 1)))

  const results: Array<(Resolved & { cue: Span | null; confidence: number }) | null> = quotes.map(() => null)
  const how: Array<Evidence> = quotes.map(() => ({ found: null, lead: false, donor: false, subjectOnly: false }))
  let lastSpeaker: Entity | null = null
  let lastSpeakerPos = -1
  const assign = (i: number, r: Resolved, cue: Span | null, confidence: number) => {
    results[i] = { ...r, cue, confidence }
    if (r.entity) r.entity.speeches++
    if (r.entity && r.entity.type === 'PERSON') {
      lastSpeaker = r.entity
      lastSpeakerPos = r.mention?.start ?? quotes[i].start
    }
  }

  for (let i = 0; i < quotes.length; i++) {
    const q = quotes[i]
    const o = outer[i]
    const para = doc.paragraphs[ctx.paraOf[i]]
    const endPara = doc.paragraphs[paragraphIndex(ctx, q.end)]
    const sEnd = sentenceBounds(Math.max(q.end - 1, q.start))
    const sStart = sentenceBounds(q.start)
    const next = outer[i + 1]
    let tEnd = Math.min(endPara.end, next && next.start >= o.end ? next.start : Infinity, Math.max(sEnd.end, o.end))
    // "“…?” Hannity pressed.": a question or exclamation closes its sentence inside the marks, and the
    // reporting clause after it is a sentence of its own.
    if (tEnd <= o.end + 1 && /[?!]['’"”]*$/.test(q.text.trimEnd()) && tEnd < endPara.end) {
      tEnd = Math.min(endPara.end, next && next.start >= o.end ? next.start : Infinity, Math.max(sentenceBounds(o.end + 1).end, o.end))
    }
    const prev = outer[i - 1]
    const samePara = i > 0 && paraEnd[i - 1] === ctx.paraOf[i]
    const lStart = Math.max(para.start, sStart.start, samePara && prev.end <= o.start ? prev.end : -1)

    let found = trailing(ctx, o.end, tEnd, o.start)
    const lead = leading(ctx, lStart, o.start)
    // A reporting clause before the quotation wins over "according to" or a far cue after it.
    if (lead && (!found || found.according || (!found.adjacent && lead.adjacent))) {
      if (lead.head.kind !== 'none' || !found || found.according) found = lead
    }
    how[i].found = found
    how[i].lead = !!found && found === lead
    let r: Resolved | null = null
    let conf = 0
    if (found && found.head.kind !== 'none') {
      r = resolveHead(ctx, found.head, found.cue.start, lastSpeaker, lastSpeakerPos)
      if (r) conf = CONFIDENCE[r.resolution] - (found.adjacent ? 0 : 0.1) - (found.according ? 0.1 : 0)
    }
    // "…,” adding that he would “…”; “…” and “…”: the same speaker as the quote before in the sentence.
    const prevSameSentence = i > 0 && samePara && sentenceBounds(prev.end - 1).start === sStart.start
    if ((!r || !r.entity) && prevSameSentence && results[i - 1]?.entity) {
      const p = results[i - 1]!
      r = { ...p }
      conf = p.confidence - 0.05
      if (found) results[i] = null
    }
    if ((!r || (!r.entity && r.resolution === 'unresolved' && !r.mention)) && found && found.head.kind === 'none') {
      const subj = sentenceSubject(ctx, sStart.start, found.cue.start)
      const rs = resolveHead(ctx, subj, found.cue.start, lastSpeaker, lastSpeakerPos)
      if (rs) {
        r = rs
        conf = CONFIDENCE[rs.resolution] - 0.15
      }
    }
    if (r) {
      assign(i, r, found?.cue ?? null, Math.max(0.05, conf))
    }
  }

  // Second pass: quotations with no reporting clause of their own.
  for (let i = 0; i < quotes.length; i++) {
    if (results[i]?.entity) continue
    // "…,” said one Democrat familiar with the talks": an indefinite description introduces someone
    // unnamed; a named speaker from elsewhere would be a wrong answer.
    const head = how[i].found?.head
    if (results[i] && head?.kind === 'descriptor' && how[i].found?.adjacent && head.person && /^(one|a|an|another)\s/i.test(head.text)) continue
    const q = quotes[i]
    const o = outer[i]
    const pi = ctx.paraOf[i]
    const para = doc.paragraphs[pi]
    const startsPara = body.slice(para.start, o.start).trim() === '' || o.start <= para.start
    let donor: number | null = null
    let conf = 0.6
    // “First.” “Second,” he said. — the next quotation of the paragraph, with nothing between.
    const nxt = i + 1 < quotes.length && ctx.paraOf[i + 1] === pi ? i + 1 : null
    if (nxt !== null && results[nxt]?.entity && /^[\s,.;:!?—–-]*$/.test(body.slice(o.end, outer[nxt].start))) {
      donor = nxt
      conf = 0.75
    }
    // A quotation later in the same paragraph as an attributed one: same speaker — unless a later
    // sentence has a subject of its own before it ("…, insisting that “…”. Meanwhile, Clinton
    // endorsed the deal, although she made it clear that she has “…”").
    const ownSentence = sentenceBounds(q.start).start
    const ownSubject = i > 0 && sentenceBounds(outer[i - 1].start).start !== ownSentence && namedSubject(ctx, ownSentence, o.start)
    if (donor === null && i > 0 && paraEnd[i - 1] === pi && results[i - 1]?.entity && !ownSubject) donor = i - 1
    if (donor === null && nxt !== null && results[nxt]?.entity && !results[i]) donor = nxt
    // "“…”¶¶- Clinton.": the paragraph after the quotation signs it.
    const nextPara = doc.paragraphs[paraEnd[i] + 1]
    if (!results[i] && nextPara && body.slice(o.end, nextPara.start).trim() === '' && (i + 1 >= quotes.length || quotes[i + 1].start >= nextPara.end)) {
      const signed = signature(ctx, tokens(body, nextPara.start, nextPara.end))
      const r = signed && resolveHead(ctx, signed.head, signed.cue.start, lastSpeakerBefore(results, quotes, q.start), -1)
      if (signed && r?.entity) {
        how[i].found = signed
        assign(i, r, signed.cue, CONFIDENCE[r.resolution] - 0.1)
        continue
      }
    }
    if (donor === null && startsPara && pi > 0) {
      const prevPara = doc.paragraphs[pi - 1]
      const prevText = body.slice(prevPara.start, prevPara.end).trimEnd()
      // "Miller said:" / "Miller told reporters on Wednesday:" introduces the next paragraph.
      if (/:$/.test(prevText)) {
        const s = sentenceBounds(prevPara.end - 1)
        const lead = leading(ctx, Math.max(s.start, prevPara.start), prevPara.end)
        if (lead && lead.head.kind !== 'none') {
          const r = resolveHead(ctx, lead.head, lead.cue.start, lastSpeakerBefore(results, quotes, q.start), -1)
          if (r?.entity) {
            assign(i, r, lead.cue, CONFIDENCE[r.resolution] - 0.1)
            continue
          }
        }
        // "President Clinton released the following statement:", "Jared Potts echoed:": the subject.
        const r = previousSubject(ctx, prevParaEnd(ctx, pi), lastSpeakerBefore(results, quotes, q.start))
        if (r) {
          assign(i, r, lead?.cue ?? null, 0.55)
          continue
        }
      }
      // A paragraph that opens with a quotation continues the previous paragraph's speaker.
      for (let j = i - 1; j >= 0 && paraEnd[j] >= pi - 1; j--) {
        if (results[j]?.entity) {
          donor = j
          conf = 0.6
          break
        }
      }
      // "Valastro praised Christie’s leadership.¶¶“We need someone who…”": with no quotation in the
      // paragraph before, the subject of its last sentence introduces this one.
      if (donor === null && (i === 0 || paraEnd[i - 1] < pi - 1)) {
        const r = previousSubject(ctx, prevParaEnd(ctx, pi), lastSpeakerBefore(results, quotes, q.start))
        if (r) {
          assign(i, r, null, 0.45)
          how[i].subjectOnly = true
          continue
        }
      }
    }
    // “…” opening a sentence in mid-paragraph after "Lynch announced on Monday the lawsuit.": the
    // previous sentence's subject.
    if (donor === null && !startsPara && sentenceBounds(q.start).start >= o.start - 1 && !(i > 0 && paraEnd[i - 1] === pi)) {
      const r = previousSubject(ctx, sentenceBounds(q.start).start, lastSpeakerBefore(results, quotes, q.start))
      if (r) {
        assign(i, r, null, 0.45)
        how[i].subjectOnly = true
        continue
      }
    }
    if (donor !== null && results[donor]) {
      const d = results[donor]!
      results[i] = { ...d, cue: d.cue, confidence: Math.min(conf, d.confidence) }
      how[i].donor = true
      continue
    }
    // A quotation inside a sentence with no reporting verb ("Bolton thought some of the “…” buzz"):
    // the sentence's subject is the likeliest source.
    const s = sentenceBounds(q.start)
    if (!startsPara || s.start < o.start) {
      const before = lastSpeakerBefore(results, quotes, q.start)
      const owner = resolveHead(ctx, speechOwner(ctx, s.start, o.start), o.start, before, -1)
      const actor = owner?.entity ? owner : resolveHead(ctx, nearestActor(ctx, s.start, o.start), o.start, before, -1)
      const r = actor?.entity ? actor : resolveHead(ctx, sentenceSubject(ctx, s.start, o.start), o.start, before, -1)
      if (r?.entity) {
        results[i] = { ...r, cue: null, confidence: 0.4 }
        how[i].subjectOnly = true
      }
    }
  }

  const evidence = attributionEvidence(ctx, how, results)
  quotes.forEach((q, i) => {
    const r = results[i]
    if (!r) return
    q.speaker = r.entity?.canonical ?? null
    q.speakerKey = r.entity?.key ?? null
    q.speakerType = r.entity?.type ?? null
    q.speakerMention = r.mention
    q.cue = r.cue
    q.role = r.role ?? (r.entity && r.entity.roles.length ? r.entity.roles[0] : null)
    q.resolution = r.entity ? r.resolution : 'unresolved'
    q.confidence = r.entity ? Math.round(r.confidence * 100) / 100 : 0
  })
  return evidence
}

/**
 * Whether the sentence before a quotation has a person or organisation of its own as its subject,
 * with a verb of its own ("Clinton endorsed the deal, although she…"): not "He expressed amusement
 * that Mr. Rubio…" (the subject is "he") nor "Biden “kind of misspoke…”" (no verb outside the marks).
 */
function namedSubject(ctx: Context, from: number, to: number): boolean {
  const head = sentenceSubject(ctx, from, to)
  if (head.kind !== 'name') return false
  const before = tokens(ctx.body, from, head.start)
  if (before.some((t) => /^(he|she|they|i|we)$/i.test(t.text))) return false
  return tokens(ctx.body, head.end, to).some((t) => /^\p{Ll}/u.test(t.text))
}
