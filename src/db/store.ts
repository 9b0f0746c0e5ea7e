import { createHash } from 'node:crypto'
import type { Database } from 'better-sqlite3'
import type { NewsDoc } from '../pipeline/document.js'
import type { VariantCandidate } from '../linking/quotes.js'
import { statements } from './store/statements.js'
import { articleSources, entitiesMentioned, insertArticle, insertArticleEntities, insertMentions, insertPhrases, insertQuote, quoteSpeakers, tallyOf } from './store/article-rows.js'
import { articleScope, entityRows, tableEntityStore, upsertEntities } from './store/entities.js'
import { clusterQuote, ensureQuoteKeys, forgetQuoteFeatures, quoteKeys, quoteText, recordQuoteKeys, variantCandidates } from './store/quotes.js'
import { assignStory } from './store/stories.js'

/** An article's identity: sha256 of its body with whitespace folded, so re-scraped spacing is the same article. */
export function contentHash(body: string): string {
  return createHash('sha256').update(body.replace(/\s+/g, ' ').trim()).digest('hex')
}

/** The id of the article stored with this content hash, if any. */
export function articleIdByHash(db: Database, hash: string): number | undefined {
  return statements(db).articleByHash.get(hash) as number | undefined
}

function writeArticle(db: Database, doc: NewsDoc, hash: string): { articleId: number; added: boolean } {
  const s = statements(db)
  const existing = s.articleByHash.get(hash) as number | undefined
  if (existing !== undefined) return { articleId: existing, added: false }

  ensureQuoteKeys(s)
  const a = doc.article
  const at = a.publishedAt
  const sources = articleSources(s, a)
  const ids = upsertEntities(tableEntityStore(s), entityRows(doc, articleScope(hash)))
  const spans = doc.mentions.flatMap((m) => [ids.get(m.key)!, m.start, m.end])
  const articleId = insertArticle(s, doc, hash, { ...sources, entityCount: entitiesMentioned(spans), storyId: null })
  const tally = insertMentions(s, a.body, articleId, spans)

  const speakers = quoteSpeakers(doc, ids)
  const texts = doc.quotes.map((q) => quoteText(q.text))
  const bySpeaker = new Map<number, VariantCandidate[]>()
  const candidates = texts.map((t, i) => variantCandidates(s, { articleId, ...t, speakerId: speakers[i], publishedAt: at }, bySpeaker))
  const clusters = new Set<number>()
  doc.quotes.forEach((q, i) => {
    const speakerId = speakers[i]
    if (speakerId !== null) tallyOf(tally, speakerId).quotes++
    const quoteId = insertQuote(s, q, { articleId, speakerId, clusterId: null, publishedAt: at })
    recordQuoteKeys(s, { id: quoteId, keys: quoteKeys(texts[i].terms) })
    const cluster = clusterQuote(db, s, { id: quoteId, ...texts[i], speakerId }, candidates[i])
    if (cluster !== null) clusters.add(cluster)
  })
  insertPhrases(s, doc, articleId)
  insertArticleEntities(s, articleId, tally, at)

  const entityArticles: [number, number][] = []
  for (const [id, t] of tally) {
    const quoted = t.quotes > 0 ? at : null
    const articleCount = s.countEntity.get({ id, mentions: t.mentions, articles: t.mentions > 0 ? 1 : 0, quotes: t.quotes, first: quoted, last: quoted }) as number
    if (t.mentions > 0) entityArticles.push([id, articleCount])
  }
  for (const id of clusters) s.countCluster.run({ id })

  assignStory(s, {
    id: articleId,
    headline: a.headline,
    doc: doc.doc,
    publishedAt: at,
    quoteCount: doc.quotes.length,
    entityArticles: new Map(entityArticles.sort((x, y) => x[0] - y[0])),
    speakers: new Set(speakers.filter((id) => id !== null)),
    clusters,
  })
  return { articleId, added: true }
}

/** After a transaction around saveArticle calls rolled back: cached facts about rows may be stale. */
export function forgetCaches(db: Database) {
  forgetQuoteFeatures(db)
}

const transactions = new WeakMap<Database, (doc: NewsDoc, hash: string) => { articleId: number; added: boolean }>()

/**
 * Stores one annotated article and links it to the archive, all in one synchronous transaction:
 * sources, the article, entities and aliases, mentions, quotes and quoted phrases, quote variant
 * clusters, its story, and every count. The same content again is not stored twice (`added: false`).
 */
export function saveArticle(db: Database, doc: NewsDoc, meta: { contentHash: string }): { articleId: number; added: boolean } {
  let tx = transactions.get(db)
  if (!tx) {
    // IMMEDIATE: take the write lock before reading, so two loaders never link against a stale view.
    const t = db.transaction((d: NewsDoc, h: string) => writeArticle(db, d, h))
    tx = (d, h) => {
      try {
        return t.immediate(d, h)
      } catch (error) {
        forgetQuoteFeatures(db)
        throw error
      }
    }
    transactions.set(db, tx)
  }
  return tx(doc, meta.contentHash)
}

const batches = new WeakMap<Database, (docs: { doc: NewsDoc; contentHash: string }[]) => number>()

/**
 * The bulk form of saveArticle, for building an archive: the same writes and linking per article,
 * all in one transaction without a savepoint per article (FTS5 writes its pending index out at every
 * savepoint, which would leave a tiny index segment per article to merge). A failing article rolls
 * back the whole batch. Returns how many articles were added.
 */
export function saveArticles(db: Database, docs: { doc: NewsDoc; contentHash: string }[]): number {
  let tx = batches.get(db)
  if (!tx) {
    const t = db.transaction((items: { doc: NewsDoc; contentHash: string }[]) => {
      let added = 0
      for (const item of items) if (writeArticle(db, item.doc, item.contentHash).added) added++
      return added
    })
    tx = (items) => {
      try {
        return t.immediate(items)
      } catch (error) {
        forgetQuoteFeatures(db)
        throw error
      }
    }
    batches.set(db, tx)
  }
  return tx(docs)
}

export { deleteArticle } from './store/delete.js'
export { sourceSlug } from './store/article-rows.js'
