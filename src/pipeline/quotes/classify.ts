/**
 * Speech or not: a quoted span is a quotation of someone, or a phrase the writer holds at arm's
 * length (scare quotes: the “establishment”), or the title of a work (“Meet the Press”).
 *
 * A logistic model decides, over surface features of the span, what attribution found, how the
 * surrounding prose uses the span (usage.ts), whether it lies inside what a source is reported to
 * say (scope.ts) and the words around its marks; the weights are learned from annotated news
 * (`npm run train`, scripts/train/quotes.ts) and live in weights.ts.
 */
import type { NewsDoc } from '../document.js'
import { CUE_VERBS } from '../speakers/lexicon.js'
import type { MarkedSpan } from './marks.js'
import { QUOTE_WEIGHTS, QUOTE_THRESHOLD, QUOTE_WORD_WEIGHTS } from './weights.js'
import { SCOPE_FEATURES, clauseKeys, scopeFeatures, type FoundClause } from './scope.js'
import { containing } from '../spans.js'
import { USAGE_FEATURES, contextKeys, usageFeatures } from './usage.js'

export type QuotedKind = 'quote' | 'scare' | 'title'

export const FEATURES = [
  'bias', 'w1', 'w2', 'w3', 'w4_6', 'w7p', 'titleCase', 'firstCap', 'endsPunct', 'person', 'cueNear', 'cueAdjacent',
  'determinerBefore', 'namingBefore', 'onInBefore', 'colonBefore', 'startsParagraph', 'wholeParagraph',
  'lowerAfter', 'sentenceLike', 'cueInParagraph', 'commaInside', 'unterminated',
] as const

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu
const MINOR = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'in', 'on', 'at', 'to', 'for', 'with', 'by', 'from', 'is', 'as', '&'])

function wordsOf(s: string): string[] {
  return s.match(WORD) ?? []
}

