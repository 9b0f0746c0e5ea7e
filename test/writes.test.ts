// Writes over HTTP on the seeded archive: a page posted is stored like a loaded file, the same
// content twice is stored once, a deleted article leaves every count as if it had never been
// loaded (re-posting it restores the original archive), and annotation stores nothing.
import t, { type Test } from 'tap'
import { readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { LightMyRequestResponse } from 'fastify'
import { buildApp } from '../src/app.js'
import { annotationRecord } from '../src/commands/annotate.js'
import type { Database } from '../src/db/connection.js'
import { annotate } from '../src/pipeline/index.js'
import { extractFile } from '../src/pipeline/extract.js'
import { archiveSnapshot, tableCounts, testDatabase } from './helpers/db.js'
import { seedFiles, seedsDir } from './helpers/paths.js'

const KEY = 'writes-test-key-0123456789abcdef'
const auth = { authorization: `Bearer ${KEY}` }
const { db } = await testDatabase({ seeds: true, t })
const app = await buildApp({ db, settings: { apiKeys: [KEY], rateLimitWrite: 0, maxEventLoopDelayMs: 0 } })
t.teardown(() => app.close())

type Json = any // eslint-disable-line @typescript-eslint/no-explicit-any
const manifest = JSON.parse(readFileSync(join(seedsDir, 'manifest.json'), 'utf8')) as Record<string, { source: string }>

function expectProblem(t: Test, res: LightMyRequestResponse, status: number, label: string) {
  t.equal(res.statusCode, status, `${label}: ${status}`)
  t.match(res.headers['content-type'], /^application\/problem\+json/, `${label}: problem+json`)
  const body = res.json()
  t.equal(body.status, status, `${label}: status in the body`)
  t.ok(body.type && body.title && body.detail, `${label}: type, title, detail`)
  return body
}

/** Posts a seed file as a client would: the raw text, with what the manifest says about it as parameters. */
function postSeed(file: string) {
  const name = basename(file)
  const query = new URLSearchParams({ doc: name.replace(/\.txt$/, ''), source: manifest[name].source })
  return app.inject({ method: 'POST', url: `/v1/articles?${query}`, headers: { ...auth, 'content-type': 'text/plain' }, payload: readFileSync(file, 'utf8') })
}

/** Every count and aggregate of the archive, keyed by what identifies rows across a re-load (not by ids). */
function aggregates(db: Database) {
  const all = (sql: string) => db.prepare(sql).all()
  return {
    tables: tableCounts(db),
    sources: all('SELECT slug, name, kind, article_count FROM sources ORDER BY slug'),
    entities: all(`SELECT key, type, name, mention_count, article_count, quote_count, first_quoted_at, last_quoted_at,
      (SELECT group_concat(alias, '|') FROM (SELECT alias FROM entity_aliases a WHERE a.entity_id = e.id ORDER BY alias)) AS aliases
      FROM entities e ORDER BY key`),
    articles: all(`SELECT a.content_hash, a.quote_count, a.entity_count, a.word_count, s.slug AS source,
      (SELECT group_concat(content_hash, '|') FROM (SELECT content_hash FROM articles b WHERE b.story_id = a.story_id ORDER BY content_hash)) AS story
      FROM articles a LEFT JOIN sources s ON s.id = a.source_id ORDER BY a.content_hash`),
    stories: all('SELECT article_count, quote_count, first_published_at, last_published_at FROM stories ORDER BY first_published_at, article_count'),
    clusters: all(`SELECT size, source_count, e.key AS speaker,
      (SELECT group_concat(text, '|') FROM (SELECT text FROM quotes q WHERE q.cluster_id = c.id ORDER BY text)) AS quotes
      FROM quote_clusters c LEFT JOIN entities e ON e.id = c.speaker_id ORDER BY quotes`),
    quotes: all(`SELECT a.content_hash, q.start, q.end, e.key AS speaker, q.cluster_id IS NOT NULL AS clustered, q.published_at
      FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN entities e ON e.id = q.speaker_id ORDER BY a.content_hash, q.start`),
    fts: db.prepare(`SELECT (SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'sanctions') AS articles,
      (SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'sanctions') AS quotes`).get(),
  }
}

const NEW_STORY = [
  'GENEVA (Reuters) - The head of the World Health Organization said on Tuesday that member states had agreed on a new framework for sharing pathogen samples during outbreaks.',
  '"This is a generational agreement that will make the world safer," Tedros Adhanom Ghebreyesus told reporters after the vote in Geneva.',
  'Delegates from more than 190 countries spent two years negotiating the text, which still needs to be ratified by national parliaments before it takes effect.',
  '"We expect the first countries to ratify it before the end of the year," said Maria Van Kerkhove, an official of the organization.',
].join('\n\n')

const writes = (headers: Record<string, string>) => [
  { label: 'POST /v1/articles', request: { method: 'POST' as const, url: '/v1/articles', headers: { ...headers, 'content-type': 'text/plain' }, payload: NEW_STORY } },
  { label: 'POST /v1/annotate', request: { method: 'POST' as const, url: '/v1/annotate', headers: { ...headers, 'content-type': 'text/plain' }, payload: NEW_STORY } },
  { label: 'DELETE /v1/articles/1', request: { method: 'DELETE' as const, url: '/v1/articles/1', headers } },
]

t.test('without a valid key no write succeeds, and nothing changes', async (t) => {
  const before = archiveSnapshot(db)
  const attempts: [string, Record<string, string>, number][] = [
    ['no Authorization header', {}, 401],
    ['another scheme', { authorization: `Basic ${Buffer.from(`u:${KEY}`).toString('base64')}` }, 401],
    ['Bearer without a key', { authorization: 'Bearer' }, 401],
    ['an unknown key', { authorization: `Bearer ${KEY.replace('0', 'X')}` }, 401],
    ['the key in the query string', {}, 401],
  ]
  for (const [what, headers, status] of attempts) {
    for (const { label, request } of writes(headers)) {
      const url = what.includes('query') ? `${request.url}?access_token=${KEY}` : request.url
      const res = await app.inject({ ...request, url })
      const body = expectProblem(t, res, status, `${label} with ${what}`)
      t.match(res.headers['www-authenticate'], /^Bearer realm="quotewire"/, `${label} with ${what}: WWW-Authenticate: Bearer`)
      t.notMatch(body.detail, KEY, 'the detail does not repeat the key')
    }
  }
  t.same(archiveSnapshot(db), before, 'the archive is unchanged')
  t.equal((await app.inject({ url: '/v1/articles/1' })).statusCode, 200, 'article 1 is still there')
  t.equal((await app.inject({ url: '/v1/articles' })).statusCode, 200, 'reads need no key')
})

t.test('a revoked database key is refused with 403; an active one works', async (t) => {
  const { createApiKey, revokeApiKey } = await import('../src/db/store/keys.js')
  const revoked = createApiKey(db, 'former intern')
  revokeApiKey(db, revoked.id)
  const before = archiveSnapshot(db)
  for (const { label, request } of writes({ authorization: `Bearer ${revoked.key}` })) {
    const res = await app.inject(request)
    expectProblem(t, res, 403, `${label} with a revoked key`)
    t.match(res.headers['www-authenticate'], /^Bearer realm="quotewire", error="invalid_token"/)
  }
  t.same(archiveSnapshot(db), before, 'the archive is unchanged')

  const active = createApiKey(db, 'newsroom importer')
  const res = await app.inject({ method: 'POST', url: '/v1/annotate', headers: { authorization: `bearer ${active.key}`, 'content-type': 'text/plain' }, payload: NEW_STORY })
  t.equal(res.statusCode, 200, 'an active database key opens writes (scheme name in any case)')
  const row = db.prepare('SELECT * FROM api_keys WHERE id = ?').get(active.id) as Record<string, unknown>
  t.notOk(Object.values(row).some((v) => String(v).includes(active.key)), 'the database holds no copy of the key')
})

t.test('POST /v1/articles stores a page like the loader, once', async (t) => {
  const before = tableCounts(db)
  const first = await app.inject({ method: 'POST', url: '/v1/articles?url=https://example.com/who', headers: { ...auth, 'content-type': 'text/plain' }, payload: NEW_STORY })
  t.equal(first.statusCode, 201, first.body)
  const article = first.json()
  t.equal(first.headers.location, `/v1/articles/${article.id}`, 'Location names the article')
  t.same((await app.inject({ url: first.headers.location as string })).json(), article, 'the answer is what GET /v1/articles/{id} gives')
  t.equal(article.url, 'https://example.com/who', 'query parameters state what the page does not')
  t.equal(article.wire?.slug, 'reuters', 'the dateline wire is read from the page')
  t.ok(article.quotes.some((q: Json) => /generational agreement/.test(q.text) && /Tedros/.test(q.speaker?.name ?? '')), 'the quote and its speaker')
  for (const q of article.quotes) t.equal(article.body.slice(q.start, q.end), q.text, 'offsets index the stored body')
  const after = tableCounts(db)
  t.equal(after.articles, before.articles + 1)
  t.equal(after.quotes, before.quotes + article.quotes.length)

  const again = await app.inject({ method: 'POST', url: '/v1/articles', headers: { ...auth, 'content-type': 'text/plain' }, payload: `\n${NEW_STORY.replace(/ /g, '  ')}\n` })
  t.equal(again.statusCode, 200, 'the same content (spacing aside) again: 200')
  t.equal(again.headers.location, first.headers.location, 'the article already stored')
  t.same(again.json(), article)
  t.same(tableCounts(db), after, 'nothing stored twice')

  const seed = await postSeed(seedFiles()[0])
  t.equal(seed.statusCode, 200, 'a page loaded from files is recognised when posted')

  const record = await app.inject({
    method: 'POST',
    url: '/v1/articles',
    headers: auth,
    payload: { source: 'Example Wire', headline: 'Health treaty agreed', published_at: '2024-05-28T10:00:00+02:00', author: ['A. Writer'], body: NEW_STORY.replace('Tuesday', 'Wednesday') },
  })
  t.equal(record.statusCode, 201, `a JSON record: ${record.body.slice(0, 200)}`)
  t.match(record.json(), { headline: 'Health treaty agreed', source: { name: 'Example Wire' }, published_at: '2024-05-28T08:00:00.000Z', author: 'A. Writer' })

  const html = `<html><head><title>Treaty</title></head><body><article><h1>Treaty signed</h1>${NEW_STORY.replace('Tuesday', 'Thursday')
    .split('\n\n')
    .map((p) => `<p>${p}</p>`)
    .join('')}</article><footer>Subscribe to our newsletter</footer></body></html>`
  const page = await app.inject({ method: 'POST', url: '/v1/articles', headers: { ...auth, 'content-type': 'text/html; charset=utf-8' }, payload: html })
  t.equal(page.statusCode, 201, `an HTML page: ${page.body.slice(0, 200)}`)
  t.equal(page.json().headline, 'Treaty signed')
  t.notMatch(page.json().body, /newsletter|<p>/, 'the story text alone')
  for (const id of [article.id, record.json().id, page.json().id]) t.equal((await app.inject({ method: 'DELETE', url: `/v1/articles/${id}`, headers: auth })).statusCode, 204)
  t.same(tableCounts(db), before, 'deleting them leaves the archive as it was')
})

t.test('content without an article is a 422, a malformed request a 400, an unknown type a 415', async (t) => {
  const before = archiveSnapshot(db)
  const post = (payload: string | object, type: string, url = '/v1/articles') =>
    app.inject({ method: 'POST', url, headers: { ...auth, 'content-type': type }, payload })
  for (const url of ['/v1/articles', '/v1/annotate']) {
    for (const [what, payload, type] of [
      ['an empty page', '', 'text/plain'],
      ['whitespace', ' \n\t\n ', 'text/plain'],
      ['binary content', 'PK\u0003\u0004\u0000\u0000\u0008\u0000 lots of zip', 'text/plain'],
      ['an HTML page with no story', '<html><body><nav>Home | News</nav><footer>© 2024</footer></body></html>', 'text/html'],
    ] as const) {
      const body = expectProblem(t, await post(payload, type, url), 422, `${url}: ${what}`)
      t.match(body.detail, /No article could be read/, `${url}: ${what}: the reason`)
    }
    const body = expectProblem(t, await post({ headline: 'No text' }, 'application/json', url), 400, `${url}: a record without body or html`)
    t.ok(body.errors?.some((e: Json) => e.in === 'body'), 'errors[] points at the body')
    expectProblem(t, await post({ body: NEW_STORY, published_at: 'the other day' }, 'application/json', url), 400, `${url}: a record with a bad date`)
    expectProblem(t, await post('{"body": ', 'application/json', url), 400, `${url}: broken JSON`)
    expectProblem(t, await post('<story/>', 'application/xml', url), 415, `${url}: application/xml`)
    expectProblem(t, await post('x', 'multipart/form-data; boundary=x', url), 415, `${url}: multipart`)
  }
  expectProblem(t, await post(NEW_STORY, 'text/plain', '/v1/articles?published_at=someday'), 400, 'a bad published_at parameter')
  const del = await app.inject({ method: 'DELETE', url: '/v1/articles/999999', headers: auth })
  t.match(expectProblem(t, del, 404, 'DELETE of an unknown id').detail, /999999/)
  expectProblem(t, await app.inject({ method: 'DELETE', url: '/v1/articles/abc', headers: auth }), 400, 'DELETE of a malformed id')
  t.same(archiveSnapshot(db), before, 'nothing was stored')
})

t.test('POST /v1/annotate answers what `quotewire annotate` prints, and stores nothing', async (t) => {
  const before = archiveSnapshot(db)
  const [file] = seedFiles()
  const content = readFileSync(file, 'utf8')
  const res = await app.inject({ method: 'POST', url: '/v1/annotate', headers: { ...auth, 'content-type': 'text/plain' }, payload: content })
  t.equal(res.statusCode, 200, res.body.slice(0, 200))
  const [{ doc, article }] = extractFile({ name: 'posted.txt', content })
  t.same(res.json(), JSON.parse(JSON.stringify(annotationRecord(annotate(doc, article), false))), 'the CLI record of the same page')
  t.ok(res.json().quotes.length > 0, 'with quotes')

  const plain = await app.inject({ method: 'POST', url: '/v1/annotate?plain=true', headers: { ...auth, 'content-type': 'text/plain' }, payload: content })
  t.equal(plain.statusCode, 200)
  for (const q of plain.json().quotes) t.equal(content.slice(q.start, q.end), q.text, 'plain: offsets index the text as sent')
  t.notOk('body' in plain.json(), 'plain: no body (it is the text sent)')
  expectProblem(t, await app.inject({ method: 'POST', url: '/v1/annotate?plain=true', headers: auth, payload: { body: content } }), 400, 'plain with a record')
  t.same(archiveSnapshot(db), before, 'nothing stored')
})

t.test('deleting a seed article and posting it again restores the original archive', async (t) => {
  const original = aggregates(db)
  const exact = archiveSnapshot(db)
  t.equal(original.tables.articles, 2)
  t.equal(original.tables.quote_clusters, 1, 'the seeds share a quote cluster')
  t.equal(original.tables.stories, 1, 'and a story')

  for (const file of [...seedFiles()].reverse()) {
    const ids = db.prepare('SELECT id FROM articles ORDER BY id DESC').pluck().all() as number[]
    const id = db.prepare('SELECT id FROM articles WHERE doc = ?').pluck().get(basename(file, '.txt')) as number
    t.ok(id, `${basename(file)} is stored`)
    const del = await app.inject({ method: 'DELETE', url: `/v1/articles/${id}`, headers: auth })
    t.equal(del.statusCode, 204, `DELETE /v1/articles/${id}: 204`)
    t.equal(del.body, '', 'no body')
    t.equal((await app.inject({ url: `/v1/articles/${id}` })).statusCode, 404, 'gone')
    t.equal((await app.inject({ method: 'DELETE', url: `/v1/articles/${id}`, headers: auth })).statusCode, 404, 'a second delete: 404')

    const left = aggregates(db)
    t.equal(left.tables.articles, 1)
    t.equal(left.tables.quote_clusters, 0, 'the cluster left with one quote is dissolved')
    t.equal(left.tables.stories, 1, 'the story keeps the other article')
    t.match(left.stories, [{ article_count: 1 }])
    t.notOk(left.quotes.some((q: Json) => q.clustered), 'no quote is left in a cluster')
    t.ok((left.entities as Json[]).every((e) => e.mention_count + e.quote_count > 0), 'no entity is left that nothing refers to')
    const sum = (rows: Json[], key: string) => rows.reduce((n, r) => n + r[key], 0)
    t.equal(sum(left.entities as Json[], 'mention_count'), left.tables.mentions, 'mention counts add up')
    t.equal(sum(left.entities as Json[], 'quote_count'), db.prepare('SELECT count(*) FROM quotes WHERE speaker_id IS NOT NULL').pluck().get(), 'quote counts add up')
    t.equal(sum(left.entities as Json[], 'article_count'), left.tables.article_entities, 'article counts add up')
    const speakers = (await app.inject({ url: '/v1/speakers?limit=100' })).json().data
    for (const s of speakers) {
      const quotes = (await app.inject({ url: `/v1/quotes?speaker=${s.id}&limit=100` })).json().data
      t.equal(s.quote_count, quotes.length, `${s.name}: quote_count is what /v1/quotes lists`)
    }

    const again = await postSeed(file)
    t.equal(again.statusCode, 201, `${basename(file)} posted again: 201`)
    t.same(aggregates(db), original, `after deleting and re-posting ${basename(file)}: every count and aggregate of the original load`)
    if (ids[0] === id) t.same(archiveSnapshot(db), exact, 'the last article deleted and re-posted: the very same archive, ids included')
  }
})
