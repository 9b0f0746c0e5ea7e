/**
 * Loader throughput end to end (read, extract, annotate, link, write) with `node dist/quotewire.js load`:
 * the PolNeAR texts (train + dev, written as .txt files; the seeds repeated when ../shared is absent)
 * loaded into an empty archive with one thread and with one per core, and into the run's big one
 * with one per core, twice: first as it is (most of a big archive's pages not in memory), then again
 * after deleting what the first load added (deleting leaves the archive that never loading them
 * would have: test/delete-equivalence.test.ts; ~10 ms an article at a million), its pages now read.
 * The big archive is loaded into in place (at a million articles a copy would write 13 GB); when it
 * is kept for later runs (`keepBig`) the second load's articles are deleted as well.
 * Baselines, measured in the same run: the single-threaded load (for the threads' speed-up) and the
 * load into the empty archive (for what a big archive costs). Times are wall clock of the whole
 * command, start-up and model loading included.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../src/db/connection.js'
import { migrate } from '../src/db/migrate.js'
import { deleteArticle } from '../src/db/store.js'
import { generateArchive } from './generate.js'

export interface LoaderRow {
  archive: string
  threads: number
  articles: number
  words: number
  seconds: number
  articlesPerSecond: number
  wordsPerSecond: number
  /** Articles/s against the baseline named in `against`. */
  ratio: number
  against: string
}

