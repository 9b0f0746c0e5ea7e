import type { Database } from 'better-sqlite3'

/** The triggers that index each new article and quote for full-text search (migrations/001_initial.sql). */
const FULL_TEXT_TRIGGERS = ['articles_fts_insert', 'quotes_fts_insert']

/**
 * Indexes that only reads use: no statement of the store's write path (linking included) has one in
 * its query plan, with or without them. Each insert or count update otherwise moves an entry at a
 * random position of each (the entity counts are updated some twenty times per article).
 */
const READ_INDEXES = [
  'entities_type_mentions',
  'entities_mentions',
  'entities_quotes',
  'entities_articles',
  'entities_quoted_articles',
  'mentions_entity_span',
  'quotes_published',
  'quotes_speaker_article',
  'articles_published',
  'articles_source',
  'articles_wire',
  'articles_language',
  'articles_story',
  'stories_recent',
]

/**
 * Builds the full-text indexes and the read-only indexes once, after a bulk write, instead of row by
 * row: the full-text insert triggers and those indexes are dropped for the duration and, in
 * `restore`, the full-text indexes are rebuilt from the articles and quotes, and the indexes and
 * triggers created again exactly as the schema stored them. The archive ends with the same schema
 * and the same index contents. Indexing rows as they arrive flushes and merges full-text segments at
 * every commit and moves index entries at random places of ever larger B-trees; sorting once at the
 * end costs a fraction of it. Nothing the store does while writing reads what is deferred (variants
 * are found through quote_keys, see READ_INDEXES). If the process dies before `restore`, the archive
 * lacks them: it was being generated, and is generated again.
 */
export function deferIndexing(db: Database): { restore: () => void } {
  const names = [...FULL_TEXT_TRIGGERS, ...READ_INDEXES]
  // Only what is present is deferred: an archive from an older schema keeps what it had.
  const deferred = db
    .prepare(`SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'index') AND name IN (${names.map(() => '?').join(', ')})`)
    .all(...names) as { type: 'trigger' | 'index'; name: string; sql: string }[]
  db.transaction(() => {
    for (const d of deferred) db.exec(`DROP ${d.type === 'index' ? 'INDEX' : 'TRIGGER'} ${d.name}`)
  })()
  return {
    restore: () => {
      if (deferred.length === 0) return
      db.transaction(() => {
        if (deferred.some((d) => d.type === 'trigger')) {
          db.exec(`INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')`)
          db.exec(`INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild')`)
        }
        for (const d of deferred) db.exec(d.sql)
      })()
    },
  }
}
