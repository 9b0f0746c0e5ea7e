/**
 * Every way a request can be wrong gets the same answer shape: an RFC 9457 problem document
 * (application/problem+json with type, title, status, detail; `errors[]` naming each bad parameter
 * on a 400) with the right status, documented for that operation — and never a 500. One assertion
 * function, driven over every error path, against a real listening server.
 */
import t, { type Test } from 'tap'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateArchive } from '../../bench/generate.js'
import { openDatabase } from '../../src/db/connection.js'
import { migrate } from '../../src/db/migrate.js'
import { contractValidator, operations, readOpenapi, startServer, type OpenApiOperation } from '../helpers/server.js'

const doc = readOpenapi()
const { schemaCheck, responseCheck } = contractValidator(doc)
const problemSchema = schemaCheck({ $ref: '#/components/schemas/Problem' })
const ops = operations(doc).map(({ method, path, op }) => ({
  method,
  op,
  pattern: new RegExp('^' + path.replace(/\{\w+\}/g, '[^/]+') + '$'),
}))

function operationFor(method: string, url: string): OpenApiOperation | undefined {
  const path = url.split('?')[0]
  return ops.find((o) => o.method === method.toLowerCase() && o.pattern.test(path))?.op
}

const dir = mkdtempSync(join(tmpdir(), 'quotewire-errors-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))
const database = join(dir, 'archive.db')
{
  const db = openDatabase(database)
  migrate(db)
  generateArchive(db, { articles: 80, seed: 7 })
  db.close()
}
const server = await startServer({ database, t })

let requests = 0
async function call(url: string, method = 'GET') {
  requests++
  const res = await fetch(server.url + url, { method })
  const text = await res.text()
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    body = text
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', body }
}

/** The one assertion: a problem document with this status, documented, naming `param` on a 400. */
async function expectProblem(t: Test, url: string, status: 400 | 404, param?: string, method = 'GET') {
  const res = await call(url, method)
  const label = `${method} ${url}`
  t.equal(res.status, status, `${label}: ${status}`)
  t.match(res.type, /^application\/problem\+json\b/, `${label}: application/problem+json`)
  const verdict = problemSchema(res.body)
  t.ok(verdict.ok, `${label}: body matches the Problem schema${verdict.ok ? '' : ` (${verdict.errors}): ${JSON.stringify(res.body)}`}`)
  const p = res.body as { type?: string; title?: string; status?: number; detail?: string; errors?: { name: string; in: string }[] }
  t.equal(p.status, res.status, `${label}: status in the body equals the HTTP status`)
  t.ok(p.type && p.title && p.detail, `${label}: type, title and detail are filled in`)
  t.notMatch(p.detail ?? '', /SqliteError|SQLITE_|node_modules|\n\s+at /, `${label}: detail shows no internals`)
  if (status === 400) {
    t.ok(Array.isArray(p.errors) && p.errors.length > 0, `${label}: errors[] lists the bad parameters`)
    if (param) t.ok(p.errors?.some((e) => e.name === param), `${label}: errors[] names "${param}" (${JSON.stringify(p.errors)})`)
  }
  const op = operationFor(method, url)
  if (op) t.ok(op.responses[String(status)], `${label}: ${status} is documented for ${op.operationId}`)
  return p
}

/** Junk in a full-text query: refused with a 400 naming q, or searched as plain words — never a 500. */
async function expectSearchable(t: Test, url: string) {
  const res = await call(url)
  t.not(res.status, 500, `GET ${url}: not a 500`)
  if (res.status === 400) return expectProblem(t, url, 400, 'q')
  t.equal(res.status, 200, `GET ${url}: 200 (sanitised) or 400`)
  const check = responseCheck(operationFor('GET', url)!, 200, 'application/json')
  const verdict = check!(res.body)
  t.ok(verdict.ok, `GET ${url}: the answer matches the documented list schema${verdict.ok ? '' : ` (${verdict.errors})`}`)
}

const lists = ['/v1/articles', '/v1/quotes', '/v1/speakers', '/v1/entities', '/v1/stories', '/v1/search?q=government']
const withQuery = (path: string, query: string) => `${path}${path.includes('?') ? '&' : '?'}${query}`

t.test('bad limit on every list', async (t) => {
  for (const path of [...lists, '/v1/speakers/1/quotes', '/v1/entities/1/articles', '/v1/entities/1/related']) {
    for (const limit of ['0', '101', '-1', 'abc', '1.5', '', '5&limit=6']) await expectProblem(t, withQuery(path, `limit=${limit}`), 400, 'limit')
  }
})

t.test('bad dates in from and to', async (t) => {
  for (const path of ['/v1/articles', '/v1/quotes', '/v1/speakers/1/quotes']) {
    for (const param of ['from', 'to']) {
      for (const value of ['yesterday', '2023-13-45', '2023-02-30', '2023-09-14T25:00:00Z', '14/09/2023', '2023-09-14T12:00:00']) {
        await expectProblem(t, `${path}?${param}=${encodeURIComponent(value)}`, 400, param)
      }
    }
  }
})

t.test('bad and tampered cursors', async (t) => {
  const first = await call('/v1/articles?limit=2')
  const next = (first.body as { page: { next: string | null } }).page.next
  t.ok(next, 'a first page of articles has a next cursor')
  const quotes = await call('/v1/quotes?limit=2')
  const quoteNext = (quotes.body as { page: { next: string | null } }).page.next!
  const [payload, signature] = next!.split('.')
  const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1)
  const decoded = Buffer.from(payload, 'base64url').toString('utf8')
  const forged = Buffer.from(decoded.replace(/(\d+)(\D*)$/, (_, n: string, rest: string) => `${Number(n) + 1}${rest}`)).toString('base64url')
  for (const cursor of [
    'abc',
    'not-a-cursor.at-all',
    '....',
    `${payload}.${flip(signature, 0)}`, // signature changed
    `${forged}.${signature}`, // position changed, old signature
    `${flip(payload, 3)}.${signature}`,
    payload, // signature cut off
    next!.slice(0, -1),
    'x'.repeat(600),
  ]) {
    await expectProblem(t, `/v1/articles?cursor=${encodeURIComponent(cursor)}`, 400, 'cursor')
  }
  // A cursor is bound to the list and the order it came from.
  await expectProblem(t, `/v1/quotes?cursor=${encodeURIComponent(next!)}`, 400, 'cursor')
  await expectProblem(t, `/v1/articles?cursor=${encodeURIComponent(quoteNext)}`, 400, 'cursor')
  await expectProblem(t, `/v1/articles?sort=oldest&cursor=${encodeURIComponent(next!)}`, 400, 'cursor')
  await expectProblem(t, `/v1/stories?cursor=${encodeURIComponent(next!)}`, 400, 'cursor')
})

t.test('unknown, malformed and out-of-range ids on every {id} route', async (t) => {
  const idRoutes = operations(doc).filter((o) => o.path.includes('{id}'))
  t.ok(idRoutes.length >= 8, `${idRoutes.length} routes take an id`)
  for (const { path } of idRoutes) {
    const at = (id: string) => path.replace('{id}', id)
    const missing = await expectProblem(t, at('999999999'), 404)
    t.match(missing.detail, /999999999/, `${at('999999999')}: detail names the id`)
    for (const bad of ['abc', '0', '-1', '1.5', '1e3x', '9007199254740993', '%20']) await expectProblem(t, at(bad), 400, 'id')
  }
  // A place is an entity but never a speaker.
  const places = await call('/v1/entities?type=place&limit=1')
  const place = (places.body as { data: { id: number }[] }).data[0]
  t.ok(place, 'the archive has a place')
  await expectProblem(t, `/v1/speakers/${place.id}`, 404)
  await expectProblem(t, `/v1/speakers/${place.id}/quotes`, 404)
})

t.test('unknown routes and methods', async (t) => {
  for (const url of ['/v1/nope', '/v2/articles', '/v1/articles/1/nope', '/v1', '/v1/quotes/1/variants/x', '/nope.json']) {
    await expectProblem(t, url, 404)
  }
  for (const [method, url] of [
    ['PATCH', '/v1/articles'],
    ['DELETE', '/v1/quotes/1'],
    ['PUT', '/v1/stories/1'],
  ]) {
    const res = await call(url, method)
    t.ok(res.status === 404 || res.status === 405, `${method} ${url}: 404 or 405 (${res.status})`)
    t.match(res.type, /^application\/problem\+json\b/, `${method} ${url}: application/problem+json`)
    t.ok(problemSchema(res.body).ok, `${method} ${url}: a problem document`)
  }
})

t.test('full-text junk: a 400 naming q or a plain-word search, never a 500', async (t) => {
  const junk = ['"AND OR (', '*', 'NEAR(', 'NEAR(government', 'government AND', 'government NOT', '(((((government', 'government)',
    '^government', 'body:government', '-government', 'government*"', '"government', 'AND', 'OR OR OR', '{government}', '\u201c', "'", '"', '\u0000']
  const fullText = ['/v1/articles', '/v1/quotes', '/v1/search', '/v1/speakers/1/quotes']
  // Speakers and entities match names by words and prefixes (punctuation ignored), not FTS syntax.
  const byName = ['/v1/speakers', '/v1/entities']
  for (const path of [...fullText, ...byName]) {
    for (const q of junk) await expectSearchable(t, `${path}?q=${encodeURIComponent(q)}`)
    await expectProblem(t, `${path}?q=`, 400, 'q')
  }
  // A full-text query with no word in it cannot be run: refused, not answered with "nothing found".
  for (const path of fullText) await expectProblem(t, `${path}?q=${encodeURIComponent('*')}`, 400, 'q')
  await expectProblem(t, `/v1/search`, 400, 'q')
})

t.test('unknown sort, facet, type and kind', async (t) => {
  for (const path of ['/v1/articles', '/v1/quotes', '/v1/speakers/1/quotes']) {
    await expectProblem(t, `${path}?sort=bogus`, 400, 'sort')
    await expectProblem(t, `${path}?sort=relevance`, 400, 'sort') // relevance needs q
    await expectProblem(t, `${path}?facets=bogus`, 400, 'facets')
    await expectProblem(t, `${path}?facets=source,bogus`, 400, 'facets')
  }
  await expectProblem(t, '/v1/quotes?facets=language', 400, 'facets')
  await expectProblem(t, '/v1/entities?type=bogus', 400, 'type')
  await expectProblem(t, '/v1/speakers?type=place', 400, 'type')
  await expectProblem(t, '/v1/search?q=government&kind=bogus', 400, 'kind')
  await expectProblem(t, '/v1/articles?entity=abc', 400, 'entity')
  await expectProblem(t, '/v1/quotes?speaker=-3', 400, 'speaker')
  await expectProblem(t, '/v1/articles?story=x', 400, 'story')
})

t.test('the server logged no failure', async (t) => {
  t.notMatch(server.output(), /"level":50|Internal Server Error|\b500\b/, 'no error in the server log')
  t.comment(`${requests} requests`)
})
