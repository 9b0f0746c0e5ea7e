import type { NewsDoc, Quote, QuotedPhrase } from './document.js'
import { paragraphSpans } from './sentences.js'
import { scanQuotations } from './quotes/marks.js'
import { classifyQuoted } from './quotes/classify.js'

/**
 * Fills doc.quotes with the direct quotations of the body (speaker fields left unresolved for
 * attributeSpeakers) and doc.quotedPhrases with quoted words nobody says: scare quotes, titles,
 * and quotations inside quotations (a speaker citing someone else is not a separate quote).
 * Needs doc.paragraphs (splitSentences); uses doc.sentences when present.
 */
export function findQuotes(doc: NewsDoc): void {
  const body = doc.article.body
  const paragraphs = doc.paragraphs.length ? doc.paragraphs : paragraphSpans(body)
  const spans = scanQuotations(body, paragraphs)
  const quotes: Quote[] = []
  const phrases: QuotedPhrase[] = []
  for (const s of spans) {
    const text = body.slice(s.start, s.end)
    if (s.depth > 0) {
      phrases.push({ start: s.start, end: s.end, text, kind: 'nested' })
      continue
    }
    const kind = classifyQuoted(doc, s)
    if (kind !== 'quote') {
      phrases.push({ start: s.start, end: s.end, text, kind })
      continue
    }
    quotes.push({
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
    })
  }
  doc.quotes = quotes
  doc.quotedPhrases = phrases
}
