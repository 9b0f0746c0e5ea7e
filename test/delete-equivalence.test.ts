// Deleting an article leaves the archive that loading every other article, in the same order,
// would have built: the same entities with the same aliases and counts, the same quote variant
// clusters, the same stories, sources and full-text matches. Compared by content (ids differ):
// entities by key, clusters as sets of quote texts, stories as sets of documents. The seeds are
// deleted with DELETE /v1/articles/{id} of a server process; the other cases call the store.
import t, { type Test } from 'tap'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Database } from '../src/db/connection.js'
import { contentHash, deleteArticle, saveArticle } from '../src/db/store.js'
import { planLoad } from '../src/load/loader.js'
import { prepareFile } from '../src/load/prepare.js'
import type { NewsDoc } from '../src/pipeline/document.js'
import { makeDoc, testDatabase, writePolnearTexts } from './helpers/db.js'
import { seedsDir } from './helpers/paths.js'
import { startServer } from './helpers/server.js'

interface Doc {
  doc: NewsDoc
  hash: string
}

/** Reads, extracts and annotates files as the loader does, once, so each archive below only stores. */
function annotateFiles(paths: string[]): Doc[] {
  const out: Doc[] = []
  for (const file of planLoad(paths).files) {
    for (const p of prepareFile(file.path, file.manifest, () => false)) if (p.kind === 'article') out.push({ doc: p.doc, hash: p.hash })
  }
  return out
}

async function archiveFile(t: Test, docs: Doc[]) {
  const archive = await testDatabase({ t })
  for (const { doc, hash } of docs) saveArticle(archive.db, doc, { contentHash: hash })
  return archive
}

async function archiveOf(t: Test, docs: Doc[]): Promise<Database> {
  return (await archiveFile(t, docs)).db
}

const KEY = 'delete-equivalence-key-0123456789'

/** Deletes the article with `DELETE /v1/articles/{id}` of a `quotewire serve` process on the archive file. */
async function deleteOverHttp(t: Test, path: string, id: number) {
  const server = await startServer({ database: path, t, env: { API_KEYS: KEY } })
  const res = await fetch(`${server.url}/v1/articles/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${KEY}` } })
  t.equal(res.status, 204, `DELETE /v1/articles/${id}: 204`)
  t.equal((await fetch(`${server.url}/v1/articles/${id}`)).status, 404, 'then gone')
  await server.stop()
}

const FTS_WORDS = ['said', 'president', 'sanctions', 'Korea', 'police', 'water', 'bridge', 'ferry', 'government', 'election']

/** Everything a reader can see of the archive, with rows named by their content instead of their ids. */
function archiveContent(db: Database) {
  const all = (sql: string, ...params: unknown[]) => db.prepare(sql).all(...params)
  const docsOf = `(SELECT group_concat(doc, '|') FROM (SELECT doc FROM articles m WHERE m.story_id = s.id ORDER BY doc))`
  return {
    sources: all('SELECT slug, name, kind, article_count FROM sources ORDER BY slug'),
    entities: all(`SELECT key, type, name, mention_count, article_count, quote_count, first_quoted_at, last_quoted_at,
      (SELECT group_concat(alias, '|') FROM (SELECT alias FROM entity_aliases a WHERE a.entity_id = e.id ORDER BY alias)) AS aliases,
      (SELECT group_concat(alias || '#' || mentions, '|') FROM (SELECT alias, mentions FROM entity_aliases a WHERE a.entity_id = e.id ORDER BY alias)) AS alias_mentions
      FROM entities e ORDER BY key`),
    articles: all(`SELECT a.doc, a.content_hash, a.quote_count, a.entity_count, s.slug AS source, w.slug AS wire,
      (SELECT group_concat(doc, '|') FROM (SELECT doc FROM articles b WHERE b.story_id = a.story_id ORDER BY doc)) AS story
      FROM articles a LEFT JOIN sources s ON s.id = a.source_id LEFT JOIN sources w ON w.id = a.wire_id ORDER BY a.content_hash`),
    stories: all(`SELECT title, article_count, quote_count, first_published_at, last_published_at, ${docsOf} AS docs
      FROM stories s ORDER BY docs`),
    clusters: all(`SELECT size, source_count, e.key AS speaker,
      (SELECT group_concat(text, '|') FROM (SELECT q.text FROM quotes q WHERE q.cluster_id = c.id ORDER BY q.text)) AS quotes
      FROM quote_clusters c LEFT JOIN entities e ON e.id = c.speaker_id ORDER BY quotes`),
    quotes: all(`SELECT a.doc, q.start, q.end, e.key AS speaker, q.published_at FROM quotes q JOIN articles a ON a.id = q.article_id
      LEFT JOIN entities e ON e.id = q.speaker_id ORDER BY a.doc, q.start`),
    mentions: all(`SELECT a.doc, m.start, e.key FROM mentions m JOIN articles a ON a.id = m.article_id JOIN entities e ON e.id = m.entity_id
      ORDER BY a.doc, m.start`),
    search: FTS_WORDS.map((word) => ({
      word,
      articles: db.prepare(`SELECT a.doc FROM articles_fts f JOIN articles a ON a.id = f.rowid WHERE articles_fts MATCH ? ORDER BY a.doc`).pluck().all(`"${word}"`),
      quotes: all(`SELECT a.doc, q.start FROM quotes_fts f JOIN quotes q ON q.id = f.rowid JOIN articles a ON a.id = q.article_id
        WHERE quotes_fts MATCH ? ORDER BY a.doc, q.start`, `"${word}"`),
    })),
  }
}

