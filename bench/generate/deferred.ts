import { availableParallelism } from 'node:os'
import type { Database } from 'better-sqlite3'

/** The page cache while the deferred indexes are built, as cache_size takes it (negative: KiB). */
const SORT_CACHE_KB = -65536

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
 * Indexes only linking reads (the candidates for a new article's story and a new quote's variants,
 * an entity's alias forms): a pre-linked import (src/db/store/linked.ts) reads none of them, so
 * they too can be built once at the end.
 */
export const LINKING_INDEXES = ['article_entities_entity', 'quotes_speaker', 'article_speakers_speaker', 'entity_aliases_norm']

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
export function deferIndexing(db: Database, more: readonly string[] = []): { restore: () => void } {
  const names = [...FULL_TEXT_TRIGGERS, ...READ_INDEXES, ...more]
  // Only what is present is deferred: an archive from an older schema keeps what it had.
  const deferred = db
    .prepare(`SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'index') AND name IN (${names.map(() => '?').join(', ')})`)
    .all(...names) as { type: 'trigger' | 'index'; name: string; sql: string }[]
  db.transaction(() => {
    for (const d of deferred) db.exec(`DROP ${d.type === 'index' ? 'INDEX' : 'TRIGGER'} ${d.name}`)
  })()
  const build = () =>
    db.transaction(() => {
      if (deferred.some((d) => d.type === 'trigger')) {
        db.exec(`INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')`)
        db.exec(`INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild')`)
      }
      for (const d of deferred) db.exec(d.sql)
    })()
  return {
    restore: () => {
      if (deferred.length > 0) sorting(db, build)
    },
  }
}

/**
 * Runs `work` (index builds, sorted inserts) with the pragmas SQLite's sorter is fastest with: a small
 * page cache, so that it spills sorted runs and sorts them on helper threads (PRAGMA threads), where a
 * cache of gigabytes keeps one run in memory and sorts it on this thread alone. Measured on a
 * 100,000-article archive: its deferred indexes in 19 s against 29 s; at 200,000 the quote look-up
 * keys' sorted insert in 5.3 s against 10.5 s.
 */
export function sorting(db: Database, work: () => void): void {
  const cache = db.pragma('cache_size', { simple: true }) as number
  const threads = db.pragma('threads', { simple: true }) as number
  db.pragma(`cache_size = ${SORT_CACHE_KB}`)
  db.pragma(`threads = ${availableParallelism()}`)
  try {
    work()
  } finally {
    db.pragma(`cache_size = ${cache}`)
    db.pragma(`threads = ${threads}`)
  }
}
