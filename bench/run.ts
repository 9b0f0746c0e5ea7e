/**
 * `npm run bench`: every benchmark, each reported against a baseline measured in the same run; the
 * report is printed and written to bench/RESULTS.md.
 *
 *   BENCH_ARTICLES   articles in the HTTP benchmark's archive (default 20000)
 *   BENCH_SECONDS    load per scenario and server, in seconds (default 5)
 *   BENCH_ONLY       pipeline | http: run one benchmark
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import os from 'node:os'
import { benchPipeline } from './pipeline.js'
import { benchHttp, httpTable } from './http.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
const only = process.env.BENCH_ONLY
const articles = Number(process.env.BENCH_ARTICLES ?? 20000)
const seconds = Number(process.env.BENCH_SECONDS ?? 5)

const report: string[] = []
const out = (line = '') => {
  console.log(line)
  report.push(line)
}
const machine = `${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GB, ${os.platform()} ${os.release()}, node ${process.version}`
const command = [
  ...['BENCH_ARTICLES', 'BENCH_SECONDS', 'BENCH_ONLY'].filter((v) => process.env[v]).map((v) => `${v}=${process.env[v]}`),
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
}

if (!only || only === 'http') {
  const h = await benchHttp(root, { articles, seconds, log: (line) => process.stderr.write(`  ${line}\n`) })
  out(`## Read API over HTTP: ${fmt(h.articles)} generated articles, ${h.connections} connections, ${h.seconds} s per scenario`)
  out()
  out(`Archive: ${fmt(h.generated.articles)} articles, ${fmt(h.generated.quotes)} quotes, ${fmt(h.generated.mentions)} mentions, generated in ${(h.generated.ms / 1000).toFixed(1)} s.`)
  out('`node dist/cli.js serve` (one process, read rate limit off) against a bare Fastify route sending the same bytes from memory; latencies of the real server.')
  out()
  for (const line of httpTable(h)) out(line)
  out()
}

writeFileSync(new URL('RESULTS.md', import.meta.url), `${report.join('\n')}\n`)
