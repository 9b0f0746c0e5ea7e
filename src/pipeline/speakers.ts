import type { NewsDoc, Quote, Sentence, Span, SpeakerResolution } from './document.js'
import { paragraphSpans, sentenceSpans } from './sentences.js'
import { Discourse, type Entity } from './speakers/discourse.js'
import { CUE_PARTICIPLES, CUE_VERBS, ROLE_NOUNS } from './speakers/lexicon.js'
import { headAfter, headBefore, isCapitalised, nameRuns, splitTitle, tokens, type PhraseHead, type Token } from './speakers/phrases.js'
import { classifySpeech, speechFeatures, type AttributionEvidence } from './quotes/classify.js'
import { markedSpanOf } from './quotes.js'

/** Reporting verbs that may come before their subject ("…,” said Miller). */
const INVERTIBLE = new Set(
  ('said says added adds asked asks wrote writes continued continues explained explains noted notes recalled replied ' +
    'responded observed remarked argued declared insisted quipped joked concluded countered stated tweeted posted ' +
    'exclaimed warned reported says acknowledged cautioned offered').split(' '),
)

/** "scoffed", "beamed", "declares": a past or present verb form that is not a function word. */
function isMannerVerb(w: string): boolean {
  return /^\p{Ll}{3,}(ed|es|s)$/u.test(w) && !/^(was|has|is|does|goes|gets|seems|makes|takes|plus|less|unless|this|thus|yes|his|hers|its|ours|theirs|always|perhaps|towards|afterwards|besides|whereas|news|us|lies|needed|used|called|named|based|dubbed|titled|entitled|described|labeled|labelled|termed|branded|featured|owned|released)$/.test(w)
}

