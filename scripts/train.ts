/**
 * Trains the entity tagger (averaged perceptron, greedy IOB2) on CoNLL-2003 and writes
 * models/ner-perceptron.bin.gz. Deterministic: fixed seed, fixed document order.
 *
 *   npm run train -- --data ../shared/data/conll2003            train on train.txt, write the model
 *   npm run train -- --data ../shared/data/conll2003 --holdout  train on 90%, report F1 on the rest
 *     (every 10th document held out, from --fold 0..9, default 9; --out writes that model)
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { parseArgs } from 'node:util'
import { NDYNAMIC, NSTATIC, NTAGS, docContext, sentenceAtoms, staticFeatures, type SentenceAtoms } from '../src/pipeline/ner/features.js'
import { encodeModel, modelPath, tagDocument, type TaggerModel } from '../src/pipeline/ner/model.js'
import { readConll, type ConllDoc } from './train/conll.js'

interface Prepared {
  /** sentences with their static features precomputed */
  sents: SentenceAtoms[]
  gold: number[][]
}

function prepare(docs: ConllDoc[], mask: number): Prepared[] {
  return docs.map((doc) => {
    const ctx = docContext(doc.flatMap((s) => s.words))
    let at = 0
    const sents = doc.map((s) => {
      const atoms = sentenceAtoms(ctx, at, at + s.words.length)
      at += s.words.length
      const statics = new Int32Array(atoms.n * NSTATIC)
      const buf = new Int32Array(NSTATIC)
      for (let i = 0; i < atoms.n; i++) {
        staticFeatures(atoms, i, mask, buf)
        statics.set(buf, i * NSTATIC)
      }
      atoms.statics = statics
      return atoms
    })
    return { sents, gold: doc.map((s) => s.tags) }
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

function train(docs: Prepared[], nBuckets: number, epochs: number, seed: number, onEpoch?: (m: TaggerModel, e: number) => void): TaggerModel {
  const w = new Float64Array(nBuckets * NTAGS)
  const u = new Float64Array(nBuckets * NTAGS)
  const model: TaggerModel = { nBuckets, weights: w }
  let c = 1
  const rand = rng(seed)
  const update = (feats: Int32Array, t: number, v: number) => {
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
      tagDocument(model, doc.sents, (k, i, pred, feats) => {
        const gold = doc.gold[k][i]
        if (pred !== gold) {
          update(feats, gold, 1)
          update(feats, pred, -1)
          errors++
        }
        tokens++
        c++
      })
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

function evaluate(model: TaggerModel, docs: Prepared[]): string {
  const names = ['PER', 'ORG', 'LOC']
  const tp = [0, 0, 0]
  const fp = [0, 0, 0]
  const fn = [0, 0, 0]
  for (const doc of docs) {
    const tags = tagDocument(model, doc.sents)
    for (let k = 0; k < tags.length; k++) {
      const pred = new Set(spans(tags[k]))
      const gold = new Set(spans(doc.gold[k]))
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
      runs: { type: 'string', default: '1' },
      holdout: { type: 'boolean', default: false },
      fold: { type: 'string', default: '9' },
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
  const runs = Number(values.runs)
  if (values.holdout) {
    const fold = Number(values.fold)
    const held = prepared.filter((_, i) => i % 10 === fold)
    const rest = prepared.filter((_, i) => i % 10 !== fold)
    const model = trainRuns(rest, nBuckets, epochs, seed, runs, (m, e) => console.error(`  held-out after epoch ${e}: ${evaluate(m, held)}`))
    if (runs > 1) console.error(`  held-out, ${runs} runs averaged: ${evaluate(model, held)}`)
    if (values.out) write(model, values.out)
    return
  }
  write(trainRuns(prepared, nBuckets, epochs, seed, runs), values.out ?? modelPath())
}

/**
 * The mean of the weights of `runs` models trained on differently shuffled documents: the tagger
 * is linear, so this costs nothing at run time and smooths out the luck of one ordering.
 */
function trainRuns(docs: Prepared[], nBuckets: number, epochs: number, seed: number, runs: number, onEpoch?: (m: TaggerModel, e: number) => void): TaggerModel {
  const sum = new Float64Array(nBuckets * NTAGS)
  for (let r = 0; r < runs; r++) {
    const m = train(docs, nBuckets, epochs, seed + 7919 * r, onEpoch)
    for (let j = 0; j < sum.length; j++) sum[j] += m.weights[j] / runs
  }
  return { nBuckets, weights: sum }
}

function write(model: TaggerModel, out: string): void {
  const t0 = Date.now()
  mkdirSync(dirname(out), { recursive: true })
  const data = gzipSync(encodeModel(model.nBuckets, model.weights), { level: 9 })
  writeFileSync(out, data)
  console.error(`wrote ${out} (${(data.length / 1e6).toFixed(1)} MB) in ${Date.now() - t0} ms`)
}

main()
