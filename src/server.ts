/**
 * The only file that listens. `quotewire serve`: read the configuration, open and migrate the
 * archive, load the bundled seeds/ when it holds no article yet, serve until SIGTERM or SIGINT,
 * then stop accepting connections, finish the requests in flight and close the database.
 * With several workers, the primary prepares the database once and forks workers that share the port.
 */
import cluster from 'node:cluster'
import { buildApp } from './app.js'
import { ConfigError, loadConfig, type Config } from './config.js'
import { openDatabase } from './db/connection.js'
import { migrate, projectFolder } from './db/migrate.js'
import { loadPaths } from './load/loader.js'

/** How long a stopping server waits for requests in flight before closing their connections. */
const SHUTDOWN_GRACE_MS = 10_000

function say(line: string) {
  process.stderr.write(`quotewire: ${line}\n`)
}

/** Migrates, and fills an empty archive with the sample pages so a first start shows something. */
function prepare(config: Config): void {
  const db = openDatabase(config.DATABASE_PATH)
  try {
    const { applied } = migrate(db)
    if (applied.length) say(`applied migrations ${applied.join(', ')} to ${config.DATABASE_PATH}`)
    // EXISTS, not count(*): counting walks every article, which grows with the archive (61 ms of a start at 100,000).
    const empty = db.prepare('SELECT NOT EXISTS (SELECT 1 FROM articles)').pluck().get() === 1
    if (empty) {
      const summary = loadPaths(db, [projectFolder('seeds')])
      say(`empty archive: loaded ${summary.articlesAdded} sample articles from seeds/ (${summary.quotes} quotes)`)
      for (const p of summary.problems) say(`seeds: ${p.path}: ${p.reason}`)
    }
  } finally {
    db.close()
  }
}

/** Where the documentation is, as a browser on this machine reaches it. */
function docsUrl(address: string): string {
  const url = new URL(address)
  if (url.hostname === '0.0.0.0' || url.hostname === '[::]') url.hostname = 'localhost'
  return `${url.origin}/docs`
}

/** Resolves with the first of SIGTERM, SIGINT or an abort of `signal`. */
function stopRequested(signal?: AbortSignal): Promise<string> {
  return new Promise((resolve) => {
    const done = (why: string) => {
      process.off('SIGTERM', onTerm)
      process.off('SIGINT', onInt)
      resolve(why)
    }
    const onTerm = () => done('SIGTERM')
    const onInt = () => done('SIGINT')
    process.once('SIGTERM', onTerm)
    process.once('SIGINT', onInt)
    if (signal?.aborted) done('abort')
    else signal?.addEventListener('abort', () => done('abort'), { once: true })
  })
}

/** Serves until asked to stop; resolves with the exit status once connections and database are closed. */
async function serve(config: Config, signal?: AbortSignal): Promise<number> {
  const db = openDatabase(config.DATABASE_PATH)
  try {
    const app = await buildApp({ db, logger: { level: config.LOG_LEVEL } })
    const address = await app.listen({ port: config.PORT, host: config.HOST })
    // Under a primary, the primary prints it once, when the first worker listens (supervise).
    if (!cluster.isWorker) say(`API documentation at ${docsUrl(address)}`)
    const why = await stopRequested(signal)
    app.log.info({ why }, 'shutting down')
    // close() stops accepting connections and waits for the requests in flight. In a cluster worker
    // idle keep-alive connections would hold it open until the client drops them, so they are
    // closed here; a request still running after the grace period is cut off.
    const closing = app.close()
    app.server.closeIdleConnections()
    const cutOff = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS)
    await closing
    clearTimeout(cutOff)
    return 0
  } finally {
    db.close()
  }
}

/** The primary of a multi-worker server: forks, restarts nothing, and passes signals on. */
function supervise(workers: number): Promise<number> {
  for (let i = 0; i < workers; i++) cluster.fork()
  cluster.once('listening', (_worker, { address, port }) => {
    const host = !address || address === '::' ? '0.0.0.0' : address.includes(':') ? `[${address}]` : address
    say(`API documentation at ${docsUrl(`http://${host}:${port}`)}`)
  })
  return new Promise((resolve) => {
    let failed = false
    let stopping: NodeJS.Signals | null = null
    cluster.on('exit', (_worker, code, signal) => {
      // A worker still starting when the stop came has no handler yet and dies of the signal: a clean stop too.
      if (code !== 0 && !(stopping && signal === stopping)) failed = true
      if (Object.keys(cluster.workers ?? {}).length === 0) resolve(failed ? 1 : 0)
    })
    const stop = (signal: NodeJS.Signals) => {
      stopping = signal
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal)
    }
    process.once('SIGTERM', stop)
    process.once('SIGINT', stop)
  })
}

/**
 * `quotewire serve`. `signal` stops the server like SIGTERM does (for embedding and tests).
 * Resolves with the exit status once the server has stopped.
 */
export async function runServe({
  workers = 1,
  database,
  signal,
}: { workers?: number; database?: string; signal?: AbortSignal } = {}): Promise<number> {
  let config: Config
  try {
    // --database wins over DATABASE_PATH; workers inherit it through the environment.
    if (database) process.env.DATABASE_PATH = database
    config = loadConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    say(error.message)
    return 2
  }
  if (!Number.isInteger(workers) || workers < 1) {
    say('--workers must be a positive integer')
    return 2
  }
  if (cluster.isWorker) {
    const status = await serve(config, signal)
    // The channel to the primary would keep this process alive once its server has closed.
    cluster.worker?.disconnect()
    return status
  }
  prepare(config)
  return workers === 1 ? serve(config, signal) : supervise(workers)
}
