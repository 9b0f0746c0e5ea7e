// What keeps a client or a burst from taking the server down: body and URL size, full-text query
// size, per-client rate limits (reads and writes apart), load shedding, security headers and
// request ids. Every refusal is a problem document.
import t, { type Test } from 'tap'
import { connect, type AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import type { LightMyRequestResponse } from 'fastify'
import { buildApp } from '../src/app.js'
import { DEFAULT_SETTINGS, type HttpSettings } from '../src/http/limits.js'
import { tableCounts, testDatabase } from './helpers/db.js'

const KEY = 'limits-test-key-0123456789abcdef'
const auth = { authorization: `Bearer ${KEY}` }
const { db } = await testDatabase({ seeds: true, t })

async function appWith(t: Test, settings: Partial<HttpSettings>, logger?: object) {
  const app = await buildApp({ db, settings: { apiKeys: [KEY], ...settings }, ...(logger ? { logger } : {}) })
  t.teardown(() => app.close())
  return app
}

function expectProblem(t: Test, res: LightMyRequestResponse, status: number, label: string) {
  t.equal(res.statusCode, status, `${label}: ${status}`)
  t.match(res.headers['content-type'], /^application\/problem\+json/, `${label}: problem+json`)
  const body = res.json()
  t.equal(body.status, status, `${label}: status in the body`)
  t.ok(body.type && body.title && body.detail, `${label}: type, title, detail`)
  return body
}

const story = (n: number) =>
  [
    `WASHINGTON (Reuters) - Officials said on Monday that talks on trade item ${n} would continue next week after a first round ended without agreement.`,
    `"We made progress, but there is more to do," said Jane Smith, a spokeswoman for the trade office, speaking to reporters after round ${n}.`,
  ].join('\n\n')

t.test('request bodies above BODY_LIMIT are refused with 413 before anything is read or stored', async (t) => {
  t.equal(DEFAULT_SETTINGS.bodyLimit, 5 * 1024 * 1024, 'the default limit is 5 MB')
  const app = await appWith(t, {})
  const before = tableCounts(db)
  const huge = 'word '.repeat(1_100_000) // 5.5 MB
  for (const url of ['/v1/articles', '/v1/annotate']) {
    expectProblem(t, await app.inject({ method: 'POST', url, headers: { ...auth, 'content-type': 'text/plain' }, payload: huge }), 413, `${url}: 5.5 MB`)
  }
  const small = await appWith(t, { bodyLimit: 1024 })
  const body = expectProblem(t, await small.inject({ method: 'POST', url: '/v1/articles', headers: auth, payload: { body: 'x'.repeat(2000) } }), 413, 'BODY_LIMIT=1024, a 2 KB record')
  t.match(body.detail, /too large/i)
  t.same(tableCounts(db), before, 'nothing stored')
})

t.test('over-long URLs and over-complex searches are refused', async (t) => {
  const app = await appWith(t, { maxUrlLength: 1000 })
  expectProblem(t, await app.inject({ url: `/v1/articles?source=${'a'.repeat(1200)}` }), 414, 'a 1.2 KB URL with MAX_URL_LENGTH=1000')
  t.equal((await app.inject({ url: `/v1/articles?source=${'a'.repeat(90)}` })).statusCode, 200, 'a long but reasonable URL is fine')
  const terms = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' OR ')
  const body = expectProblem(t, await app.inject({ url: `/v1/search?q=${encodeURIComponent(terms)}` }), 400, 'a search of 40 terms')
  t.ok(body.errors.some((e: { name: string }) => e.name === 'q'), 'errors[] names q')
  expectProblem(t, await app.inject({ url: `/v1/quotes?q=${'a'.repeat(600)}` }), 400, 'a 600-character query')
})

