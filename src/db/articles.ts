/** Read queries over articles: the filtered, faceted list and one article with every annotation. */
import type { Database } from 'better-sqlite3'
import { all, entityType, get, sortedPage, sourceRef, speakerIds, speakerIn, when, where, type Page, type Params, type RankKey, type TimeKey } from './read.js'
import { ftsQuery, leadSnippet, markedSnippet, withMatch } from './fts.js'
import { matchTerms, snippet } from './snippet.js'
import { quotesOfArticle, type QuoteRow, toQuote } from './quotes.js'

export interface ArticleFilters {
  q?: string
  source?: string
  wire?: string
  /** an id, or a name standing for every speaker known by it */
  speaker?: number | string
  entity?: number[]
  story?: number
  from?: string
  /** exclusive */
  to?: string
  language?: string
}

export type ArticleSort = 'newest' | 'oldest' | 'relevance'
export type ArticleFacet = 'source' | 'wire' | 'speaker' | 'entity' | 'language'

export interface SummaryRow {
  id: number
  headline: string | null
  url: string | null
  published_at: string | null
  language: string
  story_id: number | null
  quote_count: number
  entity_count: number
  source_slug: string | null
  source_name: string | null
  wire_slug: string | null
  wire_name: string | null
  lead: string
  rank: number | null
  snip: string | null
}

/**
 * Columns of an article as listed; expects `a` and the joins of SUMMARY_JOINS. The lead and the
 * counts come from article_leads: in the articles row they lie past the body, and reading them
 * there would read the whole body.
 */
export const SUMMARY_COLUMNS = `a.id, a.headline, a.url, a.published_at, a.language, a.story_id,
  coalesce(l.quote_count, a.quote_count) AS quote_count, coalesce(l.entity_count, a.entity_count) AS entity_count,
  s.slug AS source_slug, s.name AS source_name, w.slug AS wire_slug, w.name AS wire_name,
  coalesce(l.lead, substr(a.body, 1, 400)) AS lead, NULL AS rank, NULL AS snip`

export const SOURCES_JOIN = `LEFT JOIN sources s ON s.id = a.source_id LEFT JOIN sources w ON w.id = a.wire_id`

export const SUMMARY_JOINS = `${SOURCES_JOIN} LEFT JOIN article_leads l ON l.article_id = a.id`

/** The filtered set as FROM … WHERE, with the columns its time order is read from. */
interface FilteredSet {
  from: string
  cond: string
  time: string
  id: string
}

/**
 * Without a full-text query, an entity or speaker filter drives the read: its (entity|speaker,
 * published_at, article) index gives the articles already in time order, so a page costs a short
 * index walk however many articles the entity has, instead of collecting and sorting all of them.
 * The other filters are then checked against each article (one primary-key seek each). Every
 * fragment is fixed text with named parameters.
 */
