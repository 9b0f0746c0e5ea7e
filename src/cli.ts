#!/usr/bin/env node
import { parseArgs } from 'node:util'

export const HELP = `quotewire — raw news pages in, an annotated and queryable archive out

Usage:
  quotewire serve [--workers N]          migrate, load seeds/ into an empty database, serve the API
  quotewire load [--threads N] PATH...   load files and folders (.txt .html .htm .json .ndjson) into the database
  quotewire annotate [--plain] FILE...   print one JSON object per article with its annotations (no database)
  quotewire migrate                      apply pending migrations to the database
  quotewire openapi [--write]            print (or write to openapi/openapi.json) the OpenAPI document
  quotewire keys create [--name NAME]    create an API key for writes (printed once; only its hash is stored)
  quotewire keys list | revoke ID        list the database's API keys, or revoke one

Options:
  --database PATH   the SQLite file (default: $DATABASE_PATH or ./quotewire.db)
  --plain           annotate: the whole file is the body, no extraction (offsets are into the file)
  --quiet           load: no progress bar
  --threads N       load: threads that read and annotate (default: one per core; 1 = no worker threads)
  --workers N       serve: processes serving the one database file (default 1)
  --name NAME       keys create: who or what the key is for
  -h, --help        this text

Environment: PORT (3000), HOST (0.0.0.0), DATABASE_PATH (./quotewire.db), LOG_LEVEL (info),
API_KEYS, READ_REQUIRES_KEY, BODY_LIMIT, RATE_LIMIT_READ, RATE_LIMIT_WRITE and more: see .env.example.
`

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      plain: { type: 'boolean' },
      quiet: { type: 'boolean' },
      write: { type: 'boolean' },
      database: { type: 'string' },
      workers: { type: 'string' },
      threads: { type: 'string' },
      name: { type: 'string' },
    },
  })
  const [command, ...rest] = positionals
  if (values.help || !command) {
    process.stdout.write(HELP)
    return command || values.help ? 0 : 2
  }
  const database = values.database ?? process.env.DATABASE_PATH ?? 'quotewire.db'
  switch (command) {
    case 'annotate': {
      if (rest.length === 0) return usage('annotate needs at least one FILE')
      const { runAnnotate } = await import('./commands/annotate.js')
      return runAnnotate(rest, values.plain ?? false)
    }
    case 'load': {
      if (rest.length === 0) return usage('load needs at least one PATH')
      const threads = values.threads === undefined ? undefined : Number(values.threads)
      if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) return usage('--threads must be a positive integer')
      const { runLoad } = await import('./commands/load.js')
      return runLoad({ database, paths: rest, quiet: values.quiet ?? false, threads })
    }
    case 'migrate': {
      const { runMigrate } = await import('./commands/migrate.js')
      return runMigrate({ database })
    }
    case 'serve': {
      const { runServe } = await import('./server.js')
      return runServe({ workers: values.workers ? Number(values.workers) : 1, database: values.database })
    }
    case 'openapi': {
      const { runOpenapi } = await import('./commands/openapi.js')
      return runOpenapi({ write: values.write ?? false })
    }
    case 'keys': {
      const { runKeys } = await import('./commands/keys.js')
      return runKeys({ database, action: rest[0], args: rest.slice(1), name: values.name })
    }
    default:
      return usage(`unknown command "${command}"`)
  }
}

function usage(message: string): number {
  process.stderr.write(`quotewire: ${message}\n\n${HELP}`)
  return 2
}

main(process.argv.slice(2)).then(
  (code) => {
    // serve keeps the process alive itself; the other commands end here.
    if (code !== undefined) process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`quotewire: ${(error as Error).stack ?? String(error)}\n`)
    process.exitCode = 1
  },
)
