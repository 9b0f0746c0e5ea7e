/**
 * `npm run eval [-- --data DIR] [-- --split dev|train]`: scores `quotewire annotate --plain` with the shared
 * scorers on whatever corpora it finds and prints one table: quotes per publisher, entities per type, words/s.
 * The scorers and corpora live outside the project (../shared by default); nothing here is tuned to them.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const root = resolve(fileURLToPath(new URL('..', import.meta.url)))
const { values } = parseArgs({
  options: { data: { type: 'string' }, split: { type: 'string', default: 'dev' }, ner: { type: 'string', default: 'valid' } },
})
const shared = resolve(values.data ? join(values.data, '..') : join(root, '..', 'shared'))
const dataDir = values.data ? resolve(values.data) : join(shared, 'data')
const evalDir = join(shared, 'eval')
const predictor = `node ${join(root, 'dist', 'quotewire.js')} annotate --plain`

interface QuoteScores {
  overall: { overlap: { f1: number }; speaker_acc: number; e2e: { f1: number }; gold: number; pred: number; fp_non_attributed: number }
  by_publisher: Record<string, { docs: number; gold: number; pred: number; f1: number; speaker_acc: number; e2e_f1: number }>
}

function run(script: string, args: string[]): string {
  return execFileSync('bash', [join(evalDir, script), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 })
}

const pct = (x: number) => x.toFixed(3)
const rows: string[] = []
const line = (...cells: (string | number)[]) => rows.push(cells.map(String).join(' | '))

if (!existsSync(evalDir)) {
  console.log(`no scorers at ${evalDir}: nothing to evaluate`)
  process.exit(0)
}

const gold = join(dataDir, 'polnear', `${values.split}.json`)
if (existsSync(gold)) {
  const tmp = mkdtempSync(join(tmpdir(), 'quotewire-eval-'))
  try {
    const out = run('run_quotes.sh', [gold, predictor, '--json', join(tmp, 'scores.json')])
    const scores = JSON.parse(readFileSync(join(tmp, 'scores.json'), 'utf8')) as QuoteScores
    const speed = /predictor: .*\((\d+) words\/s/.exec(out)?.[1] ?? '?'
    const articles = (JSON.parse(readFileSync(gold, 'utf8')) as { articles: { non_attributed_quoted_spans?: unknown[] }[] }).articles
    const nonSpeech = articles.reduce((n, a) => n + (a.non_attributed_quoted_spans?.length ?? 0), 0)
    rows.push(`## PolNeAR ${values.split}: direct quotes and speakers`, '')
    line('publisher', 'docs', 'gold', 'pred', 'quote F1', 'speaker acc', 'end-to-end F1')
    line('---', '---:', '---:', '---:', '---:', '---:', '---:')
    for (const [name, p] of Object.entries(scores.by_publisher).sort()) {
      line(name, p.docs, p.gold, p.pred, pct(p.f1), pct(p.speaker_acc), pct(p.e2e_f1))
    }
    const o = scores.overall
    line('**all**', '', o.gold, o.pred, pct(o.overlap.f1), pct(o.speaker_acc), pct(o.e2e.f1))
    rows.push('', `quoted phrases nobody says (scare quotes, titles) reported as quotes: ${o.fp_non_attributed} of ${nonSpeech}`)
    rows.push(`annotate --plain, whole process: ${speed} words/s`, '')
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
} else rows.push(`(no PolNeAR corpus at ${gold})`, '')

const conll = join(dataDir, 'conll2003', `${values.ner}.txt`)
if (existsSync(conll)) {
  const out = run('run_ner.sh', [conll, predictor])
  rows.push(`## CoNLL-2003 ${values.ner}: entities (exact spans)`, '')
  line('type', 'gold', 'pred', 'P', 'R', 'F1', 'overlap F1')
  line('---', '---:', '---:', '---:', '---:', '---:', '---:')
  for (const m of out.matchAll(/^(\w+)\s+(\d+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)$/gm)) line(...m.slice(1))
} else rows.push(`(no CoNLL-2003 corpus at ${conll})`)

console.log(rows.join('\n'))
