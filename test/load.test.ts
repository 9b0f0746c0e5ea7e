import t, { type Test } from 'tap'
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { openDatabase } from '../src/db/connection.js'
import { archiveSnapshot, writePolnearTexts } from './helpers/db.js'
import { builtCli, nodeCommand, polnear, seedFiles, seedsDir } from './helpers/paths.js'

const cli = builtCli()

function tempDir(t: Test) {
  const dir = mkdtempSync(join(tmpdir(), 'quotewire-load-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

function load(database: string, ...paths: string[]) {
  return spawnSync(...nodeCommand([cli, 'load', '--database', database, ...paths]), { encoding: 'utf8' })
}

function snapshot(database: string) {
  const db = openDatabase(database, { readonly: true })
  try {
    return archiveSnapshot(db)
  } finally {
    db.close()
  }
}

/** What the summary line counts, read from the whole archive. */
function summaryTotals(database: string) {
  const db = openDatabase(database, { readonly: true })
  try {
    return db
      .prepare(
        `SELECT (SELECT count(*) FROM entities) AS entities, (SELECT count(*) FROM quotes) AS quotes,
          (SELECT count(*) FROM entities WHERE quote_count > 0) AS speakers, (SELECT count(*) FROM stories) AS stories`,
      )
      .get() as { entities: number; quotes: number; speakers: number; stories: number }
  } finally {
    db.close()
  }
}

/** The load's summary line for these counts. */
function summaryLine(n: ReturnType<typeof summaryTotals>): RegExp {
  return new RegExp(`added: ${n.entities} entit(y|ies), ${n.quotes} quotes?, ${n.speakers} speakers?, ${n.stories} stor(y|ies)\n`)
}

t.test('loading seeds/ gives exactly two articles; loading again adds nothing', async (t) => {
  const database = join(tempDir(t), 'seeds.db')
  const first = load(database, seedsDir)
  t.equal(first.status, 0, first.stderr)
  t.match(first.stdout, /articles: 2 added, 0 already in the archive/)
  t.match(first.stdout, /problems: 0/)
  const before = snapshot(database)
  t.equal(before.tables.articles, 2)
  t.match(first.stdout, summaryLine(summaryTotals(database)), 'the summary counts what the archive holds')
  t.equal(before.tables.sources > 0, true, 'outlets recorded')

  // The same page under another name is the same article.
  const copy = join(tempDir(t), 'renamed.txt')
  copyFileSync(seedFiles()[0], copy)
  const again = load(database, seedsDir, ...seedFiles(), copy)
  t.equal(again.status, 0, again.stderr)
  t.match(again.stdout, /3 files read/, 'a file named twice is read once')
  t.match(again.stdout, /articles: 0 added, 3 already in the archive/)
  t.match(again.stdout, /added: 0 entities, 0 quotes, 0 speakers, 0 stories/)
  t.same(snapshot(database), before, 'every count identical')
})

t.test('a load into an archive that has articles sums up what it added, not what the archive holds', { skip: polnear('dev') ? false : 'shared corpus absent' }, async (t) => {
  const dir = tempDir(t)
  const [earlier, later] = [join(dir, 'earlier'), join(dir, 'later')]
  mkdirSync(earlier)
  mkdirSync(later)
  t.equal(writePolnearTexts(earlier, ['dev'], 60), 60)
  // The later half, speakers of the earlier half among them (PolNeAR's articles quote the same politicians).
  for (const file of readdirSync(earlier).sort().slice(30)) renameSync(join(earlier, file), join(later, file))
  const database = join(dir, 'archive.db')
  t.equal(load(database, earlier).status, 0)
  const before = summaryTotals(database)
  const second = load(database, later)
  t.equal(second.status, 0, second.stderr)
  const after = summaryTotals(database)
  const added = { entities: after.entities - before.entities, quotes: after.quotes - before.quotes, speakers: after.speakers - before.speakers, stories: after.stories - before.stories }
  t.ok(added.entities > 0 && added.quotes > 0 && added.speakers > 0, 'the later articles add entities, quotes and speakers')
  t.match(second.stdout, summaryLine(added), 'the summary counts what this load added')
})

t.test('bad inputs are reported with their reason and skipped; the rest loads; exit status 1', async (t) => {
  const dir = tempDir(t)
  const input = join(dir, 'input')
  mkdirSync(join(input, 'nested'), { recursive: true })
  mkdirSync(join(input, '.hidden'))
  for (const seed of seedFiles()) copyFileSync(seed, join(input, 'nested', basename(seed)))
  writeFileSync(join(input, 'empty.txt'), '')
  writeFileSync(join(input, 'blank.txt'), ' \n\t\n')
  writeFileSync(join(input, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]))
  writeFileSync(join(input, 'latin1.txt'), Buffer.from('Caf\xe9 owners said the r\xe9gime fell.', 'latin1'))
  writeFileSync(join(input, 'huge.txt'), Buffer.alloc(20 * 1024 * 1024, 'All work and no play. '))
  writeFileSync(
    join(input, 'scripts.html'),
    '<!doctype html><html><head><script>var a = 1;</script></head><body><script src="app.js"></script><script>track()</script></body></html>',
  )
  writeFileSync(join(input, 'junk.json'), '{"headline": "half a record", ')
  writeFileSync(join(input, 'report.pdf'), '%PDF-1.4 not a page')
  const records = [
    { id: 'wire-1', headline: 'Council approves budget', body: 'The city council approved the budget on Monday. "It is a fair plan," Mayor Ann Lee said.' },
    { id: 'wire-2', headline: 'Storm closes schools', body: 'Schools closed on Tuesday as a storm hit the coast. "Stay home," the governor urged residents.' },
  ]
  writeFileSync(join(input, 'records.ndjson'), records.map((r) => JSON.stringify(r)).join('\n') + '\n')
  writeFileSync(join(input, '.DS_Store'), Buffer.from([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]))
  writeFileSync(join(input, '.hidden', 'secret.txt'), 'Hidden files are never loaded. "They are not news," a reader said.')
  writeFileSync(join(input, 'nested', 'manifest.json'), JSON.stringify({ [basename(seedFiles()[0])]: { source: 'Sidecar Outlet' } }))

  const database = join(dir, 'bad.db')
  const run = load(database, input)
  t.equal(run.status, 1, 'a failed file makes the exit status 1')
  const reasons = new Map(
    run.stderr
      .trim()
      .split('\n')
      .map((line) => [basename(line.slice(0, line.indexOf(': '))), line.slice(line.indexOf(': ') + 2)] as const),
  )
  t.match(reasons.get('empty.txt'), /empty/)
  t.match(reasons.get('blank.txt'), /whitespace/)
  t.match(reasons.get('image.txt'), /binary/)
  t.match(reasons.get('latin1.txt'), /UTF-8/)
  t.match(reasons.get('huge.txt'), /too large/)
  t.match(reasons.get('scripts.html'), /no story text/, 'an HTML page of only scripts is refused')
  t.match(reasons.get('junk.json'), /JSON/)
  t.match(reasons.get('report.pdf'), /unsupported file type \(\.pdf\)/)
  t.notOk(reasons.has('.DS_Store'), 'hidden files are ignored')
  t.notOk(reasons.has('manifest.json'), 'the manifest is a sidecar, not an article')
  t.equal(reasons.size, 8, run.stderr)
  t.match(run.stdout, /articles: 4 added/, 'the seeds and both records')
  t.match(run.stdout, /problems: 8/)

  const db = openDatabase(database, { readonly: true })
  t.teardown(() => db.close())
  t.equal(db.prepare('SELECT count(*) FROM articles').pluck().get(), 4, 'the seeds and the records loaded')
  t.equal(db.prepare(`SELECT count(*) FROM articles WHERE headline IN ('Council approves budget', 'Storm closes schools')`).pluck().get(), 2)
  t.equal(db.prepare(`SELECT count(*) FROM articles WHERE body LIKE '%Hidden files%'`).pluck().get(), 0)
  const outlet = db.prepare(`SELECT s.name FROM articles a JOIN sources s ON s.id = a.source_id WHERE a.doc = ?`).pluck()
  t.equal(outlet.get(basename(seedFiles()[0], '.txt')), 'Sidecar Outlet', 'the manifest applied')
})

t.test('a missing path is a problem, not a crash', async (t) => {
  const dir = tempDir(t)
  const run = load(join(dir, 'x.db'), join(dir, 'nowhere'), seedFiles()[0])
  t.equal(run.status, 1)
  t.match(run.stderr, /nowhere: no such file or folder/)
  t.match(run.stdout, /articles: 1 added/)
})
