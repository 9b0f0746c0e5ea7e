// The API over the seeds, loaded by the real loader: the questions a reader asks, and every answer
// checked against the schema the OpenAPI document promises for its path and status.
import t from 'tap'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/app.js'
import { testDatabase } from './helpers/db.js'

const { db } = await testDatabase({ seeds: true, t })
const app: FastifyInstance = await buildApp({ db })
t.teardown(() => app.close())

type Json = any // eslint-disable-line @typescript-eslint/no-explicit-any
const doc: Json = (await app.inject({ url: '/openapi.json' })).json()

const ajv = new Ajv2020({ strict: false, allErrors: true })
;(addFormats as unknown as (a: Ajv2020) => void)(ajv)
// The components once, under the document's own name, so each response's $ref resolves into it.
ajv.addSchema({ $id: 'openapi.json', components: doc.components })

/** Validates a body against the response schema the document gives `template` (e.g. /v1/articles/{id}) for its status. */
function conforms(template: string, status: number, body: unknown): string[] {
  const response = doc.paths[template]?.get?.responses?.[String(status)]
  if (!response) return [`no ${status} response documented for ${template}`]
  const media = Object.values(response.content ?? {})[0] as { schema: object } | undefined
  if (!media) return [`no schema documented for ${template} ${status}`]
  const ref = (media.schema as { $ref?: string }).$ref
  const validate = ref ? ajv.getSchema(`openapi.json${ref}`)! : ajv.compile({ ...media.schema, components: doc.components })
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`)
}

async function get(url: string, expected = 200): Promise<Json> {
  const res = await app.inject({ url })
  if (res.statusCode !== expected) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
  return res.json()
}

/** Every item of a list, following page.next. */
async function walk(url: string): Promise<Json[]> {
  const items: Json[] = []
  let next: string | null = null
  do {
    const sep = url.includes('?') ? '&' : '?'
    const page: Json = await get(next ? `${url}${sep}cursor=${next}` : url)
    items.push(...page.data)
    next = page.page.next
  } while (next)
  return items
}

const speakers: Json = await get('/v1/speakers?limit=100')
const miller = speakers.data.find((s: Json) => s.name === 'Matthew Miller')

t.test('/v1/speakers lists Matthew Miller with his quote count, most quoted first', async (t) => {
  t.ok(miller, 'Matthew Miller is a speaker')
  const quotes = await walk(`/v1/quotes?speaker=${miller.id}&limit=100`)
  t.ok(miller.quote_count >= 2, 'he is quoted more than once')
  t.equal(miller.quote_count, quotes.length, 'quote_count is the number of his quotes')
  const counts = speakers.data.map((s: Json) => s.quote_count)
  t.same(counts, [...counts].sort((a, b) => b - a), 'ranked by quotes')
  const byName = await get('/v1/speakers?q=matthew%20MILLER')
  t.ok(byName.data.some((s: Json) => s.id === miller.id), 'q matches his name regardless of case')
  const people = await get('/v1/speakers?type=person&limit=100')
  t.ok(people.data.every((s: Json) => s.type === 'person'), 'type filters')
})

t.test('his quotes come back from both outlets', async (t) => {
  const quotes = await walk(`/v1/speakers/${miller.id}/quotes?limit=2`)
  t.ok(quotes.every((q: Json) => q.speaker?.id === miller.id), 'every quote is his')
  const articles = new Set(quotes.map((q: Json) => q.article.id))
  t.equal(articles.size, 2, 'from both seed articles')
  const byName = await walk('/v1/quotes?speaker=Matthew%20Miller&limit=100')
  t.same(byName.map((q: Json) => q.id), quotes.map((q: Json) => q.id), 'speaker= takes his name as well as his id')
  const detail = await get(`/v1/speakers/${miller.id}`)
  t.ok(detail.aliases.length >= 1, 'aliases')
  t.ok(detail.roles.some((r: Json) => /spokes/i.test(r.role)), 'his role as the articles give it')
  t.equal(detail.first_quoted_at, '2023-09-14T03:59:00.000Z')
})

t.test('/v1/search?q=sanctions finds both articles with marked snippets', async (t) => {
  const hits = await walk('/v1/search?q=sanctions')
  const articles = hits.filter((h: Json) => h.kind === 'article')
  t.same(new Set(articles.map((h: Json) => h.id)).size, 2, 'both articles')
  for (const hit of hits) t.match(hit.snippet, /<mark>sanctions?<\/mark>/i, `${hit.kind} ${hit.id} marked`)
  // Each snippet is cut from its own hit's text, not from another match's.
  const unmark = (s: string) => s.replace(/<\/?mark>/g, '').replace(/&#39;|&quot;|&amp;|&lt;|&gt;/g, (e) => ({ '&#39;': "'", '&quot;': '"', '&amp;': '&', '&lt;': '<', '&gt;': '>' })[e]!)
  for (const hit of hits) {
    const own = hit.kind === 'article' ? (await get(`/v1/articles/${hit.id}`)).body : (await get(`/v1/quotes/${hit.id}`)).text
    for (const piece of unmark(hit.snippet).split('…').filter((p: string) => p.trim().length > 10)) {
      t.ok(own.includes(piece.trim()), `${hit.kind} ${hit.id}: its snippet "${piece.trim().slice(0, 40)}…" is from its own text`)
    }
  }
  const scores = hits.map((h: Json) => h.score)
  t.same(scores, [...scores].sort((a, b) => b - a), 'best match first')
  const quotesOnly = await get('/v1/search?q=sanctions&kind=quote')
  t.ok(quotesOnly.data.every((h: Json) => h.kind === 'quote' && h.speaker !== undefined), 'kind filters')
})

t.test('articles: full text with snippets, filters that combine, facets', async (t) => {
  const all = await get('/v1/articles')
  t.equal(all.data.length, 2)
  const found = await get('/v1/articles?q=sanctions')
  t.equal(found.data.length, 2)
  t.ok(found.data.every((a: Json) => a.snippet.includes('<mark>')), 'matched words marked')
  const phrase = await get('/v1/articles?q=%22military%20transfers%22')
  t.equal(phrase.data.length, 1, 'a phrase matches one article')
  const prefix = await get('/v1/articles?q=sanction*%20AND%20Moscow')
  t.equal(prefix.data.length, 1, 'prefix AND word')
  const wire = await get('/v1/articles?wire=reuters')
  t.equal(wire.data.length, 1)
  t.equal(wire.data[0].wire.slug, 'reuters')
  const dated = await get('/v1/articles?from=2023-09-14&to=2023-09-14')
  t.same(dated.data.map((a: Json) => a.published_at), ['2023-09-14T03:59:00.000Z'], 'a whole UTC day')
  t.equal((await get('/v1/articles?from=2023-09-14T04:00:00Z')).data.length, 0, 'after the only dated article')
  // Filters combine: the result is the intersection.
  const both = await get(`/v1/articles?q=sanctions&wire=reuters&speaker=${miller.id}`)
  t.same(both.data.map((a: Json) => a.id), wire.data.map((a: Json) => a.id))
  t.equal((await get('/v1/articles?wire=reuters&q=Moscow')).data.length, 0, 'wire and q exclude each other here')
  const faceted = await get('/v1/articles?facets=speaker,entity&facets=wire')
  const millerFacet = faceted.facets.speaker.find((f: Json) => f.value === String(miller.id))
  t.equal(millerFacet?.count, 2, 'speaker facet counts his two articles')
  t.same(faceted.facets.wire, [{ value: 'reuters', label: 'Reuters', count: 1 }])
  t.ok(faceted.facets.entity.length > 0)
  const entityId = Number(faceted.facets.entity[0].value)
  const withEntity = await get(`/v1/articles?entity=${entityId}`)
  t.equal(withEntity.data.length, faceted.facets.entity[0].count, 'a facet count is what its filter returns')
})

t.test('an article carries its body and annotations with exact offsets', async (t) => {
  for (const { id } of (await get('/v1/articles')).data) {
    const article = await get(`/v1/articles/${id}`)
    t.ok(article.body.length > 0)
    t.ok(article.quotes.length > 0, 'quotes')
    for (const q of article.quotes) {
      t.equal(article.body.slice(q.start, q.end), q.text, `quote ${q.id} offsets`)
      if (q.cue) t.equal(article.body.slice(q.cue.start, q.cue.end), q.cue.text)
      if (q.speaker_mention) t.equal(article.body.slice(q.speaker_mention.start, q.speaker_mention.end), q.speaker_mention.text)
    }
    for (const m of article.mentions) t.equal(article.body.slice(m.start, m.end), m.text, `mention ${m.id} offsets`)
    t.ok(article.speakers.some((s: Json) => s.id === miller.id), 'Miller is among its speakers')
    t.equal(article.story?.id, article.story ? article.story.id : undefined)
  }
})

t.test('quotes: filters, and variants across outlets with a word diff', async (t) => {
  const inArticle = await walk('/v1/quotes?article=1&limit=100')
  t.ok(inArticle.length > 0 && inArticle.every((q: Json) => q.article.id === 1))
  const words = await get('/v1/quotes?q=sanction*')
  t.ok(words.data.length > 0 && words.data.every((q: Json) => /sanction/i.test(q.text)), 'q searches the quoted words')
  const clustered = (await walk('/v1/quotes?limit=100')).find((q: Json) => q.other_outlets > 0)
  t.ok(clustered, 'some quote is carried by another outlet')
  const detail = await get(`/v1/quotes/${clustered.id}`)
  t.ok(detail.variants.length >= 1)
  const variant = detail.variants[0]
  t.not(variant.quote.article.id, detail.article.id, 'the variant is from the other article')
  t.ok(variant.diff.some((p: Json) => p.op === 'equal'), 'shared words')
  const rebuilt = variant.diff.filter((p: Json) => p.op !== 'insert').map((p: Json) => p.text).join(' ')
  t.equal(rebuilt.replace(/\s+/g, ' '), detail.text.trim().replace(/\s+/g, ' '), 'equal + delete runs spell this quote')
  const facets = await get(`/v1/quotes?facets=speaker`)
  t.equal(facets.facets.speaker.find((f: Json) => f.value === String(miller.id))?.count, miller.quote_count)
})

t.test('entities and stories', async (t) => {
  const entities = await walk('/v1/entities?limit=100')
  const mentions = entities.map((e: Json) => e.mention_count)
  t.same(mentions, [...mentions].sort((a, b) => b - a), 'most mentioned first')
  const putin = entities.find((e: Json) => e.name === 'Vladimir Putin')
  t.ok(putin, 'Vladimir Putin is an entity')
  t.equal(putin.type, 'person')
  const detail = await get(`/v1/entities/${putin.id}`)
  t.ok(detail.aliases.length >= 1)
  const articles = await walk(`/v1/entities/${putin.id}/articles?limit=1`)
  t.equal(articles.length, detail.article_count, 'one article per article_count')
  const related = await get(`/v1/entities/${putin.id}/related`)
  t.ok(related.data.length > 0 && related.data.every((e: Json) => e.id !== putin.id && e.together >= 1))
  const korea = await get('/v1/entities?q=korea')
  t.ok(korea.data.some((e: Json) => e.name === 'North Korea'), 'q finds a word inside a name')
  const places = await get('/v1/entities?type=place&limit=100')
  t.ok(places.data.length > 0 && places.data.every((e: Json) => e.type === 'place'))
  const stories = await get('/v1/stories')
  t.ok(stories.data.length >= 1)
  const story = await get(`/v1/stories/${stories.data[0].id}`)
  t.equal(story.articles.length, story.article_count)
  t.ok(story.speakers.some((s: Json) => s.id === miller.id), 'Miller is a key speaker')
  t.ok(story.quotes.length > 0)
})

t.test('every route answers with the documented shape', async (t) => {
  const putin = (await get('/v1/entities?q=vladimir')).data[0]
  const quote = (await get('/v1/quotes?limit=1')).data[0]
  const story = (await get('/v1/stories')).data[0]
  const cases: [string, string][] = [
    ['/v1/articles', '/v1/articles?facets=source,wire,speaker,entity,language'],
    ['/v1/articles', '/v1/articles?q=sanctions&sort=relevance'],
    ['/v1/articles/{id}', '/v1/articles/1'],
    ['/v1/quotes', '/v1/quotes?facets=source,speaker'],
    ['/v1/quotes/{id}', `/v1/quotes/${quote.id}`],
    ['/v1/speakers', '/v1/speakers'],
    ['/v1/speakers/{id}', `/v1/speakers/${miller.id}`],
    ['/v1/speakers/{id}/quotes', `/v1/speakers/${miller.id}/quotes`],
    ['/v1/entities', '/v1/entities'],
    ['/v1/entities/{id}', `/v1/entities/${putin.id}`],
    ['/v1/entities/{id}/articles', `/v1/entities/${putin.id}/articles`],
    ['/v1/entities/{id}/related', `/v1/entities/${putin.id}/related`],
    ['/v1/stories', '/v1/stories'],
    ['/v1/stories/{id}', `/v1/stories/${story.id}`],
    ['/v1/search', '/v1/search?q=sanctions'],
    ['/healthz', '/healthz'],
    ['/readyz', '/readyz'],
  ]
  // Writes (POST, DELETE) are exercised in writes.test.ts.
  const readable = Object.keys(doc.paths).filter((path) => doc.paths[path].get)
  t.same(new Set(cases.map(([template]) => template)), new Set(readable), 'every documented path is exercised')
  for (const [template, url] of cases) {
    const res = await app.inject({ url })
    t.equal(res.statusCode, 200, url)
    t.same(conforms(template, 200, res.json()), [], `${url} matches its documented 200 schema`)
  }
  for (const [template, url, status] of [
    ['/v1/articles/{id}', '/v1/articles/99999', 404],
    ['/v1/articles', '/v1/articles?limit=0', 400],
    ['/v1/speakers/{id}/quotes', '/v1/speakers/99999/quotes', 404],
  ] as const) {
    const res = await app.inject({ url })
    t.equal(res.statusCode, status, url)
    t.same(conforms(template, status, res.json()), [], `${url} matches its documented ${status} schema`)
  }
})

t.test("the parameters' examples, filled in together as Swagger UI does, are accepted", async (t) => {
  for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
    if (!item.get) continue
    const query = new URLSearchParams()
    let url = path
    for (const p of item.get.parameters ?? []) {
      if (p.in === 'path') url = url.replace(`{${p.name}}`, String(p.example))
      else for (const value of [p.example].flat()) query.append(p.name, String(value))
    }
    const res = await app.inject({ url: `${url}${query.size ? `?${query}` : ''}` })
    // Path examples are id 1, which need not name a speaker in every archive: 404 is an answer, 400 is not.
    t.ok([200, 404].includes(res.statusCode), `${path} with every example: ${res.statusCode} ${res.statusCode === 400 ? res.body : ''}`)
  }
})
