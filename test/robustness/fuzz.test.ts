/**
 * Schema-driven fuzzing of a real listening server: requests generated from the OpenAPI document
 * (read at test time, so a new route is fuzzed without touching this file) — valid ones from the
 * parameter schemas and examples, and mutated ones (wrong types, huge and negative numbers,
 * unicode and control characters, malformed percent-encoding, SQL and FTS metacharacters, path
 * traversal in ids, overlong strings, repeated and unknown parameters, oversized query strings,
 * wrong methods and headers; wrong content types, bodies and keys on write routes) — sent 32 at a
 * time. Whatever arrives: no 5xx, every 4xx an application/problem+json document with type, title
 * and status, valid requests answered (and by the documented schema), and reads change no row.
 *
 * Deterministic: FUZZ_SEED (default below) fixes every request; the counts per operation and per
 * status are printed.
 */
import t, { type Test } from 'tap'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateArchive } from '../../bench/generate.js'
import { Random } from '../../bench/generate/random.js'
import { openDatabase } from '../../src/db/connection.js'
import { migrate } from '../../src/db/migrate.js'
import { loadPaths } from '../../src/load/loader.js'
import { archiveSnapshot } from '../helpers/db.js'
import { archiveChecksum, httpClient, INTERNALS, mapConcurrently, problemFault, Tally, type RawRequest, type RawResponse } from '../helpers/fuzz.js'
import { seedFiles, seedsDir } from '../helpers/paths.js'
import { contractValidator, operations, readOpenapi, startServer, type OpenApiDocument, type OpenApiOperation, type OpenApiParameter } from '../helpers/server.js'

const SEED = Number(process.env.FUZZ_SEED ?? 20230914)
const CONCURRENCY = 32
/** Requests to every operation without a valid key: none of them may change a row. */
const READ_PHASE = 10_000
/** Requests to the write operations with a valid key (bodies, content types, ids). */
const WRITE_PHASE = 600
const KEY = 'robustness-fuzz-key-0123456789abcdef'

/* ---- The archive and the server ---- */

