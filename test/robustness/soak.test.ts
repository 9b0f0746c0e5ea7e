/**
 * A soak: 64 keep-alive connections reading the generated archive (lists, details, search, facets,
 * a few not-founds) as fast as the server answers, for SOAK_SECONDS (default 20 so the suite stays
 * fast; release checks run SOAK_SECONDS=60). No request may fail, and the server's resident memory
 * (VmRSS) at the end must be no more than 10% above where it was after the warm-up: nothing
 * accumulates per request. RSS swings by tens of MB between garbage collections, so "after the warm-up" and
 * "at the end" are each the median of the samples (every 250 ms) of the soak's first and last fifth.
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
const SECONDS = Number(process.env.SOAK_SECONDS ?? 20)
const WARMUP_SECONDS = Math.max(3, Math.min(10, SECONDS / 4))

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

t.test(`${CONNECTIONS} connections for ${SECONDS} s after a ${WARMUP_SECONDS} s warm-up`, { timeout: (SECONDS + WARMUP_SECONDS + 60) * 1000 }, async (t) => {
  const server = await startServer({ database, t, env: { RATE_LIMIT_READ: '0' } })
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

  const run = async (seconds: number, seed: number) => {
    const statuses = new Tally()
    const failures: string[] = []
    const latencies: number[] = []
    const until = Date.now() + seconds * 1000
    const started = Date.now()
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, n) => {
        const random = new Random(seed * 1000 + n)
        while (Date.now() < until) {
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

  const idle = rssKb(pid)
  const warm = await run(WARMUP_SECONDS, 1)
  t.equal(warm.failures.length, 0, `warm-up: ${warm.summary}${warm.failures.length ? `\n  ${warm.failures.slice(0, 10).join('\n  ')}` : ''}`)
  const afterWarmup = rssKb(pid)

  const samples: number[] = []
  const sampler = setInterval(() => samples.push(rssKb(pid)), 250)
  const soak = await run(SECONDS, 2)
  clearInterval(sampler)
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const fifth = Math.max(1, Math.floor(samples.length / 5))
  const baseline = median(samples.slice(0, fifth))
  const end = median(samples.slice(-fifth))
  await new Promise((r) => setTimeout(r, 1000))
  const quiet = rssKb(pid)

  const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`
  t.comment(`soak: ${CONNECTIONS} connections, ${soak.summary}; statuses ${soak.statuses.lines().join(', ')}`)
  t.comment(`server RSS: idle ${mb(idle)}, right after warm-up ${mb(afterWarmup)}; during the soak ${mb(Math.min(...samples))}–${mb(Math.max(...samples))} ` +
    `(${samples.length} samples), median of the first fifth ${mb(baseline)}, of the last fifth ${mb(end)} (${(((end - baseline) / baseline) * 100).toFixed(1)}%); idle 1 s later ${mb(quiet)}`)
  t.equal(soak.failures.length, 0, `no failed request, no 5xx${soak.failures.length ? `:\n  ${soak.failures.slice(0, 20).join('\n  ')}` : ''}`)
  t.ok(soak.requests > CONNECTIONS * SECONDS, `${soak.requests} requests answered`)
  // Growth is what a leak looks like; the heap shrinking once allocation settles is not (seen: -18%).
  t.ok(end <= baseline * 1.1, `RSS at the end (${mb(end)}) no more than 10% above the RSS after the warm-up (${mb(baseline)})`)
  t.notMatch(server.output(), /SQLITE_BUSY|database is locked|"level":50|"level":60/, 'no failure in the server log')
})