function ftsIntact(db: Database): boolean {
  db.prepare(`INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')`).run()
  db.prepare(`INSERT INTO quotes_fts (quotes_fts) VALUES ('integrity-check')`).run()
  return true
}

type Content = ReturnType<typeof archiveContent>
interface Named {
  key: string
  name: string
}

/**
 * The one difference a delete leaves: an entity the deleted article created, that a later article
 * joined under another spelling ("George W. Bush" joining "George Bush"), keeps the key and name
 * the deleted article gave it, where a load without that article names it as the later article
 * does. The archive does not keep each article's own spelling of a name, so it cannot be undone.
 * This maps the entity to the reference's key and name, so that all the rest can be compared.
 */
function renamed(content: Content, from: Named, to: Named): Content {
  const key = (k: unknown) => (k === from.key ? to.key : k)
  const entities = content.entities
    .map((e) => {
      const row = e as Named & { aliases: string; alias_mentions: string }
      if (row.key !== from.key) return row
      return {
        ...row,
        key: to.key,
        name: to.name,
        aliases: row.aliases.split('|').filter((a) => a !== from.name).join('|'),
        alias_mentions: row.alias_mentions.split('|').filter((a) => !a.startsWith(`${from.name}#`)).join('|'),
      }
    })
    .sort((a, b) => (a.key < b.key ? -1 : 1))
  return {
    ...content,
    entities,
    mentions: content.mentions.map((m) => ({ ...(m as object), key: key((m as { key: string }).key) })),
    quotes: content.quotes.map((q) => ({ ...(q as object), speaker: key((q as { speaker: string }).speaker) })),
    clusters: content.clusters.map((c) => ({ ...(c as object), speaker: key((c as { speaker: string }).speaker) })),
  }
}

/**
 * Loads `docs`, deletes the one named `doc`, and compares with an archive loaded without it.
 * `keepsName`: the entity known to keep the deleted article's name (see `renamed`).
 */
async function checkDelete(
  t: Test,
  docs: Doc[],
  doc: string,
  why: string,
  options: { keepsName?: { from: Named; to: Named }; overHttp?: boolean } = {},
) {
  const { db: full, path } = await archiveFile(t, docs)
  const id = full.prepare('SELECT id FROM articles WHERE doc = ?').pluck().get(doc) as number
  t.ok(id, `${doc} is stored`)
  if (options.overHttp) await deleteOverHttp(t, path, id)
  else t.ok(deleteArticle(full, id), `${doc} deleted`)
  const without = await archiveOf(
    t,
    docs.filter((d) => d.doc.doc !== doc),
  )
  let got = archiveContent(full)
  const expected = archiveContent(without)
  const { keepsName } = options
  if (keepsName) {
    const kept = got.entities.some((e) => (e as Named).key === keepsName.from.key && (e as Named).name === keepsName.from.name)
    t.ok(kept, `${keepsName.to.name} keeps the name ${keepsName.from.name} it was first stored under`)
    got = renamed(got, keepsName.from, keepsName.to)
  }
  for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
    t.same(got[key], expected[key], `deleting ${doc} (${why}): ${key} as if it had never been loaded`)
  }
  t.ok(ftsIntact(full), 'the full-text indexes agree with their tables')
}

/** Counts of the full archive that make a case worth checking. */
const one = (db: Database, sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params)

t.test('the seeds: two reports of one event, sharing a story and a quote cluster', async (t) => {
  const docs = annotateFiles([seedsDir])
  t.equal(docs.length, 2)
  const full = await archiveOf(t, docs)
  t.equal(one(full, 'SELECT count(*) FROM stories'), 1, 'one story')
  t.equal(one(full, 'SELECT count(*) FROM quote_clusters'), 1, 'one cluster')
  // Through the HTTP API of a server process, as a client deletes.
  for (const { doc } of docs) {
    await checkDelete(t, docs, doc.doc, doc === docs[0].doc ? 'the story’s first article' : 'the later article', { overHttp: true })
  }
})

