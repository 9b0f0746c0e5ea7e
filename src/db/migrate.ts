import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Database } from 'better-sqlite3'

export class MigrationError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message)
    this.name = 'MigrationError'
  }
}

/**
 * The project's root folder: the nearest ancestor of this module holding package.json and `folder`.
 * Walking up works both from src/db/ (tests run the TypeScript) and from dist/src/db/ (after build).
 */
export function projectFolder(folder: string): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, folder))) return join(dir, folder)
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`cannot find the ${folder}/ folder above ${fileURLToPath(import.meta.url)}`)
    dir = parent
  }
}

const MIGRATION_FILE = /^(\d{3,})_[\w.-]+\.sql$/

interface MigrationFile {
  name: string
  sql: string
  checksum: string
}

function migrationFiles(dir: string): MigrationFile[] {
  return readdirSync(dir)
    .filter((name) => MIGRATION_FILE.test(name))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name), 'utf8')
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') }
    })
}

function ensureTable(db: Database) {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name        TEXT PRIMARY KEY,
    checksum    TEXT NOT NULL,          -- sha256 of the file as applied
    applied_at  TEXT NOT NULL
  )`)
}

function appliedChecksums(db: Database): Map<string, string> {
  const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get()
  if (!exists) return new Map()
  const rows = db.prepare('SELECT name, checksum FROM schema_migrations').all() as { name: string; checksum: string }[]
  return new Map(rows.map((r) => [r.name, r.checksum]))
}

/** Compares the files with what the database recorded; an applied file that changed since is an error. */
function plan(db: Database, dir: string): MigrationFile[] {
  const applied = appliedChecksums(db)
  const files = migrationFiles(dir)
  for (const file of files) {
    const recorded = applied.get(file.name)
    if (recorded !== undefined && recorded !== file.checksum) {
      throw new MigrationError(
        file.name,
        `migration ${file.name} was edited after it was applied (checksum ${recorded.slice(0, 12)} recorded, ` +
          `${file.checksum.slice(0, 12)} on disk): add a new migration instead`,
      )
    }
  }
  return files.filter((f) => !applied.has(f.name))
}

/** Names of the migrations not yet applied to this database (for /readyz). Throws MigrationError on an edited one. */
export function pendingMigrations(db: Database, dir: string = projectFolder('migrations')): string[] {
  return plan(db, dir).map((f) => f.name)
}

/**
 * Applies migrations/NNN_*.sql in order, each in its own transaction with its record in
 * schema_migrations, so a failing file leaves the database at the previous version.
 */
export function migrate(db: Database, dir: string = projectFolder('migrations')): { applied: string[] } {
  ensureTable(db)
  const applied: string[] = []
  // IMMEDIATE: two processes migrating the same file at once serialise instead of both applying it.
  const apply = db.transaction((file: MigrationFile) => {
    const done = db.prepare('SELECT checksum FROM schema_migrations WHERE name = ?').get(file.name)
    if (done) return false
    try {
      db.exec(file.sql)
    } catch (error) {
      throw new MigrationError(file.name, `migration ${file.name} failed: ${(error as Error).message}`)
    }
    db.prepare('INSERT INTO schema_migrations (name, checksum, applied_at) VALUES (?, ?, ?)').run(
      file.name,
      file.checksum,
      new Date().toISOString(),
    )
    return true
  })
  for (const file of plan(db, dir)) {
    if (apply.immediate(file)) applied.push(file.name)
  }
  return { applied }
}
