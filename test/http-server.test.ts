// `quotewire serve` end to end in this process: configuration from the environment, migration,
// seeds loaded into an empty archive (once), a real listening socket, and a graceful stop.
import t from 'tap'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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
