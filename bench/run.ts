/**
 * `npm run bench`: every benchmark, each reported against a baseline measured in the same run; the
 * report is printed and written to bench/RESULTS.md (or BENCH_OUT).
 *
 *   BENCH_ARTICLES   articles in the generated archive (default 1000000, the scale the targets are set
 *                    for: about 13 GB in the system's temporary folder and twenty minutes of
 *                    generation on two cores; 20000 for a run of a few minutes)
 *   BENCH_SECONDS    load per scenario and server, in seconds (default 5)
 *   BENCH_ONLY       pipeline | http | loader | workers: run one benchmark
 *   BENCH_ARCHIVE    an existing archive to use instead of generating one
 *   BENCH_CACHE      a folder keeping generated archives between runs (bench/archive.ts)
 *   BENCH_OUT        the file the report is written to (default bench/RESULTS.md; '-': printed only),
 *                    so a trial run does not replace the recorded one
 *
 * The HTTP, loader and workers benchmarks share one archive, generated once and never copied: the
 * servers read it in place, and the loader loads into it and deletes what it loaded.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import os from 'node:os'
import { benchPipeline } from './pipeline.js'
import { benchHttp, httpTable } from './http.js'
import { benchLoader, loaderTable } from './loader.js'
import { benchWorkers, workersTable } from './workers.js'
import { benchArchive, type BenchArchive } from './archive.js'
import { targetsTable, type Measured } from './targets.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
const only = process.env.BENCH_ONLY
const articles = Number(process.env.BENCH_ARTICLES ?? 1_000_000)
const seconds = Number(process.env.BENCH_SECONDS ?? 5)

const report: string[] = []
const out = (line = '') => {
  console.log(line)
  report.push(line)
}
const machine = `${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GB, ${os.platform()} ${os.release()}, node ${process.version}`
const command = [
  ...['BENCH_ARTICLES', 'BENCH_SECONDS', 'BENCH_ONLY', 'BENCH_ARCHIVE', 'BENCH_CACHE', 'BENCH_OUT'].filter((v) => process.env[v]).map((v) => `${v}=${process.env[v]}`),
  'npm run bench',
].join(' ')

out(`# quotewire benchmarks — ${new Date().toISOString()}`)
out()
out(`Machine: ${machine}. Command: \`${command}\`.`)
out()

if (!only || only === 'pipeline') {
  const p = benchPipeline(root)
  out('## Annotation pipeline, in process, one core')
  out()
  out('| corpus | articles | words | words/s | baseline words/s (word scan) | ratio |')
  out('|---|---:|---:|---:|---:|---:|')
  out(`| ${p.corpus} | ${p.articles} | ${fmt(p.words)} | ${fmt(p.wordsPerSecond)} | ${fmt(p.baselineWordsPerSecond)} | ${p.ratio.toFixed(4)} |`)
  out()
  out(`Entity model (${(p.modelLoad.fileBytes / 2 ** 20).toFixed(1)} MB file): read, gunzipped and decoded in ${p.modelLoad.firstMs.toFixed(0)} ms the first time in the process, ${p.modelLoad.medianMs.toFixed(0)} ms median of five.`)
  out()
}

const log = (line: string) => process.stderr.write(`  ${line}\n`)
const scratch = mkdtempSync(join(os.tmpdir(), 'quotewire-bench-run-'))
let shared: BenchArchive | undefined
const archive = () => (shared ??= benchArchive(articles, scratch, log))
const measured: Measured = {}

try {
  if (!only || only === 'http') {
    const h = await benchHttp(root, { archive: archive(), seconds, log })
    const generated = h.generated
    const made = Number.isNaN(generated.ms) ? 'given' : `generated in ${(generated.ms / 1000).toFixed(1)} s`
    out(`## Read API over HTTP: ${fmt(h.articles)} generated articles, ${h.connections} connections, ${h.seconds} s per scenario`)
    out()
    out(`Archive: ${fmt(generated.articles)} articles, ${fmt(generated.quotes)} quotes, ${fmt(generated.mentions)} mentions, ${made}.`)
    out('`node dist/quotewire.js serve` (one process, read rate limit off) against a bare Fastify route sending the same bytes from memory; latencies of the real server. First as shipped: autocannon repeats one URL per scenario, so after the first request the answers come from the response cache. Then "afresh": a second server with `RESPONSE_CACHE_MB=0`, every request queried and serialised.')
    out()
    for (const line of httpTable(h)) out(line)
    out()
    const mb = (kb: number | undefined) => (kb === undefined ? 'unknown (no /proc)' : `${(kb / 1024).toFixed(0)} MB`)
    out(`Server: resident memory under the scenarios' load at most ${mb(h.peakRssKb)} (afresh: ${mb(h.uncachedPeakRssKb)}); cold start (spawn to the first 200 of /v1/articles) ${h.coldStartMs.toFixed(0)} ms; archive file ${(h.databaseBytes / 2 ** 20).toFixed(0)} MB, ${h.sizeRatio.toFixed(2)}× the ${(generated.textBytes / 2 ** 20).toFixed(0)} MB of article text.`)
    out()
    measured.http = h
  }

  if (!only || only === 'loader') {
    const l = benchLoader(root, { bigArchive: archive().path, keepBig: archive().cached || Boolean(process.env.BENCH_CACHE), log })
    out(`## Loader, end to end (read, extract, annotate, link, write): ${l.corpus}`)
    out()
    out('`node dist/quotewire.js load --threads N`, wall clock of the whole command (start-up and model loading included). Worker threads read, extract and annotate; the main thread alone writes, in file order.')
    out()
    for (const line of loaderTable(l)) out(line)
    out()
    measured.loader = l
  }

  if (!only || only === 'workers') {
    const w = await benchWorkers(root, { database: archive().path, workers: Math.max(2, os.availableParallelism()), seconds, log })
    out(`## \`serve --workers N\` against \`serve\` (1 worker), one database file, ${w.connections} connections, ${w.seconds} s per scenario`)
    out()
    out('autocannon runs in the benchmark process on the same machine, competing with the workers for its cores: the ratio is a lower bound.')
    out()
    for (const line of workersTable(w)) out(line)
    out()
    measured.workers = w
  }
  out(`## Targets of the scale issue, measured in this run on ${fmt(shared?.generated.articles ?? 0)} articles (the targets are set for 1,000,000)`)
  out()
  for (const line of targetsTable(measured)) out(line)
  out()
  const minutes = (ms: number) => (ms / 60_000).toFixed(1)
  const generated = shared && !Number.isNaN(shared.generated.ms) && !shared.cached ? `, of which ${minutes(shared.generated.ms)} generating the archive` : shared ? ' (the archive made earlier)' : ''
  out(`Whole run: ${minutes(performance.now())} minutes${generated}.`)
} finally {
  rmSync(scratch, { recursive: true, force: true })
}

const destination = process.env.BENCH_OUT ?? fileURLToPath(new URL('RESULTS.md', import.meta.url))
if (destination !== '-') writeFileSync(destination, `${report.join('\n')}\n`)
