import type { Database, Statement } from 'better-sqlite3'

/** Rows per statement call at most: SQLite binds 32,766 values, and longer statements gain nothing more. */
const MAX_ROWS = 32

/**
 * An insert of any number of rows with one statement call per MAX_ROWS rows
 * (`INSERT ... VALUES (?, ?), (?, ?), ...`) rather than one per row: an article writes dozens of
 * mentions, entity links and quote keys, and each call costs more than the row it inserts. `values`
 * holds the rows' values one after another, `columns` per row; rows go in in that order, with the
 * rowids and conflict handling of one insert per row. A statement is prepared once per row count.
 */
export function multiRowInsert(db: Database, head: string, columns: number): (values: unknown[]) => void {
  const row = `(${new Array<string>(columns).fill('?').join(', ')})`
  const prepared: Statement[] = []
  const forRows = (rows: number) => (prepared[rows] ??= db.prepare(`${head} VALUES ${new Array<string>(rows).fill(row).join(', ')}`))
  return (values) => {
    const rows = values.length / columns
    if (!Number.isInteger(rows)) throw new Error(`multiRowInsert: ${values.length} values are not rows of ${columns}`)
    for (let first = 0; first < rows; first += MAX_ROWS) {
      const n = Math.min(MAX_ROWS, rows - first)
      forRows(n).run(first === 0 && n === rows ? values : values.slice(first * columns, (first + n) * columns))
    }
  }
}
