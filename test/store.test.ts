import t from 'tap'
import { contentHash, saveArticle } from '../src/db/store.js'
import { makeDoc, tableCounts, testDatabase } from './helpers/db.js'

const MILLER_BODY =
  'State Department spokesperson Matthew Miller spoke in Washington about Vladimir Putin and Kim Jong Un.\n\n' +
  '“We have taken a number of actions already to sanction entities that brokered arms sales between North Korea and Russia,” Miller said.'

function millerDoc(name = 'a', body = MILLER_BODY) {
  return makeDoc({
    doc: name,
    body,
    headline: 'US warns Russia and North Korea over arms deal',
    publishedAt: '2023-09-14T03:59:00.000Z',
    source: 'The Japan News',
    wire: 'Reuters',
    mentions: [
      ['State Department', 'ORG', 'State Department'],
      ['Matthew Miller', 'PERSON', 'Matthew Miller'],
      ['Washington', 'PLACE', 'Washington'],
      ['Vladimir Putin', 'PERSON', 'Vladimir Putin'],
      ['Kim Jong Un', 'PERSON', 'Kim Jong Un'],
      ['North Korea', 'PLACE', 'North Korea'],
      ['Russia', 'PLACE', 'Russia'],
      ['Miller', 'PERSON', 'Matthew Miller'],
    ],
    quotes: [
      [
        'We have taken a number of actions already to sanction entities that brokered arms sales between North Korea and Russia',
        'Matthew Miller',
      ],
    ],
  })
}

t.test('one article: its rows, sources and counts', async (t) => {
  const { db } = await testDatabase({ t })
  const doc = millerDoc()
  const { articleId, added } = saveArticle(db, doc, { contentHash: contentHash(doc.article.body) })
  t.ok(added)
  const article = db.prepare('SELECT * FROM articles WHERE id = ?').get(articleId) as Record<string, unknown>
  t.match(article, { doc: 'a', headline: doc.article.headline, quote_count: 1, entity_count: 7, body: MILLER_BODY })
  t.ok(article.story_id, 'every article has a story')
  const sources = db.prepare('SELECT slug, name, kind, article_count FROM sources ORDER BY id').all()
  t.same(sources, [
    { slug: 'the-japan-news', name: 'The Japan News', kind: 'outlet', article_count: 1 },
    { slug: 'reuters', name: 'Reuters', kind: 'wire', article_count: 1 },
  ])
  const miller = db.prepare(`SELECT * FROM entities WHERE key = 'PERSON:matthew miller'`).get() as Record<string, unknown>
  t.match(miller, { name: 'Matthew Miller', mention_count: 2, article_count: 1, quote_count: 1 })
  t.equal(miller.first_quoted_at, '2023-09-14T03:59:00.000Z')
  const aliases = db.prepare('SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias').pluck().all(miller.id)
  t.same(aliases, ['Matthew Miller', 'Miller'])
  const quote = db.prepare('SELECT * FROM quotes').get() as Record<string, unknown>
  t.equal(quote.speaker_id, miller.id)
  t.equal(MILLER_BODY.slice(quote.start as number, quote.end as number), quote.text)
  t.equal(db.prepare('SELECT count(*) FROM mentions').pluck().get(), 8)
  t.same(db.prepare('SELECT article_count, quote_count FROM stories').get(), { article_count: 1, quote_count: 1 })
})

t.test('the same content again is skipped, whitespace differences included', async (t) => {
  const { db } = await testDatabase({ t })
  const doc = millerDoc()
  const first = saveArticle(db, doc, { contentHash: contentHash(doc.article.body) })
  const counts = tableCounts(db)
  const entityCounts = db.prepare('SELECT key, mention_count, article_count, quote_count FROM entities ORDER BY id').all()
  const respaced = makeDoc({ doc: 'b', body: MILLER_BODY.replace(/ /g, '  ').replace('\n\n', '\n \n') + '\n' })
  const again = saveArticle(db, respaced, { contentHash: contentHash(respaced.article.body) })
  t.same(again, { articleId: first.articleId, added: false })
  t.same(tableCounts(db), counts)
  t.same(db.prepare('SELECT key, mention_count, article_count, quote_count FROM entities ORDER BY id').all(), entityCounts)
  t.equal(db.prepare('SELECT article_count FROM sources WHERE slug = ?').pluck().get('reuters'), 1)
})

t.test('a failing article leaves nothing behind', async (t) => {
  const { db } = await testDatabase({ t })
  const doc = millerDoc()
  // An impossible span: the mentions table refuses it after the article row was written.
  doc.mentions[3] = { ...doc.mentions[3], start: null as unknown as number }
  t.throws(() => saveArticle(db, doc, { contentHash: contentHash(doc.article.body) }))
  const counts = tableCounts(db)
  for (const table of ['articles', 'entities', 'sources', 'mentions', 'stories', 'quotes']) t.equal(counts[table], 0, table)
})

t.test('a speaker never mentioned by name still gets an entity', async (t) => {
  const { db } = await testDatabase({ t })
  const body = '“We will respond in kind,” the ministry said in a statement on Thursday.'
  const doc = makeDoc({ doc: 'x', body, quotes: [['We will respond in kind', 'Russian Foreign Ministry', 'ORG']] })
  saveArticle(db, doc, { contentHash: contentHash(body) })
  const e = db.prepare('SELECT type, name, mention_count, article_count, quote_count FROM entities').all()
  t.same(e, [{ type: 'ORG', name: 'Russian Foreign Ministry', mention_count: 0, article_count: 0, quote_count: 1 }])
  t.ok(db.prepare('SELECT speaker_id FROM quotes').pluck().get())
})

