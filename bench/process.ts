/**
 * The servers a benchmark starts: a free port, the environment `serve` runs with in every
 * benchmark, and a child process that counts as started once a URL answers.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'

/** A port nobody listens on right now, picked by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.on('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/**
 * `serve`'s environment in a benchmark: the archive, loopback on `port`, warnings only, production
 * mode, and the read rate limit off (one load generator is one client, and the default budget
 * would answer 429 within a second); `extra` adds or overrides.
 */
export function serveEnv(database: string, port: number, extra: Record<string, string> = {}): Record<string, string> {
  return { DATABASE_PATH: database, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', RATE_LIMIT_READ: '0', ...extra }
}

export type Stop = (() => Promise<void>) & { pid: number }

/**
 * Starts `node args` in `cwd` with `env` added to this process's, and resolves once `url` answers
 * 200 and `ready(stderr so far)` holds (asked every `pollMs`); rejects if the process exits first
 * or takes over a minute. Resolves with its stop: SIGTERM, then SIGKILL after 5 s.
 */
export async function startProcess(
  args: string[],
  env: Record<string, string>,
  url: string,
  cwd: string,
  options: { pollMs?: number; ready?: (log: string) => boolean } = {},
): Promise<Stop> {
  const child: ChildProcess = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] })
  let log = ''
  child.stderr?.on('data', (chunk) => (log += chunk))
  let exited = false
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())))
  const stop = async () => {
    if (exited) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
    await exit
    clearTimeout(timer)
  }
  const deadline = Date.now() + 60_000
  for (;;) {
    if (exited) throw new Error(`${args.join(' ')} exited before answering:\n${log}`)
    try {
      if ((options.ready?.(log) ?? true) && (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok) return Object.assign(stop, { pid: child.pid ?? 0 })
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`${args.join(' ')} did not answer ${url}:\n${log}`)
    }
    await new Promise((r) => setTimeout(r, options.pollMs ?? 100))
  }
}
