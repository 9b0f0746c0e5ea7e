/**
 * Quote annotation driver and error analysis over PolNeAR-style gold.
 *
 *   npx tsx scripts/quote-errors.ts annotate FILE.txt...      one NDJSON line per file (scorer contract)
 *   npx tsx scripts/quote-errors.ts errors GOLD.json [filter]  prints missed, spurious and wrongly
 *                                                                 attributed quotes with context
 *
 * The speech/scare/title classifier is trained by `npm run train` (scripts/train/quotes.ts).
 *
 * It runs the sentence, entity (when that stage is built), quote and speaker stages on the plain
 * file text, so the numbers do not depend on page extraction.
 */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { emptyArticle, newDoc, type NewsDoc } from '../src/pipeline/document.js'
import { splitSentences } from '../src/pipeline/sentences.js'
import { findQuotes } from '../src/pipeline/quotes.js'
import { attributeSpeakers } from '../src/pipeline/speakers.js'

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
  } else if (cmd === 'errors') {
    await errors(args[0], args[1])
  } else {
    process.stderr.write('usage: quote-errors annotate FILE... | errors GOLD.json [fp|fn|spk|source|coref]\n')
    process.exitCode = 2
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
