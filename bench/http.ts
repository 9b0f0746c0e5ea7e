/**
 * Read API throughput and latency over real HTTP: a generated archive of BENCH_ARTICLES articles
 * (default 1,000,000) served by `node dist/quotewire.js serve`, loaded with autocannon at 32 connections per
 * scenario. Baseline, measured in the same run: a bare Fastify server (bench/http-baseline.ts)
 * answering each scenario's exact payload bytes from memory, so the ratio is the share of a bare
 * route's req/s the API keeps once it queries SQLite, validates and serialises.
 *
 * The server runs with the read rate limit off (RATE_LIMIT_READ=0): one load generator is one
 * client, and the default budget would answer 429 within a second. Everything else is as shipped,
 * so a scenario's repeated request is answered from the response cache after its first
 * (src/http/response-cache.ts). A second server with the cache off (RESPONSE_CACHE_MB=0) is
 * loaded the same way: its columns say what every request costs when computed afresh.
 *
 * The archive is the run's one archive (bench/archive.ts: BENCH_ARCHIVE, BENCH_CACHE), served in place.
 *
 *   BENCH_SCENARIOS  a regular expression: only the scenarios whose name matches
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { openDatabase } from '../src/db/connection.js'
import type { BenchArchive } from './archive.js'
import { freePort, serveEnv, startProcess, type Stop } from './process.js'
import { watchRss } from './server-metrics.js'
import type { GenerateSummary } from './generate.js'

/** One server's figures for a scenario, its req/s against the baseline's. */
interface Figures {
  rps: number
  ratio: number
  p50: number
  p99: number
  max: number
  errors: number
}

function figures(run: autocannon.Result, baseline: autocannon.Result): Figures {
  const { requests, latency } = run
  return { rps: requests.average, ratio: requests.average / baseline.requests.average, p50: latency.p50, p99: latency.p99, max: latency.max, errors: run.errors + run.timeouts + run.non2xx }
}

export interface HttpRow extends Figures {
  scenario: string
  path: string
  baselineRps: number
  baselineErrors: number
  bytes: number
  /** The same scenario on the server with the response cache off. */
  uncached: Figures
}

export interface HttpResult {
  articles: number
  /** The archive file (with its WAL) in bytes, and against the UTF-8 bytes of the generated text. */
  databaseBytes: number
  sizeRatio: number
  /** The API server's highest resident memory while the scenarios loaded it, in kB (undefined off Linux). */
  peakRssKb: number | undefined
  /** The same, for the server with the response cache off. */
  uncachedPeakRssKb: number | undefined
  /** From spawning `serve` on the archive to its first 200 of /v1/articles, in ms. */
  coldStartMs: number
  generated: GenerateSummary
  connections: number
  seconds: number
  rows: HttpRow[]
}

interface Scenario {
  name: string
  path: string
}