t.test('a client over its write budget gets 429 with Retry-After; reads have their own budget', async (t) => {
  const app = await appWith(t, { rateLimitWrite: 3, rateLimitRead: 5, rateLimitWindowMs: 60_000 })
  const statuses: number[] = []
  for (let i = 0; i < 3; i++) {
    const res = await app.inject({ method: 'POST', url: '/v1/annotate', headers: { ...auth, 'content-type': 'text/plain' }, payload: story(i) })
    statuses.push(res.statusCode)
  }
  t.same(statuses, [200, 200, 200], 'the burst is served')
  for (const [label, request] of [
    ['POST /v1/annotate', { method: 'POST' as const, url: '/v1/annotate', headers: { ...auth, 'content-type': 'text/plain' }, payload: story(9) }],
    ['POST /v1/articles', { method: 'POST' as const, url: '/v1/articles', headers: { ...auth, 'content-type': 'text/plain' }, payload: story(9) }],
    ['DELETE without a key', { method: 'DELETE' as const, url: '/v1/articles/1' }],
  ] as const) {
    const res = await app.inject(request)
    expectProblem(t, res, 429, `${label} after the burst`)
    const wait = Number(res.headers['retry-after'])
    t.ok(wait > 0 && wait <= 60, `${label}: Retry-After ${res.headers['retry-after']} seconds`)
  }
  t.equal(db.prepare('SELECT count(*) FROM articles').pluck().get(), 2, 'nothing was stored over the budget')

  const reads: number[] = []
  for (let i = 0; i < 6; i++) reads.push((await app.inject({ url: '/v1/quotes?limit=1' })).statusCode)
  t.same(reads, [200, 200, 200, 200, 200, 429], 'reads are limited apart from writes, and across routes')
  const limited = await app.inject({ url: '/v1/articles' })
  expectProblem(t, limited, 429, 'another read route')
  t.ok(Number(limited.headers['retry-after']) > 0, 'with Retry-After')
  t.equal((await app.inject({ url: '/healthz' })).statusCode, 200, 'probes are never limited')
  t.equal((await app.inject({ url: '/readyz' })).statusCode, 200)
})

t.test('under pressure, requests are shed with 503 and Retry-After; probes still answer', async (t) => {
  const app = await appWith(t, { maxEventLoopDelayMs: 50, pressureSampleMs: 200, retryAfterSeconds: 7 })
  await app.ready()
  t.equal((await app.inject({ url: '/v1/articles' })).statusCode, 200, 'served while the loop is free')
  const block = Date.now() + 600
  while (Date.now() < block) {
    // a request handler hogging the event loop
  }
  // The overdue sample runs first and sees the lag; it holds until the next sample.
  await new Promise((r) => setTimeout(r, 10))
  const shed = await app.inject({ url: '/v1/articles' })
  expectProblem(t, shed, 503, 'a read while the event loop lags')
  t.equal(shed.headers['retry-after'], '7', 'Retry-After')
  t.equal((await app.inject({ url: '/healthz' })).statusCode, 200, 'the liveness probe still answers')
  await new Promise((r) => setTimeout(r, 450))
  t.equal((await app.inject({ url: '/v1/articles' })).statusCode, 200, 'served again once the loop recovers')
})

t.test('security headers, with Swagger UI keeping what it needs', async (t) => {
  const app = await appWith(t, {})
  const api = await app.inject({ url: '/v1/articles' })
  t.equal(api.headers['content-security-policy'], "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'", 'the API loads nothing')
  t.equal(api.headers['x-content-type-options'], 'nosniff')
  t.equal(api.headers['referrer-policy'], 'no-referrer')
  t.equal(api.headers['cross-origin-resource-policy'], 'cross-origin', 'readable from other origins (CORS allows it)')
  const docs = await app.inject({ url: '/docs/' })
  t.equal(docs.statusCode, 200)
  const csp = String(docs.headers['content-security-policy'])
  t.match(csp, /script-src 'self'/, '/docs: its own scripts')
  t.notMatch(csp, /script-src[^;]*unsafe/, '/docs: and no inline or evaluated script')
  t.match(csp, /style-src 'self' 'unsafe-inline'/, "/docs: Swagger UI's inline styles are allowed")
  t.notMatch(csp, /default-src 'none'/, "/docs: not the API's policy")
})

