/**
 * Prints one evaluation-contract JSON line per input file from the entity stage alone:
 *   tsx scripts/train/predict.ts FILE...      (used with ../shared/eval/run_ner.sh)
 * With --bench, prints words per CPU second of recogniseEntities over the files instead.
 */
import { readFileSync } from 'node:fs'
import { basename, extname } from 'node:path'
import { emptyArticle, newDoc } from '../../src/pipeline/document.js'
import { recogniseEntities } from '../../src/pipeline/entities.js'
import { taggerModel } from '../../src/pipeline/ner/model.js'

const args = process.argv.slice(2)
const bench = args[0] === '--bench'
const paths = bench ? args.slice(1) : args
const texts = paths.map((p) => [basename(p, extname(p)), readFileSync(p, 'utf8')] as const)
const t0 = performance.now()
taggerModel()
const loadMs = performance.now() - t0
if (bench) {
  let words = 0
  for (const [, t] of texts) words += t.split(/\s+/).filter(Boolean).length
  // One warm-up pass, then timed passes.
  for (const [name, t] of texts) recogniseEntities(newDoc(name, emptyArticle(t)))
  const rounds = 3
  // CPU time, not wall time: the figure holds on a busy machine.
  const c1 = process.cpuUsage()
  for (let r = 0; r < rounds; r++) for (const [name, t] of texts) recogniseEntities(newDoc(name, emptyArticle(t)))
  const c2 = process.cpuUsage(c1)
  const s = (c2.user + c2.system) / 1e6
  console.log(`model load ${loadMs.toFixed(0)} ms; ${words} words × ${rounds} in ${s.toFixed(2)} s CPU = ${Math.round((words * rounds) / s)} words/s`)
} else {
  const out: string[] = []
  for (const [name, t] of texts) {
    const doc = newDoc(name, emptyArticle(t))
    recogniseEntities(doc)
    out.push(JSON.stringify({ doc: name, entities: doc.mentions.map(({ start, end, text, type, canonical }) => ({ start, end, text, type, canonical })) }))
  }
  process.stdout.write(out.join('\n') + '\n')
}