function filtered(db: Database, filters: ArticleFilters, params: Params): FilteredSet {
  const fragments: Array<string | false> = []
  let from = 'articles a'
  let time = 'a.published_at'
  let id = 'a.id'
  const entities = filters.entity ?? []
  entities.forEach((entity, i) => (params[`entity${i}`] = entity))
  let driver: number | undefined
  let speakers = filters.speaker === undefined ? undefined : speakerIds(db, filters.speaker)
  if (filters.q) {
    params.match = ftsQuery(filters.q)
    from = 'articles_fts JOIN articles a ON a.id = articles_fts.rowid'
    fragments.push('articles_fts MATCH @match')
  } else if (entities.length) {
    driver = rarestEntity(db, entities)
    from = `article_entities d JOIN articles a ON a.id = d.article_id`
    fragments.push(`d.entity_id = @entity${driver}`)
    ;[time, id] = ['d.published_at', 'd.article_id']
  } else if (speakers?.length === 1) {
    params.speaker = speakers[0]
    from = `article_speakers d JOIN articles a ON a.id = d.article_id`
    fragments.push('d.speaker_id = @speaker')
    ;[time, id] = ['d.published_at', 'd.article_id']
    speakers = undefined
  }
  if (speakers !== undefined) {
    const among = speakerIn(db, 'sp.speaker_id', speakers, params)
    fragments.push(among === '0' ? '0' : `EXISTS (SELECT 1 FROM article_speakers sp WHERE sp.article_id = a.id AND ${among})`)
  }
  entities.forEach((_, i) => {
    if (i !== driver) fragments.push(`EXISTS (SELECT 1 FROM article_entities ae${i} WHERE ae${i}.article_id = a.id AND ae${i}.entity_id = @entity${i})`)
  })
  fragments.push(when(params, 'source', filters.source, 'a.source_id = (SELECT id FROM sources WHERE slug = @source)'))
  fragments.push(when(params, 'wire', filters.wire, 'a.wire_id = (SELECT id FROM sources WHERE slug = @wire)'))
  fragments.push(when(params, 'story', filters.story, 'a.story_id = @story'))
  fragments.push(when(params, 'from', filters.from, `${time} >= @from`))
  fragments.push(when(params, 'to', filters.to, `${time} < @to`))
  fragments.push(when(params, 'language', filters.language, 'a.language = @language'))
  return { from, cond: where(fragments), time, id }
}

const ENTITY_ARTICLES = 'SELECT article_count FROM entities WHERE id = @id'

/** Which of the filter's entities has the fewest articles: walking its index finds the page soonest. */
function rarestEntity(db: Database, entities: number[]): number {
  if (entities.length === 1) return 0
  let best = 0
  let fewest = Infinity
  entities.forEach((id, i) => {
    const count = get<{ article_count: number }>(db, ENTITY_ARTICLES, { id })?.article_count ?? 0
    if (count < fewest) [best, fewest] = [i, count]
  })
  return best
}

export function articleSummary(row: SummaryRow) {
  return {
    id: row.id,
    headline: row.headline,
    source: sourceRef(row.source_slug, row.source_name),
    wire: sourceRef(row.wire_slug, row.wire_name),
    published_at: row.published_at,
    url: row.url,
    language: row.language,
    story_id: row.story_id,
    snippet: row.snip ? markedSnippet(row.snip) : leadSnippet(row.lead),
    quote_count: row.quote_count,
    entity_count: row.entity_count,
  }
}

export type ArticleSummary = ReturnType<typeof articleSummary>

// Headline matches weigh three times body matches.
const RANK = 'bm25(articles_fts, 3.0, 1.0)'

// The page's rows, fetched once its keys are known: the wide columns (the lead reads the start of
// the body, a snippet the whole matched text) are then computed for the page alone rather than
// for every row a sort or a filter looks at. Snippets are cut in JavaScript (see snippet.ts), which
// costs a fraction of running the MATCH again per row for FTS5's snippet().
const SUMMARIES = `SELECT ${SUMMARY_COLUMNS} FROM json_each(@ids) k JOIN articles a ON a.id = k.value ${SUMMARY_JOINS} ORDER BY k.key`
// With the whole body, for a search's snippet, in the same read.
const MATCHED_SUMMARIES = `SELECT ${SUMMARY_COLUMNS}, a.body FROM json_each(@ids) k JOIN articles a ON a.id = k.value ${SUMMARY_JOINS} ORDER BY k.key`

function summaries(db: Database, ids: number[], match: string | number | null | undefined): ArticleSummary[] {
  if (match === undefined || match === null) return all<SummaryRow>(db, SUMMARIES, { ids: JSON.stringify(ids) }).map(articleSummary)
  const terms = matchTerms(String(match))
  return all<SummaryRow & { body: string }>(db, MATCHED_SUMMARIES, { ids: JSON.stringify(ids) }).map(({ body, ...row }) =>
    articleSummary({ ...row, snip: snippet([row.headline, body], terms) }),
  )
}

