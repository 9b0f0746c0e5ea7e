/**
 * The entity tagger: an averaged perceptron over IOB2 tags with hashed features (see features.ts),
 * decoded greedily left to right in two passes over the document. Weights and the word classes
 * they were trained with are made by scripts/train.ts and ship together in models/.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import {
  A_CAP_INDEX,
  DocHistory,
  DocWords,
  FIRST_PASS,
  NDYNAMIC,
  NSTATIC,
  NTAGS,
  NROLES,
  PAD_AFTER,
  PAD_BEFORE,
  PAIR_FEATURES,
  PLACE_FEATURES,
  ROLE_FEATURES,
  WORD_STAMP,
  WORD_SUMS,
  allowed,
  dynamicFeatures,
  isPlain,
  pairFeatures,
  placeFeatures,
  roleFeatures,
  setNameLists,
  setWordClasses,
  staticFeatures,
  type SentenceAtoms,
} from './features.js'

export const MODEL_FILE = 'ner-perceptron.bin.gz'
const MAGIC = 'QWNER5\n'
if (NTAGS !== 9) throw new Error('scoreToken is unrolled for nine tags')

export interface TaggerModel {
  nBuckets: number
  /** word → class ids the features use (see setWordClasses) */
  classes: Map<string, number>
  /** the name lists the features look names up in, as "name<TAB>letters" lines (see setNameLists) */
  names: string
  /** NTAGS weights per row, row-major; any scale (argmax is scale-free). */
  weights: Int16Array | Float32Array | Float64Array
  /**
   * Bucket → row of `weights`, when the model is sparse (as read from a file: row 0 is all zeros
   * and stands for every bucket without weights). Without it, row b holds bucket b (training).
   */
  rows?: Int32Array
  /**
   * With `rows`: one bit per bucket, set when it has a row. About eight buckets in nine have none,
   * and this 128 KB stays in the processor's cache where the 4 MB of `rows` does not, so a
   * feature without weights (most pairs of words) costs no trip to memory.
   */
  weighted?: Int32Array
}

/** The row of `weights` that holds bucket b. */
function rowOf(model: TaggerModel, b: number): number {
  return model.rows ? model.rows[b] : b
}

/** models/ seen from this file in src/pipeline/ner/ or dist/pipeline/ner/, and from the bundle in dist/. */
export function modelPath(file = MODEL_FILE): string {
  // An explicit weights file (e.g. one trained with --holdout) takes precedence.
  const override = process.env.QUOTEWIRE_NER_MODEL
  if (override) return override
  const candidates = [`../../../models/${file}`, `../models/${file}`].map((path) => new URL(path, import.meta.url))
  for (const c of candidates) {
    const p = fileURLToPath(c)
    if (existsSync(p)) return p
  }
  return fileURLToPath(candidates[0])
}

/**
 * Serialises weights as 16-bit integers after scaling the largest magnitude to 32767, then the word
 * classes as "word<TAB>id" lines, then the name lists as "name<TAB>letters" lines. Only buckets
 * with a non-zero weight are written (about one in nine): first each one's distance from the
 * previous one (LEB128), then their NTAGS weights. They
 * stay sparse in memory (TaggerModel.rows): reading a full table took ~0.3 s of gunzip and copying
 * in every process and worker thread that tags text.
 */
export function encodeModel(model: TaggerModel, scale = quantisingScale(model.weights)): Buffer {
  const { nBuckets, weights } = model
  const kept: number[] = []
  const values: number[] = []
  for (let b = 0; b < nBuckets; b++) {
    const row: number[] = []
    const at = rowOf(model, b) * NTAGS
    for (let t = 0; t < NTAGS; t++) row.push(Math.round(weights[at + t] * scale))
    if (row.every((v) => v === 0)) continue
    kept.push(b)
    values.push(...row)
  }
  const deltas: number[] = []
  kept.forEach((b, i) => leb128(b - (i ? kept[i - 1] : -1), deltas))
  const table = Buffer.alloc(values.length * 2)
  values.forEach((v, i) => table.writeInt16LE(v, i * 2))
  const body = Buffer.concat([Buffer.from(deltas), table])
  const classes = Buffer.from([...model.classes].map(([w, c]) => `${w}\t${c}\n`).join(''))
  const names = Buffer.from(model.names)
  const header = Buffer.from(
    JSON.stringify({
      nBuckets, ntags: NTAGS, nstatic: NSTATIC, ndynamic: NDYNAMIC, scale, rows: kept.length, deltaBytes: deltas.length, classBytes: classes.length, nameBytes: names.length,
    }),
  )
  const len = Buffer.alloc(4)
  len.writeUInt32LE(header.length)
  return Buffer.concat([Buffer.from(MAGIC), len, header, body, classes, names])
}

