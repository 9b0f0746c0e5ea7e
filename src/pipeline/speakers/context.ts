/** What every attribution step shares: the document, its quotations and sentence and paragraph lookups. */
import type { NewsDoc, Quote, Sentence, Span } from '../document.js'
import { spanIndex } from '../spans.js'
import type { Discourse } from './discourse.js'
import type { PhraseHead } from './phrases.js'

export const QUOTE_MARK = /["“”„«»`'‘’]/

export interface Found {
  head: PhraseHead
  cue: Span
  /** The speaker phrase stands right by the quotation ("…,” Miller said). */
  adjacent: boolean
  /** "according to X": the weakest kind of attribution. */
  according: boolean
  /** A transcript's speaker label ("WALLACE: …"): the turn after it is that speaker's, by the format. */
  turn?: boolean
}

export interface Context {
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

export function span(body: string, start: number, end: number): Span {
  return { start, end, text: body.slice(start, end) }
}

/** Extends a quote over its marks and surrounding spaces. */
export function outerOf(body: string, q: Quote): { start: number; end: number } {
  let s = q.start
  while (s > 0 && (QUOTE_MARK.test(body[s - 1]) || body[s - 1] === ' ' || body[s - 1] === '\u00a0')) s--
  let e = q.end
  while (e < body.length && (QUOTE_MARK.test(body[e]) || body[e] === ' ' || body[e] === '\u00a0') && body[e] !== '\n') e++
  return { start: s, end: e }
}

export function sentenceIndex(ctx: Context, pos: number): number {
  return spanIndex(ctx.sentences, pos)
}

export function paragraphIndex(ctx: Context, pos: number): number {
  return spanIndex(ctx.doc.paragraphs, pos)
}

/** End of the last non-empty paragraph before paragraph pi. */
export function prevParaEnd(ctx: Context, pi: number): number {
  const ps = ctx.doc.paragraphs
  for (let j = pi - 1; j >= 0; j--) if (ctx.body.slice(ps[j].start, ps[j].end).trim()) return ps[j].end
  return 0
}
