/** Read queries over quotes: the filtered list, one quote with its variants, the quotes of an article. */
import type { Database } from 'better-sqlite3'
import { diffWords } from '../linking/diff.js'
import { ftsQuery, withMatch } from './fts.js'
import { all, get, sortedPage, sourceRef, speakerIn, speakerType, when, where, type Page, type Params, type RankKey, type TimeKey } from './read.js'

export interface QuoteFilters {
  q?: string
  /** an id, or a name standing for every speaker known by it */
  speaker?: number | string
  entity?: number[]
  source?: string
  article?: number
  story?: number
  from?: string
  /** exclusive */
  to?: string
}

export type QuoteSort = 'newest' | 'oldest' | 'relevance'
export type QuoteFacet = 'source' | 'speaker'

export interface QuoteRow {
  id: number
  text: string
  start: number
  end: number
  cue: string | null
  cue_start: number | null
  cue_end: number | null
  speaker_text: string | null
  speaker_start: number | null
  speaker_end: number | null
  role: string | null
  resolution: string
  confidence: number
  published_at: string | null
  cluster_id: number | null
  speaker_id: number | null
  speaker_name: string | null
  speaker_type: string | null
  article_id: number
  article_headline: string | null
  article_published_at: string | null
  source_slug: string | null
  source_name: string | null
  other_outlets: number
  rank?: number | null
}

/**
 * Who published an article: its outlet, else the wire it came from, else (unknown) the page itself,
 * so two pages of unknown origin count as two outlets rather than none.
 */
const OUTLET = (a: string) => `coalesce(${a}.source_id, ${a}.wire_id, -${a}.id)`

/** Columns of a quote as the API shows it; expects `q`, `a` (its article) and `s` (the article's source). */
export const QUOTE_COLUMNS = `q.id, q.text, q.start, q.end, q.cue, q.cue_start, q.cue_end,
  q.speaker_text, q.speaker_start, q.speaker_end, q.role, q.resolution, q.confidence, q.published_at,
  q.cluster_id, q.speaker_id, e.name AS speaker_name, e.type AS speaker_type,
  a.id AS article_id, a.headline AS article_headline, a.published_at AS article_published_at,
  s.slug AS source_slug, s.name AS source_name,
  CASE WHEN q.cluster_id IS NULL THEN 0 ELSE (
    SELECT count(DISTINCT ${OUTLET('a2')}) FROM quotes q2 JOIN articles a2 ON a2.id = q2.article_id
    WHERE q2.cluster_id = q.cluster_id AND ${OUTLET('a2')} <> ${OUTLET('a')}) END AS other_outlets`

export const QUOTE_JOINS = `JOIN articles a ON a.id = q.article_id
  LEFT JOIN entities e ON e.id = q.speaker_id LEFT JOIN sources s ON s.id = a.source_id`

function span(text: string | null, start: number | null, end: number | null) {
  return text === null || start === null || end === null ? null : { start, end, text }
}

export function toQuote(row: QuoteRow) {
  return {
    id: row.id,
    text: row.text,
    start: row.start,
    end: row.end,
    cue: span(row.cue, row.cue_start, row.cue_end),
    speaker:
      row.speaker_id === null || row.speaker_name === null
        ? null
        : { id: row.speaker_id, name: row.speaker_name, type: speakerType(row.speaker_type ?? 'ORG'), role: row.role },
    speaker_mention: span(row.speaker_text, row.speaker_start, row.speaker_end),
    resolution: row.resolution,
    confidence: row.confidence,
    published_at: row.published_at,
    article: {
      id: row.article_id,
      headline: row.article_headline,
      source: sourceRef(row.source_slug, row.source_name),
      published_at: row.article_published_at,
    },
    cluster_id: row.cluster_id,
    other_outlets: row.other_outlets,
  }
}

export type Quote = ReturnType<typeof toQuote>

