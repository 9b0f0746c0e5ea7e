import { rarity, storyScore, STORY_THRESHOLD, STORY_WINDOW_DAYS, type StoryArticle } from '../../linking/stories.js'
import type { Statements } from './statements.js'

/** How many of the article's rarest entities seed the candidate search, and how many candidates are scored. */
const SEED_ENTITIES = 10
const SCORED_CANDIDATES = 10

function loadStoryArticle(s: Statements, articleId: number, total: number): (StoryArticle & { storyId: number | null }) | null {
  const row = s.storyArticle.get(articleId) as { storyId: number | null; publishedAt: string | null; headline: string | null } | undefined
  if (!row) return null
  const entities = new Map<number, number>()
  for (const e of s.storyArticleEntities.all(articleId) as { id: number; articleCount: number }[]) {
    entities.set(e.id, rarity(e.articleCount, total))
  }
  return {
    ...row,
    entities,
    speakers: new Set(s.storyArticleSpeakers.all(articleId) as number[]),
    clusters: new Set(s.storyArticleClusters.all(articleId) as number[]),
  }
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
  article: { id: number; headline: string | null; doc: string; publishedAt: string | null; quoteCount: number },
): { storyId: number; created: boolean } {
  const total = s.articleTotal.get() as number
  const self = loadStoryArticle(s, article.id, total)!
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
  for (const id of candidates) {
    const other = loadStoryArticle(s, id, total)
    if (!other || other.storyId === null) continue
    const score = storyScore(self, other)
    if (score >= STORY_THRESHOLD && (!best || score > best.score)) best = { storyId: other.storyId, score }
  }
  let storyId = best?.storyId
  const created = storyId === undefined
  if (storyId === undefined) {
    storyId = Number(s.insertStory.run(article.headline ?? article.doc, new Date().toISOString()).lastInsertRowid)
  }
  s.setArticleStory.run(storyId, article.id)
  s.countStory.run({ id: storyId, quotes: article.quoteCount, at: article.publishedAt })
  return { storyId, created }
}