/** Writes the corpus into `dir` as one .txt file per article; returns its name. */
function writeCorpus(root: string, dir: string): string {
  let n = 0
  for (const split of ['train', 'dev']) {
    try {
      const data = JSON.parse(readFileSync(join(root, '..', 'shared', 'data', 'polnear', `${split}.json`), 'utf8')) as { articles: { doc: string; text: string }[] }
      for (const a of data.articles) {
        writeFileSync(join(dir, `${a.doc}.txt`), a.text)
        n++
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
  }
  if (n) return `PolNeAR train + dev (${n} texts)`
  // Without the corpus: the seeds, each made distinct so every copy is a new article.
  const seeds = readdirSync(join(root, 'seeds')).filter((f) => f.endsWith('.txt'))
  for (let i = 0; i < 100; i++) {
    for (const f of seeds) writeFileSync(join(dir, `${i}-${f}`), `${readFileSync(join(root, 'seeds', f), 'utf8')}\nCorrection number ${i}.\n`)
  }
  return `seeds ×100 (${seeds.length * 100} texts; PolNeAR absent)`
}

function runLoad(root: string, database: string, folder: string, threads: number) {
  // Only the last id: summing a column of every article would read a big archive's whole file.
  const last = (() => {
    const db = openDatabase(database)
    try {
      migrate(db)
      return db.prepare('SELECT coalesce(max(id), 0) FROM articles').pluck().get() as number
    } finally {
      db.close()
    }
  })()
  const started = process.hrtime.bigint()
  const run = spawnSync(process.execPath, ['dist/quotewire.js', 'load', '--quiet', '--threads', String(threads), '--database', database, folder], { cwd: root, encoding: 'utf8' })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (run.status !== 0) throw new Error(`load --threads ${threads} failed (${run.status}):\n${run.stderr}${run.stdout}`)
  const db = openDatabase(database, { readonly: true })
  try {
    const loaded = db.prepare('SELECT count(*) AS n, coalesce(sum(word_count), 0) AS words FROM articles WHERE id > ?').get(last) as { n: number; words: number }
    return { articles: loaded.n, words: loaded.words, seconds, after: last }
  } finally {
    db.close()
  }
}

/** Deletes the articles a load added (ids past `after`): the archive is left as it was before it. */
function deleteLoaded(database: string, after: number, log: (line: string) => void) {
  const started = performance.now()
  const db = openDatabase(database)
  try {
    const ids = db.prepare('SELECT id FROM articles WHERE id > ? ORDER BY id DESC').pluck().all(after) as number[]
    for (const id of ids) deleteArticle(db, id)
    db.pragma('wal_checkpoint(TRUNCATE)')
    log(`deleted the ${ids.length} loaded articles in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  } finally {
    db.close()
  }
}

/**
 * `bigArchive`: an existing archive file to load into, `keepBig` when it outlives the run (the loaded
 * articles are then deleted again); without it an archive of `bigArticles` generated articles is
 * made for the run.
 */
export function benchLoader(
  root: string,
  options: { threads?: number; bigArticles?: number; bigArchive?: string; keepBig?: boolean; log?: (line: string) => void } = {},
): { corpus: string; bigArticles: number; rows: LoaderRow[] } {
  const threads = options.threads ?? availableParallelism()
  const log = options.log ?? (() => {})
  const dir = mkdtempSync(join(tmpdir(), 'quotewire-bench-load-'))
  try {
    const folder = join(dir, 'texts')
    mkdirSync(folder)
    const corpus = writeCorpus(root, folder)
    let big = options.bigArchive
    if (!big) {
      big = join(dir, 'big.db')
      log(`generating ${options.bigArticles ?? 20000} articles…`)
      const db = openDatabase(big)
      migrate(db)
      generateArchive(db, { articles: options.bigArticles ?? 20000, seed: 1, batch: 1000 })
      db.pragma('wal_checkpoint(TRUNCATE)')
      db.close()
    }
    const bigArticles = (() => {
      const db = openDatabase(big, { readonly: true })
      try {
        return db.prepare('SELECT count(*) FROM articles').pluck().get() as number
      } finally {
        db.close()
      }
    })()
    const rows: LoaderRow[] = []
    const row = (archive: string, n: number, r: ReturnType<typeof runLoad>, base: ReturnType<typeof runLoad> | null, against: string) => {
      const rate = r.articles / r.seconds
      rows.push({ archive, threads: n, articles: r.articles, words: r.words, seconds: r.seconds, articlesPerSecond: rate, wordsPerSecond: r.words / r.seconds, ratio: base ? rate / (base.articles / base.seconds) : 1, against })
      log(`${archive}, ${n} thread(s): ${r.articles} articles in ${r.seconds.toFixed(1)} s`)
    }
    const emptyOne = runLoad(root, join(dir, 'empty-1.db'), folder, 1)
    row('empty', 1, emptyOne, null, 'baseline')
    const emptyMany = runLoad(root, join(dir, 'empty-n.db'), folder, threads)
    row('empty', threads, emptyMany, emptyOne, 'empty, 1 thread')
    // Twice: the first load reads the index pages it writes into from disk (a big archive is mostly
    // not in memory), the second, after deleting what the first added, finds most of them in memory.
    const bigName = `${bigArticles.toLocaleString('en-US')} articles`
    const first = runLoad(root, big, folder, threads)
    row(bigName, threads, first, emptyMany, `empty, ${threads} threads`)
    deleteLoaded(big, first.after, log)
    const again = runLoad(root, big, folder, threads)
    row(`${bigName}, loaded again`, threads, again, emptyMany, `empty, ${threads} threads`)
    if (options.bigArchive && options.keepBig) deleteLoaded(big, again.after, log)
    return { corpus, bigArticles, rows }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export function loaderTable(result: { rows: LoaderRow[] }): string[] {
  const n = (x: number) => Math.round(x).toLocaleString('en-US')
  const lines = ['| into archive | threads | articles | words | seconds | articles/s | words/s | ratio | against |', '|---|---:|---:|---:|---:|---:|---:|---:|---|']
  for (const r of result.rows) {
    lines.push(`| ${r.archive} | ${r.threads} | ${n(r.articles)} | ${n(r.words)} | ${r.seconds.toFixed(1)} | ${r.articlesPerSecond.toFixed(1)} | ${n(r.wordsPerSecond)} | ${r.ratio.toFixed(2)} | ${r.against} |`)
  }
  return lines
}

// Run directly: npx tsx bench/loader.ts [BIG_ARCHIVE]
if (import.meta.url === `file://${process.argv[1]}`) {
  const root = new URL('..', import.meta.url).pathname
  const result = benchLoader(root, { bigArchive: process.argv[2], log: (l) => process.stderr.write(`${l}\n`) })
  console.log(`Corpus: ${result.corpus}.`)
  console.log(loaderTable(result).join('\n'))
}