/** Feature vector of one top-level quoted span (same order as FEATURES). */
export function quotedFeatures(doc: NewsDoc, s: MarkedSpan): number[] {
  const body = doc.article.body
  const text = body.slice(s.start, s.end)
  const words = wordsOf(text)
  const n = words.length
  const para = containing(doc.paragraphs, s.start) ?? { start: 0, end: body.length }
  const sent = containing(doc.sentences, s.start) ?? para
  const before = body.slice(Math.max(para.start, sent.start), s.outerStart)
  const after = body.slice(s.outerEnd, Math.min(para.end, Math.max(sent.end, s.outerEnd)))
  const beforeWords = wordsOf(before)
  const afterWords = wordsOf(after)
  const content = words.filter((w) => !MINOR.has(w.toLowerCase()))
  const titleCase = content.length > 0 && content.every((w) => /^[\p{Lu}\p{N}]/u.test(w)) && n <= 12
  const cue = (ws: string[]) => ws.some((w) => CUE_VERBS.has(w))
  const lastBefore = beforeWords.slice(-1)[0]?.toLowerCase() ?? ''
  const lastTwo = beforeWords.slice(-2).join(' ').toLowerCase()
  const paraText = body.slice(para.start, para.end)
  const outsideWords = wordsOf(paraText.slice(0, s.outerStart - para.start) + ' ' + paraText.slice(s.outerEnd - para.start))
  return [
    1,
    n === 1 ? 1 : 0,
    n === 2 ? 1 : 0,
    n === 3 ? 1 : 0,
    n >= 4 && n <= 6 ? 1 : 0,
    n >= 7 ? 1 : 0,
    titleCase ? 1 : 0,
    /^\p{Lu}/u.test(text) ? 1 : 0,
    /[.,!?]$/.test(text) ? 1 : 0,
    words.some((w) => /^(I|we|me|us|my|our|you|your|I'm|I’m|we're|we’re)$/.test(w)) ? 1 : 0,
    cue(beforeWords.slice(-10)) || cue(afterWords.slice(0, 10)) ? 1 : 0,
    cue(afterWords.slice(0, 4)) || cue(beforeWords.slice(-3)) ? 1 : 0,
    /^(the|a|an|his|her|their|its|our|this|that|these|those)$/.test(lastBefore) || /['’]s$/.test(lastBefore) ? 1 : 0,
    /^(called|dubbed|named|titled|entitled|so-called|term|word|words|phrase|slogan|label|nickname|known|as|of)$/.test(lastBefore) || /known as|so called/.test(lastTwo) ? 1 : 0,
    /^(on|in)$/.test(lastBefore) && /^\p{Lu}/u.test(text) ? 1 : 0,
    /:\s*$/.test(before) ? 1 : 0,
    body.slice(para.start, s.outerStart).trim() === '' ? 1 : 0,
    body.slice(para.start, s.outerStart).trim() === '' && body.slice(s.outerEnd, para.end).trim() === '' ? 1 : 0,
    /^\s*\p{Ll}/u.test(after) ? 1 : 0,
    n >= 4 && /^\p{Lu}/u.test(text) && /[.!?,]$/.test(text) ? 1 : 0,
    cue(outsideWords) ? 1 : 0,
    text.includes(',') ? 1 : 0,
    s.unterminated ? 1 : 0,
  ]
}

/** What the speaker stage found for a quotation, as the speech/scare decision uses it. */
export interface AttributionEvidence {
  /** A reporting clause with a speaker phrase of its own ("…,” Miller said). */
  reporting: boolean
  /** That clause comes before the quotation. */
  lead: boolean
  adjacent: boolean
  according: boolean
  /** A reporting verb with no subject of its own ("…, adding that “…”"). */
  clauseOnly: boolean
  /** The speaker was carried over from a neighbouring quotation. */
  donor: boolean
  /** Only the sentence's subject stands for the speaker (no reporting verb). */
  subjectOnly: boolean
  resolved: boolean
  /** A person or organisation (or a pronoun) is a subject in the sentence before the quotation. */
  sentSubject: boolean
  /** Some person or organisation is named in the sentence outside the quotation. */
  sentEntity: boolean
  /** A transcript's speaker label opens the quotation ("\"WALLACE: …"). */
  turn: boolean
  /** The reporting clause before the quotation is the one after the quotation before it ("“…,” he said on “…”"). */
  sharedClause: boolean
  /** …and no comma or colon sets the quotation off from that clause (it sits inside the clause: "he told “Fox and Friends”"). */
  sharedClauseInline: boolean
  /** The reporting verb the speaker stage found and its subject, wherever they stand (null when none). */
  clause: FoundClause | null
}

export const SPEECH_FEATURES = [
  ...FEATURES, 'reporting', 'lead', 'adjacent', 'according', 'clauseOnly', 'donor', 'subjectOnly', 'resolved',
  'shortNoReporting', 'shortResolved', 'shortTitleNoReporting', 'longNoEvidence',
  'sentSubject', 'sentEntity', 'shortNoSubject', 'opensSentence', 'modifier', 'titleNoun', 'possessorBefore', 'shortNoEntity',
  'sharedClause', 'sharedClauseInline', ...USAGE_FEATURES, ...SCOPE_FEATURES,
] as const

const TITLE_NOUNS = /^(show|shows|program|programme|book|books|film|movie|series|column|headline|song|album|ad|ads|slogan|essay|article|documentary|novel|play|musical|memoir|hashtag|website|blog|podcast|report|speech|titled|entitled|episode|segment|magazine|newsletter|video|poem|painting|hit|sitcom|broadcast|edition)$/i

/** Surface features followed by attribution features (same order as SPEECH_FEATURES). */
export function speechFeatures(doc: NewsDoc, s: MarkedSpan, ev: AttributionEvidence): number[] {
  const f = quotedFeatures(doc, s)
  const short = f[1] || f[2] || f[3] ? 1 : 0
  const title = f[FEATURES.indexOf('titleCase')]
  const any = ev.reporting || ev.clauseOnly || ev.donor || ev.resolved
  return [
    ...f,
    ev.reporting ? 1 : 0,
    ev.lead ? 1 : 0,
    ev.adjacent ? 1 : 0,
    ev.according ? 1 : 0,
    ev.clauseOnly ? 1 : 0,
    ev.donor ? 1 : 0,
    ev.subjectOnly ? 1 : 0,
    ev.resolved ? 1 : 0,
    short && !ev.reporting ? 1 : 0,
    short && ev.resolved ? 1 : 0,
    short && title && !ev.reporting ? 1 : 0,
    !short && !any ? 1 : 0,
    ev.sentSubject ? 1 : 0,
    ev.sentEntity ? 1 : 0,
    short && !ev.sentSubject && !ev.reporting ? 1 : 0,
    ...context(doc, s),
    short && !ev.sentEntity && !ev.reporting ? 1 : 0,
    ev.sharedClause ? 1 : 0,
    ev.sharedClauseInline ? 1 : 0,
    ...usageFeatures(doc, s, short === 1, title === 1),
    ...scopeFeatures(doc, s, ev.clause),
  ]
}

/** opensSentence, modifier, titleNoun, possessorBefore: how the words around the marks use the span. */
function context(doc: NewsDoc, s: MarkedSpan): number[] {
  const body = doc.article.body
  const before = body.slice(Math.max(0, s.outerStart - 60), s.outerStart)
  const after = body.slice(s.outerEnd, s.outerEnd + 40)
  const bw = wordsOf(before)
  const aw = wordsOf(after)
  const opens = /(^|[.!?]["”’]?\s+|\n\s*)$/.test(before) && !/^\s*(\n|$)/.test(after) ? 1 : 0
  const lastBefore = bw[bw.length - 1] ?? ''
  const det = /^(the|a|an|his|her|their|its|our|this|that|these|those|so-called)$/i.test(lastBefore)
  const modifier = det && /^\s*\p{Ll}/u.test(after) && !/^(is|was|are|were|has|had|have|and|or|to|in|on|at|of|for|with|that|which|as|by|from|but)$/.test(aw[0] ?? '') ? 1 : 0
  const titleNoun = bw.slice(-3).some((w) => TITLE_NOUNS.test(w)) || TITLE_NOUNS.test(aw[0] ?? '') ? 1 : 0
  const possessor = /^\p{Lu}.*['’]s?$/u.test(lastBefore) || /\p{Lu}[\p{L}.]*['’]s?\s*$/u.test(before) ? 1 : 0
  return [opens, modifier, titleNoun, possessor]
}

/** Speech, scare quote or title, once attribution is known. */
export function classifySpeech(doc: NewsDoc, s: MarkedSpan, ev: AttributionEvidence): QuotedKind {
  // A labelled turn is its speaker's words by the transcript's own convention; annotated news holds
  // too few transcripts for the model to learn that.
  if (ev.turn) return 'quote'
  const f = speechFeatures(doc, s, ev)
  if (speechProbability(doc, s, f) >= QUOTE_THRESHOLD) return 'quote'
  return f[FEATURES.indexOf('titleCase')] ? 'title' : 'scare'
}

/**
 * The sparse features of a span: the words around its marks (usage.ts), the words of its own clause
 * (scope.ts) and every pair of dense features that fire together ("p:titleCase*stanceVerb"), which
 * lets a linear model weigh a title in a sentence that reports speech differently from either alone.
 */
export function speechKeys(doc: NewsDoc, s: MarkedSpan, features: number[]): string[] {
  const keys = [...contextKeys(doc, s), ...clauseKeys(doc, s)]
  const on: number[] = []
  // Index 0 is the bias, always on: pairs with it would repeat the single features.
  for (let i = 1; i < features.length; i++) if (features[i] !== 0) on.push(i)
  for (let a = 0; a < on.length; a++) {
    for (let b = a + 1; b < on.length; b++) keys.push(`p:${SPEECH_FEATURES[on[a]]}*${SPEECH_FEATURES[on[b]]}`)
  }
  return keys
}

/**
 * The weights of the pair keys ("p:a*b") by feature indices, row a, column b: a span has some twenty
 * dense features on, so its pairs are two hundred key strings to build and look up, most of the
 * classifier's time. Zero where the model has no weight, which adds nothing, as a missing key does.
 */
const PAIR_WEIGHTS = (() => {
  const n = SPEECH_FEATURES.length
  const table = new Float64Array(n * n)
  for (let a = 1; a < n; a++) {
    for (let b = a + 1; b < n; b++) table[a * n + b] = QUOTE_WORD_WEIGHTS[`p:${SPEECH_FEATURES[a]}*${SPEECH_FEATURES[b]}`] ?? 0
  }
  return table
})()

/**
 * The model's probability that a span is speech: the dense features, then the sparse ones in
 * speechKeys' order (the pairs' weights from PAIR_WEIGHTS instead of by key), as training scored them.
 */
export function speechProbability(doc: NewsDoc, s: MarkedSpan, features: number[]): number {
  let z = 0
  for (let i = 0; i < features.length; i++) z += (QUOTE_WEIGHTS[i] ?? 0) * features[i]
  for (const k of contextKeys(doc, s)) z += QUOTE_WORD_WEIGHTS[k] ?? 0
  for (const k of clauseKeys(doc, s)) z += QUOTE_WORD_WEIGHTS[k] ?? 0
  const n = SPEECH_FEATURES.length
  for (let a = 1; a < features.length; a++) {
    if (features[a] === 0) continue
    for (let b = a + 1; b < features.length; b++) if (features[b] !== 0) z += PAIR_WEIGHTS[a * n + b]
  }
  return 1 / (1 + Math.exp(-z))
}