t.test('request ids are honoured and echoed; logs are JSON with the id and never the key', async (t) => {
  let log = ''
  const stream = new Writable({
    write(chunk, _encoding, done) {
      log += chunk
      done()
    },
  })
  const app = await appWith(t, {}, { level: 'trace', stream })
  const given = await app.inject({ url: '/v1/stories', headers: { 'x-request-id': 'abc-123.x' } })
  t.equal(given.headers['x-request-id'], 'abc-123.x', 'a plain id is kept and echoed')
  const forged = await app.inject({ url: '/v1/stories', headers: { 'x-request-id': 'evil\u0001{"level":60}' } })
  t.match(forged.headers['x-request-id'], /^[0-9a-f-]{36}$/, 'an id that is not a plain token is replaced by a UUID')
  const none = await app.inject({ url: '/v1/stories' })
  t.match(none.headers['x-request-id'], /^[0-9a-f-]{36}$/, 'every answer has an id')
  await app.inject({ method: 'POST', url: '/v1/annotate', headers: { ...auth, 'content-type': 'text/plain', 'x-request-id': 'write-1' }, payload: story(1) })
  await app.inject({ method: 'POST', url: '/v1/annotate', headers: { authorization: `Bearer ${KEY}x`, 'content-type': 'text/plain' }, payload: story(1) })
  const lines = log.trim().split('\n').map((l) => JSON.parse(l) as { reqId?: string; msg?: string })
  t.ok(lines.length > 0, 'logs are JSON lines')
  t.ok(lines.some((l) => l.reqId === 'abc-123.x'), 'with the request id')
  t.ok(lines.some((l) => l.reqId === 'write-1'), 'writes too')
  t.notMatch(log, KEY, 'no key in the log, valid or not')
})

t.test('requests refused before routing are problem documents too', async (t) => {
  const app = await appWith(t, {})
  expectProblem(t, await app.inject({ url: '/v1/entities/1%/related' }), 400, 'a malformed percent-escape')
  expectProblem(t, await app.inject({ method: 'DELETE', url: `/v1/articles/${'9'.repeat(300)}`, headers: auth }), 414, 'an over-long path parameter')
  const options = await app.inject({ method: 'OPTIONS', url: '/v1/search?q=x' })
  t.ok(options.statusCode < 400, `OPTIONS that is not a preflight: ${options.statusCode}, not a bare text error`)
  const nested = await app.inject({ method: 'POST', url: '/v1/articles', headers: { ...auth, 'content-type': 'text/html' }, payload: '<div>'.repeat(20000) })
  t.match(expectProblem(t, nested, 422, 'HTML nested 20000 deep').detail, /nested \d+ elements deep/)

  // Headers too large are refused by node's parser, on the socket: a real server is needed.
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo
  const raw = (method: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(`${method} /v1/quotes HTTP/1.1\r\nHost: x\r\nX-Pad: ${'x'.repeat(20_000)}\r\n\r\n`))
      let data = ''
      socket.on('data', (c) => (data += c))
      socket.on('end', () => resolve(data))
      socket.on('error', reject)
    })
  const answer = await raw('GET')
  t.match(answer, /^HTTP\/1\.1 431 /, '431 for 20 KB of headers')
  t.match(answer, /Content-Type: application\/problem\+json/)
  const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))
  t.match(body, { status: 431, type: /^urn:quotewire:problem:/ })
  const head = await raw('HEAD')
  t.match(head, /^HTTP\/1\.1 431 /)
  t.equal(head.slice(head.indexOf('\r\n\r\n') + 4), '', 'no body to a HEAD request')
})
