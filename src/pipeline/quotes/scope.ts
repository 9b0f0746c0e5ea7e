/**
 * Whether a quoted span lies inside what someone is reported to say or think. News prose quotes in
 * two ways: inside the content of an attribution ("The agency has concluded that “top secret”
 * information was included", "“…excesses” are sickening, Hollande said", "the People's Daily calls
 * it “the pearl”") and inside the writer's own sentence ("The government is building a “dry port”",
 * "a show called “Brokers”"). The first is speech even when the span is a single word; the second
 * is not, whatever the words. A source (a name, a pronoun, a noun phrase) with a verb of saying or
 * of holding a view opens the content, and a clause boundary (";", "but", a new main clause) closes
 * it.
 */
import type { NewsDoc, Span } from '../document.js'
import { SPEECH_NOUNS } from '../speakers/fallbacks.js'
import { CUE_VERBS } from '../speakers/lexicon.js'
import { NAMING_VERBS } from '../speakers/outer-reporter.js'
import { headBefore, tokens, type PhraseHead, type Token } from '../speakers/phrases.js'
import type { MarkedSpan } from './marks.js'
import { spanIndex } from '../spans.js'
import { isStanceVerb } from './usage.js'

/**
 * scopeCue / scopeStance: a reporting or stance verb with a subject of its own introduces the span;
 * scopeCueBare: a reporting verb with none ("…, adding that"); scopeNaming: a source names the thing
 * ("X calls it “…”"), scopeNamingBare: the writer does ("a show called “…”"); scopeSourceEntity: that
 * subject is a person, an organisation or a pronoun; scopeAdjacent / scopeFar: at most 2 / at least
 * 10 words between verb and span; scopeClosed: a boundary ends the content before the span;
 * scopeTrailing / scopeLeadCue: the speaker stage's reporting clause after / before the span with no
 * boundary between; scopeAccording: "according to" in the sentence; scopeColon: "X had one message:
 * “…”"; scopeSpeechNoun: "the claim that “…”"; scopeNone: none of these reaches the span.
 */
export const SCOPE_FEATURES = [
  'scopeCue', 'scopeCueBare', 'scopeStance', 'scopeNaming', 'scopeNamingBare', 'scopeSourceEntity', 'scopeAdjacent',
  'scopeFar', 'scopeClosed', 'scopeTrailing', 'scopeLeadCue', 'scopeAccording', 'scopeColon', 'scopeSpeechNoun', 'scopeNone',
] as const

/** Where the speaker stage found the reporting verb of a quotation and its subject (null when none). */
export interface FoundClause {
  cue: Span
  source: { start: number; end: number } | null
}

