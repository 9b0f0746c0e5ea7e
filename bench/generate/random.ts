/**
 * Seeded randomness for the archive generator: the same seed gives the same archive on every
 * machine, so benchmark numbers and test expectations can be compared run to run.
 */

/** A small fast PRNG (sfc32) seeded through splitmix32, returning floats in [0, 1). */
export class Random {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(seed: number) {
    let s = seed >>> 0
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0
      let z = s
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
      return (z ^ (z >>> 16)) >>> 0
    }
    this.a = next()
    this.b = next()
    this.c = next()
    this.d = next()
    for (let i = 0; i < 12; i++) this.next()
  }

  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0
    this.d = (this.d + 1) >>> 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) >>> 0
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0
    this.c = (this.c + t) >>> 0
    return t / 4294967296
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }

  /** A standard normal draw (Box–Muller). */
  normal(): number {
    const u = 1 - this.next()
    const v = this.next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }
}

/**
 * Draws ranks 0..n-1 with probability ∝ 1/(rank+1)^s: a few outlets, speakers and entities carry
 * most of the archive, as in real news, and the long tail appears once or twice.
 */
export class Zipf {
  private readonly cumulative: Float64Array

  constructor(
    readonly n: number,
    s = 1.07,
  ) {
    this.cumulative = new Float64Array(n)
    let total = 0
    for (let i = 0; i < n; i++) {
      total += 1 / Math.pow(i + 1, s)
      this.cumulative[i] = total
    }
    for (let i = 0; i < n; i++) this.cumulative[i] /= total
  }

  draw(random: Random): number {
    const x = random.next()
    let lo = 0
    let hi = this.n - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.cumulative[mid] < x) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}