// Hand-built articles, so that each case is certain to arise whatever the pipeline's accuracy.
const HARBOUR = 'the new harbour bridge will open to traffic before the winter storms arrive'
const FERRIES = 'every ferry operator in the region has agreed to lower its fares for commuters'
const WATER: [string, 'PERSON' | 'ORG' | 'PLACE', string][] = [
  ['Valencia', 'PLACE', 'Valencia'],
  ['Murcia', 'PLACE', 'Murcia'],
  ['Segura River', 'PLACE', 'Segura River'],
  ['Jucar Authority', 'ORG', 'Jucar Authority'],
  ['Ana Ruiz', 'PERSON', 'Ana Ruiz'],
  ['Luis Gomez', 'PERSON', 'Luis Gomez'],
]
const water = (n: number) => WATER.slice(n, n + 3)
const names = (mentions: typeof WATER) => mentions.map(([name]) => name).join(', ')
const crafted = (): Doc[] =>
  [
    makeDoc({ doc: 'kim-first', body: 'Kim Jong Un inspected a missile base, state media said.', mentions: [['Kim Jong Un', 'PERSON', 'Kim Jong Un']], source: 'Daily Tribune' }),
    makeDoc({
      doc: 'harbour-plan',
      body: `The mayor, Maria Ortiz, said "${HARBOUR}," at a briefing.`,
      mentions: [['Maria Ortiz', 'PERSON', 'Maria Ortiz']],
      quotes: [[HARBOUR, 'Maria Ortiz']],
      publishedAt: '2024-03-01T10:00:00.000Z',
      source: 'Harbour Gazette',
    }),
    makeDoc({
      doc: 'kim-alias',
      body: 'Kim Jong-un met officials in Pyongyang on Monday.',
      mentions: [['Kim Jong-un', 'PERSON', 'Kim Jong-un'], ['Pyongyang', 'PLACE', 'Pyongyang']],
      source: 'Reuters',
    }),
    makeDoc({
      doc: 'harbour-bridge',
      body: `Maria Ortiz said "${HARBOUR} and ${FERRIES}."`,
      mentions: [['Maria Ortiz', 'PERSON', 'Maria Ortiz']],
      quotes: [[`${HARBOUR} and ${FERRIES}`, 'Maria Ortiz']],
      publishedAt: '2024-03-02T10:00:00.000Z',
      source: 'Coast Post',
    }),
    makeDoc({
      doc: 'harbour-fares',
      body: `"${FERRIES}," Maria Ortiz said.`,
      mentions: [['Maria Ortiz', 'PERSON', 'Maria Ortiz']],
      quotes: [[FERRIES, 'Maria Ortiz']],
      publishedAt: '2024-03-03T10:00:00.000Z',
      wire: 'Reuters',
      source: 'Island News',
    }),
    makeDoc({ doc: 'wire-first', body: 'Harbour fees rose on Monday.', source: 'Bay Chronicle', wire: 'Coastal Wire' }),
    makeDoc({ doc: 'wire-as-outlet', body: 'Ferry crossings were delayed by fog.', source: 'Coastal Wire' }),
    makeDoc({ doc: 'bush-first', body: 'George Bush opened the library.', mentions: [['George Bush', 'PERSON', 'George Bush']] }),
    makeDoc({ doc: 'bush-later', body: 'George W. Bush spoke at the library.', mentions: [['George W. Bush', 'PERSON', 'George W. Bush']] }),
    makeDoc({
      doc: 'drought-first',
      headline: 'Drought forces water rationing in Valencia and Murcia',
      body: `${names(WATER)} and others met on the drought.`,
      mentions: WATER,
      publishedAt: '2024-06-01T08:00:00.000Z',
      source: 'Levante Daily',
    }),
    makeDoc({
      doc: 'drought-north',
      headline: 'Water rationing begins in Valencia',
      body: `${names(water(0))} face rationing.`,
      mentions: water(0),
      publishedAt: '2024-06-01T12:00:00.000Z',
      source: 'Valencia Herald',
    }),
    makeDoc({
      doc: 'drought-south',
      headline: 'Murcia farmers face water rationing',
      body: `${names(water(3))} spoke to farmers.`,
      mentions: water(3),
      publishedAt: '2024-06-02T12:00:00.000Z',
      source: 'Murcia Today',
    }),
  ].map((doc) => ({ doc, hash: contentHash(doc.article.body) }))

