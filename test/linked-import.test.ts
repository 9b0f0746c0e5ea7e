/**
 * The pre-linked bulk import (src/db/store/linked.ts) that builds the benchmark archive: the same rows
 * as the store's linking write for everything but the links, the links close to what the linker
 * finds on the same articles, a later load still finding its variants among the imported quotes,
 * and an import into an archive that already has articles resolving entities as a load would.
 */
import t from 'tap'
import { generateArchive } from '../bench/generate.js'
import { writeLinkedArticle } from '../bench/generate/article.js'
import { planArchive } from '../bench/generate/plan.js'
import { Random } from '../bench/generate/random.js'
import { World } from '../bench/generate/world.js'
import type { Database } from '../src/db/connection.js'
import { contentHash, saveArticle, saveArticles } from '../src/db/store.js'
import { linkedImport, linkedPreparer } from '../src/db/store/linked.js'
import { testDatabase } from './helpers/db.js'

const ARTICLES = 1500

/** Every row of a table in a stable order, the columns `skip` left out. */
function rows(db: Database, table: string, skip: string[] = []): unknown[][] {
  const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]).filter((c) => !skip.includes(c))
  return db.prepare(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY ${columns.join(', ')}`).raw().all() as unknown[][]
}

/** Pairs of items grouped together (same story, same cluster), as "a-b" strings. */
function pairs(db: Database, sql: string): Set<string> {
  const groups = new Map<number, number[]>()
  for (const [item, group] of db.prepare(sql).raw().all() as [number, number | null][]) {
    if (group === null) continue
    const members = groups.get(group) ?? []
    members.push(item)
    groups.set(group, members)
  }
  const out = new Set<string>()
  for (const members of groups.values()) for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++) out.add(`${members[i]}-${members[j]}`)
  return out
}

function agreement(linked: Set<string>, planned: Set<string>) {
  let both = 0
  for (const p of planned) if (linked.has(p)) both++
  return { precision: both / planned.size, recall: both / linked.size }
}

t.test('a plan-linked archive has the rows of a linked one, and nearly the same links', async (t) => {
  const searched = (await testDatabase({ t })).db
  const planned = (await testDatabase({ t })).db
  const a = generateArchive(searched, { articles: ARTICLES, seed: 4, worker: false })
  const b = generateArchive(planned, { articles: ARTICLES, seed: 4, worker: false, linking: 'plan' })
  t.equal(b.added, ARTICLES, `${b.articles} articles imported in ${b.ms} ms (linked by search: ${a.ms} ms)`)

  const links: Record<string, string[]> = { articles: ['story_id', 'loaded_at'], quotes: ['cluster_id'], stories: ['id', 'title', 'created_at', 'first_published_at', 'last_published_at', 'article_count', 'quote_count'], quote_clusters: ['id', 'speaker_id', 'size', 'source_count'] }
  for (const table of ['sources', 'articles', 'entities', 'entity_aliases', 'mentions', 'article_entities', 'quotes', 'quoted_phrases', 'quote_keys', 'article_speakers', 'article_leads']) {
    const skip = links[table] ?? []
    t.same(rows(planned, table, skip), rows(searched, table, skip), `${table}: the same rows${skip.length ? ` but ${skip.join(', ')}` : ''}`)
  }

  const stories = agreement(pairs(searched, 'SELECT id, story_id FROM articles'), pairs(planned, 'SELECT id, story_id FROM articles'))
  t.equal(stories.recall, 1, 'every two articles the linker puts in one story are in one story of the plan')
  t.ok(stories.precision >= 0.85, `the plan's stories: ${(stories.precision * 100).toFixed(1)}% of their pairs of articles linked by the linker too`)
  const clusters = agreement(pairs(searched, 'SELECT id, cluster_id FROM quotes'), pairs(planned, 'SELECT id, cluster_id FROM quotes'))
  t.ok(clusters.precision >= 0.7 && clusters.recall >= 0.75, `quote clusters: precision ${clusters.precision.toFixed(2)}, recall ${clusters.recall.toFixed(2)} against the linker's`)

  // Counts kept in memory and written per batch are the counts of the rows.
  const count = (db: Database, sql: string) => db.prepare(sql).pluck().get() as number
  t.equal(count(planned, 'SELECT count(*) FROM stories s WHERE article_count <> (SELECT count(*) FROM articles WHERE story_id = s.id) OR quote_count <> (SELECT coalesce(sum(quote_count), 0) FROM articles WHERE story_id = s.id)'), 0, "every story's counts are its articles'")
  t.equal(count(planned, "SELECT count(*) FROM stories s WHERE first_published_at IS NOT (SELECT min(published_at) FROM articles WHERE story_id = s.id) OR last_published_at IS NOT (SELECT max(published_at) FROM articles WHERE story_id = s.id)"), 0, "every story's dates span its articles'")
  t.equal(count(planned, 'SELECT count(*) FROM quote_clusters c WHERE size <> (SELECT count(*) FROM quotes WHERE cluster_id = c.id) OR size < 2'), 0, 'every cluster holds its size in quotes, two or more')
  t.equal(count(planned, 'SELECT count(*) FROM articles WHERE story_id IS NULL'), 0, 'every article is in a story')
  t.same(planned.pragma('integrity_check'), [{ integrity_check: 'ok' }], 'every index matches its table')
  const schema = (db: Database) => db.prepare("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger', 'table') ORDER BY name").all()
  t.same(schema(planned), schema(searched), 'the schema of a linked archive: no table of the import is left')
})