/** The factor that maps the largest weight magnitude to 32767. */
function quantisingScale(weights: ArrayLike<number>): number {
  let max = 0
  for (let i = 0; i < weights.length; i++) max = Math.max(max, Math.abs(weights[i]))
  return max > 0 ? 32767 / max : 1
}

function leb128(n: number, out: number[]): number[] {
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80)
    n = Math.floor(n / 128)
  }
  out.push(n)
  return out
}

interface ModelHeader {
  nBuckets: number
  ntags: number
  nstatic: number
  ndynamic: number
  scale: number
  rows: number
  deltaBytes: number
  classBytes: number
  nameBytes: number
}

/** The model (weights as stored, 16-bit) and the scale they were quantised with. */
export function decodeModelFile(buf: Buffer): { model: TaggerModel; scale: number } {
  if (buf.subarray(0, MAGIC.length).toString() !== MAGIC) throw new Error(`not an entity tagger model in this version's format (${MAGIC.trim()})`)
  const hlen = buf.readUInt32LE(MAGIC.length)
  const hstart = MAGIC.length + 4
  const header = JSON.parse(buf.subarray(hstart, hstart + hlen).toString()) as ModelHeader
  if (header.ntags !== NTAGS || header.nstatic !== NSTATIC || header.ndynamic !== NDYNAMIC) throw new Error('entity tagger model does not match the feature set')
  const deltasAt = hstart + hlen
  const tableAt = deltasAt + header.deltaBytes
  const classesAt = tableAt + header.rows * NTAGS * 2
  // Row 0 stays zero for the buckets without weights; the table is copied into aligned memory
  // (little-endian, as every platform Node runs on). A dense nBuckets × NTAGS table would be
  // ~19 MB of fresh memory to touch in every process and thread that tags.
  const weights = new Int16Array((header.rows + 1) * NTAGS)
  new Uint8Array(weights.buffer).set(buf.subarray(tableAt, classesAt), NTAGS * 2)
  const rows = new Int32Array(header.nBuckets)
  const weighted = new Int32Array(Math.ceil(header.nBuckets / 32))
  let at = deltasAt
  let bucket = -1
  for (let r = 1; r <= header.rows; r++) {
    let delta = 0
    let shift = 1
    for (;;) {
      const byte = buf[at++]
      delta += (byte & 0x7f) * shift
      if (byte < 0x80) break
      shift *= 128
    }
    bucket += delta
    rows[bucket] = r
    weighted[bucket >>> 5] |= 1 << (bucket & 31)
  }
  if (at !== tableAt || bucket >= header.nBuckets) throw new Error('entity tagger model is damaged')
  const classes = new Map<string, number>()
  const text = buf.subarray(classesAt, classesAt + header.classBytes).toString()
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t')
    if (tab > 0) classes.set(line.slice(0, tab), Number(line.slice(tab + 1)))
  }
  const namesAt = classesAt + header.classBytes
  const names = buf.subarray(namesAt, namesAt + header.nameBytes).toString()
  return { model: { nBuckets: header.nBuckets, classes, names, weights, rows, weighted }, scale: header.scale }
}

export function decodeModel(buf: Buffer): TaggerModel {
  return decodeModelFile(buf).model
}

let loaded: TaggerModel | null | undefined

/** The shipped model, read once; null when the weights file is absent. */
export function taggerModel(): TaggerModel | null {
  if (loaded !== undefined) return loaded
  const p = modelPath()
  loaded = existsSync(p) ? decodeModel(gunzipSync(readFileSync(p))) : null
  if (loaded) {
    setWordClasses(loaded.classes)
    setNameLists(loaded.names)
  }
  return loaded
}

const feats = new Int32Array(NSTATIC + NDYNAMIC)
const scores = new Float64Array(NTAGS)

/**
 * Scores of every tag for token i (written into `out`); its feature buckets into `featsOut`.
 * `statics`, when given, holds each token's nine sums over its static features alone (see
 * staticScores): only the dynamic features are then looked up. The sums run in the same order
 * either way, so the scores are the same to the last bit.
 */
export function scoreToken(
  model: TaggerModel,
  s: SentenceAtoms,
  i: number,
  prev: number,
  prev2: number,
  hist: number,
  nextHist: number,
  whole: number,
  wholePrev: number,
  wholeNext: number,
  out: Float64Array,
  featsOut: Int32Array,
  statics?: Float64Array,
): void {
  const mask = model.nBuckets - 1
  let from = 0
  if (statics) {
    for (let t = 0; t < NTAGS; t++) out[t] = statics[i * NTAGS + t]
    from = NSTATIC
  } else {
    out.fill(0)
    if (s.statics) for (let f = 0, at = i * NSTATIC; f < NSTATIC; f++) featsOut[f] = s.statics[at + f]
    else staticFeatures(s, i, mask, featsOut)
  }
  dynamicFeatures(s, i, prev, prev2, hist, nextHist, whole, wholePrev, wholeNext, mask, featsOut, NSTATIC)
  addRows(model, featsOut, from, NSTATIC + NDYNAMIC, out, 0)
}

