import { emptyArticle, newDoc, type NewsDoc } from '../../src/pipeline/document.js'
import { splitSentences } from '../../src/pipeline/sentences.js'
import { findQuotes } from '../../src/pipeline/quotes.js'
import { attributeSpeakers } from '../../src/pipeline/speakers.js'

/** Sentences, quotes and speakers over a bare body (no entity stage: the quote and speaker stages stand alone). */
export function quotesAndSpeakers(body: string): NewsDoc {
  const doc = newDoc('t', emptyArticle(body))
  splitSentences(doc)
  findQuotes(doc)
  attributeSpeakers(doc)
  return doc
}
