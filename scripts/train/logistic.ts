/**
 * L2-regularised logistic regression over sparse rows, by Newton's method with each step solved by
 * preconditioned conjugate gradients: the Hessian is never formed, so a fit over thousands of sparse
 * features takes seconds, and the arithmetic runs in a fixed order, so the same rows give the same
 * weights on every run.
 */

export interface SparseRows {
  /** Row r's entries are idx/val[start[r] .. start[r + 1]). */
  start: Int32Array
  idx: Int32Array
  val: Float64Array
  /** 1 for the positive class, 0 otherwise. */
  y: Float64Array
}

/**
 * Minimises mean log-loss + ½ Σ l2[j] w[j]² (a penalty per feature, so groups of features can be held
 * back differently). Stops when no weight moves by more than 1e-6.
 */
export function fitLogistic(rows: SparseRows, l2: Float64Array): Float64Array {
  const n = l2.length
  const m = rows.y.length
  const { start, idx, val, y } = rows
  const w = new Float64Array(n)
  const curvature = new Float64Array(m)
  const dot = (r: number, v: Float64Array) => {
    let z = 0
    for (let a = start[r]; a < start[r + 1]; a++) z += v[idx[a]] * val[a]
    return z
  }
  const hessianTimes = (v: Float64Array, out: Float64Array) => {
    for (let j = 0; j < n; j++) out[j] = l2[j] * v[j]
    for (let r = 0; r < m; r++) {
      const s = curvature[r] * dot(r, v)
      for (let a = start[r]; a < start[r + 1]; a++) out[idx[a]] += s * val[a]
    }
  }
  for (let iter = 0; iter < 50; iter++) {
    const g = new Float64Array(n)
    const diagonal = new Float64Array(n)
    for (let r = 0; r < m; r++) {
      const p = 1 / (1 + Math.exp(-dot(r, w)))
      curvature[r] = (p * (1 - p)) / m
      const e = (p - y[r]) / m
      for (let a = start[r]; a < start[r + 1]; a++) {
        g[idx[a]] += e * val[a]
        diagonal[idx[a]] += curvature[r] * val[a] * val[a]
      }
    }
    for (let j = 0; j < n; j++) {
      g[j] += l2[j] * w[j]
      diagonal[j] += l2[j]
    }
    const step = conjugateGradient(hessianTimes, g, diagonal)
    let change = 0
    for (let j = 0; j < n; j++) {
      w[j] -= step[j]
      change = Math.max(change, Math.abs(step[j]))
    }
    if (change < 1e-6) break
  }
  return w
}

/** Solves H s = b for a symmetric positive definite H given as a product, with a diagonal preconditioner. */
function conjugateGradient(times: (v: Float64Array, out: Float64Array) => void, b: Float64Array, diagonal: Float64Array): Float64Array {
  const n = b.length
  const s = new Float64Array(n)
  const r = Float64Array.from(b)
  const z = r.map((v, j) => v / diagonal[j])
  const p = Float64Array.from(z)
  const q = new Float64Array(n)
  let rz = 0
  let b2 = 0
  for (let j = 0; j < n; j++) {
    rz += r[j] * z[j]
    b2 += b[j] * b[j]
  }
  for (let k = 0; k < 2000 && b2 > 0; k++) {
    times(p, q)
    let pq = 0
    for (let j = 0; j < n; j++) pq += p[j] * q[j]
    const alpha = rz / pq
    let r2 = 0
    for (let j = 0; j < n; j++) {
      s[j] += alpha * p[j]
      r[j] -= alpha * q[j]
      r2 += r[j] * r[j]
    }
    if (r2 <= 1e-20 * b2) break
    let next = 0
    for (let j = 0; j < n; j++) {
      z[j] = r[j] / diagonal[j]
      next += r[j] * z[j]
    }
    const beta = next / rz
    rz = next
    for (let j = 0; j < n; j++) p[j] = z[j] + beta * p[j]
  }
  return s
}
