/**
 * What the scale targets ask of the server process beyond req/s: its resident memory while the
 * scenarios load it, and how long a fresh process takes from spawn to its first answer on the
 * archive. Linux only (/proc); elsewhere memory is reported as unknown.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'

/** The resident memory of a process in kB (VmRSS), or undefined when /proc cannot tell. */
export function rssKb(pid: number): number | undefined {
  const file = `/proc/${pid}/status`
  if (!existsSync(file)) return undefined
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(file, 'utf8'))
  return match ? Number(match[1]) : undefined
}

/** Samples a process's RSS every `everyMs` until stopped; `stop()` gives the highest reading. */
export function watchRss(pid: number, everyMs = 200): { stop(): number | undefined } {
  let highest: number | undefined
  const read = () => {
    const kb = rssKb(pid)
    if (kb !== undefined) highest = Math.max(highest ?? 0, kb)
  }
  read()
  const timer = setInterval(read, everyMs)
  return {
    stop() {
      clearInterval(timer)
      read()
      return highest
    },
  }
}

/**
 * Spawns `node dist/cli.js serve` on `database` and measures the milliseconds from the spawn to the
 * first 200 of `path` (polled every 5 ms), then stops it. The file's pages may be in the OS cache
 * from earlier use: this is a process's cold start (migrations check, schema, statements), not a
 * cold disk's.
 */
export async function coldStart(root: string, database: string, port: number, path: string): Promise<number> {
  const env = { ...process.env, DATABASE_PATH: database, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production' }
  const started = process.hrtime.bigint()
  const child = spawn(process.execPath, ['dist/cli.js', 'serve'], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] })
  let log = ''
  child.stderr.on('data', (chunk) => (log += chunk))
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`serve exited before answering:\n${log}`)
      try {
        const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2000) })
        await res.arrayBuffer()
        if (res.status === 200) return Number(process.hrtime.bigint() - started) / 1e6
      } catch {
        // not listening yet
      }
      if (Number(process.hrtime.bigint() - started) > 120e9) throw new Error(`serve did not answer ${path} within 2 minutes:\n${log}`)
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  } finally {
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
    await exit
    clearTimeout(timer)
  }
}
