/** One ranked full-text search over articles and quotes. */
import type { Database } from 'better-sqlite3'
import { ftsQuery, MARK_CLOSE, MARK_OPEN, markedSnippet, withMatch } from './fts.js'
import { all, get, sourceRef, speakerType, takePage, type Page, type Params } from './read.js'
import { z } from 'zod'

/** (rank, kind, id): bm25 rank (lower is better), then articles before quotes, then id. */
export type SearchKey = [rank: number, kind: 'article' | 'quote', id: number]
export const SearchKeySchema = z.tuple([z.number(), z.enum(['article', 'quote']), z.number().int().min(0)])

interface HitRow {
  snip: string
  article_id: number
  headline: string | null
  published_at: string | null
  source_slug: string | null
  source_name: string | null
  speaker_id: number | null
  speaker_name: string | null
  speaker_type: string | null
  role: string | null
}

const SNIPPET_ARGS = `'${MARK_OPEN}', '${MARK_CLOSE}', '…', 24`

// The rowid is CAST because FTS5 ignores a rowid constraint bound as a REAL (JavaScript numbers bind as
// doubles), which would hand every hit the snippet of the first match.
// Ranking reads only the FTS indexes (bm25 per match); snippets and rows are fetched for the page
// alone, since snippet() over every match of a common word would dominate the cost.
// bm25 of the two tables is on one scale (same tokenizer, same formula) but not one corpus:
// interleaving by rank is an approximation that keeps both kinds of hit visible.
// Only the RANK_WINDOW most recently added matches of each table are ranked (rowid > @…_floor): a
// common word matches most of the archive, and bm25 over every match then costs more the larger
// the archive grows. Below the window the ranking is exact.
const ARTICLE_RANKS = `SELECT 'article' AS kind, rowid AS id, bm25(articles_fts, 3.0, 1.0) AS rank FROM articles_fts
  WHERE articles_fts MATCH @match AND rowid > @article_floor`
const QUOTE_RANKS = `SELECT 'quote' AS kind, rowid AS id, bm25(quotes_fts) AS rank FROM quotes_fts
  WHERE quotes_fts MATCH @match AND rowid > @quote_floor`

/** How many matches of each kind a search ranks at most: the most recently added ones. */
export const RANK_WINDOW = 2000

// The rowid just below the window (the match after the RANK_WINDOW newest, if any): read from the
// index in rowid order, with no ranking.
const ARTICLE_FLOOR = `SELECT rowid FROM articles_fts WHERE articles_fts MATCH @match ORDER BY rowid DESC LIMIT 1 OFFSET @window`
const QUOTE_FLOOR = `SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH @match ORDER BY rowid DESC LIMIT 1 OFFSET @window`

function floor(db: Database, sql: string, match: string): number {
  return get<{ rowid: number }>(db, sql, { match, window: RANK_WINDOW })?.rowid ?? 0
}

const ARTICLE_HIT = `SELECT snippet(articles_fts, -1, ${SNIPPET_ARGS}) AS snip, a.id AS article_id, a.headline, a.published_at,
    s.slug AS source_slug, s.name AS source_name, NULL AS speaker_id, NULL AS speaker_name, NULL AS speaker_type, NULL AS role
  FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid LEFT JOIN sources s ON s.id = a.source_id
  WHERE articles_fts MATCH @match AND articles_fts.rowid = CAST(@id AS INTEGER)`

const QUOTE_HIT = `SELECT snippet(quotes_fts, 0, ${SNIPPET_ARGS}) AS snip, a.id AS article_id, a.headline, a.published_at,
    s.slug AS source_slug, s.name AS source_name, q.speaker_id, e.name AS speaker_name, e.type AS speaker_type, q.role
  FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid JOIN articles a ON a.id = q.article_id
  LEFT JOIN sources s ON s.id = a.source_id LEFT JOIN entities e ON e.id = q.speaker_id
  WHERE quotes_fts MATCH @match AND quotes_fts.rowid = CAST(@id AS INTEGER)`

interface RankRow {
  kind: 'article' | 'quote'
  id: number
  rank: number
}

function toHit(row: HitRow & RankRow) {
  return {
    kind: row.kind,
    id: row.id,
    // bm25() is negative, lower is better; the API reports a score where higher is better.
    score: Math.round(-row.rank * 1e6) / 1e6,
    snippet: markedSnippet(row.snip),
    article: { id: row.article_id, headline: row.headline, source: sourceRef(row.source_slug, row.source_name), published_at: row.published_at },
    speaker:
      row.speaker_id === null || row.speaker_name === null
        ? null
        : { id: row.speaker_id, name: row.speaker_name, type: speakerType(row.speaker_type ?? 'ORG'), role: row.role },
  }
}
export type SearchHit = ReturnType<typeof toHit>

export function search(
  db: Database,
  q: string,
  kind: 'article' | 'quote' | undefined,
  request: { limit: number; after?: SearchKey },
): Page<SearchHit, SearchKey> {
  const params: Params = { match: ftsQuery(q), limit: request.limit + 1 }
  const parts = kind === 'article' ? [ARTICLE_RANKS] : kind === 'quote' ? [QUOTE_RANKS] : [ARTICLE_RANKS, QUOTE_RANKS]
  let keyset = '1'
  if (request.after) {
    Object.assign(params, { after_rank: request.after[0], after_kind: request.after[1], after_id: request.after[2] })
    keyset = '(rank, kind, id) > (@after_rank, @after_kind, @after_id)'
  }
  const sql = `SELECT * FROM (${parts.join(' UNION ALL ')}) WHERE ${keyset} ORDER BY rank, kind, id LIMIT @limit`
  const page = withMatch(() => {
    const match = params.match as string
    if (kind !== 'quote') params.article_floor = floor(db, ARTICLE_FLOOR, match)
    if (kind !== 'article') params.quote_floor = floor(db, QUOTE_FLOOR, match)
    const ranked = takePage(all<RankRow>(db, sql, params), request.limit, (r): SearchKey => [r.rank, r.kind, r.id])
    const items = ranked.items.flatMap((r) => {
      const row = get<HitRow>(db, r.kind === 'article' ? ARTICLE_HIT : QUOTE_HIT, { match: params.match, id: r.id })
      return row ? [{ ...row, ...r }] : []
    })
    return { items, next: ranked.next }
  })
  return { items: page.items.map(toHit), next: page.next }
}
