/** Lookups in a document's sorted, non-overlapping spans (sentences, paragraphs, quotations). */

/** Index of the last span starting at or before pos (binary search; 0 when pos precedes them all or there are none). */
export function spanIndex(spans: readonly { start: number }[], pos: number): number {
  let lo = 0
  let hi = spans.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (spans[mid].start <= pos) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** The span that contains `pos`, if any. */
export function containing<T extends { start: number; end: number }>(xs: readonly T[], pos: number): T | undefined {
  const x = xs[spanIndex(xs, pos)]
  return x && x.start <= pos && pos < x.end ? x : undefined
}
