import type { FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import { decodeCursor, encodeCursor } from './cursor.js'

/** What a repository needs to read one keyset page. */
export interface PageRequest<K> {
  limit: number
  after?: K
}

export interface PageResult<T, K> {
  items: T[]
  /** Key of the last item when more items follow. */
  next?: K
}

/** A list's cursor scope (list + sort order) and the shape of its key. */
export interface Keyset<K> {
  scope: string
  key: z.ZodType<K>
}

export function pageRequest<K>(query: { limit: number; cursor?: string }, keyset: Keyset<K>): PageRequest<K> {
  return { limit: query.limit, after: query.cursor ? decodeCursor(query.cursor, keyset.scope, keyset.key) : undefined }
}

/**
 * The list envelope `{ data, page: { limit, next } }`, with the next page also announced as
 * `Link: <…>; rel="next"` (the same URL with the new cursor).
 */
export function pageReply<T, K>(request: FastifyRequest, reply: FastifyReply, limit: number, result: PageResult<T, K>, keyset: Keyset<K>) {
  const next = result.next === undefined ? null : encodeCursor(keyset.scope, result.next)
  if (next) {
    const url = new URL(request.url, 'http://localhost')
    url.searchParams.set('cursor', next)
    reply.header('link', `<${url.pathname}${url.search}>; rel="next"`)
  }
  return { data: result.items, page: { limit, next } }
}
