import type { Database, Statement } from 'better-sqlite3'
import { storyScore, STORY_THRESHOLD } from '../../linking/stories.js'
import { clusterQuote, ensureQuoteKeys, forgetQuoteFeatures, forgetQuoteKeys, quoteText, variantCandidates } from './quotes.js'
import { statements, type Statements as StoreStatements } from './statements.js'
import { loadStoryArticles } from './stories.js'

/**
 * Removing an article leaves the archive as if the article had never been loaded. Counters lose
 * what the article added to them (recounting an entity named in most of a million articles reads
 * millions of index entries); what depends on which rows remain (an entity's first and last quote,
 * a source's kind) is looked up again through its index. What the article took part in
 * linking is linked again, in load order, as the loader would have linked it without the article:
 * the quotes of its variant clusters, and the articles that joined its story after it.
 */
function prepareAll(db: Database) {
  const p = (sql: string) => db.prepare(sql)
  return {
    article: p('SELECT id, source_id AS sourceId, wire_id AS wireId, story_id AS storyId FROM articles WHERE id = ?'),
    // What the article added to each entity's counters.
    entityShares: p(`SELECT entity_id AS id, sum(m) AS mentions, sum(a) AS articles, sum(q) AS quotes FROM (
        SELECT entity_id, 1 AS m, 0 AS a, 0 AS q FROM mentions WHERE article_id = @id
        UNION ALL SELECT entity_id, 0, 1, 0 FROM article_entities WHERE article_id = @id
        UNION ALL SELECT speaker_id, 0, 0, 1 FROM quotes WHERE article_id = @id AND speaker_id IS NOT NULL)
      GROUP BY entity_id`),
    mentionTexts: p('SELECT DISTINCT entity_id AS entityId, text FROM mentions WHERE article_id = ?'),
    clustersOf: p('SELECT DISTINCT cluster_id FROM quotes WHERE article_id = ? AND cluster_id IS NOT NULL').pluck(),

    deletePhrases: p('DELETE FROM quoted_phrases WHERE article_id = ?'),
    deleteMentions: p('DELETE FROM mentions WHERE article_id = ?'),
    deleteArticleEntities: p('DELETE FROM article_entities WHERE article_id = ?'),
    deleteQuotes: p('DELETE FROM quotes WHERE article_id = ?'),
    deleteArticle: p('DELETE FROM articles WHERE id = ?'),

    // An outlet counts the articles it published and the articles it is the wire of, each once,
    // and is of the kind its earliest remaining article names it as: looked up again only when the
    // deleted article was its earliest.
    uncountSource: p(`UPDATE sources SET
        article_count = article_count - 1,
        kind = CASE WHEN EXISTS (SELECT 1 FROM articles WHERE source_id = @id AND id < @deleted)
            OR EXISTS (SELECT 1 FROM articles WHERE wire_id = @id AND id < @deleted) THEN kind
          ELSE coalesce((SELECT CASE WHEN source_id = @id THEN 'outlet' ELSE 'wire' END FROM articles
            WHERE source_id = @id OR wire_id = @id ORDER BY id LIMIT 1), kind) END
      WHERE id = @id`),
    deleteEmptySource: p('DELETE FROM sources WHERE id = ? AND article_count = 0'),

    clusterMembers: p(`SELECT id, article_id AS articleId, text, speaker_id AS speakerId, published_at AS publishedAt FROM quotes
      WHERE cluster_id IN (SELECT value FROM json_each(?)) ORDER BY id`),
    unclusterQuote: p('UPDATE quotes SET cluster_id = NULL WHERE id = ?'),
    deleteCluster: p('DELETE FROM quote_clusters WHERE id = ?'),

    uncountEntity: p(`UPDATE entities SET
        mention_count = mention_count - @mentions,
        article_count = article_count - @articles,
        quote_count = quote_count - @quotes,
        first_quoted_at = (SELECT min(published_at) FROM quotes WHERE speaker_id = @id),
        last_quoted_at = (SELECT max(published_at) FROM quotes WHERE speaker_id = @id)
      WHERE id = @id`),
    // An alias is the entity's name or the text of one of its mentions: one the deleted article wrote
    // and no remaining mention writes goes, or it would go on merging new articles' names into it
    // (entity_aliases.mentions counts the mentions writing it, kept by triggers; the article's are gone by then).
    deleteUnusedAlias: p(`DELETE FROM entity_aliases WHERE entity_id = @id AND alias = @alias AND mentions <= 0
      AND alias <> (SELECT name FROM entities WHERE id = @id)`),
    // Only an entity nothing refers to any more; its aliases go with it (ON DELETE CASCADE).
    deleteOrphanEntity: p(`DELETE FROM entities WHERE id = @id AND mention_count = 0 AND article_count = 0 AND quote_count = 0
      AND NOT EXISTS (SELECT 1 FROM quote_clusters WHERE speaker_id = @id)`),

    storyMembersAfter: p('SELECT id, headline, doc, published_at AS publishedAt FROM articles WHERE story_id = ? AND id > ? ORDER BY id'),
    unlinkArticle: p('UPDATE articles SET story_id = NULL WHERE id = ?'),
    // Story candidates as the loader finds them, among the articles stored before this one.
    earlierByEntity: p(`SELECT article_id FROM article_entities WHERE entity_id = ? AND article_id < ?
      ORDER BY published_at DESC, article_id DESC LIMIT 40`).pluck(),
    earlierByCluster: p('SELECT DISTINCT article_id FROM quotes WHERE cluster_id = ? AND article_id < ? LIMIT 40').pluck(),
    countStory: p(`UPDATE stories SET
        article_count = (SELECT count(*) FROM articles WHERE story_id = @id),
        quote_count = (SELECT coalesce(sum(quote_count), 0) FROM articles WHERE story_id = @id),
        first_published_at = (SELECT min(published_at) FROM articles WHERE story_id = @id),
        last_published_at = (SELECT max(published_at) FROM articles WHERE story_id = @id)
      WHERE id = @id`),
    deleteEmptyStory: p('DELETE FROM stories WHERE id = ? AND article_count = 0'),
  } satisfies Record<string, Statement>
}

