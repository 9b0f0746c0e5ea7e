import type { FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import { RankKeySchema, TimeKeySchema, type RankKey, type TimeKey } from '../db/read.js'
import { decodeCursor, encodeCursor } from './cursor.js'
import { badParameter } from './problem.js'

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

type Sort = 'newest' | 'oldest' | 'relevance'

/** The sort a list query asks for: relevance needs `q`, and is the default with it. */
export function resolveSort(query: { q?: string; sort?: Sort }): Sort {
  if (query.sort === 'relevance' && !query.q) throw badParameter('sort', 'relevance needs a full-text query in q')
  return query.sort ?? (query.q ? 'relevance' : 'newest')
}

export function sortKeyset(list: string, sort: Sort): Keyset<TimeKey | RankKey> {
  return { scope: `${list}.${sort}`, key: sort === 'relevance' ? RankKeySchema : TimeKeySchema }
}
