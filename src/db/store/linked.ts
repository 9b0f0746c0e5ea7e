import type { Database } from 'better-sqlite3'
import { articleSources, entitiesMentioned, insertArticle, insertArticleEntities, insertMentions, insertPhrases, insertQuote, quoteSpeakers, tallyOf } from './article-rows.js'
import { upsertEntities } from './entities.js'
import { entityMirror } from './entity-mirror.js'
import { readEntities, type PreparedArticle } from './prepared.js'
import { ensureQuoteKeys, forgetQuoteFeatures } from './quotes.js'
import { multiRowInsert } from './rows.js'
import { statements } from './statements.js'

export { linkedPreparer, type LinkedArticle, type PreparedArticle } from './prepared.js'

/** What a batch adds to an entity's or a story's counts (see countEntity, countStory). */
interface Counts {
  mentions: number
  articles: number
  quotes: number
  first: string | null
  last: string | null
}

function add(counts: Map<number, Counts>, id: number, mentions: number, articles: number, quotes: number, at: string | null) {
  let c = counts.get(id)
  if (!c) counts.set(id, (c = { mentions: 0, articles: 0, quotes: 0, first: null, last: null }))
  c.mentions += mentions
  c.articles += articles
  c.quotes += quotes
  if (at !== null) {
    if (c.first === null || at < c.first) c.first = at
    if (c.last === null || at > c.last) c.last = at
  }
}

/**
 * The imported quotes' look-up keys are gathered in a database of the import's own, in memory, and
 * written to quote_keys once, in key order, when the import finishes: written as each quote is
 * stored, every key lands at a random place of an index that outgrows memory on a big archive. An
 * attached database rather than a TEMP table: after a temporary table was made while the archive
 * was out of WAL mode (as a bulk build takes it), SQLite refuses the handle's checkpoints.
 */
const STAGING = 'linked_import'

/** A quote stored under a variant key: a quote joins no cluster until another variant joins it. */
interface Variant {
  quoteId: number
  articleId: number
  speakerId: number | null
  clusterId: number | null
}

/**
 * The stored variant a new quote of the statement joins, as the linker would choose (bestVariant):
 * from another article, spoken by the same speaker or with either speaker unknown. The most recent
 * such one: variants of one statement are all alike, and the linker looks at recent quotes first.
 */
function variantToJoin(variants: Variant[], articleId: number, speakerId: number | null): Variant | undefined {
  for (let i = variants.length - 1; i >= 0; i--) {
    const v = variants[i]
    if (v.articleId !== articleId && (speakerId === null || v.speakerId === null || v.speakerId === speakerId)) return v
  }
  return undefined
}

export interface LinkedImport {
  /** Stores a batch in one transaction; returns how many articles were added (content already stored is skipped). */
  save(items: PreparedArticle[]): number
  /** Writes the look-up keys of every quote imported (see linkedImport); the import is then over. */
  finish(): void
}

/**
 * Writes articles whose links are known, for building an archive in bulk: the same rows as
 * saveArticle (sources, article, entities and aliases, mentions, quotes with their look-up keys, so
 * later loads find their variants, phrases, entity links, stories, clusters, counts) with the story
 * and cluster taken from the caller's keys instead of searched for, and the counts added once per
 * batch. Keys hold for one import: the same key in two imports is two stories. The import keeps the
 * archive's entities in memory: nothing else may write the archive while it runs, and a handle runs
 * one import at a time.
 */
