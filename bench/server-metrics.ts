/**
 * A server process's resident memory while the scenarios load it (a scale target beside req/s).
 * Linux only (/proc); elsewhere memory is reported as unknown.
 */
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
