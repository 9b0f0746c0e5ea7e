// HTTP conventions: one problem+json shape for every error path, keyset cursors that visit each
// item once (page.next and Link agree), ETag/304, compression, CORS and caching headers. Over an
// archive generated through the store, so that only these conventions can make it fail.
import t, { type Test } from 'tap'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { generateArchive } from '../bench/generate.js'
import { buildApp } from '../src/app.js'
import { testDatabase } from './helpers/db.js'

const { db } = await testDatabase({ t })
generateArchive(db, { articles: 60, seed: 3, undatedShare: 0.1 })
// Load shedding has its own test (limits.test.ts); here a busy test machine must not turn header checks into 503s.
const app = await buildApp({ db, settings: { maxEventLoopDelayMs: 0 } })
t.teardown(() => app.close())

type Json = any // eslint-disable-line @typescript-eslint/no-explicit-any

async function get(url: string, headers: Record<string, string> = {}) {
  return app.inject({ url, headers })
}

const someCursor: string = (await get('/v1/quotes?limit=1')).json().page.next
const [payload, mac] = someCursor.split('.')
const tampered = Buffer.from(Buffer.from(payload, 'base64url').toString().replace(/,(\d+)\]\]$/, ',1$1]]')).toString('base64url')

// [url, status, the parameter named (or null), where]
const errorCases: [string, number, string | null, string?][] = [
  ['/v1/articles?limit=0', 400, 'limit'],
  ['/v1/articles?limit=101', 400, 'limit'],
  ['/v1/quotes?limit=ten', 400, 'limit'],
  ['/v1/articles?from=2023-02-30', 400, 'from'],
  ['/v1/articles?to=yesterday', 400, 'to'],
  ['/v1/quotes?from=2023-09-14T25:00:00Z', 400, 'from'],
  ['/v1/articles?cursor=garbage', 400, 'cursor'],
  [`/v1/quotes?cursor=${tampered}.${mac}`, 400, 'cursor'],
  [`/v1/quotes?cursor=${payload}.AAAAAAAAAAAA`, 400, 'cursor'],
  [`/v1/entities?cursor=${someCursor}`, 400, 'cursor'], // a cursor of another list
  [`/v1/quotes?sort=oldest&cursor=${someCursor}`, 400, 'cursor'], // of another order
  ['/v1/articles?sort=sideways', 400, 'sort'],
  ['/v1/articles?sort=relevance', 400, 'sort'],
  ['/v1/articles?entity=abc', 400, 'entity'],
  ['/v1/quotes?speaker=-3', 400, 'speaker'],
  ['/v1/articles?facets=colour', 400, 'facets'],
  ['/v1/speakers?type=place', 400, 'type'],
  ['/v1/articles?q=AND%20OR%20(', 400, 'q'],
  ['/v1/articles?q=*', 400, 'q'],
  ['/v1/quotes?q=%22%22', 400, 'q'],
  ['/v1/search?q=AND%20OR%20(', 400, 'q'],
  ['/v1/search?q=*', 400, 'q'],
  ['/v1/search', 400, 'q'],
  ['/v1/search?q=', 400, 'q'],
  ['/v1/articles/abc', 400, 'id', 'path'],
  ['/v1/articles/0', 400, 'id', 'path'],
  ['/v1/articles/999999', 404, null],
  ['/v1/quotes/999999', 404, null],
  ['/v1/speakers/999999', 404, null],
  ['/v1/entities/999999/related', 404, null],
  ['/v1/stories/999999', 404, null],
  ['/v1/nowhere', 404, null],
  ['/nowhere', 404, null],
]

t.test('every error is problem+json with the right status, naming the parameter', async (t) => {
  for (const [url, status, name, where = 'query'] of errorCases) {
    const res = await get(url)
    t.equal(res.statusCode, status, `${url} → ${status}`)
    t.match(res.headers['content-type'], /^application\/problem\+json/, `${url} media type`)
    const body: Json = res.json()
    t.match(body, { type: /^urn:quotewire:problem:/, title: String, status, detail: String }, `${url} problem fields`)
    t.equal(res.headers['cache-control'], 'no-store', `${url} not cacheable`)
    if (name) t.same(body.errors?.map((e: Json) => [e.name, e.in]), [[name, where]], `${url} names ${name}`)
  }
})

t.test('user text reaching MATCH never makes a 500', async (t) => {
  const junk = ['"', '(((', ')', 'NOT', 'a NOT', 'OR b', 'title:x', 'NEAR(a b)', '^a', 'a + b', "'", '-', '*a*', 'a"b', 'c AND (d OR', '\\', '🙂', 'é*', '{a b}', 'x:y:z']
  for (const q of junk) {
    for (const path of ['/v1/articles', '/v1/quotes', '/v1/search']) {
      const res = await get(`${path}?q=${encodeURIComponent(q)}`)
      t.ok([200, 400].includes(res.statusCode), `${path} q=${q} → ${res.statusCode}`)
    }
  }
})

/** Follows page.next and the Link header together; both must agree. */
async function walk(t: Test, url: string) {
  const ids: number[] = []
  let next: string | null = url
  while (next) {
    const res = await get(next)
    t.equal(res.statusCode, 200, next)
    const body: Json = res.json()
    ids.push(...body.data.map((d: Json) => d.id ?? d.value))
    const link = res.headers.link as string | undefined
    if (body.page.next) {
      t.match(link, /^<\/v1\/[^>]+>; rel="next"$/, 'Link header')
      next = link!.slice(1, link!.indexOf('>'))
      t.ok(next.includes(`cursor=${body.page.next}`), 'Link carries page.next')
    } else {
      t.notOk(link, 'no Link on the last page')
      next = null
    }
  }
  return ids
}

