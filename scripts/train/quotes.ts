/**
 * Trains the speech/scare/title classifier of src/pipeline/quotes/classify.ts on PolNeAR-style gold
 * and writes src/pipeline/quotes/weights.ts. Every top-level quoted span the scanner finds is an
 * example: speech when it overlaps a gold quote (by the scorer's rule, half the shorter span),
 * not speech otherwise; spans the annotators set aside (`ignored_quoted_spans`) are left out.
 * Logistic regression by Newton's method from zero (logistic.ts): deterministic.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { emptyArticle, newDoc } from '../../src/pipeline/document.js'
import { splitSentences } from '../../src/pipeline/sentences.js'
import { recogniseEntities } from '../../src/pipeline/entities.js'
import { findQuotes, markedSpanOf } from '../../src/pipeline/quotes.js'
import { speechFeatureRows } from '../../src/pipeline/speakers.js'
import { SPEECH_FEATURES, speechKeys } from '../../src/pipeline/quotes/classify.js'
import { fitLogistic } from './logistic.js'

interface Span {
  start: number
  end: number
}
interface GoldArticle {
  doc: string
  text: string
  quotes: Span[]
  non_attributed_quoted_spans: Span[]
  ignored_quoted_spans?: Span[]
}

export interface QuoteExample {
  article: number
  dense: number[]
  keys: string[]
  speech: boolean
  /** The gold lists it as a phrase nobody says (scare quote, title). */
  nonAttributed: boolean
}

export interface QuoteModel {
  weights: number[]
  words: Map<string, number>
  threshold: number
}

/** Code-point offset → UTF-16 offset. */
function cpToUnits(text: string): (cp: number) => number {
  const table: number[] = []
  let u = 0
  for (const ch of text) {
    table.push(u)
    u += ch.length
  }
  table.push(u)
  return (cp) => table[cp] ?? u
}

const overlaps = (a: Span, b: Span) => Math.min(a.end, b.end) - Math.max(a.start, b.start) >= 0.5 * Math.min(a.end - a.start, b.end - b.start)

/** One example per top-level quoted span of every article, with the same stages as at run time. */
export function quoteExamples(goldPath: string): QuoteExample[] {
  const { articles } = JSON.parse(readFileSync(goldPath, 'utf8')) as { articles: GoldArticle[] }
  const out: QuoteExample[] = []
  articles.forEach((a, article) => {
    const doc = newDoc(a.doc, emptyArticle(a.text))
    splitSentences(doc)
    recogniseEntities(doc)
    findQuotes(doc)
    const rows = speechFeatureRows(doc)
    const u = cpToUnits(a.text)
    const units = (xs: Span[] | undefined) => (xs ?? []).map((g) => ({ start: u(g.start), end: u(g.end) }))
    const gold = units(a.quotes)
    const ignored = units(a.ignored_quoted_spans)
    const non = units(a.non_attributed_quoted_spans)
    doc.quotes.forEach((q, i) => {
      const speech = gold.some((g) => overlaps(q, g))
      if (!speech && ignored.some((g) => overlaps(q, g))) return
      out.push({ article, dense: rows[i], keys: speechKeys(doc, markedSpanOf(doc, q), rows[i]), speech, nonAttributed: !speech && non.some((g) => overlaps(q, g)) })
    })
  })
  return out
}

export interface FitOptions {
  /** L2 penalty on the dense features and the context words (the data term is a mean over examples). */
  l2: number
  /**
   * L2 penalty on the pairwise products of dense features ("p:…" keys): thousands of them, each firing
   * on few spans, and they are what a model overfits first (fitted to train's noise, they blur the line
   * between speech and a phrase nobody says on unseen articles).
   */
  l2Pairs: number
  /** A context word becomes a feature when it touches at least this many training spans. */
  minCount: number
  /**
   * The most of the phrases nobody says (scare quotes, titles) the product may show as quotes: the
   * threshold is the one with the best keep-F1 among those that keep at most this share of them.
   */
  phraseShare: number
  /**
   * Folds by article whose held-out probabilities choose the threshold (0: the training examples' own
   * probabilities, which are too sure of themselves).
   */
  thresholdFolds: number
}

export const FIT_DEFAULTS: FitOptions = { l2: 1e-3, l2Pairs: 5e-3, minCount: 10, phraseShare: 0.2, thresholdFolds: 5 }

function probability(m: QuoteModel, x: QuoteExample): number {
  let z = 0
  for (let j = 0; j < x.dense.length; j++) z += m.weights[j] * x.dense[j]
  for (const k of x.keys) z += m.words.get(k) ?? 0
  return 1 / (1 + Math.exp(-z))
}

/** The weights alone: logistic regression over SPEECH_FEATURES and the frequent sparse keys. */
function fitWeights(examples: QuoteExample[], o: FitOptions): QuoteModel {
  const counts = new Map<string, number>()
  for (const x of examples) for (const k of new Set(x.keys)) counts.set(k, (counts.get(k) ?? 0) + 1)
  const vocab = [...counts].filter(([, c]) => c >= o.minCount).map(([k]) => k).sort()
  const d = SPEECH_FEATURES.length
  const index = new Map(vocab.map((k, i) => [k, d + i]))
  const l2 = new Float64Array(d + vocab.length).fill(o.l2)
  vocab.forEach((k, i) => {
    if (k.startsWith('p:')) l2[d + i] = o.l2Pairs
  })
  // Each example as the indexes and values of its non-zero features.
  const start = [0]
  const idx: number[] = []
  const val: number[] = []
  for (const x of examples) {
    x.dense.forEach((v, j) => {
      if (v !== 0) {
        idx.push(j)
        val.push(v)
      }
    })
    for (const k of new Set(x.keys)) {
      const j = index.get(k)
      if (j !== undefined) {
        idx.push(j)
        val.push(1)
      }
    }
    start.push(idx.length)
  }
  const rows = { start: Int32Array.from(start), idx: Int32Array.from(idx), val: Float64Array.from(val), y: Float64Array.from(examples, (x) => (x.speech ? 1 : 0)) }
  const w = fitLogistic(rows, l2)
  const words = new Map<string, number>()
  vocab.forEach((k, i) => {
    // Four decimals are what weights.ts keeps; smaller weights change nothing.
    if (Math.abs(w[d + i]) >= 5e-5) words.set(k, w[d + i])
  })
  return { weights: [...w.slice(0, d)], words, threshold: 0.5 }
}

