import type { NewsDoc } from '../../pipeline/document.js'
import { foldText } from '../../linking/text.js'
import { speakerKey } from './entities.js'
import type { Statements } from './statements.js'

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

/** What of an annotated document the store writes as the article's own rows (its mentions are given apart). */
export type StoredDoc = Pick<NewsDoc, 'doc' | 'article' | 'quotes' | 'quotedPhrases'>

/** The article's outlet and wire as source rows (created when new), each counting the article once. */
export function articleSources(s: Statements, a: NewsDoc['article']): { outletId: number | null; wireId: number | null } {
  const outletId = sourceId(s, a.source, 'outlet')
  const wireSlug = a.wire ? sourceSlug(a.wire) : ''
  // The outlet carrying its own wire copy ("Reuters" on reuters.com) is counted once.
  const wireId = wireSlug && a.source && wireSlug === sourceSlug(a.source) ? outletId : sourceId(s, a.wire, 'wire')
  return { outletId, wireId }
}

/** Inserts the article row; returns its id. `storyId` is null when the story is decided after the insert. */
export function insertArticle(
  s: Statements,
  doc: StoredDoc,
  hash: string,
  links: { outletId: number | null; wireId: number | null; entityCount: number; storyId: number | null },
): number {
  const a = doc.article
  return Number(
    s.insertArticle.run({
      contentHash: hash,
      doc: doc.doc,
      sourceId: links.outletId,
      wireId: links.wireId,
      storyId: links.storyId,
      url: a.url,
      headline: a.headline,
      dateline: a.dateline,
      publishedAt: a.publishedAt,
      publishedLocal: a.publishedLocal,
      author: a.author,
      language: a.language || 'en',
      body: a.body,
      captions: JSON.stringify(a.captions ?? []),
      wordCount: a.body.match(/\S+/g)?.length ?? 0,
      quoteCount: doc.quotes.length,
      entityCount: links.entityCount,
      loadedAt: new Date().toISOString(),
    }).lastInsertRowid,
  )
}

/** What one article adds to an archive entity's counts. */
export interface EntityTally {
  mentions: number
  quotes: number
}

/**
 * Writes the article's mentions, given as `spans`: three numbers each, the archive entity's id, start
 * and end (the text is the body's there). Returns, per archive entity, what the article adds to its
 * counts (several document entities may resolve to one: "Kim Jong Un", "Kim Jong-un"); quotes are
 * counted by the caller through `tally`.
 */
export function insertMentions(s: Statements, body: string, articleId: number, spans: ArrayLike<number>): Map<number, EntityTally> {
  const tally = new Map<number, EntityTally>()
  const rows: unknown[] = []
  for (let i = 0; i < spans.length; i += 3) {
    const id = spans[i]
    rows.push(articleId, id, spans[i + 1], spans[i + 2], body.slice(spans[i + 1], spans[i + 2]))
    tallyOf(tally, id).mentions++
  }
  s.insertMentions(rows)
  return tally
}

/** How many distinct entities the mention spans (see insertMentions) name: the article's entity count. */
export function entitiesMentioned(spans: ArrayLike<number>): number {
  const ids = new Set<number>()
  for (let i = 0; i < spans.length; i += 3) ids.add(spans[i])
  return ids.size
}

export function tallyOf(tally: Map<number, EntityTally>, id: number): EntityTally {
  let t = tally.get(id)
  if (!t) tally.set(id, (t = { mentions: 0, quotes: 0 }))
  return t
}

/** Each quote's speaker as an archive entity id, null when unresolved. */
export function quoteSpeakers(doc: StoredDoc, ids: Map<string, number>): (number | null)[] {
  return doc.quotes.map((q) => {
    const key = speakerKey(q)
    return key ? (ids.get(key) ?? null) : null
  })
}

/** Inserts one quote; returns its id. */
export function insertQuote(
  s: Statements,
  q: NewsDoc['quotes'][number],
  links: { articleId: number; speakerId: number | null; clusterId: number | null; publishedAt: string | null },
): number {
  return Number(
    s.insertQuote.run({
      articleId: links.articleId,
      speakerId: links.speakerId,
      clusterId: links.clusterId,
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
      publishedAt: links.publishedAt,
    }).lastInsertRowid,
  )
}

export function insertPhrases(s: Statements, doc: StoredDoc, articleId: number): void {
  for (const p of doc.quotedPhrases) s.insertPhrase.run(articleId, p.kind, p.text, p.start, p.end)
}

/** Links the article to every entity it mentions (article_entities), in the tally's order. */
export function insertArticleEntities(s: Statements, articleId: number, tally: Map<number, EntityTally>, publishedAt: string | null): void {
  const rows: unknown[] = []
  for (const [id, t] of tally) if (t.mentions > 0) rows.push(articleId, id, t.mentions, publishedAt)
  s.insertArticleEntities(rows)
}
