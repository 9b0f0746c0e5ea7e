/**
 * Linking a new article reads a bounded part of the archive: quote variants are looked up by their
 * distinctive terms through an index (quote_keys), story candidates within the story window. These
 * tests check that the bounded look-ups still find what a reader expects, and that they are seeks.
 */
import t from 'tap'
import { openDatabase } from '../src/db/connection.js'
import { contentHash, saveArticle } from '../src/db/store.js'
import { statements } from '../src/db/store/statements.js'
import type { NewsDoc } from '../src/pipeline/document.js'
import { makeDoc, testDatabase } from './helpers/db.js'

const SAID = 'Nobody will be allowed to dismantle the fishing cooperatives of the northern coast while this council sits'
const RETOLD = 'nobody will be allowed to dismantle the fishing cooperatives of the northern coast, while this council sits today'

function unattributed(doc: string, quote: string, day: number): NewsDoc {
  return makeDoc({
    doc,
    body: `A statement was read out at the harbour.\n\n“${quote},” the statement said.`,
    headline: `Harbour statement ${doc}`,
    publishedAt: `2021-03-${String(day).padStart(2, '0')}T09:00:00.000Z`,
    source: `Outlet ${doc}`,
    quotes: [[quote, null]],
  })
}

const save = (db: Parameters<typeof saveArticle>[0], doc: NewsDoc) => saveArticle(db, doc, { contentHash: contentHash(doc.article.body) })

const clusterOf = (db: Parameters<typeof saveArticle>[0], text: string) =>
  db.prepare('SELECT cluster_id FROM quotes WHERE text = ?').pluck().get(text) as number | null

t.test('a variant nobody attributes is found by its words among many other quotes', async (t) => {
  const { db } = await testDatabase({ t })
  save(db, unattributed('first', SAID, 1))
  // More recent statements sharing one of its terms ("northern coast") outnumber what one term's look-up returns.
  for (let i = 0; i < 150; i++) {
    save(db, unattributed(`other-${i}`, `The mayors of the northern coast met on day ${i} to discuss harbour fees and seat number ${i}`, 2))
  }
  save(db, unattributed('second', RETOLD, 3))
  const cluster = clusterOf(db, SAID)
  t.ok(cluster, 'the first report is clustered')
  t.equal(clusterOf(db, RETOLD), cluster, 'with the retold variant')
  t.equal(db.prepare('SELECT count(*) FROM quotes WHERE cluster_id = ?').pluck().get(cluster), 2, 'and with nothing else')
})

t.test('an archive stored without quote keys gains them on its next write', async (t) => {
  const { db, path } = await testDatabase({ t })
  save(db, unattributed('first', SAID, 1))
  db.prepare('DELETE FROM quote_keys').run()
  db.close()
  // A new handle, as after an upgrade: its first write indexes the quotes already stored.
  const reopened = openDatabase(path)
  t.teardown(() => reopened.close())
  save(reopened, unattributed('second', RETOLD, 3))
  t.ok(clusterOf(reopened, SAID), 'the old quote is found')
  t.equal(clusterOf(reopened, RETOLD), clusterOf(reopened, SAID), 'and clustered with the new one')
})

t.test('the linking look-ups are index seeks, not scans', async (t) => {
  const { db } = await testDatabase({ t })
  const s = statements(db)
  const plan = (sql: string) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array(sql.split('?').length - 1).fill(1)) as { detail: string }[])
      .map((r) => r.detail)
      .join('; ')
  t.match(plan(s.quoteIdsByKeys.source), /SEARCH quote_keys USING PRIMARY KEY \(key=\?\)/)
  t.match(plan(s.variantCandidates.source), /SEARCH quotes USING INTEGER PRIMARY KEY \(rowid=\?\)/)
  const speaker = db
    .prepare(`EXPLAIN QUERY PLAN ${s.quotesBySpeakerNear.source}`)
    .all({ speakerId: 1, articleId: 1, from: '2021-01-01', to: '2021-01-09' }) as { detail: string }[]
  t.match(speaker.map((r) => r.detail).join('; '), /SEARCH quotes USING INDEX quotes_speaker \(speaker_id=\? AND published_at>\? AND published_at<\?\)/)
  const near = db
    .prepare(`EXPLAIN QUERY PLAN ${s.articlesByEntityNear.source}`)
    .all({ entityId: 1, articleId: 1, from: '2021-01-01', to: '2021-01-09' }) as { detail: string }[]
  t.match(near.map((r) => r.detail).join('; '), /SEARCH article_entities USING COVERING INDEX article_entities_entity \(entity_id=\? AND published_at>\? AND published_at<\?\)/)
})
