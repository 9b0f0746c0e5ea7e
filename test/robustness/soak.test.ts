/**
 * A soak: 64 keep-alive connections reading the generated archive (lists, details, search, facets,
 * a few not-founds) as fast as the server answers, for SOAK_SECONDS (default 60) after a warm-up of
 * at least SOAK_WARMUP_SECONDS (default 20) and 25,000 requests (for at most 9 times as long). No
 * request may fail, and the server's resident memory (VmRSS) at the end must be within 10% of where
 * it was after the warm-up, either way.
 *
 * Both figures are measured the same way, under the same load, over a 15-second window right after
 * the warm-up and at the very end: RSS is sampled every 250 ms, and the figure is the lowest of the
 * window's one-second medians. Why: the live heap after each full collection is steady (27-32 MB),
 * but the heap V8 keeps committed is not. It grows from the start (RSS +40-45%) until the first
 * full collection of a grown heap, which comes after some 12,000-18,000 requests of this mix
 * whatever the machine's speed, and gives most of it back. From then on the committed heap still
 * rises by some 10% between collections and falls back; a median catches whichever phase the
 * window falls on (seen: +10.9% with no growth of the floor), the window's low point does not, and
 * a leak lifts it as surely as the rest. The memory-mapped database (about 60 MB of RSS) does not
 * move. A baseline taken before that first collection (seconds into the load on a fast machine, a
 * minute or more on a busy one) is a transient, and an end figure 20-25% below it is V8 returning
 * memory, not the server shrinking.
 * The server also runs without its event-loop overload guard (as without the read rate limit): on a
 * busy test machine it would answer some requests 503 by design, which is not what a soak checks.
 */
import t from 'tap'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateArchive } from '../../bench/generate.js'
import { Random } from '../../bench/generate/random.js'
import { openDatabase } from '../../src/db/connection.js'
import { migrate } from '../../src/db/migrate.js'
import { loadPaths } from '../../src/load/loader.js'
import { httpClient, INTERNALS, rssKb, serverPid, Tally } from '../helpers/fuzz.js'
import { seedsDir } from '../helpers/paths.js'
import { startServer } from '../helpers/server.js'

const CONNECTIONS = 64
const SECONDS = Number(process.env.SOAK_SECONDS ?? 60)
const WARMUP_SECONDS = Number(process.env.SOAK_WARMUP_SECONDS ?? 20)
// The heap reaches its working size after a number of requests, not of seconds: a slow machine warms up longer.
// V8's first full collection of the grown heap, which hands most of it back, came at 12,000–30,000 requests here.
const WARMUP_REQUESTS = 40_000
const WARMUP_MAX_SECONDS = 9 * WARMUP_SECONDS
const WINDOW_SECONDS = 15
const SAMPLE_MS = 250
// Longer than the runner's default for one file: building the archive, the warm-up and the soak.
t.setTimeout((WARMUP_MAX_SECONDS + SECONDS + 180) * 1000)

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

