import { createHash, randomBytes } from 'node:crypto'
import type { Database, Statement } from 'better-sqlite3'

/** Keys are "qw_" and 32 random bytes: guessing one is hopeless, so a plain sha256 is a safe thing to store. */
const KEY_PREFIX = 'qw_'
const SHOWN_CHARACTERS = 10

export function keyDigest(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex')
}

export interface ApiKeyRow {
  id: number
  name: string
  prefix: string
  created_at: string
  revoked_at: string | null
}

function prepareAll(db: Database) {
  const p = (sql: string) => db.prepare(sql)
  return {
    insert: p('INSERT INTO api_keys (name, prefix, hash, created_at) VALUES (?, ?, ?, ?)'),
    list: p('SELECT id, name, prefix, created_at, revoked_at FROM api_keys ORDER BY id'),
    byHash: p('SELECT id, hash, revoked_at FROM api_keys WHERE hash = ?'),
    revoke: p('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    byId: p('SELECT id, name, prefix, created_at, revoked_at FROM api_keys WHERE id = ?'),
  } satisfies Record<string, Statement>
}

const cache = new WeakMap<Database, ReturnType<typeof prepareAll>>()
function statements(db: Database) {
  let s = cache.get(db)
  if (!s) cache.set(db, (s = prepareAll(db)))
  return s
}

/** Creates a key; the returned `key` is the only copy there will ever be. */
export function createApiKey(db: Database, name: string): ApiKeyRow & { key: string } {
  const key = KEY_PREFIX + randomBytes(32).toString('base64url')
  const prefix = key.slice(0, SHOWN_CHARACTERS)
  const createdAt = new Date().toISOString()
  const id = Number(statements(db).insert.run(name, prefix, keyDigest(key), createdAt).lastInsertRowid)
  return { id, name, prefix, created_at: createdAt, revoked_at: null, key }
}

export function listApiKeys(db: Database): ApiKeyRow[] {
  return statements(db).list.all() as ApiKeyRow[]
}

/** Revokes a key by id; undefined when there is no such key. Revoking twice keeps the first time. */
export function revokeApiKey(db: Database, id: number): ApiKeyRow | undefined {
  const s = statements(db)
  s.revoke.run(new Date().toISOString(), id)
  return s.byId.get(id) as ApiKeyRow | undefined
}

/** The stored key with this digest, if any. */
export function apiKeyByDigest(db: Database, digest: string): { id: number; hash: string; revoked_at: string | null } | undefined {
  return statements(db).byHash.get(digest) as { id: number; hash: string; revoked_at: string | null } | undefined
}
