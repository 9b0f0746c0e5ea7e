/** Read queries over speakers: the entities (people, organisations) that quotes are attributed to. */
import type { Database } from 'better-sqlite3'
import { normaliseName } from '../pipeline/names.js'
import { all, countAfter, get, speakerType, takePage, where, type CountKey, type Page, type Params } from './read.js'

interface SpeakerRow {
  id: number
  name: string
  type: string
  quote_count: number
  article_count: number
  first_quoted_at: string | null
  last_quoted_at: string | null
}

const COLUMNS = 'e.id, e.name, e.type, e.quote_count, e.article_count, e.first_quoted_at, e.last_quoted_at'

function toSpeaker(row: SpeakerRow) {
  return { ...row, type: speakerType(row.type) }
}
export type Speaker = ReturnType<typeof toSpeaker>

/**
 * Entities with a name or alias in which the folded query starts a word: "korea" finds
 * "North Korea", "miller" finds "Matthew Miller". The schema has no full-text index over names, so
 * this scans entity_aliases (a few short rows per entity) with instr(); article and quote text is
 * only ever searched through FTS5.
 */
export function aliasPrefix(q: string, params: Params): string | undefined {
  const folded = normaliseName(q)
  if (!folded) return undefined
  params.name_words = ` ${folded}`
  return "e.id IN (SELECT entity_id FROM entity_aliases WHERE instr(' ' || norm, @name_words) > 0)"
}

export function listSpeakers(
  db: Database,
  filters: { q?: string; type?: 'person' | 'org' },
  request: { limit: number; after?: CountKey },
): Page<Speaker, CountKey> {
  const params: Params = { limit: request.limit + 1 }
  const fragments = [
    'e.quote_count > 0',
    filters.type ? 'e.type = @type' : "e.type IN ('PERSON', 'ORG')",
    filters.q !== undefined && (aliasPrefix(filters.q, params) ?? '0'),
    countAfter('e.quote_count', 'e.id', request.after, params),
  ]
  if (filters.type) params.type = filters.type === 'person' ? 'PERSON' : 'ORG'
  const rows = all<SpeakerRow>(db, `SELECT ${COLUMNS} FROM entities e WHERE ${where(fragments)} ORDER BY e.quote_count DESC, e.id LIMIT @limit`, params)
  const page = takePage(rows, request.limit, (r): CountKey => [r.quote_count, r.id])
  return { items: page.items.map(toSpeaker), next: page.next }
}

const BY_ID = `SELECT ${COLUMNS} FROM entities e WHERE e.id = @id AND e.quote_count > 0 AND e.type IN ('PERSON', 'ORG')`
const ALIASES = 'SELECT alias FROM entity_aliases WHERE entity_id = @id ORDER BY alias'
const ROLES = `SELECT role, count(*) AS quote_count FROM quotes WHERE speaker_id = @id AND role IS NOT NULL
  GROUP BY role ORDER BY quote_count DESC, role`
const SOURCES = `SELECT s.slug, s.name, count(*) AS quote_count FROM quotes q JOIN articles a ON a.id = q.article_id
  JOIN sources s ON s.id = a.source_id WHERE q.speaker_id = @id GROUP BY s.id ORDER BY quote_count DESC, s.name`

export function isSpeaker(db: Database, id: number): boolean {
  return get(db, BY_ID, { id }) !== undefined
}

/** A speaker with aliases, roles and quotes per outlet, or undefined when the id is no quoted entity. */
export function getSpeaker(db: Database, id: number) {
  const row = get<SpeakerRow>(db, BY_ID, { id })
  if (!row) return undefined
  return {
    ...toSpeaker(row),
    aliases: all<{ alias: string }>(db, ALIASES, { id }).map((a) => a.alias),
    roles: all<{ role: string; quote_count: number }>(db, ROLES, { id }),
    sources: all<{ slug: string; name: string; quote_count: number }>(db, SOURCES, { id }),
  }
}
