import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, type Database } from '../../src/db/connection.js'
import { migrate } from '../../src/db/migrate.js'
import type { LoadSummary } from '../../src/load/loader.js'
import { emptyArticle, newDoc, type EntityType, type NewsDoc } from '../../src/pipeline/document.js'
import { polnear, seedsDir } from './paths.js'

export interface TestDatabase {
  db: Database
  path: string
  dir: string
  /** Present when the database was loaded with seeds/. */
  summary?: LoadSummary
  close(): void
}

/**
 * A fresh, migrated database in its own temp folder; `seeds: true` loads seeds/ into it.
 * Pass `t` to have it closed and removed when the test ends.
 */
export async function testDatabase(
  options: { seeds?: boolean; t?: { teardown(fn: () => void): void } } = {},
): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'quotewire-test-'))
  const path = join(dir, 'test.db')
  const db = openDatabase(path)
  migrate(db)
  // Imported on demand: storage tests need no pipeline.
  const summary = options.seeds ? (await import('../../src/load/loader.js')).loadPaths(db, [seedsDir]) : undefined
  let closed = false
  const close = () => {
    if (closed) return
    closed = true
    if (db.open) db.close()
    rmSync(dir, { recursive: true, force: true })
  }
  options.t?.teardown(close)
  return { db, path, dir, summary, close }
}

/** Row counts of every table of the archive (FTS shadow tables excluded), for before/after comparisons. */
export function tableCounts(db: Database): Record<string, number> {
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts_%' ORDER BY name`,
    )
    .pluck()
    .all() as string[]
  const out: Record<string, number> = {}
  for (const name of tables) out[name] = db.prepare(`SELECT count(*) FROM "${name}"`).pluck().get() as number
  return out
}

/**
 * Builds an annotated NewsDoc by hand, for storage and linking tests that must not depend on the
 * pipeline's accuracy. Mentions and quotes are located in the body by their text (first occurrence
 * after the previous one of the same text).
 */
export function makeDoc(spec: {
  doc: string
  body: string
  headline?: string
  publishedAt?: string
  source?: string
  wire?: string
  /** [surface text, type, canonical name] */
  mentions?: [string, EntityType, string][]
  /** [quote text, speaker canonical name or null, speaker type] */
  quotes?: [string, string | null, ('PERSON' | 'ORG')?][]
}): NewsDoc {
  const article = { ...emptyArticle(spec.body), headline: spec.headline ?? null, publishedAt: spec.publishedAt ?? null }
  article.source = spec.source ?? null
  article.wire = spec.wire ?? null
  const doc = newDoc(spec.doc, article)
  const from = new Map<string, number>()
  const locate = (text: string) => {
    const start = spec.body.indexOf(text, from.get(text) ?? 0)
    if (start < 0) throw new Error(`"${text}" is not in the body of ${spec.doc}`)
    from.set(text, start + text.length)
    return { start, end: start + text.length, text }
  }
  const key = (type: string, name: string) => `${type}:${name.toLowerCase()}`
  for (const [text, type, canonical] of spec.mentions ?? []) {
    doc.mentions.push({ ...locate(text), type, canonical, key: key(type, canonical) })
    const entity = doc.entities.find((e) => e.key === key(type, canonical))
    if (entity) {
      if (!entity.aliases.includes(text)) entity.aliases.push(text)
    } else doc.entities.push({ key: key(type, canonical), type, canonical, aliases: [text] })
  }
  for (const [text, speaker, type = 'PERSON'] of spec.quotes ?? []) {
    doc.quotes.push({
      ...locate(text),
      speaker,
      speakerKey: speaker ? key(type, speaker) : null,
      speakerType: speaker ? type : null,
      speakerMention: null,
      cue: null,
      role: null,
      resolution: speaker ? 'named' : 'unresolved',
      confidence: speaker ? 0.9 : 0,
    })
  }
  return doc
}

/**
 * Writes PolNeAR articles of the given splits as .txt files into `dir` (the first `limit` in
 * corpus order); returns how many, or 0 when the corpus is not here.
 */
export function writePolnearTexts(dir: string, splits: ('dev' | 'train')[], limit = Infinity): number {
  let n = 0
  for (const split of splits) {
    for (const article of polnear(split) ?? []) {
      if (n >= limit) return n
      writeFileSync(join(dir, `${article.doc}.txt`), article.text)
      n++
    }
  }
  return n
}

/** Row counts of every table plus the counters the store maintains, and which articles share a story. */
export function archiveSnapshot(db: Database) {
  const one = (sql: string) => db.prepare(sql).get()
  return {
    tables: tableCounts(db),
    sources: one('SELECT sum(article_count) AS articles FROM sources'),
    entities: one(`SELECT sum(mention_count) AS mentions, sum(article_count) AS articles, sum(quote_count) AS quotes,
      count(first_quoted_at) AS quoted, group_concat(key, '|') AS keys FROM (SELECT * FROM entities ORDER BY id)`),
    articles: one('SELECT sum(quote_count) AS quotes, sum(entity_count) AS entities, sum(word_count) AS words FROM articles'),
    stories: one('SELECT sum(article_count) AS articles, sum(quote_count) AS quotes FROM stories'),
    clusters: one('SELECT sum(size) AS size, sum(source_count) AS sources FROM quote_clusters'),
    grouping: db
      .prepare('SELECT content_hash, story_id, (SELECT group_concat(cluster_id) FROM quotes q WHERE q.article_id = a.id) AS clusters FROM articles a ORDER BY id')
      .all(),
  }
}
