/**
 * Word classes from unlabelled text, for the entity tagger: each frequent word is described by the
 * words seen one and two positions either side of it (positive pointwise mutual information over
 * the most frequent context words), and spherical k-means groups similar descriptions. A fine and a
 * coarse level let the tagger generalise from a name it was taught to a rare one used the same
 * way ("Hapoel" and "Maccabi"; towns; surnames). Deterministic: no randomness anywhere.
 */
export interface ClusterOptions {
  minCount: number
  contexts: number
  fine: number
  coarse: number
  iterations: number
  maxWords: number
}

const DEFAULTS: ClusterOptions = { minCount: 3, contexts: 600, fine: 256, coarse: 32, iterations: 12, maxWords: 40_000 }

interface Sparse {
  idx: Int32Array
  val: Float64Array
}

/** Spherical k-means over unit vectors; centroids start at evenly spaced items. Returns assignments. */
function kmeans(items: Sparse[], dim: number, k: number, iterations: number): { assign: Int32Array; centroids: Float64Array } {
  const n = items.length
  k = Math.min(k, n)
  const centroids = new Float64Array(k * dim)
  for (let c = 0; c < k; c++) {
    const it = items[Math.floor((c * n) / k)]
    for (let j = 0; j < it.idx.length; j++) centroids[c * dim + it.idx[j]] = it.val[j]
  }
  const assign = new Int32Array(n).fill(-1)
  for (let iter = 0; iter < iterations; iter++) {
    let moved = 0
    for (let i = 0; i < n; i++) {
      const { idx, val } = items[i]
      let best = 0
      let bestDot = -Infinity
      for (let c = 0; c < k; c++) {
        const base = c * dim
        let dot = 0
        for (let j = 0; j < idx.length; j++) dot += val[j] * centroids[base + idx[j]]
        if (dot > bestDot) {
          bestDot = dot
          best = c
        }
      }
      if (assign[i] !== best) moved++
      assign[i] = best
    }
    centroids.fill(0)
    for (let i = 0; i < n; i++) {
      const { idx, val } = items[i]
      const base = assign[i] * dim
      for (let j = 0; j < idx.length; j++) centroids[base + idx[j]] += val[j]
    }
    for (let c = 0; c < k; c++) {
      let norm = 0
      for (let d = 0; d < dim; d++) norm += centroids[c * dim + d] ** 2
      norm = Math.sqrt(norm) || 1
      for (let d = 0; d < dim; d++) centroids[c * dim + d] /= norm
    }
    if (moved === 0) break
  }
  return { assign, centroids }
}

/**
 * Word → class id pairs over the sentences' words (case kept): fine class 1..fine in the low 16
 * bits, coarse class 1..coarse above them.
 */
export function wordClusters(sentences: string[][], options: Partial<ClusterOptions> = {}): Map<string, number> {
  const o = { ...DEFAULTS, ...options }
  const counts = new Map<string, number>()
  for (const s of sentences) for (const w of s) counts.set(w, (counts.get(w) ?? 0) + 1)
  const vocab = [...counts].filter(([, c]) => c >= o.minCount)
  vocab.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  vocab.length = Math.min(vocab.length, o.maxWords)
  const wordId = new Map(vocab.map(([w], i) => [w, i]))
  // Context ids: the most frequent words, then sentence start and end.
  const C = Math.min(o.contexts, vocab.length) + 2
  const ctxOf = (w: string | undefined, edge: number) => {
    if (w === undefined) return C - 2 + edge
    const id = wordId.get(w)
    return id !== undefined && id < C - 2 ? id : -1
  }
  const dim = 4 * C
  const rows: Array<Map<number, number>> = vocab.map(() => new Map())
  const colSum = new Float64Array(dim)
  let total = 0
  for (const s of sentences) {
    for (let i = 0; i < s.length; i++) {
      const id = wordId.get(s[i])
      if (id === undefined) continue
      const row = rows[id]
      const ctx = [ctxOf(s[i - 2], 0), ctxOf(s[i - 1], 0), ctxOf(s[i + 1], 1), ctxOf(s[i + 2], 1)]
      for (let p = 0; p < 4; p++) {
        if (ctx[p] < 0) continue
        const key = p * C + ctx[p]
        row.set(key, (row.get(key) ?? 0) + 1)
        colSum[key]++
        total++
      }
    }
  }
  const items: Sparse[] = rows.map((row) => {
    let rowSum = 0
    for (const v of row.values()) rowSum += v
    const keys = [...row.keys()].sort((a, b) => a - b)
    const idx: number[] = []
    const val: number[] = []
    for (const key of keys) {
      const pmi = Math.log((row.get(key)! * total) / (rowSum * colSum[key]))
      if (pmi > 0) {
        idx.push(key)
        val.push(pmi)
      }
    }
    let norm = 0
    for (const v of val) norm += v * v
    norm = Math.sqrt(norm) || 1
    return { idx: Int32Array.from(idx), val: Float64Array.from(val, (v) => v / norm) }
  })
  const fine = kmeans(items, dim, o.fine, o.iterations)
  // Coarse classes group the fine centroids.
  const k = Math.min(o.fine, items.length)
  const centroidItems: Sparse[] = []
  for (let c = 0; c < k; c++) {
    const idx: number[] = []
    const val: number[] = []
    for (let d = 0; d < dim; d++) {
      const v = fine.centroids[c * dim + d]
      if (v !== 0) {
        idx.push(d)
        val.push(v)
      }
    }
    centroidItems.push({ idx: Int32Array.from(idx), val: Float64Array.from(val) })
  }
  const coarse = kmeans(centroidItems, dim, o.coarse, o.iterations)
  const out = new Map<string, number>()
  vocab.forEach(([w], i) => out.set(w, ((coarse.assign[fine.assign[i]] + 1) << 16) | (fine.assign[i] + 1)))
  return out
}
