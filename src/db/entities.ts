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
// which costs several times the reading; entity rows are then read for the page only.
const CO_MENTIONED = `SELECT other.entity_id
  FROM (SELECT article_id FROM article_entities WHERE entity_id = @entity
        ORDER BY published_at DESC, article_id DESC LIMIT @window) mine
  JOIN article_entities other ON other.article_id = mine.article_id
  WHERE other.entity_id <> @entity`

const ENTITIES_BY_ID = `SELECT ${COLUMNS} FROM json_each(@ids) k JOIN entities e ON e.id = k.value ORDER BY k.key`

export function relatedEntities(db: Database, id: number, request: { limit: number; after?: CountKey }): Page<Entity & { together: number }, CountKey> {
  const together = new Map<number, number>()
  for (const other of prepared(db, CO_MENTIONED).pluck().all({ entity: id, window: RELATED_WINDOW }) as number[]) {
    together.set(other, (together.get(other) ?? 0) + 1)
  }
  const after = request.after
  // (together DESC, id ASC), continued after the cursor's (count, id).
  const ranked = [...together]
    .filter(([other, n]) => !after || n < after[0] || (n === after[0] && other > after[1]))
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
  const page = takePage(ranked.slice(0, request.limit + 1), request.limit, ([other, n]): CountKey => [n, other])
  const rows = all<EntityRow>(db, ENTITIES_BY_ID, { ids: JSON.stringify(page.items.map(([other]) => other)) })
  return { items: rows.map((row) => ({ ...toEntity(row), together: together.get(row.id) ?? 0 })), next: page.next }
}
