// The list routes over a few hundred generated articles written through the store (many outlets,
// stories, undated pages, quote variants): paging, filters and facets agree with each other on a
// shape of archive the two seeds cannot show. Independent of the annotation pipeline's accuracy.
import t, { type Test } from 'tap'
import { generateArchive } from '../../bench/generate.js'
import { buildApp } from '../../src/app.js'
import { testDatabase } from '../helpers/db.js'

const { db } = await testDatabase({ t })
// A high undated share so that pages cross from dated to undated items.
generateArchive(db, { articles: 240, seed: 11, undatedShare: 0.1 })
const app = await buildApp({ db })
t.teardown(() => app.close())

type Json = any // eslint-disable-line @typescript-eslint/no-explicit-any

async function get(url: string): Promise<Json> {
  const res = await app.inject({ url })
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
  return res.json()
}

/** Follows page.next until the end (or until `max` items). */
async function walk(url: string, limit: number, max = Infinity): Promise<Json[]> {
  const items: Json[] = []
  let cursor: string | null = null
  const sep = url.includes('?') ? '&' : '?'
  do {
    const page: Json = await get(`${url}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
    t.ok(page.data.length <= limit)
    items.push(...page.data)
    cursor = page.page.next
  } while (cursor && items.length < max)
  return items
}

/** Every item once, in the order of one big page, whatever the page size. */
async function walksLikeOnePage(t: Test, url: string, key: (item: Json) => unknown = (i) => i.id) {
  const whole = (await get(`${url}${url.includes('?') ? '&' : '?'}limit=100`)).data.map(key)
  for (const limit of [3, 17]) {
    // Past the first 100 (the big page) only a few more pages are needed to show the order holds.
    const walked = (await walk(url, limit, 120)).map(key)
    if (whole.length === 100) t.ok(walked.length > 100, `${url}: the walk goes past the big page`)
    t.same(walked.slice(0, whole.length), whole, `${url} walked in pages of ${limit}`)
    t.equal(new Set(walked).size, walked.length, `${url}: nothing twice`)
  }
}

const undated = (db.prepare('SELECT count(*) AS n FROM articles WHERE published_at IS NULL').get() as { n: number }).n
t.ok(undated > 0 && undated < 240, `some undated articles (${undated})`)

t.test('newest and oldest orders put undated items last and first', async (t) => {
  const newest = await walk('/v1/articles', 30)
  t.equal(newest.length, 240, 'every article once')
  const times = newest.map((a: Json) => a.published_at)
  const firstNull = times.indexOf(null)
  t.ok(times.slice(firstNull).every((x: string | null) => x === null), 'undated after dated')
  const dated = times.slice(0, firstNull)
  t.same(dated, [...dated].sort().reverse(), 'dated newest first')
  const oldest = await walk('/v1/articles?sort=oldest', 30)
  t.ok(oldest.slice(0, undated).every((a: Json) => a.published_at === null), 'undated first when oldest first')
  t.same(new Set(oldest.map((a: Json) => a.id)), new Set(newest.map((a: Json) => a.id)))
})

t.test('every list walks like one page', async (t) => {
  const speaker = (await get('/v1/speakers?limit=1')).data[0]
  const entity = (await get('/v1/entities?limit=1')).data[0]
  for (const url of [
    '/v1/articles',
    '/v1/articles?sort=oldest',
    '/v1/quotes',
    '/v1/quotes?sort=oldest',
    `/v1/quotes?speaker=${speaker.id}`,
    '/v1/speakers',
    '/v1/entities',
    '/v1/entities?type=place',
    '/v1/stories',
    `/v1/entities/${entity.id}/articles`,
    `/v1/entities/${entity.id}/related`,
    `/v1/speakers/${speaker.id}/quotes`,
  ]) {
    await walksLikeOnePage(t, url)
  }
  await walksLikeOnePage(t, '/v1/search?q=government', (h) => `${h.kind}${h.id}`)
})

t.test('filters combine as an intersection; facet counts are what their filter returns', async (t) => {
  const all = await walk('/v1/articles?facets=source,speaker,entity', 100)
  const faceted = await get('/v1/articles?facets=source,speaker,entity,wire,language')
  for (const facet of ['source', 'speaker', 'entity', 'wire'] as const) {
    for (const value of faceted.facets[facet].slice(0, 3)) {
      const filtered = await walk(`/v1/articles?${facet}=${encodeURIComponent(value.value)}`, 100)
      t.equal(filtered.length, value.count, `${facet}=${value.label}: ${value.count}`)
    }
  }
  t.equal(faceted.facets.language.reduce((n: number, f: Json) => n + f.count, 0), all.length, 'language facet covers the archive')
  const source = faceted.facets.source[0].value
  const speaker = faceted.facets.speaker[0].value
  const bySource = new Set((await walk(`/v1/articles?source=${source}`, 100)).map((a: Json) => a.id))
  const bySpeaker = new Set((await walk(`/v1/articles?speaker=${speaker}`, 100)).map((a: Json) => a.id))
  const both = (await walk(`/v1/articles?source=${source}&speaker=${speaker}`, 100)).map((a: Json) => a.id)
  t.same(new Set(both), new Set([...bySource].filter((id) => bySpeaker.has(id))), 'source AND speaker')
  const inRange = await walk('/v1/articles?from=2018-01-01&to=2019-12-31', 100)
  t.ok(inRange.length > 0 && inRange.every((a: Json) => a.published_at >= '2018-01-01' && a.published_at < '2020-01-01'), 'from/to')
  const quotesFacet = await get(`/v1/quotes?source=${source}&facets=speaker`)
  for (const value of quotesFacet.facets.speaker.slice(0, 3)) {
    const filtered = await walk(`/v1/quotes?source=${source}&speaker=${value.value}`, 100)
    t.equal(filtered.length, value.count, `quotes by ${value.label} in ${source}`)
    t.ok(filtered.every((q: Json) => q.article.source?.slug === source && String(q.speaker?.id) === value.value))
  }
})

t.test('quote variants across outlets, with a word diff from this quote', async (t) => {
  const quotes = await walk('/v1/quotes', 100)
  const carried = quotes.filter((q: Json) => q.other_outlets > 0)
  t.ok(carried.length > 0, 'some quotes are carried by other outlets')
  for (const q of carried.slice(0, 5)) {
    const detail = await get(`/v1/quotes/${q.id}`)
    t.ok(detail.variants.length >= q.other_outlets, `quote ${q.id}: at least one variant per other outlet`)
    for (const v of detail.variants) {
      t.equal(v.quote.cluster_id, detail.cluster_id)
      const mine = v.diff.filter((p: Json) => p.op !== 'insert').map((p: Json) => p.text).join(' ')
      t.equal(mine, detail.text.split(/\s+/).filter(Boolean).join(' '), 'equal + delete runs spell this quote')
    }
  }
})

t.test('a story: articles, outlets, speakers and key quotes agree with the lists', async (t) => {
  const stories = await walk('/v1/stories', 100)
  const story = stories.find((s: Json) => s.article_count >= 3) ?? stories[0]
  const detail = await get(`/v1/stories/${story.id}`)
  const listed = await walk(`/v1/articles?story=${story.id}`, 100)
  t.same(new Set(detail.articles.map((a: Json) => a.id)), new Set(listed.map((a: Json) => a.id)))
  t.equal(detail.articles.length, story.article_count)
  const quotes = await walk(`/v1/quotes?story=${story.id}`, 100)
  t.equal(quotes.length, story.quote_count)
  t.ok(detail.quotes.every((q: Json) => quotes.some((x: Json) => x.id === q.id)), 'key quotes are quotes of the story')
})
