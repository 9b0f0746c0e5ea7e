import { newDoc, type ArticleFields, type NewsDoc } from './document.js'
import { splitSentences } from './sentences.js'
import { recogniseEntities } from './entities.js'
import { findQuotes } from './quotes.js'
import { attributeSpeakers } from './speakers.js'

export type Stage = (doc: NewsDoc) => void

/**
 * The annotation stages in their declared order. Each reads what the earlier ones added:
 * sentences → entities (mentions, canonical names) → quotes (spans) → speakers (attribution).
 */
export const stages: ReadonlyArray<readonly [name: string, run: Stage]> = [
  ['sentences', splitSentences],
  ['entities', recogniseEntities],
  ['quotes', findQuotes],
  ['speakers', attributeSpeakers],
]

/** Annotates one extracted article. Pure: no I/O, no database. */
export function annotate(name: string, article: ArticleFields): NewsDoc {
  const doc = newDoc(name, article)
  for (const [, run] of stages) run(doc)
  return doc
}
