/**
 * `quotewire serve --workers N`: read req/s of one database file served by 1 and by N processes
 * (node:cluster, sharing the port), loaded with autocannon from this same process. The baseline is
 * the 1-worker server, measured in the same run on the same archive. On a machine of few cores the
 * load generator competes with the workers for them, so the ratio is a lower bound of what separate
 * client machines would see.
 */
import autocannon from 'autocannon'
import { openDatabase } from '../src/db/connection.js'
import { freePort, serveEnv, startProcess, type Stop } from './process.js'

export interface WorkersRow {
  scenario: string
  path: string
  workers: number
  rps: number
  baselineRps: number
  ratio: number
  p50: number
  p99: number
  errors: number
}

/** Starts `node dist/quotewire.js serve --workers N` and resolves once every worker can answer; returns its stop. */
async function startServer(root: string, database: string, workers: number, port: number): Promise<Stop> {
  // Every worker logs its start; the first prints the documentation address.
  const stop = await startProcess(['dist/quotewire.js', 'serve', '--workers', String(workers)], serveEnv(database, port), `http://127.0.0.1:${port}/readyz`, root, {
    ready: (log) => log.includes('API documentation at'),
  })
  // A moment for the other workers to bind and warm their statement caches under a short load.
  await autocannon({ url: `http://127.0.0.1:${port}/v1/articles`, connections: 8, duration: 1 })
  return stop
}

function scenarios(database: string) {
  const db = openDatabase(database, { readonly: true })
  try {
    const article = db.prepare('SELECT id FROM articles WHERE quote_count > 0 ORDER BY id LIMIT 1 OFFSET 100').pluck().get() as number
    return [
      { scenario: 'articles, no filter', path: '/v1/articles' },
      { scenario: 'article detail', path: `/v1/articles/${article}` },
    ]
  } finally {
    db.close()
  }
}

/** Serves `database` with 1 and with `workers` processes and loads each scenario for `seconds`. */
export async function benchWorkers(
  root: string,
  options: { database: string; workers?: number; seconds?: number; connections?: number; log?: (line: string) => void },
): Promise<{ rows: WorkersRow[]; connections: number; seconds: number }> {
  const workers = options.workers ?? 2
  const seconds = options.seconds ?? 5
  const connections = options.connections ?? 32
  const log = options.log ?? (() => {})
  const list = scenarios(options.database)
  const measured = new Map<number, autocannon.Result[]>()
  for (const n of [1, workers]) {
    const port = await freePort()
    log(`serve --workers ${n}`)
    const stop = await startServer(root, options.database, n, port)
    try {
      const results: autocannon.Result[] = []
      for (const s of list) {
        await autocannon({ url: `http://127.0.0.1:${port}${s.path}`, connections, duration: 1 })
        results.push(await autocannon({ url: `http://127.0.0.1:${port}${s.path}`, connections, duration: seconds }))
        log(`  ${s.path}: ${Math.round(results.at(-1)!.requests.average)} req/s`)
      }
      measured.set(n, results)
    } finally {
      await stop()
    }
  }
  const rows = list.map((s, i) => {
    const base = measured.get(1)![i]
    const real = measured.get(workers)![i]
    return {
      ...s,
      workers,
      rps: real.requests.average,
      baselineRps: base.requests.average,
      ratio: real.requests.average / base.requests.average,
      p50: real.latency.p50,
      p99: real.latency.p99,
      errors: real.errors + real.timeouts + real.non2xx + base.errors + base.timeouts + base.non2xx,
    }
  })
  return { rows, connections, seconds }
}

export function workersTable(result: { rows: WorkersRow[] }): string[] {
  const n = (x: number) => Math.round(x).toLocaleString('en-US')
  const lines = ['| scenario | workers | req/s | 1-worker req/s | ratio | p50 ms | p99 ms | errors |', '|---|---:|---:|---:|---:|---:|---:|---:|']
  for (const r of result.rows) lines.push(`| ${r.scenario} | ${r.workers} | ${n(r.rps)} | ${n(r.baselineRps)} | ${r.ratio.toFixed(2)} | ${r.p50} | ${r.p99} | ${r.errors} |`)
  return lines
}

// Run directly: npx tsx bench/workers.ts DATABASE [WORKERS] [SECONDS]
if (import.meta.url === `file://${process.argv[1]}`) {
  const [database, workers = '2', seconds = '5'] = process.argv.slice(2)
  const root = new URL('..', import.meta.url).pathname
  const result = await benchWorkers(root, { database, workers: Number(workers), seconds: Number(seconds), log: (l) => process.stderr.write(`${l}\n`) })
  console.log(workersTable(result).join('\n'))
}
