// Loading with worker threads writes exactly the archive a single-threaded load writes, and still
// reports and skips bad files.
import t, { type Test } from 'tap'
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { openDatabase } from '../src/db/connection.js'
import { archiveSnapshot, writePolnearTexts } from './helpers/db.js'
import { builtCli, nodeCommand, seedFiles } from './helpers/paths.js'

const cli = builtCli()

function tempDir(t: Test) {
  const dir = mkdtempSync(join(tmpdir(), 'quotewire-threads-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

function load(database: string, threads: number, folder: string) {
  return spawnSync(...nodeCommand([cli, 'load', '--quiet', '--threads', String(threads), '--database', database, folder]), { encoding: 'utf8' })
}

function snapshot(database: string) {
  const db = openDatabase(database, { readonly: true })
  try {
    return { ...archiveSnapshot(db), ids: db.prepare('SELECT id, doc, content_hash FROM articles ORDER BY id').all() }
  } finally {
    db.close()
  }
}

t.test('--threads 2 writes the same archive as --threads 1, ids in file order, and reports the same problems', async (t) => {
  const dir = tempDir(t)
  const input = join(dir, 'input')
  mkdirSync(input)
  for (const seed of seedFiles()) copyFileSync(seed, join(input, basename(seed)))
  // The same content twice, under another name: stored once, the second counted as already there.
  copyFileSync(seedFiles()[0], join(input, `zz-copy-of-${basename(seedFiles()[0])}`))
  writeFileSync(join(input, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))
  writeFileSync(join(input, 'empty.txt'), '')
  const records = [
    { id: 'wire-1', headline: 'Council approves budget', body: 'The city council approved the budget on Monday. "It is a fair plan," Mayor Ann Lee said.' },
    { id: 'wire-2', headline: 'Storm closes schools', body: 'Schools closed on Tuesday as a storm hit the coast. "Stay home," the governor urged residents.' },
  ]
  writeFileSync(join(input, 'records.ndjson'), records.map((r) => JSON.stringify(r)).join('\n') + '\n')
  const polnear = writePolnearTexts(input, ['dev'], 12)
  if (!polnear) t.comment('PolNeAR is not here: seeds and generated inputs only')

  const one = load(join(dir, 'one.db'), 1, input)
  const two = load(join(dir, 'two.db'), 2, input)
  t.equal(one.status, 1, 'bad files make the exit status 1')
  t.equal(two.status, 1, 'with threads too')
  t.match(two.stdout, /2 threads/)
  const problems = (run: typeof one) => run.stderr.trim().split('\n').sort()
  t.same(problems(two), problems(one), 'the same problems, with the same reasons')
  t.match(two.stderr, /image\.txt: binary file/)
  t.match(two.stderr, /empty\.txt: empty file/)
  const expected = snapshot(join(dir, 'one.db'))
  t.equal(expected.tables.articles, 2 + 2 + polnear, 'the seeds, two records and the PolNeAR texts; the copy once')
  t.match(two.stdout, /already in the archive/)
  t.same(snapshot(join(dir, 'two.db')), expected, 'the same archive, row for row and id for id')

  // Loading again with threads adds nothing: every article is recognised by its hash.
  const again = load(join(dir, 'two.db'), 2, input)
  t.match(again.stdout, new RegExp(`articles: 0 added, ${expected.tables.articles + 1} already in the archive`))
  t.same(snapshot(join(dir, 'two.db')), expected)
})
