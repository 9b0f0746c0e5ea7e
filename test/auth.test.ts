// API keys: configured keys validated at boot, database keys from `quotewire keys` (only a hash
// stored, revocable), READ_REQUIRES_KEY closing reads, and a real listening server that takes
// writes with a key and finishes a write in flight when asked to stop.
import t from 'tap'
import { request } from 'node:http'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildApp } from '../src/app.js'
import { runKeys } from '../src/commands/keys.js'
import { loadConfig } from '../src/config.js'
import { keyDigest } from '../src/db/store/keys.js'
import { testDatabase } from './helpers/db.js'
import { seedFiles } from './helpers/paths.js'
import { startServer } from './helpers/server.js'

const KEY = 'auth-test-key-0123456789abcdefghij'

t.test('API_KEYS is validated at boot without repeating a key', async (t) => {
  t.same(loadConfig({ API_KEYS: `${KEY}, ${KEY}2 ,` }).API_KEYS, [KEY, `${KEY}2`], 'comma-separated, spaces and empty entries ignored')
  t.equal(loadConfig({}).API_KEYS, undefined, 'no keys: writes are closed to everyone but database keys')
  const secret = 'short-secret'
  t.throws(() => loadConfig({ API_KEYS: `${KEY},${secret}` }), /API_KEYS: key 2 must be 24 to 512 characters/)
  try {
    loadConfig({ API_KEYS: `${KEY},${secret}` })
  } catch (error) {
    t.notMatch((error as Error).message, secret, 'the message does not show the key')
  }
  t.throws(() => loadConfig({ API_KEYS: 'has spaces in the middle of it, ok' }), /API_KEYS/)
  t.equal(loadConfig({ READ_REQUIRES_KEY: 'true' }).READ_REQUIRES_KEY, true)
  t.throws(() => loadConfig({ READ_REQUIRES_KEY: 'sometimes' }), /READ_REQUIRES_KEY/)
  t.throws(() => loadConfig({ RATE_LIMIT_WRITE: '-1' }), /RATE_LIMIT_WRITE/)
})

t.test('READ_REQUIRES_KEY=true closes reads, not probes or the documentation', async (t) => {
  const { db } = await testDatabase({ seeds: true, t })
  const app = await buildApp({ db, settings: { apiKeys: [KEY], readRequiresKey: true } })
  t.teardown(() => app.close())
  for (const url of ['/v1/articles', '/v1/articles/1', '/v1/search?q=sanctions', '/v1/speakers']) {
    const res = await app.inject({ url })
    t.equal(res.statusCode, 401, `${url} without a key: 401`)
    t.match(res.headers['www-authenticate'], /^Bearer/)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.equal((await app.inject({ url, headers: { authorization: `Bearer ${KEY}` } })).statusCode, 200, `${url} with a key: 200`)
  }
  for (const url of ['/healthz', '/readyz', '/openapi.json', '/docs/']) t.equal((await app.inject({ url })).statusCode, 200, `${url} stays public`)
})

t.test('quotewire keys create | list | revoke', async (t) => {
  const { db, path } = await testDatabase({ t })
  const out: string[] = []
  const write = process.stdout.write.bind(process.stdout)
  const writeErr = process.stderr.write.bind(process.stderr)
  const run = (action: string, args: string[] = [], name?: string) => {
    out.length = 0
    process.stdout.write = ((chunk: string) => (out.push(String(chunk)), true)) as typeof process.stdout.write
    process.stderr.write = (() => true) as typeof process.stderr.write
    try {
      return runKeys({ database: path, action, args, name })
    } finally {
      process.stdout.write = write
      process.stderr.write = writeErr
    }
  }
  t.equal(run('create', [], 'importer'), 0)
  const key = out.join('').trim()
  t.match(key, /^qw_[A-Za-z0-9_-]{43}$/, 'the key alone on stdout')
  const row = db.prepare('SELECT * FROM api_keys').get() as { hash: string; prefix: string; name: string }
  t.equal(row.hash, keyDigest(key), 'its sha256 is stored')
  t.notMatch(readFileSync(path).toString('latin1') + JSON.stringify(row), key, 'the key itself is stored nowhere')
  t.equal(run('list'), 0)
  t.match(out.join(''), /^1\tqw_\S+…\tactive\t\S+\timporter\n$/, 'list shows a prefix, never the key')
  t.notMatch(out.join(''), key)

  const app = await buildApp({ db, settings: {} })
  t.teardown(() => app.close())
  const annotate = () => app.inject({ method: 'POST', url: '/v1/annotate?plain=true', headers: { authorization: `Bearer ${key}`, 'content-type': 'text/plain' }, payload: '"We will see," she said.' })
  t.equal((await annotate()).statusCode, 200, 'the new key opens writes')
  t.equal(run('revoke', ['1']), 0)
  t.match(out.join(''), /revoked key 1 "importer"/)
  t.equal((await annotate()).statusCode, 403, 'revoked: 403 at once')
  t.equal(run('revoke', ['99']), 1, 'an unknown id')
  t.equal(run('revoke', ['x']), 2, 'not an id')
  t.equal(run('rotate'), 2, 'an unknown action')
})

t.test('a real server: writes need the key, and a write in flight finishes on SIGTERM', async (t) => {
  const { path } = await testDatabase({ t })
  const server = await startServer({ database: path, t, env: { API_KEYS: KEY, LOG_LEVEL: 'info' } })
  const file = seedFiles()[0]
  const text = readFileSync(file, 'utf8')
  const denied = await fetch(`${server.url}/v1/articles`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: text })
  t.equal(denied.status, 401, 'no key: 401')
  t.match(denied.headers.get('www-authenticate') ?? '', /^Bearer/)

  const created = await fetch(`${server.url}/v1/articles`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'text/plain' }, body: text })
  t.equal(created.status, 200, 'the seeds were loaded on first start: the same page is recognised (200)')
  t.equal(created.headers.get('location'), '/v1/articles/1')

  // A write whose body is still arriving when the server is told to stop.
  const body = text.replace(' said', ' stated')
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(`${server.url}/v1/articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) },
    })
    req.on('response', (res) => {
      let data = ''
      res.on('data', (c) => (data += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }))
    })
    req.on('error', reject)
    req.write(body.slice(0, 100))
    setTimeout(() => {
      stopping = server.stop()
      setTimeout(() => req.end(body.slice(100)), 300)
    }, 200)
  })
  let stopping: Promise<void> | undefined
  const result = await answer
  t.equal(result.status, 201, `the request in flight is answered before the server stops (${result.body.slice(0, 120)})`)
  await stopping
  t.notMatch(server.output(), KEY, 'the key never reached the log')
  t.match(server.output(), /"reqId"/, 'JSON logs with request ids')
  t.ok(join(path), 'database kept')
})
