/**
 * A deterministic archive generator for benchmarks and API tests: realistic annotated articles
 * (Zipf-distributed outlets, speakers and entities, log-normal lengths, quotations with exact
 * offsets, ten years of dates, stories reported by several outlets with quote variants), written
 * straight through the store layer in batched transactions, linked either by the store's own linking
 * (as a load links) or, for a big archive, as the plan made them (src/db/store/linked.ts: the same
 * rows, stories and clusters close to the linker's). For a big archive a worker thread writes the
 * articles' text and annotations while this thread stores them, and the full-text and read-only
 * indexes are built once at the end (bench/generate/deferred.ts): the archive is the same either way.
 *
 *   npx tsx bench/generate.ts --database bench.db --articles 1000000 [--seed 1] [--batch 1000] [--linking plan|search] [--vacuum]
 */
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import type { Database } from 'better-sqlite3'
import { openDatabase } from '../src/db/connection.js'
import { migrate } from '../src/db/migrate.js'
import { saveArticles } from '../src/db/store.js'
import { linkedImport } from '../src/db/store/linked.js'
import { deferIndexing, LINKING_INDEXES, sorting } from './generate/deferred.js'
import { produceBatches, type Batch, type Linking, type PlanOptions } from './generate/plan.js'
import { batchesFromWorker } from './generate/threaded.js'

export { planArchive } from './generate/plan.js'

export interface GenerateOptions extends PlanOptions {
  /** Articles per write transaction. */
  batch?: number
  /** Write the articles' text and annotations in a worker thread (default: from 10,000 articles on). */
  worker?: boolean
  /**
   * How stories and quote variants are found. 'search' (default): by the store's linking, as a load
   * links each article against the archive. 'plan': as the plan made them (stories, variants of each
   * story's statement), written in bulk (src/db/store/linked.ts) — for a benchmark archive, whose
   * loader benchmark measures linking on its own.
   */
  linking?: Linking
  onProgress?: (done: number, total: number) => void
}

export interface GenerateSummary {
  articles: number
  added: number
  quotes: number
  mentions: number
  stories: number
  /** UTF-8 bytes of the generated text (headlines and bodies): what the database size compares with. */
  textBytes: number
  ms: number
  /** Of `ms`, the time spent after the last article was written: look-up keys, full-text and deferred indexes. */
  indexMs?: number
}

/**
 * Pragmas for building a disposable archive, returned with what they replace. synchronous=OFF: a
 * crash while generating may corrupt the file, which is then generated again; the loader itself
 * keeps synchronous=NORMAL. A 4 GB page cache (taken only as the archive grows) keeps the indexes
 * the write path itself seeks and extends at random positions in memory, and a larger WAL between
 * checkpoints copies each page fewer times. foreign_keys=OFF: the generator only inserts rows whose
 * parents it has just written, so the checks would find nothing; nothing is deleted, so no cascade
 * is skipped.
 */
const BULK_PRAGMAS = { synchronous: 'OFF', cache_size: '-4194304', wal_autocheckpoint: '20000', foreign_keys: 'OFF' }

/**
 * A plan-linked build (a benchmark archive) has the archive to itself, and its journal is kept in
 * memory: each page is written once, where WAL writes it to the log and again to the file, and a
 * failed batch still rolls back. journal_mode comes first (it changes only outside a transaction,
 * and with no other connection to a WAL archive); it is WAL again at the end. A linked build keeps
 * WAL: it may write while the archive is served (test/conformance/cursor-walk.test.ts).
 */
const ALONE_PRAGMAS = { journal_mode: 'MEMORY', ...BULK_PRAGMAS }

function setPragmas(db: Database, pragmas: Record<string, string | number>): Record<string, string | number> {
  const previous: Record<string, string | number> = {}
  for (const [name, value] of Object.entries(pragmas)) {
    previous[name] = db.pragma(name, { simple: true }) as string | number
    db.pragma(`${name} = ${value}`)
  }
  return previous
}

/**
 * Generates `articles` articles from `seed` into a migrated database through `saveArticles`, the
 * store's bulk form of `saveArticle`.
 * The same seed gives the same documents; saving them again adds nothing (content hashes).
 */