const dir = mkdtempSync(join(tmpdir(), 'quotewire-fuzz-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))
const database = join(dir, 'archive.db')
{
  const db = openDatabase(database)
  migrate(db)
  generateArchive(db, { articles: 200, seed: 7 })
  // The real pages too: their speakers and entities are the spec's examples.
  loadPaths(db, [seedsDir])
  db.close()
}
// Rate limits off: the point is what the handlers do with junk, not how soon a client is cut off.
const server = await startServer({ database, t, env: { API_KEYS: KEY, RATE_LIMIT_READ: '0', RATE_LIMIT_WRITE: '0' } })
const client = httpClient(server.url, CONCURRENCY)
t.teardown(client.close)

/* ---- The contract: the committed document, plus whatever the running server documents beyond it ---- */

type Operation = {
  id: string
  method: string
  path: string
  op: OpenApiOperation
  params: OpenApiParameter[]
  /** Media types of the request body and their schemas. */
  body: Record<string, { schema?: unknown }> | null
  /** Needs an API key (a security requirement is declared). */
  secured: boolean
}

const committed = readOpenapi()
const live = (await (await fetch(`${server.url}/openapi.json`)).json()) as OpenApiDocument
const doc: OpenApiDocument = {
  ...committed,
  components: { ...live.components, ...committed.components, schemas: { ...live.components.schemas, ...committed.components.schemas } },
  paths: { ...committed.paths },
}
for (const [path, item] of Object.entries(live.paths)) doc.paths[path] = { ...item, ...doc.paths[path] }
const { schemaCheck, responseCheck } = contractValidator(doc)

const ops: Operation[] = operations(doc).map(({ method, path, op }) => {
  const extra = op as OpenApiOperation & { requestBody?: { content?: Record<string, { schema?: unknown }> }; security?: unknown[] }
  return {
    id: op.operationId ?? `${method} ${path}`,
    method: method.toUpperCase(),
    path,
    op,
    params: op.parameters ?? [],
    body: extra.requestBody?.content ?? null,
    secured: (extra.security?.length ?? 0) > 0,
  }
})
const readOps = ops.filter((o) => o.method === 'GET')
const writeOps = ops.filter((o) => o.method !== 'GET')
const committedIds = new Set(operations(committed).map((o) => o.op.operationId))
t.comment(`${ops.length} operations (${readOps.length} reads, ${writeOps.length} writes); not yet in openapi/openapi.json: ${
  ops.filter((o) => !committedIds.has(o.op.operationId)).map((o) => o.id).join(', ') || 'none'}`)

/* ---- What the archive holds, to aim valid requests at real rows (deterministic: read before fuzzing) ---- */

const knownIds: Record<string, number[]> = {}
for (const resource of ['articles', 'quotes', 'speakers', 'entities', 'stories']) {
  if (!readOps.some((o) => o.path === `/v1/${resource}`)) continue
  const res = await client.send({ method: 'GET', target: `/v1/${resource}?limit=100` })
  knownIds[resource] = res.status === 200 ? (JSON.parse(res.body) as { data: { id: number }[] }).data.map((d) => d.id) : []
}
const resourceOf = (path: string) => /^\/v1\/(\w+)/.exec(path)?.[1] ?? ''
const idFor = (resource: string, random: Random) =>
  knownIds[resource]?.length && random.chance(0.8) ? random.pick(knownIds[resource]) : random.int(1, 1_000_000)

/** A valid cursor for each list (path with its id filled in): the `page.next` of a first page of two. */
const cursors = new Map<string, string>()
const concretePaths = new Map<string, string>()
for (const o of readOps) {
  if (!o.params.some((p) => p.name === 'cursor')) continue
  const path = o.path.replace(/\{(\w+)\}/g, () => String(knownIds[resourceOf(o.path)]?.[0] ?? 1))
  concretePaths.set(o.id, path)
  const res = await client.send({ method: 'GET', target: `${path}?${o.params.some((p) => p.name === 'q' && p.required) ? 'q=government&' : ''}limit=2` })
  const next = res.status === 200 ? (JSON.parse(res.body) as { page?: { next?: string | null } }).page?.next : null
  if (next) cursors.set(o.id, `${path}?${o.params.some((p) => p.name === 'q' && p.required) ? 'q=government&' : ''}cursor=${next}`)
}

/* ---- Valid values from the parameter schemas ---- */

type Schema = {
  type?: string
  enum?: unknown[]
  anyOf?: Schema[]
  oneOf?: Schema[]
  items?: Schema
  minimum?: number
  maximum?: number
  minItems?: number
  maxItems?: number
  minLength?: number
  maxLength?: number
  pattern?: string
  examples?: unknown[]
  default?: unknown
}
const WORDS = ['government', 'sanctions', 'minister', 'Russia', 'Korea', 'Miller', 'said', 'election', 'energy', 'police', 'talks', 'market']
const NAMES = ['Matthew Miller', 'Kim Jong Un', 'Vladimir Putin', 'Miller', 'Reuters']

function day(random: Random): string {
  const d = new Date(Date.UTC(2015, 0, 1) + random.int(0, 3650) * 86_400_000)
  return d.toISOString().slice(0, 10)
}

function examplesOf(p: OpenApiParameter, schema: Schema): unknown[] {
  return [p.example, ...Object.values(p.examples ?? {}).map((e) => e.value), ...(schema.examples ?? [])].filter((v) => v !== undefined)
}

/** One valid value (or several, for an array) of a parameter, as strings before encoding. */
function validValues(p: OpenApiParameter, random: Random): string[] {
  let schema = (p.schema ?? {}) as Schema
  const branches = schema.anyOf ?? schema.oneOf
  if (branches) schema = random.pick(branches)
  const examples = examplesOf(p, schema)
  const fits = (value: unknown) => schemaCheck(schema)(value).ok
  if (schema.type === 'array') {
    const items = schema.items ?? {}
    const n = random.int(Math.max(1, schema.minItems ?? 1), Math.min(schema.maxItems ?? 3, 3))
    const out = new Set<string>()
    for (let i = 0; i < n * 3 && out.size < n; i++) {
      if (items.enum) out.add(String(random.pick(items.enum)))
      else if (items.type === 'integer') out.add(String(idFor(p.name === 'entity' ? 'entities' : resourceOf(p.name + 's'), random)))
      else out.add(String(random.pick(WORDS)))
    }
    const values = [...out]
    return fits(schema.items?.type === 'integer' ? values.map(Number) : values) ? values : (examples[0] as unknown[]).map(String)
  }
  if (schema.enum) return [String(random.pick(schema.enum))]
  if (schema.type === 'integer' || schema.type === 'number') {
    const resource = { entity: 'entities', speaker: 'speakers', story: 'stories', article: 'articles', id: '' }[p.name]
    const n =
      resource !== undefined && resource !== '' ? idFor(resource, random)
      : random.int(Math.max(schema.minimum ?? 0, 0), Math.min(schema.maximum ?? 1000, 1000))
    return [String(fits(n) ? n : examples[0])]
  }
  const candidates: string[] = examples.filter((e) => typeof e === 'string') as string[]
  if (/^(from|to)$|_at$/.test(p.name)) candidates.push(day(random), `${day(random)}T12:00:00Z`, `${day(random)}T08:30:00+09:00`)
  else if (p.name === 'speaker' || p.name === 'author') candidates.push(random.pick(NAMES))
  else if (p.name === 'q') candidates.push(random.pick(WORDS), `${random.pick(WORDS)} ${random.pick(WORDS)}`, `"${random.pick(WORDS)}"`, `${random.pick(WORDS).slice(0, 4)}*`)
  else candidates.push(random.pick(WORDS))
  // Dates are only dates: not a word from the vocabulary.
  const chosen = /^(from|to)$|_at$/.test(p.name) ? random.pick(candidates.slice(-3)) : random.pick(candidates)
  return [fits(chosen) ? chosen : candidates.find(fits) ?? String(examples[0] ?? 'x')]
}

/* ---- Requests: a path, query pairs (encoded), method, headers and body ---- */

type Draft = {
  o: Operation
  kind: 'valid' | 'mutated'
  mutations: string[]
  method: string
  pathValues: Record<string, string>
  query: [string, string][]
  headers: Record<string, string>
  body?: string | Buffer
}

const enc = encodeURIComponent

function validDraft(o: Operation, random: Random): Draft {
  const draft: Draft = { o, kind: 'valid', mutations: [], method: o.method, pathValues: {}, query: [], headers: {} }
  for (const p of o.params.filter((p) => p.in === 'path')) draft.pathValues[p.name] = String(idFor(resourceOf(o.path), random))
  for (const p of o.params.filter((p) => p.in === 'query' && p.name !== 'cursor')) {
    if (!p.required && !random.chance(0.35)) continue
    const values = validValues(p, random)
    if (values.length > 1 && random.chance(0.5)) draft.query.push([p.name, values.map(enc).join(',')])
    else for (const v of values) draft.query.push([p.name, enc(v)])
  }
  // Rules across parameters that a schema cannot state: relevance needs q; from comes before to.
  const has = (name: string) => draft.query.some(([n]) => n === name)
  if (draft.query.some(([n, v]) => n === 'sort' && v === 'relevance') && !has('q')) draft.query = draft.query.filter(([n]) => n !== 'sort')
  const from = draft.query.find(([n]) => n === 'from')
  const to = draft.query.find(([n]) => n === 'to')
  if (from && to && decodeURIComponent(from[1]) > decodeURIComponent(to[1])) [from[1], to[1]] = [to[1], from[1]]
  return draft
}

function target(d: Draft): string {
  const path = d.o.path.replace(/\{(\w+)\}/g, (_, name: string) => d.pathValues[name] ?? '1')
  return d.query.length ? `${path}?${d.query.map(([n, v]) => (v === '' && n.startsWith('\u0000') ? n.slice(1) : `${n}=${v}`)).join('&')}` : path
}

/* ---- Mutations ---- */

const WRONG_TYPES = ['abc', '1.5', '1e3', 'true', 'null', '[]', '{}', '[1,2]', '{"a":1}', ' 7', '7 ', '0x1F', '+5', '\u0661\u0662', 'NaN', 'Infinity', '', 'undefined']
const NUMBERS = ['-1', '0', '-0', '9007199254740992', '9007199254740993', '99999999999999999999999999', '1e308', '-1e308', '2147483648', '-2147483649',
  '18446744073709551616', '1'.padEnd(400, '0'), '0.0000001', '-9007199254740991']
const UNICODE = ['\u0000', '\u0001\u0002\u0003', '\u001b[31mred', '\r\nX-Injected: 1', '\u202egnp.exe', '\u200b\u200b', 'e\u0301\u0301\u0301', '\u{1F600}\u{1F44D}\u{1F3FD}',
  '\u6f22\u5b57', '\u03a9\u03bc\u03ad\u03b3\u03b1', '\ufeffgovernment', '\uffff', '\ufb01', '\u{1D518}\u{1D52B}', 'gov\u00adernment', '\u0130stanbul', '\t\v\f']
/** Inserted without encoding: malformed percent-escapes and percent-encoded bytes that are not UTF-8. */
const RAW_ESCAPES = ['%zz', '%', '%%', '%ED%A0%80', '%FF%FE', '%C0%AF', '%00', '%0d%0a', '%E0%A4', '%u0041', '%2', '+%2B+']
const SQL = [`' OR '1'='1`, '1; DROP TABLE articles; --', '" OR ""="', '1 UNION SELECT hash FROM api_keys --', "%' AND 1=1 --", "'); DELETE FROM articles; --",
  "\\'", '1/**/OR/**/1=1', '1 OR 1=1', "'; PRAGMA writable_schema=1; --", '%', '_', "' || (SELECT sqlite_version()) || '"]
const FTS = ['"', '"unterminated', 'NEAR(a b, 2)', 'NEAR(', 'a AND', 'OR', 'NOT', '*', 'a*b*', '^a', 'body:a', 'headline:*', '(', ')', '((a)', '-a',
  '{a b}: c', 'a NOT', '+', 'AND OR NOT', '""', "'", 'a:b:c', 'rank:1', '"a" NEAR/3 "b"', 'government'.repeat(40)]
/** Inserted into the path as they are (ids) — dot segments, encoded and double-encoded separators. */
const TRAVERSAL = ['../../etc/passwd', '..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '..%252f..%252fetc', '....//....//etc/passwd',
  '..\\..\\windows\\win.ini', '%5c..%5c..%5c', '/etc/passwd', '.', '..', '%2e', '%2e%2e', 'file:%2F%2F%2Fetc%2Fpasswd', '1%2F..%2F2', '1;rm', '1%00', '1/', '1//', '%20']
const UNKNOWN = ['foo=bar', '__proto__[polluted]=1', '__proto__=1', 'constructor[prototype][x]=1', 'q[]=a', 'limit[0]=1', 'a.b=c', '=x', '&&&', 'x', 'toString=1',
  'hasOwnProperty=1', 'LIMIT=5', 'Limit=5', 'api_key=' + 'k'.repeat(32), 'callback=alert', 'format=xml', '%00=1']
const METHODS = ['POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'GET']

/** A parameter of the operation to spoil (or a made-up one when it has none). */
function someParam(d: Draft, random: Random, prefer?: (p: OpenApiParameter) => boolean): OpenApiParameter {
  const query = d.o.params.filter((p) => p.in === 'query')
  const preferred = prefer ? query.filter(prefer) : []
  if (preferred.length) return random.pick(preferred)
  return query.length ? random.pick(query) : { name: random.pick(['q', 'limit', 'id']), in: 'query' }
}
function setParam(d: Draft, name: string, encoded: string) {
  d.query = d.query.filter(([n]) => n !== name)
  d.query.push([name, encoded])
}
const isInteger = (p: OpenApiParameter) => JSON.stringify(p.schema ?? {}).includes('"integer"')
const isString = (p: OpenApiParameter) => JSON.stringify(p.schema ?? {}).includes('"string"') && !(p.schema as Schema).enum
const pathParam = (d: Draft) => Object.keys(d.pathValues)[0] as string | undefined

const mutations: Record<string, (d: Draft, random: Random) => void> = {
  'wrong-type': (d, r) => {
    const v = enc(r.pick(WRONG_TYPES))
    if (pathParam(d) && r.chance(0.4) && v !== '') d.pathValues[pathParam(d)!] = v
    else setParam(d, someParam(d, r).name, v)
  },
  number: (d, r) => {
    const v = r.pick(NUMBERS)
    if (pathParam(d) && r.chance(0.5)) d.pathValues[pathParam(d)!] = v
    else setParam(d, someParam(d, r, isInteger).name, enc(v))
  },
  unicode: (d, r) => {
    const v = r.chance(0.5) ? r.pick(UNICODE) : `${r.pick(WORDS)}${r.pick(UNICODE)}${r.pick(WORDS)}`
    if (pathParam(d) && r.chance(0.3)) d.pathValues[pathParam(d)!] = enc(v)
    else setParam(d, someParam(d, r, isString).name, enc(v))
  },
  'bad-escape': (d, r) => {
    const v = r.pick(RAW_ESCAPES)
    if (pathParam(d) && r.chance(0.4)) d.pathValues[pathParam(d)!] = `1${v}`
    else setParam(d, someParam(d, r).name, `${r.pick(WORDS)}${v}`)
  },
  sql: (d, r) => {
    const v = r.pick(SQL)
    if (pathParam(d) && r.chance(0.3)) d.pathValues[pathParam(d)!] = enc(`1${v}`)
    else setParam(d, someParam(d, r, isString).name, enc(v))
  },
  fts: (d, r) => setParam(d, someParam(d, r, (p) => p.name === 'q').name, enc(r.chance(0.3) ? `${r.pick(WORDS)} ${r.pick(FTS)}` : r.pick(FTS))),
  traversal: (d, r) => {
    const v = r.pick(TRAVERSAL)
    if (pathParam(d)) d.pathValues[pathParam(d)!] = v
    else setParam(d, someParam(d, r).name, v.replace(/[\\]/g, '%5C'))
  },
  overlong: (d, r) => {
    const length = r.pick([101, 201, 501, 513, 1001, 3000])
    const v = r.pick(WORDS).repeat(Math.ceil(length / 5)).slice(0, length)
    if (pathParam(d) && r.chance(0.2)) d.pathValues[pathParam(d)!] = '9'.repeat(r.pick([17, 60, 201, 300]))
    else setParam(d, someParam(d, r, isString).name, enc(v))
  },
  repeated: (d, r) => {
    const p = someParam(d, r)
    const n = r.int(2, 12)
    for (let i = 0; i < n; i++) d.query.push([p.name, enc(r.chance(0.5) ? validValues(p, r)[0] : r.pick([...WRONG_TYPES, ...NUMBERS]))])
  },
  unknown: (d, r) => {
    for (let i = r.int(1, 3); i > 0; i--) d.query.push([`\u0000${r.pick(UNKNOWN)}`, ''])
  },
  oversized: (d, r) => {
    const length = r.pick([4_000, 4_097, 6_000, 12_000, 15_000, 20_000, 70_000])
    const filler = `pad=${'x'.repeat(90)}`
    while (target(d).length < length) d.query.push(['pad', filler.slice(4)])
  },
  method: (d, r) => {
    d.method = r.pick(METHODS.filter((m) => m !== d.o.method))
    if (d.method === 'OPTIONS' && r.chance(0.5)) Object.assign(d.headers, { origin: 'https://example.org', 'access-control-request-method': r.pick(['GET', 'POST', 'DELETE', 'PUT']) })
  },
  headers: (d, r) => {
    const junk: [string, string][] = [
      ['accept', 'application/xml'], ['accept', 'text/html'], ['accept', 'application/problem+json;q=0'], ['accept', '*/*;q=abc'],
      ['accept-encoding', 'br;q=0, gzip;q=0, identity;q=0'], ['accept-encoding', 'x-unknown'], ['if-none-match', '"junk"'], ['if-none-match', '*'],
      ['if-modified-since', 'yesterday'], ['range', 'bytes=0-10'], ['x-request-id', 'a'.repeat(300)], ['x-request-id', '../../etc/passwd'],
      ['authorization', 'Bearer ' + 'x'.repeat(40)], ['authorization', 'Basic dXNlcjpwYXNz'], ['x-forwarded-for', '1.2.3.4, junk'], ['origin', 'null'],
      ['content-type', 'application/json'], ['accept-language', 'x'.repeat(2000)], ['cookie', 'a=' + 'b'.repeat(3000)],
    ]
    for (let i = r.int(1, 3); i > 0; i--) {
      const [name, value] = r.pick(junk)
      d.headers[name] = value
    }
  },
  'read-body': (d, r) => {
    d.headers['content-type'] = r.pick(['application/json', 'text/plain', 'application/xml'])
    d.body = r.pick(['{"limit": 1000}', '{', 'x'.repeat(10_000), '\u0000\u0001'])
  },
}
const READ_MUTATIONS = Object.keys(mutations)

/* ---- Write routes: bodies, media types, keys ---- */

const seedTexts = seedFiles().map((f) => readFileSync(f, 'utf8'))
const manifest = JSON.parse(readFileSync(join(seedsDir, 'manifest.json'), 'utf8')) as Record<string, { source?: string }>
const seedSources = Object.values(manifest).map((m) => m.source).filter(Boolean) as string[]

/** A seed page, edited so its content (and so the article it becomes) is new. */
function page(random: Random): string {
  const lines = random.pick(seedTexts).split('\n')
  const at = random.int(Math.min(8, lines.length - 1), lines.length - 1)
  lines[at] = `${lines[at]} The ministry confirmed the figures on day ${random.int(1, 100_000)}.`
  return lines.join('\n')
}
const html = (text: string) =>
  `<!doctype html><html><head><title>${text.split('\n')[0]}</title></head><body><article>${text
    .split(/\n\s*\n/)
    .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
    .join('')}</article></body></html>`

function validWrite(o: Operation, random: Random): Draft {
  const d = validDraft(o, random)
  d.headers.authorization = `Bearer ${KEY}`
  if (!o.body) return d
  const types = Object.keys(o.body)
  const type = random.pick(types)
  const text = page(random)
  d.headers['content-type'] = type
  if (type === 'application/json') {
    d.body = JSON.stringify({ source: random.pick(seedSources), headline: text.split('\n')[0], published_at: '2023-09-14T12:59:00+09:00', body: text })
  } else if (type === 'text/html') d.body = html(text)
  else d.body = text
  // A raw page's facts are parameters; plain=true only means something for raw text.
  d.query = d.query.filter(([n, v]) => !(n === 'plain' && v === 'true' && type !== 'text/plain'))
  return d
}

const BAD_JSON = ['{"a":', '{', '[', 'nul', '{"body": "x",}', "{'body': 'x'}", '{"body": "x"}}', '\u0000', '{"body": "\\ud800"}', '{"body": NaN}', '01', '{"body":"x"}\n{"body":"y"}']
const JSON_JUNK: unknown[] = [null, 42, 'text', [], [{ body: 'x' }], true, {}, { body: 42 }, { body: ['a'] }, { body: {} }, { body: '' }, { body: '   ' },
  { body: 'x', published_at: 'yesterday' }, { body: 'x', published_at: '2023-02-30' }, { body: 'x', language: 'EN_us' }, { body: 'x', author: [1, 2] },
  { body: 'x', id: 1.5 }, { body: 'x', unknown: 1 }, { html: 5 }, { html: '<html></html>' }, { body: 'x', headline: 'h'.repeat(2000) },
  { body: 'x', url: 'javascript:alert(1)' }, { body: 'x'.repeat(50), author: Array.from({ length: 30 }, () => 'A') }, { body: 'Said "hi" he said.', source: '' }]
const TEXT_JUNK = ['', ' \n\t ', '\u0000\u0000binary', '<html><body></body></html>', '<<<<>>>>', '<div>'.repeat(20_000), '"'.repeat(5000),
  '\u{1F600}'.repeat(2000), "'; DROP TABLE articles; --", 'NEAR( AND OR', '\ufeff', 'a'.repeat(300_000), 'He said: "' + 'x '.repeat(20_000),
  '\u202e\u0001\u001b[0m', 'Title\n\nBody "quoted" text, said Someone.']
const CONTENT_TYPES = ['', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'text/plain; charset=utf-16le',
  'application/json; charset=iso-8859-1', 'TEXT/HTML', 'application/json-patch+json', 'text/csv', '*/*', 'text/plain;;;', 'application/json, text/plain',
  'application/octet-stream', 'text/plain; charset=unknown-8bit']
const AUTH = ['', 'Bearer', 'Bearer short', `Bearer ${'A'.repeat(40)}`, 'Basic dXNlcjpwYXNz', `bearer ${KEY}`, `Bearer  ${KEY}  `, `Bearer ${'a'.repeat(600)}`,
  `Bearer ${KEY},${KEY}`, `Token ${KEY}`, `Bearer ${KEY.slice(0, -1)}`, `Bearer ${KEY}\u00e9`.replace(/[^\x20-\x7e]/g, '')]

const writeMutations: Record<string, (d: Draft, random: Random) => void> = {
  'bad-json': (d, r) => {
    d.headers['content-type'] = 'application/json'
    d.body = r.chance(0.1) ? (r.chance(0.5) ? '['.repeat(20_000) + ']'.repeat(20_000) : '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000)) : r.pick(BAD_JSON)
  },
  'json-junk': (d, r) => {
    d.headers['content-type'] = 'application/json'
    d.body = r.chance(0.1) ? '{"__proto__": {"polluted": true}, "body": "Prototype text, he said."}' : JSON.stringify(r.pick(JSON_JUNK))
  },
  'text-junk': (d, r) => {
    d.headers['content-type'] = r.pick(['text/plain', 'text/html'])
    d.body = r.chance(0.15) ? Buffer.from(Array.from({ length: 2000 }, () => r.int(0, 255))) : r.pick(TEXT_JUNK)
  },
  'content-type': (d, r) => {
    const type = r.pick(CONTENT_TYPES)
    if (type) d.headers['content-type'] = type
    else delete d.headers['content-type']
    d.body ??= page(r)
  },
  'type-mismatch': (d, r) => {
    const text = page(r)
    ;[d.headers['content-type'], d.body] = r.pick([['application/json', text], ['application/json', html(text)], ['text/plain', JSON.stringify({ body: text })], ['text/html', '{"body": 1}']])
  },
  auth: (d, r) => {
    const value = r.pick(AUTH)
    if (value) d.headers.authorization = value
    else delete d.headers.authorization
  },
  'too-large': (d) => {
    d.headers['content-type'] = 'text/plain'
    d.body = Buffer.alloc(5 * 1024 * 1024 + 1, 'a')
  },
  ...Object.fromEntries(['wrong-type', 'number', 'unicode', 'bad-escape', 'sql', 'traversal', 'overlong', 'repeated', 'unknown', 'method', 'oversized'].map((k) => [k, mutations[k]])),
}
const WRITE_MUTATIONS = Object.keys(writeMutations)

/* ---- The plan: every request decided before the first is sent ---- */

const random = new Random(SEED)
const plan: { draft: Draft; phase: 'read' | 'write' }[] = []
for (let i = 0; i < READ_PHASE; i++) {
  const o = ops[i % ops.length]
  let draft: Draft
  if (o.method === 'GET' && o.params.some((p) => p.name === 'cursor') && cursors.has(o.id) && random.chance(0.05)) {
    // A real next page: the cursor the list itself handed out.
    draft = { ...validDraft(o, random), query: [], pathValues: {} }
    const [path, query] = cursors.get(o.id)!.split('?')
    draft.query = query.split('&').map((pair) => pair.split('=') as [string, string])
    draft.pathValues = Object.fromEntries(o.params.filter((p) => p.in === 'path').map((p) => [p.name, path.split('/')[3]]))
  } else draft = validDraft(o, random)
  // Writes here never carry a valid key: refused, they too must leave every row as it was.
  if (o.secured) {
    draft.mutations.push('no-key')
    draft.kind = 'mutated'
  }
  if (random.chance(0.65)) {
    draft.kind = 'mutated'
    const pool = o.method === 'GET' ? READ_MUTATIONS : WRITE_MUTATIONS.filter((m) => m !== 'auth' && m !== 'too-large')
    for (let n = random.chance(0.75) ? 1 : 2; n > 0; n--) {
      const name = random.pick(pool)
      draft.mutations.push(name)
      ;(mutations[name] ?? writeMutations[name])(draft, random)
    }
  }
  if (o.secured && !draft.headers.authorization && random.chance(0.5)) draft.headers.authorization = random.pick(AUTH.filter((a) => !a.includes(KEY))) || 'Bearer x'
  plan.push({ draft, phase: 'read' })
}
for (let i = 0, tooLarge = 0; i < WRITE_PHASE && writeOps.length; i++) {
  const o = writeOps[i % writeOps.length]
  const draft = validWrite(o, random)
  if (random.chance(0.78)) {
    draft.kind = 'mutated'
    let name = random.pick(WRITE_MUTATIONS)
    // A few bodies over the limit are enough: each is 5 MB on the wire.
    if (name === 'too-large' && ++tooLarge > 3) name = 'bad-json'
    draft.mutations.push(name)
    writeMutations[name](draft, random)
  }
  plan.push({ draft, phase: 'write' })
}

/* ---- Running it ---- */

type Outcome = { draft: Draft; phase: 'read' | 'write'; req: RawRequest; res: RawResponse }

function describe(o: Outcome): string {
  const body = o.req.body === undefined ? '' : ` body(${o.req.headers?.['content-type'] ?? 'no type'}, ${Buffer.byteLength(o.req.body)} B): ${String(o.req.body).slice(0, 80)}`
  const target = o.req.target.length > 160 ? `${o.req.target.slice(0, 160)}…(${o.req.target.length} chars)` : o.req.target
  return `[${o.draft.kind}${o.draft.mutations.length ? ` ${o.draft.mutations.join('+')}` : ''}] ${o.req.method} ${target}${body} → ${o.res.status} ${o.res.type} ${o.res.error ?? o.res.body.slice(0, 160)}`
}

async function run(phase: 'read' | 'write'): Promise<{ outcomes: Outcome[]; ms: number }> {
  const started = Date.now()
  const outcomes = await mapConcurrently(
    plan.filter((p) => p.phase === phase),
    CONCURRENCY,
    async ({ draft }) => {
      // All on the same keep-alive connections: a server dropping one (a header over 16 kB) must say so
      // (Connection: close), or the next request sent on it fails.
      const req: RawRequest = { method: draft.method, target: target(draft), headers: draft.headers, body: draft.body }
      return { draft, phase, req, res: await client.send(req) }
    },
  )
  return { outcomes, ms: Date.now() - started }
}

function report(t: Test, label: string, outcomes: Outcome[], ms: number) {
  const perOp = new Tally()
  const perStatus = new Tally()
  for (const o of outcomes) {
    perOp.add(`${o.draft.o.id} ${o.draft.kind}`)
    perStatus.add(`${o.res.status || 'no answer'}`)
  }
  t.comment(`${label}: ${outcomes.length} requests, ${CONCURRENCY} concurrent, ${ms} ms (${Math.round((outcomes.length / ms) * 1000)}/s), seed ${SEED}`)
  t.comment(`per operation: ${perOp.lines().join(', ')}`)
  t.comment(`per status: ${perStatus.lines().join(', ')}`)
}

/** Faults grouped by what came back (status, media type, start of the body), with the count and one request of each. */
function shown(faults: { key: string; text: string }[]): string {
  const groups = new Map<string, { n: number; text: string }>()
  for (const f of faults) {
    const g = groups.get(f.key)
    if (g) g.n++
    else groups.set(f.key, { n: 1, text: f.text })
  }
  return [...groups.values()].map((g) => `\n  ${g.n} × e.g. ${g.text}`).join('')
}
const fault = (o: Outcome, why = '') => ({
  key: `${o.res.status} ${o.res.type} ${(o.res.error ?? o.res.body).replace(/'[^']*'|"instance":"[^"]*"|\d+/g, '').slice(0, 70)}`,
  text: `${describe(o)}${why ? `\n      ${why}` : ''}`,
})

/** The checks every answer gets; returns the faults found, by kind. */
function check(t: Test, outcomes: Outcome[], expectValid: (o: Outcome) => boolean) {
  const failed: ReturnType<typeof fault>[] = []
  const serverErrors: ReturnType<typeof fault>[] = []
  const notProblems: ReturnType<typeof fault>[] = []
  const refusedValid: ReturnType<typeof fault>[] = []
  const offContract: ReturnType<typeof fault>[] = []
  for (const o of outcomes) {
    const { res, req } = o
    if (res.error || res.status === 0) failed.push(fault(o))
    else if (res.status >= 500) serverErrors.push(fault(o))
    else if (res.status >= 400) {
      const why = problemFault(req.method, res)
      if (why) notProblems.push(fault(o, why))
    }
    if (o.draft.kind === 'valid' && !res.error) {
      if (!expectValid(o)) refusedValid.push(fault(o))
      else if (res.status >= 200 && res.status < 300 && req.method !== 'HEAD' && /^application\/json\b/.test(res.type)) {
        const validate = responseCheck(o.draft.o.op, res.status, 'application/json')
        const verdict = validate ? validate(JSON.parse(res.body)) : { ok: true as const }
        if (!verdict.ok) offContract.push(fault(o, verdict.errors))
      }
    }
    if (res.status < 500 && INTERNALS.test(res.body)) serverErrors.push(fault(o, 'internals in the answer'))
  }
  t.equal(failed.length, 0, `every request was answered (no reset, no timeout)${shown(failed)}`)
  t.equal(serverErrors.length, 0, `no 5xx${shown(serverErrors)}`)
  t.equal(notProblems.length, 0, `every 4xx is application/problem+json with type, title and status${shown(notProblems)}`)
  t.equal(refusedValid.length, 0, `valid requests are answered as the spec says${shown(refusedValid)}`)
  t.equal(offContract.length, 0, `valid answers match their documented schema${shown(offContract)}`)
}

function snapshotOf(path: string) {
  const db = openDatabase(path, { readonly: true })
  try {
    return { ...archiveSnapshot(db), integrity: db.pragma('integrity_check', { simple: true }), foreignKeys: db.pragma('foreign_key_check') }
  } finally {
    db.close()
  }
}

t.test(`${READ_PHASE} requests over every operation, writes without a valid key: nothing fails, nothing changes`, async (t) => {
  const before = { sum: archiveChecksum(database), snapshot: snapshotOf(database) }
  const { outcomes, ms } = await run('read')
  report(t, 'without a valid key', outcomes, ms)
  check(t, outcomes, (o) => (o.draft.o.params.some((p) => p.in === 'path') ? [200, 404] : [200]).includes(o.res.status))
  t.ok(outcomes.length >= 10_000, `${outcomes.length} requests`)
  const after = { sum: archiveChecksum(database), snapshot: snapshotOf(database) }
  t.same(after.snapshot, before.snapshot, 'table counts and counters unchanged')
  t.equal(after.sum.digest, before.sum.digest, `a checksum of all ${before.sum.rows} rows unchanged`)
})

t.test(`${WRITE_PHASE} write requests with a valid key: no 5xx, refusals are problems, the archive stays whole`, { skip: writeOps.length === 0 && 'the API has no write route' }, async (t) => {
  const { outcomes, ms } = await run('write')
  report(t, 'writes with a key', outcomes, ms)
  const expected: Record<string, number[]> = { POST: [200, 201], DELETE: [204, 404] }
  check(t, outcomes, (o) => (expected[o.req.method] ?? [200]).includes(o.res.status))
  const created = outcomes.filter((o) => o.res.status === 201).length
  const deleted = outcomes.filter((o) => o.res.status === 204).length
  t.ok(created > 0, `${created} articles were stored`)
  const after = snapshotOf(database)
  t.equal(after.integrity, 'ok', 'integrity_check: ok')
  t.same(after.foreignKeys, [], 'no dangling foreign key')
  const db = openDatabase(database, { readonly: true })
  try {
    const one = (sql: string) => db.prepare(sql).pluck().get() as number
    t.equal(one('SELECT count(*) FROM articles a WHERE quote_count != (SELECT count(*) FROM quotes q WHERE q.article_id = a.id)'), 0, 'every article counts its quotes')
    t.equal(one('SELECT count(*) FROM entities e WHERE mention_count != (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id)'), 0, 'every entity counts its mentions')
    t.equal(one('SELECT count(*) FROM stories s WHERE article_count != (SELECT count(*) FROM articles a WHERE a.story_id = s.id)'), 0, 'every story counts its articles')
    t.comment(`${created} stored, ${deleted} deleted; ${one('SELECT count(*) FROM articles')} articles now`)
  } finally {
    db.close()
  }
})

t.test('the server logged no failure', async (t) => {
  const log = server.output()
  t.notMatch(log, /"level":50|"level":60/, 'no error logged')
  t.notMatch(log, /SQLITE_BUSY|database is locked/, 'no lock error')
})
