/**
 * Readers never see the loader: `quotewire load` runs as its own process, committing article after
 * article into the archive a real server is answering 50 concurrent readers from (lists, details,
 * search, facets). Every request must be answered 200 — no reset, no 5xx, no lock error reaching
 * a client or the server log — and the readers must see the new articles arrive.
 */
import t from 'tap'
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { Random } from '../../bench/generate/random.js'
import { openDatabase } from '../../src/db/connection.js'
import { writePolnearTexts } from '../helpers/db.js'
import { httpClient, INTERNALS, Tally, type RawResponse } from '../helpers/fuzz.js'
import { builtCli, nodeCommand, seedFiles, sharedDir } from '../helpers/paths.js'
import { startServer } from '../helpers/server.js'

const READERS = 50
const ARTICLES = 200

const dir = mkdtempSync(join(tmpdir(), 'quotewire-readers-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))
const database = join(dir, 'archive.db')
const folder = join(dir, 'pages')
mkdirSync(folder)

const havePolnear = existsSync(join(sharedDir, 'data', 'polnear', 'train.json'))
if (havePolnear) writePolnearTexts(folder, ['dev', 'train'], ARTICLES)
else {
  // Without the corpus: the seeds, each re-issued many times with its own correction (distinct content, same event).
  for (const seed of seedFiles()) {
    const lines = readFileSync(seed, 'utf8').split('\n')
    const longest = lines.reduce((best, line, i) => (line.length > lines[best].length ? i : best), 0)
    for (let i = 0; i < ARTICLES / 2; i++) {
      const edited = lines.map((line, j) => (j === longest ? `${line} This version was corrected ${i + 1} times.` : line))
      writeFileSync(join(folder, `${basename(seed, '.txt')}-${i}.txt`), edited.join('\n'))
    }
  }
}

function articleCount(): number {
  const db = openDatabase(database, { readonly: true })
  try {
    return db.prepare('SELECT count(*) FROM articles').pluck().get() as number
  } finally {
    db.close()
  }
}

t.test(`${READERS} readers while a loader process stores ${ARTICLES} ${havePolnear ? 'PolNeAR' : 'seed-derived'} articles`, async (t) => {
  // An empty archive: the server migrates it and loads seeds/ before it answers. No read limit: 50 readers are one client here.
  const server = await startServer({ database, t, env: { RATE_LIMIT_READ: '0', LOG_LEVEL: 'warn' } })
  const client = httpClient(server.url, READERS)
  t.teardown(client.close)
  const before = articleCount()

  const started = Date.now()
  let loaderOutput = ''
  let loading = true
  const loader = spawn(...nodeCommand([builtCli(), 'load', '--quiet', '--database', database, folder]), { stdio: ['ignore', 'pipe', 'pipe'] })
  loader.stdout.on('data', (c) => (loaderOutput += c))
  loader.stderr.on('data', (c) => (loaderOutput += c))
  const loaded = new Promise<number | null>((resolve) => loader.on('exit', (code) => resolve(code))).finally(() => (loading = false))
  t.teardown(() => void loader.kill('SIGKILL'))

  const ids = { articles: new Set<number>(), quotes: new Set<number>(), speakers: new Set<number>(), entities: new Set<number>() }
  const words = ['government', 'president', 'campaign', 'sanctions', 'Trump', 'Clinton', 'said', 'election', 'Korea', 'police']
  const requests = (random: Random): string => {
    const pick = <T>(s: Set<T>) => [...s][random.int(0, s.size - 1)]
    const word = random.pick(words)
    const choices = [
      () => `/v1/articles?sort=oldest&limit=${random.int(20, 100)}`,
      () => `/v1/articles?facets=source,speaker&limit=10`,
      () => `/v1/quotes?limit=50`,
      () => `/v1/speakers?limit=50`,
      () => `/v1/entities?type=${random.pick(['person', 'org', 'place'])}&limit=50`,
      () => '/v1/stories?limit=20',
      () => `/v1/search?q=${word}&limit=20`,
      () => `/v1/articles?q=${word}&facets=source`,
      () => `/v1/quotes?q=${word}&sort=newest`,
      () => (ids.articles.size ? `/v1/articles/${pick(ids.articles)}` : '/v1/articles'),
      () => (ids.quotes.size ? `/v1/quotes/${pick(ids.quotes)}` : '/v1/quotes'),
      () => (ids.speakers.size ? `/v1/speakers/${pick(ids.speakers)}/quotes?limit=20` : '/v1/speakers'),
      () => (ids.entities.size ? `/v1/entities/${pick(ids.entities)}/related` : '/v1/entities'),
    ]
    return random.pick(choices)()
  }
  const remember = (target: string, res: RawResponse) => {
    if (res.status !== 200 || !/^\/v1\/(articles|quotes|speakers|entities)\?/.test(target) || target.includes('q=')) return
    const kind = target.slice(4, target.indexOf('?')) as keyof typeof ids
    for (const item of (JSON.parse(res.body) as { data: { id: number }[] }).data) ids[kind].add(item.id)
  }

  const statuses = new Tally()
  const failures: string[] = []
  let requestsDone = 0
  let duringLoad = 0
  const latencies: number[] = []
  const reader = async (n: number) => {
    const random = new Random(1000 + n)
    // Readers keep reading until the load is over, then once more around (what it stored is read too).
    for (let tail = 25; loading || tail-- > 0; ) {
      const target = requests(random)
      const res = await client.send({ method: 'GET', target })
      requestsDone++
      if (loading) duringLoad++
      latencies.push(res.ms)
      statuses.add(String(res.status || 'no answer'))
      if (res.error || res.status !== 200 || INTERNALS.test(res.body)) failures.push(`GET ${target} → ${res.status} ${res.error ?? res.body.slice(0, 200)}`)
      else remember(target, res)
    }
  }
  const [code] = await Promise.all([loaded, ...Array.from({ length: READERS }, (_, n) => reader(n))])
  const ms = Date.now() - started
  const after = articleCount()

  latencies.sort((a, b) => a - b)
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1)
  t.comment(`load of ${ARTICLES} files: ${ms} ms under ${READERS} readers; ${requestsDone} requests (${duringLoad} while loading), ` +
    `${Math.round((requestsDone / ms) * 1000)}/s, latency p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms`)
  t.comment(`statuses: ${statuses.lines().join(', ')}; articles ${before} → ${after}; loader: ${loaderOutput.trim().replace(/\n/g, '; ')}`)

  t.equal(code, 0, `the loader succeeded: ${loaderOutput}`)
  t.equal(after - before, ARTICLES, `${ARTICLES} articles stored while being read`)
  t.ok(duringLoad >= READERS * 10, `${duringLoad} requests answered while the loader was writing`)
  t.equal(failures.length, 0, `every request answered 200${failures.length ? `:\n  ${failures.slice(0, 20).join('\n  ')}` : ''}`)
  t.ok(ids.articles.size > before, `the readers saw the articles arrive (${ids.articles.size} distinct articles listed; ${before} before the load)`)
  t.notMatch(server.output(), /SQLITE_BUSY|database is locked|"level":50|"level":60/, 'no lock error and no failure in the server log')
})
