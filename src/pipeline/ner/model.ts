/**
 * The entity tagger: a greedy left-to-right averaged perceptron over IOB2 tags with hashed
 * features (see features.ts). Weights are trained by scripts/train.ts and ship in models/.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import {
  NDYNAMIC,
  NSTATIC,
  NTAGS,
  allowed,
  dynamicFeatures,
  staticFeatures,
  type DocHistory,
  type SentenceAtoms,
} from './features.js'

export const MODEL_FILE = 'ner-perceptron.bin.gz'
const MAGIC = 'QWNER2\n'
if (NTAGS !== 9) throw new Error('scoreToken is unrolled for nine tags')

export interface TaggerModel {
  nBuckets: number
  /** nBuckets × NTAGS weights, row-major by bucket; any scale (argmax is scale-free). */
  weights: Int16Array | Float32Array | Float64Array
}

/** models/ seen from this file in src/pipeline/ner/ and from dist/src/pipeline/ner/ after build. */
export function modelPath(file = MODEL_FILE): string {
  // An explicit weights file (e.g. one trained with --holdout) takes precedence.
  const override = process.env.QUOTEWIRE_NER_MODEL
  if (override) return override
  const candidates = [new URL(`../../../models/${file}`, import.meta.url), new URL(`../../../../models/${file}`, import.meta.url)]
  for (const c of candidates) {
    const p = fileURLToPath(c)
    if (existsSync(p)) return p
  }
  return fileURLToPath(candidates[0])
}

/** Serialises weights as 16-bit integers after scaling the largest magnitude to 32767. */
export function encodeModel(nBuckets: number, weights: ArrayLike<number>): Buffer {
  let max = 0
  for (let i = 0; i < weights.length; i++) max = Math.max(max, Math.abs(weights[i]))
  const scale = max > 0 ? 32767 / max : 1
  const q = new Int16Array(weights.length)
  for (let i = 0; i < weights.length; i++) q[i] = Math.round(weights[i] * scale)
  const header = Buffer.from(JSON.stringify({ nBuckets, ntags: NTAGS, nstatic: NSTATIC, scale }))
  const len = Buffer.alloc(4)
  len.writeUInt32LE(header.length)
  const body = Buffer.from(q.buffer, q.byteOffset, q.byteLength)
  return Buffer.concat([Buffer.from(MAGIC), len, header, body])
}

export function decodeModel(buf: Buffer): TaggerModel {
  if (buf.subarray(0, MAGIC.length).toString() !== MAGIC) throw new Error('not an entity tagger model')
  const hlen = buf.readUInt32LE(MAGIC.length)
  const hstart = MAGIC.length + 4
  const header = JSON.parse(buf.subarray(hstart, hstart + hlen).toString()) as { nBuckets: number; ntags: number; nstatic: number }
  if (header.ntags !== NTAGS || header.nstatic !== NSTATIC) throw new Error('entity tagger model does not match the feature set')
  const data = buf.subarray(hstart + hlen)
  // Int16Array needs an even byte offset: copy into a fresh buffer.
  const weights = new Int16Array(data.length / 2)
  new Uint8Array(weights.buffer).set(data)
  return { nBuckets: header.nBuckets, weights }
}

let loaded: TaggerModel | null | undefined

/** The shipped model, read once; null when the weights file is absent. */
export function taggerModel(): TaggerModel | null {
  if (loaded !== undefined) return loaded
  const p = modelPath()
  loaded = existsSync(p) ? decodeModel(gunzipSync(readFileSync(p))) : null
  return loaded
}

const feats = new Int32Array(NSTATIC + NDYNAMIC)
const scores = new Float64Array(NTAGS)

/** Scores of every tag for token i given the previous two tags (written into `out`). */
export function scoreToken(
  model: TaggerModel,
  s: SentenceAtoms,
  i: number,
  prev: number,
  prev2: number,
  hist: number,
  nextHist: number,
  out: Float64Array,
  featsOut: Int32Array,
): void {
  const mask = model.nBuckets - 1
  staticFeatures(s, i, mask, featsOut)
  dynamicFeatures(s, i, prev, prev2, hist, nextHist, mask, featsOut, NSTATIC)
  const w = model.weights
  // Nine tags, unrolled: one pass over each feature's row of weights.
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0
  for (let f = 0; f < NSTATIC + NDYNAMIC; f++) {
    const b = featsOut[f] * 9
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
  out[0] = s0
  out[1] = s1
  out[2] = s2
  out[3] = s3
  out[4] = s4
  out[5] = s5
  out[6] = s6
  out[7] = s7
  out[8] = s8
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

/** IOB2 tag ids for one sentence, greedily left to right; records them in the document history. */
export function tagSentence(model: TaggerModel, s: SentenceAtoms, history: DocHistory): Uint8Array {
  const tags = new Uint8Array(s.n)
  let prev = 0
  let prev2 = 0
  for (let i = 0; i < s.n; i++) {
    scoreToken(model, s, i, prev, prev2, history.get(s, i), history.get(s, i + 1), scores, feats)
    const t = bestTag(scores, prev)
    history.record(s, i, t)
    tags[i] = t
    prev2 = prev
    prev = t
  }
  return tags
}