interface KeyRow {
  id: number
  published_at: string | null
  rank: number | null
}

export function listArticles(
  db: Database,
  filters: ArticleFilters,
  sort: ArticleSort,
  request: { limit: number; after?: TimeKey | RankKey },
): Page<ArticleSummary, TimeKey | RankKey> {
  const params: Params = {}
  const set = filtered(db, filters, params)
  const rank = filters.q ? RANK : 'NULL'
  const base = `SELECT ${set.id} AS id, ${set.time} AS published_at, ${rank} AS rank FROM ${set.from} WHERE ${set.cond}`
  return withMatch(() => {
    const page = sortedPage<KeyRow>(db, base, params, sort, request, set, (r) => r.published_at)
    return { items: summaries(db, page.items.map((r) => r.id), params.match), next: page.next }
  })
}

export interface FacetCount {
  value: string
  label: string
  count: number
}

const FACET_LIMIT = 20

/**
 * Each facet counts articles of the whole filtered set, not just the page: the filtered FROM/WHERE
 * with the facet's join, grouped. `{from}`/`{cond}` are the filter's own fragments.
 */
const FACET_SQL: Record<ArticleFacet, string> = {
  source: `SELECT s.slug AS value, s.name AS label, count(*) AS count FROM {from} JOIN sources s ON s.id = a.source_id
    WHERE {cond} GROUP BY a.source_id`,
  wire: `SELECT s.slug AS value, s.name AS label, count(*) AS count FROM {from} JOIN sources s ON s.id = a.wire_id
    WHERE {cond} GROUP BY a.wire_id`,
  language: `SELECT a.language AS value, a.language AS label, count(*) AS count FROM {from} WHERE {cond} GROUP BY a.language`,
  speaker: `SELECT CAST(e.id AS TEXT) AS value, e.name AS label, x.count FROM (
      SELECT asp.speaker_id, count(*) AS count FROM {from} JOIN article_speakers asp ON asp.article_id = a.id
      WHERE {cond} GROUP BY asp.speaker_id ORDER BY count DESC LIMIT @facet_scan
    ) x JOIN entities e ON e.id = x.speaker_id`,
  entity: `SELECT CAST(e.id AS TEXT) AS value, e.name AS label, x.count FROM (
      SELECT ae.entity_id, count(*) AS count FROM {from} JOIN article_entities ae ON ae.article_id = a.id
      WHERE {cond} GROUP BY ae.entity_id ORDER BY count DESC LIMIT @facet_scan
    ) x JOIN entities e ON e.id = x.entity_id`,
}

// Without filters the whole archive is the set, and counters kept beside it (by the store and by
// triggers, see migrations/005_read_paths.sql) already hold the answer.
const UNFILTERED_FACET_SQL: Partial<Record<ArticleFacet, string>> = {
  source: `SELECT s.slug AS value, s.name AS label, s.source_article_count AS count FROM sources s WHERE s.source_article_count > 0`,
  wire: `SELECT s.slug AS value, s.name AS label, s.wire_article_count AS count FROM sources s WHERE s.wire_article_count > 0`,
  entity: `SELECT CAST(e.id AS TEXT) AS value, e.name AS label, e.article_count AS count FROM entities e
    WHERE e.article_count > 0`,
  speaker: `SELECT CAST(e.id AS TEXT) AS value, e.name AS label, e.quoted_article_count AS count FROM entities e
    WHERE e.quoted_article_count > 0`,
}