type Statements = ReturnType<typeof prepareAll>

/** How many of an article's rarest entities seed its story candidates, and how many are scored (as when storing). */
const SEED_ENTITIES = 10
const SCORED_CANDIDATES = 10

interface ArticleRow {
  id: number
  sourceId: number | null
  wireId: number | null
  storyId: number | null
}

/**
 * Clusters again, in load order, the quotes of clusters that lost a member: a pair loses its
 * cluster, and quotes that joined only through a deleted quote (a bridge) go to their next best
 * variant among the quotes stored before them, or to none. Returns the clusters now holding them.
 */
function reclusterQuotes(db: Database, s: Statements, store: StoreStatements, clusters: number[]): Set<number> {
  const members = s.clusterMembers.all(JSON.stringify(clusters)) as {
    id: number
    articleId: number
    text: string
    speakerId: number | null
    publishedAt: string | null
  }[]
  for (const q of members) s.unclusterQuote.run(q.id)
  for (const id of clusters) s.deleteCluster.run(id)
  const touched = new Set<number>()
  for (const member of members) {
    const q = { ...member, ...quoteText(member.text) }
    const earlier = variantCandidates(store, q).filter((c) => c.id < q.id)
    const cluster = clusterQuote(db, store, q, earlier)
    if (cluster !== null) touched.add(cluster)
  }
  for (const id of touched) store.countCluster.run({ id })
  return touched
}

/** The story an article would have joined among the articles stored before it, as the loader scores them; null for a new one. */
function earlierStory(s: Statements, store: StoreStatements, articleId: number, total: number): number | null {
  const self = loadStoryArticles(store, [articleId], total).get(articleId)!
  const prelim = new Map<number, number>()
  const seeds = [...self.entities].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, SEED_ENTITIES)
  for (const [entityId, weight] of seeds) {
    for (const id of s.earlierByEntity.all(entityId, articleId) as number[]) prelim.set(id, (prelim.get(id) ?? 0) + weight)
  }
  const candidates = [...prelim].sort((a, b) => b[1] - a[1] || b[0] - a[0]).slice(0, SCORED_CANDIDATES).map(([id]) => id)
  for (const clusterId of self.clusters) {
    for (const id of s.earlierByCluster.all(clusterId, articleId) as number[]) if (!candidates.includes(id)) candidates.push(id)
  }
  let best: { storyId: number; score: number } | null = null
  const stored = loadStoryArticles(store, candidates, total)
  for (const id of candidates) {
    const other = stored.get(id)
    if (!other || other.storyId === null) continue
    const score = storyScore(self, other)
    if (score >= STORY_THRESHOLD && (!best || score > best.score)) best = { storyId: other.storyId, score }
  }
  return best?.storyId ?? null
}

