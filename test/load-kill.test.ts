import t, { type Test } from 'tap'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { openDatabase } from '../src/db/connection.js'
import { archiveSnapshot, writePolnearTexts } from './helpers/db.js'
import { builtCli, nodeCommand, seedFiles, sharedDir } from './helpers/paths.js'

const cli = builtCli()
// In this thread (--threads 1): test/robustness/kill-load.test.ts kills the default, threaded load,
// so both ways of loading are killed and resumed.
const args = (database: string, folder: string) => [cli, 'load', '--quiet', '--threads', '1', '--database', database, folder]

function tempDir(t: Test) {
  const dir = mkdtempSync(join(tmpdir(), 'quotewire-kill-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

function snapshot(database: string) {
  const db = openDatabase(database)
  try {
    const integrity = db.pragma('integrity_check', { simple: true })
    // Killed while migrating: the schema is either absent or whole.
    const migrated = db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'articles'`).pluck().get() === 1
    return { integrity, ...(migrated ? archiveSnapshot(db) : { tables: { articles: 0 } as Record<string, number> }) }
  } finally {
    db.close()
  }
}

/** Runs a load and kills it with SIGKILL after `ms` (if it has not finished by then). */
function killAfter(database: string, folder: string, ms: number): Promise<{ killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(...nodeCommand(args(database, folder)), { stdio: 'ignore' })
    const timer = setTimeout(() => child.kill('SIGKILL'), ms)
    child.on('error', reject)
    child.on('exit', (_code, signal) => {
      clearTimeout(timer)
      resolve({ killed: signal === 'SIGKILL' })
    })
  })
}

/**
 * Loads `folder` undisturbed, then again into a second database while killing the loader at
 * random moments; after each kill the database must be intact, and after a final run it must
 * hold exactly what the undisturbed load produced.
 */
async function killAndResume(t: Test, folder: string, kills: number) {
  const dir = tempDir(t)
  const calm = join(dir, 'calm.db')
  const started = Date.now()
  const run = spawnSync(...nodeCommand(args(calm, folder)), { encoding: 'utf8' })
  const duration = Date.now() - started
  t.equal(run.status, 0, run.stderr)
  const expected = snapshot(calm)
  t.ok(expected.tables.articles > 0, `${expected.tables.articles} articles in ${duration} ms undisturbed`)

  const killed = join(dir, 'killed.db')
  let interrupted = 0
  let attempts = 0
  let scale = 1
  while (interrupted < kills && attempts++ < kills * 4) {
    // Mostly past start-up and into the loading; the last run completes it.
    const ms = Math.round(duration * scale * (0.3 + Math.random() * 0.6))
    const result = await killAfter(killed, folder, ms)
    if (!result.killed) {
      // It finished before its kill (the machine ran it faster than the undisturbed load, which
      // shared the cores with other test files): a kill after that would interrupt nothing, so
      // start the archive again and kill sooner.
      for (const file of [killed, `${killed}-wal`, `${killed}-shm`]) rmSync(file, { force: true })
      scale /= 2
      continue
    }
    interrupted++
    if (!existsSync(killed)) continue
    const now = snapshot(killed)
    t.equal(now.integrity, 'ok', `integrity after a kill at ${ms} ms (${now.tables.articles} articles stored)`)
  }
  t.equal(interrupted, kills, `${interrupted} loads killed mid-way (${attempts} started)`)
  const resumed = spawnSync(...nodeCommand(args(killed, folder)), { encoding: 'utf8' })
  t.equal(resumed.status, 0, resumed.stderr)
  const after = snapshot(killed)
  t.same(after, expected, 'the resumed archive equals the undisturbed one, count for count')
}

t.test('a load killed at random moments resumes to the same archive (generated folder)', async (t) => {
  const folder = join(tempDir(t), 'pages')
  mkdirSync(folder)
  // Thirty-two pages: the seeds, each re-issued with its own correction in its longest paragraph
  // (distinct content, same event).
  for (const seed of seedFiles()) {
    const lines = readFileSync(seed, 'utf8').split('\n')
    const longest = lines.reduce((best, line, i) => (line.length > lines[best].length ? i : best), 0)
    for (let i = 0; i < 16; i++) {
      const edited = lines.map((line, j) => (j === longest ? `${line} This version was corrected ${i + 1} times.` : line))
      writeFileSync(join(folder, `${basename(seed, '.txt')}-${i}.txt`), edited.join('\n'))
    }
  }
  await killAndResume(t, folder, 3)
})

const noPolnear = !existsSync(join(sharedDir, 'data', 'polnear', 'train.json')) && 'PolNeAR is not beside the project'

t.test('a load killed at random moments resumes to the same archive (60 PolNeAR articles)', { skip: noPolnear }, async (t) => {
  const folder = join(tempDir(t), 'polnear')
  mkdirSync(folder)
  writePolnearTexts(folder, ['dev', 'train'], 60)
  await killAndResume(t, folder, 3)
})
