// `quotewire serve` end to end in this process: configuration from the environment, migration,
// seeds loaded into an empty archive (once), a real listening socket, and a graceful stop.
import t from 'tap'
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { builtCli, nodeCommand } from './helpers/paths.js'
import { freePort } from './helpers/server.js'
import { runServe } from '../src/server.js'
import { loadConfig } from '../src/config.js'

const dir = mkdtempSync(join(tmpdir(), 'quotewire-serve-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))
Object.assign(process.env, { DATABASE_PATH: join(dir, 'archive.db'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' })

/** Starts the server, runs `use` against its docs URL, stops it; returns the exit status and what it printed. */
async function serving(use: (origin: string) => Promise<void>) {
  const printed: string[] = []
  const write = process.stderr.write.bind(process.stderr)
  process.stderr.write = ((chunk: string | Uint8Array) => (printed.push(String(chunk)), true)) as typeof process.stderr.write
  const stop = new AbortController()
  const exit = runServe({ signal: stop.signal })
  try {
    let docs: string | undefined
    for (let i = 0; i < 200 && !docs; i++) {
      docs = /documentation at (\S+)/.exec(printed.join(''))?.[1]
      if (!docs) await new Promise((r) => setTimeout(r, 25))
    }
    if (!docs) throw new Error(`the server did not start: ${printed.join('')}`)
    await use(new URL(docs).origin)
  } finally {
    stop.abort()
    process.stderr.write = write
  }
  return { status: await exit, printed: printed.join('') }
}

t.test('first start: migrates, loads the seeds, serves, stops cleanly', async (t) => {
  const { status, printed } = await serving(async (origin) => {
    t.equal((await fetch(`${origin}/readyz`)).status, 200, 'ready')
    const articles = (await (await fetch(`${origin}/v1/articles`)).json()) as { data: unknown[] }
    t.equal(articles.data.length, 2, 'the two seed articles')
    const docs = await fetch(`${origin}/docs/`)
    t.equal(docs.status, 200)
  })
  t.equal(status, 0, 'exit status 0 after the stop')
  t.match(printed, /applied migrations 001_initial\.sql/)
  t.match(printed, /loaded 2 sample articles from seeds/)
  t.match(printed, /API documentation at http:\/\/127\.0\.0\.1:\d+\/docs/)
})

t.test('second start: the archive is kept, the seeds are not loaded again', async (t) => {
  const { status, printed } = await serving(async (origin) => {
    const articles = (await (await fetch(`${origin}/v1/articles`)).json()) as { data: unknown[] }
    t.equal(articles.data.length, 2)
  })
  t.equal(status, 0)
  t.notMatch(printed, /sample articles/)
  t.notMatch(printed, /applied migrations/)
})

t.test('configuration is validated once, naming the variable', async (t) => {
  t.match(loadConfig({}), { PORT: 3000, HOST: '0.0.0.0', DATABASE_PATH: './quotewire.db', LOG_LEVEL: 'info' }, 'defaults')
  t.equal(loadConfig({ PORT: '' }).PORT, 3000, 'an empty variable is unset')
  t.throws(() => loadConfig({ PORT: 'http' }), /PORT/)
  t.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL/)
  const saved = process.env.PORT
  process.env.PORT = '70000'
  const write = process.stderr.write.bind(process.stderr)
  const printed: string[] = []
  process.stderr.write = ((chunk: string | Uint8Array) => (printed.push(String(chunk)), true)) as typeof process.stderr.write
  try {
    t.equal(await runServe(), 2, 'serve refuses to start')
  } finally {
    process.stderr.write = write
    process.env.PORT = saved
  }
  t.match(printed.join(''), /PORT/)
})

t.test('serve --workers 2: the primary migrates and seeds once, two processes serve one file, SIGTERM stops all', async (t) => {
  const database = join(dir, 'workers.db')
  const port = await freePort()
  const env = { ...process.env, DATABASE_PATH: database, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' }
  const child = spawn(...nodeCommand([builtCli(), 'serve', '--workers', '2']), { env, stdio: ['ignore', 'ignore', 'pipe'] })
  let printed = ''
  child.stderr.on('data', (chunk) => (printed += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  t.teardown(() => child.kill('SIGKILL'))
  const origin = `http://127.0.0.1:${port}`
  let ready = false
  // Generous: forking workers that each load the app takes seconds on a busy machine.
  for (const deadline = Date.now() + 60_000; !ready && Date.now() < deadline; ) {
    ready = await fetch(`${origin}/readyz`).then((r) => r.ok, () => false)
    if (!ready) await new Promise((r) => setTimeout(r, 50))
  }
  t.ok(ready, `the server answers: ${printed}`)
  // Two forked workers under the primary, one database file.
  const workers = execFileSync('ps', ['-o', 'pid=', '--ppid', String(child.pid)], { encoding: 'utf8' }).trim().split(/\s+/)
  t.equal(workers.length, 2, 'two worker processes')
  const pages = await Promise.all(Array.from({ length: 20 }, () => fetch(`${origin}/v1/articles`).then((r) => r.json() as Promise<{ data: unknown[] }>)))
  t.ok(pages.every((p) => p.data.length === 2), 'every concurrent request sees the two seed articles')
  // The primary prints the address when the first worker listens; the line may trail the first answer.
  for (const deadline = Date.now() + 10_000; !/API documentation at/.test(printed) && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 20))
  child.kill('SIGTERM')
  t.equal(await exited, 0, 'exit status 0 once every worker has stopped')
  t.equal(printed.match(/applied migrations/g)?.length, 1, 'migrated once, by the primary')
  t.equal(printed.match(/loaded 2 sample articles/g)?.length, 1, 'seeded once')
  t.equal(printed.match(/API documentation at/g)?.length, 1, 'the address printed once')
})
