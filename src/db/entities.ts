/** Read queries over entities: lists, one entity, the articles mentioning it, entities seen with it. */
import type { Database } from 'better-sqlite3'
import { all, countAfter, DB_ENTITY_TYPES, entityType, get, prepared, takePage, timePage, where, type CountKey, type Page, type Params, type TimeKey } from './read.js'
import { articleSummary, SUMMARY_COLUMNS, SUMMARY_JOINS, type ArticleSummary, type SummaryRow } from './articles.js'
import { aliasPrefix } from './speakers.js'

interface EntityRow {
  id: number
  type: string
  name: string
  mention_count: number
  article_count: number
  quote_count: number
}

const COLUMNS = 'e.id, e.type, e.name, e.mention_count, e.article_count, e.quote_count'

function toEntity<R extends EntityRow>(row: R) {
  return { ...row, type: entityType(row.type) }
}
export type Entity = ReturnType<typeof toEntity<EntityRow>>

export function listEntities(
  db: Database,
  filters: { type?: 'person' | 'org' | 'place'; q?: string },
  request: { limit: number; after?: CountKey },
): Page<Entity, CountKey> {
  const params: Params = { limit: request.limit + 1 }
  if (filters.type) params.type = DB_ENTITY_TYPES[filters.type]
  const fragments = [
    filters.type && 'e.type = @type',
    filters.q !== undefined && (aliasPrefix(filters.q, params) ?? '0'),
    countAfter('e.mention_count', 'e.id', request.after, params),
  ]
  const rows = all<EntityRow>(db, `SELECT ${COLUMNS} FROM entities e WHERE ${where(fragments)} ORDER BY e.mention_count DESC, e.id LIMIT @limit`, params)
  const page = takePage(rows, request.limit, (r): CountKey => [r.mention_count, r.id])
  return { items: page.items.map(toEntity), next: page.next }
}

const BY_ID = `SELECT ${COLUMNS} FROM entities e WHERE e.id = @id`
const ALIASES = 'SELECT alias FROM entity_aliases WHERE entity_id = @id ORDER BY alias'
const SPAN = `SELECT min(published_at) AS first, max(published_at) AS last FROM article_entities WHERE entity_id = @id`
const SOURCES = `SELECT s.slug, s.name, count(*) AS article_count FROM article_entities ae JOIN articles a ON a.id = ae.article_id
  JOIN sources s ON s.id = a.source_id WHERE ae.entity_id = @id GROUP BY s.id ORDER BY article_count DESC, s.name`

export function entityExists(db: Database, id: number): boolean {
  return get(db, BY_ID, { id }) !== undefined
}

export function getEntity(db: Database, id: number) {
  const row = get<EntityRow>(db, BY_ID, { id })
  if (!row) return undefined
  const span = get<{ first: string | null; last: string | null }>(db, SPAN, { id })
  return {
    ...toEntity(row),
    aliases: all<{ alias: string }>(db, ALIASES, { id }).map((a) => a.alias),
    first_mentioned_at: span?.first ?? null,
    last_mentioned_at: span?.last ?? null,
    sources: all<{ slug: string; name: string; article_count: number }>(db, SOURCES, { id }),
  }
}

/** Articles mentioning the entity, newest first, read in the order of the article_entities_entity index. */
export function articlesOfEntity(db: Database, id: number, request: { limit: number; after?: TimeKey }): Page<ArticleSummary, TimeKey> {
  const base = `SELECT ${SUMMARY_COLUMNS} FROM article_entities ae JOIN articles a ON a.id = ae.article_id ${SUMMARY_JOINS}
    WHERE ae.entity_id = @entity`
  const page = timePage<SummaryRow>(
    { time: 'ae.published_at', id: 'ae.article_id' },
    'desc',
    request,
    (keyset, order, p, n) => all(db, `${base} AND ${keyset} ORDER BY ${order} LIMIT @limit`, { ...p, entity: id, limit: n }),
    (r) => [r.published_at, r.id],
  )
  return { items: page.items.map(articleSummary), next: page.next }
}

/**
 * How many of an entity's articles (its most recent ones) co-occurrence is counted over. A hub
 * entity ("United States") can appear in most of the archive, and counting pairs over all of it
 * costs seconds per request; the recent window keeps the answer current and the cost bounded.
 */
export const RELATED_WINDOW = 500

// The other entities of each article in the window, read through the article_entities primary
// key. They are counted here rather than with GROUP BY: SQLite groups through a temporary b-tree,
// which costs several times the reading. They come back as one comma-separated text: handing
// twelve thousand rows to JavaScript one by one costs more than the join that finds them.
const CO_MENTIONED = `SELECT group_concat(other.entity_id)
  FROM (SELECT article_id FROM article_entities WHERE entity_id = @entity
        ORDER BY published_at DESC, article_id DESC LIMIT @window) mine
  JOIN article_entities other ON other.article_id = mine.article_id
  WHERE other.entity_id <> @entity`

const ENTITIES_BY_ID = `SELECT ${COLUMNS} FROM json_each(@ids) k JOIN entities e ON e.id = k.value ORDER BY k.key`

/** How often each id occurs in a comma-separated list of ids. */
function countIds(list: string | null): Map<number, number> {
  const counts = new Map<number, number>()
  if (!list) return counts
  let id = 0
  for (let i = 0; i <= list.length; i++) {
    const c = i < list.length ? list.charCodeAt(i) : 44
    if (c === 44) {
      counts.set(id, (counts.get(id) ?? 0) + 1)
      id = 0
    } else id = id * 10 + (c - 48)
  }
  return counts
}

/** The first `n` (id, count) pairs in (count DESC, id ASC) order that come after `after`, without sorting them all. */
function topCounts(counts: Map<number, number>, n: number, after: CountKey | undefined): Array<[number, number]> {
  const top: Array<[number, number]> = []
  const before = (a: [number, number], b: [number, number]) => a[1] > b[1] || (a[1] === b[1] && a[0] < b[0])
  for (const entry of counts) {
    const [id, count] = entry
    if (after && !(count < after[0] || (count === after[0] && id > after[1]))) continue
    if (top.length === n && !before(entry, top[n - 1])) continue
    let i = top.length === n ? n - 1 : top.length
    while (i > 0 && before(entry, top[i - 1])) {
      top[i] = top[i - 1]
      i--
    }
    top[i] = entry
  }
  return top
}

export function relatedEntities(db: Database, id: number, request: { limit: number; after?: CountKey }): Page<Entity & { together: number }, CountKey> {
  const list = prepared(db, CO_MENTIONED).pluck().get({ entity: id, window: RELATED_WINDOW }) as string | null
  const together = countIds(list)
  const page = takePage(topCounts(together, request.limit + 1, request.after), request.limit, ([other, n]): CountKey => [n, other])
  const rows = all<EntityRow>(db, ENTITIES_BY_ID, { ids: JSON.stringify(page.items.map(([other]) => other)) })
  return { items: rows.map((row) => ({ ...toEntity(row), together: together.get(row.id) ?? 0 })), next: page.next }
}
