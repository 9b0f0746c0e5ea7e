import type { NewsDoc, Quote, QuotedPhrase } from './document.js'
import { paragraphSpans } from './sentences.js'
import { scanQuotations } from './quotes/marks.js'
import type { MarkedSpan } from './quotes/marks.js'
import { containing } from './spans.js'
import { isStageNote, turnLabel } from './quotes/turns.js'

/** The quotation marks each quote was read from (for the speech/scare decision after attribution). */
const marks = new WeakMap<Quote, MarkedSpan>()

/** The marks around a quote: as scanned, or re-read from the body for a quote made elsewhere. */
export function markedSpanOf(doc: NewsDoc, q: Quote): MarkedSpan {
  const known = marks.get(q)
  if (known) return known
  const body = doc.article.body
  let outerStart = q.start
  while (outerStart > 0 && /[\s"“”„«»'`‘’]/.test(body[outerStart - 1]) && body[outerStart - 1] !== '\n') outerStart--
  let outerEnd = q.end
  while (outerEnd < body.length && /[\s"“”„«»'‘’]/.test(body[outerEnd]) && body[outerEnd] !== '\n') outerEnd++
  const unterminated = !/["“”„«»'‘’]/.test(body.slice(q.end, outerEnd))
  return { start: q.start, end: q.end, outerStart, outerEnd, depth: 0, multiParagraph: q.text.includes('\n'), unterminated }
}

/**
 * Fills doc.quotes with every top-level quoted span of the body (speaker fields left unresolved for
 * attributeSpeakers, which also sets aside the scare quotes and titles once it knows who speaks) and
 * doc.quotedPhrases with quotations inside quotations (a speaker citing someone else is not a
 * separate quote).
 * Needs doc.paragraphs (splitSentences); uses doc.sentences when present.
 */
export function findQuotes(doc: NewsDoc): void {
  const body = doc.article.body
  const paragraphs = doc.paragraphs.length ? doc.paragraphs : paragraphSpans(body)
  const spans = scanQuotations(body, paragraphs)
  const quotes: Quote[] = []
  const phrases: QuotedPhrase[] = []
  for (const found of spans) {
    if (found.depth > 0) {
      phrases.push({ start: found.start, end: found.end, text: body.slice(found.start, found.end), kind: 'nested' })
      continue
    }
    if (isStageNote(body.slice(found.start, found.end))) {
      phrases.push({ start: found.start, end: found.end, text: body.slice(found.start, found.end), kind: 'note' })
      continue
    }
    const s = withoutTurnLabel(body, paragraphs, found)
    const text = body.slice(s.start, s.end)
    const q: Quote = {
      start: s.start,
      end: s.end,
      text,
      speaker: null,
      speakerKey: null,
      speakerType: null,
      speakerMention: null,
      cue: null,
      role: null,
      resolution: 'unresolved',
      confidence: 0,
    }
    marks.set(q, s)
    quotes.push(q)
  }
  doc.quotes = quotes
  doc.quotedPhrases = phrases
}

/**
 * "\"WALLACE: If I may, sir…": a transcript quoted turn by turn puts the speaker's label inside the
 * marks. The label names who speaks (the reporting clause, read by attribution); the turn's words
 * are the quotation.
 */
function withoutTurnLabel(body: string, paragraphs: Array<{ start: number; end: number }>, s: MarkedSpan): MarkedSpan {
  const para = containing(paragraphs, s.outerStart)
  if (!para || body.slice(para.start, s.outerStart).trim() !== '') return s
  const label = turnLabel(body.slice(s.start, s.end))
  if (!label) return s
  let start = s.start + label.end
  while (start < s.end && /\s/.test(body[start])) start++
  return start < s.end ? { ...s, start } : s
}
