/**
 * Shared machinery of the read repositories: a per-connection cache of prepared statements (the
 * dynamic SQL is only ever a choice among whitelisted fragments, so the set of texts is small) and
 * keyset pagination over a nullable time column.
 */
import type { Database, Statement } from 'better-sqlite3'
import { z } from 'zod'
import { normaliseName } from '../pipeline/names.js'

export type Params = Record<string, string | number | null>

const statements = new WeakMap<Database, Map<string, Statement>>()

/** `db.prepare(sql)`, once per connection and SQL text. */
export function prepared(db: Database, sql: string): Statement {
  let cache = statements.get(db)
  if (!cache) statements.set(db, (cache = new Map()))
  let statement = cache.get(sql)
  if (!statement) cache.set(sql, (statement = db.prepare(sql)))
  return statement
}

export function all<T>(db: Database, sql: string, params: Params = {}): T[] {
  return prepared(db, sql).all(params) as T[]
}

export function get<T>(db: Database, sql: string, params: Params = {}): T | undefined {
  return prepared(db, sql).get(params) as T | undefined
}

/**
 * A WHERE fragment for an optional filter: when `value` is given it is bound as @name and `sql`
 * (which refers to @name) is returned; otherwise nothing.
 */
export function when(params: Params, name: string, value: string | number | undefined, sql: string): string | false {
  if (value === undefined) return false
  params[name] = value
  return sql
}

/** Joins optional filter fragments into a WHERE clause body ("1" when there are none). */
export function where(fragments: Array<string | false | undefined>): string {
  const parts = fragments.filter((f): f is string => Boolean(f))
  return parts.length ? parts.join(' AND ') : '1'
}

export interface Page<T, K> {
  items: T[]
  next?: K
}

/** Takes one page from `rows` fetched with limit + 1: the extra row only says that more follow. */
export function takePage<T, K>(rows: T[], limit: number, keyOf: (row: T) => K): Page<T, K> {
  if (rows.length <= limit) return { items: rows }
  const items = rows.slice(0, limit)
  return { items, next: keyOf(items[items.length - 1]) }
}

/** (time, id): time is an ISO instant or null for undated items. */
export type TimeKey = [time: string | null, id: number]
export const TimeKeySchema = z.tuple([z.string().max(40).nullable(), z.number().int().min(0)])

/** (score, id) for counts ranked high to low, ties by id. */
export type CountKey = [count: number, id: number]
export const CountKeySchema = z.tuple([z.number().int().min(0), z.number().int().min(0)])

/** (bm25 rank, id): lower ranks are better matches. */
export type RankKey = [rank: number, id: number]
export const RankKeySchema = z.tuple([z.number(), z.number().int().min(0)])

export type Direction = 'asc' | 'desc'

/** Runs one phase: `keyset` is a WHERE fragment, `order` the ORDER BY, `n` the LIMIT. */
export type PhaseRunner<R> = (keyset: string, order: string, params: Params, n: number) => R[]

/**
 * A keyset page in (time, id) order where time may be NULL. Row values such as
 * `(published_at, id) < (@t, @id)` seek straight into the (time, id) indexes but never match
 * NULL, so undated rows form a region of their own, read after the dated ones when newest come
 * first and before them when oldest do (SQLite's own NULL ordering). Each phase is one indexed
 * query; a page may span both.
 */
export function timePage<R>(
  cols: { time: string; id: string },
  dir: Direction,
  request: { limit: number; after?: TimeKey },
  run: PhaseRunner<R>,
  keyOf: (row: R) => TimeKey,
): Page<R, TimeKey> {
  const { time, id } = cols
  const cmp = dir === 'desc' ? '<' : '>'
  const DIR = dir.toUpperCase()
  const dated = { name: 'dated', order: `${time} ${DIR}, ${id} ${DIR}` }
  const undated = { name: 'undated', order: `${id} ${DIR}` }
  const phases = dir === 'desc' ? [dated, undated] : [undated, dated]
  const after = request.after
  let start = 0
  if (after) start = phases.findIndex((p) => p.name === (after[0] === null ? 'undated' : 'dated'))
  const rows: R[] = []
  const want = request.limit + 1
  for (let i = start; i < phases.length && rows.length < want; i++) {
    const phase = phases[i]
    const continuing = after && i === start
    let keyset: string
    const params: Params = {}
    if (phase.name === 'dated') {
      keyset = continuing ? `(${time}, ${id}) ${cmp} (@after_time, @after_id)` : `${time} IS NOT NULL`
      if (continuing) Object.assign(params, { after_time: after[0], after_id: after[1] })
    } else {
      keyset = continuing ? `${time} IS NULL AND ${id} ${cmp} @after_id` : `${time} IS NULL`
      if (continuing) params.after_id = after[1]
    }
    rows.push(...run(keyset, phase.order, params, want - rows.length))
  }
  return takePage(rows, request.limit, keyOf)
}

