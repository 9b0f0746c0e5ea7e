// Entities seen with an entity: every page, followed by its cursor, ranks the co-mentioned entities
// as a plain GROUP BY over the entity's most recent articles would, ties by id, none twice.
import t from 'tap'
import { generateArchive } from '../../bench/generate.js'
import { buildApp } from '../../src/app.js'
import { RELATED_WINDOW } from '../../src/db/entities.js'
import { testDatabase } from '../helpers/db.js'

const { db } = await testDatabase({ t })
generateArchive(db, { articles: 200, seed: 7 })
const app = await buildApp({ db })
t.teardown(() => app.close())

const expected = db.prepare(`SELECT other.entity_id AS id, count(*) AS together
  FROM (SELECT article_id FROM article_entities WHERE entity_id = @entity
        ORDER BY published_at DESC, article_id DESC LIMIT @window) mine
  JOIN article_entities other ON other.article_id = mine.article_id
  WHERE other.entity_id <> @entity GROUP BY other.entity_id ORDER BY together DESC, other.entity_id`)

async function walk(entity: number, limit: number): Promise<Array<{ id: number; together: number }>> {
  const items: Array<{ id: number; together: number }> = []
  let url: string | null = `/v1/entities/${entity}/related?limit=${limit}`
  while (url) {
    const res = await app.inject({ url })
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
    const body = res.json() as { data: Array<{ id: number; together: number }>; page: { next: string | null } }
    items.push(...body.data.map(({ id, together }) => ({ id, together })))
    url = body.page.next ? `/v1/entities/${entity}/related?limit=${limit}&cursor=${encodeURIComponent(body.page.next)}` : null
  }
  return items
}

const entities = db.prepare('SELECT id FROM entities ORDER BY article_count DESC, id LIMIT 3').pluck().all() as number[]
const lonely = db.prepare('SELECT id FROM entities WHERE article_count = 1 ORDER BY id LIMIT 1').pluck().get() as number | undefined

t.test('pages of related entities follow the counts', async (t) => {
  for (const entity of [...entities, ...(lonely === undefined ? [] : [lonely])]) {
    const want = expected.all({ entity, window: RELATED_WINDOW })
    t.ok(want.length > 0, `entity ${entity} is mentioned with others`)
    for (const limit of [7, 100]) t.same(await walk(entity, limit), want, `entity ${entity}, pages of ${limit}`)
  }
})