function filtered(db: Database, filters: QuoteFilters, params: Params): { from: string; cond: string } {
  const fragments: Array<string | false> = []
  let from = 'quotes q'
  if (filters.q) {
    params.match = ftsQuery(filters.q)
    from = 'quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid'
    fragments.push('quotes_fts MATCH @match')
  }
  if (filters.speaker !== undefined) {
    fragments.push(speakerIn(db, 'q.speaker_id', filters.speaker, params))
  }
  ;(filters.entity ?? []).forEach((id, i) => {
    params[`entity${i}`] = id
    // "Mentioned in the quote": a mention of the entity inside the quote's span. Driven from the
    // entity's mentions (mentions_entity_span, then quotes_article), so a rare entity costs little.
    fragments.push(`q.id IN (SELECT q2.id FROM mentions m JOIN quotes q2 ON q2.article_id = m.article_id
      AND q2.start <= m.start AND q2.end >= m.end WHERE m.entity_id = @entity${i})`)
  })
  fragments.push(when(params, 'source', filters.source, 'a.source_id = (SELECT id FROM sources WHERE slug = @source)'))
  fragments.push(when(params, 'article', filters.article, 'q.article_id = @article'))
  fragments.push(when(params, 'story', filters.story, 'a.story_id = @story'))
  fragments.push(when(params, 'from', filters.from, 'q.published_at >= @from'))
  fragments.push(when(params, 'to', filters.to, 'q.published_at < @to'))
  return { from, cond: where(fragments) }
}

export function listQuotes(
  db: Database,
  filters: QuoteFilters,
  sort: QuoteSort,
  request: { limit: number; after?: TimeKey | RankKey },
): Page<Quote, TimeKey | RankKey> {
  const params: Params = {}
  const { from, cond } = filtered(db, filters, params)
  const rank = filters.q ? ', bm25(quotes_fts) AS rank' : ', NULL AS rank'
  const base = `SELECT ${QUOTE_COLUMNS}${rank} FROM ${from} ${QUOTE_JOINS} WHERE ${cond}`
  return withMatch(() => {
    const page = sortedPage<QuoteRow>(db, base, params, sort, request, { time: 'q.published_at', id: 'q.id' }, (r) => r.published_at)
    return { items: page.items.map(toQuote), next: page.next }
  })
}

const FACET_SQL: Record<QuoteFacet, string> = {
  source: `SELECT s.slug AS value, s.name AS label, count(*) AS count FROM hits JOIN quotes q ON q.id = hits.id
    JOIN articles a ON a.id = q.article_id JOIN sources s ON s.id = a.source_id GROUP BY s.id`,
  speaker: `SELECT CAST(e.id AS TEXT) AS value, e.name AS label, count(*) AS count FROM hits JOIN quotes q ON q.id = hits.id
    JOIN entities e ON e.id = q.speaker_id GROUP BY e.id`,
}

export function quoteFacets(db: Database, filters: QuoteFilters, facets: QuoteFacet[]) {
  const params: Params = { facet_limit: 20 }
  const { from, cond } = filtered(db, filters, params)
  const out: Partial<Record<QuoteFacet, { value: string; label: string; count: number }[]>> = {}
  withMatch(() => {
    for (const facet of new Set(facets)) {
      const sql = `WITH hits AS (SELECT q.id FROM ${from} JOIN articles a ON a.id = q.article_id WHERE ${cond})
        ${FACET_SQL[facet]} ORDER BY count DESC, label LIMIT @facet_limit`
      out[facet] = all(db, sql, params)
    }
  })
  return out
}

const QUOTE_BY_ID = `SELECT ${QUOTE_COLUMNS} FROM quotes q ${QUOTE_JOINS} WHERE q.id = @id`

// Variants from other outlets first, then the same outlet's other renderings, oldest first.
const VARIANTS = `SELECT ${QUOTE_COLUMNS} FROM quotes q ${QUOTE_JOINS}
  WHERE q.cluster_id = @cluster AND q.id <> @id
  ORDER BY (${OUTLET('a')} = @outlet) ASC, q.published_at, q.id`

/** One quote with every variant of its cluster and the word-level difference to each, or undefined. */
export function getQuote(db: Database, id: number) {
  const row = get<QuoteRow>(db, QUOTE_BY_ID, { id })
  if (!row) return undefined
  const outlet = get<{ outlet: number }>(db, `SELECT ${OUTLET('a')} AS outlet FROM articles a WHERE a.id = @id`, { id: row.article_id })
  const variants =
    row.cluster_id === null
      ? []
      : all<QuoteRow>(db, VARIANTS, { cluster: row.cluster_id, id, outlet: outlet?.outlet ?? 0 }).map((v) => ({
          quote: toQuote(v),
          diff: diffWords(row.text, v.text),
        }))
  return { ...toQuote(row), variants }
}

const OF_ARTICLE = `SELECT ${QUOTE_COLUMNS} FROM quotes q ${QUOTE_JOINS} WHERE q.article_id = @id ORDER BY q.start, q.id`

export function quotesOfArticle(db: Database, articleId: number): QuoteRow[] {
  return all<QuoteRow>(db, OF_ARTICLE, { id: articleId })
}
