// Repeated reads answered from memory on the seeded archive: the same bytes and headers as a fresh
// answer, never stale after a write (through the API, or by another connection such as a loader),
// and never a way around keys or rate limits.
import t from 'tap'
import { gunzipSync } from 'node:zlib'
import type { LightMyRequestResponse } from 'fastify'
import { buildApp } from '../src/app.js'
import { openDatabase } from '../src/db/connection.js'
import { loadPaths } from '../src/load/loader.js'
import { ResponseCache } from '../src/http/response-cache.js'
import { testDatabase } from './helpers/db.js'
import { seedsDir } from './helpers/paths.js'

const KEY = 'response-cache-test-key-0123456789'
const auth = { authorization: `Bearer ${KEY}` }
const settings = { apiKeys: [KEY], rateLimitWrite: 0, maxEventLoopDelayMs: 0 }
type Json = any // eslint-disable-line @typescript-eslint/no-explicit-any

const idsOf = (res: LightMyRequestResponse) => (res.json() as Json).data.map((a: Json) => a.id)

t.test('a repeated read is the same answer, from memory', async (t) => {
  const { db } = await testDatabase({ seeds: true, t })
  const app = await buildApp({ db, settings })
  t.teardown(() => app.close())
  for (const url of ['/v1/articles?limit=1', '/v1/speakers', '/v1/search?q=missile', '/v1/articles/1']) {
    const first = await app.inject({ url })
    const second = await app.inject({ url })
    t.equal(first.statusCode, 200, `${url}: 200`)
    t.equal(first.headers['x-cache'], 'miss', `${url}: computed the first time`)
    t.equal(second.headers['x-cache'], 'hit', `${url}: answered from memory the second time`)
    t.equal(second.body, first.body, `${url}: same bytes`)
    for (const h of ['etag', 'link', 'content-type', 'cache-control', 'x-content-type-options']) {
      t.equal(second.headers[h], first.headers[h], `${url}: same ${h}`)
    }
    t.not(second.headers['x-request-id'], first.headers['x-request-id'], `${url}: a request id of its own`)
  }
  const url = '/v1/articles?limit=1'
  const etag = String((await app.inject({ url })).headers.etag)
  const notModified = await app.inject({ url, headers: { 'if-none-match': etag } })
  t.equal(notModified.statusCode, 304, 'a cached answer still honours If-None-Match')
  t.notOk(notModified.headers['x-cache'], 'a 304 carries no X-Cache (documented on 200s only)')
  const gzipped = await app.inject({ url: '/v1/articles/1', headers: { 'accept-encoding': 'gzip' } })
  t.equal(gzipped.headers['x-cache'], 'hit')
  t.equal(gzipped.headers['content-encoding'], 'gzip', 'a cached answer is compressed when asked')
  t.equal(gunzipSync(gzipped.rawPayload).toString(), (await app.inject({ url: '/v1/articles/1' })).body, 'to the same bytes')
  const invalid = await app.inject({ url: '/v1/articles?limit=abc' })
  const again = await app.inject({ url: '/v1/articles?limit=abc' })
  t.equal(again.statusCode, 400, 'an error is never kept: a bad parameter is refused again')
  t.equal(again.body, invalid.body)
  t.notOk(again.headers['x-cache'], 'nor does an error: it says nothing about the answer it would have been')
})

t.test('a write is seen at once: through the API, and by another connection', async (t) => {
  const { db, path } = await testDatabase({ seeds: true, t })
  const app = await buildApp({ db, settings })
  t.teardown(() => app.close())
  const list = async () => app.inject({ url: '/v1/articles' })
  const before = await list()
  t.equal((await list()).headers['x-cache'], 'hit')
  const ids: number[] = idsOf(before)
  t.equal(ids.length, 2, 'both seeds listed')

  t.equal((await app.inject({ method: 'DELETE', url: `/v1/articles/${ids[0]}`, headers: auth })).statusCode, 204)
  const afterDelete = await list()
  t.equal(afterDelete.headers['x-cache'], 'miss', 'the delete emptied the cache')
  t.same(idsOf(afterDelete), [ids[1]], 'the deleted article is gone from the list')
  t.equal((await app.inject({ url: `/v1/articles/${ids[0]}` })).statusCode, 404, 'and from its own URL')
  t.equal((await list()).headers['x-cache'], 'hit')

  // The loader, as `quotewire load` runs it beside a serving process: its own connection to the file.
  const loader = openDatabase(path)
  t.teardown(() => loader.close())
  const summary = loadPaths(loader, [seedsDir])
  t.equal(summary.articlesAdded, 1, 'the loader put the deleted seed back')
  await new Promise((resolve) => setTimeout(resolve, 50))
  const afterLoad = await list()
  t.equal(afterLoad.headers['x-cache'], 'miss', "another connection's commit emptied the cache")
  t.equal(idsOf(afterLoad).length, 2, 'the re-loaded article is listed again')
})

t.test('keys and rate limits apply to cached answers', async (t) => {
  const { db } = await testDatabase({ seeds: true, t })
  const app = await buildApp({ db, settings: { ...settings, readRequiresKey: true, rateLimitRead: 4 } })
  t.teardown(() => app.close())
  const url = '/v1/entities'
  t.equal((await app.inject({ url, headers: auth })).headers['x-cache'], 'miss')
  t.equal((await app.inject({ url, headers: auth })).headers['x-cache'], 'hit')
  const anonymous = await app.inject({ url })
  t.equal(anonymous.statusCode, 401, 'no key: refused, although the answer is in memory')
  t.notOk(anonymous.headers['x-cache'], 'and the cache was not consulted')
  await app.inject({ url, headers: auth })
  await app.inject({ url, headers: auth })
  const limited = await app.inject({ url, headers: auth })
  t.equal(limited.statusCode, 429, 'cached reads count against the read rate limit')
})

t.test('RESPONSE_CACHE_MB=0 computes every read', async (t) => {
  const { db } = await testDatabase({ seeds: true, t })
  const app = await buildApp({ db, settings: { ...settings, responseCacheBytes: 0 } })
  t.teardown(() => app.close())
  const first = await app.inject({ url: '/v1/speakers' })
  const second = await app.inject({ url: '/v1/speakers' })
  t.notOk(second.headers['x-cache'], 'no cache header')
  t.equal(second.body, first.body)
})

t.test('the cache stays within its budget, least recently used out first', async (t) => {
  const { db } = await testDatabase({ t })
  const cache = new ResponseCache(db, 10_000)
  const version = cache.check()
  const entry = (bytes: number) => ({ body: Buffer.alloc(bytes, 'x'), contentType: 'application/json', etag: undefined, link: undefined })
  for (let i = 0; i < 10; i++) cache.set(`/v1/page/${i}`, entry(1_000), version)
  t.same(cache.size, { entries: 10, bytes: 10_000 })
  cache.get('/v1/page/0')
  cache.set('/v1/page/10', entry(1_000), version)
  t.ok(cache.get('/v1/page/0'), 'the page just read stays')
  t.notOk(cache.get('/v1/page/1'), 'the least recently used page went')
  t.ok(cache.size.bytes <= 10_000)
  cache.set('/v1/huge', entry(5_000), version)
  t.notOk(cache.get('/v1/huge'), 'an answer too large for its share of the budget is not kept')
  db.prepare('CREATE TABLE scratch (x)').run()
  db.prepare('INSERT INTO scratch VALUES (1)').run()
  cache.set('/v1/stale', entry(100), version)
  t.notOk(cache.get('/v1/stale'), 'an answer computed before a write is not kept')
  t.equal(cache.size.entries, 0, 'the write emptied the cache')
})
