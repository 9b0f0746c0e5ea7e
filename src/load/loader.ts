import { readFileSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import type { Database } from 'better-sqlite3'
import { annotate } from '../pipeline/index.js'
import type { NewsDoc } from '../pipeline/document.js'
import { ExtractError, extractFile, parseManifest } from '../pipeline/extract.js'
import { articleIdByHash, contentHash, forgetCaches, saveArticle } from '../db/store.js'
import { FileProblem, readTextFile } from './read.js'
import { planInputs } from './walk.js'

/** Articles saved per commit, and the longest an annotated article waits for its commit. */
const BATCH_ARTICLES = 8
const BATCH_MILLISECONDS = 250

/** What one load did. Entity, quote, speaker and story numbers are what the load added to the archive. */
export interface LoadSummary {
  files: number
  articlesAdded: number
  /** Articles whose content was already in the archive. */
  articlesSkipped: number
  entities: number
  quotes: number
  speakers: number
  stories: number
  problems: { path: string; reason: string }[]
  seconds: number
}

function totals(db: Database) {
  return db
    .prepare(
      `SELECT (SELECT count(*) FROM entities) AS entities, (SELECT count(*) FROM quotes) AS quotes,
        (SELECT count(*) FROM entities WHERE quote_count > 0) AS speakers, (SELECT count(*) FROM stories) AS stories`,
    )
    .get() as { entities: number; quotes: number; speakers: number; stories: number }
}

/** A file that was read and extracted but holds nothing to store. */
class InputProblem extends Error {}

/** Problems with the input read as their message; anything else is a fault of ours, named as such. */
function reasonOf(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] || 'unknown error'
  if (error instanceof FileProblem || error instanceof ExtractError || error instanceof InputProblem) return message
  return `internal error while loading (${error instanceof Error ? error.name : 'error'}): ${message}`
}

/**
 * Loads files and folders into the archive. Articles are extracted, annotated, and saved in small
 * batches, each article whole or not at all, so a load killed at any moment leaves a consistent
 * archive and running it again completes it; content already stored is recognised by its hash and
 * not annotated again. A file or record that cannot be read, extracted or annotated is reported
 * with its reason and the rest still loads.
 */
export function loadPaths(
  db: Database,
  paths: string[],
  options: { onProgress?: (done: number, total: number) => void } = {},
): LoadSummary {
  const started = process.hrtime.bigint()
  const before = totals(db)
  const plan = planInputs(paths)
  const problems = [...plan.problems]
  const manifests = new Map<string, ReturnType<typeof parseManifest>>()
  for (const [dir, path] of plan.manifests) {
    try {
      manifests.set(dir, parseManifest(readFileSync(path, 'utf8')))
    } catch (error) {
      problems.push({ path, reason: `manifest ignored: ${reasonOf(error)}` })
    }
  }

  let added = 0
  let skipped = 0
  let done = 0
  const total = plan.files.length

  // Annotated articles wait here and are saved a few at a time: one commit per batch, each
  // article a savepoint of it. A kill loses at most the batch, never leaves half an article.
  const pending: { path: string; doc: NewsDoc; hash: string }[] = []
  const pendingHashes = new Set<string>()
  let pendingSince = 0
  const saveBatch = db.transaction(() => {
    for (const item of pending) {
      try {
        if (saveArticle(db, item.doc, { contentHash: item.hash }).added) added++
        else skipped++
      } catch (error) {
        problems.push({ path: item.path, reason: `${item.doc.doc}: ${reasonOf(error)}` })
      }
    }
  })
  const flush = () => {
    try {
      if (pending.length) saveBatch.immediate()
    } catch (error) {
      forgetCaches(db)
      throw error
    } finally {
      pending.length = 0
      pendingHashes.clear()
    }
  }

  for (const path of plan.files) {
    let records: ReturnType<typeof extractFile> = []
    try {
      const file = readTextFile(path)
      const manifest = manifests.get(dirname(path))?.[basename(path)]
      records = extractFile({ ...file, ...(manifest ? { manifest } : {}) })
      if (records.length === 0) throw new InputProblem('no article found in the file')
    } catch (error) {
      problems.push({ path, reason: reasonOf(error) })
    }
    for (const { doc, article } of records) {
      // A file of several records reports a bad record by its id and keeps the others.
      const where = records.length > 1 ? `record ${doc}: ` : ''
      try {
        if (article.body.trim() === '') throw new InputProblem('no article text')
        const hash = contentHash(article.body)
        if (pendingHashes.has(hash) || articleIdByHash(db, hash) !== undefined) {
          skipped++
          continue
        }
        if (pending.length === 0) pendingSince = Date.now()
        pending.push({ path, doc: annotate(doc, article), hash })
        pendingHashes.add(hash)
      } catch (error) {
        problems.push({ path, reason: where + reasonOf(error) })
      }
      if (pending.length >= BATCH_ARTICLES || Date.now() - pendingSince >= BATCH_MILLISECONDS) flush()
    }
    options.onProgress?.(++done, total)
  }
  flush()

  const after = totals(db)
  return {
    files: total,
    articlesAdded: added,
    articlesSkipped: skipped,
    entities: after.entities - before.entities,
    quotes: after.quotes - before.quotes,
    speakers: after.speakers - before.speakers,
    stories: after.stories - before.stories,
    problems,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  }
}