t.test(`${CONNECTIONS} connections for ${SECONDS} s after a warm-up of ${WARMUP_REQUESTS} requests`, { timeout: (WARMUP_MAX_SECONDS + SECONDS + 90) * 1000 }, async (t) => {
  const server = await startServer({ database, t, env: { RATE_LIMIT_READ: '0', MAX_EVENT_LOOP_DELAY_MS: '0' }, timeoutMs: 120_000 })
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

  /** Load for `seconds`, or longer until `minRequests` are answered (but never past `maxSeconds`). */
  const run = async (seconds: number, seed: number, until: { minRequests?: number; maxSeconds?: number } = {}) => {
    const statuses = new Tally()
    const failures: string[] = []
    const latencies: number[] = []
    const started = Date.now()
    const going = () => {
      const elapsed = (Date.now() - started) / 1000
      return elapsed < seconds || (latencies.length < (until.minRequests ?? 0) && elapsed < (until.maxSeconds ?? seconds))
    }
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, n) => {
        const random = new Random(seed * 1000 + n)
        while (going()) {
          const url = target(random)
          const res = await client.send({ method: 'GET', target: url })
          latencies.push(res.ms)
          statuses.add(String(res.status || 'no answer'))
          const expected = /^\/v1\/articles\/\d+$/.test(url) && Number(url.split('/')[3]) > ids.articles ? 404 : 200
          if (res.error || res.status !== expected || INTERNALS.test(res.body)) failures.push(`GET ${url} → ${res.status} ${res.error ?? res.body.slice(0, 200)}`)
        }
      }),
    )
    latencies.sort((a, b) => a - b)
    const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]?.toFixed(1)
    const ms = Date.now() - started
    return { statuses, failures, requests: latencies.length, ms, summary: `${latencies.length} requests in ${ms} ms (${Math.round((latencies.length / ms) * 1000)}/s), latency p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms` }
  }

  // One sampler for the whole run: the two figures compared come from the same series.
  const samples: { at: number; kb: number }[] = []
  const started = Date.now()
  const sample = () => samples.push({ at: (Date.now() - started) / 1000, kb: rssKb(pid) })
  sample()
  const sampler = setInterval(sample, SAMPLE_MS)
  const warm = await run(WARMUP_SECONDS, 1, { minRequests: WARMUP_REQUESTS, maxSeconds: WARMUP_MAX_SECONDS })
  t.equal(warm.failures.length, 0, `warm-up: ${warm.summary}${warm.failures.length ? `\n  ${warm.failures.slice(0, 10).join('\n  ')}` : ''}`)
  const warmEnd = (Date.now() - started) / 1000
  const soak = await run(SECONDS, 2)
  const soakEnd = (Date.now() - started) / 1000
  clearInterval(sampler)

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  /** The lowest of the window's one-second medians: the committed heap between its rises, which a leak lifts too. */
  const window = (from: number, to: number) => {
    const seconds: number[] = []
    for (let at = from; at + 1 <= to; at++) {
      const kb = samples.filter((x) => x.at >= at && x.at < at + 1).map((x) => x.kb)
      if (kb.length) seconds.push(median(kb))
    }
    return Math.min(...seconds)
  }
  const baseline = window(warmEnd, warmEnd + WINDOW_SECONDS)
  const end = window(soakEnd - WINDOW_SECONDS, soakEnd)
  const change = ((end - baseline) / baseline) * 100

  const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`
  const timeline: string[] = []
  for (let from = 0; from < soakEnd; from += WINDOW_SECONDS) {
    // The last window may hold less than a whole second of samples: it has no figure then.
    const low = window(from, Math.min(from + WINDOW_SECONDS, soakEnd))
    if (Number.isFinite(low)) timeline.push(`${from}s ${mb(low)}`)
  }
  t.comment(`soak: ${CONNECTIONS} connections, ${soak.summary}; statuses ${soak.statuses.lines().join(', ')}`)
  t.comment(`server RSS, lowest 1-s median of each ${WINDOW_SECONDS} s (warm-up until ${warmEnd.toFixed(0)} s): ${timeline.join(', ')}`)
  t.comment(`warm-up: ${warm.requests} requests; server RSS after the warm-up ${mb(baseline)}, at the end ${mb(end)} (${change.toFixed(1)}%)`)
  t.equal(soak.failures.length, 0, `no failed request, no 5xx${soak.failures.length ? `:\n  ${soak.failures.slice(0, 20).join('\n  ')}` : ''}`)
  t.ok(soak.requests > CONNECTIONS * SECONDS, `${soak.requests} requests answered`)
  t.ok(Math.abs(change) <= 10, `RSS at the end (${mb(end)}) within 10% of the RSS after the warm-up (${mb(baseline)}): ${change.toFixed(1)}%`)
  t.notMatch(server.output(), /SQLITE_BUSY|database is locked|"level":50|"level":60/, 'no failure in the server log')
})
