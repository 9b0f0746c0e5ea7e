/**
 * Opaque keyset cursors: base64url(JSON [scope, key]) + "." + a truncated HMAC of it. The scope
 * names the list and its sort order, so a cursor only continues the list it came from; the check
 * turns an edited or truncated cursor into a 400 instead of a silently wrong page.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { z } from 'zod'
import { badParameter } from './problem.js'

// Integrity, not secrecy: the key only has to make an edited cursor detectable.
const KEY = 'quotewire cursor v1'

function check(payload: string): string {
  return createHmac('sha256', KEY).update(payload).digest('base64url').slice(0, 12)
}

export function encodeCursor(scope: string, key: unknown): string {
  const payload = Buffer.from(JSON.stringify([scope, key])).toString('base64url')
  return `${payload}.${check(payload)}`
}

/** The key a cursor carries, validated against `schema`; any mismatch is a 400 naming `cursor`. */
export function decodeCursor<T>(cursor: string, scope: string, schema: z.ZodType<T>): T {
  const invalid = badParameter('cursor', 'is not a cursor of this list and order (use page.next of the previous page unchanged)')
  const [payload, mac, extra] = cursor.split('.')
  if (!payload || !mac || extra !== undefined) throw invalid
  const expected = Buffer.from(check(payload))
  const given = Buffer.from(mac)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid
  let decoded: unknown
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  } catch {
    throw invalid
  }
  if (!Array.isArray(decoded) || decoded.length !== 2 || decoded[0] !== scope) throw invalid
  const key = schema.safeParse(decoded[1])
  if (!key.success) throw invalid
  return key.data
}
