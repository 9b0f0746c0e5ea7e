import { createHash } from 'node:crypto'
import type { Database } from 'better-sqlite3'
import type { NewsDoc } from '../pipeline/document.js'
import { foldText } from '../linking/text.js'
import type { VariantCandidate } from '../linking/quotes.js'
import { statements, type Statements } from './store/statements.js'
import { documentEntities, speakerKey, upsertEntities } from './store/entities.js'
import { clusterQuote, ensureQuoteKeys, forgetQuoteFeatures, quoteText, recordQuoteKeys, variantCandidates } from './store/quotes.js'
import { assignStory } from './store/stories.js'

/** An article's identity: sha256 of its body with whitespace folded, so re-scraped spacing is the same article. */
export function contentHash(body: string): string {
  return createHash('sha256').update(body.replace(/\s+/g, ' ').trim()).digest('hex')
}

/** The id of the article stored with this content hash, if any. */
export function articleIdByHash(db: Database, hash: string): number | undefined {
  return statements(db).articleByHash.get(hash) as number | undefined
}

export function sourceSlug(name: string): string {
  return foldText(name)
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
}

function sourceId(s: Statements, name: string | null, kind: 'outlet' | 'wire'): number | null {
  const clean = name?.replace(/\s+/g, ' ').trim()
  if (!clean) return null
  const slug = sourceSlug(clean)
  if (!slug) return null
  // One row per slug: an outlet that is also a wire elsewhere ("Reuters") keeps the kind it was first seen as.
  const existing = s.sourceBySlug.get(slug) as number | undefined
  const id = existing ?? Number(s.insertSource.run(slug, clean, kind).lastInsertRowid)
  s.countSourceArticle.run(id)
  return id
}

function writeArticle(db: Database, doc: NewsDoc, hash: string): { articleId: number; added: boolean } {
  const s = statements(db)
  const existing = s.articleByHash.get(hash) as number | undefined
  if (existing !== undefined) return { articleId: existing, added: false }

  ensureQuoteKeys(s)
  const a = doc.article
  const at = a.publishedAt
  const outletId = sourceId(s, a.source, 'outlet')
  const wireSlug = a.wire ? sourceSlug(a.wire) : ''
  // The outlet carrying its own wire copy ("Reuters" on reuters.com) is counted once.
  const wireId = wireSlug && a.source && wireSlug === sourceSlug(a.source) ? outletId : sourceId(s, a.wire, 'wire')

  const ids = upsertEntities(s, documentEntities(doc), hash.slice(0, 16))
  const mentioned = new Set(doc.mentions.map((m) => ids.get(m.key)!))

  const articleId = Number(
    s.insertArticle.run({
      contentHash: hash,
      doc: doc.doc,
      sourceId: outletId,
      wireId,
      url: a.url,
      headline: a.headline,
      dateline: a.dateline,
      publishedAt: at,
      publishedLocal: a.publishedLocal,
      author: a.author,
      language: a.language || 'en',
      body: a.body,
      captions: JSON.stringify(a.captions ?? []),
      wordCount: a.body.match(/\S+/g)?.length ?? 0,
      quoteCount: doc.quotes.length,
      entityCount: mentioned.size,
      loadedAt: new Date().toISOString(),
    }).lastInsertRowid,
  )

  // Per archive entity: several document entities may resolve to one ("Kim Jong Un", "Kim Jong-un").
  const tally = new Map<number, { mentions: number; quotes: number }>()
  const count = (id: number) => {
    let t = tally.get(id)
    if (!t) tally.set(id, (t = { mentions: 0, quotes: 0 }))
    return t
  }
  const mentionRows: unknown[] = []
  for (const m of doc.mentions) {
    const id = ids.get(m.key)!
    mentionRows.push(articleId, id, m.start, m.end, m.text)
    count(id).mentions++
  }
  s.insertMentions(mentionRows)

  const speakers = doc.quotes.map((q) => {
    const key = speakerKey(q)
    return key ? (ids.get(key) ?? null) : null
  })
  const texts = doc.quotes.map((q) => quoteText(q.text))
  const bySpeaker = new Map<number, VariantCandidate[]>()
  const candidates = texts.map((t, i) => variantCandidates(s, { articleId, ...t, speakerId: speakers[i], publishedAt: at }, bySpeaker))
  const clusters = new Set<number>()
  doc.quotes.forEach((q, i) => {
    const speakerId = speakers[i]
    if (speakerId !== null) count(speakerId).quotes++
    const quoteId = Number(
      s.insertQuote.run({
        articleId,
        speakerId,
        text: q.text,
        start: q.start,
        end: q.end,
        cue: q.cue?.text ?? null,
        cueStart: q.cue?.start ?? null,
        cueEnd: q.cue?.end ?? null,
        speakerText: q.speakerMention?.text ?? null,
        speakerStart: q.speakerMention?.start ?? null,
        speakerEnd: q.speakerMention?.end ?? null,
        role: q.role,
        resolution: q.resolution,
        confidence: q.confidence,
        publishedAt: at,
      }).lastInsertRowid,
    )
    recordQuoteKeys(s, { id: quoteId, ...texts[i] })
    const cluster = clusterQuote(db, s, { id: quoteId, ...texts[i], speakerId }, candidates[i])
    if (cluster !== null) clusters.add(cluster)
  })
  for (const p of doc.quotedPhrases) s.insertPhrase.run(articleId, p.kind, p.text, p.start, p.end)

  const linkRows: unknown[] = []
  const entityArticles: [number, number][] = []
  for (const [id, t] of tally) {
    if (t.mentions > 0) linkRows.push(articleId, id, t.mentions, at)
    const articleCount = s.countEntity.get({ id, mentions: t.mentions, articles: t.mentions > 0 ? 1 : 0, quotes: t.quotes, at }) as number
    if (t.mentions > 0) entityArticles.push([id, articleCount])
  }
  s.insertArticleEntities(linkRows)
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
