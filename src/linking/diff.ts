import { foldText } from './text.js'

export interface DiffPart {
  op: 'equal' | 'insert' | 'delete'
  text: string
}

/** Words as written (punctuation attached), and the form they are compared by. */
function tokens(text: string): { surface: string[]; key: string[] } {
  const surface = text.split(/\s+/).filter(Boolean)
  const key = surface.map((w) => foldText(w).replace(/[^\p{L}\p{N}']+/gu, ''))
  return { surface, key }
}

/**
 * Shortest edit script between two word sequences (Myers 1986, O((N+M)·D)): the edits between
 * variants of one quote are few, so this stays fast on long quotes.
 */
function myers(a: string[], b: string[]): Array<'equal' | 'insert' | 'delete'> {
  const n = a.length
  const m = b.length
  const max = n + m
  const offset = max + 1
  let v = new Int32Array(2 * max + 3)
  const trace: Int32Array[] = []
  let found = false
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice())
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1
      let y = x - k
      while (x < n && y < m && a[x] === b[y]) {
        x++
        y++
      }
      v[offset + k] = x
      if (x >= n && y >= m) {
        found = true
        break
      }
    }
    if (found) trace.push(v)
    else v = v.slice()
  }
  // Walk the trace back from (n, m).
  const ops: Array<'equal' | 'insert' | 'delete'> = []
  let x = n
  let y = m
  for (let d = trace.length - 2; d >= 0; d--) {
    const vd = trace[d]
    const k = x - y
    const prevK = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]) ? k + 1 : k - 1
    const prevX = d === 0 ? 0 : vd[offset + prevK]
    const prevY = prevX - prevK
    while (x > prevX && y > prevY) {
      ops.push('equal')
      x--
      y--
    }
    if (d > 0) ops.push(x === prevX ? 'insert' : 'delete')
    x = prevX
    y = prevY
  }
  while (x > 0 && y > 0) {
    ops.push('equal')
    x--
    y--
  }
  return ops.reverse()
}

/**
 * Word-level difference from `a` to `b`: runs of equal, deleted (only in `a`) and inserted
 * (only in `b`) words. Words compare without case, diacritics or punctuation, so "Russia," and
 * "Russia" are equal; the text shown is as written (from `a` for equal and deleted runs).
 */
export function diffWords(a: string, b: string): DiffPart[] {
  const ta = tokens(a)
  const tb = tokens(b)
  const parts: DiffPart[] = []
  let i = 0
  let j = 0
  for (const op of myers(ta.key, tb.key)) {
    const word = op === 'insert' ? tb.surface[j++] : ta.surface[i++]
    if (op === 'equal') j++
    const last = parts[parts.length - 1]
    if (last && last.op === op) last.text += ' ' + word
    else parts.push({ op, text: word })
  }
  return parts
}
