/**
 * The one generated archive a benchmark run uses: the HTTP scenarios and `serve --workers` read it,
 * and the loader loads into it. At a million articles it is about 13 GB and twenty minutes of
 * generation, so it is made once per run (or once per BENCH_CACHE) and never copied. Its stories and
 * quote clusters are the plan's (GenerateOptions.linking 'plan'): linking every article against the
 * archive would take the generation hours, and linking is what the loader benchmark measures.
 *
 *   BENCH_ARCHIVE  an existing archive to use
 *   BENCH_CACHE    a folder keeping generated archives between runs, by size (archive-N.db and its
 *                  summary archive-N.db.json); a cached archive is brought up to the current
 *                  migrations in place. Empty the folder when bench/generate.ts changes
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openDatabase } from '../src/db/connection.js'
import { migrate } from '../src/db/migrate.js'
import { ensureQuoteKeys } from '../src/db/store/quotes.js'
import { statements } from '../src/db/store/statements.js'
import { generateArchive, type GenerateSummary } from './generate.js'

export interface BenchArchive {
  path: string
  generated: GenerateSummary
  /** Made before this run (BENCH_ARCHIVE, or found in BENCH_CACHE). */
  cached: boolean
}

/** Migrates an archive made earlier and fills in what a first write would (quote keys), outside any timing. */
function bringUpToDate(path: string): void {
  const db = openDatabase(path)
  try {
    migrate(db)
    db.transaction(() => ensureQuoteKeys(statements(db)))()
    db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    db.close()
  }
}

function counted(path: string): GenerateSummary {
  const db = openDatabase(path, { readonly: true })
  try {
    const n = (sql: string) => db.prepare(sql).pluck().get() as number
    const bytes = n(`SELECT coalesce(sum(length(CAST(body AS BLOB)) + length(CAST(coalesce(headline, '') AS BLOB))), 0) FROM articles`)
    const articles = n('SELECT count(*) FROM articles')
    return { articles, added: 0, quotes: n('SELECT count(*) FROM quotes'), mentions: n('SELECT count(*) FROM mentions'), stories: n('SELECT count(*) FROM stories'), textBytes: bytes, ms: NaN }
  } finally {
    db.close()
  }
}

/** The summary written beside an archive; one written before summaries held the text's size gets it counted. */
function summaryOf(path: string): GenerateSummary {
  const summary = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as GenerateSummary
  return Number.isFinite(summary.textBytes) ? summary : { ...summary, textBytes: counted(path).textBytes }
}

/** The archive at BENCH_ARCHIVE, or the cached one of this size, or one generated into `scratch`. */
export function benchArchive(articles: number, scratch: string, log: (line: string) => void): BenchArchive {
  const given = process.env.BENCH_ARCHIVE
  if (given) {
    log(`using ${given}`)
    bringUpToDate(given)
    return { path: given, generated: existsSync(`${given}.json`) ? summaryOf(given) : counted(given), cached: true }
  }
  const cache = process.env.BENCH_CACHE
  const path = cache ? join(cache, `archive-${articles}.db`) : join(scratch, 'archive.db')
  if (cache && existsSync(path) && existsSync(`${path}.json`)) {
    log(`using ${path}`)
    bringUpToDate(path)
    return { path, generated: summaryOf(path), cached: true }
  }
  if (cache) mkdirSync(cache, { recursive: true })
  // A file without its summary is an interrupted generation (written with synchronous=OFF): start over.
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true })
  log(`generating ${articles} articles into ${path}…`)
  const db = openDatabase(path)
  let generated: GenerateSummary
  try {
    migrate(db)
    let shown = 0
    generated = generateArchive(db, {
      articles,
      seed: 1,
      batch: 1000,
      linking: 'plan',
      onProgress: (done) => {
        if (done - shown >= 50_000 || (done === articles && shown < articles)) log(`${(shown = done)}/${articles} articles, ${Math.round(performance.now() / 1000)} s`)
      },
    })
    db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    db.close()
  }
  log(`generated in ${(generated.ms / 1000).toFixed(1)} s`)
  // The summary is written last: an archive without one was interrupted and is generated again.
  if (cache) writeFileSync(`${path}.json`, JSON.stringify(generated))
  return { path, generated, cached: false }
}