const QUOTE_MARK = /["“”„«»`'‘’]/

interface Found {
  head: PhraseHead
  cue: Span
  /** The speaker phrase stands right by the quotation ("…,” Miller said). */
  adjacent: boolean
  /** "according to X": the weakest kind of attribution. */
  according: boolean
}

interface Context {
  doc: NewsDoc
  body: string
  discourse: Discourse
  /** Outer extent (with marks) of every quote, by index into doc.quotes. */
  outer: Array<{ start: number; end: number }>
  paraOf: number[]
  sentenceBounds: (pos: number) => { start: number; end: number }
  sentences: Sentence[]
  /** Inside a direct quotation (not a scare quote). */
  inQuote: (pos: number) => boolean
}

function span(body: string, start: number, end: number): Span {
  return { start, end, text: body.slice(start, end) }
}

function isCue(t: Token): boolean {
  return CUE_VERBS.has(t.text) // lower-case only: "Post" and "Say" in names are not cues
}

/** Extends a quote over its marks and surrounding spaces. */
function outerOf(body: string, q: Quote): { start: number; end: number } {
  let s = q.start
  while (s > 0 && (QUOTE_MARK.test(body[s - 1]) || body[s - 1] === ' ')) s--
  let e = q.end
  while (e < body.length && (QUOTE_MARK.test(body[e]) || body[e] === ' ') && body[e] !== '\n') e++
  return { start: s, end: e }
}

const DASH = /^[-—–―]$/

/**
 * "“…” ― Carla Sanchez." / "“…”¶¶- Sanders." / "“…” — David Martosko (@dmartosko) September 1": a
 * dash and a name standing alone after a quotation sign it, as under a pull quote or a tweet.
 */
function signature(ctx: Context, toks: Token[]): Found | null {
  if (toks.length < 2 || !DASH.test(toks[0].text)) return null
  const runs = nameRuns(ctx.body, toks.slice(1))
  const run = runs[0]
  if (!run || run.first !== 0 || run.possessive) return null
  const after = toks[run.last + 2]
  if (after && !/^[.,(]$/.test(after.text)) return null
  const head = headBefore(ctx.body, toks.slice(1, run.last + 2))
  return head.kind === 'name' ? { head, cue: span(ctx.body, toks[0].start, toks[0].end), adjacent: true, according: false } : null
}

/** Looks for "…,” X said" / "…,” said X" / "…,” according to X" in the words after a quotation. */
function trailing(ctx: Context, from: number, to: number, quoteStart = from): Found | null {
  const toks = tokens(ctx.body, from, to)
  const signed = signature(ctx, toks)
  if (signed) return signed
  let i = 0
  while (i < toks.length && /^[,.!?;:—–-]$/.test(toks[i].text)) i++
  const rest = toks.slice(i)
  if (!rest.length) return null
  const closesSentence = /[.!?]\s*["”'’»]+\s*$/.test(ctx.body.slice(Math.max(0, from - 4), from)) && isCapitalised(rest[0].text)
  // "…,” said Miller" / "…,” says a spokesman"
  if (INVERTIBLE.has(rest[0].text)) {
    const head = headAfter(ctx.body, rest.slice(1))
    if (head.kind !== 'none') return { head, cue: span(ctx.body, rest[0].start, rest[0].end), adjacent: true, according: false }
  }
  // "…,” scoffed Arianna Gil" / "…,” declares Stephanie Acs": any verb of manner before a name, right
  // after a quotation that ends in a comma or a question.
  if (/[,?!—–-]\s*["”'’»]+\s*$/.test(ctx.body.slice(Math.max(0, from - 5), from)) && isMannerVerb(rest[0].text)) {
    const head = headAfter(ctx.body, rest.slice(1))
    if (head.kind === 'name' && head.text.includes(' ')) return { head, cue: span(ctx.body, rest[0].start, rest[0].end), adjacent: true, according: false }
  }
  // "…has been called “strategic ambiguity” by Joshua Hendrick": the agent of a passive naming verb.
  if (rest[0].text === 'by' && /\b(was|were|been|being|is|are)\s+(called|described|dubbed|labeled|labelled|termed|branded)(\s+as)?\s*["“'‘]*\s*$/.test(ctx.body.slice(Math.max(0, quoteStart - 80), quoteStart))) {
    const head = headAfter(ctx.body, rest.slice(1))
    if (head.kind === 'name') return { head, cue: span(ctx.body, rest[0].start, rest[0].end), adjacent: true, according: false }
  }
  // "…,” according to CNN"
  if (rest[0].text.toLowerCase() === 'according' && rest[1]?.text === 'to') {
    const head = headAfter(ctx.body, rest.slice(2))
    if (head.kind !== 'none') return { head, cue: span(ctx.body, rest[0].start, rest[1].end), adjacent: true, according: true }
  }
  // "…,” Miller said" / "…,” Jennifer Palmieri, the campaign’s director, said" / "…” to X, the Department said"
  for (let k = 1; k < rest.length; k++) {
    if (!isCue(rest[k]) || CUE_PARTICIPLES.has(rest[k].text)) continue
    // "…” since so many cases were decided 5-to-4, said Lee Epstein": the reporting clause, inverted,
    // after an aside that finishes the quoted sentence.
    if (k >= 2 && rest[k - 1].text === ',' && INVERTIBLE.has(rest[k].text)) {
      const after = headAfter(ctx.body, rest.slice(k + 1))
      if (after.kind === 'name' || (after.kind === 'descriptor' && after.person)) return { head: after, cue: span(ctx.body, rest[k].start, rest[k].end), adjacent: k <= 6, according: false }
    }
    if (rest[k].text === 'read' || rest[k].text === 'reads') {
      if (k < 4) return null // "the sign reads" — an object, not a speaker
    }
    const head = headBefore(ctx.body, rest.slice(0, k))
    if (head.kind === 'none') continue
    // "Sanders called Trump a “pathological liar.” Carly Fiorina said Ted Cruz …": after a quotation that
    // closes its sentence, a clause that goes on past its verb reports something else.
    if (closesSentence && rest[k].text !== 'told' && rest[k + 1] && /^[\p{L}\p{N}]/u.test(rest[k + 1].text) && !/^(in|on|at|during|after|before|when|while|of|to|about|reporters|told|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|last|this|yesterday|today|afterward|later|earlier|recently|previously|then|again|also|with|as|while|from|via|through|into|matter-of-factly|\p{Ll}+ly)$/u.test(rest[k + 1].text)) return null
    // "…” if they conclude any deal, the Department said": a verb inside a subordinate clause.
    if (k >= 2 && /^(if|when|whether|unless|because|as|while|though|although|that|until|before|after)$/i.test(rest[k - 2].text) && head.kind === 'pronoun') continue
    const cueEnd = rest[k + 1] && /^(reporters|CNN|told)$/.test(rest[k + 1].text) ? rest[k + 1].end : rest[k].end
    return relayedBy(ctx, rest, k + 1) ?? { head, cue: span(ctx.body, rest[k].start, cueEnd), adjacent: k <= 6, according: false }
  }
  // "…,” Toomey fumed." / "…,” an angry Hollande retaliated.": right after a quotation that ends in a
  // comma, a name or pronoun followed by any verb is the reporting clause.
  const quoteEnd = ctx.body.slice(Math.max(0, from - 5), from)
  if (/[,?!—–-]\s*["”'’»]+\s*$/.test(quoteEnd) || rest[0] !== toks[0]) {
    for (let k = 1; k < Math.min(rest.length, 7); k++) {
      const w = rest[k].text
      if (!/^\p{Ll}+$/u.test(w) || /^(of|and|the|a|an|to|for|in|on|at|with|from|who|which|that|is|was|are|were|has|had|have)$/.test(w)) continue
      if (!/(ed|es|s)$/.test(w) && !/^(shot|went|spoke|broke|struck|hit|gave|rang|cut|kept|began)$/.test(w)) break
      const head = headBefore(ctx.body, rest.slice(0, k))
      if (head.kind === 'name' || head.kind === 'pronoun') return { head, cue: span(ctx.body, rest[k].start, rest[k].end), adjacent: true, according: false }
      break
    }
  }
  // "…,” he said, is according to … later in the sentence
  for (let k = 0; k + 1 < rest.length; k++) {
    if (rest[k].text.toLowerCase() === 'according' && rest[k + 1].text === 'to') {
      const head = headAfter(ctx.body, rest.slice(k + 2))
      if (head.kind !== 'none') return { head, cue: span(ctx.body, rest[k].start, rest[k + 1].end), adjacent: false, according: true }
    }
  }
  return null
}

/**
 * "…,” Sanders said, according to CNN.": the words reach the article through the outlet named last,
 * and it is the one credited with them. Looks from `from` to the end of the sentence.
 */
function relayedBy(ctx: Context, toks: Token[], from: number): Found | null {
  for (let k = from; k + 2 < toks.length; k++) {
    if (/^[.!?]$/.test(toks[k].text) || QUOTE_MARK.test(toks[k].text)) return null
    if (toks[k].text === ',' && toks[k + 1].text === 'according' && toks[k + 2].text === 'to') {
      const head = headAfter(ctx.body, toks.slice(k + 3))
      return head.kind === 'name' ? { head, cue: span(ctx.body, toks[k + 1].start, toks[k + 2].end), adjacent: false, according: true } : null
    }
  }
  return null
}

/** Looks for "X said, “…" / "According to X, “…" / "X: “…" in the words before a quotation. */
function leading(ctx: Context, from: number, to: number): Found | null {
  const toks = tokens(ctx.body, from, to)
  for (let k = toks.length - 1; k >= 0; k--) {
    const t = toks[k]
    if (t.text.toLowerCase() === 'according' && toks[k + 1]?.text === 'to') {
      const head = headAfter(ctx.body, toks.slice(k + 2))
      if (head.kind !== 'none') return { head, cue: span(ctx.body, t.start, toks[k + 1].end), adjacent: true, according: true }
      continue
    }
    if (!isCue(t)) continue
    // "Rubio was asked by moderator Gerard Baker whether …“…": a passive verb's agent is the speaker.
    if (k >= 1 && /^(was|were|been|being|is|are)$/.test(toks[k - 1].text) && toks[k + 1]?.text === 'by') {
      const agent = headAfter(ctx.body, toks.slice(k + 2))
      if (agent.kind === 'name') return { head: agent, cue: span(ctx.body, t.start, toks[k + 1].end), adjacent: false, according: false }
    }
    // "Because of how the schedule was drawn, explained Rosenberg, “…": an inverted clause before the quotation.
    if (INVERTIBLE.has(t.text) && (k === 0 || toks[k - 1].text === ',')) {
      const after = headAfter(ctx.body, toks.slice(k + 1))
      const between = after.kind === 'name' ? toks.slice(k + 1).filter((x) => x.end <= after.start) : []
      const right = between.every((x) => isCapitalised(x.text) || ROLE_NOUNS.has(x.text)) // "said Rosenberg", "said Senator X"
      if (after.kind === 'name' && right && toks.slice(k + 1).some((x) => x.start >= after.end && /^[,:]$/.test(x.text))) return { head: after, cue: span(ctx.body, t.start, t.end), adjacent: true, according: false }
    }
    // "…, with Sen. John McCain calling it a “…”": the participle's own subject stands right before it.
    if (CUE_PARTICIPLES.has(t.text) && k >= 2) {
      let w = k - 1
      while (w > 0 && k - w <= 6 && (isCapitalised(toks[w].text) || ROLE_NOUNS.has(toks[w].text))) w-- // "Sen.", "Republican Senator"
      if (w < k - 1 && /^(with|without)$/i.test(toks[w].text)) {
        const own = headBefore(ctx.body, toks.slice(w + 1, k))
        if (own.kind === 'name' && own.end === toks[k - 1].end) return { head: own, cue: span(ctx.body, t.start, t.end), adjacent: true, according: false }
      }
    }
    if (CUE_PARTICIPLES.has(t.text) || toks[k - 1]?.text === 'and' || (toks[k - 1]?.text === ',' && /ing$/.test(t.text)) || k === 0) {
      // "…, adding that", "and said": the subject is the clause's, found by the caller.
      return { head: { kind: 'none' }, cue: span(ctx.body, t.start, t.end), adjacent: false, according: false }
    }
    const head = headBefore(ctx.body, toks.slice(0, k))
    if (head.kind === 'none') continue
    const between = toks.slice(k + 1).filter((x) => /^[\p{L}\p{N}]/u.test(x.text)).length
    const outer = NAMING_VERBS.test(t.text) ? outerReporter(ctx, toks, head) : null
    if (outer) return { ...outer, adjacent: false }
    return { head, cue: span(ctx.body, t.start, t.end), adjacent: between <= 3, according: false }
  }
  // "…doesn’t surprise Republican pollster Daron Shaw: “…": the name the colon follows.
  const last = toks[toks.length - 1]
  if (last?.text === ':' && toks.length >= 3) {
    const runs = nameRuns(ctx.body, toks.slice(0, -1))
    const run = runs[runs.length - 1]
    if (run && run.last === toks.length - 2 && !run.possessive && run.first > 0) {
      const head = headBefore(ctx.body, toks.slice(0, -1))
      if (head.kind === 'name') return { head, cue: span(ctx.body, last.start, last.end), adjacent: true, according: false }
    }
  }
  // "Kasich resisted: “…" / "Rubio fired back forcefully: “…": a subject, a verb of its own and at
  // most a few words more before the colon.
  if (last?.text === ':' && toks.length >= 3) {
    for (let v = toks.length - 2; v >= 1 && toks.length - 1 - v <= 3; v--) {
      if (!/^\p{Ll}+$/u.test(toks[v].text)) break
      if (!isMannerVerb(toks[v].text) && !isCue(toks[v])) continue
      const head = headBefore(ctx.body, toks.slice(0, v))
      const closesSubject = head.kind !== 'none' && 'end' in head && head.end === toks[v - 1].end
      if (closesSubject && (head.kind === 'name' || head.kind === 'pronoun')) return { head, cue: span(ctx.body, toks[v].start, last.end), adjacent: true, according: false }
      break
    }
  }
  // Transcript lines: "WALLACE: “…" / "Q: …"
  const m = /^\s*([A-Z][A-Za-z.'’ -]{1,40}):\s*$/.exec(ctx.body.slice(from, to))
  if (m) {
    const s = from + m.index + m[0].indexOf(m[1])
    const text = m[1]
    if (/^(Q|A)$/.test(text)) return null
    if (text !== text.toUpperCase()) {
      // "Former secretary of state Hillary Rodham Clinton:" — the name ends the line.
      const head = headBefore(ctx.body, tokens(ctx.body, s, s + text.length))
      return head.kind === 'none' ? null : { head, cue: span(ctx.body, s + text.length, s + text.length + 1), adjacent: true, according: false }
    }
    // Transcripts write speakers in capitals ("WALLACE:"); the name is a person's, not an acronym's.
    const name = text === text.toUpperCase() ? text.toLowerCase().replace(/\b\p{L}/gu, (c) => c.toUpperCase()) : text
    return { head: { kind: 'name', start: s, end: s + text.length, text: name, role: null, possessiveRun: false, person: true }, cue: span(ctx.body, s + text.length, s + text.length + 1), adjacent: true, according: false }
  }
  return null
}

/** Verbs that name or label something: the words they quote are the reporter's choice of the sentence. */
const NAMING_VERBS = /^(called|calls|calling|dubbed|dubs|described|describes|labeled|labelled|labels|termed|terms|branded|brands)$/

/**
 * "Rep. Steve Israel said Clinton called on members to be “…”": a naming verb inside what someone
 * says; the quoted words come from the one who says it. The inner subject must follow the outer
 * verb at once (after "that" at most), so "Israel said. Clinton called …" is left alone.
 */
function outerReporter(ctx: Context, toks: Token[], inner: PhraseHead): Found | null {
  if (inner.kind !== 'name' && inner.kind !== 'pronoun') return null
  let j = toks.findIndex((x) => x.start >= inner.start) - 1
  if (j < 1) return null
  if (toks[j].text === 'that') j--
  // "CNN, Cruz said, called the announcement": an inserted reporting clause.
  if (toks[j].text === ',' && toks[j - 1] && /^(said|says)$/.test(toks[j - 1].text)) {
    const head = headBefore(ctx.body, toks.slice(0, j - 1))
    return head.kind === 'name' || head.kind === 'pronoun' ? { head, cue: span(ctx.body, toks[j - 1].start, toks[j - 1].end), adjacent: false, according: false } : null
  }
  if (!/^(said|says|told|added|adds|wrote|writes|argued|argues|noted|notes|insisted|insists|claimed|claims)$/.test(toks[j].text)) return null
  const head = headBefore(ctx.body, toks.slice(0, j))
  if (head.kind !== 'name' && head.kind !== 'pronoun') return null
  return { head, cue: span(ctx.body, toks[j].start, toks[j].end), adjacent: false, according: false }
}

interface Resolved {
  entity: Entity | null
  resolution: SpeakerResolution
  mention: Span | null
  role: string | null
  surface: string | null
}

function resolveHead(ctx: Context, head: PhraseHead, pos: number, lastSpeaker: Entity | null, lastSpeakerPos: number): Resolved | null {
  const { body, discourse } = ctx
  if (head.kind === 'none') return null
  if (head.kind === 'name') {
    const text = head.text === head.text.toUpperCase() && head.text.length > 4 && !head.text.includes('.')
      ? head.text.charAt(0) + head.text.slice(1).toLowerCase()
      : head.text
    const occ = head.person ? undefined : discourse.occurrences.find((o) => o.start === head.start)
    if (!occ && !/\s/.test(text.trim()) && discourse.commonWord(text) && !ctx.doc.mentions.some((m) => m.start <= head.start && m.end >= head.end)) return null
    const type = head.person ? 'PERSON' : occ?.entity.type ?? discourse.classify(text, head.start, head.end) ?? 'PERSON'
    const entity = occ?.entity ?? discourse.entityFor(text, type, head.start, head.end)
    const single = !text.trim().includes(' ') || /^(Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.?\s+\S+$/.test(text)
    return {
      entity,
      resolution: type === 'ORG' ? 'organisation' : single ? 'surname' : 'named',
      mention: span(body, head.start, head.end),
      role: head.role,
      surface: head.text,
    }
  }
  if (head.kind === 'pronoun') {
    if (head.gender === 'i') return { entity: null, resolution: 'unresolved', mention: span(body, head.start, head.end), role: null, surface: null }
    const entity = resolvePronoun(ctx, head.gender, pos, lastSpeaker, lastSpeakerPos)
    return { entity, resolution: entity ? 'pronoun' : 'unresolved', mention: span(body, head.start, head.end), role: null, surface: null }
  }
  // A description: "the spokesman", "the North Korean leader"; "the foundation", "the department"
  // for the organisation named so.
  const org = head.person ? null : discourse.byOrgWord(head.head, pos)
  if (org) return { entity: org, resolution: 'organisation', mention: span(body, head.start, head.end), role: null, surface: null }
  const entity = head.person ? discourse.byRole(head.head, pos) : null
  return {
    entity,
    resolution: entity ? 'title' : 'unresolved',
    mention: span(body, head.start, head.end),
    role: head.text.replace(/^(the|a|an)\s+/i, ''),
    surface: null,
  }
}

/**
 * "he"/"she": the person the article is about at this point. Candidates are the persons named in
 * the last few paragraphs that agree in gender; the nearest wins, helped by having been a subject,
 * the last speaker or a speaker at all, and by looking like a person (a first name, a title, the
 * recogniser's word); a run that is only ever a bare capitalised word is a weak candidate.
 */
function resolvePronoun(ctx: Context, g: 'm' | 'f' | 'p', pos: number, lastSpeaker: Entity | null, lastSpeakerPos: number): Entity | null {
  if (g === 'p') {
    const orgs = ctx.discourse.occurrences.filter((o) => o.start < pos && o.entity.type === 'ORG')
    return orgs.length ? orgs[orgs.length - 1].entity : null
  }
  const pi = paragraphIndex(ctx, pos)
  const sent = ctx.sentenceBounds(pos)
  const prevSent = ctx.sentenceBounds(Math.max(0, sent.start - 2))
  const occ = ctx.discourse.occurrences
  const scores = new Map<Entity, number>()
  let lo = 0
  let hi = occ.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (occ[mid].start < pos) lo = mid + 1
    else hi = mid
  }
  const topic = recentSubject(ctx, g, pos, lo)
  let rank = 0
  for (let j = lo - 1; j >= 0; j--) {
    const o = occ[j]
    const e = o.entity
    if (e.type !== 'PERSON') continue
    const dp = pi - paragraphIndex(ctx, o.start)
    if (dp > 5) break
    if (e.gender && e.gender !== g) continue
    let sc = -0.6 * dp
    if (!scores.has(e)) sc -= 0.35 * rank++
    if (o.start >= sent.start) sc += 0.6
    else if (o.start >= prevSent.start) sc += 0.4
    if (o.subject) sc += 0.9
    if (e.gender === g) sc += 0.6
    if (!personLike(e)) sc -= 3
    if (e.speeches > 0) sc += 0.5
    if (e === lastSpeaker && pi - paragraphIndex(ctx, lastSpeakerPos) <= 2) sc += 1.2
    if (topic && e === topic.entity) sc += topic.bonus
    const prev = scores.get(e)
    if (prev === undefined || sc > prev) scores.set(e, sc)
  }
  let best: Entity | null = null
  let bestScore = -Infinity
  for (const [e, sc] of scores) {
    if (sc > bestScore) {
      best = e
      bestScore = sc
    }
  }
  if (best) return best
  // Nothing near: the last speaker of the article, if they agree.
  return lastSpeaker && (!lastSpeaker.gender || lastSpeaker.gender === g) ? lastSpeaker : null
}

/**
 * The subject of the nearest sentence (this one up to the pronoun, then earlier ones in the same or
 * previous paragraph) that has one: "Tad Devine, an adviser to Mr. Sanders, said … ‘…,’ he said".
 * A sentence whose subject is itself "he"/"she" continues an earlier topic: no new candidate.
 */
function recentSubject(ctx: Context, g: 'm' | 'f', pos: number, occEnd: number): { entity: Entity; bonus: number } | null {
  const sents = ctx.sentences
  let si = sentenceIndex(ctx, pos)
  const para = sents[si]?.paragraph ?? 0
  const occ = ctx.discourse.occurrences
  let j = occEnd - 1
  let chain = false
  for (let step = 0; si >= 0 && step < 4; si--, step++) {
    const s = sents[si]
    if (s.paragraph < para - (chain ? 2 : 1)) break
    const to = Math.min(s.end, pos)
    while (j >= 0 && occ[j].start >= to) j--
    let subj: Entity | null = null
    let reporter: Entity | null = null
    for (let k = j; k >= 0 && occ[k].start >= s.start; k--) {
      const e = occ[k].entity
      if (occ[k].subject && e.type === 'PERSON') subj = e // earliest subject of the sentence
      if (occ[k].reports && e.type === 'PERSON' && !reporter && (!e.gender || e.gender === g)) reporter = e // "…, Stovall said."
    }
    if (reporter) subj = reporter
    const pronoun = new RegExp(g === 'm' ? '\\b[Hh]e\\b' : '\\b[Ss]he\\b', 'g')
    const text = ctx.body.slice(s.start, to)
    let chained = false
    for (let m = pronoun.exec(text); m; m = pronoun.exec(text)) {
      if (!ctx.inQuote(s.start + m.index) && s.start + m.index < pos) {
        chained = true
        break
      }
    }
    if (subj && (!subj.gender || subj.gender === g) && personLike(subj)) return { entity: subj, bonus: chain ? 1.2 : step === 0 ? 1.8 : 1.4 }
    // "Walsh had close ties to Biden. But on Sunday he endorsed Clinton.¶¶“…,” he said": a sentence
    // whose subject is the same pronoun continues the topic; the chain leads further back.
    if (chained && step > 0) chain = true
  }
  return null
}

/** Whether an entity reads as a person rather than a capitalised common word ("People", "Audiences"). */
function personLike(e: Entity): boolean {
  if (e.notPerson) return false
  return e.tagged || e.gender !== null || e.speeches > 0 || e.roles.length > 0 || /\s/.test(e.canonical)
}

function sentenceIndex(ctx: Context, pos: number): number {
  const ss = ctx.sentences
  let lo = 0
  let hi = ss.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (ss[mid].start <= pos) lo = mid
    else hi = mid - 1
  }
  return lo
}

function paragraphIndex(ctx: Context, pos: number): number {
  const ps = ctx.doc.paragraphs
  let lo = 0
  let hi = ps.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (ps[mid].start <= pos) lo = mid
    else hi = mid - 1
  }
  return lo
}

/**
 * The speaker of a clause with no subject of its own ("…, adding that", "and said"): the first
 * person or organisation standing as a subject earlier in the sentence, else a leading pronoun.
 */
function sentenceSubject(ctx: Context, from: number, to: number): PhraseHead {
  const occ = ctx.discourse.occurrences.find((o) => o.start >= from && o.start < to && o.subject && !o.place)
  if (occ) return { kind: 'name', start: occ.start, end: occ.end, text: occ.text, role: null, possessiveRun: false }
  const toks = tokens(ctx.body, from, to)
  for (let k = 0; k < Math.min(toks.length, 8); k++) {
    const w = toks[k].text.toLowerCase()
    if (w === 'he' || w === 'she') return { kind: 'pronoun', start: toks[k].start, end: toks[k].end, text: toks[k].text, gender: w === 'he' ? 'm' : 'f' }
  }
  return { kind: 'none' }
}

/** Words that may stand between a subject and its verb ("Mr. Trump had criticized", "Biden also assured"). */
const AUXILIARIES = /^(had|has|have|also|then|later|once|previously|again|would|will|could|might|even|never|only|just|now|still|already|recently|repeatedly|often|once|first)$/

/**
 * "…during their first debate, Hillary Clinton cracked, “…”", "Mr. Biden assured his hometown that
 * Mrs. Clinton was “…”": with no reporting verb, the name or pronoun nearest before the quotation that
 * is followed by a verb of its own ("was", "is" and other copulas left out) is the one quoted.
 */
function nearestActor(ctx: Context, from: number, to: number): PhraseHead {
  const toks = tokens(ctx.body, from, to)
  for (let v = toks.length - 1; v >= 1; v--) {
    const w = toks[v].text
    if (!/^\p{Ll}+$/u.test(w) || !(/^\p{Ll}{3,}ed$/u.test(w) || isCue(toks[v]))) continue
    let k = v - 1
    while (k > 0 && AUXILIARIES.test(toks[k].text)) k--
    // "Gov. Pat McCrory (R) blamed": past a bracketed label.
    if (toks[k].text === ')') {
      while (k > 0 && toks[k].text !== '(') k--
      k--
    }
    if (k < 0 || !/^[\p{L}]/u.test(toks[k].text) || ctx.inQuote(toks[k].start)) continue
    const head = headBefore(ctx.body, toks.slice(0, k + 1))
    if (!('end' in head) || head.end !== toks[k].end) continue
    // "Mexican", "American": an adjective, not a name; a pronoun only as the sentence's own subject.
    if (head.kind === 'name' && ctx.discourse.classify(head.text, head.start, head.end)) return head
    if (head.kind === 'pronoun' && k <= 1) return head
  }
  return { kind: 'none' }
}

/** Nouns for something said or written: "Trump’s claim that …", "her comments that …". */
const SPEECH_NOUNS = new Set(('claim claims statement statements comment comments remark remarks words assertion pledge promise ' +
  'message tweet tweets warning argument description suggestion aside dictum quip slogan vow insistence contention ' +
  'charge accusation complaint boast prediction response reply answer declaration admission line refrain mantra call').split(' '))

/**
 * "Politifact seized on Donald Trump’s claim that there have been “…”", "his statement that “…”":
 * the owner of a noun for speech just before the quotation said it.
 */
function speechOwner(ctx: Context, from: number, to: number): PhraseHead {
  const toks = tokens(ctx.body, from, to)
  for (let k = toks.length - 1; k >= 1 && toks.length - k <= 12; k--) {
    if (!SPEECH_NOUNS.has(toks[k].text)) continue
    for (let j = k - 1; j >= 0 && k - j <= 3; j--) {
      const w = toks[j].text
      if (/^(his|her)$/i.test(w)) return { kind: 'pronoun', start: toks[j].start, end: toks[j].end, text: w, gender: w.toLowerCase() === 'his' ? 'm' : 'f' }
      const runs = nameRuns(ctx.body, toks.slice(0, j + 1))
      const run = runs[runs.length - 1]
      if (run && run.last === j && run.possessive) {
        const { run: name } = splitTitle(ctx.body, toks, run)
        return { kind: 'name', start: name.start, end: name.end, text: name.text, role: null, possessiveRun: true }
      }
      if (!/^\p{Ll}+$/u.test(w)) break // only adjectives between owner and noun ("controversial", "past")
    }
    return { kind: 'none' }
  }
  return { kind: 'none' }
}

const CONFIDENCE: Record<SpeakerResolution, number> = {
  named: 0.92,
  surname: 0.9,
  organisation: 0.85,
  title: 0.75,
  pronoun: 0.7,
  unresolved: 0,
}

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
    let lo = 0
    let hi = sentences.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (sentences[mid].start <= pos) lo = mid
      else hi = mid - 1
    }
    return { start: sentences[lo].start, end: sentences[lo].end }
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
    // A quotation later in the same paragraph as an attributed one: same speaker.
    if (donor === null && i > 0 && paraEnd[i - 1] === pi && results[i - 1]?.entity) donor = i - 1
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

  const evidence = how.map((h, i): AttributionEvidence => {
    const q = quotes[i]
    const sb = sentenceBounds(q.start)
    let sentSubject = false
    let sentEntity = false
    const occ = ctx.discourse.occurrences
    let lo = 0
    let hi = occ.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (occ[mid].start < sb.start) lo = mid + 1
      else hi = mid
    }
    for (let j = lo; j < occ.length; j++) {
      const o = occ[j]
      if (o.start >= sb.end) break
      if (o.start < sb.start || (o.start >= q.start && o.start < q.end)) continue
      sentEntity = true
      if (o.subject && o.start < q.start) sentSubject = true
    }
    if (!sentSubject) {
      const before = body.slice(sb.start, outer[i].start)
      const m = /(^|[,;:]\s+|\b(and|but|that)\s+)(he|she|they|we|I)\b/i.exec(before)
      if (m && !inQuote(sb.start + m.index + m[0].length - 1)) sentSubject = true
    }
    return { reporting: !!h.found && h.found.head.kind !== 'none', lead: h.lead, adjacent: !!h.found?.adjacent, according: !!h.found?.according, clauseOnly: !!h.found && h.found.head.kind === 'none', donor: h.donor, subjectOnly: h.subjectOnly, resolved: !!results[i]?.entity, sentSubject, sentEntity }
  })
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

interface Evidence {
  found: Found | null
  lead: boolean
  donor: boolean
  subjectOnly: boolean
}

/** End of the last non-empty paragraph before paragraph pi. */
function prevParaEnd(ctx: Context, pi: number): number {
  const ps = ctx.doc.paragraphs
  for (let j = pi - 1; j >= 0; j--) if (ctx.body.slice(ps[j].start, ps[j].end).trim()) return ps[j].end
  return 0
}

/** The person subject of the sentence ending at or before `pos` (outside quotations), resolved. */
function previousSubject(ctx: Context, pos: number, lastSpeaker: Entity | null): Resolved | null {
  if (pos <= 0) return null
  let at = pos - 1
  while (at > 0 && /\s/.test(ctx.body[at])) at--
  const s = ctx.sentenceBounds(at)
  if (ctx.inQuote(s.start)) return null
  // "Or maybe Jeb Bush, digital consultant Phil Musser says.": a sentence that ends in its reporting clause.
  const toks = tokens(ctx.body, s.start, Math.min(s.end, pos))
  let n = toks.length
  while (n > 0 && /^[.!?:;,]$/.test(toks[n - 1].text)) n--
  if (n >= 2 && isCue(toks[n - 1]) && !CUE_PARTICIPLES.has(toks[n - 1].text)) {
    const head = headBefore(ctx.body, toks.slice(0, n - 1))
    const r = resolveHead(ctx, head, toks[n - 1].start, lastSpeaker, -1)
    if (r?.entity) return r
  }
  // "When Wallace died, President Clinton released the following statement:": the clause nearest the
  // end, whose subject acts, before the sentence's first subject.
  const actor = resolveHead(ctx, nearestActor(ctx, s.start, Math.min(s.end, pos)), s.start, lastSpeaker, -1)
  if (actor?.entity) return actor
  const subj = sentenceSubject(ctx, s.start, Math.min(s.end, pos))
  const r = resolveHead(ctx, subj, s.start, lastSpeaker, -1)
  return r?.entity ? r : null
}

function lastSpeakerBefore(results: Array<{ entity: Entity | null } | null>, quotes: Quote[], pos: number): Entity | null {
  for (let j = quotes.length - 1; j >= 0; j--) if (quotes[j].start < pos && results[j]?.entity) return results[j]!.entity
  return null
}
