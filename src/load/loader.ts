import { readFileSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import type { Database } from 'better-sqlite3'
import { parseManifest, type ManifestEntry } from '../pipeline/extract.js'
import { articleIdByHash, forgetCaches } from '../db/store.js'
import { prepareFile, reasonOf } from './prepare.js'
import { planInputs } from './walk.js'
import { ArchiveWriter } from './writer.js'

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
  /** Threads that read, extracted and annotated (1: the loading thread itself). */
  threads: number
}

export interface LoadOptions {
  onProgress?: (done: number, total: number) => void
}

/** Where the archive's rows end: a load only adds rows, so what it added is what lies past these ids. */
function lastIds(db: Database) {
  return db
    .prepare('SELECT (SELECT coalesce(max(id), 0) FROM entities) AS entity, (SELECT coalesce(max(id), 0) FROM quotes) AS quote, (SELECT coalesce(max(id), 0) FROM stories) AS story')
    .get() as { entity: number; quote: number; story: number }
}

/**
 * What a load added, counted past the ids it started from (counting whole tables would read millions
 * of rows of a big archive, twice per load). A new speaker is an entity all of whose quotes are new.
 * NOT INDEXED: the new quotes are a range of rowids; left to itself the planner walks an index of
 * every quote's speaker instead.
 */
function addedSince(db: Database, last: ReturnType<typeof lastIds>) {
  return db
    .prepare(
      `SELECT (SELECT count(*) FROM entities WHERE id > @entity) AS entities, (SELECT count(*) FROM quotes WHERE id > @quote) AS quotes,
        (SELECT count(*) FROM (SELECT speaker_id, count(*) AS n FROM quotes NOT INDEXED WHERE id > @quote AND speaker_id IS NOT NULL GROUP BY speaker_id) AS new
          JOIN entities e ON e.id = new.speaker_id WHERE e.quote_count = new.n) AS speakers,
        (SELECT count(*) FROM stories WHERE id > @story) AS stories`,
    )
    .get(last) as { entities: number; quotes: number; speakers: number; stories: number }
}

/** The files to load, each with its manifest entry, and the problems found while planning. */
export interface LoadPlan {
  files: { path: string; manifest?: ManifestEntry }[]
  problems: { path: string; reason: string }[]
}

export function planLoad(paths: string[]): LoadPlan {
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
  const files = plan.files.map((path) => {
    const manifest = manifests.get(dirname(path))?.[basename(path)]
    return manifest ? { path, manifest } : { path }
  })
  return { files, problems }
}

/**
 * WAL pages a load lets accumulate before copying them into the database file (SQLite's default is
 * 1,000; 40,000 pages of 4 KB is a WAL of at most 160 MB). Each checkpoint writes every page changed
 * since the last one; in a big archive a batch changes pages all over its indexes, and checkpointing
 * less often writes each such page once for many batches instead of once for a few.
 */
const LOAD_CHECKPOINT_PAGES = 40_000

/**
 * The parts of a load common to every way of running it: the plan, a writer, and `finish`, which
 * commits what is pending and sums up. A failure must go through `fail` so the store's caches,
 * which may hold rows of a rolled-back batch, are dropped.
 */
export function beginLoad(db: Database, paths: string[], threads: number) {
  const started = process.hrtime.bigint()
  const before = lastIds(db)
  const plan = planLoad(paths)
  const writer = new ArchiveWriter(db, plan.problems)
  const checkpointPages = db.pragma('wal_autocheckpoint', { simple: true }) as number
  db.pragma(`wal_autocheckpoint = ${LOAD_CHECKPOINT_PAGES}`)
  const restoreCheckpoints = () => db.pragma(`wal_autocheckpoint = ${checkpointPages}`)
  const finish = (): LoadSummary => {
    try {
      writer.flush()
    } finally {
      restoreCheckpoints()
    }
    const added = addedSince(db, before)
    return {
      files: plan.files.length,
      articlesAdded: writer.added,
      articlesSkipped: writer.skipped,
      entities: added.entities,
      quotes: added.quotes,
      speakers: added.speakers,
      stories: added.stories,
      problems: writer.problems,
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
      threads,
    }
  }
  const fail = (error: unknown): never => {
    restoreCheckpoints()
    forgetCaches(db)
    throw error
  }
  return { plan, writer, finish, fail }
}

/**
 * Loads files and folders into the archive, in this thread. Articles are extracted, annotated, and
 * saved in small batches, each article whole or not at all, so a load killed at any moment leaves a
 * consistent archive and running it again completes it; content already stored is recognised by
 * its hash and not annotated again. A file or record that cannot be read, extracted or annotated is
 * reported with its reason and the rest still loads. (`loadWithThreads` spreads the annotating
 * over worker threads and writes the same archive.)
 */
export function loadPaths(db: Database, paths: string[], options: LoadOptions = {}): LoadSummary {
  return loadInThisThread(db, beginLoad(db, paths, 1), options)
}

/** The in-thread load of a begun load (also what `loadWithThreads` falls back to for a single file). */
export function loadInThisThread(db: Database, load: ReturnType<typeof beginLoad>, options: LoadOptions = {}): LoadSummary {
  const { plan, writer, finish, fail } = load
  try {
    const isStored = (hash: string) => writer.has(hash) || articleIdByHash(db, hash) !== undefined
    for (const [i, file] of plan.files.entries()) {
      for (const prepared of prepareFile(file.path, file.manifest, isStored)) writer.accept(file.path, prepared)
      options.onProgress?.(i + 1, plan.files.length)
    }
    return finish()
  } catch (error) {
    return fail(error)
  }
}
