/**
 * Twenty loads killed with SIGKILL at seeded random moments (test/load-kill.test.ts kills six):
 * anywhere from start-up and migration to the last commits, each into a fresh archive so every kill
 * interrupts real loading. After every kill the archive is intact (integrity_check), holds only
 * whole articles (each one the undisturbed load also stored, with its quotes and mentions counted
 * right) and no dangling row; every tenth killed archive is then completed by a second load, which
 * must give exactly what an undisturbed load produced.
 */
import t, { type Test } from 'tap'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { Random } from '../../bench/generate/random.js'
import { openDatabase } from '../../src/db/connection.js'
import { archiveSnapshot, writePolnearTexts } from '../helpers/db.js'
import { builtCli, nodeCommand, seedFiles, sharedDir } from '../helpers/paths.js'

const KILLS = 20
/** Every how many kills the killed archive is resumed and compared (a resume costs a whole load). */
const RESUME_EVERY = 10
const SEED = Number(process.env.KILL_SEED ?? 11)
// Twenty-three loads, one after the other: about 50 s on a quiet machine, twice that beside the other test files.
t.setTimeout(300_000)
const cli = builtCli()
const args = (database: string, folder: string) => [cli, 'load', '--quiet', '--database', database, folder]

const dir = mkdtempSync(join(tmpdir(), 'quotewire-kill20-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))
const folder = join(dir, 'pages')
mkdirSync(folder)
const havePolnear = existsSync(join(sharedDir, 'data', 'polnear', 'train.json'))
if (havePolnear) writePolnearTexts(folder, ['dev'], 24)
else {
  for (const seed of seedFiles()) {
    const lines = readFileSync(seed, 'utf8').split('\n')
    const longest = lines.reduce((best, line, i) => (line.length > lines[best].length ? i : best), 0)
    for (let i = 0; i < 20; i++) {
      const edited = lines.map((line, j) => (j === longest ? `${line} This version was corrected ${i + 1} times.` : line))
      writeFileSync(join(folder, `${basename(seed, '.txt')}-${i}.txt`), edited.join('\n'))
    }
  }
}

/** What a killed archive must satisfy, and its snapshot when it has a schema. */
function inspect(database: string) {
  const db = openDatabase(database)
  try {
    const integrity = db.pragma('integrity_check', { simple: true })
    const migrated = db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'articles'`).pluck().get() === 1
    if (!migrated) return { integrity, migrated, hashes: [] as string[], faults: [] as string[] }
    const one = (sql: string) => db.prepare(sql).pluck().get() as number
    const faults = [
      one('SELECT count(*) FROM articles a WHERE quote_count != (SELECT count(*) FROM quotes q WHERE q.article_id = a.id)') && 'an article miscounts its quotes',
      one('SELECT count(*) FROM entities e WHERE mention_count != (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id)') && 'an entity miscounts its mentions',
      one('SELECT count(*) FROM stories s WHERE article_count != (SELECT count(*) FROM articles a WHERE a.story_id = s.id)') && 'a story miscounts its articles',
      (db.pragma('foreign_key_check') as unknown[]).length && 'a dangling foreign key',
    ].filter(Boolean) as string[]
    return { integrity, migrated, hashes: db.prepare('SELECT content_hash FROM articles').pluck().all() as string[], faults, snapshot: archiveSnapshot(db) }
  } finally {
    db.close()
  }
}

function killAfter(database: string, ms: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const child = spawn(...nodeCommand(args(database, folder)), { stdio: 'ignore' })
    const timer = setTimeout(() => child.kill('SIGKILL'), ms)
    child.on('error', reject)
    child.on('exit', (_code, signal) => {
      clearTimeout(timer)
      resolve(signal === 'SIGKILL')
    })
  })
}

t.test(`${KILLS} loads of ${havePolnear ? '24 PolNeAR' : '40 seed-derived'} articles killed at random moments`, async (t: Test) => {
  const calm = join(dir, 'calm.db')
  const started = Date.now()
  const run = spawnSync(...nodeCommand(args(calm, folder)), { encoding: 'utf8' })
  const duration = Date.now() - started
  t.equal(run.status, 0, run.stderr)
  const expected = inspect(calm)
  const all = new Set(expected.hashes)
  t.ok(all.size > 0, `${all.size} articles in ${duration} ms undisturbed`)

  const random = new Random(SEED)
  let killed = 0
  let attempts = 0
  const moments: string[] = []
  while (killed < KILLS && attempts++ < KILLS * 2) {
    const database = join(dir, `killed-${attempts}.db`)
    // From the first milliseconds (start-up, migrations) to the end of an undisturbed load.
    const ms = Math.round(duration * random.next())
    if (!(await killAfter(database, ms))) continue
    killed++
    if (!existsSync(database)) {
      moments.push(`${ms} ms: no file yet`)
      continue
    }
    const now = inspect(database)
    moments.push(`${ms} ms: ${now.migrated ? `${now.hashes.length} articles` : 'not migrated'}`)
    t.equal(now.integrity, 'ok', `killed at ${ms} ms: integrity ok`)
    t.same(now.faults, [], `killed at ${ms} ms: every count right, nothing dangling`)
    t.ok(now.hashes.every((h) => all.has(h)), `killed at ${ms} ms: only whole articles of the folder (${now.hashes.length} stored)`)
    if (killed % RESUME_EVERY === 0) {
      const resumed = spawnSync(...nodeCommand(args(database, folder)), { encoding: 'utf8' })
      t.equal(resumed.status, 0, resumed.stderr)
      t.same(inspect(database).snapshot, expected.snapshot, `killed at ${ms} ms, then resumed: equals the undisturbed archive, count for count`)
    }
    rmSync(database, { force: true })
  }
  t.equal(killed, KILLS, `${killed} loads killed mid-way (${attempts} started; kill moments: ${moments.join(', ')})`)
})
