import type { Database, Statement } from 'better-sqlite3'
import { forgetQuoteFeatures } from './quotes.js'

/**
 * Removing an article undoes what storing it did. Every counter is recomputed from the rows that
 * remain rather than decremented, so a delete also repairs nothing it should not: each recomputation
 * is the same sum the store keeps incrementally (see statements.ts).
 */
function prepareAll(db: Database) {
  const p = (sql: string) => db.prepare(sql)
  return {
    article: p('SELECT id, source_id AS sourceId, wire_id AS wireId, story_id AS storyId, headline, doc FROM articles WHERE id = ?'),
    entitiesOf: p(`SELECT entity_id FROM mentions WHERE article_id = @id
      UNION SELECT speaker_id FROM quotes WHERE article_id = @id AND speaker_id IS NOT NULL
      UNION SELECT entity_id FROM article_entities WHERE article_id = @id`).pluck(),
    clustersOf: p('SELECT DISTINCT cluster_id FROM quotes WHERE article_id = ? AND cluster_id IS NOT NULL').pluck(),

    deletePhrases: p('DELETE FROM quoted_phrases WHERE article_id = ?'),
    deleteMentions: p('DELETE FROM mentions WHERE article_id = ?'),
    deleteArticleEntities: p('DELETE FROM article_entities WHERE article_id = ?'),
    deleteQuotes: p('DELETE FROM quotes WHERE article_id = ?'),
    deleteArticle: p('DELETE FROM articles WHERE id = ?'),

    // An outlet counts the articles it published and the articles it is the wire of, each once.
    countSource: p('UPDATE sources SET article_count = (SELECT count(*) FROM articles WHERE source_id = @id OR wire_id = @id) WHERE id = @id'),
    deleteEmptySource: p('DELETE FROM sources WHERE id = ? AND article_count = 0'),

    clusterSize: p('SELECT count(*) FROM quotes WHERE cluster_id = ?').pluck(),
    unclusterQuotes: p('UPDATE quotes SET cluster_id = NULL WHERE cluster_id = ?'),
    deleteCluster: p('DELETE FROM quote_clusters WHERE id = ?'),
    countCluster: p(`UPDATE quote_clusters SET
        size = (SELECT count(*) FROM quotes WHERE cluster_id = @id),
        source_count = (SELECT count(DISTINCT coalesce(a.source_id, -a.id)) FROM quotes q
          JOIN articles a ON a.id = q.article_id WHERE q.cluster_id = @id),
        speaker_id = CASE WHEN speaker_id IN (SELECT speaker_id FROM quotes WHERE cluster_id = @id) THEN speaker_id
          ELSE (SELECT speaker_id FROM quotes WHERE cluster_id = @id AND speaker_id IS NOT NULL ORDER BY id LIMIT 1) END
      WHERE id = @id`),

    countEntity: p(`UPDATE entities SET
        mention_count = (SELECT count(*) FROM mentions WHERE entity_id = @id),
        article_count = (SELECT count(*) FROM article_entities WHERE entity_id = @id),
        quote_count = (SELECT count(*) FROM quotes WHERE speaker_id = @id),
        first_quoted_at = (SELECT min(published_at) FROM quotes WHERE speaker_id = @id),
        last_quoted_at = (SELECT max(published_at) FROM quotes WHERE speaker_id = @id)
      WHERE id = @id`),
    // Only an entity nothing refers to any more; its aliases go with it (ON DELETE CASCADE).
    deleteOrphanEntity: p(`DELETE FROM entities WHERE id = @id AND mention_count = 0 AND article_count = 0 AND quote_count = 0
      AND NOT EXISTS (SELECT 1 FROM quote_clusters WHERE speaker_id = @id)`),

    countStory: p(`UPDATE stories SET
        article_count = (SELECT count(*) FROM articles WHERE story_id = @id),
        quote_count = (SELECT coalesce(sum(quote_count), 0) FROM articles WHERE story_id = @id),
        first_published_at = (SELECT min(published_at) FROM articles WHERE story_id = @id),
        last_published_at = (SELECT max(published_at) FROM articles WHERE story_id = @id)
      WHERE id = @id`),
    deleteEmptyStory: p('DELETE FROM stories WHERE id = ? AND article_count = 0'),
    // A story is titled after its first article; when that one goes, the next remaining one names it.
    retitleStory: p(`UPDATE stories SET title = (SELECT coalesce(headline, doc) FROM articles WHERE story_id = @id ORDER BY id LIMIT 1)
      WHERE id = @id AND title = @title AND EXISTS (SELECT 1 FROM articles WHERE story_id = @id)`),
  } satisfies Record<string, Statement>
}

type Statements = ReturnType<typeof prepareAll>
const cache = new WeakMap<Database, { s: Statements; run: (id: number) => boolean }>()

interface ArticleRow {
  id: number
  sourceId: number | null
  wireId: number | null
  storyId: number | null
  headline: string | null
  doc: string
}

function removeArticle(s: Statements, id: number): boolean {
  const row = s.article.get(id) as ArticleRow | undefined
  if (!row) return false
  const entities = s.entitiesOf.all({ id }) as number[]
  const clusters = s.clustersOf.all(id) as number[]

  s.deletePhrases.run(id)
  s.deleteMentions.run(id)
  s.deleteArticleEntities.run(id)
  s.deleteQuotes.run(id)
  s.deleteArticle.run(id)

  for (const sourceId of new Set([row.sourceId, row.wireId])) {
    if (sourceId === null) continue
    s.countSource.run({ id: sourceId })
    s.deleteEmptySource.run(sourceId)
  }
  // Clusters before entities: a cluster names its speaker, and a lone quote is no variant of anything.
  for (const clusterId of clusters) {
    if ((s.clusterSize.get(clusterId) as number) <= 1) {
      s.unclusterQuotes.run(clusterId)
      s.deleteCluster.run(clusterId)
    } else s.countCluster.run({ id: clusterId })
  }
  for (const entityId of entities) {
    s.countEntity.run({ id: entityId })
    s.deleteOrphanEntity.run({ id: entityId })
  }
  if (row.storyId !== null) {
    s.countStory.run({ id: row.storyId })
    s.retitleStory.run({ id: row.storyId, title: row.headline ?? row.doc })
    s.deleteEmptyStory.run(row.storyId)
  }
  return true
}

/**
 * Deletes an article with its mentions, quotes and quoted phrases, in one transaction, and puts every
 * count and grouping it took part in right: its sources, the entities it mentions or quotes (an
 * entity nothing refers to any more is removed), the quote clusters of its quotes (one left with a
 * single quote is dissolved) and its story (removed when empty). Stories and clusters of the
 * remaining articles are not re-linked. Returns false when there is no such article.
 */
export function deleteArticle(db: Database, id: number): boolean {
  let entry = cache.get(db)
  if (!entry) {
    const s = prepareAll(db)
    const tx = db.transaction((articleId: number) => removeArticle(s, articleId))
    entry = { s, run: (articleId) => tx.immediate(articleId) }
    cache.set(db, entry)
  }
  try {
    return entry.run(id)
  } finally {
    // Quote ids are reused once the highest ones are gone: cached features must not outlive them.
    forgetQuoteFeatures(db)
  }
}