t.test('a cursor walk visits each item once, in the order of one big page', async (t) => {
  for (const [list, small] of [
    ['/v1/articles', 7], // crosses from dated to undated articles
    ['/v1/articles?sort=oldest', 7],
    ['/v1/articles?q=government', 5],
    ['/v1/quotes', 25],
    ['/v1/quotes?sort=oldest', 25],
    ['/v1/quotes?q=the', 5],
    ['/v1/speakers', 5],
    ['/v1/entities', 10],
    ['/v1/stories', 3],
  ] as const) {
    const sep = list.includes('?') ? '&' : '?'
    const whole: Json = (await get(`${list}${sep}limit=100`)).json()
    t.ok(whole.data.length > small, `${list} has more than one page of ${small}`)
    const walked = await walk(t, `${list}${sep}limit=${small}`)
    t.same(walked.slice(0, whole.data.length), whole.data.map((d: Json) => d.id), `${list} walked in ${small}s`)
    t.equal(new Set(walked).size, walked.length, `${list}: no item twice`)
  }
  const entity: Json = (await get('/v1/entities?limit=1')).json().data[0]
  for (const sub of ['articles', 'related']) {
    const whole: Json = (await get(`/v1/entities/${entity.id}/${sub}?limit=100`)).json()
    const walked = await walk(t, `/v1/entities/${entity.id}/${sub}?limit=9`)
    t.same(walked.slice(0, whole.data.length), whole.data.map((d: Json) => d.id), `entity ${sub}`)
  }
  const search: Json = (await get('/v1/search?q=government&limit=100')).json()
  const walkedSearch: string[] = []
  let cursor: string | null = null
  do {
    const page: Json = (await get(`/v1/search?q=government&limit=4${cursor ? `&cursor=${cursor}` : ''}`)).json()
    walkedSearch.push(...page.data.map((h: Json) => `${h.kind}${h.id}`))
    cursor = page.page.next
  } while (cursor)
  t.same(walkedSearch.slice(0, search.data.length), search.data.map((h: Json) => `${h.kind}${h.id}`), 'search walked in 4s')
})

t.test('ETag and If-None-Match give a 304', async (t) => {
  const first = await get('/v1/speakers')
  const etag = first.headers.etag as string
  t.ok(etag, 'an ETag')
  const again = await get('/v1/speakers', { 'if-none-match': etag })
  t.equal(again.statusCode, 304)
  t.equal(again.body, '')
  const other = await get('/v1/speakers?limit=1', { 'if-none-match': etag })
  t.equal(other.statusCode, 200, 'another representation is sent in full')
})

t.test('compression, CORS and caching headers on reads', async (t) => {
  const plain = await get('/v1/articles')
  t.equal(plain.headers['content-encoding'], undefined)
  const gzip = await get('/v1/articles', { 'accept-encoding': 'gzip' })
  t.equal(gzip.headers['content-encoding'], 'gzip')
  t.same(JSON.parse(gunzipSync(gzip.rawPayload).toString()), plain.json(), 'gzip body')
  const br = await get('/v1/articles', { 'accept-encoding': 'br, gzip' })
  t.equal(br.headers['content-encoding'], 'br')
  t.same(JSON.parse(brotliDecompressSync(br.rawPayload).toString()), plain.json(), 'brotli body')
  t.match(br.headers.vary, /accept-encoding/i)

  const cors = await get('/v1/quotes', { origin: 'https://reader.example' })
  t.equal(cors.headers['access-control-allow-origin'], '*')
  t.match(cors.headers['access-control-expose-headers'], /Link/)
  const preflight = await app.inject({
    method: 'OPTIONS',
    url: '/v1/quotes',
    headers: { origin: 'https://reader.example', 'access-control-request-method': 'GET' },
  })
  t.equal(preflight.statusCode, 204)
  t.match(preflight.headers['access-control-allow-methods'], /GET/)

  t.equal(plain.headers['cache-control'], 'public, max-age=60')
  t.equal(plain.headers['x-content-type-options'], 'nosniff')
  t.equal((await get('/healthz')).headers['cache-control'], 'no-store')
  const head = await app.inject({ method: 'HEAD', url: '/v1/articles' })
  t.equal(head.statusCode, 200, 'HEAD works for reads')
})

t.test('the docs: /openapi.json and Swagger UI', async (t) => {
  const spec = await get('/openapi.json')
  t.equal(spec.statusCode, 200)
  t.equal(spec.json().openapi, '3.1.0')
  const ui = await get('/docs/')
  t.equal(ui.statusCode, 200)
  t.match(ui.headers['content-type'], /text\/html/)
  const init = await get('/docs/static/swagger-initializer.js')
  t.equal(init.statusCode, 200)
})

t.test('a failure is a 500 problem that shows no internals; an unmigrated database is not ready', async (t) => {
  const { openDatabase } = await import('../src/db/connection.js')
  const broken = openDatabase(':memory:')
  const app2 = await buildApp({ db: broken })
  t.teardown(() => app2.close())
  const ready = await app2.inject({ url: '/readyz' })
  t.equal(ready.statusCode, 503)
  t.match(ready.headers['content-type'], /^application\/problem\+json/)
  t.match(ready.json().detail, /001_initial\.sql/, 'names the pending migration')
  const failed = await app2.inject({ url: '/v1/articles' })
  t.equal(failed.statusCode, 500)
  t.match(failed.headers['content-type'], /^application\/problem\+json/)
  const body = failed.json()
  t.match(body, { type: 'urn:quotewire:problem:internal', status: 500, title: 'Internal server error' })
  t.notMatch(body.detail, /articles|SQLITE|no such table/i, 'no SQL or table names leak')
  broken.close()
})
