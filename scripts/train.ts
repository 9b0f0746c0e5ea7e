/**
 * Trains the project's models; deterministic, so a run reproduces the shipped files.
 *
 *   npm run train -- --data ../shared/data                      both models below
 *   npm run train -- --data ../shared/data --only quotes        the speech/scare/title classifier alone
 *   npm run train -- --data ../shared/data --only entities      the entity tagger alone
 *
 * The speech/scare/title classifier (scripts/train/quotes.ts) learns from polnear/train.json and
 * writes src/pipeline/quotes/weights.ts; --folds K first reports K-fold cross-validation on it.
 *
 * The entity tagger (averaged perceptron, IOB2, two greedy passes per document) learns from
 * CoNLL-2003 and writes models/ner-perceptron.bin.gz, word classes included (fixed seed, fixed
 * document order, deterministic clustering). --data may also name the CoNLL folder itself:
 *
 *   npm run train -- --data ../shared/data/conll2003            train on train.txt, write the model
 *   npm run train -- --data ../shared/data/conll2003 --holdout  train on 90%, report F1 on the rest
 *     (every 10th document held out, from --fold 0..9, default 9; --out writes that model)
 *
 * Word classes are learned from the training text and, when present, the PolNeAR articles in
 * ../polnear beside the CoNLL folder (--polnear DIR elsewhere); only the classes ship, not the text.
 * The lists of cities, given names and surnames the features look names up in (scripts/train/
 * name-lists.ts, from pinned dev dependencies) ship inside the model too.
 * --dropout P --rare N: each epoch shows a sentence with its words seen at most N times in
 * training replaced by "unknown" with probability P (defaults 0.5 and 2).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { parseArgs } from 'node:util'
import { NDYNAMIC, NSTATIC, NTAGS, docContext, foldWord, sentenceAtoms, setNameLists, setWordClasses, staticFeatures, unknownWordAtoms, type SentenceAtoms } from '../src/pipeline/ner/features.js'
import { tokenise } from '../src/pipeline/ner/tokenise.js'
import { encodeModel, modelPath, tagDocument, type TaggerModel } from '../src/pipeline/ner/model.js'
import { fileURLToPath } from 'node:url'
import { wordClusters } from './train/clusters.js'
import { readConll, type ConllDoc } from './train/conll.js'
import { nameLists } from './train/name-lists.js'
import { FIT_DEFAULTS, crossValidate, fitQuoteModel, quoteExamples, quoteReport, writeQuoteWeights } from './train/quotes.js'

interface Prepared {
  /** sentences with their static features precomputed */
  sents: SentenceAtoms[]
  gold: number[][]
  /** per sentence: the static features with rare words made unknown (see unknownWordAtoms) */
  masked: Int32Array[]
  plain: Int32Array[]
}

function staticsOf(atoms: SentenceAtoms, mask: number): Int32Array {
  const statics = new Int32Array(atoms.n * NSTATIC)
  const buf = new Int32Array(NSTATIC)
  for (let i = 0; i < atoms.n; i++) {
    staticFeatures(atoms, i, mask, buf)
    statics.set(buf, i * NSTATIC)
  }
  return statics
}