const DETERMINER = /^(the|a|an|his|her|its|their|our|my|your|this|that|these|those)$/i
const MAKE = /^(make|makes|made|making)$/i
/** Words that start a clause of their own after a comma: the content before them is over. */
const CLAUSE_OPENERS = /^(while|whereas|although|though|yet|meanwhile|however)$/i
/** After ", and": a subject of its own makes a new main clause ("…, and the party is building"). */
const SUBJECT_START = /^(he|she|they|we|i|it|the|a|an|his|her|their|its)$/i
/** Personal pronouns as subjects, with their contractions ("he’s", "they're"). */
const PERSONAL = /^(he|she|they|we|i|who)(['’](s|re|ve|d|ll|m))?$/i
/** A finite verb resuming a main clause after an aside ("Trump, who said …, is building"). */
const RESUMING = /^(is|was|are|were|has|have|had|will|would|can|could|may|might|must|should)$/i
/** Words between a subject and its verb ("Trump has also repeatedly called"). */
const BETWEEN_SUBJECT_AND_VERB = /^(had|has|have|also|then|later|once|previously|again|would|will|could|might|even|never|only|just|now|still|already|recently|repeatedly|often|first|not|\p{Ll}+ly)$/u

/** A clause boundary at toks[k]: the content of a verb before it does not reach past it. */
function closesClause(toks: Token[], k: number): boolean {
  return endsSubjectSearch(toks, k) || (toks[k].text === ',' && RESUMING.test(toks[k + 1]?.text ?? '') && asideReports(toks, k))
}

/**
 * Whether the aside ending at the comma toks[k] reports something itself ("Trump, who said …, is
 * building"): then the main clause resumed after it is the writer's. An aside without such a verb
 * ("He says cutting benefits, especially for single mothers, is “unconscionable”") leaves the
 * content of the verb before it running on.
 */
function asideReports(toks: Token[], k: number): boolean {
  let reports = false
  let j = k - 1
  for (; j >= 0 && toks[j].text !== ','; j--) {
    if (endsSubjectSearch(toks, j)) return false
    if (verbKind(toks, j)) reports = true
  }
  // "…, as he later explained, was an “economic bubble”": an aside opened by "as" attributes the
  // clause it interrupts, which stays reported speech.
  return reports && !/^as$/i.test(toks[j + 1]?.text ?? '')
}

/** A boundary no subject is looked for across (an aside before "has said" belongs to its subject). */
function endsSubjectSearch(toks: Token[], k: number): boolean {
  const t = toks[k].text
  if (t === ';' || t === '.' || t === '!' || t === '?') return true
  if (/^but$/i.test(t)) return true
  if (CLAUSE_OPENERS.test(t) && (k === 0 || toks[k - 1].text === ',')) return true
  if (toks[k - 1]?.text === ',' && /^and$/i.test(t) && SUBJECT_START.test(toks[k + 1]?.text ?? '')) return true
  return false
}

/** A verb form at toks[k] that reports speech or a view, and not the noun of the same spelling. */
function verbKind(toks: Token[], k: number): 'cue' | 'naming' | 'stance' | 'noun' | null {
  const w = toks[k].text
  if (!/^\p{Ll}/u.test(w)) return null
  const next = toks[k + 1]?.text ?? ''
  // "Trump's claim that …", "his message: …": a noun for speech opens content as a verb does.
  if (SPEECH_NOUNS.has(w) && /^(that|:)$/.test(next)) return 'noun'
  const prev = toks[k - 1]?.text ?? ''
  if (DETERMINER.test(prev) || /['’]s$/.test(prev) || next === 'of') return null // "the report", "Trump's claims", "embrace of"
  // "she made it clear that she has “…”": making something clear states a view.
  if (w === 'clear' && (MAKE.test(prev) || (prev === 'it' && MAKE.test(toks[k - 2]?.text ?? '')))) return 'stance'
  if (NAMING_VERBS.test(w)) return 'naming'
  if (CUE_VERBS.has(w)) return 'cue'
  if (isStanceVerb(w)) return 'stance'
  return null
}

/** Whether a subject phrase is a person, an organisation or a personal pronoun. */
function isSource(doc: NewsDoc, head: PhraseHead): boolean {
  if (head.kind === 'pronoun') return true
  if (head.kind === 'descriptor') return head.person
  if (head.kind !== 'name') return false
  if (head.person) return true
  return doc.mentions.some((m) => m.start < head.end && m.end > head.start && m.type !== 'PLACE')
}

/** Tokens of [from, to) with every other quotation collapsed into one placeholder word. */
function sentenceTokens(doc: NewsDoc, from: number, to: number, self: MarkedSpan): Token[] {
  const body = doc.article.body
  const out: Token[] = []
  const others = doc.quotes.filter((q) => q.end > from && q.start < to && (q.start !== self.start || q.end !== self.end))
  for (const t of tokens(body, from, to)) {
    const inside = others.find((q) => t.start >= q.start && t.start < q.end)
    if (!inside) out.push(t)
    else if (out[out.length - 1]?.start !== inside.start) out.push({ start: inside.start, end: inside.end, text: 'QUOTE' })
  }
  return out
}

function sentenceAt(doc: NewsDoc, pos: number): { start: number; end: number } {
  const xs = doc.sentences.length ? doc.sentences : doc.paragraphs
  return xs[spanIndex(xs, pos)] ?? { start: 0, end: doc.article.body.length }
}

/** Scope features of a top-level quoted span (same order as SCOPE_FEATURES). */
export function scopeFeatures(doc: NewsDoc, s: MarkedSpan, found: FoundClause | null): number[] {
  const body = doc.article.body
  const sent = sentenceAt(doc, s.start)
  const from = Math.min(sent.start, s.outerStart)
  const before = sentenceTokens(doc, from, s.outerStart, s)
  // “…?” Hannity pressed.: a question closes its sentence inside the marks; the clause after it still reports it.
  const endSent = sentenceAt(doc, Math.max(s.start, s.end - 1))
  const nextSent = endSent.end <= s.outerEnd + 1 && /[?!]$/.test(body.slice(s.start, s.end)) ? sentenceAt(doc, s.outerEnd + 1) : endSent
  const afterEnd = Math.max(nextSent.end, s.outerEnd)
  const after = sentenceTokens(doc, s.outerEnd, afterEnd, s)

  // The verb nearest before the span whose content reaches it.
  let verb = -1
  let kind: ReturnType<typeof verbKind> = null
  let closed = false
  for (let k = before.length - 1; k >= 0; k--) {
    if (closesClause(before, k)) {
      closed = true
      break
    }
    kind = verbKind(before, k)
    if (kind) {
      verb = k
      break
    }
  }
  // A verb further back, cut off from the span by the boundary: the span is past its content.
  const closedVerb = closed && before.some((_, k) => verbKind(before, k) !== null)
  let subject: PhraseHead = { kind: 'none' }
  let adjacentSubject = false
  let looseSource = false
  if (verb > 0) {
    let start = 0
    for (let k = verb - 1; k >= 0; k--) {
      if (endsSubjectSearch(before, k)) {
        start = k + 1
        break
      }
    }
    let j = verb - 1
    while (j >= start && BETWEEN_SUBJECT_AND_VERB.test(before[j].text)) j--
    // The subject ends where the auxiliaries and adverbs before the verb begin ("Alvarez has denounced").
    const clause = before.slice(start, j + 1)
    if (clause.length) subject = headBefore(body, clause)
    adjacentSubject = subject.kind !== 'none' && j >= start && subject.end === before[j].end
    // "And he’s predicting that …", "… rallies and called him": a person or pronoun earlier in the
    // clause is the verb's subject even where the phrase reader finds none right before the verb.
    if (subject.kind === 'none') looseSource = before.slice(start, verb).some((t) => PERSONAL.test(t.text) || doc.mentions.some((m) => m.type !== 'PLACE' && m.start <= t.start && t.start < m.end))
  }
  const hasSubject = subject.kind !== 'none' || looseSource
  const words = verb >= 0 ? before.slice(verb + 1).filter((t) => /^[\p{L}\p{N}]/u.test(t.text)).length : -1
  const source = looseSource || (hasSubject && isSource(doc, subject))
  const cueVerb = kind === 'cue'
  // "the People's Daily calls it “…”" names through a source; "a show called “…”" is the writer's.
  // A present form ("calls") or an auxiliary ("has dubbed") makes the verb finite, with a subject of its own.
  const finite = /s$/.test(before[verb]?.text ?? '') || /^(has|have|had)$/.test(before[verb - 1]?.text ?? '')
  const namingSource = kind === 'naming' && adjacentSubject && (finite || subject.kind === 'name' || subject.kind === 'pronoun' || source)

  // The speaker stage's reporting verb, in the same sentence, with no boundary between it and the span.
  let trailing = false
  let leadCue = false
  if (found) {
    const { cue, source: src } = found
    const clauseStart = Math.min(cue.start, src?.start ?? cue.start)
    if (clauseStart >= s.outerEnd && cue.start < afterEnd) {
      // "…“excesses” are sickening, Hollande said": the reporting clause is set off after the content.
      let k = after.findIndex((t) => t.start >= clauseStart)
      // "…, the U.S. State Department said": the article before a name is part of the clause.
      while (k > 0 && DETERMINER.test(after[k - 1].text)) k--
      const setOff = k <= 0 || /^[,—–-]$/.test(after[k - 1].text) || after[k - 1].text === 'QUOTE'
      trailing = k >= 0 && setOff && !after.slice(0, k).some((_, i) => closesClause(after, i))
    } else if (cue.end <= s.outerStart && cue.start >= from) {
      const k = before.findIndex((t) => t.start >= cue.end)
      leadCue = !before.slice(k < 0 ? before.length : k).some((_, i, xs) => closesClause(xs, i))
    }
  }
  const according = [...before, ...after].some((t, i, xs) => /^according$/i.test(t.text) && xs[i + 1]?.text === 'to')
  const last = before[before.length - 1]
  const colon = last?.text === ':' && before.length >= 3 && headBefore(body, before.slice(0, -1)).kind !== 'none'
  const scoped = (cueVerb && hasSubject) || (kind === 'stance' && hasSubject) || namingSource || kind === 'noun' || trailing || leadCue || according || colon
  return [
    cueVerb && hasSubject ? 1 : 0,
    cueVerb && !hasSubject ? 1 : 0,
    kind === 'stance' && hasSubject ? 1 : 0,
    namingSource ? 1 : 0,
    kind === 'naming' && !namingSource ? 1 : 0,
    source ? 1 : 0,
    verb >= 0 && words <= 2 ? 1 : 0,
    verb >= 0 && words >= 10 ? 1 : 0,
    closedVerb ? 1 : 0,
    trailing ? 1 : 0,
    leadCue ? 1 : 0,
    according ? 1 : 0,
    colon ? 1 : 0,
    kind === 'noun' ? 1 : 0,
    scoped ? 0 : 1,
  ]
}

/**
 * Sparse features naming the words of the span's own clause before it ("c:building", "c:said"): the
 * words after the last clause boundary, so a verb that governs the span is told apart from one whose
 * content ended earlier in the sentence. "c:¶" when the span opens its clause.
 */
export function clauseKeys(doc: NewsDoc, s: MarkedSpan): string[] {
  const sent = sentenceAt(doc, s.start)
  const before = sentenceTokens(doc, Math.min(sent.start, s.outerStart), s.outerStart, s)
  let k = before.length - 1
  while (k >= 0 && !closesClause(before, k)) k--
  const words = before.slice(k + 1).filter((t) => /^[\p{L}]/u.test(t.text) && t.text !== 'QUOTE').slice(-12)
  if (!words.length) return ['c:¶']
  return [...new Set(words.map((t) => `c:${t.text.toLowerCase()}`))]
}
