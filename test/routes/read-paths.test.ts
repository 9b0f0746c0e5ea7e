// The tables and counters that list routes read instead of the wide ones (article_speakers,
// article_leads, the per-speaker and per-source counts) say what the archive says: after a load,
// after deletes, and through the API's speaker filter and unfiltered facets.
import t, { type Test } from 'tap'
import { generateArchive } from '../../bench/generate.js'
import { buildApp } from '../../src/app.js'
import { deleteArticle } from '../../src/db/store.js'
import { testDatabase } from '../helpers/db.js'

const { db } = await testDatabase({ t })
generateArchive(db, { articles: 100, seed: 5, undatedShare: 0.1 })
const app = await buildApp({ db })
t.teardown(() => app.close())

type Json = any // eslint-disable-line @typescript-eslint/no-explicit-any

const rows = (sql: string) => db.prepare(sql).all()

function agrees(t: Test, when: string) {
  t.same(
    rows('SELECT article_id, speaker_id, quotes FROM article_speakers ORDER BY article_id, speaker_id'),
    rows(`SELECT article_id, speaker_id, count(*) AS quotes FROM quotes WHERE speaker_id IS NOT NULL
      GROUP BY article_id, speaker_id ORDER BY article_id, speaker_id`),
    `${when}: article_speakers holds each (article, speaker) pair of the quotes`,
  )
  t.same(
    rows('SELECT id, quoted_article_count AS n FROM entities WHERE quoted_article_count <> 0 ORDER BY id'),
    rows('SELECT speaker_id AS id, count(DISTINCT article_id) AS n FROM quotes WHERE speaker_id IS NOT NULL GROUP BY speaker_id ORDER BY id'),
    `${when}: each speaker's count of articles quoting it`,
  )
  t.same(
    rows('SELECT article_id AS id, lead, quote_count, entity_count FROM article_leads ORDER BY article_id'),
    rows('SELECT id, substr(body, 1, 400) AS lead, quote_count, entity_count FROM articles ORDER BY id'),
    `${when}: article_leads holds the opening and the counts of every article`,
  )
  t.same(
    rows('SELECT id, source_article_count AS s, wire_article_count AS w FROM sources ORDER BY id'),
    rows(`SELECT id, (SELECT count(*) FROM articles WHERE source_id = sources.id) AS s,
      (SELECT count(*) FROM articles WHERE wire_id = sources.id) AS w FROM sources ORDER BY id`),
    `${when}: articles per outlet and per wire`,
  )
}

async function get(url: string): Promise<Json> {
  const res = await app.inject({ url })
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
  return res.json()
}

t.test('derived tables agree with the archive after a load and after deletes', async (t) => {
  agrees(t, 'loaded')
  const quoted = rows('SELECT DISTINCT article_id AS id FROM quotes WHERE speaker_id IS NOT NULL ORDER BY article_id LIMIT 5') as { id: number }[]
  for (const { id } of quoted) t.ok(deleteArticle(db, id), `article ${id} deleted`)
  agrees(t, 'after deletes')
})

t.test("a speaker's articles are the articles quoting the speaker, newest first", async (t) => {
  const speaker = db.prepare('SELECT id FROM entities ORDER BY quoted_article_count DESC, id LIMIT 1').get() as { id: number }
  const expected = (
    db
      .prepare(`SELECT a.id FROM articles a WHERE a.id IN (SELECT article_id FROM quotes WHERE speaker_id = ?)
        ORDER BY a.published_at IS NULL, a.published_at DESC, a.id DESC`)
      .all(speaker.id) as { id: number }[]
  ).map((r) => r.id)
  t.ok(expected.length > 3, `${expected.length} articles quote speaker ${speaker.id}`)
  const listed = (await get(`/v1/articles?speaker=${speaker.id}&limit=100`)).data.map((a: Json) => a.id)
  t.same(listed, expected)
  const facet = (await get('/v1/articles?facets=speaker,source,wire&limit=1')).facets
  t.equal(facet.speaker.find((f: Json) => f.value === String(speaker.id))?.count, expected.length, 'the unfiltered facet counts the same articles')
  t.ok(facet.source.length > 1 && facet.source.every((f: Json) => f.count <= 100), 'outlets small enough to list on one page')
  for (const f of facet.source) {
    const data = (await get(`/v1/articles?source=${f.value}&limit=100`)).data
    t.equal(data.length, f.count, `source ${f.value}: the facet count is what its filter lists`)
  }
  for (const f of facet.wire) t.equal((await get(`/v1/articles?wire=${f.value}&limit=100`)).data.length, f.count, `wire ${f.value}`)
})