/** Scenarios with parameters taken from the archive: its busiest outlet, entity and speaker, a common and a rare word. */
function scenarios(database: string): Scenario[] {
  const db = openDatabase(database, { readonly: true })
  try {
    const one = <T>(sql: string) => db.prepare(sql).get() as T
    const source = one<{ slug: string }>(`SELECT slug FROM sources WHERE kind = 'outlet' ORDER BY article_count DESC LIMIT 1`).slug
    const entity = one<{ id: number }>(`SELECT id FROM entities ORDER BY article_count DESC LIMIT 1`).id
    // The article list filtered by an entity with 100,000 matches in a million articles (a tenth of
    // a smaller archive): the busiest entity, a capital, is in four articles out of five.
    const target = Math.min(100_000, Math.round(one<{ n: number }>('SELECT count(*) AS n FROM articles').n / 10))
    const matched = one<{ id: number; articles: number }>(`SELECT id, article_count AS articles FROM entities ORDER BY abs(article_count - ${target}), id LIMIT 1`)
    const speaker = one<{ id: number; name: string }>(`SELECT id, name FROM entities WHERE quote_count > 0 ORDER BY quote_count DESC LIMIT 1`)
    const article = one<{ id: number }>(`SELECT id FROM articles WHERE quote_count > 0 ORDER BY id LIMIT 1 OFFSET 100`).id
    // Words by how many articles hold them, from the FTS index itself (a temp vocabulary table: the file
    // is not changed), read once: each read walks the whole index, 5 s at a million articles.
    db.exec(`CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, 'articles_fts', 'row')`)
    const words = db.prepare(`SELECT term, doc FROM temp.vocab WHERE length(term) >= 4 AND term GLOB '[a-z]*'`).raw().all() as [string, number][]
    const common = words.reduce((best, w) => (w[1] > best[1] ? w : best))[0]
    // Rare: in about five articles (the generator's vocabulary is small, so the nearest count will do).
    const distance = (w: [string, number]) => Math.abs(w[1] - 5)
    const rare = words.filter((w) => w[0].length >= 5).reduce((best, w) => (distance(w) < distance(best) || (distance(w) === distance(best) && w[0] < best[0]) ? w : best))[0]
    const q = encodeURIComponent
    return [
      { name: 'articles, no filter', path: '/v1/articles' },
      { name: 'articles by source', path: `/v1/articles?source=${q(source)}` },
      { name: `articles by entity (${matched.articles.toLocaleString('en-US')} matches)`, path: `/v1/articles?entity=${matched.id}` },
      { name: 'articles by speaker', path: `/v1/articles?speaker=${speaker.id}` },
      { name: 'articles, date range', path: `/v1/articles?from=2019-03-01T00:00:00Z&to=2019-04-01T00:00:00Z` },
      { name: 'article detail', path: `/v1/articles/${article}` },
      { name: 'quotes by speaker', path: `/v1/speakers/${speaker.id}/quotes` },
      { name: 'entity articles', path: `/v1/entities/${entity}/articles` },
      { name: 'related entities', path: `/v1/entities/${entity}/related` },
      { name: `search, common word (${common})`, path: `/v1/search?q=${q(common)}` },
      { name: `search, rare word (${rare})`, path: `/v1/search?q=${q(rare)}` },
      { name: `search, phrase ("${speaker.name}")`, path: `/v1/search?q=${q(`"${speaker.name}"`)}` },
      { name: 'facets (source, speaker, entity)', path: `/v1/articles?facets=source,speaker,entity&limit=1` },
    ]
  } finally {
    db.close()
  }
}

function load(url: string, connections: number, seconds: number): Promise<autocannon.Result> {
  return autocannon({ url, connections, duration: seconds })
}

/**
 * Milliseconds from spawning `serve` on `database` to its first 200 of /v1/articles (asked every
 * 5 ms), then stops it. The file's pages may be in the OS cache from earlier use: this is a process's
 * cold start (migrations check, schema, statements), not a cold disk's.
 */
async function coldStart(root: string, database: string): Promise<number> {
  const port = await freePort()
  const started = performance.now()
  const stop = await startProcess(['dist/quotewire.js', 'serve'], serveEnv(database, port), `http://127.0.0.1:${port}/v1/articles`, root, { pollMs: 5 })
  const ms = performance.now() - started
  await stop()
  return ms
}

