/**
 * `npm run bench`: every benchmark, each reported against a baseline measured in the same run.
 */
import { fileURLToPath } from 'node:url'
import os from 'node:os'
import { benchPipeline } from './pipeline.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')

console.log(`# quotewire benchmarks — ${new Date().toISOString()} — ${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, node ${process.version}\n`)

const p = benchPipeline(root)
console.log('## Annotation pipeline, in process, one core\n')
console.log('| corpus | articles | words | words/s | baseline words/s (word scan) | ratio |')
console.log('|---|---:|---:|---:|---:|---:|')
console.log(`| ${p.corpus} | ${p.articles} | ${fmt(p.words)} | ${fmt(p.wordsPerSecond)} | ${fmt(p.baselineWordsPerSecond)} | ${p.ratio.toFixed(4)} |`)
