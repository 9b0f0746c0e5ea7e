/**
 * Loader throughput end to end (read, extract, annotate, link, write) with `node dist/cli.js load`:
 * the PolNeAR texts (train + dev, written as .txt files; the seeds repeated when ../shared is absent)
 * loaded with one thread and with one per core, into an empty archive and into a copy of a big one
 * (a fresh copy for each run).
 * Baselines, measured in the same run: the single-threaded load (for the threads' speed-up) and the
 * load into the empty archive (for what a big archive costs). Times are wall clock of the whole
 * command, start-up and model loading included.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../src/db/connection.js'
import { migrate } from '../src/db/migrate.js'
import { ensureQuoteKeys } from '../src/db/store/quotes.js'
import { statements } from '../src/db/store/statements.js'
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
  const before = (() => {
    const db = openDatabase(database)
    try {
      migrate(db)
      return db.prepare('SELECT count(*) AS n, coalesce(sum(word_count), 0) AS words FROM articles').get() as { n: number; words: number }
    } finally {
      db.close()
    }
  })()
  const started = process.hrtime.bigint()
  const run = spawnSync(process.execPath, ['dist/cli.js', 'load', '--quiet', '--threads', String(threads), '--database', database, folder], { cwd: root, encoding: 'utf8' })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (run.status !== 0) throw new Error(`load --threads ${threads} failed (${run.status}):\n${run.stderr}${run.stdout}`)
  const db = openDatabase(database, { readonly: true })
  try {
    const after = db.prepare('SELECT count(*) AS n, coalesce(sum(word_count), 0) AS words FROM articles').get() as { n: number; words: number }
    return { articles: after.n - before.n, words: after.words - before.words, seconds }
  } finally {
    db.close()
  }
}

/**
 * `bigArchive`: an existing archive file to copy as the big one (it is not changed); without it an
 * archive of `bigArticles` generated articles is made for the run.
 */
export function benchLoader(
  root: string,
  options: { threads?: number; bigArticles?: number; bigArchive?: string; log?: (line: string) => void } = {},
): { corpus: string; bigArticles: number; rows: LoaderRow[] } {
  const threads = options.threads ?? availableParallelism()
  const log = options.log ?? (() => {})
  const dir = mkdtempSync(join(tmpdir(), 'quotewire-bench-load-'))
  try {
    const folder = join(dir, 'texts')
    mkdirSync(folder)
    const corpus = writeCorpus(root, folder)
    const big = join(dir, 'big.db')
    if (options.bigArchive) {
      copyFileSync(options.bigArchive, big)
      // An archive made by an older version may lack indexes a load fills in on its first write;
      // filling them here keeps that one-off cost out of the timed loads.
      const db = openDatabase(big)
      migrate(db)
      ensureQuoteKeys(statements(db))
      db.pragma('wal_checkpoint(TRUNCATE)')
      db.close()
    } else {
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
      rows.push({ archive, threads: n, ...r, articlesPerSecond: rate, wordsPerSecond: r.words / r.seconds, ratio: base ? rate / (base.articles / base.seconds) : 1, against })
      log(`${archive}, ${n} thread(s): ${r.articles} articles in ${r.seconds.toFixed(1)} s`)
    }
    const emptyOne = runLoad(root, join(dir, 'empty-1.db'), folder, 1)
    row('empty', 1, emptyOne, null, 'baseline')
    const emptyMany = runLoad(root, join(dir, 'empty-n.db'), folder, threads)
    row('empty', threads, emptyMany, emptyOne, 'empty, 1 thread')
    const bigName = `${bigArticles.toLocaleString('en-US')} articles`
    const bigOne = join(dir, 'big-1.db')
    copyFileSync(big, bigOne)
    row(bigName, 1, runLoad(root, bigOne, folder, 1), emptyOne, 'empty, 1 thread')
    rmSync(bigOne, { force: true })
    const bigMany = join(dir, 'big-n.db')
    copyFileSync(big, bigMany)
    row(bigName, threads, runLoad(root, bigMany, folder, threads), emptyMany, `empty, ${threads} threads`)
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