/**
 * Adds the weight rows of buckets[from, to) to the nine tag scores at out[at, at + 9), in bucket
 * order; with `places`, of the buckets at places[from, to) instead. Buckets without weights (see
 * TaggerModel.weighted) are skipped: adding their zeros would change nothing, the sums are never -0.
 */
function addRows(model: TaggerModel, buckets: Int32Array, from: number, to: number, out: Float64Array, at: number, places?: Int32Array): void {
  const w = model.weights
  const rows = model.rows
  const weighted = model.weighted
  // Nine tags, unrolled: one pass over each feature's row of weights.
  let s0 = out[at], s1 = out[at + 1], s2 = out[at + 2], s3 = out[at + 3], s4 = out[at + 4]
  let s5 = out[at + 5], s6 = out[at + 6], s7 = out[at + 7], s8 = out[at + 8]
  for (let f = from; f < to; f++) {
    const bucket = buckets[places ? places[f] : f]
    if (weighted && ((weighted[bucket >>> 5] >>> (bucket & 31)) & 1) === 0) continue
    const b = (rows ? rows[bucket] : bucket) * 9
    s0 += w[b]
    s1 += w[b + 1]
    s2 += w[b + 2]
    s3 += w[b + 3]
    s4 += w[b + 4]
    s5 += w[b + 5]
    s6 += w[b + 6]
    s7 += w[b + 7]
    s8 += w[b + 8]
  }
  out[at] = s0
  out[at + 1] = s1
  out[at + 2] = s2
  out[at + 3] = s3
  out[at + 4] = s4
  out[at + 5] = s5
  out[at + 6] = s6
  out[at + 7] = s7
  out[at + 8] = s8
}

/**
 * Per token of a sentence whose static buckets are computed, the nine tag scores of its static
 * features alone. They do not depend on the tags around the token, and the second pass rescores
 * tokens the first pass scored: summed once, each rescoring looks up 12 rows instead of 55.
 */
function staticScores(model: TaggerModel, s: SentenceAtoms & { statics: Int32Array }): Float64Array {
  const out = new Float64Array(s.n * NTAGS)
  for (let i = 0; i < s.n; i++) addRows(model, s.statics, i * NSTATIC, (i + 1) * NSTATIC, out, i * NTAGS)
  return out
}

const stamps = new WeakMap<TaggerModel, number>()
let lastStamp = 0

/** A number of its own for each model, so words know whose sums they hold (WORD_STAMP). */
function modelStamp(model: TaggerModel): number {
  let stamp = stamps.get(model)
  if (stamp === undefined) stamps.set(model, (stamp = ++lastStamp))
  return stamp
}

const roleSums = new Float64Array(NTAGS)

/** Fills the word's WORD_SUMS for the model stamped `stamp`, unless they are already its. */
function sumRoles(model: TaggerModel, a: Int32Array, stamp: number): void {
  if (a[WORD_STAMP] === stamp) return
  const mask = model.nBuckets - 1
  for (let r = 0; r < NROLES; r++) {
    roleFeatures(r, a, mask, feats)
    roleSums.fill(0)
    addRows(model, feats, 0, ROLE_FEATURES[r].length, roleSums, 0, ROLE_FEATURES[r])
    for (let t = 0; t < NTAGS; t++) a[WORD_SUMS + r * NTAGS + t] = roleSums[t]
  }
  a[WORD_STAMP] = stamp
}

/**
 * staticScores for a sentence whose static buckets are not computed, with 16-bit weights (as read
 * from a file, and never changed): the features that read one word alone come from the sums kept
 * with each word (see sumRoles), the others are looked up. At most 43 weights of 16 bits add up
 * to whole numbers well inside 32 bits (and float64's exact range), so every order of summing
 * gives the same scores, to the last bit, as staticScores.
 */