t.test('hand-built cases: a bridging quote, a story’s founding article, an alias, a source kind, a name', async (t) => {
  const docs = crafted()
  const full = await archiveOf(t, docs)
  const clusterOf = (doc: string) => one(full, 'SELECT q.cluster_id FROM quotes q JOIN articles a ON a.id = q.article_id WHERE a.doc = ?', doc)
  const storyOf = (doc: string) => one(full, 'SELECT story_id FROM articles WHERE doc = ?', doc)
  t.ok(clusterOf('harbour-plan') && clusterOf('harbour-plan') === clusterOf('harbour-fares'), 'two quotes sharing no words are one cluster through the quote that contains both')
  t.equal(storyOf('drought-north'), storyOf('drought-south'), 'two articles sharing no entity are one story through the article that names all of them')
  t.match(one(full, `SELECT group_concat(alias, '|') FROM entity_aliases WHERE alias LIKE 'Kim%'`), /Kim Jong-un/, 'the second spelling of a name is an alias of the first')
  t.equal(one(full, `SELECT kind FROM sources WHERE slug = 'reuters'`), 'outlet', 'Reuters was first seen as an outlet')
  t.equal(one(full, `SELECT kind FROM sources WHERE slug = 'coastal-wire'`), 'wire', 'Coastal Wire was first seen as a wire')
  t.equal(one(full, `SELECT group_concat(alias, '|') FROM entity_aliases a JOIN entities e ON e.id = a.entity_id WHERE e.key = 'PERSON:george bush'`),
    'George Bush|George W. Bush', 'a later spelling of a name joins the entity an earlier article created')

  await checkDelete(t, docs, 'harbour-bridge', 'the quote bridging a cluster')
  await checkDelete(t, docs, 'drought-first', 'the article that founded a story')
  await checkDelete(t, docs, 'kim-alias', 'the article that wrote an alias, and first named a source')
  await checkDelete(t, docs, 'harbour-fares', 'the last member of a cluster')
  await checkDelete(t, docs, 'wire-first', 'the article that first named a source as a wire, which a later one names as an outlet')
  await checkDelete(t, docs, 'bush-first', 'it created an entity a later article joined under another spelling', {
    keepsName: { from: { key: 'PERSON:george bush', name: 'George Bush' }, to: { key: 'PERSON:george w. bush', name: 'George W. Bush' } },
  })
})

const polnearDir = mkdtempSync(join(tmpdir(), 'quotewire-delete-'))
t.teardown(() => rmSync(polnearDir, { recursive: true, force: true }))
const polnearTexts = writePolnearTexts(polnearDir, ['dev'], 30)

t.test('PolNeAR articles with the seeds', { skip: polnearTexts ? false : 'shared corpus absent' }, async (t) => {
  const dir = polnearDir
  const docs = annotateFiles([seedsDir, dir])
  const full = await archiveOf(t, docs)
  const seeds = docs.findIndex((d) => !d.doc.doc.match(/^\d{3}_/))
  // The first article to name an entity that later articles name too: they are linked to the entity it created.
  const founder = one(
    full,
    `SELECT a.doc FROM entities e JOIN article_entities first ON first.entity_id = e.id
       AND first.article_id = (SELECT min(article_id) FROM article_entities WHERE entity_id = e.id)
     JOIN articles a ON a.id = first.article_id
     WHERE a.id > ${seeds} GROUP BY a.id ORDER BY sum(e.article_count > 1) DESC, a.id LIMIT 1`,
  ) as string
  // The article that wrote a form of a name nobody else wrote, for an entity an earlier article named.
  const aliasWriter = one(
    full,
    `SELECT a.doc FROM mentions m JOIN articles a ON a.id = m.article_id JOIN entities e ON e.id = m.entity_id
     WHERE m.text <> e.name AND NOT EXISTS (SELECT 1 FROM mentions o WHERE o.entity_id = m.entity_id AND o.text = m.text AND o.article_id <> m.article_id)
       AND EXISTS (SELECT 1 FROM mentions o WHERE o.entity_id = m.entity_id AND o.article_id < m.article_id)
       AND a.id > ${seeds} ORDER BY a.id LIMIT 1`,
  ) as string | undefined
  // The article sharing the most entities with others: its delete changes the most counts.
  const mostShared = one(
    full,
    `SELECT a.doc FROM articles a JOIN article_entities ae ON ae.article_id = a.id JOIN entities e ON e.id = ae.entity_id
     WHERE a.id > ${seeds} GROUP BY a.id ORDER BY sum(e.article_count - 1) DESC, a.id LIMIT 1`,
  ) as string
  t.ok(aliasWriter, `an article wrote an alias of an entity named before it (${aliasWriter})`)
  if (aliasWriter) await checkDelete(t, docs, aliasWriter, 'it wrote an alias')
  await checkDelete(t, docs, mostShared, 'it shares the most entities')
  await checkDelete(t, docs, founder, 'it first named the most entities that later articles name')
  await checkDelete(t, docs, docs[0].doc.doc, 'the first seed, founding the story of both')
})
