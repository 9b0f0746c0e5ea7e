/** Lookups in a document's sorted, non-overlapping spans (sentences, paragraphs, quotations). */

/** The last span that starts at or before `pos` (binary search), or undefined when none does. */
export function lastStartingBy<T extends { start: number }>(xs: readonly T[], pos: number): T | undefined {
  let lo = 0
  let hi = xs.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (xs[mid].start <= pos) lo = mid
    else hi = mid - 1
  }
  const x = xs[lo]
  return x && x.start <= pos ? x : undefined
}

/** The span that contains `pos`, if any. */
export function containing<T extends { start: number; end: number }>(xs: readonly T[], pos: number): T | undefined {
  const x = lastStartingBy(xs, pos)
  return x && pos < x.end ? x : undefined
}
