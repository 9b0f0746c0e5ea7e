/**
 * A server killed with SIGKILL in the middle of bursts of `POST /v1/articles`, several times over the
 * same database file, as a crash-and-restart would: after every kill the archive passes
 * `PRAGMA integrity_check` and holds only whole articles; posting every page again then brings it to
 * exactly what one undisturbed run stores — nothing lost, nothing duplicated.
 */
import t from 'tap'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Random } from '../../bench/generate/random.js'
import { openDatabase } from '../../src/db/connection.js'
import { startServer } from '../helpers/server.js'
import { polnear, seedFiles } from '../helpers/paths.js'

const KILLS = 4
const BURST = 4
const KEY = 'kill-test-key-0123456789abcdef0123456789'
const random = new Random(Number(process.env.KILL_SEED ?? 7))

const dir = mkdtempSync(join(tmpdir(), 'quotewire-kill-server-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))

/** The pages posted: PolNeAR texts when the corpus is here, else edited copies of the seeds. */
function pages(): string[] {
  const corpus = polnear('dev')
  if (corpus) return corpus.slice(0, 80).map((a) => a.text)
  return seedFiles().flatMap((file) =>
    Array.from({ length: 15 }, (_, i) => readFileSync(file, 'utf8').replace('said', `said (version ${i + 1})`)),
  )
}
const bodies = pages()

const env = { API_KEYS: KEY, RATE_LIMIT_WRITE: '0', RATE_LIMIT_READ: '0' }

async function post(url: string, body: string): Promise<number> {
  const res = await fetch(`${url}/v1/articles`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'text/plain' },
    body,
  })
  await res.arrayBuffer()
  return res.status
}

/** Posts every page in order, one at a time; each answer must be 201 (added) or 200 (already there). */
async function postAll(database: string): Promise<Record<number, number>> {
  const server = await startServer({ database, env })
  const statuses: Record<number, number> = {}
  try {
    for (const body of bodies) {
      const status = await post(server.url, body)
      statuses[status] = (statuses[status] ?? 0) + 1
    }
  } finally {
    await server.stop()
  }
  return statuses
}

/** Row counts and stored totals that do not depend on the order articles arrived in. */
function contents(database: string) {
  const db = openDatabase(database, { readonly: true })
  try {
    const one = (sql: string) => db.prepare(sql).get()
    return {
      hashes: (db.prepare('SELECT content_hash FROM articles ORDER BY content_hash').pluck().all() as string[]).join(','),
      rows: one(`SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM mentions) AS mentions,
        (SELECT count(*) FROM quotes) AS quotes, (SELECT count(*) FROM quoted_phrases) AS phrases,
        (SELECT count(*) FROM article_entities) AS article_entities, (SELECT count(*) FROM articles_fts) AS fts`),
      totals: one('SELECT sum(quote_count) AS quotes, sum(entity_count) AS entities, sum(word_count) AS words FROM articles'),
    }
  } finally {
    db.close()
  }
}

/** What any archive, killed or not, must satisfy. */
function faults(database: string): string[] {
  const db = openDatabase(database)
  try {
    const one = (sql: string) => db.prepare(sql).pluck().get() as number
    return [
      db.pragma('integrity_check', { simple: true }) !== 'ok' && 'integrity_check failed',
      (db.pragma('foreign_key_check') as unknown[]).length > 0 && 'a dangling foreign key',
      one('SELECT count(*) FROM articles a WHERE quote_count != (SELECT count(*) FROM quotes q WHERE q.article_id = a.id)') &&
        'an article miscounts its quotes',
      one('SELECT count(*) FROM entities e WHERE mention_count != (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id)') &&
        'an entity miscounts its mentions',
      one('SELECT count(*) FROM stories s WHERE article_count != (SELECT count(*) FROM articles a WHERE a.story_id = s.id)') &&
        'a story miscounts its articles',
      one('SELECT count(*) FROM quote_clusters c WHERE size != (SELECT count(*) FROM quotes q WHERE q.cluster_id = c.id)') &&
        'a cluster miscounts its quotes',
    ].filter((f): f is string => typeof f === 'string')
  } finally {
    db.close()
  }
}

t.test('a server killed during bursts of POST /v1/articles loses nothing and duplicates nothing', async (t) => {
  const undisturbed = join(dir, 'undisturbed.db')
  const clean = await postAll(undisturbed)
  t.same(clean, { 201: bodies.length }, `an undisturbed run adds all ${bodies.length} pages`)
  const expected = contents(undisturbed)
  const known = new Set(expected.hashes.split(','))

  const killed = join(dir, 'killed.db')
  for (let kill = 1; kill <= KILLS; kill++) {
    const server = await startServer({ database: killed, env })
    let sent = 0
    let answered = 0
    let stop = false
    const bursts = Array.from({ length: BURST }, async (_, lane) => {
      for (let i = lane; i < bodies.length && !stop; i += BURST) {
        sent++
        try {
          if ((await post(server.url, bodies[i])) < 300) answered++
        } catch {
          return // the connection died with the server
        }
      }
    })
    await new Promise((resolve) => setTimeout(resolve, random.int(50, 350)))
    stop = true
    await server.crash()
    await Promise.all(bursts)
    const found = faults(killed)
    t.same(found, [], `kill ${kill} (after ${sent} requests sent, ${answered} answered): the archive is intact`)
    const stored = contents(killed).hashes.split(',')
    t.ok(
      stored.every((hash) => known.has(hash)),
      `kill ${kill}: the ${stored.length} stored articles are all whole pages of the undisturbed run (the seeds included)`,
    )
  }

  const resumed = await postAll(killed)
  t.equal((resumed[201] ?? 0) + (resumed[200] ?? 0), bodies.length, `the re-run answers every page (${JSON.stringify(resumed)})`)
  t.same(faults(killed), [], 'the completed archive is intact')
  t.same(contents(killed), expected, 'the completed archive holds exactly what the undisturbed run stored')
})