/** Starts the API on the archive and the baseline, and loads both scenario by scenario. */
export async function benchHttp(
  root: string,
  options: { archive: BenchArchive; connections?: number; seconds?: number; log?: (line: string) => void },
): Promise<HttpResult> {
  const connections = options.connections ?? 32
  const seconds = options.seconds ?? 5
  const log = options.log ?? (() => {})
  const dir = mkdtempSync(join(tmpdir(), 'quotewire-bench-'))
  const stops: Stop[] = []
  try {
    const { path: database, generated } = options.archive
    const only = process.env.BENCH_SCENARIOS ? new RegExp(process.env.BENCH_SCENARIOS) : undefined
    const list = scenarios(database).filter((s) => !only || only.test(s.name))

    const serve = async (extra: Record<string, string>) => {
      const port = await freePort()
      const url = `http://127.0.0.1:${port}`
      const stop = await startProcess(['dist/quotewire.js', 'serve'], serveEnv(database, port, extra), `${url}/healthz`, root)
      stops.push(stop)
      return { url, pid: stop.pid }
    }
    const { url: api, pid: apiPid } = await serve({})
    const { url: fresh, pid: freshPid } = await serve({ RESPONSE_CACHE_MB: '0' })
    // The payload of each scenario, exactly as the API sends it (uncompressed: autocannon asks for no encoding).
    const payloads: { contentType: string; body: string }[] = []
    for (const s of list) {
      const res = await fetch(api + s.path, { headers: { 'accept-encoding': 'identity' } })
      if (res.status !== 200) throw new Error(`GET ${s.path}: ${res.status} ${await res.text()}`)
      payloads.push({ contentType: res.headers.get('content-type') ?? 'application/json', body: await res.text() })
    }
    const payloadFile = join(dir, 'payloads.json')
    writeFileSync(payloadFile, JSON.stringify(payloads))
    const basePort = await freePort()
    const base = `http://127.0.0.1:${basePort}`
    stops.push(await startProcess(['--import', 'tsx', 'bench/http-baseline.ts'], { PORT: String(basePort), PAYLOADS: payloadFile }, `${base}/s/0`, root))

    const rows: HttpRow[] = []
    const memory = watchRss(apiPid)
    const freshMemory = watchRss(freshPid)
    for (const [i, s] of list.entries()) {
      log(`${s.name}: ${s.path}`)
      await load(api + s.path, connections, 1) // warm up: statement cache, page cache, JIT
      const real = await load(api + s.path, connections, seconds)
      await load(`${base}/s/${i}`, connections, 1)
      const bare = await load(`${base}/s/${i}`, connections, seconds)
      await load(fresh + s.path, connections, 1)
      const computed = await load(fresh + s.path, connections, seconds)
      rows.push({
        scenario: s.name,
        path: s.path,
        baselineRps: bare.requests.average,
        baselineErrors: bare.errors + bare.timeouts + bare.non2xx,
        bytes: Buffer.byteLength(payloads[i].body),
        ...figures(real, bare),
        uncached: figures(computed, bare),
      })
    }
    const peakRssKb = memory.stop()
    const uncachedPeakRssKb = freshMemory.stop()
    // A fresh process on the same archive, while the others stand idle.
    const coldStartMs = await coldStart(root, database)
    log(`cold start to the first 200 of /v1/articles: ${coldStartMs.toFixed(0)} ms`)
    const databaseBytes = statSync(database).size + (existsSync(`${database}-wal`) ? statSync(`${database}-wal`).size : 0)
    return { articles: generated.articles, databaseBytes, sizeRatio: databaseBytes / generated.textBytes, peakRssKb, uncachedPeakRssKb, coldStartMs, generated, connections, seconds, rows }
  } finally {
    for (const stop of stops.reverse()) await stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The result as one markdown table. */
export function httpTable(result: HttpResult): string[] {
  const n = (x: number) => Math.round(x).toLocaleString('en-US')
  const lines = [
    '| scenario | bytes | baseline req/s | req/s | ratio | p50 ms | p99 ms | max ms | errors | afresh req/s | ratio | p50 ms | p99 ms | max ms | errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ]
  for (const r of result.rows) {
    const errors = r.baselineErrors ? `${r.errors} (baseline ${r.baselineErrors})` : String(r.errors)
    const u = r.uncached
    lines.push(
      `| ${r.scenario} | ${n(r.bytes)} | ${n(r.baselineRps)} | ${n(r.rps)} | ${r.ratio.toFixed(2)} | ${r.p50} | ${r.p99} | ${r.max} | ${errors} ` +
        `| ${n(u.rps)} | ${u.ratio.toFixed(2)} | ${u.p50} | ${u.p99} | ${u.max} | ${u.errors} |`,
    )
  }
  return lines
}
