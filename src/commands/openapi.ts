import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildApp } from '../app.js'
import { openDatabase } from '../db/connection.js'
import { migrate, projectFolder } from '../db/migrate.js'

/** The OpenAPI document the routes describe, as committed in openapi/openapi.json. */
export async function generateOpenapi(): Promise<string> {
  // The document depends on the routes only; an empty in-memory archive is enough to build them.
  const db = openDatabase(':memory:')
  try {
    migrate(db)
    const app = await buildApp({ db })
    await app.ready()
    const text = JSON.stringify(app.swagger(), null, 2) + '\n'
    await app.close()
    return text
  } finally {
    db.close()
  }
}

export function openapiPath(): string {
  return join(projectFolder('openapi'), 'openapi.json')
}

/** `quotewire openapi [--write]`: print the document, or write it to openapi/openapi.json. */
export async function runOpenapi({ write }: { write: boolean }): Promise<number> {
  const text = await generateOpenapi()
  if (write) {
    writeFileSync(openapiPath(), text)
    process.stderr.write(`wrote ${openapiPath()}\n`)
  } else {
    process.stdout.write(text)
  }
  return 0
}
