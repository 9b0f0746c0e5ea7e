import type { Database, Statement } from 'better-sqlite3'
import { LOOKUP_TERMS, TERM_CANDIDATES } from './quotes.js'
import { multiRowInsert } from './rows.js'

/** Every statement the store runs, prepared once per database handle. */
function prepareAll(db: Database) {
  const p = (sql: string) => db.prepare(sql)
  return {
    articleByHash: p('SELECT id FROM articles WHERE content_hash = ?').pluck(),
    articleTotal: p('SELECT coalesce(max(id), 0) FROM articles').pluck(),
    insertArticle: p(`INSERT INTO articles (content_hash, doc, source_id, wire_id, story_id, url, headline, dateline, published_at,
        published_local, author, language, body, captions, word_count, quote_count, entity_count, loaded_at)
      VALUES (@contentHash, @doc, @sourceId, @wireId, @storyId, @url, @headline, @dateline, @publishedAt,
        @publishedLocal, @author, @language, @body, @captions, @wordCount, @quoteCount, @entityCount, @loadedAt)`),
    setArticleStory: p('UPDATE articles SET story_id = ? WHERE id = ?'),

    sourceBySlug: p('SELECT id FROM sources WHERE slug = ?').pluck(),
    insertSource: p('INSERT INTO sources (slug, name, kind) VALUES (?, ?, ?)'),
    countSourceArticle: p('UPDATE sources SET article_count = article_count + 1 WHERE id = ?'),

    entityByKey: p('SELECT id FROM entities WHERE key = ?').pluck(),
    entitiesByAliasNorm: p(`SELECT DISTINCT e.id, e.name FROM entity_aliases a JOIN entities e ON e.id = a.entity_id
      WHERE a.norm = ? AND e.type = ? LIMIT 8`),
    insertEntity: p('INSERT INTO entities (key, type, name) VALUES (?, ?, ?)'),
    insertAlias: p('INSERT OR IGNORE INTO entity_aliases (entity_id, alias, norm) VALUES (?, ?, ?)'),
    // What articles add to an entity's counts; @first and @last are the earliest and latest dates its
    // quotes were published at among them (null: none dated).
    countEntity: p(`UPDATE entities SET
        mention_count = mention_count + @mentions,
        article_count = article_count + @articles,
        quote_count = quote_count + @quotes,
        first_quoted_at = CASE WHEN @first IS NOT NULL AND (first_quoted_at IS NULL OR @first < first_quoted_at)
          THEN @first ELSE first_quoted_at END,
        last_quoted_at = CASE WHEN @last IS NOT NULL AND (last_quoted_at IS NULL OR @last > last_quoted_at)
          THEN @last ELSE last_quoted_at END
      WHERE id = @id
      RETURNING article_count`).pluck(),

    insertQuote: p(`INSERT INTO quotes (article_id, speaker_id, cluster_id, text, start, end, cue, cue_start, cue_end, speaker_text,
        speaker_start, speaker_end, role, resolution, confidence, published_at)
      VALUES (@articleId, @speakerId, @clusterId, @text, @start, @end, @cue, @cueStart, @cueEnd, @speakerText,
        @speakerStart, @speakerEnd, @role, @resolution, @confidence, @publishedAt)`),
    insertPhrase: p('INSERT INTO quoted_phrases (article_id, kind, text, start, end) VALUES (?, ?, ?, ?, ?)'),

    // Variant candidates: the speaker's most recent quotes, and quotes sharing the rarest words.
    quotesBySpeaker: p(`SELECT id, text, speaker_id AS speakerId, cluster_id AS clusterId FROM quotes
      WHERE speaker_id = ? AND article_id <> ? ORDER BY published_at DESC, id DESC LIMIT 60`),
    // A dated quote's speaker route: the speaker's quotes dated near it, where the other reports of a statement are.
    quotesBySpeakerNear: p(`SELECT id, text, speaker_id AS speakerId, cluster_id AS clusterId FROM quotes
      WHERE speaker_id = @speakerId AND article_id <> @articleId AND published_at BETWEEN @from AND @to
      ORDER BY published_at DESC, id DESC LIMIT 60`),
    // Per hashed term (migrations/010_quote_keys.sql), its most recent quotes: 20 ids from one index
    // seek, for each of a quote's look-up terms at once (a missing one is null).
    quoteIdsByKeys: p(
      new Array<string>(LOOKUP_TERMS).fill('SELECT quote_id FROM (SELECT quote_id FROM quote_keys WHERE key = ? ORDER BY quote_id DESC LIMIT 20)').join(' UNION ALL '),
    ).pluck(),
    // The quotes found by their terms that a new quote is compared with, read at once (a missing one is null).
    variantCandidates: p(`SELECT id, text, speaker_id AS speakerId, cluster_id AS clusterId, article_id AS articleId FROM quotes
      WHERE id IN (${new Array<string>(TERM_CANDIDATES).fill('?').join(', ')})`),
    deleteQuoteKey: p('DELETE FROM quote_keys WHERE key = ? AND quote_id = ?'),
    quoteTexts: p('SELECT id, text FROM quotes WHERE article_id = ?'),
    anyQuoteKey: p('SELECT EXISTS (SELECT 1 FROM quote_keys)').pluck(),
    anyQuote: p('SELECT EXISTS (SELECT 1 FROM quotes)').pluck(),
    quoteTextsAfter: p('SELECT id, text FROM quotes WHERE id > ? ORDER BY id LIMIT 1000'),
    insertCluster: p('INSERT INTO quote_clusters (speaker_id) VALUES (?)'),
    setQuoteCluster: p('UPDATE quotes SET cluster_id = ? WHERE id = ?'),
    quoteCluster: p('SELECT cluster_id FROM quotes WHERE id = ?').pluck(),
    countCluster: p(`UPDATE quote_clusters SET
        size = (SELECT count(*) FROM quotes WHERE cluster_id = @id),
        source_count = (SELECT count(DISTINCT coalesce(a.source_id, -a.id)) FROM quotes q
          JOIN articles a ON a.id = q.article_id WHERE q.cluster_id = @id),
        speaker_id = coalesce(speaker_id, (SELECT speaker_id FROM quotes WHERE cluster_id = @id AND speaker_id IS NOT NULL LIMIT 1))
      WHERE id = @id`),

    // Story candidates: recent articles sharing an entity, and articles sharing a quote variant.
    articlesByEntity: p(`SELECT article_id FROM article_entities WHERE entity_id = ? AND article_id <> ?
      ORDER BY published_at DESC, article_id DESC LIMIT 40`).pluck(),
    // A dated article's candidates: articles dated within its story window, and undated ones.
    articlesByEntityNear: p(`SELECT article_id FROM article_entities WHERE entity_id = @entityId AND article_id <> @articleId
      AND published_at BETWEEN @from AND @to ORDER BY published_at DESC, article_id DESC LIMIT 40`).pluck(),
    undatedArticlesByEntity: p(`SELECT article_id FROM article_entities WHERE entity_id = ? AND article_id <> ?
      AND published_at IS NULL ORDER BY article_id DESC LIMIT 10`).pluck(),
    articlesByCluster: p('SELECT DISTINCT article_id FROM quotes WHERE cluster_id = ? AND article_id <> ? LIMIT 40').pluck(),
    // Articles as the story linker sees them, for a JSON array of article ids at once, as rows of values.
    storyArticles: p('SELECT id, story_id, published_at, headline FROM articles WHERE id IN (SELECT value FROM json_each(?))').raw(),
    storyArticlesEntities: p(`SELECT ae.article_id, ae.entity_id, e.article_count FROM article_entities ae JOIN entities e ON e.id = ae.entity_id
      WHERE ae.article_id IN (SELECT value FROM json_each(?)) ORDER BY ae.article_id, ae.entity_id`).raw(),
    storyArticlesQuotes: p('SELECT article_id, speaker_id, cluster_id FROM quotes WHERE article_id IN (SELECT value FROM json_each(?))').raw(),
    // A new story with what its first articles add to its counts (see countStory).
    insertStory: p(`INSERT INTO stories (title, created_at, article_count, quote_count, first_published_at, last_published_at)
      VALUES (@title, @createdAt, @articles, @quotes, @first, @last)`),
    // What articles add to a story's counts; @first and @last are their earliest and latest dates (null: none dated).
    countStory: p(`UPDATE stories SET
        article_count = article_count + @articles,
        quote_count = quote_count + @quotes,
        first_published_at = CASE WHEN @first IS NOT NULL AND (first_published_at IS NULL OR @first < first_published_at)
          THEN @first ELSE first_published_at END,
        last_published_at = CASE WHEN @last IS NOT NULL AND (last_published_at IS NULL OR @last > last_published_at)
          THEN @last ELSE last_published_at END
      WHERE id = @id`),
  } satisfies Record<string, Statement>
}

/** The inserts an article runs for many rows at once (see multiRowInsert): values of one row after another. */
function prepareMultiRow(db: Database) {
  return {
    insertMentions: multiRowInsert(db, 'INSERT INTO mentions (article_id, entity_id, start, end, text)', 5),
    insertArticleEntities: multiRowInsert(db, 'INSERT INTO article_entities (article_id, entity_id, mentions, published_at)', 4),
    insertQuoteKeys: multiRowInsert(db, 'INSERT OR IGNORE INTO quote_keys (key, quote_id)', 2),
  }
}

export type Statements = ReturnType<typeof prepareAll> & ReturnType<typeof prepareMultiRow>

const cache = new WeakMap<Database, Statements>()

/** The prepared statements of this handle, prepared on first use. */
export function statements(db: Database): Statements {
  let s = cache.get(db)
  if (!s) {
    s = { ...prepareAll(db), ...prepareMultiRow(db) }
    cache.set(db, s)
  }
  return s
}