/** `rare` says which (case-folded) words training sometimes shows as unknown. */
function prepare(docs: ConllDoc[], mask: number, rare: (lower: string) => boolean): Prepared[] {
  return docs.map((doc) => {
    const ctx = docContext(doc.flatMap((s) => s.words))
    let at = 0
    const masked: Int32Array[] = []
    const plain: Int32Array[] = []
    const sents = doc.map((s) => {
      const atoms = sentenceAtoms(ctx, at, at + s.words.length)
      at += s.words.length
      atoms.statics = staticsOf(atoms, mask)
      plain.push(atoms.statics)
      const unknown = { ...atoms, atoms: atoms.atoms.map((a, i) => (rare(foldWord(s.words[i]).toLowerCase()) ? unknownWordAtoms(a) : a)) }
      masked.push(staticsOf(unknown, mask))
      return atoms
    })
    return { sents, gold: doc.map((s) => s.tags), masked, plain }
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

function train(docs: Prepared[], nBuckets: number, classes: Map<string, number>, names: string, epochs: number, seed: number, dropout: number, onEpoch?: (m: TaggerModel, e: number) => void): TaggerModel {
  const w = new Float64Array(nBuckets * NTAGS)
  const u = new Float64Array(nBuckets * NTAGS)
  const model: TaggerModel = { nBuckets, classes, names, weights: w }
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
    return { nBuckets, classes, names, weights: avg }
  }
  for (let e = 0; e < epochs; e++) {
    let errors = 0
    let tokens = 0
    for (const doc of shuffle(docs, rand)) {
      // Each sentence is seen with its rare words unknown half of the time.
      doc.sents.forEach((s, k) => (s.statics = dropout > 0 && rand() < dropout ? doc.masked[k] : doc.plain[k]))
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
  for (const doc of docs) doc.sents.forEach((s, k) => (s.statics = doc.plain[k]))
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
      epochs: { type: 'string', default: '18' },
      buckets: { type: 'string', default: '20' },
      seed: { type: 'string', default: '20231' },
      dropout: { type: 'string', default: '0.5' },
      rare: { type: 'string', default: '2' },
      holdout: { type: 'boolean', default: false },
      fold: { type: 'string', default: '9' },
      out: { type: 'string' },
      polnear: { type: 'string' },
      only: { type: 'string' },
      folds: { type: 'string', default: '0' },
    },
  })
  // --data is either the folder holding conll2003/ and polnear/, or the CoNLL folder itself.
  const shared = existsSync(join(values.data!, 'conll2003')) || existsSync(join(values.data!, 'polnear'))
  const conll = shared ? join(values.data!, 'conll2003') : values.data!
  const polnear = values.polnear ?? (shared ? join(values.data!, 'polnear') : join(values.data!, '..', 'polnear'))
  if (values.only !== 'quotes') trainEntities(values, conll, polnear)
  if (values.only !== 'entities') trainQuotes(polnear, Number(values.folds))
}

/** The speech/scare/title classifier, from polnear/train.json only (dev and test stay unseen). */
function trainQuotes(polnear: string, folds: number): void {
  const gold = join(polnear, 'train.json')
  if (!existsSync(gold)) {
    console.error(`no ${gold}: quote classifier not trained`)
    return
  }
  let t0 = Date.now()
  const examples = quoteExamples(gold)
  console.error(`${examples.length} quoted spans (${examples.filter((x) => x.speech).length} speech) in ${Date.now() - t0} ms`)
  if (folds > 1) console.error(crossValidate(examples, folds))
  t0 = Date.now()
  const model = fitQuoteModel(examples, FIT_DEFAULTS)
  console.error(`fitted in ${Date.now() - t0} ms, threshold ${model.threshold}, ${model.words.size} context words; on train: ${quoteReport(model, examples)}`)
  const out = fileURLToPath(new URL('../src/pipeline/quotes/weights.ts', import.meta.url))
  writeQuoteWeights(model, out)
  console.error(`wrote ${out}`)
}

function trainEntities(values: Record<string, string | boolean | undefined>, conllDir: string, polnear: string): void {
  const nBuckets = 1 << Number(values.buckets)
  const docs = readConll(join(conllDir, 'train.txt'))
  const epochs = Number(values.epochs)
  const seed = Number(values.seed)
  const dropout = Number(values.dropout)
  const fold = values.holdout ? Number(values.fold) : -1
  // Word classes come from unlabelled text: the training documents' words (never the held-out
  // ones) and the PolNeAR articles beside the CoNLL folder when present.
  let t0 = Date.now()
  const text = docs.filter((_, i) => i % 10 !== fold).flatMap((d) => d.map((s) => s.words))
  for (const f of ['train.json', 'dev.json']) {
    const path = join(polnear, f)
    if (existsSync(path)) text.push(...articleSentences(path))
  }
  const classes = wordClusters(text)
  setWordClasses(classes)
  console.error(`${classes.size} word classes from ${text.length} sentences in ${Date.now() - t0} ms`)
  t0 = Date.now()
  const lists = nameLists()
  const names = [...lists].map(([name, letters]) => `${name}\t${letters}\n`).join('')
  setNameLists(names)
  console.error(`${lists.size} listed names in ${Date.now() - t0} ms`)
  t0 = Date.now()
  const seen = new Map<string, number>()
  for (const [i, d] of docs.entries()) {
    if (i % 10 === fold) continue
    for (const s of d) for (const w of s.words) seen.set(foldWord(w).toLowerCase(), (seen.get(foldWord(w).toLowerCase()) ?? 0) + 1)
  }
  const rareBelow = Number(values.rare)
  const prepared = prepare(docs, nBuckets - 1, (w) => (seen.get(w) ?? 0) <= rareBelow)
  console.error(`${docs.length} documents prepared in ${Date.now() - t0} ms`)
  if (values.holdout) {
    const held = prepared.filter((_, i) => i % 10 === fold)
    const rest = prepared.filter((_, i) => i % 10 !== fold)
    const model = train(rest, nBuckets, classes, names, epochs, seed, dropout, (m, e) => console.error(`  held-out after epoch ${e}: ${evaluate(m, held)}`))
    if (values.out) write(model, values.out as string)
    return
  }
  write(train(prepared, nBuckets, classes, names, epochs, seed, dropout), (values.out as string | undefined) ?? modelPath())
}

/** The sentences of the articles of a PolNeAR file ({articles: [{text}]}), tokenised as at run time. */
function articleSentences(path: string): string[][] {
  const { articles } = JSON.parse(readFileSync(path, 'utf8')) as { articles: Array<{ text: string }> }
  const out: string[][] = []
  for (const a of articles) {
    const t = tokenise(a.text)
    for (let k = 0; k < t.sentStarts.length; k++) out.push(t.words.slice(t.sentStarts[k], t.sentStarts[k + 1] ?? t.words.length))
  }
  return out
}

function write(model: TaggerModel, out: string): void {
  const t0 = Date.now()
  mkdirSync(dirname(out), { recursive: true })
  const data = gzipSync(encodeModel(model), { level: 9 })
  writeFileSync(out, data)
  console.error(`wrote ${out} (${(data.length / 1e6).toFixed(1)} MB) in ${Date.now() - t0} ms`)
}

main()