function staticScoresByRole(model: TaggerModel, s: SentenceAtoms): Float64Array {
  const mask = model.nBuckets - 1
  const stamp = modelStamp(model)
  const a = s.atoms
  for (const w of a) sumRoles(model, w, stamp)
  sumRoles(model, PAD_BEFORE, stamp)
  sumRoles(model, PAD_AFTER, stamp)
  const n = s.n
  const out = new Float64Array(n * NTAGS)
  for (let i = 0; i < n; i++) {
    const cur = a[i]
    const p1 = i > 0 ? a[i - 1] : PAD_BEFORE
    const n1 = i + 1 < n ? a[i + 1] : PAD_AFTER
    const p2 = i > 1 ? a[i - 2] : PAD_BEFORE
    const n2 = i + 2 < n ? a[i + 2] : PAD_AFTER
    const plain = isPlain(s, i)
    for (let t = 0; t < NTAGS; t++) {
      out[i * NTAGS + t] =
        cur[WORD_SUMS + t] +
        p1[WORD_SUMS + NTAGS + t] +
        n1[WORD_SUMS + 2 * NTAGS + t] +
        p2[WORD_SUMS + 3 * NTAGS + t] +
        n2[WORD_SUMS + 4 * NTAGS + t] +
        (plain ? cur[WORD_SUMS + 5 * NTAGS + t] : 0)
    }
    if (!plain) {
      placeFeatures(s, i, mask, feats)
      addRows(model, feats, 0, PLACE_FEATURES.length, out, i * NTAGS, PLACE_FEATURES)
    }
    pairFeatures(s, i, mask, feats)
    addRows(model, feats, 0, PAIR_FEATURES.length, out, i * NTAGS, PAIR_FEATURES)
  }
  return out
}

/** Best tag allowed after `prev`. */
export function bestTag(out: Float64Array, prev: number): number {
  let best = 0
  let bestScore = -Infinity
  for (let t = 0; t < NTAGS; t++) {
    if (out[t] > bestScore && allowed(prev, t)) {
      best = t
      bestScore = out[t]
    }
  }
  return best
}

/**
 * Called by training after each decision with the sentence and token index, the predicted tag
 * and the token's feature buckets; returns nothing (the tagger goes on with its own prediction).
 */
export type Teacher = (k: number, i: number, pred: number, feats: Int32Array) => void

/**
 * IOB2 tag ids for every sentence of a document, in two greedy left-to-right passes. The second
 * pass sees how the first tagged every capitalised word across the whole document; it rescores
 * only capitalised tokens, tokens the first pass put in an entity and tokens after an entity
 * (the rest stay O), which keeps it cheap.
 */
export function tagDocument(model: TaggerModel, sents: SentenceAtoms[], teacher?: Teacher): Uint8Array[] {
  // Training changes the weights after every decision, so only a fixed model's sums are kept, for
  // both passes. With 16-bit weights (as read from a file) they are summed by word; otherwise
  // from each token's static buckets, computed once here unless training did.
  const byRole = !teacher && model.weights instanceof Int16Array
  const mask = model.nBuckets - 1
  for (const s of sents) {
    if (s.statics || byRole) continue
    const statics = new Int32Array(s.n * NSTATIC)
    for (let i = 0; i < s.n; i++) {
      staticFeatures(s, i, mask, feats)
      statics.set(feats.subarray(0, NSTATIC), i * NSTATIC)
    }
    s.statics = statics
  }
  const sums = teacher
    ? null
    : sents.map((s) => (s.statics ? staticScores(model, s as SentenceAtoms & { statics: Int32Array }) : staticScoresByRole(model, s)))
  const words = new DocWords(sents)
  const first: Uint8Array[] = []
  let history = new DocHistory(words)
  for (let k = 0; k < sents.length; k++) {
    const s = sents[k]
    const tags = new Uint8Array(s.n)
    let prev = 0
    let prev2 = 0
    for (let i = 0; i < s.n; i++) {
      scoreToken(model, s, i, prev, prev2, history.get(k, i), history.get(k, i + 1), FIRST_PASS, FIRST_PASS, FIRST_PASS, scores, feats, sums?.[k])
      const t = bestTag(scores, prev)
      teacher?.(k, i, t, feats)
      history.record(k, i, t)
      tags[i] = t
      prev2 = prev
      prev = t
    }
    first.push(tags)
  }
  const whole = history
  history = new DocHistory(words)
  const out: Uint8Array[] = []
  for (let k = 0; k < sents.length; k++) {
    const s = sents[k]
    const before = first[k]
    const tags = new Uint8Array(s.n)
    let prev = 0
    let prev2 = 0
    for (let i = 0; i < s.n; i++) {
      let t = 0
      if (prev !== 0 || before[i] !== 0 || s.atoms[i][A_CAP_INDEX]) {
        scoreToken(model, s, i, prev, prev2, history.get(k, i), history.get(k, i + 1), whole.whole(k, i), whole.whole(k, i - 1), whole.whole(k, i + 1), scores, feats, sums?.[k])
        t = bestTag(scores, prev)
        teacher?.(k, i, t, feats)
      }
      history.record(k, i, t)
      tags[i] = t
      prev2 = prev
      prev = t
    }
    out.push(tags)
  }
  return out
}