export function linkedImport(db: Database): LinkedImport {
  const s = statements(db)
  // Quotes stored before look-up keys existed get theirs now, so that finish leaves every quote with its keys.
  db.transaction(() => ensureQuoteKeys(s)).immediate()
  db.exec(`ATTACH ':memory:' AS ${STAGING}`)
  db.exec(`CREATE TABLE ${STAGING}.pending_keys (key INTEGER NOT NULL, quote_id INTEGER NOT NULL)`)
  const stageKeys = multiRowInsert(db, `INSERT INTO ${STAGING}.pending_keys (key, quote_id)`, 2)
  const entities = entityMirror(db, s)
  const stories = new Map<string, number>()
  const variants = new Map<string, Variant[]>()

  const writeBatch = (items: PreparedArticle[]): number => {
    const entityCounts = new Map<number, Counts>()
    const storyCounts = new Map<number, Counts>()
    const touchedClusters = new Set<number>()
    const keyRows: number[] = []
    let added = 0
    for (const { doc, contentHash, story, entities: flat, mentions, quotes } of items) {
      if (s.articleByHash.get(contentHash) !== undefined) continue
      const a = doc.article
      const at = a.publishedAt
      const sources = articleSources(s, a)
      const rows = readEntities(flat)
      const ids = upsertEntities(entities, rows)
      const entityIds = rows.map((r) => ids.get(r.entity.key)!)
      // The prepared mentions name entities by their place in the article: as spans, by archive id.
      const spans = Array.from(mentions, (x, i) => (i % 3 === 0 ? entityIds[x] : x))
      let storyId = story === null ? undefined : stories.get(story)
      if (storyId === undefined) {
        const counts = { articles: 1, quotes: doc.quotes.length, first: at, last: at }
        storyId = Number(s.insertStory.run({ title: a.headline ?? doc.doc, createdAt: new Date().toISOString(), ...counts }).lastInsertRowid)
        if (story !== null) stories.set(story, storyId)
      } else add(storyCounts, storyId, 0, 1, doc.quotes.length, at)
      const articleId = insertArticle(s, doc, contentHash, { ...sources, entityCount: entitiesMentioned(spans), storyId })
      const tally = insertMentions(s, a.body, articleId, spans)
      const speakers = quoteSpeakers(doc, ids)
      doc.quotes.forEach((q, i) => {
        const speakerId = speakers[i]
        if (speakerId !== null) tallyOf(tally, speakerId).quotes++
        const key = quotes[i].cluster
        const known = key === null ? undefined : variants.get(key)
        const joined = known && variantToJoin(known, articleId, speakerId)
        if (joined && joined.clusterId === null) {
          joined.clusterId = Number(s.insertCluster.run(joined.speakerId ?? speakerId).lastInsertRowid)
          s.setQuoteCluster.run(joined.clusterId, joined.quoteId)
        }
        const clusterId = joined?.clusterId ?? null
        const quoteId = insertQuote(s, q, { articleId, speakerId, clusterId, publishedAt: at })
        if (key !== null) {
          const variant = { quoteId, articleId, speakerId, clusterId }
          if (known) known.push(variant)
          else variants.set(key, [variant])
        }
        if (clusterId !== null) touchedClusters.add(clusterId)
        for (const lookupKey of quotes[i].keys) keyRows.push(lookupKey, quoteId)
      })
      insertPhrases(s, doc, articleId)
      insertArticleEntities(s, articleId, tally, at)
      stageKeys(keyRows)
      keyRows.length = 0
      for (const [id, t] of tally) add(entityCounts, id, t.mentions, t.mentions > 0 ? 1 : 0, t.quotes, t.quotes > 0 ? at : null)
      added++
    }
    for (const [id, c] of entityCounts) s.countEntity.get({ id, ...c })
    for (const [id, c] of storyCounts) s.countStory.run({ id, articles: c.articles, quotes: c.quotes, first: c.first, last: c.last })
    for (const id of touchedClusters) s.countCluster.run({ id })
    return added
  }
  const tx = db.transaction(writeBatch)
  let over: string | null = null
  const end = (why: string) => {
    over = why
    db.exec(`DETACH ${STAGING}`)
  }
  return {
    save: (items) => {
      if (over) throw new Error(`linked import: ${over}`)
      try {
        return tx.immediate(items)
      } catch (error) {
        // What is held in memory (entities, story and cluster ids) may name rows the rollback removed.
        end('a batch was rolled back; start a new import')
        forgetQuoteFeatures(db)
        throw error
      }
    },
    finish: () => {
      if (over) throw new Error(`linked import: ${over}`)
      db.transaction(() => {
        db.exec(`INSERT OR IGNORE INTO main.quote_keys (key, quote_id) SELECT key, quote_id FROM ${STAGING}.pending_keys ORDER BY key, quote_id`)
      }).immediate()
      end('finished')
    },
  }
}