/**
 * Links again, in load order, the articles that joined a story after the deleted article: each may
 * have joined only through it, and the first of them founds a story of its own when the deleted
 * article was the one that founded this one.
 */
function relinkStory(s: Statements, store: StoreStatements, storyId: number, deletedId: number): Set<number> {
  const later = s.storyMembersAfter.all(storyId, deletedId) as { id: number; headline: string | null; doc: string; publishedAt: string | null }[]
  for (const a of later) s.unlinkArticle.run(a.id)
  const touched = new Set([storyId])
  const total = store.articleTotal.get() as number
  for (const a of later) {
    let id = earlierStory(s, store, a.id, total)
    // Counted with the other stories touched (countStory below), once every article is placed.
    const empty = { articles: 0, quotes: 0, first: null, last: null }
    if (id === null) id = Number(store.insertStory.run({ title: a.headline ?? a.doc, createdAt: new Date().toISOString(), ...empty }).lastInsertRowid)
    store.setArticleStory.run(id, a.id)
    touched.add(id)
  }
  return touched
}

function removeArticle(db: Database, s: Statements, id: number): boolean {
  const row = s.article.get(id) as ArticleRow | undefined
  if (!row) return false
  const store = statements(db)
  // Variant look-ups go through the quotes' term keys: an archive stored before they existed gets them first.
  ensureQuoteKeys(store)
  const entityShares = s.entityShares.all({ id }) as { id: number; mentions: number; articles: number; quotes: number }[]
  const mentionTexts = s.mentionTexts.all(id) as { entityId: number; text: string }[]
  const clusters = s.clustersOf.all(id) as number[]

  s.deletePhrases.run(id)
  s.deleteMentions.run(id)
  s.deleteArticleEntities.run(id)
  forgetQuoteKeys(store, id)
  s.deleteQuotes.run(id)
  s.deleteArticle.run(id)

  for (const sourceId of new Set([row.sourceId, row.wireId])) {
    if (sourceId === null) continue
    s.uncountSource.run({ id: sourceId, deleted: id })
    s.deleteEmptySource.run(sourceId)
  }
  // Clusters before entities (a cluster names its speaker), entities before stories (stories weigh entities by rarity).
  if (clusters.length) reclusterQuotes(db, s, store, clusters)
  for (const { entityId, text } of mentionTexts) s.deleteUnusedAlias.run({ id: entityId, alias: text })
  for (const share of entityShares) {
    s.uncountEntity.run(share)
    s.deleteOrphanEntity.run({ id: share.id })
  }
  if (row.storyId !== null) {
    for (const storyId of relinkStory(s, store, row.storyId, id)) {
      s.countStory.run({ id: storyId })
      s.deleteEmptyStory.run(storyId)
    }
  }
  return true
}

const cache = new WeakMap<Database, (id: number) => boolean>()

/**
 * Deletes an article with its mentions, quotes and quoted phrases, in one transaction, and puts every
 * count and grouping it took part in right: its sources, the entities it mentions or quotes (with
 * the aliases only it wrote; an entity nothing refers to any more is removed), the variant clusters
 * of its quotes and the story it belonged to (both linked again without it). Returns false when
 * there is no such article.
 */
export function deleteArticle(db: Database, id: number): boolean {
  let run = cache.get(db)
  if (!run) {
    const s = prepareAll(db)
    const tx = db.transaction((articleId: number) => removeArticle(db, s, articleId))
    run = (articleId) => tx.immediate(articleId)
    cache.set(db, run)
  }
  try {
    return run(id)
  } finally {
    // Quote ids are reused once the highest ones are gone: cached features must not outlive them.
    forgetQuoteFeatures(db)
  }
}
