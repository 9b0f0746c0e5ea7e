// Search snippets are cut in JavaScript from the stored text; they must be the extracts FTS5's own
// snippet() gives for the same row and query (same window, same marks, same ellipses), over the
// seeds' real news text and a generated archive's many articles: common and rare words, phrases,
// prefixes, OR and NOT.
import t from 'tap'
import { generateArchive } from '../../bench/generate.js'
import { buildApp } from '../../src/app.js'
import { ftsQuery, MARK_CLOSE, MARK_OPEN } from '../../src/db/fts.js'
import { matchTerms, snippet } from '../../src/db/snippet.js'
import { testDatabase } from '../helpers/db.js'

const { db } = await testDatabase({ seeds: true, t })
generateArchive(db, { articles: 150, seed: 11 })

const terms = (table: string, order: string, n: number) => {
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab_${table} USING fts5vocab(main, '${table}', 'row')`)
  return db.prepare(`SELECT term FROM temp.vocab_${table} WHERE length(term) >= 3 ORDER BY ${order}, term LIMIT ${n}`).pluck().all() as string[]
}
const headlineWords = (db.prepare('SELECT headline FROM articles WHERE headline IS NOT NULL AND id % 25 = 1 LIMIT 8').pluck().all() as string[]).map((h) =>
  h.split(/\s+/).slice(1, 3).join(' '),
)
const queries = [
  ...terms('articles_fts', 'doc DESC', 6),
  ...terms('articles_fts', 'doc', 4),
  ...terms('quotes_fts', 'doc DESC', 4),
  ...headlineWords.map((p) => `"${p}"`),
  'said OR told',
  'minister NOT said',
  'presid*',
  'gov*',
  // Non-ASCII words as the index folds them (a diacritic, a curly apostrophe beside a word).
  ...terms('articles_fts', "CASE WHEN term GLOB '*[^a-z0-9]*' THEN 0 ELSE 1 END, doc DESC", 2),
]

const fts5 = (table: string, column: number) =>
  db.prepare(`SELECT rowid AS id, snippet(${table}, ${column}, '${MARK_OPEN}', '${MARK_CLOSE}', '…', 24) AS snip FROM ${table}
    WHERE ${table} MATCH ? ORDER BY rowid LIMIT 80`)
const articleText = db.prepare('SELECT headline, body FROM articles WHERE id = ?')
const quoteText = db.prepare('SELECT text FROM quotes WHERE id = ?').pluck()

t.test('every hit gets the snippet FTS5 would give', async (t) => {
  let compared = 0
  for (const q of queries) {
    const match = ftsQuery(q)
    const phrases = matchTerms(match)
    for (const { id, snip } of fts5('articles_fts', -1).all(match) as Array<{ id: number; snip: string }>) {
      const { headline, body } = articleText.get(id) as { headline: string | null; body: string }
      t.equal(snippet([headline, body], phrases), snip, `article ${id}, q=${q}`)
      compared++
    }
    for (const { id, snip } of fts5('quotes_fts', 0).all(match) as Array<{ id: number; snip: string }>) {
      t.equal(snippet([quoteText.get(id) as string], phrases), snip, `quote ${id}, q=${q}`)
      compared++
    }
  }
  t.ok(compared > 1000, `${compared} snippets compared`)
})

t.test('the routes mark the query in each hit', async (t) => {
  const app = await buildApp({ db })
  t.teardown(() => app.close())
  const word = terms('articles_fts', 'doc DESC', 1)[0]
  for (const url of [`/v1/search?q=${word}`, `/v1/articles?q=${word}`, `/v1/articles?q=${word}&sort=newest`]) {
    const res = await app.inject({ url })
    t.equal(res.statusCode, 200, url)
    const hits = res.json().data as Array<{ snippet: string }>
    t.ok(hits.length > 0, `${url} finds something`)
    for (const hit of hits) t.match(hit.snippet.toLowerCase(), `<mark>${word}</mark>`, `${url}: ${hit.snippet.slice(0, 60)}`)
  }
})
