/**
 * A soak: 64 keep-alive connections reading the generated archive (lists, details, search, facets,
 * a few not-founds) at SOAK_RATE requests per second together (default 600; 0 = as fast as the
 * server answers), for SOAK_SECONDS (default 60) after a warm-up of SOAK_WARMUP_SECONDS (default
 * 10). No request may fail, and the server's resident memory (VmRSS) at the end must be within 10%
 * of where it was after the warm-up, either way.
 *
 * Why a set rate: unpaced, the soak took whatever the machine had (140,000 requests alone, 64,000
 * beside the other test files), so its load depended on the machine, and for its minute it held
 * both cores the rest of the suite was waiting for. 36,000 requests at a steady rate reach every
 * route thousands of times and fill and turn over the response cache many times.
 *
 * Both figures are read the same way: a full garbage collection in the server (through its
 * inspector), then the RSS once it settles. Why: under load, V8's committed heap swings by 40-50%
 * between collections (live heap 27 MB, committed up to 80 MB), and when its first full collection
 * of a grown heap comes depends on the machine's speed; a figure read under load says which phase
 * the heap was in, not what the server holds. After a full collection the RSS is steady to about 2%
 * from one reading to the next, and a leak, of JavaScript objects or of native memory, lifts it.
 * RSS under load is sampled too and reported.
 * The server's young generation is fixed at its largest size (16 MB semi-spaces): V8 grows it with
 * the allocation rate and shrinks it only once the process idles, so a reading after a busy minute
 * on a loaded machine could carry up to ~50 MB more of it than the reading after the warm-up. That
 * is the likeliest reading of a full-suite run that once read +43% (alone the same soak reads ~1%).
 * The server runs without the read rate limit (one client makes all the requests) and, as every test
 * server, without its event-loop overload guard (test/helpers/server.ts). Its response cache gets
 * 1 MB: full within the warm-up, so the soak runs hits, misses and evictions together, and the cache
 * filling (which it does up to its budget, by design) is not mistaken for a leak.
 * The file sits at the top of test/ because tap starts files in path order: its fixed minute and a
 * half then runs beside the rest of the suite instead of alone at the end of it.
 */
import t from 'tap'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateArchive } from '../bench/generate.js'
import { Random } from '../bench/generate/random.js'
import { openDatabase } from '../src/db/connection.js'
import { migrate } from '../src/db/migrate.js'
import { loadPaths } from '../src/load/loader.js'
import { httpClient, INTERNALS, rssKb, serverPid, Tally } from './helpers/fuzz.js'
import { connectInspector } from './helpers/inspector.js'
import { seedsDir } from './helpers/paths.js'
import { startServer } from './helpers/server.js'

const CONNECTIONS = 64
const SECONDS = Number(process.env.SOAK_SECONDS ?? 60)
const WARMUP_SECONDS = Number(process.env.SOAK_WARMUP_SECONDS ?? 10)
const RATE = Number(process.env.SOAK_RATE ?? 600)
const SAMPLE_MS = 250
// Longer than the runner's default for one file: building the archive, the warm-up and the soak.
t.setTimeout((WARMUP_SECONDS + SECONDS + 180) * 1000)

