/** Read queries over stories: one event across outlets. */
import type { Database } from 'better-sqlite3'
import { all, get, speakerType, timePage, type Page, type TimeKey } from './read.js'
import { articleSummary, SUMMARY_COLUMNS, SUMMARY_JOINS, type SummaryRow } from './articles.js'
import { QUOTE_COLUMNS, QUOTE_JOINS, toQuote, type QuoteRow } from './quotes.js'

interface StoryRow {
  id: number
  title: string
  first_published_at: string | null
  last_published_at: string | null
  article_count: number
  quote_count: number
}

const COLUMNS = 'st.id, st.title, st.first_published_at, st.last_published_at, st.article_count, st.quote_count'

export function listStories(db: Database, request: { limit: number; after?: TimeKey }): Page<StoryRow, TimeKey> {
  return timePage<StoryRow>(
    { time: 'st.last_published_at', id: 'st.id' },
    'desc',
    request,
    (keyset, order, p, n) => all(db, `SELECT ${COLUMNS} FROM stories st WHERE ${keyset} ORDER BY ${order} LIMIT @limit`, { ...p, limit: n }),
    (r) => [r.last_published_at, r.id],
  )
}

const BY_ID = `SELECT ${COLUMNS} FROM stories st WHERE st.id = @id`
const ARTICLES = `SELECT ${SUMMARY_COLUMNS} FROM articles a ${SUMMARY_JOINS} WHERE a.story_id = @id
  ORDER BY a.published_at, a.id LIMIT 100`
const OUTLETS = `SELECT s.slug, s.name, s.kind, count(DISTINCT a.id) AS article_count
  FROM articles a JOIN sources s ON s.id IN (a.source_id, a.wire_id)
  WHERE a.story_id = @id GROUP BY s.id ORDER BY article_count DESC, s.name`
const SPEAKERS = `SELECT e.id, e.name, e.type, count(*) AS quote_count
  FROM articles a JOIN quotes q ON q.article_id = a.id JOIN entities e ON e.id = q.speaker_id
  WHERE a.story_id = @id GROUP BY e.id ORDER BY quote_count DESC, e.name LIMIT 10`
const KEY_QUOTES = `SELECT ${QUOTE_COLUMNS} FROM quotes q ${QUOTE_JOINS} WHERE a.story_id = @id
  ORDER BY other_outlets DESC, q.confidence DESC, q.published_at, q.id LIMIT 10`

export function getStory(db: Database, id: number) {
  const row = get<StoryRow>(db, BY_ID, { id })
  if (!row) return undefined
  return {
    ...row,
    articles: all<SummaryRow>(db, ARTICLES, { id }).map(articleSummary),
    outlets: all<{ slug: string; name: string; kind: 'outlet' | 'wire'; article_count: number }>(db, OUTLETS, { id }),
    speakers: all<{ id: number; name: string; type: string; quote_count: number }>(db, SPEAKERS, { id }).map((s) => ({
      ...s,
      type: speakerType(s.type),
    })),
    quotes: all<QuoteRow>(db, KEY_QUOTES, { id }).map(toQuote),
  }
}
