/**
 * Walking a list with its cursor visits every item exactly once, in the documented order — over
 * 1,500 generated articles and their quotes (tens to hundreds of pages per list, with page
 * boundaries inside runs of equal dates), for every sort and filter, and while another process
 * loads new articles into the same database file (new articles may or may not appear; no
 * duplicate, no pre-existing article skipped, order kept). What makes a walk hard is the number of
 * page boundaries and ties, not the size of the archive: a larger one only makes the file slower.
 */
import t, { type Test } from 'tap'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateArchive } from '../../bench/generate.js'
import { openDatabase } from '../../src/db/connection.js'
import { migrate } from '../../src/db/migrate.js'
import { nodeCommand, root } from '../helpers/paths.js'
import { startServer } from '../helpers/server.js'

const ARTICLES = 1500

const dir = mkdtempSync(join(tmpdir(), 'quotewire-walk-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))
const database = join(dir, 'archive.db')
const db = openDatabase(database)
migrate(db)
const generated = generateArchive(db, { articles: ARTICLES, seed: 11 })
t.comment(`generated ${generated.articles} articles, ${generated.quotes} quotes in ${generated.ms} ms`)
t.teardown(() => db.close())
const server = await startServer({ database, t })

interface Item {
  id: number
  published_at: string | null
}

let requests = 0
let pagesWalked = 0

/**
 * Follows a list from its first page to its last (or to `maxPages`) through the `Link: rel="next"`
 * header, checking on every page that the header and `page.next` agree and that only the last page
 * is short.
 */
async function walk<T = Item>(t: Test, path: string, limit: number, maxPages = Infinity): Promise<T[]> {
  const items: T[] = []
  let url: string | null = `${path}${path.includes('?') ? '&' : '?'}limit=${limit}`
  let pages = 0
  while (url && pages < maxPages) {
    requests++
    pages++
    const res = await fetch(server.url + url)
    if (res.status !== 200) {
      t.fail(`GET ${url}: ${res.status} ${await res.text()}`)
      return items
    }
    const body = (await res.json()) as { data: T[]; page: { limit: number; next: string | null } }
    items.push(...body.data)
    const link = res.headers.get('link')
    if (body.page.next) {
      const target = link?.match(/^<([^>]+)>;\s*rel="next"$/)?.[1]
      if (!target || new URL(target, server.url).searchParams.get('cursor') !== body.page.next) {
        t.fail(`GET ${url}: Link header ${link} does not carry page.next ${body.page.next}`)
        return items
      }
      if (body.data.length !== limit) t.fail(`GET ${url}: a page with a next cursor holds ${body.data.length} items, not ${limit}`)
      url = target
    } else {
      if (link) t.fail(`GET ${url}: the last page still announces ${link}`)
      url = null
    }
    if (body.page.limit !== limit) t.fail(`GET ${url}: page.limit is ${body.page.limit}, asked ${limit}`)
  }
  pagesWalked += pages
  t.comment(`${path} limit=${limit}: ${items.length} items in ${pages} pages`)
  return items
}

/** Ids that occur more than once. */
function duplicates(ids: number[]): number[] {
  const seen = new Set<number>()
  const dup = new Set<number>()
  for (const id of ids) (seen.has(id) ? dup : seen).add(id)
  return [...dup]
}

/**
 * The items are strictly ordered by (published_at, id) in `direction`, undated items forming one
 * block at the start or the end, themselves ordered by id in the same direction.
 */
function orderViolations(items: Item[], direction: 'desc' | 'asc'): string[] {
  const sign = direction === 'desc' ? -1 : 1
  const bad: string[] = []
  const undated = items.map((x, i) => (x.published_at === null ? i : -1)).filter((i) => i >= 0)
  if (undated.length) {
    const first = undated[0]
    const last = undated[undated.length - 1]
    if (last - first + 1 !== undated.length) bad.push(`undated items are not contiguous (positions ${first}..${last})`)
    if (first !== 0 && last !== items.length - 1) bad.push(`undated items are in the middle (positions ${first}..${last})`)
  }
  for (let i = 1; i < items.length; i++) {
    const a = items[i - 1]
    const b = items[i]
    if ((a.published_at === null) !== (b.published_at === null)) continue
    const cmp = a.published_at === b.published_at ? Math.sign(b.id - a.id) : a.published_at! < b.published_at! ? 1 : -1
    if (cmp !== sign) bad.push(`#${i}: ${a.published_at}/${a.id} then ${b.published_at}/${b.id}`)
    if (bad.length > 5) break
  }
  return bad
}

const all = (sql: string, ...params: unknown[]) => db.prepare(sql).pluck().all(...params) as number[]
const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b)

t.test('every article once, newest first and oldest first', async (t) => {
  const expected = all('SELECT id FROM articles ORDER BY id')
  t.equal(expected.length, ARTICLES, `${ARTICLES} articles in the archive`)
  t.ok(all('SELECT id FROM articles WHERE published_at IS NULL').length > 0, 'some articles are undated')
  t.ok(
    all('SELECT count(*) FROM (SELECT published_at FROM articles GROUP BY published_at HAVING count(*) > 1)')[0] > 10,
    'some articles share their published_at (ties the cursor must break by id)',
  )
  const newest = await walk(t, '/v1/articles', 100)
  t.same(duplicates(newest.map((x) => x.id)), [], 'newest: no article twice')
  t.same(sorted(newest.map((x) => x.id)), expected, 'newest: every article')
  t.same(orderViolations(newest, 'desc'), [], 'newest: ordered by published_at then id, descending')
  t.equal(newest.at(-1)?.published_at, null, 'newest: undated articles come last')

  // A page size that divides nothing evenly puts page boundaries inside runs of equal dates.
  const oldest = await walk(t, '/v1/articles?sort=oldest', 37)
  t.same(duplicates(oldest.map((x) => x.id)), [], 'oldest: no article twice')
  t.same(
    oldest.map((x) => x.id),
    newest.map((x) => x.id).reverse(),
    'oldest is exactly newest reversed',
  )
  const small = await walk(t, '/v1/articles', 7, 100)
  t.equal(small.length, 700, '100 pages of 7')
  t.same(small.map((x) => x.id), newest.map((x) => x.id).slice(0, 700), 'pages of 7 give the same sequence as pages of 100')
})

t.test('every quote once, newest first', async (t) => {
  const expected = all('SELECT id FROM quotes ORDER BY id')
  t.ok(expected.length > 3 * ARTICLES, `${expected.length} quotes in the archive`)
  const quotes = await walk(t, '/v1/quotes', 100)
  t.same(duplicates(quotes.map((x) => x.id)), [], 'no quote twice')
  t.same(sorted(quotes.map((x) => x.id)), expected, 'every quote')
  t.same(orderViolations(quotes, 'desc'), [], 'ordered by published_at then id, descending')
  const oldest = await walk(t, '/v1/quotes?sort=oldest', 100)
  t.same(
    oldest.map((x) => x.id),
    quotes.map((x) => x.id).reverse(),
    'oldest is exactly newest reversed',
  )
})

t.test('filtered walks visit exactly the matching items', async (t) => {
  const source = db.prepare('SELECT id, slug FROM sources ORDER BY article_count DESC LIMIT 1').get() as { id: number; slug: string }
  const bySource = await walk(t, `/v1/articles?source=${source.slug}`, 50)
  t.same(sorted(bySource.map((x) => x.id)), all('SELECT id FROM articles WHERE source_id = ? ORDER BY id', source.id), `source=${source.slug}`)
  t.same(orderViolations(bySource, 'desc'), [], `source=${source.slug}: ordered`)

  const range = await walk(t, '/v1/articles?from=2018-01-01&to=2019-12-31&sort=oldest', 100)
  t.same(
    sorted(range.map((x) => x.id)),
    all(`SELECT id FROM articles WHERE published_at >= '2018-01-01' AND published_at < '2020-01-01' ORDER BY id`),
    'from=2018-01-01&to=2019-12-31 (the whole last day included)',
  )
  t.same(orderViolations(range, 'asc'), [], 'date range: ordered')

  const speaker = db.prepare('SELECT id FROM entities ORDER BY quote_count DESC LIMIT 1').pluck().get() as number
  const expectedQuotes = all('SELECT id FROM quotes WHERE speaker_id = ? ORDER BY id', speaker)
  t.ok(expectedQuotes.length > 20, `the most quoted speaker has ${expectedQuotes.length} quotes`)
  const bySpeaker = await walk(t, `/v1/quotes?speaker=${speaker}`, 20)
  t.same(sorted(bySpeaker.map((x) => x.id)), expectedQuotes, 'quotes?speaker=')
  const speakerQuotes = await walk(t, `/v1/speakers/${speaker}/quotes`, 20)
  t.same(
    speakerQuotes.map((x) => x.id),
    bySpeaker.map((x) => x.id),
    '/v1/speakers/{id}/quotes walks the same quotes in the same order',
  )

  const entity = db.prepare('SELECT id FROM entities ORDER BY article_count DESC LIMIT 1').pluck().get() as number
  const byEntity = await walk(t, `/v1/entities/${entity}/articles`, 100)
  t.same(sorted(byEntity.map((x) => x.id)), all('SELECT article_id FROM article_entities WHERE entity_id = ? ORDER BY article_id', entity), 'entities/{id}/articles')
  t.same(duplicates(byEntity.map((x) => x.id)), [], 'entities/{id}/articles: no article twice')

  const word = 'pipeline'
  const expectedMatches = all(`SELECT rowid FROM articles_fts WHERE articles_fts MATCH '"${word}"' ORDER BY rowid`)
  t.ok(expectedMatches.length > 150, `"${word}" is in ${expectedMatches.length} articles`)
  const relevance = await walk(t, `/v1/articles?q=${word}`, 50)
  t.same(duplicates(relevance.map((x) => x.id)), [], 'by relevance: no article twice')
  t.same(sorted(relevance.map((x) => x.id)), expectedMatches, 'by relevance: every match')
})

t.test('the other lists: each item once, all of them', async (t) => {
  const speakers = await walk<{ id: number }>(t, '/v1/speakers', 100)
  t.same(duplicates(speakers.map((x) => x.id)), [], 'speakers: none twice')
  t.same(sorted(speakers.map((x) => x.id)), all('SELECT id FROM entities WHERE quote_count > 0 ORDER BY id'), 'speakers: every quoted entity')
  const entities = await walk<{ id: number }>(t, '/v1/entities', 100)
  t.same(duplicates(entities.map((x) => x.id)), [], 'entities: none twice')
  t.same(sorted(entities.map((x) => x.id)), all('SELECT id FROM entities ORDER BY id'), 'entities: every entity')
  const stories = await walk<{ id: number }>(t, '/v1/stories', 100)
  t.same(duplicates(stories.map((x) => x.id)), [], 'stories: none twice')
  t.same(sorted(stories.map((x) => x.id)), all('SELECT id FROM stories WHERE article_count > 0 ORDER BY id'), 'stories: every story')
  const hits = await walk<{ kind: string; id: number }>(t, '/v1/search?q=pipeline', 100)
  const keys = hits.map((h) => `${h.kind}:${h.id}`)
  t.equal(new Set(keys).size, keys.length, `search: ${keys.length} hits, none twice`)
})

t.test('walking while another process loads articles into the same file', async (t) => {
  const before = new Set(all('SELECT id FROM articles'))
  const beforeQuotes = new Set(all('SELECT id FROM quotes'))
  const count = () => db.prepare('SELECT count(*) FROM articles').pluck().get() as number
  // Small batches: the loader commits every few articles, between the walk's page requests.
  const loader = spawn(
    ...nodeCommand(['--import', 'tsx', 'bench/generate.ts', '--database', database, '--articles', '400', '--seed', '12', '--batch', '4', '--quiet']),
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } },
  )
  let loaderLog = ''
  loader.stdout.on('data', (c) => (loaderLog += c))
  loader.stderr.on('data', (c) => (loaderLog += c))
  const loaderExit = new Promise<number | null>((resolve) => loader.once('exit', (code) => resolve(code)))
  t.teardown(() => {
    if (loader.exitCode === null) loader.kill('SIGTERM')
  })
  const deadline = Date.now() + 30_000
  while (count() === before.size && Date.now() < deadline && loader.exitCode === null) await new Promise((r) => setTimeout(r, 50))
  const atStart = count()
  t.ok(atStart > before.size, `the loader is writing (${atStart - before.size} new articles before the walk)`)

  const articles = await walk(t, '/v1/articles', 20)
  const midway = count()
  const quotes = await walk(t, '/v1/quotes', 100)
  const atEnd = count()
  t.ok(midway > atStart, `articles were added while the articles were walked (${atStart} → ${midway})`)
  t.ok(atEnd > midway || loader.exitCode !== null, `and while the quotes were walked (${midway} → ${atEnd})`)

  const ids = articles.map((x) => x.id)
  t.same(duplicates(ids), [], 'no article twice')
  t.same([...before].filter((id) => !ids.includes(id)), [], 'no pre-existing article skipped')
  t.same(orderViolations(articles, 'desc'), [], 'order kept')
  t.comment(`${ids.filter((id) => !before.has(id)).length} of the new articles appeared in the walk`)
  const quoteIds = quotes.map((x) => x.id)
  const seenQuotes = new Set(quoteIds)
  t.same(duplicates(quoteIds), [], 'no quote twice')
  t.same([...beforeQuotes].filter((id) => !seenQuotes.has(id)), [], 'no pre-existing quote skipped')
  t.same(orderViolations(quotes, 'desc'), [], 'quotes: order kept')

  // Bounded: the loader has 400 articles to write; stop it if the machine is slow.
  const timer = setTimeout(() => loader.kill('SIGTERM'), 60_000)
  const code = await loaderExit
  clearTimeout(timer)
  t.equal(code, 0, `the loader finished cleanly ${code === 0 ? '' : loaderLog}`)
  t.comment(`${requests} requests, ${pagesWalked} pages walked in this file`)
})
