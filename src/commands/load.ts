import { openDatabase } from '../db/connection.js'
import { migrate } from '../db/migrate.js'
import type { LoadSummary } from '../load/loader.js'
import { progressBar } from '../load/progress.js'
import { loadWithThreads } from '../load/workers.js'

const plural = (n: number, word: string, many = word + 's') => `${n} ${n === 1 ? word : many}`

export function formatSummary(s: LoadSummary): string {
  const threads = s.threads > 1 ? `, ${s.threads} threads` : ''
  const rate = s.seconds > 0 ? ` (${(s.articlesAdded / s.seconds).toFixed(1)} articles/s${threads})` : ''
  return (
    [
      `${plural(s.files, 'file')} read in ${s.seconds.toFixed(1)} s${rate}`,
      `articles: ${s.articlesAdded} added, ${s.articlesSkipped} already in the archive`,
      `added: ${plural(s.entities, 'entity', 'entities')}, ${plural(s.quotes, 'quote')}, ` +
        `${plural(s.speakers, 'speaker')}, ${plural(s.stories, 'story', 'stories')}`,
      `problems: ${s.problems.length}${s.problems.length ? ' (listed above)' : ''}`,
    ].join('\n') + '\n'
  )
}

/** One line per problem; past the first few, problems sharing a reason (a broken install fails every file alike) are counted. */
export function problemLines(problems: LoadSummary['problems'], shown = 5): string {
  const seen = new Map<string, number>()
  const lines: string[] = []
  for (const p of problems) {
    const n = (seen.get(p.reason) ?? 0) + 1
    seen.set(p.reason, n)
    if (n <= shown) lines.push(`${p.path}: ${p.reason}`)
  }
  for (const [reason, n] of seen) if (n > shown) lines.push(`… and ${n - shown} more files: ${reason}`)
  return lines.length ? lines.join('\n') + '\n' : ''
}

/**
 * `quotewire load PATH...` — migrates the database if needed, loads, prints each problem on stderr
 * and the summary on stdout. Exit status 1 when a file could not be loaded. `threads` (default: one
 * per core) read and annotate; this thread alone writes.
 */
export async function runLoad(options: { database: string; paths: string[]; quiet: boolean; threads?: number }): Promise<number> {
  const db = openDatabase(options.database)
  try {
    migrate(db)
    const bar = !options.quiet && process.stderr.isTTY ? progressBar(process.stderr) : null
    const onProgress = bar ? (done: number, total: number) => bar.update(done, total) : undefined
    const summary = await loadWithThreads(db, options.paths, { threads: options.threads, onProgress })
    bar?.done()
    process.stderr.write(problemLines(summary.problems))
    process.stdout.write(formatSummary(summary))
    return summary.problems.length > 0 ? 1 : 0
  } finally {
    db.close()
  }
}
