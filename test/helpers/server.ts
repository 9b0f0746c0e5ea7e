import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { root } from './paths.js'

export interface RunningServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string
  port: number
  /** Everything the server wrote to stderr and stdout so far (for failure messages). */
  output(): string
  stop(): Promise<void>
}

/** A port nobody listens on right now, picked by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.unref()
    probe.on('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

/**
 * Starts `quotewire serve` as its own process (the TypeScript sources through tsx, as a user would
 * run the CLI) on a free loopback port against `database`, and resolves once /healthz answers.
 * Pass `t` to have it stopped when the test ends.
 */
export async function startServer(options: {
  database: string
  t?: { teardown(fn: () => void | Promise<void>): void }
  env?: Record<string, string>
  timeoutMs?: number
}): Promise<RunningServer> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
    cwd: root,
    env: {
      // Not the test runner's loaders: the server is a plain process.
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: options.database,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  child.stdout?.on('data', (chunk) => (log += chunk))
  child.stderr?.on('data', (chunk) => (log += chunk))
  let exited: number | null = null
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = code ?? (signal ? 128 : 0)
      resolve()
    }),
  )

  const stop = async () => {
    if (exited === null) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exit
      clearTimeout(timer)
    }
  }
  options.t?.teardown(stop)

  const deadline = Date.now() + (options.timeoutMs ?? 30_000)
  for (;;) {
    if (exited !== null) throw new Error(`the server exited with status ${exited} before answering:\n${log}`)
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) })
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`the server did not answer /healthz within ${options.timeoutMs ?? 30_000} ms:\n${log}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return { url, port, output: () => log, stop }
}
