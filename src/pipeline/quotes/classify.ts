/**
 * Speech or not: a quoted span is a quotation of someone, or a phrase the writer holds at arm's
 * length (scare quotes: the “establishment”), or the title of a work (“Meet the Press”).
 *
 * A logistic model over a few surface features of the span and its sentence decides; the weights
 * are learned from annotated news (see scripts/quote-errors.ts `train`) and live in weights.ts.
 */
import type { NewsDoc } from '../document.js'
import { CUE_VERBS } from '../speakers/lexicon.js'
import type { MarkedSpan } from './marks.js'
import { QUOTE_WEIGHTS, QUOTE_THRESHOLD } from './weights.js'

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
  const para = doc.paragraphs.find((p) => p.start <= s.start && s.start < p.end) ?? { start: 0, end: body.length }
  const sent = doc.sentences.find((x) => x.start <= s.start && s.start < x.end) ?? para
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

export function quoteProbability(features: number[]): number {
  let z = 0
  for (let i = 0; i < features.length; i++) z += (QUOTE_WEIGHTS[i] ?? 0) * features[i]
  return 1 / (1 + Math.exp(-z))
}

/** Decides whether a top-level quoted span is speech or a phrase nobody says. */
export function classifyQuoted(doc: NewsDoc, s: MarkedSpan): QuotedKind {
  const f = quotedFeatures(doc, s)
  if (quoteProbability(f) >= QUOTE_THRESHOLD) return 'quote'
  return f[FEATURES.indexOf('titleCase')] ? 'title' : 'scare'
}