t.test('a load after the import links its quotes to the imported variants', async (t) => {
  const { db } = await testDatabase({ t })
  generateArchive(db, { articles: 400, seed: 9, worker: false, linking: 'plan' })
  // Reported without its speaker, the quote can only be found by its words: through the imported look-up keys.
  const text = db.prepare('SELECT text FROM quotes WHERE length(text) > 80 ORDER BY id LIMIT 1').pluck().get() as string
  const body = `“${text},” an official said.`
  const doc = {
    doc: 'later',
    article: { headline: null, dateline: null, publishedAt: null, publishedLocal: null, source: 'Later Outlet', wire: null, author: null, url: null, language: 'en', captions: [], body },
    paragraphs: [],
    sentences: [],
    mentions: [],
    entities: [],
    quotes: [{ start: 1, end: 1 + text.length, text, speaker: null, speakerKey: null, speakerType: null, speakerMention: null, cue: null, role: null, resolution: 'unresolved' as const, confidence: 0.2 }],
    quotedPhrases: [],
    messages: [],
  }
  const { articleId } = saveArticle(db, doc, { contentHash: contentHash(body) })
  const joined = db.prepare('SELECT count(*) FROM quotes WHERE text = ? AND cluster_id = (SELECT cluster_id FROM quotes WHERE article_id = ?)').pluck().get(text, articleId) as number
  t.equal(joined, 2, 'the new quote is clustered with the imported one')
})

t.test('an import into an archive that has articles resolves their entities as the store would', async (t) => {
  const random = new Random(12)
  const world = new World(random, 600)
  const written = [...planArchive(random, world, { articles: 600, seed: 12 })].map((plan) => writeLinkedArticle(random, world, plan))
  const items = written.map((w) => ({ ...w, contentHash: contentHash(w.doc.article.body) }))
  const linked = (await testDatabase({ t })).db
  saveArticles(linked, items)
  const mixed = (await testDatabase({ t })).db
  saveArticles(mixed, items.slice(0, 300))
  const importer = linkedImport(mixed)
  const prepare = linkedPreparer()
  t.equal(importer.save(items.slice(250).map(prepare)), 300, 'the 50 articles stored already are skipped')
  importer.finish()
  t.throws(() => importer.save([]), /finished/, 'a finished import takes no more')
  for (const table of ['entities', 'entity_aliases', 'mentions', 'article_entities', 'quote_keys', 'sources']) {
    t.same(rows(mixed, table), rows(linked, table), `${table}: as if every article had been saved`)
  }
})