t.test('counts across articles: entities, quoted dates, sources, clusters, stories', async (t) => {
  const { db } = await testDatabase({ t })
  const a = millerDoc('a')
  const bodyB =
    'Matthew Miller, the State Department spokesman, said in Washington that Kim Jong Un and Vladimir Putin met in Russia.\n\n' +
    '“We have taken a number of entity – actions already to sanction entities that have brokered arms sales between North Korea and Russia,” he added.'
  const b = makeDoc({
    doc: 'b',
    body: bodyB,
    headline: 'US warns North Korea, Russia of more sanctions',
    publishedAt: '2023-09-15T10:00:00.000Z',
    source: 'The Economic Times',
    mentions: [
      ['Matthew Miller', 'PERSON', 'Matthew Miller'],
      ['State Department', 'ORG', 'State Department'],
      ['Washington', 'PLACE', 'Washington'],
      ['Kim Jong Un', 'PERSON', 'Kim Jong Un'],
      ['Vladimir Putin', 'PERSON', 'Vladimir Putin'],
      ['Russia', 'PLACE', 'Russia'],
      ['North Korea', 'PLACE', 'North Korea'],
      ['Russia', 'PLACE', 'Russia'],
    ],
    quotes: [
      [
        'We have taken a number of entity – actions already to sanction entities that have brokered arms sales between North Korea and Russia',
        'Matthew Miller',
      ],
    ],
  })
  const c = makeDoc({
    doc: 'c',
    body: 'Apple shares rose in New York after Tim Cook unveiled a new phone. “It is our best phone yet,” Cook said.',
    headline: 'Apple unveils phone',
    publishedAt: '2023-09-15T12:00:00.000Z',
    source: 'The Economic Times',
    mentions: [
      ['Apple', 'ORG', 'Apple'],
      ['New York', 'PLACE', 'New York'],
      ['Tim Cook', 'PERSON', 'Tim Cook'],
    ],
    quotes: [['It is our best phone yet', 'Tim Cook']],
  })
  for (const doc of [a, b, c]) saveArticle(db, doc, { contentHash: contentHash(doc.article.body) })

  const miller = db.prepare(`SELECT * FROM entities WHERE name = 'Matthew Miller'`).all() as Record<string, unknown>[]
  t.equal(miller.length, 1, 'one Matthew Miller')
  t.match(miller[0], {
    mention_count: 3,
    article_count: 2,
    quote_count: 2,
    first_quoted_at: '2023-09-14T03:59:00.000Z',
    last_quoted_at: '2023-09-15T10:00:00.000Z',
  })
  t.equal(db.prepare(`SELECT mention_count FROM entities WHERE name = 'Russia'`).pluck().get(), 3)
  t.equal(db.prepare(`SELECT article_count FROM sources WHERE slug = 'the-economic-times'`).pluck().get(), 2)

  const clusters = db.prepare('SELECT * FROM quote_clusters').all() as Record<string, unknown>[]
  t.equal(clusters.length, 1, 'the two Miller variants are one cluster')
  t.match(clusters[0], { size: 2, source_count: 2, speaker_id: miller[0].id })
  t.equal(db.prepare('SELECT count(*) FROM quotes WHERE cluster_id IS NULL').pluck().get(), 1, 'Cook stands alone')

  const stories = db.prepare('SELECT title, article_count, quote_count, first_published_at, last_published_at FROM stories ORDER BY id').all()
  t.same(stories, [
    {
      title: 'US warns Russia and North Korea over arms deal',
      article_count: 2,
      quote_count: 2,
      first_published_at: '2023-09-14T03:59:00.000Z',
      last_published_at: '2023-09-15T10:00:00.000Z',
    },
    {
      title: 'Apple unveils phone',
      article_count: 1,
      quote_count: 1,
      first_published_at: '2023-09-15T12:00:00.000Z',
      last_published_at: '2023-09-15T12:00:00.000Z',
    },
  ])
})

t.test('the same entities months apart are different stories', async (t) => {
  const { db } = await testDatabase({ t })
  const a = millerDoc('a')
  const later = millerDoc('later', MILLER_BODY.replace('spoke in Washington', 'spoke again in Washington'))
  later.article.publishedAt = '2024-03-01T00:00:00.000Z'
  for (const doc of [a, later]) saveArticle(db, doc, { contentHash: contentHash(doc.article.body) })
  t.equal(db.prepare('SELECT count(*) FROM stories').pluck().get(), 2)
  // Without a date, the same content is judged on content alone.
  const undated = millerDoc('undated', MILLER_BODY.replace('spoke in Washington', 'spoke once more in Washington'))
  undated.article.publishedAt = null
  const { articleId } = saveArticle(db, undated, { contentHash: contentHash(undated.article.body) })
  const story = db.prepare('SELECT article_count FROM stories WHERE id = (SELECT story_id FROM articles WHERE id = ?)').pluck()
  t.equal(story.get(articleId), 2)
})
