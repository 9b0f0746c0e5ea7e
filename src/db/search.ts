/** One ranked full-text search over articles and quotes. */
import type { Database } from 'better-sqlite3'
import { ftsQuery, markedSnippet, withMatch } from './fts.js'
import { all, sourceRef, speakerType, takePage, type Page, type Params } from './read.js'
import { matchTerms, snippet, type MatchTerms } from './snippet.js'
import { z } from 'zod'

/** (rank, kind, id): bm25 rank (lower is better), then articles before quotes, then id. */
export type SearchKey = [rank: number, kind: 'article' | 'quote', id: number]
export const SearchKeySchema = z.tuple([z.number(), z.enum(['article', 'quote']), z.number().int().min(0)])

interface HitRow {
  id: number
  text: string | null
  body: string | null
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

// Ranking reads only the FTS indexes (bm25 per match); rows and snippets are fetched for the page
// alone. bm25 of the two tables is on one scale (same tokenizer, same formula) but not one corpus:
// interleaving by rank is an approximation that keeps both kinds of hit visible.
// Only the RANK_WINDOW most recently added matches of each table are ranked: a common word matches
// most of the archive, and bm25 over every match then costs more the larger the archive grows. FTS5
// reads matches in rowid order from its index, so the window is the first RANK_WINDOW of them
// newest first; below the window the ranking is exact.
const ARTICLE_RANKS = `SELECT 'article' AS kind, id, rank FROM (SELECT rowid AS id, bm25(articles_fts, 3.0, 1.0) AS rank FROM articles_fts
  WHERE articles_fts MATCH @match ORDER BY rowid DESC LIMIT @window)`
const QUOTE_RANKS = `SELECT 'quote' AS kind, id, rank FROM (SELECT rowid AS id, bm25(quotes_fts) AS rank FROM quotes_fts
  WHERE quotes_fts MATCH @match ORDER BY rowid DESC LIMIT @window)`

/** How many matches of each kind a search ranks at most: the most recently added ones. */
export const RANK_WINDOW = 2000

// The page's rows by id, with the text their snippet is cut from (see snippet.ts: snippet() would run
// the MATCH again for every hit).
const ARTICLE_HITS = `SELECT a.id, a.headline AS text, a.body, a.id AS article_id, a.headline, a.published_at,
    s.slug AS source_slug, s.name AS source_name, NULL AS speaker_id, NULL AS speaker_name, NULL AS speaker_type, NULL AS role
  FROM json_each(@ids) k JOIN articles a ON a.id = k.value LEFT JOIN sources s ON s.id = a.source_id`

const QUOTE_HITS = `SELECT q.id, q.text, NULL AS body, a.id AS article_id, a.headline, a.published_at,
    s.slug AS source_slug, s.name AS source_name, q.speaker_id, e.name AS speaker_name, e.type AS speaker_type, q.role
  FROM json_each(@ids) k JOIN quotes q ON q.id = k.value JOIN articles a ON a.id = q.article_id
  LEFT JOIN sources s ON s.id = a.source_id LEFT JOIN entities e ON e.id = q.speaker_id`

function hitRows(db: Database, sql: string, ranked: RankRow[], kind: RankRow['kind']): Map<number, HitRow> {
  const ids = ranked.filter((r) => r.kind === kind).map((r) => r.id)
  if (ids.length === 0) return new Map()
  return new Map(all<HitRow>(db, sql, { ids: JSON.stringify(ids) }).map((row) => [row.id, row]))
}

interface RankRow {
  kind: 'article' | 'quote'
  id: number
  rank: number
}

function toHit(row: HitRow & RankRow, terms: MatchTerms) {
  return {
    kind: row.kind,
    id: row.id,
    // bm25() is negative, lower is better; the API reports a score where higher is better.
    score: Math.round(-row.rank * 1e6) / 1e6,
    snippet: markedSnippet(row.kind === 'article' ? snippet([row.text, row.body], terms) : snippet([row.text], terms)),
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
  const params: Params = { match: ftsQuery(q), limit: request.limit + 1, window: RANK_WINDOW }
  const parts = kind === 'article' ? [ARTICLE_RANKS] : kind === 'quote' ? [QUOTE_RANKS] : [ARTICLE_RANKS, QUOTE_RANKS]
  let keyset = '1'
  if (request.after) {
    Object.assign(params, { after_rank: request.after[0], after_kind: request.after[1], after_id: request.after[2] })
    keyset = '(rank, kind, id) > (@after_rank, @after_kind, @after_id)'
  }
  const sql = `SELECT * FROM (${parts.join(' UNION ALL ')}) WHERE ${keyset} ORDER BY rank, kind, id LIMIT @limit`
  const ranked = withMatch(() => takePage(all<RankRow>(db, sql, params), request.limit, (r): SearchKey => [r.rank, r.kind, r.id]))
  const articles = hitRows(db, ARTICLE_HITS, ranked.items, 'article')
  const quotes = hitRows(db, QUOTE_HITS, ranked.items, 'quote')
  const terms = matchTerms(params.match as string)
  const items = ranked.items.flatMap((r) => {
    const row = (r.kind === 'article' ? articles : quotes).get(r.id)
    return row ? [toHit({ ...row, ...r }, terms)] : []
  })
  return { items, next: ranked.next }
}
