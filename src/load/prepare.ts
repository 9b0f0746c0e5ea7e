import type { ArticleFields, NewsDoc } from '../pipeline/document.js'
import { annotate } from '../pipeline/index.js'
import { ExtractError, extractFile, type ManifestEntry } from '../pipeline/extract.js'
import { contentHash } from '../db/store.js'
import { FileProblem, readTextFile } from './read.js'

/** A file that was read and extracted but holds nothing to store. */
class InputProblem extends Error {}

/** Problems with the input read as their message; anything else is a fault of ours, named as such. */
export function reasonOf(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] || 'unknown error'
  if (error instanceof FileProblem || error instanceof ExtractError || error instanceof InputProblem) return message
  return `internal error while loading (${error instanceof Error ? error.name : 'error'}): ${message}`
}

/**
 * What preparing a file produced, one entry per record in file order: a problem to report, or an
 * article to save with its content hash. `doc` is null when the content was already stored when it
 * was prepared, so it was not annotated; `article` is kept then, in case the writer finds otherwise.
 */
export type Prepared =
  | { kind: 'problem'; reason: string }
  | { kind: 'article'; hash: string; doc: NewsDoc }
  | { kind: 'stored'; hash: string; name: string; article: ArticleFields }

/**
 * Reads, extracts and annotates one file, record by record (a generator, so a file of many records
 * is never held annotated all at once). `isStored` spares annotating content the archive already
 * holds. Everything here is pure computation over the file: it runs in the loading thread or in a
 * worker thread alike, and never writes.
 */
export function* prepareFile(path: string, manifest: ManifestEntry | undefined, isStored: (hash: string) => boolean): Generator<Prepared> {
  let records: ReturnType<typeof extractFile>
  try {
    records = extractFile({ ...readTextFile(path), ...(manifest ? { manifest } : {}) })
    if (records.length === 0) throw new InputProblem('no article found in the file')
  } catch (error) {
    yield { kind: 'problem', reason: reasonOf(error) }
    return
  }
  for (const { doc, article } of records) {
    // A file of several records reports a bad record by its id and keeps the others.
    const where = records.length > 1 ? `record ${doc}: ` : ''
    let prepared: Prepared
    try {
      if (article.body.trim() === '') throw new InputProblem('no article text')
      const hash = contentHash(article.body)
      prepared = isStored(hash) ? { kind: 'stored', hash, name: doc, article } : { kind: 'article', hash, doc: annotate(doc, article) }
    } catch (error) {
      prepared = { kind: 'problem', reason: where + reasonOf(error) }
    }
    yield prepared
  }
}
