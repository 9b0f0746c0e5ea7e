/**
 * Annotation throughput, in process on one core: the whole pipeline (sentences, entities, quotes, speakers)
 * over the PolNeAR texts when ../shared is present, else over the seeds repeated.
 * Baseline, measured in the same run: one pass of a word regex over the same texts (the cost of merely
 * reading every word), so the ratio says how many times slower than "touching each word" annotation is.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { annotate } from '../src/pipeline/index.js'
import { extractFile, extractPlain } from '../src/pipeline/extract.js'
import type { ArticleFields } from '../src/pipeline/document.js'
import { decodeModel, modelPath } from '../src/pipeline/ner/model.js'
import { gunzipSync } from 'node:zlib'

export interface PipelineResult {
  corpus: string
  articles: number
  words: number
  wordsPerSecond: number
  baselineWordsPerSecond: number
  ratio: number
  /** The entity model read from its file (read, gunzip, decode): the first time in this process, and the median of five. */
  modelLoad: { firstMs: number; medianMs: number; fileBytes: number }
}

/** What every process or loader thread that tags text pays once. */
function timeModelLoad(): PipelineResult['modelLoad'] {
  const times: number[] = []
  let fileBytes = 0
  for (let i = 0; i < 5; i++) {
    const start = performance.now()
    const file = readFileSync(modelPath())
    decodeModel(gunzipSync(file))
    times.push(performance.now() - start)
    fileBytes = file.length
  }
  return { firstMs: times[0], medianMs: [...times].sort((a, b) => a - b)[2], fileBytes }
}

function corpus(root: string): { name: string; items: { doc: string; article: ArticleFields }[] } {
  const items: { doc: string; article: ArticleFields }[] = []
  for (const split of ['dev', 'train']) {
    const file = join(root, '..', 'shared', 'data', 'polnear', `${split}.json`)
    if (!existsSync(file)) continue
    for (const a of (JSON.parse(readFileSync(file, 'utf8')) as { articles: { doc: string; text: string }[] }).articles) {
      items.push(extractPlain(a.doc, a.text))
    }
  }
  if (items.length) return { name: 'PolNeAR dev+train', items }
  const seeds = join(root, 'seeds')
  for (let i = 0; i < 200; i++) {
    for (const f of readdirSync(seeds).filter((n) => n.endsWith('.txt'))) {
      items.push(...extractFile({ name: f, content: readFileSync(join(seeds, f), 'utf8') }))
    }
  }
  return { name: 'seeds ×200', items }
}

const WORD = /\S+/g

function timeIt(fn: () => void, minMs = 1500): number {
  let runs = 0
  const start = process.hrtime.bigint()
  let elapsed = 0
  do {
    fn()
    runs++
    elapsed = Number(process.hrtime.bigint() - start) / 1e6
  } while (elapsed < minMs)
  return elapsed / runs
}

export function benchPipeline(root: string): PipelineResult {
  // Before anything else touches the model, so the first load is a process's first.
  const modelLoad = timeModelLoad()
  const { name, items } = corpus(root)
  const words = items.reduce((n, i) => n + (i.article.body.match(WORD)?.length ?? 0), 0)
  for (const i of items.slice(0, 50)) annotate(i.doc, i.article) // warm up, and load any model once
  const ms = timeIt(() => {
    for (const i of items) annotate(i.doc, i.article)
  })
  let sink = 0
  const baseMs = timeIt(() => {
    for (const i of items) for (const m of i.article.body.matchAll(WORD)) sink += m[0].length
  })
  if (sink < 0) console.log(sink)
  const wordsPerSecond = (words / ms) * 1000
  const baselineWordsPerSecond = (words / baseMs) * 1000
  return { corpus: name, articles: items.length, words, wordsPerSecond, baselineWordsPerSecond, ratio: wordsPerSecond / baselineWordsPerSecond, modelLoad }
}