const dir = mkdtempSync(join(tmpdir(), 'quotewire-soak-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))
const database = join(dir, 'archive.db')
const ids = { articles: 0, quotes: 0, entities: 0, stories: 0 }
{
  const db = openDatabase(database)
  migrate(db)
  generateArchive(db, { articles: 500, seed: 7 })
  loadPaths(db, [seedsDir])
  for (const table of Object.keys(ids) as (keyof typeof ids)[]) ids[table] = db.prepare(`SELECT max(id) FROM ${table}`).pluck().get() as number
  db.close()
}

t.test(`${CONNECTIONS} connections for ${SECONDS} s after a warm-up of ${WARMUP_SECONDS} s`, { timeout: (WARMUP_SECONDS + SECONDS + 90) * 1000 }, async (t) => {
  const server = await startServer({ database, t, env: { RATE_LIMIT_READ: '0', RESPONSE_CACHE_MB: '1' }, nodeOptions: ['--inspect=127.0.0.1:0', '--min-semi-space-size=16', '--max-semi-space-size=16'], timeoutMs: 120_000 })
  const inspector = await connectInspector(server.output)
  t.teardown(inspector.close)
  const pid = serverPid(server.port, database)
  const client = httpClient(server.url, CONNECTIONS)
  t.teardown(client.close)

  const words = ['government', 'sanctions', 'minister', 'energy', 'police', 'talks', 'market', 'Korea', 'election', 'said']
  const target = (random: Random): string => {
    const word = random.pick(words)
    return random.pick([
      () => `/v1/articles?limit=${random.int(1, 100)}`,
      () => `/v1/articles?sort=oldest&facets=source,wire,speaker,entity,language&limit=20`,
      () => `/v1/articles/${random.int(1, ids.articles)}`,
      () => `/v1/quotes?limit=50&sort=${random.pick(['newest', 'oldest'])}`,
      () => `/v1/quotes/${random.int(1, ids.quotes)}`,
      () => `/v1/speakers?limit=50`,
      () => `/v1/entities?type=${random.pick(['person', 'org', 'place'])}&limit=50`,
      () => `/v1/entities/${random.int(1, ids.entities)}`,
      () => `/v1/stories?limit=20`,
      () => `/v1/stories/${random.int(1, ids.stories)}`,
      () => `/v1/search?q=${word}&limit=20`,
      () => `/v1/articles?q=${word}&facets=source`,
      () => `/v1/quotes?q=${word}%20${random.pick(words)}&facets=speaker`,
      // Answers that are not found must not leak either.
      () => `/v1/articles/${ids.articles + random.int(1, 1000)}`,
    ])()
  }

  /** Load for `seconds`. */
  const run = async (seconds: number, seed: number) => {
    const statuses = new Tally()
    const cache = new Tally()
    const failures: string[] = []
    const latencies: number[] = []
    const started = Date.now()
    const going = () => Date.now() - started < seconds * 1000
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, n) => {
        const random = new Random(seed * 1000 + n)
        // Each connection keeps its own schedule, RATE / CONNECTIONS requests a second, staggered.
        const every = RATE > 0 ? (CONNECTIONS / RATE) * 1000 : 0
        let due = started + (every * n) / CONNECTIONS
        while (going()) {
          if (every > 0) {
            const wait = due - Date.now()
            if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
            // Behind schedule (a slow answer), the next request waits a whole interval: no catch-up burst.
            due = Math.max(due, Date.now()) + every
            if (!going()) break
          }
          const url = target(random)
          const res = await client.send({ method: 'GET', target: url })
          latencies.push(res.ms)
          statuses.add(String(res.status || 'no answer'))
          cache.add(res.cache || 'none')
          const expected = /^\/v1\/articles\/\d+$/.test(url) && Number(url.split('/')[3]) > ids.articles ? 404 : 200
          if (res.error || res.status !== expected || INTERNALS.test(res.body)) failures.push(`GET ${url} → ${res.status} ${res.error ?? res.body.slice(0, 200)}`)
        }
      }),
    )
    latencies.sort((a, b) => a - b)
    const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]?.toFixed(1)
    const ms = Date.now() - started
    return { statuses, cache, failures, requests: latencies.length, ms, summary: `${latencies.length} requests in ${ms} ms (${Math.round((latencies.length / ms) * 1000)}/s), latency p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms` }
  }

  /** RSS after a full collection, once it settles: the median of four readings over a second. */
  const settled = async () => {
    await inspector.collectGarbage()
    const readings: number[] = []
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS))
      readings.push(rssKb(pid))
    }
    return readings.sort((a, b) => a - b)[2]
  }
  // RSS under load, for the record: it swings with the heap between collections.
  const underLoad: number[] = []
  const sampler = setInterval(() => underLoad.push(rssKb(pid)), SAMPLE_MS)
  const warm = await run(WARMUP_SECONDS, 1)
  t.equal(warm.failures.length, 0, `warm-up: ${warm.summary}${warm.failures.length ? `\n  ${warm.failures.slice(0, 10).join('\n  ')}` : ''}`)
  const warmPeak = Math.max(...underLoad)
  const baseline = await settled()
  underLoad.length = 0
  const soak = await run(SECONDS, 2)
  clearInterval(sampler)
  const end = await settled()
  const change = ((end - baseline) / baseline) * 100

  const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`
  t.comment(`soak: ${CONNECTIONS} connections, ${soak.summary}; statuses ${soak.statuses.lines().join(', ')}`)
  t.comment(`server RSS under load: up to ${mb(warmPeak)} in the warm-up, ${mb(Math.min(...underLoad))}-${mb(Math.max(...underLoad))} in the soak`)
  t.comment(`warm-up: ${warm.requests} requests; server RSS after a full collection: after the warm-up ${mb(baseline)}, at the end ${mb(end)} (${change.toFixed(1)}%)`)
  t.equal(soak.failures.length, 0, `no failed request, no 5xx${soak.failures.length ? `:\n  ${soak.failures.slice(0, 20).join('\n  ')}` : ''}`)
  t.ok(soak.requests > CONNECTIONS * SECONDS, `${soak.requests} requests answered`)
  const share = (k: string) => (soak.cache.counts.get(k) ?? 0) / soak.requests
  t.ok(share('hit') > 0.05 && share('miss') > 0.05, `cached and computed answers both under load: ${soak.cache.lines().join(', ')}`)
  t.ok(Math.abs(change) <= 10, `RSS at the end (${mb(end)}) within 10% of the RSS after the warm-up (${mb(baseline)}): ${change.toFixed(1)}%`)
  t.notMatch(server.output(), /SQLITE_BUSY|database is locked|"level":50|"level":60/, 'no failure in the server log')
})
