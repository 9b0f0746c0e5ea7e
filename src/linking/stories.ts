import { STOPWORDS, words } from './text.js'

/** Two articles further apart than this (both dates known) report different events. */
export const STORY_WINDOW_DAYS = 4

/** Score at which an article joins the story of a candidate article. */
export const STORY_THRESHOLD = 0.5

/** What the story linker knows about one article. */
export interface StoryArticle {
  publishedAt: string | null
  headline: string | null
  /** entity id → rarity weight (inverse document frequency) */
  entities: Map<number, number>
  speakers: Set<number>
  clusters: Set<number>
  /** headlineTerms(headline), when already known: an article is scored against several candidates. */
  headlineTerms?: Set<string>
}

/**
 * Rarity of an entity mentioned in `articleCount` of `total` articles: rare names say more about
 * the event. A young archive counts as 50 articles, so its first few articles do not make every
 * shared name look common.
 */
export function rarity(articleCount: number, total: number): number {
  return Math.log(1 + Math.max(total, 50) / Math.max(articleCount, 1))
}

export function headlineTerms(headline: string | null): Set<string> {
  return new Set(words(headline ?? '').filter((w) => w.length > 2 && !STOPWORDS.has(w)))
}

function withinWindow(a: string | null, b: string | null): boolean {
  if (!a || !b) return true
  const days = Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000
  return !(days > STORY_WINDOW_DAYS)
}

/**
 * How strongly two articles report the same event (0 = unrelated; ≥ STORY_THRESHOLD = same story):
 * the rarity-weighted cosine of their entities, plus shared speakers, shared quote variants and
 * shared headline words. Without a shared quote, at least three shared entities are needed.
 * Articles with known dates outside the window never match; an undated article is judged on
 * content alone.
 */
export function storyScore(a: StoryArticle, b: StoryArticle): number {
  if (!withinWindow(a.publishedAt, b.publishedAt)) return 0
  let dot = 0
  let sharedCount = 0
  let normA = 0
  let normB = 0
  for (const [id, w] of a.entities) {
    normA += w * w
    const other = b.entities.get(id)
    if (other !== undefined) {
      dot += w * other
      sharedCount++
    }
  }
  for (const w of b.entities.values()) normB += w * w
  const entityScore = normA && normB ? dot / Math.sqrt(normA * normB) : 0

  let speakers = 0
  for (const s of a.speakers) if (b.speakers.has(s)) speakers++
  let clusters = 0
  for (const c of a.clusters) if (b.clusters.has(c)) clusters++
  if (clusters === 0 && sharedCount < 3) return 0

  const ha = a.headlineTerms ?? headlineTerms(a.headline)
  const hb = b.headlineTerms ?? headlineTerms(b.headline)
  let headShared = 0
  for (const t of ha) if (hb.has(t)) headShared++
  const headlineScore = ha.size && hb.size ? headShared / Math.sqrt(ha.size * hb.size) : 0

  return 0.7 * entityScore + 0.1 * Math.min(speakers, 2) + 0.3 * headlineScore + (clusters > 0 ? 0.3 : 0)
}
