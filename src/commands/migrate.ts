import { openDatabase } from '../db/connection.js'
import { migrate, MigrationError } from '../db/migrate.js'

/** `quotewire migrate` — applies pending migrations and says which. */
export function runMigrate(options: { database: string }): number {
  const db = openDatabase(options.database)
  try {
    const { applied } = migrate(db)
    process.stdout.write(
      applied.length
        ? `applied ${applied.length} migration${applied.length > 1 ? 's' : ''} to ${options.database}: ${applied.join(', ')}\n`
        : `${options.database} is up to date\n`,
    )
    return 0
  } catch (error) {
    if (error instanceof MigrationError) {
      process.stderr.write(`quotewire: ${error.message}\n`)
      return 1
    }
    throw error
  } finally {
    db.close()
  }
}
