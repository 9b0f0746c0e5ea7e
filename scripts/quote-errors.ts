/**
 * Quote annotation driver and error analysis over PolNeAR-style gold.
 *
 *   npx tsx scripts/quote-errors.ts annotate FILE.txt...      one NDJSON line per file (scorer contract)
 *   npx tsx scripts/quote-errors.ts train GOLD.json > src/pipeline/quotes/weights.ts   fits the quote classifier
 *   npx tsx scripts/quote-errors.ts errors GOLD.json [filter]  prints missed, spurious and wrongly
 *                                                                 attributed quotes with context
 *
 * It runs the sentence, entity (when that stage is built), quote and speaker stages on the plain
 * file text, so the numbers do not depend on page extraction.
 */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { emptyArticle, newDoc, type NewsDoc } from '../src/pipeline/document.js'
import { splitSentences } from '../src/pipeline/sentences.js'
import { findQuotes } from '../src/pipeline/quotes.js'
import { attributeSpeakers, speechFeatureRows } from '../src/pipeline/speakers.js'
import { SPEECH_FEATURES } from '../src/pipeline/quotes/classify.js'

type Stage = (doc: NewsDoc) => void

async function loadEntities(): Promise<Stage | null> {
  try {
    // Loaded by a computed path so this tool builds while that stage is still being written.
    const path = '../src/pipeline/entities.js'
    const mod = (await import(path)) as { recogniseEntities?: Stage }
    return mod.recogniseEntities ?? null
  } catch {
    return null
  }
}

export function annotateText(name: string, text: string, entities: Stage | null): NewsDoc {
  const doc = newDoc(name, emptyArticle(text))
  splitSentences(doc)
  if (entities) {
    try {
      entities(doc)
    } catch (err) {
      doc.messages.push({ stage: 'entities', severity: 'warning', text: String(err) })
    }
  }
  findQuotes(doc)
  attributeSpeakers(doc)
  return doc
}

interface GoldQuote {
  start: number
  end: number
  text: string
  speaker: string | null
  speaker_resolved_from: string
  source: string
  cue: string
}
interface GoldArticle {
  doc: string
  publisher: string
  text: string
  quotes: GoldQuote[]
  non_attributed_quoted_spans: Array<{ start: number; end: number; text: string }>
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

function lastToken(name: string | null): string {
  if (!name) return ''
  const t = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\([^)]*\)/g, ' ')
    .replace(/['’]s\b/g, ' ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' ')
  while (t.length > 1 && ['jr', 'sr', 'ii', 'iii'].includes(t[t.length - 1])) t.pop()
  return t[t.length - 1] ?? ''
}

function ctx(text: string, s: number, e: number, w = 120): string {
  return (text.slice(Math.max(0, s - w), s) + '⟦' + text.slice(s, e) + '⟧' + text.slice(e, e + w)).replace(/\n/g, '¶')
}

async function errors(goldPath: string, filter: string | undefined): Promise<void> {
  const entities = await loadEntities()
  const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as { articles: GoldArticle[] }
  for (const a of gold.articles) {
    const doc = annotateText(a.doc, a.text, entities)
    const u = cpToUnits(a.text)
    const gs = a.quotes.map((q) => ({ ...q, s: u(q.start), e: u(q.end) }))
    const used = new Set<number>()
    for (const q of doc.quotes) {
      const gi = gs.findIndex((g, i) => !used.has(i) && Math.min(g.e, q.end) - Math.max(g.s, q.start) >= 0.5 * Math.min(g.e - g.s, q.end - q.start))
      if (gi < 0) {
        const na = a.non_attributed_quoted_spans.some((n) => Math.min(u(n.end), q.end) - Math.max(u(n.start), q.start) > 0)
        if (!filter || filter === 'fp') console.log(`FP${na ? '-nonattr' : ''} [${a.publisher}] ${ctx(a.text, q.start, q.end)}`)
        continue
      }
      used.add(gi)
      const g = gs[gi]
      if (g.speaker_resolved_from !== 'unresolved' && g.speaker && lastToken(g.speaker) !== lastToken(q.speaker)) {
        if (!filter || filter === 'spk' || filter === g.speaker_resolved_from)
          console.log(`SPK [${a.publisher}/${g.speaker_resolved_from}] gold=${g.speaker} (src "${g.source}", cue "${g.cue}") pred=${q.speaker} (${q.resolution}, "${q.speakerMention?.text ?? ''}") ${ctx(a.text, q.start, q.end, 200)}`)
      }
    }
    gs.forEach((g, i) => {
      if (!used.has(i) && (!filter || filter === 'fn')) console.log(`FN [${a.publisher}] ${ctx(a.text, g.s, g.e)}`)
    })
  }
}