export function articleFacets(db: Database, filters: ArticleFilters, facets: ArticleFacet[]): Partial<Record<ArticleFacet, FacetCount[]>> {
  // facet_scan: ties at the cut are settled by label in the outer ORDER BY, so keep a margin.
  const params: Params = { facet_limit: FACET_LIMIT, facet_scan: FACET_LIMIT * 5 }
  const { from, cond } = filtered(db, filters, params)
  const unfiltered = from === 'articles a' && cond === '1'
  const out: Partial<Record<ArticleFacet, FacetCount[]>> = {}
  withMatch(() => {
    for (const facet of new Set(facets)) {
      const body = (unfiltered && UNFILTERED_FACET_SQL[facet]) || FACET_SQL[facet].replace('{from}', from).replace('{cond}', cond)
      out[facet] = all<FacetCount>(db, `SELECT * FROM (${body}) ORDER BY count DESC, label LIMIT @facet_limit`, params)
    }
  })
  return out
}

interface ArticleRow {
  id: number
  headline: string | null
  dateline: string | null
  url: string | null
  published_at: string | null
  published_local: string | null
  author: string | null
  language: string
  body: string
  captions: string
  word_count: number
  quote_count: number
  entity_count: number
  story_id: number | null
  story_title: string | null
  source_slug: string | null
  source_name: string | null
  wire_slug: string | null
  wire_name: string | null
}

const ARTICLE_SQL = `SELECT a.id, a.headline, a.dateline, a.url, a.published_at, a.published_local, a.author, a.language,
    a.body, a.captions, a.word_count, a.quote_count, a.entity_count, a.story_id, st.title AS story_title,
    s.slug AS source_slug, s.name AS source_name, w.slug AS wire_slug, w.name AS wire_name
  FROM articles a ${SOURCES_JOIN} LEFT JOIN stories st ON st.id = a.story_id
  WHERE a.id = @id`

const MENTIONS_SQL = `SELECT m.id, m.entity_id, e.name, e.type, m.start, m.end, m.text
  FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = @id ORDER BY m.start, m.id`

const ENTITIES_SQL = `SELECT e.id, e.name, e.type, ae.mentions FROM article_entities ae JOIN entities e ON e.id = ae.entity_id
  WHERE ae.article_id = @id ORDER BY ae.mentions DESC, e.name`

const PHRASES_SQL = `SELECT start, end, text, kind FROM quoted_phrases WHERE article_id = @id ORDER BY start`

function parseCaptions(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value) ? value.map(String) : []
  } catch {
    return []
  }
}

/** One article with its body and every annotation, or undefined. */
export function getArticle(db: Database, id: number) {
  const row = get<ArticleRow>(db, ARTICLE_SQL, { id })
  if (!row) return undefined
  const quotes = quotesOfArticle(db, id).map((q: QuoteRow) => toQuote(q))
  const speakers = new Map<number, { id: number; name: string; type: 'person' | 'org' }>()
  for (const q of quotes) if (q.speaker) speakers.set(q.speaker.id, { id: q.speaker.id, name: q.speaker.name, type: q.speaker.type })
  return {
    id: row.id,
    headline: row.headline,
    dateline: row.dateline,
    source: sourceRef(row.source_slug, row.source_name),
    wire: sourceRef(row.wire_slug, row.wire_name),
    author: row.author,
    url: row.url,
    published_at: row.published_at,
    published_local: row.published_local,
    language: row.language,
    body: row.body,
    captions: parseCaptions(row.captions),
    word_count: row.word_count,
    quote_count: row.quote_count,
    entity_count: row.entity_count,
    story: row.story_id !== null && row.story_title !== null ? { id: row.story_id, title: row.story_title } : null,
    mentions: all<{ id: number; entity_id: number; name: string; type: string; start: number; end: number; text: string }>(db, MENTIONS_SQL, { id }).map(
      (m) => ({ ...m, type: entityType(m.type) }),
    ),
    entities: all<{ id: number; name: string; type: string; mentions: number }>(db, ENTITIES_SQL, { id }).map((e) => ({
      ...e,
      type: entityType(e.type),
    })),
    speakers: [...speakers.values()],
    quotes,
    quoted_phrases: all<{ start: number; end: number; text: string; kind: string }>(db, PHRASES_SQL, { id }),
  }
}
