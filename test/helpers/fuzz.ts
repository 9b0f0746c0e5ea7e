/**
 * Shared pieces of the robustness tests (test/robustness/) and the soak (test/api-soak.test.ts): a raw HTTP client that sends request
 * targets exactly as given (fetch would normalise `../` and re-encode), a bounded-concurrency
 * runner, the problem-document check every 4xx must pass, a checksum of every row of an archive,
 * and the resident memory of a server process.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { Agent, request as httpRequest, type OutgoingHttpHeaders } from 'node:http'
import { openDatabase } from '../../src/db/connection.js'

export interface RawRequest {
  method: string
  /** The request target as sent: path and query, already percent-encoded (or deliberately not). */
  target: string
  headers?: OutgoingHttpHeaders
  body?: string | Buffer
  /** On a connection of its own, closed after the answer (for requests after which a server may drop the connection). */
  fresh?: boolean
}

export interface RawResponse {
  status: number
  type: string
  body: string
  ms: number
  /** The X-Cache header: hit, miss, or '' when absent. */
  cache?: string
  /** A transport failure (reset, timeout, parse error) instead of an answer. */
  error?: string
}

/** A keep-alive client of one server with at most `connections` sockets. */
export function httpClient(baseUrl: string, connections: number, timeoutMs = 30_000) {
  const { hostname, port } = new URL(baseUrl)
  const agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections })
  const send = (req: RawRequest): Promise<RawResponse> =>
    new Promise((resolve) => {
      const started = performance.now()
      const headers: OutgoingHttpHeaders = { ...req.headers }
      if (req.body !== undefined && headers['content-length'] === undefined) headers['content-length'] = Buffer.byteLength(req.body)
      let settled = false
      const done = (r: Omit<RawResponse, 'ms'>) => {
        if (settled) return
        settled = true
        resolve({ ...r, ms: performance.now() - started })
      }
      if (req.fresh) headers.connection = 'close'
      const options = { host: hostname, port, method: req.method, path: req.target, headers, agent: req.fresh ? false : agent, timeout: timeoutMs }
      const outgoing = httpRequest(options, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          done({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), cache: String(res.headers['x-cache'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }),
        )
        res.on('error', (e) => done({ status: 0, type: '', body: '', error: e.message }))
      })
      outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)))
      outgoing.on('error', (e) => done({ status: 0, type: '', body: '', error: `${(e as NodeJS.ErrnoException).code ?? ''} ${e.message}`.trim() }))
      outgoing.end(req.body)
    })
  return { send, close: () => agent.destroy() }
}

/** Runs `fn` over `items` with at most `concurrency` in flight; results in item order. */
export async function mapConcurrently<T, R>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i], i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
  return results
}

/** Text that must never reach a client: driver errors, lock errors, stack frames, file paths of the install. */
export const INTERNALS = /SqliteError|SQLITE_[A-Z]|database is locked|node_modules|\n\s+at [^\n]+:\d+:\d+/

/**
 * Why an error answer is not a proper problem document (RFC 9457 with type, title and the same
 * status), or null when it is. HEAD answers carry no body: only their media type is checked.
 */
export function problemFault(method: string, res: RawResponse): string | null {
  if (!/^application\/problem\+json\b/.test(res.type)) return `content-type is "${res.type}", not application/problem+json: ${res.body.slice(0, 200)}`
  if (method === 'HEAD') return null
  let body: { type?: unknown; title?: unknown; status?: unknown; detail?: unknown }
  try {
    body = JSON.parse(res.body)
  } catch {
    return `the body is not JSON: ${res.body.slice(0, 200)}`
  }
  if (typeof body.type !== 'string' || !body.type) return `no type: ${res.body.slice(0, 200)}`
  if (typeof body.title !== 'string' || !body.title) return `no title: ${res.body.slice(0, 200)}`
  if (body.status !== res.status) return `status ${String(body.status)} in the body, ${res.status} on the wire`
  if (INTERNALS.test(res.body)) return `internals in the body: ${res.body.slice(0, 300)}`
  return null
}

/**
 * A digest of every row of every table of the archive (FTS shadow tables included, virtual
 * tables excluded: their content is the shadow tables'), order-independent, read through a
 * read-only connection so a running server's WAL is seen as committed.
 */
export function archiveChecksum(path: string): { digest: string; rows: number } {
  const db = openDatabase(path, { readonly: true })
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name`)
      .pluck()
      .all() as string[]
    const whole = createHash('sha256')
    let rows = 0
    for (const name of tables) {
      const lines: string[] = []
      for (const row of db.prepare(`SELECT * FROM "${name}"`).raw().iterate() as Iterable<unknown[]>) {
        lines.push(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v)))
      }
      lines.sort()
      rows += lines.length
      whole.update(`${name}\n${lines.join('\n')}\n`)
    }
    return { digest: whole.digest('hex'), rows }
  } finally {
    db.close()
  }
}

/**
 * The process listening for `quotewire serve` with this PORT and DATABASE_PATH among this
 * process's children (startServer spawns the server directly, so it is one).
 */
export function serverPid(port: number, database: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid !== process.pid) continue
      const env = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0')
      if (env.includes(`PORT=${port}`) && env.includes(`DATABASE_PATH=${database}`)) return Number(entry)
    } catch {
      // gone, or not ours to read
    }
  }
  throw new Error(`no child process serves ${database} on port ${port}`)
}

/** Resident memory of a process in kB (VmRSS of /proc/<pid>/status). */
export function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status)
  if (!match) throw new Error(`no VmRSS for process ${pid}`)
  return Number(match[1])
}

/** Counts by key, printed as `key: n` lines sorted by key. */
export class Tally {
  readonly counts = new Map<string, number>()
  add(key: string, n = 1) {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n)
  }
  lines(): string[] {
    return [...this.counts].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k}: ${n}`)
  }
}
