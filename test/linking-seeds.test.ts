import t from 'tap'
import { diffWords } from '../src/linking/diff.js'
import { testDatabase } from './helpers/db.js'

// The two seed pages report the same briefing: one story, one Matthew Miller, one Kim Jong Un,
// and Miller's sanctions sentence as two variants of one statement.
t.test('the seeds link across pages', async (t) => {
  const { db, summary } = await testDatabase({ seeds: true, t })
  t.equal(summary?.articlesAdded, 2)
  t.same(summary?.problems, [])

  t.equal(db.prepare('SELECT count(DISTINCT story_id) FROM articles').pluck().get(), 1, 'both pages are one story')
  t.match(db.prepare('SELECT article_count FROM stories').pluck().all(), [2])

  const people = (norm: string) =>
    db
      .prepare(
        `SELECT DISTINCT e.id, e.name, e.article_count AS articles FROM entities e JOIN entity_aliases a ON a.entity_id = e.id
         WHERE a.norm = ? AND e.type = 'PERSON'`,
      )
      .all(norm) as { id: number; name: string; articles: number }[]
  const miller = people('matthew miller')
  t.equal(miller.length, 1, 'one Matthew Miller')
  t.equal(miller[0]?.articles, 2, 'mentioned on both pages')
  const kim = people('kim jong un')
  t.equal(kim.length, 1, 'one Kim Jong Un despite "Kim Jong-un"')
  t.equal(kim[0]?.articles, 2, 'mentioned on both pages')
  const spellings = db
    .prepare(`SELECT text, count(DISTINCT article_id) AS articles, group_concat(DISTINCT entity_id) AS entities FROM mentions
      WHERE text IN ('Kim Jong Un', 'Kim Jong-un') GROUP BY text ORDER BY text`)
    .all()
  t.same(spellings, [
    { text: 'Kim Jong Un', articles: 2, entities: String(kim[0]?.id) },
    { text: 'Kim Jong-un', articles: 1, entities: String(kim[0]?.id) },
  ], 'both spellings point at that one entity')
  const unaliased = db
    .prepare(`SELECT DISTINCT m.text FROM mentions m WHERE NOT EXISTS
      (SELECT 1 FROM entity_aliases a WHERE a.entity_id = m.entity_id AND a.alias = m.text)`)
    .pluck()
    .all()
  t.same(unaliased, [], 'every surface form is recorded as an alias of its entity')

  const variants = db
    .prepare(
      `SELECT q.article_id AS articleId, q.cluster_id AS clusterId, q.text, e.name AS speaker FROM quotes q
       LEFT JOIN entities e ON e.id = q.speaker_id WHERE q.text LIKE '%taken a number of%' ORDER BY q.article_id`,
    )
    .all() as { articleId: number; clusterId: number | null; text: string; speaker: string | null }[]
  t.equal(new Set(variants.map((v) => v.articleId)).size, 2, 'the sanctions sentence is quoted on both pages')
  t.ok(variants[0]?.clusterId, 'it is clustered')
  t.equal(new Set(variants.map((v) => v.clusterId)).size, 1, 'one cluster')
  t.same(new Set(variants.map((v) => v.speaker)), new Set(['Matthew Miller']), 'spoken by Matthew Miller')
  const cluster = db.prepare('SELECT size, source_count FROM quote_clusters WHERE id = ?').get(variants[0]?.clusterId)
  t.match(cluster, { size: 2, source_count: 2 })

  const [a, b] = variants
  if (a && b) {
    const inserted = diffWords(a.text, b.text)
      .filter((p) => p.op === 'insert')
      .map((p) => p.text)
      .join(' | ')
    t.match(inserted, /entity –/, `the diff shows the words one outlet added: ${inserted}`)
    t.match(inserted, /\bhave\b/)
  }
})
