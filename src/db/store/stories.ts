import { headlineTerms, rarity, storyScore, STORY_THRESHOLD, STORY_WINDOW_DAYS, type StoryArticle } from '../../linking/stories.js'
import type { Statements } from './statements.js'

/** How many of the article's rarest entities seed the candidate search, and how many candidates are scored. */
const SEED_ENTITIES = 10
const SCORED_CANDIDATES = 10

type StoredStoryArticle = StoryArticle & { storyId: number | null }

/** The stored articles `ids` as the story linker sees them, read together (a few statements, not a few per article). */
export function loadStoryArticles(s: Statements, ids: number[], total: number): Map<number, StoredStoryArticle> {
  const out = new Map<number, StoredStoryArticle>()
  if (ids.length === 0) return out
  const list = JSON.stringify(ids)
  for (const [id, storyId, publishedAt, headline] of s.storyArticles.all(list) as [number, number | null, string | null, string | null][]) {
    out.set(id, { storyId, publishedAt, headline, entities: new Map(), speakers: new Set(), clusters: new Set() })
  }
  // Ordered by entity within each article, as an article's entities are listed one article at a time.
  for (const [articleId, entityId, articleCount] of s.storyArticlesEntities.all(list) as [number, number, number][]) {
    out.get(articleId)?.entities.set(entityId, rarity(articleCount, total))
  }
  for (const [articleId, speakerId, clusterId] of s.storyArticlesQuotes.all(list) as [number, number | null, number | null][]) {
    const a = out.get(articleId)
    if (!a) continue
    if (speakerId !== null) a.speakers.add(speakerId)
    if (clusterId !== null) a.clusters.add(clusterId)
  }
  return out
}

/** An article just written, as the story linker sees it: known from what was written, not read back. */
export interface WrittenArticle {
  id: number
  headline: string | null
  doc: string
  publishedAt: string | null
  quoteCount: number
  /**
   * Each entity the article mentions → its article count, this article included, in ascending id
   * order (the order the archive lists an article's entities in, which the score's sums follow).
   */
  entityArticles: Map<number, number>
  speakers: Set<number>
  clusters: Set<number>
}

/**
 * The dates a dated article's story companions can have: storyScore gives any article dated further
 * away 0, so the search starts inside the window rather than among the entity's latest articles.
 */
function storyWindow(publishedAt: string | null): { from: string; to: string } | null {
  const at = publishedAt ? Date.parse(publishedAt) : NaN
  if (Number.isNaN(at)) return null
  const span = STORY_WINDOW_DAYS * 86_400_000
  return { from: new Date(at - span).toISOString(), to: new Date(at + span).toISOString() }
}

/**
 * The story a newly stored article belongs to: the story of the best-scoring candidate article, or
 * a new story. Candidates are articles within the story window sharing the article's rarest entities
 * (for an undated article, the latest ones), or sharing a quote variant: a bounded set, never the archive.
 */
export function assignStory(
  s: Statements,
  article: WrittenArticle,
): { storyId: number; created: boolean } {
  const total = s.articleTotal.get() as number
  const entities = new Map<number, number>()
  for (const [id, articleCount] of article.entityArticles) entities.set(id, rarity(articleCount, total))
  const self: StoryArticle = {
    publishedAt: article.publishedAt,
    headline: article.headline,
    headlineTerms: headlineTerms(article.headline),
    entities,
    speakers: article.speakers,
    clusters: article.clusters,
  }
  const prelim = new Map<number, number>()
  const seeds = [...self.entities].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, SEED_ENTITIES)
  const near = storyWindow(article.publishedAt)
  for (const [entityId, weight] of seeds) {
    const ids = near
      ? [
          ...(s.articlesByEntityNear.all({ entityId, articleId: article.id, ...near }) as number[]),
          ...(s.undatedArticlesByEntity.all(entityId, article.id) as number[]),
        ]
      : (s.articlesByEntity.all(entityId, article.id) as number[])
    for (const id of ids) prelim.set(id, (prelim.get(id) ?? 0) + weight)
  }
  const candidates = [...prelim].sort((a, b) => b[1] - a[1] || b[0] - a[0]).slice(0, SCORED_CANDIDATES).map(([id]) => id)
  for (const clusterId of self.clusters) {
    for (const id of s.articlesByCluster.all(clusterId, article.id) as number[]) if (!candidates.includes(id)) candidates.push(id)
  }

  let best: { storyId: number; score: number } | null = null
  const stored = loadStoryArticles(s, candidates, total)
  for (const id of candidates) {
    const other = stored.get(id)
    if (!other || other.storyId === null) continue
    const score = storyScore(self, other)
    if (score >= STORY_THRESHOLD && (!best || score > best.score)) best = { storyId: other.storyId, score }
  }
  const counts = { articles: 1, quotes: article.quoteCount, first: article.publishedAt, last: article.publishedAt }
  const storyId = best?.storyId ?? Number(s.insertStory.run({ title: article.headline ?? article.doc, createdAt: new Date().toISOString(), ...counts }).lastInsertRowid)
  s.setArticleStory.run(storyId, article.id)
  if (best) s.countStory.run({ id: storyId, ...counts })
  return { storyId, created: !best }
}