/** Fits the quote/not-quote model on gold spans: quoted spans of gold quotes vs non-attributed ones. */
async function train(goldPath: string): Promise<void> {
  const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as { articles: GoldArticle[] }
  const X: number[][] = []
  const y: number[] = []
  const entities = await loadEntities()
  for (const a of gold.articles) {
    const doc = newDoc(a.doc, emptyArticle(a.text))
    splitSentences(doc)
    if (entities) {
      try {
        entities(doc)
      } catch {
        // the entity stage is optional for training
      }
    }
    findQuotes(doc)
    const rows = speechFeatureRows(doc)
    const u = cpToUnits(a.text)
    const over = (s: number, e: number, gs: number, ge: number) => Math.min(e, ge) - Math.max(s, gs) >= 0.5 * Math.min(e - s, ge - gs)
    doc.quotes.forEach((q, i) => {
      const isGold = a.quotes.some((g) => over(q.start, q.end, u(g.start), u(g.end)))
      const ignored = (a as { ignored_quoted_spans?: Array<{ start: number; end: number }> }).ignored_quoted_spans ?? []
      if (!isGold && ignored.some((g) => over(q.start, q.end, u(g.start), u(g.end)))) return
      X.push(rows[i])
      y.push(isGold ? 1 : 0)
    })
  }
  const d = SPEECH_FEATURES.length
  const w = new Array<number>(d).fill(0)
  const lr = 2
  const l2 = 1e-4
  for (let epoch = 0; epoch < 3000; epoch++) {
    const g = new Array<number>(d).fill(0)
    for (let i = 0; i < X.length; i++) {
      let z = 0
      for (let j = 0; j < d; j++) z += w[j] * X[i][j]
      const p = 1 / (1 + Math.exp(-z))
      for (let j = 0; j < d; j++) g[j] += (p - y[i]) * X[i][j]
    }
    for (let j = 0; j < d; j++) w[j] -= lr * (g[j] / X.length + l2 * w[j])
  }
  // Threshold: maximise F1 of keeping gold quotes against keeping non-attributed spans.
  const probs = X.map((x) => 1 / (1 + Math.exp(-x.reduce((z, v, j) => z + v * w[j], 0))))
  let best = { t: 0.5, f: 0 }
  for (let t = 0.05; t < 0.95; t += 0.01) {
    let tp = 0, fp = 0, fn = 0
    probs.forEach((p, i) => {
      if (p >= t && y[i]) tp++
      else if (p >= t) fp++
      else if (y[i]) fn++
    })
    const f = (2 * tp) / (2 * tp + fp + fn)
    if (f > best.f) best = { t, f }
  }
  for (let t = 0.3; t < 0.99; t += 0.05) {
    let keptNeg = 0, lostPos = 0
    probs.forEach((p, i) => {
      if (p >= t && !y[i]) keptNeg++
      if (p < t && y[i]) lostPos++
    })
    console.error(`threshold ${t.toFixed(2)}: keeps ${keptNeg} non-quotes, loses ${lostPos} quotes`)
  }
  const pos = y.filter((v) => v).length
  console.error(`examples ${X.length} (${pos} quotes); best threshold ${best.t.toFixed(2)} F1 ${best.f.toFixed(4)}`)
  SPEECH_FEATURES.forEach((f, j) => console.error(`${f.padEnd(18)} ${w[j].toFixed(3)}`))
  process.stdout.write(`/** Learned by \`scripts/quote-errors.ts train\` (logistic regression); order of SPEECH_FEATURES in classify.ts. */
export const QUOTE_WEIGHTS: readonly number[] = [${w.map((v) => v.toFixed(4)).join(', ')}]
export const QUOTE_THRESHOLD = ${best.t.toFixed(2)}
`)
}

async function main(): Promise<void> {
  const [cmd, ...args] = process.argv.slice(2)
  if (cmd === 'annotate') {
    const entities = await loadEntities()
    const plain = args.filter((a) => !a.startsWith('--'))
    const lines: string[] = []
    for (const file of plain) {
      const text = readFileSync(file, 'utf8')
      const doc = annotateText(basename(file).replace(/\.txt$/, ''), text, entities)
      lines.push(JSON.stringify({ doc: doc.doc, quotes: doc.quotes, entities: doc.mentions }))
    }
    process.stdout.write(lines.join('\n') + '\n')
  } else if (cmd === 'train') {
    await train(args[0])
  } else if (cmd === 'errors') {
    await errors(args[0], args[1])
  } else {
    process.stderr.write('usage: quote-errors annotate FILE... | errors GOLD.json [fp|fn|spk|source|coref]\n')
    process.exitCode = 2
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
