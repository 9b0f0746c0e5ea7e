/**
 * The OpenAPI document is a contract a generated client can be built on: the committed types
 * (openapi/client.d.ts, from openapi-typescript) are current, and an openapi-fetch client typed by
 * them calls every operation of the document against a real listening server — with real ids, with
 * each documented parameter example, and into its documented errors — and every answer body matches
 * the schema the document gives for that status and media type.
 */
import t, { type Test } from 'tap'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import createClient from 'openapi-fetch'
import type { paths } from '../../openapi/client.js'
import { generateArchive } from '../../bench/generate.js'
import { clientFile, clientTypes } from '../../scripts/generate-client.js'
import { openDatabase } from '../../src/db/connection.js'
import { migrate } from '../../src/db/migrate.js'
import { loadPaths } from '../../src/load/loader.js'
import { seedsDir } from '../helpers/paths.js'
import { contractValidator, operations, readOpenapi, startServer, type OpenApiOperation } from '../helpers/server.js'

const doc = readOpenapi()
const { responseCheck } = contractValidator(doc)
const ops = operations(doc)
const byPath = new Map(ops.map((o) => [`${o.method} ${o.path}`, o.op]))

const dir = mkdtempSync(join(tmpdir(), 'quotewire-client-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))
const database = join(dir, 'archive.db')
const db = openDatabase(database)
migrate(db)
const seeded = loadPaths(db, [seedsDir])
generateArchive(db, { articles: 150, seed: 3 })
t.teardown(() => db.close())
const KEY = 'client-e2e-key-0123456789abcdefgh'
const server = await startServer({ database, t, env: { API_KEYS: KEY } })

const client = createClient<paths>({ baseUrl: server.url })
const auth = { authorization: `Bearer ${KEY}` }

/** Which operations were called, and with which statuses. */
const seen = new Map<string, Set<number>>()
let requests = 0

/** The one check of an answer: documented status, documented media type, body matching its schema. */
function checkAnswer(t: Test, label: string, template: string, response: Response, body: unknown, method = 'get') {
  requests++
  const op: OpenApiOperation | undefined = byPath.get(`${method} ${template}`)
  if (!op) return t.fail(`${label}: ${template} is not in the document`)
  seen.set(op.operationId!, (seen.get(op.operationId!) ?? new Set()).add(response.status))
  t.not(response.status, 500, `${label}: not a 500`)
  t.ok(op.responses[String(response.status)], `${label}: status ${response.status} is documented`)
  const type = (response.headers.get('content-type') ?? '').split(';')[0].trim()
  const check = responseCheck(op, response.status, type)
  if (!check) return t.fail(`${label}: no schema for ${response.status} ${type}`)
  const verdict = check(body)
  t.ok(verdict.ok, `${label}: ${response.status} ${type} body matches the schema${verdict.ok ? '' : ` (${verdict.errors})`}`)
}

const one = (sql: string) => db.prepare(sql).pluck().get() as number

// Real ids: the speaker quoted most, the entity mentioned most, a story spanning articles.
const ids = {
  article: one('SELECT id FROM articles ORDER BY quote_count DESC LIMIT 1'),
  quote: one('SELECT id FROM quotes WHERE cluster_id IS NOT NULL ORDER BY id LIMIT 1'),
  speaker: one('SELECT id FROM entities WHERE quote_count > 0 ORDER BY quote_count DESC LIMIT 1'),
  entity: one('SELECT id FROM entities ORDER BY article_count DESC LIMIT 1'),
  story: one('SELECT id FROM stories ORDER BY article_count DESC LIMIT 1'),
}

t.test('openapi/client.d.ts is what openapi-typescript makes of openapi/openapi.json', async (t) => {
  t.equal(readFileSync(clientFile, 'utf8'), await clientTypes(), 'not stale (regenerate: npx tsx scripts/generate-client.ts)')
})

t.test('every operation, called through the typed client, answers as documented', async (t) => {
  t.ok(seeded.articlesAdded >= 0, `seeds: ${seeded.articlesAdded} articles`)
  const { article, quote, speaker, entity, story } = ids
  const calls: [string, () => Promise<{ data?: unknown; error?: unknown; response: Response }>][] = [
    ['/v1/articles', () => client.GET('/v1/articles', { params: { query: { limit: 5, facets: ['source', 'speaker'] } } })],
    ['/v1/articles/{id}', () => client.GET('/v1/articles/{id}', { params: { path: { id: article } } })],
    ['/v1/quotes', () => client.GET('/v1/quotes', { params: { query: { limit: 5, facets: ['source', 'speaker'] } } })],
    ['/v1/quotes/{id}', () => client.GET('/v1/quotes/{id}', { params: { path: { id: quote } } })],
    ['/v1/speakers', () => client.GET('/v1/speakers', { params: { query: { limit: 5 } } })],
    ['/v1/speakers/{id}', () => client.GET('/v1/speakers/{id}', { params: { path: { id: speaker } } })],
    ['/v1/speakers/{id}/quotes', () => client.GET('/v1/speakers/{id}/quotes', { params: { path: { id: speaker }, query: { limit: 5 } } })],
    ['/v1/entities', () => client.GET('/v1/entities', { params: { query: { limit: 5, type: 'person' } } })],
    ['/v1/entities/{id}', () => client.GET('/v1/entities/{id}', { params: { path: { id: entity } } })],
    ['/v1/entities/{id}/articles', () => client.GET('/v1/entities/{id}/articles', { params: { path: { id: entity }, query: { limit: 5 } } })],
    ['/v1/entities/{id}/related', () => client.GET('/v1/entities/{id}/related', { params: { path: { id: entity }, query: { limit: 5 } } })],
    ['/v1/stories', () => client.GET('/v1/stories', { params: { query: { limit: 5 } } })],
    ['/v1/stories/{id}', () => client.GET('/v1/stories/{id}', { params: { path: { id: story } } })],
    ['/v1/search', () => client.GET('/v1/search', { params: { query: { q: 'government', limit: 5 } } })],
    ['/healthz', () => client.GET('/healthz')],
    ['/readyz', () => client.GET('/readyz')],
  ]
  for (const [template, call] of calls) {
    const { data, error, response } = await call()
    t.equal(response.status, 200, `GET ${template}: 200`)
    t.notOk(error, `GET ${template}: no error body`)
    checkAnswer(t, `GET ${template}`, template, response, data)
    if (Array.isArray((data as { data?: unknown[] })?.data)) {
      t.ok((data as { data: unknown[] }).data.length > 0, `GET ${template}: the page is not empty`)
    }
  }

  // Writes, with the key the server was started with.
  const page = readFileSync(join(seedsDir, '000_bfc3d7f8cabb53d5.txt'), 'utf8')
  const annotated = await client.POST('/v1/annotate', {
    headers: { ...auth, 'content-type': 'text/plain' },
    body: page,
    bodySerializer: (b: unknown) => b as string,
  })
  t.equal(annotated.response.status, 200, 'POST /v1/annotate: 200')
  checkAnswer(t, 'POST /v1/annotate', '/v1/annotate', annotated.response, annotated.data, 'post')
  const record = { source: 'Client Test Gazette', headline: 'Written through the client', body: page.replace(/ said/g, ' stated') }
  const created = await client.POST('/v1/articles', { headers: auth, body: record })
  t.equal(created.response.status, 201, 'POST /v1/articles: 201')
  checkAnswer(t, 'POST /v1/articles', '/v1/articles', created.response, created.data, 'post')
  const again = await client.POST('/v1/articles', { headers: auth, body: record })
  t.equal(again.response.status, 200, 'POST /v1/articles again: 200')
  checkAnswer(t, 'POST /v1/articles (again)', '/v1/articles', again.response, again.data, 'post')
  const denied = await client.POST('/v1/articles', { body: record })
  t.equal(denied.response.status, 401, 'POST /v1/articles without a key: 401')
  checkAnswer(t, 'POST /v1/articles (no key)', '/v1/articles', denied.response, denied.error, 'post')
  const id = created.data!.id
  const deleted = await client.DELETE('/v1/articles/{id}', { headers: auth, params: { path: { id } } })
  t.equal(deleted.response.status, 204, 'DELETE /v1/articles/{id}: 204')
  requests++
  t.ok(byPath.get('delete /v1/articles/{id}')?.responses['204'], '204 is documented')
  seen.set('deleteArticle', new Set([204]))
  const gone = await client.DELETE('/v1/articles/{id}', { headers: auth, params: { path: { id } } })
  t.equal(gone.response.status, 404, 'DELETE /v1/articles/{id} again: 404')
  checkAnswer(t, 'DELETE /v1/articles/{id} (gone)', '/v1/articles/{id}', gone.response, gone.error, 'delete')
  t.same(
    [...seen.keys()].sort(),
    ops.map((o) => o.op.operationId!).sort(),
    `all ${ops.length} operations of the document were called`,
  )
})

t.test('every documented parameter example is accepted', async (t) => {
  for (const { method, path: template, op } of ops) {
    // Writes are called above; their parameters describe the page sent, not a query to answer.
    if (method !== 'get') continue
    for (const p of op.parameters ?? []) {
      // An example cursor is a placeholder: cursors are signed by the server that issued them.
      if (p.in !== 'query' || p.name === 'cursor') continue
      const example = p.example ?? Object.values(p.examples ?? {})[0]?.value
      const query: Record<string, unknown> = { [p.name]: example }
      if (template === '/v1/search' && p.name !== 'q') query.q = 'government'
      if (p.name === 'sort' && example === 'relevance') query.q = 'government'
      const pathParams = template.includes('{id}') ? { id: template.startsWith('/v1/speakers') ? ids.speaker : ids.entity } : undefined
      // The typed client checks parameter names at compile time; here they come from the document itself.
      const { data, error, response } = await (client.GET as (p: string, o: unknown) => Promise<{ data?: unknown; error?: unknown; response: Response }>)(
        template,
        { params: { path: pathParams, query } },
      )
      const label = `GET ${template}?${p.name}=${JSON.stringify(example)}`
      t.equal(response.status, 200, `${label}: 200${response.status === 200 ? '' : ` ${JSON.stringify(error)}`}`)
      checkAnswer(t, label, template, response, data ?? error)
    }
  }
})

t.test('documented errors and conditional requests, through the client', async (t) => {
  for (const template of ['/v1/articles/{id}', '/v1/quotes/{id}', '/v1/speakers/{id}', '/v1/entities/{id}', '/v1/stories/{id}'] as const) {
    const { error, response } = await client.GET(template, { params: { path: { id: 999_999_999 } } })
    t.equal(response.status, 404, `GET ${template} unknown id: 404`)
    checkAnswer(t, `GET ${template} (unknown id)`, template, response, error)
  }
  for (const template of ['/v1/speakers/{id}/quotes', '/v1/entities/{id}/articles', '/v1/entities/{id}/related'] as const) {
    const { error, response } = await client.GET(template, { params: { path: { id: 999_999_999 } } })
    t.equal(response.status, 404, `GET ${template} unknown id: 404`)
    checkAnswer(t, `GET ${template} (unknown id)`, template, response, error)
  }
  for (const template of ['/v1/articles', '/v1/quotes', '/v1/speakers', '/v1/entities', '/v1/stories'] as const) {
    const { error, response } = await client.GET(template, { params: { query: { limit: 0 } } })
    t.equal(response.status, 400, `GET ${template}?limit=0: 400`)
    checkAnswer(t, `GET ${template}?limit=0`, template, response, error)
  }
  const { error, response } = await client.GET('/v1/search', { params: { query: { q: '*' } } })
  t.equal(response.status, 400, 'GET /v1/search?q=*: 400')
  checkAnswer(t, 'GET /v1/search?q=*', '/v1/search', response, error)

  // A page with more after it names the next one twice: page.next and Link.
  const first = await client.GET('/v1/quotes', { params: { query: { limit: 2 } } })
  const next = first.data?.page.next
  t.ok(next, 'a first page of quotes has a next cursor')
  t.match(first.response.headers.get('link') ?? '', /^<\/v1\/quotes\?[^>]*cursor=[^>]+>; rel="next"$/, 'Link: rel="next"')
  const second = await client.GET('/v1/quotes', { params: { query: { limit: 2, cursor: next! } } })
  checkAnswer(t, 'GET /v1/quotes?cursor=…', '/v1/quotes', second.response, second.data)
  t.notSame(second.data?.data.map((q) => q.id), first.data?.data.map((q) => q.id), 'the next page holds other quotes')

  // An ETag sent back gives the documented 304 without a body.
  const etag = first.response.headers.get('etag')
  t.ok(etag, 'lists carry an ETag')
  const again = await fetch(`${server.url}/v1/quotes?limit=2`, { headers: { 'if-none-match': etag! } })
  t.equal(again.status, 304, 'If-None-Match: 304')
  t.equal(await again.text(), '', '304 has no body')
  t.ok(byPath.get('get /v1/quotes')?.responses['304'], '304 is documented')
})

t.test('the served document is the committed one, and Swagger UI is served', async (t) => {
  const served = await fetch(`${server.url}/openapi.json`)
  t.equal(served.status, 200, '/openapi.json: 200')
  t.match(served.headers.get('content-type') ?? '', /^application\/json/, '/openapi.json: JSON')
  t.same(await served.json(), doc, '/openapi.json is openapi/openapi.json')
  const docs = await fetch(`${server.url}/docs`)
  t.equal(docs.status, 200, '/docs: 200')
  t.match(docs.headers.get('content-type') ?? '', /^text\/html/, '/docs: HTML')
  t.match(await docs.text(), /swagger/i, '/docs is Swagger UI')
  t.comment(`${requests} checked answers over ${seen.size} operations`)
})
