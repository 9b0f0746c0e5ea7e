import t, { type Test } from 'tap'
import { createHash } from 'node:crypto'
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../src/db/connection.js'
import { migrate, MigrationError, pendingMigrations } from '../src/db/migrate.js'
import { loadPaths } from '../src/load/loader.js'
import { writePolnearTexts } from './helpers/db.js'
import { builtCli, nodeCommand, root, seedsDir } from './helpers/paths.js'

function tempDir(t: Test) {
  const dir = mkdtempSync(join(tmpdir(), 'quotewire-migrate-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

t.test('migrations apply once, are recorded with their checksum, and a re-run is a no-op', async (t) => {
  const dir = tempDir(t)
  const db = openDatabase(join(dir, 'a.db'))
  t.teardown(() => db.close())
  const files = readdirSync(join(root, 'migrations')).filter((f) => f.endsWith('.sql')).sort()
  t.ok(files.length >= 1 && files[0] === '001_initial.sql', 'the shipped migrations, in order')
  t.same(pendingMigrations(db), files)
  t.same(migrate(db), { applied: files })
  const rows = db.prepare('SELECT name, checksum FROM schema_migrations ORDER BY name').all()
  t.same(
    rows,
    files.map((name) => ({ name, checksum: createHash('sha256').update(readFileSync(join(root, 'migrations', name))).digest('hex') })),
  )
  t.same(migrate(db), { applied: [] })
  t.same(pendingMigrations(db), [])
  t.equal(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'articles'`).pluck().get(), 1)
  t.equal(db.pragma('journal_mode', { simple: true }), 'wal')
  t.equal(db.pragma('foreign_keys', { simple: true }), 1)
})

t.test('editing an applied migration is an error naming the file', async (t) => {
  const dir = tempDir(t)
  const migrations = join(dir, 'migrations')
  cpSync(join(root, 'migrations'), migrations, { recursive: true })
  const db = openDatabase(join(dir, 'b.db'))
  t.teardown(() => db.close())
  migrate(db, migrations)
  appendFileSync(join(migrations, '001_initial.sql'), '\nCREATE TABLE sneaky (id INTEGER);\n')
  t.throws(() => migrate(db, migrations), { name: 'MigrationError', file: '001_initial.sql', message: /001_initial\.sql was edited/ })
  t.throws(() => pendingMigrations(db, migrations), MigrationError)
  t.equal(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'sneaky'`).pluck().get(), 0)
})

t.test('a new migration applies in order; a failing one leaves the database as it was', async (t) => {
  const dir = tempDir(t)
  const migrations = join(dir, 'migrations')
  cpSync(join(root, 'migrations'), migrations, { recursive: true })
  const db = openDatabase(join(dir, 'c.db'))
  t.teardown(() => db.close())
  migrate(db, migrations)
  writeFileSync(join(migrations, '900_extra.sql'), 'CREATE TABLE extra (id INTEGER PRIMARY KEY);')
  writeFileSync(join(migrations, '901_broken.sql'), 'CREATE TABLE half (id INTEGER);\nCREATE TABLE articles (id INTEGER);')
  t.same(pendingMigrations(db, migrations), ['900_extra.sql', '901_broken.sql'])
  t.throws(() => migrate(db, migrations), { name: 'MigrationError', file: '901_broken.sql' })
  t.same(pendingMigrations(db, migrations), ['901_broken.sql'], 'the good one stays applied')
  t.equal(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'half'`).pluck().get(), 0, 'the broken one rolled back')
})

t.test('quotewire migrate, as a user runs it', async (t) => {
  const dir = tempDir(t)
  const database = join(dir, 'cli.db')
  const run = () => spawnSync(...nodeCommand([builtCli(), 'migrate', '--database', database]), { encoding: 'utf8' })
  const first = run()
  t.equal(first.status, 0, first.stderr)
  t.match(first.stdout, /applied \d+ migrations? .*001_initial\.sql/)
  const second = run()
  t.equal(second.status, 0, second.stderr)
  t.match(second.stdout, /up to date/)
})

t.test('an archive written before aliases counted their mentions gets the counts when it is upgraded', async (t) => {
  const dir = tempDir(t)
  const before = join(dir, 'migrations')
  cpSync(join(root, 'migrations'), before, { recursive: true })
  rmSync(join(before, '013_alias_mentions.sql'))
  const db = openDatabase(join(dir, 'old.db'))
  t.teardown(() => db.close())
  migrate(db, before)
  const texts = join(dir, 'texts')
  cpSync(seedsDir, texts, { recursive: true })
  writePolnearTexts(texts, ['dev'], 20)
  t.ok(loadPaths(db, [texts]).articlesAdded >= 2, 'articles written by the earlier schema')
  t.same(migrate(db).applied, ['013_alias_mentions.sql'])
  const counts = db
    .prepare(
      `SELECT count(*) AS aliases, sum(a.mentions <> coalesce(used.n, 0)) AS wrong, sum(a.mentions) AS counted, (SELECT count(*) FROM mentions) AS mentions
        FROM entity_aliases a LEFT JOIN (SELECT entity_id, text, count(*) AS n FROM mentions GROUP BY entity_id, text) AS used
          ON used.entity_id = a.entity_id AND used.text = a.alias`,
    )
    .get() as { aliases: number; wrong: number; counted: number; mentions: number }
  t.equal(counts.wrong, 0, `every one of ${counts.aliases} aliases counts the mentions that write it`)
  t.ok(counts.counted > 0 && counts.counted <= counts.mentions, `${counts.counted} of ${counts.mentions} mentions write an alias as it stands`)
})
