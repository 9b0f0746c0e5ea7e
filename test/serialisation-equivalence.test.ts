// Replies written by the compiled fast-json-stringify serialiser are byte for byte what zod's
// checked JSON.stringify wrote, on every GET route of the seeded archive: pages, facets, single
// resources, searches and problem documents. The handlers are the real ones; only the serialiser differs.
import t from 'tap'
import Fastify, { type FastifyInstance } from 'fastify'
import { serializerCompiler as zodSerializer, validatorCompiler, type ZodTypeProvider } from '@fastify/type-provider-zod'
import { z } from 'zod'
import { buildApp } from '../src/app.js'
import { registerProblemHandlers } from '../src/http/problem.js'
import { compileResponse, serializerCompiler as fastSerializer } from '../src/http/serializer.js'
import { articleRoutes } from '../src/routes/articles.js'
import { entityRoutes } from '../src/routes/entities.js'
import { healthRoutes } from '../src/routes/health.js'
import { quoteRoutes } from '../src/routes/quotes.js'
import { searchRoutes } from '../src/routes/search.js'
import { speakerRoutes } from '../src/routes/speakers.js'
import { storyRoutes } from '../src/routes/stories.js'
import { testDatabase } from './helpers/db.js'

const { db } = await testDatabase({ seeds: true, t })

async function routesWith(serializer: typeof zodSerializer): Promise<FastifyInstance> {
  const app = Fastify().withTypeProvider<ZodTypeProvider>()
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializer)
  registerProblemHandlers(app)
  for (const routes of [articleRoutes, quoteRoutes, speakerRoutes, entityRoutes, storyRoutes, searchRoutes, healthRoutes]) {
    await app.register(routes, { db })
  }
  t.teardown(() => app.close())
  return app
}

const checked = await routesWith(zodSerializer)
const compiled = await routesWith(fastSerializer as typeof zodSerializer)

const firstId = (table: string, where = '') => (db.prepare(`SELECT min(id) AS id FROM ${table} ${where}`).get() as { id: number }).id
const article = firstId('articles')
const quote = firstId('quotes')
const speaker = (db.prepare('SELECT speaker_id AS id FROM quotes WHERE speaker_id IS NOT NULL LIMIT 1').get() as { id: number }).id
const entity = firstId('entities')
const story = firstId('stories')
const word = (db.prepare('SELECT headline FROM articles WHERE headline IS NOT NULL LIMIT 1').get() as { headline: string }).headline.split(/\W+/).find((w) => w.length > 4)

const urls = [
  '/v1/articles', '/v1/articles?limit=3', `/v1/articles?q=${word}`, '/v1/articles?facets=source,speaker,entity,story,language',
  '/v1/articles?sort=oldest&limit=5', `/v1/articles/${article}`,
  '/v1/quotes', `/v1/quotes?q=${word}`, '/v1/quotes?facets=source,speaker', `/v1/quotes/${quote}`,
  '/v1/speakers', '/v1/speakers?limit=2', `/v1/speakers/${speaker}`, `/v1/speakers/${speaker}/quotes`,
  '/v1/entities', '/v1/entities?type=place', `/v1/entities/${entity}`, `/v1/entities/${entity}/articles`, `/v1/entities/${entity}/related`,
  '/v1/stories', `/v1/stories/${story}`, `/v1/search?q=${word}`, '/healthz', '/readyz',
  // Problem documents: unknown ids, invalid parameters, a bad cursor.
  '/v1/articles/999999', '/v1/quotes?limit=0', '/v1/articles?cursor=abc.def', '/v1/search?q=%22',
]

t.test('every GET route answers the same bytes with either serialiser', async (t) => {
  let lists = 0
  for (const url of urls) {
    const [a, b] = await Promise.all([checked.inject({ url }), compiled.inject({ url })])
    t.equal(b.statusCode, a.statusCode, `${url}: same status`)
    t.equal(b.body, a.body, `${url}: same body`)
    if (a.statusCode === 200 && Array.isArray(a.json().data) && a.json().data.length > 0) lists++
  }
  // Not vacuous: most of these lists have items in the seeded archive.
  t.ok(lists >= 10, `${lists} non-empty lists compared`)
})

t.test('the application writes replies with the compiled serialiser', async (t) => {
  const app = await buildApp({ db })
  t.teardown(() => app.close())
  for (const url of [`/v1/articles/${article}`, '/v1/articles?facets=source', `/v1/search?q=${word}`]) {
    const [a, b] = await Promise.all([checked.inject({ url }), app.inject({ url, headers: { 'accept-encoding': 'identity' } })])
    t.equal(b.body, a.body, `${url}: same body as zod's serialiser`)
  }
})

t.test('properties named like documentation keywords, nulls and undeclared keys', async (t) => {
  const schema = z.object({
    description: z.string().meta({ description: 'a property called description' }),
    format: z.number().int().nullable(),
    examples: z.array(z.string()),
    at: z.string().nullable().meta({ format: 'date-time' }),
    note: z.string().optional(),
  })
  const value = { extra: 1, at: null, examples: ['a'], format: null, description: 'x "quoted" \u2028' }
  const zod = zodSerializer({ schema, method: 'GET', url: '/' } as Parameters<typeof zodSerializer>[0]) as (data: unknown) => string
  t.equal(compileResponse(schema)(value), zod(value))
  t.equal(compileResponse(schema)(value), '{"description":"x \\"quoted\\" \u2028","format":null,"examples":["a"],"at":null}')
})