export type ListSort = 'newest' | 'oldest' | 'relevance'

/**
 * One page of `base` — a SELECT whose WHERE clause ends the string and whose rows carry `rank`
 * (bm25, when searching), a time and an id — in the asked order: by relevance with a (rank, id)
 * keyset, else by time through timePage.
 */
export function sortedPage<R extends { id: number; rank?: number | null }>(
  db: Database,
  base: string,
  params: Params,
  sort: ListSort,
  request: { limit: number; after?: TimeKey | RankKey },
  cols: { time: string; id: string },
  timeOf: (row: R) => string | null,
): Page<R, TimeKey | RankKey> {
  if (sort === 'relevance') {
    const p = { ...params, limit: request.limit + 1 }
    const keyset = rankAfter('rank', 'id', request.after as RankKey | undefined, p)
    const rows = all<R>(db, `SELECT * FROM (${base}) WHERE ${keyset} ORDER BY rank, id LIMIT @limit`, p)
    return takePage(rows, request.limit, (r): RankKey => [r.rank ?? 0, r.id])
  }
  return timePage<R>(
    cols,
    sort === 'oldest' ? 'asc' : 'desc',
    { limit: request.limit, after: request.after as TimeKey | undefined },
    (keyset, order, p, n) => all<R>(db, `${base} AND ${keyset} ORDER BY ${order} LIMIT @limit`, { ...params, ...p, limit: n }),
    (r) => [timeOf(r), r.id],
  )
}

/** WHERE fragment continuing a list ordered by `count DESC, id ASC` after `after`. */
export function countAfter(count: string, id: string, after: CountKey | undefined, params: Params): string {
  if (!after) return '1'
  params.after_count = after[0]
  params.after_id = after[1]
  return `(${count} < @after_count OR (${count} = @after_count AND ${id} > @after_id))`
}

/** WHERE fragment continuing a list ordered by `rank ASC, id ASC` after `after`. */
export function rankAfter(rank: string, id: string, after: RankKey | undefined, params: Params): string {
  if (!after) return '1'
  params.after_rank = after[0]
  params.after_id = after[1]
  return `(${rank}, ${id}) > (@after_rank, @after_id)`
}

// ── row → API shapes shared by several resources ────────────────────────────────────────────

const ENTITY_TYPES: Record<string, 'person' | 'org' | 'place'> = { PERSON: 'person', ORG: 'org', PLACE: 'place' }

/** The API's lower-case entity type for the database's PERSON | ORG | PLACE. */
export function entityType(type: string): 'person' | 'org' | 'place' {
  return ENTITY_TYPES[type] ?? 'org'
}

/** Speakers are people or organisations; a place that "said" something is reported as an organisation (a government). */
export function speakerType(type: string): 'person' | 'org' {
  return type === 'PERSON' ? 'person' : 'org'
}

export const DB_ENTITY_TYPES = { person: 'PERSON', org: 'ORG', place: 'PLACE' } as const

export function sourceRef(slug: string | null, name: string | null): { slug: string; name: string } | null {
  return slug === null || name === null ? null : { slug, name }
}

/**
 * A WHERE fragment `column` IN the speakers a filter value stands for: the id itself, or every
 * entity known by the name (exact folded match on the entity_aliases_norm index, resolved first so
 * the list query can seek its speaker index with plain ids).
 */
export function speakerIn(db: Database, column: string, value: number | string | number[], params: Params): string {
  return idsIn(column, 'speaker', Array.isArray(value) ? value : speakerIds(db, value), params)
}

/** The speakers a filter value stands for: the id itself, or every entity known by the name. */
export function speakerIds(db: Database, value: number | string): number[] {
  return typeof value === 'number'
    ? [value]
    : all<{ id: number }>(db, 'SELECT DISTINCT entity_id AS id FROM entity_aliases WHERE norm = @norm', { norm: normaliseName(value) }).map((r) => r.id)
}

/** `column IN (@speaker0, …)` with the ids bound, or "0" (nothing) for no ids. */
function idsIn(column: string, name: string, ids: number[], params: Params): string {
  if (ids.length === 0) return '0'
  ids.forEach((id, i) => (params[`${name}${i}`] = id))
  return `${column} IN (${ids.map((_, i) => `@${name}${i}`).join(', ')})`
}
