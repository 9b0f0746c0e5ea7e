/**
 * Trains the entity tagger (averaged perceptron, greedy IOB2) on CoNLL-2003 and writes
 * models/ner-perceptron.bin.gz. Deterministic: fixed seed, fixed document order.
 *
 *   npm run train -- --data ../shared/data/conll2003            train on train.txt, write the model
 *   npm run train -- --data ../shared/data/conll2003 --holdout  train on 90%, report F1 on the rest
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { parseArgs } from 'node:util'
import {
  NDYNAMIC,
  NSTATIC,
  NTAGS,
  DocHistory,
  dynamicFeatures,
  lowercaseVocabulary,
  sentenceAtoms,
  staticFeatures,
  type SentenceAtoms,
} from '../src/pipeline/ner/features.js'
import { bestTag, encodeModel, modelPath, tagSentence, type TaggerModel } from '../src/pipeline/ner/model.js'
import { readConll, type ConllDoc } from './train/conll.js'

interface Prepared {
  atoms: SentenceAtoms
  gold: number[]
  /** n × NSTATIC bucket indexes */
  statics: Int32Array
}

function prepare(docs: ConllDoc[], mask: number): Prepared[][] {
  return docs.map((doc) => {
    const lower = lowercaseVocabulary(doc.flatMap((s) => s.words))
    return doc.map((s) => {
      const atoms = sentenceAtoms(s.words, lower)
      const statics = new Int32Array(atoms.n * NSTATIC)
      const buf = new Int32Array(NSTATIC)
      for (let i = 0; i < atoms.n; i++) {
        staticFeatures(atoms, i, mask, buf)
        statics.set(buf, i * NSTATIC)
      }
      return { atoms, gold: s.tags, statics }
    })
  })
}

/** Park–Miller generator: the same shuffles on every machine. */
function rng(seed: number): () => number {
  let s = seed % 2147483647
  return () => {
    s = (s * 16807) % 2147483647
    return s / 2147483647
  }
}

function shuffle<T>(xs: T[], rand: () => number): T[] {
  const a = xs.slice()
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[a[i], a[j]] = [a[j], a[i]]
  }
  return a
}

function train(docs: Prepared[][], nBuckets: number, epochs: number, seed: number, onEpoch?: (m: TaggerModel, e: number) => void): TaggerModel {
  const mask = nBuckets - 1
  const w = new Float64Array(nBuckets * NTAGS)
  const u = new Float64Array(nBuckets * NTAGS)
  let c = 1
  const feats = new Int32Array(NSTATIC + NDYNAMIC)
  const scores = new Float64Array(NTAGS)
  const rand = rng(seed)
  const update = (t: number, v: number) => {
    for (let f = 0; f < NSTATIC + NDYNAMIC; f++) {
      const j = feats[f] * NTAGS + t
      w[j] += v
      u[j] += c * v
    }
  }
  const averaged = () => {
    const avg = new Float64Array(w.length)
    for (let j = 0; j < w.length; j++) avg[j] = w[j] - u[j] / c
    return { nBuckets, weights: avg }
  }
  for (let e = 0; e < epochs; e++) {
    let errors = 0
    let tokens = 0
    for (const doc of shuffle(docs, rand)) {
      const history = new DocHistory()
      for (const s of doc) {
        let prev = 0
        let prev2 = 0
        for (let i = 0; i < s.atoms.n; i++) {
          feats.set(s.statics.subarray(i * NSTATIC, (i + 1) * NSTATIC))
          dynamicFeatures(s.atoms, i, prev, prev2, history.get(s.atoms, i), history.get(s.atoms, i + 1), mask, feats, NSTATIC)
          scores.fill(0)
          for (let f = 0; f < NSTATIC + NDYNAMIC; f++) {
            const base = feats[f] * NTAGS
            for (let t = 0; t < NTAGS; t++) scores[t] += w[base + t]
          }
          const pred = bestTag(scores, prev)
          const gold = s.gold[i]
          if (pred !== gold) {
            update(gold, 1)
            update(pred, -1)
            errors++
          }
          history.record(s.atoms, i, pred)
          tokens++
          c++
          prev2 = prev
          prev = pred
        }
      }
    }
    console.error(`epoch ${e + 1}: ${((100 * errors) / tokens).toFixed(2)}% token errors`)
    onEpoch?.(averaged(), e + 1)
  }
  return averaged()
}

function spans(tags: ArrayLike<number>): string[] {
  const out: string[] = []
  let start = -1
  let type = 0
  for (let i = 0; i <= tags.length; i++) {
    const t = i < tags.length ? tags[i] : 0
    const isB = t !== 0 && (t & 1) === 1
    if (start >= 0 && (t === 0 || isB || ((t - 1) >> 1) !== type)) {
      if (type < 3) out.push(`${start}:${i}:${type}`)
      start = -1
    }
    if (t !== 0 && start < 0) {
      start = i
      type = (t - 1) >> 1
    }
  }
  return out
}

function evaluate(model: TaggerModel, docs: Prepared[][]): string {
  const names = ['PER', 'ORG', 'LOC']
  const tp = [0, 0, 0]
  const fp = [0, 0, 0]
  const fn = [0, 0, 0]
  for (const doc of docs) {
    const history = new DocHistory()
    for (const s of doc) {
      const pred = new Set(spans(tagSentence(model, s.atoms, history)))
      const gold = new Set(spans(s.gold))
      for (const p of pred) (gold.has(p) ? tp : fp)[Number(p.split(':')[2])]++
      for (const g of gold) if (!pred.has(g)) fn[Number(g.split(':')[2])]++
    }
  }
  const f1 = (a: number, b: number, c: number) => (a ? (2 * a) / (2 * a + b + c) : 0)
  const sum = (x: number[]) => x.reduce((a, b) => a + b, 0)
  return (
    names.map((n, k) => `${n} ${f1(tp[k], fp[k], fn[k]).toFixed(4)}`).join('  ') +
    `  ALL ${f1(sum(tp), sum(fp), sum(fn)).toFixed(4)}`
  )
}

function main(): void {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: '../shared/data/conll2003' },
      epochs: { type: 'string', default: '11' },
      buckets: { type: 'string', default: '20' },
      seed: { type: 'string', default: '20231' },
      holdout: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  })
  const nBuckets = 1 << Number(values.buckets)
  const docs = readConll(join(values.data!, 'train.txt'))
  const t0 = Date.now()
  const prepared = prepare(docs, nBuckets - 1)
  console.error(`${docs.length} documents prepared in ${Date.now() - t0} ms`)
  const epochs = Number(values.epochs)
  const seed = Number(values.seed)
  if (values.holdout) {
    const held = prepared.filter((_, i) => i % 10 === 9)
    const rest = prepared.filter((_, i) => i % 10 !== 9)
    const model = train(rest, nBuckets, epochs, seed, (m, e) => console.error(`  held-out after epoch ${e}: ${evaluate(m, held)}`))
    if (values.out) write(model, values.out)
    return
  }
  write(train(prepared, nBuckets, epochs, seed), values.out ?? modelPath())
}

function write(model: TaggerModel, out: string): void {
  const t0 = Date.now()
  mkdirSync(dirname(out), { recursive: true })
  const data = gzipSync(encodeModel(model.nBuckets, model.weights), { level: 9 })
  writeFileSync(out, data)
  console.error(`wrote ${out} (${(data.length / 1e6).toFixed(1)} MB) in ${Date.now() - t0} ms`)
}

main()
