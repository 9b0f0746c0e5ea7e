/**
 * The archive generator behind the cursor walks and the benchmarks: deterministic per seed, every
 * annotation at exact offsets, realistic spreads (ten years of dates, a few dominant outlets and
 * speakers, multi-outlet stories with quote variants), and written through the store so that a
 * second run of the same seed adds nothing.
 */
import t from 'tap'
import { generateArchive, planArchive } from '../../bench/generate.js'
import { writeArticle } from '../../bench/generate/article.js'
import { Random } from '../../bench/generate/random.js'
import { World } from '../../bench/generate/world.js'
import type { NewsDoc } from '../../src/pipeline/document.js'
import { testDatabase } from '../helpers/db.js'

function docs(seed: number, articles: number): NewsDoc[] {
  const random = new Random(seed)
  const world = new World(random, articles)
  return [...planArchive(random, world, { articles, seed })].map((plan) => writeArticle(random, world, plan))
}

t.test('the same seed gives the same articles; another seed other ones', async (t) => {
  const a = docs(5, 300)
  t.equal(a.length, 300)
  t.same(docs(5, 300), a, 'deterministic')
  const other = docs(6, 300)
  t.not(other[0].article.body, a[0].article.body, 'seed 6 differs from seed 5')
})

t.test('every span is exact: body.slice(start, end) === text', async (t) => {
  let spans = 0
  const bad: string[] = []
  const check = (doc: NewsDoc, what: string, s: { start: number; end: number; text: string } | null) => {
    if (!s) return
    spans++
    if (doc.article.body.slice(s.start, s.end) !== s.text) bad.push(`${doc.doc} ${what} ${JSON.stringify(s)}`)
  }
  for (const doc of docs(7, 500)) {
    for (const m of doc.mentions) check(doc, 'mention', m)
    for (const q of doc.quotes) {
      check(doc, 'quote', q)
      check(doc, 'speaker mention', q.speakerMention)
      check(doc, 'cue', q.cue)
    }
    for (const p of doc.paragraphs) if (/\n\n/.test(doc.article.body.slice(p.start, p.end))) bad.push(`${doc.doc} paragraph spans a break`)
    const keys = new Set(doc.entities.map((e) => e.key))
    for (const m of doc.mentions) if (!keys.has(m.key)) bad.push(`${doc.doc} mention of ${m.key} has no entity`)
  }
  t.same(bad.slice(0, 5), [], `${spans} spans checked`)
})

t.test('realistic spreads', async (t) => {
  const all = docs(8, 2000)
  const dated = all.map((d) => d.article.publishedAt).filter((x): x is string => x !== null).sort()
  const years = (Date.parse(dated.at(-1)!) - Date.parse(dated[0])) / (365.25 * 86_400_000)
  t.ok(years > 9.5, `dates span ${years.toFixed(1)} years`)
  t.ok(dated.length < all.length, `${all.length - dated.length} undated pages`)
  const words = all.map((d) => d.article.body.split(/\s+/).length).sort((a, b) => a - b)
  const median = words[words.length >> 1]
  t.ok(median > 250 && median < 1200, `median length ${median} words (${words[0]}–${words.at(-1)})`)
  const share = (values: (string | null)[]) => {
    const counts = new Map<string | null, number>()
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
    return { top: Math.max(...counts.values()) / values.length, distinct: counts.size }
  }
  const outlets = share(all.map((d) => d.article.source))
  t.ok(outlets.top > 0.05 && outlets.top < 0.35, `top outlet carries ${(outlets.top * 100).toFixed(0)}% of ${outlets.distinct} outlets' articles`)
  const speakers = share(all.flatMap((d) => d.quotes.map((q) => q.speakerKey)).filter((k) => k !== null))
  t.ok(speakers.top > 0.01 && speakers.top < 0.12, `top speaker says ${(speakers.top * 100).toFixed(1)}% of quotes (${speakers.distinct} speakers)`)
  const perArticle = all.reduce((n, d) => n + d.quotes.length, 0) / all.length
  t.ok(perArticle > 2 && perArticle < 8, `${perArticle.toFixed(1)} quotes per article`)
})

t.test('through the store: stories, variants, and nothing twice', async (t) => {
  const { db } = await testDatabase({ t })
  const first = generateArchive(db, { articles: 400, seed: 9 })
  t.equal(first.added, 400, `${first.articles} articles in ${first.ms} ms`)
  const count = (sql: string) => db.prepare(sql).pluck().get() as number
  t.ok(count('SELECT count(*) FROM stories WHERE article_count > 1') >= 5, 'several stories span several articles')
  t.ok(count('SELECT count(*) FROM quote_clusters WHERE size > 1 AND source_count > 1') >= 5, 'quotes have variants across outlets')
  // A story has at most 7 articles: a cluster reaching further would join unrelated statements.
  const widest = count('SELECT max(n) FROM (SELECT count(DISTINCT article_id) AS n FROM quotes WHERE cluster_id IS NOT NULL GROUP BY cluster_id)')
  t.ok(widest <= 7, `unrelated quotes are not clustered together (widest cluster: ${widest} articles)`)
  const again = generateArchive(db, { articles: 400, seed: 9 })
  t.equal(again.added, 0, 'the same seed again adds nothing')
})

t.test('a worker thread writing the articles gives the same archive, searchable and indexed once generated', async (t) => {
  const inThread = (await testDatabase({ t })).db
  const threaded = (await testDatabase({ t })).db
  const a = generateArchive(inThread, { articles: 150, seed: 11, worker: false })
  const b = generateArchive(threaded, { articles: 150, seed: 11, worker: true })
  t.same({ ...b, ms: 0, indexMs: 0 }, { ...a, ms: 0, indexMs: 0 }, `${b.articles} articles, ${b.quotes} quotes either way`)
  const rows = (db: typeof inThread) => db.prepare('SELECT content_hash, story_id, quote_count FROM articles ORDER BY id').raw().all()
  t.same(rows(threaded), rows(inThread), 'the same articles in the same order and stories')
  // The full-text indexes are built once at the end: they must answer as if written row by row.
  const speaker = threaded.prepare('SELECT name FROM entities WHERE quote_count > 0 ORDER BY quote_count DESC LIMIT 1').pluck().get() as string
  const quoted = threaded.prepare('SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH ?').pluck()
  const inArticles = threaded.prepare('SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?').pluck()
  const phrase = `"${speaker}"`
  const withName = threaded.prepare("SELECT count(*) FROM articles WHERE instr(headline || ' ' || body, ?) > 0").pluck().get(speaker) as number
  t.equal(inArticles.get(phrase), withName, `"${speaker}" is found in the ${withName} articles naming them`)
  t.ok((quoted.get('said OR will OR must') as number) > 0, 'quotes are searchable')
  for (const table of ['articles_fts', 'quotes_fts']) {
    t.doesNotThrow(() => threaded.exec(`INSERT INTO ${table} (${table}, rank) VALUES ('integrity-check', 1)`), `${table} matches its content`)
  }
  // Indexes and triggers deferred during generation are back, as the migrations made them.
  const schema = (db: typeof inThread) => db.prepare("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name").all()
  t.same(schema(threaded), schema((await testDatabase({ t })).db), 'the schema of a freshly migrated archive')
  t.same(threaded.pragma('integrity_check'), [{ integrity_check: 'ok' }], 'every index matches its table')
})
