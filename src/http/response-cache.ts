/**
 * Repeated reads answered from memory. A read of /v1/ depends on nothing but its URL and the archive,
 * so the bytes of a 200 (with its ETag and Link) are kept, least recently used out first, within a
 * byte budget, for as long as the archive is unchanged. "Unchanged" is asked of SQLite: total_changes()
 * moves when this connection writes (the write routes, or any code sharing the handle), asked before
 * every answer; data_version moves when another connection commits (a loader, another worker), asked
 * at most every FOREIGN_CHECK_MS: the pragma takes the database's read lock (~5 µs, more than a whole
 * cached answer's share of SQLite), so another process's commit is seen within that time — far
 * inside the max-age the answers already carry. A change empties the cache; an answer computed while
 * the archive changed is not kept.
 *
 * The hit is served at preValidation: after every onRequest hook (security headers, request id,
 * rate limits, keys), so a cached answer is refused or counted exactly as a fresh one would be. The
 * body is stored before compression and sent through the same onSend hooks, so encodings, 304s and
 * cache headers behave as for a fresh answer. `x-cache: hit|miss` says which it was.
 */
import type { Database, Statement } from 'better-sqlite3'
import type { FastifyInstance, FastifyRequest } from 'fastify'

const OWN_CHANGES = 'SELECT total_changes()'
const FOREIGN_COMMITS = 'PRAGMA data_version'
const FOREIGN_CHECK_MS = 20

interface Entry {
  body: Buffer
  contentType: string
  etag: string | undefined
  link: string | undefined
}

// Answers larger than this are not kept: one would push out many ordinary pages.
const LARGEST_SHARE = 8

declare module 'fastify' {
  interface FastifyRequest {
    /** The archive's version when this read was computed (set on a miss). */
    archiveVersion?: string
  }
}

export class ResponseCache {
  private readonly entries = new Map<string, Entry>()
  private bytes = 0
  private version: string
  private foreign = 0
  private foreignCheckedAt = -Infinity
  private readonly ownChanges: Statement<[], number>
  private readonly foreignCommits: Statement<[], number>

  constructor(
    db: Database,
    readonly budgetBytes: number,
  ) {
    this.ownChanges = db.prepare<[], number>(OWN_CHANGES).pluck()
    this.foreignCommits = db.prepare<[], number>(FOREIGN_COMMITS).pluck()
    this.version = this.current()
  }

  /** What identifies the archive's state as this connection sees it. */
  private current(): string {
    const now = performance.now()
    if (now - this.foreignCheckedAt >= FOREIGN_CHECK_MS) {
      this.foreign = this.foreignCommits.get() as number
      this.foreignCheckedAt = now
    }
    return `${this.ownChanges.get() as number}:${this.foreign}`
  }

  /** The archive's version now; if it moved since the last look, everything kept is dropped. */
  check(): string {
    const now = this.current()
    if (now !== this.version) {
      this.entries.clear()
      this.bytes = 0
      this.version = now
    }
    return now
  }

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key)
    if (entry) {
      // Map keeps insertion order: re-inserting makes this the most recently used.
      this.entries.delete(key)
      this.entries.set(key, entry)
    }
    return entry
  }

  /** Keeps `entry` if the archive is still at `version`, the version the answer was computed from. */
  set(key: string, entry: Entry, version: string): void {
    if (entry.body.length > this.budgetBytes / LARGEST_SHARE || this.check() !== version) return
    const old = this.entries.get(key)
    if (old) this.bytes -= old.body.length
    this.entries.delete(key)
    this.entries.set(key, entry)
    this.bytes += entry.body.length
    for (const [oldest, e] of this.entries) {
      if (this.bytes <= this.budgetBytes) break
      this.entries.delete(oldest)
      this.bytes -= e.body.length
    }
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes }
  }
}

const cacheable = (request: FastifyRequest) => request.method === 'GET' && request.url.startsWith('/v1/')

/**
 * Registers the cache's hooks on `app` (budget in bytes; 0 registers nothing). Register it after the
 * ETag hook and before compression: it stores the uncompressed body with the ETag already computed.
 */
export function registerResponseCache(app: FastifyInstance, db: Database, budgetBytes: number): void {
  if (budgetBytes <= 0) return
  const cache = new ResponseCache(db, budgetBytes)

  app.addHook('preValidation', async (request, reply) => {
    if (!cacheable(request)) return
    const version = cache.check()
    const hit = cache.get(request.url)
    if (!hit) {
      request.archiveVersion = version
      reply.header('x-cache', 'miss')
      return
    }
    reply.header('x-cache', 'hit').type(hit.contentType)
    if (hit.etag) reply.header('etag', hit.etag)
    if (hit.link) reply.header('link', hit.link)
    return reply.send(hit.body)
  })

  app.addHook('onSend', async (request, reply, payload) => {
    // X-Cache describes an answer (it is documented on 200s): a refusal, an error or a 304 has none.
    if (reply.statusCode !== 200) {
      reply.removeHeader('x-cache')
      return payload
    }
    const version = request.archiveVersion
    if (version === undefined) return payload
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload
    const header = (name: string) => {
      const value = reply.getHeader(name)
      return value === undefined ? undefined : String(value)
    }
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload
    cache.set(request.url, { body, contentType: header('content-type') ?? 'application/json', etag: header('etag'), link: header('link') }, version)
    return payload
  })
}