/** Each example's probability from a model that never saw its article (folds by article). */
function heldOutProbabilities(examples: QuoteExample[], folds: number, o: FitOptions): number[] {
  const articles = [...new Set(examples.map((x) => x.article))].sort((a, b) => a - b)
  const fold = new Map(articles.map((a, i) => [a, i % folds]))
  const probs = new Array<number>(examples.length).fill(0)
  for (let f = 0; f < folds; f++) {
    const m = fitWeights(examples.filter((x) => fold.get(x.article) !== f), o)
    examples.forEach((x, i) => {
      if (fold.get(x.article) === f) probs[i] = probability(m, x)
    })
  }
  return probs
}

/** Fits the weights (logistic regression, see fitLogistic), then the threshold (see FitOptions.phraseShare). */
export function fitQuoteModel(examples: QuoteExample[], o: FitOptions = FIT_DEFAULTS): QuoteModel {
  const model = fitWeights(examples, o)
  const probs = o.thresholdFolds > 1 ? heldOutProbabilities(examples, o.thresholdFolds, o) : examples.map((x) => probability(model, x))
  const phrases = examples.filter((x) => x.nonAttributed).length
  let best = { threshold: 0.95, f1: -1 }
  for (let t = 5; t < 95; t++) {
    const threshold = t / 100
    const kept = examples.filter((x, i) => x.nonAttributed && probs[i] >= threshold).length
    const f1 = keepF1(probs, examples, threshold)
    // Ties go to the higher threshold: the same F1 with fewer phrases shown as quotes.
    if (kept <= o.phraseShare * phrases && f1 >= best.f1) best = { threshold, f1 }
  }
  model.threshold = best.threshold
  return model
}

function keepF1(probs: number[], examples: QuoteExample[], t: number): number {
  let tp = 0
  let fp = 0
  let fn = 0
  probs.forEach((p, i) => {
    if (p >= t && examples[i].speech) tp++
    else if (p >= t) fp++
    else if (examples[i].speech) fn++
  })
  return (2 * tp) / (2 * tp + fp + fn)
}

/** What a model keeps and loses on examples: the figures the scorer reports. */
export function quoteReport(m: QuoteModel, examples: QuoteExample[]): string {
  let keptNon = 0
  let non = 0
  let lost = 0
  let speech = 0
  const probs = examples.map((x) => probability(m, x))
  examples.forEach((x, i) => {
    const kept = probs[i] >= m.threshold
    if (x.nonAttributed) {
      non++
      if (kept) keptNon++
    }
    if (x.speech) {
      speech++
      if (!kept) lost++
    }
  })
  return `keeps ${keptNon}/${non} non-attributed (${((100 * keptNon) / Math.max(1, non)).toFixed(1)}%), loses ${lost}/${speech} quotes, keep-F1 ${keepF1(probs, examples, m.threshold).toFixed(4)}`
}

/** k-fold cross-validation by article: every article is scored by a model that never saw it. */
export function crossValidate(examples: QuoteExample[], folds: number, o: FitOptions = FIT_DEFAULTS): string {
  const heldModels: Array<{ m: QuoteModel; xs: QuoteExample[] }> = []
  for (let f = 0; f < folds; f++) {
    const m = fitQuoteModel(examples.filter((x) => x.article % folds !== f), o)
    const xs = examples.filter((x) => x.article % folds === f)
    heldModels.push({ m, xs })
  }
  let keptNon = 0
  let non = 0
  let lost = 0
  let tp = 0
  let fp = 0
  for (const { m, xs } of heldModels) {
    for (const x of xs) {
      const kept = probability(m, x) >= m.threshold
      if (x.nonAttributed) non++
      if (x.nonAttributed && kept) keptNon++
      if (x.speech && !kept) lost++
      if (x.speech && kept) tp++
      if (!x.speech && kept) fp++
    }
  }
  const f1 = (2 * tp) / (2 * tp + fp + lost)
  return `${folds}-fold: keeps ${keptNon}/${non} non-attributed (${((100 * keptNon) / Math.max(1, non)).toFixed(1)}%), loses ${lost} quotes, keeps ${fp} non-speech, keep-F1 ${f1.toFixed(4)}`
}

const round = (x: number) => Number(x.toFixed(4))

/** Writes weights.ts: dense weights in SPEECH_FEATURES order, sparse weights by key. */
export function writeQuoteWeights(m: QuoteModel, path: string): void {
  const words = [...m.words].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `  ${JSON.stringify(k)}: ${round(v)},`)
  writeFileSync(
    path,
    `/** Learned by \`npm run train -- --data DIR\` (scripts/train/quotes.ts): logistic regression over SPEECH_FEATURES, then the sparse features of speechKeys (classify.ts). */
export const QUOTE_WEIGHTS: readonly number[] = [${m.weights.map((v) => round(v).toFixed(4)).join(', ')}]
export const QUOTE_THRESHOLD = ${m.threshold.toFixed(2)}
export const QUOTE_WORD_WEIGHTS: Readonly<Record<string, number>> = {
${words.join('\n')}
}
`,
  )
}