export function generateArchive(db: Database, options: GenerateOptions): GenerateSummary {
  const started = performance.now()
  const batchSize = options.batch ?? 500
  // A worker costs a second to start: worth it for a benchmark archive, not for a test's few hundred articles.
  const worker = options.worker ?? options.articles >= 10_000
  const plan: PlanOptions = { articles: options.articles, seed: options.seed, storyShare: options.storyShare, undatedShare: options.undatedShare }
  const linking = options.linking ?? 'search'
  const batches = worker ? batchesFromWorker(plan, batchSize, linking) : produceBatches(plan, batchSize, linking)
  const summary: GenerateSummary = { articles: 0, added: 0, quotes: 0, mentions: 0, stories: 0, textBytes: 0, ms: 0 }
  const previous = setPragmas(db, linking === 'plan' ? ALONE_PRAGMAS : BULK_PRAGMAS)
  const deferred = deferIndexing(db, linking === 'plan' ? LINKING_INDEXES : [])
  let written = NaN
  try {
    const importer = linking === 'plan' ? linkedImport(db) : null
    const save = (batch: Batch) => (importer ? importer.save(batch.prepared) : saveArticles(db, batch.items))
    summary.stories = writeAll(batches, save, summary, options)
    written = performance.now()
    if (importer) sorting(db, importer.finish)
  } finally {
    deferred.restore()
    setPragmas(db, previous)
  }
  summary.ms = Math.round(performance.now() - started)
  summary.indexMs = Math.round(performance.now() - written)
  return summary
}

/** Stores every batch, one transaction each; returns the producer's story count. */
function writeAll(batches: Generator<Batch, number>, save: (batch: Batch) => number, summary: GenerateSummary, options: GenerateOptions): number {
  try {
    for (;;) {
      const next = batches.next()
      if (next.done) {
        options.onProgress?.(summary.articles, options.articles)
        return next.value
      }
      const batch = next.value
      summary.added += save(batch)
      summary.articles += batch.items.length + batch.prepared.length
      summary.quotes += batch.quotes
      summary.mentions += batch.mentions
      summary.textBytes += batch.textBytes
      options.onProgress?.(summary.articles, options.articles)
    }
  } finally {
    // On a failed write, stops the worker thread, if any.
    batches.return(0)
  }
}

function vacuumedSize(db: Database, textBytes: number, bytes: () => number) {
  db.exec('VACUUM')
  db.pragma('wal_checkpoint(TRUNCATE)')
  const vacuumedBytes = bytes()
  return { vacuumedBytes, vacuumedRatio: Number((vacuumedBytes / textBytes).toFixed(2)) }
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      database: { type: 'string' },
      articles: { type: 'string', default: '5000' },
      seed: { type: 'string', default: '1' },
      batch: { type: 'string', default: '1000' },
      quiet: { type: 'boolean', default: false },
      vacuum: { type: 'boolean', default: false },
      linking: { type: 'string', default: 'search' },
    },
  })
  const database = values.database ?? process.env.DATABASE_PATH
  const articles = Number(values.articles)
  const seed = Number(values.seed)
  const linking = values.linking
  if (!database || !Number.isInteger(articles) || articles < 1 || !Number.isInteger(seed) || (linking !== 'plan' && linking !== 'search')) {
    process.stderr.write('usage: generate --database PATH [--articles N] [--seed N] [--batch N] [--linking plan|search] [--quiet] [--vacuum]\n')
    return 2
  }
  const db = openDatabase(database)
  try {
    migrate(db)
    const summary = generateArchive(db, {
      articles,
      seed,
      batch: Number(values.batch),
      linking,
      onProgress: values.quiet
        ? undefined
        : (done, total) => process.stderr.write(`\r${done}/${total} articles`),
    })
    if (!values.quiet) process.stderr.write('\n')
    // The size the archive takes once the WAL is folded in, against the text it holds.
    db.pragma('wal_checkpoint(TRUNCATE)')
    const bytes = () => (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number)
    const databaseBytes = bytes()
    const sizeRatio = Number((databaseBytes / summary.textBytes).toFixed(2))
    const perSecond = Math.round(summary.articles / (summary.ms / 1000))
    // --vacuum: the size of the same archive rewritten compactly (free pages dropped, index pages
    // packed full), as a built archive that is then only read can be shipped.
    const vacuumed = values.vacuum ? vacuumedSize(db, summary.textBytes, bytes) : {}
    process.stdout.write(`${JSON.stringify({ database, seed, ...summary, perSecond, databaseBytes, sizeRatio, ...vacuumed })}\n`)
  } finally {
    db.close()
  }
  return 0
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`generate: ${(error as Error).stack ?? String(error)}\n`)
      process.exitCode = 1
    },
  )
}
