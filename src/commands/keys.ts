import { openDatabase } from '../db/connection.js'
import { migrate } from '../db/migrate.js'
import { createApiKey, listApiKeys, revokeApiKey } from '../db/store/keys.js'

/**
 * `quotewire keys create [--name NAME] | list | revoke ID`: API keys kept in the database. A new key
 * is printed once, on stdout alone (so `KEY=$(quotewire keys create)` works); only its sha256 is stored.
 */
export function runKeys(options: { database: string; action: string | undefined; args: string[]; name?: string }): number {
  const db = openDatabase(options.database)
  try {
    migrate(db)
    switch (options.action) {
      case 'create': {
        const created = createApiKey(db, options.name?.trim() || 'unnamed')
        process.stdout.write(`${created.key}\n`)
        process.stderr.write(`created key ${created.id} "${created.name}" (${created.prefix}…); it is shown only this once\n`)
        return 0
      }
      case 'list': {
        const keys = listApiKeys(db)
        if (keys.length === 0) process.stderr.write('no keys in the database (keys may also come from API_KEYS)\n')
        for (const k of keys) {
          process.stdout.write(`${k.id}\t${k.prefix}…\t${k.revoked_at ? `revoked ${k.revoked_at}` : 'active'}\t${k.created_at}\t${k.name}\n`)
        }
        return 0
      }
      case 'revoke': {
        const id = Number(options.args[0])
        if (!Number.isInteger(id) || id < 1) {
          process.stderr.write('quotewire: keys revoke needs the id of a key (see quotewire keys list)\n')
          return 2
        }
        const key = revokeApiKey(db, id)
        if (!key) {
          process.stderr.write(`quotewire: no key with id ${id}\n`)
          return 1
        }
        process.stdout.write(`revoked key ${key.id} "${key.name}" (${key.prefix}…) at ${key.revoked_at}\n`)
        return 0
      }
      default:
        process.stderr.write('quotewire: keys needs an action: create [--name NAME], list or revoke ID\n')
        return 2
    }
  } finally {
    db.close()
  }
}
