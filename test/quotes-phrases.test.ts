import t from 'tap'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { newDoc, type NewsDoc } from '../src/pipeline/document.js'
import { recogniseEntities } from '../src/pipeline/entities.js'
import { extractFile } from '../src/pipeline/extract.js'
import { findQuotes, markedSpanOf } from '../src/pipeline/quotes.js'
import { SPEECH_FEATURES, speechKeys, speechProbability } from '../src/pipeline/quotes/classify.js'
import { splitSentences } from '../src/pipeline/sentences.js'
import { speechFeatureRows } from '../src/pipeline/speakers.js'
import { QUOTE_THRESHOLD, QUOTE_WEIGHTS, QUOTE_WORD_WEIGHTS } from '../src/pipeline/quotes/weights.js'
import { quotesAndSpeakers as run } from './helpers/pipeline.js'
import { seedsDir } from './helpers/paths.js'

const quoted = (doc: NewsDoc) => doc.quotes.map((q) => q.text)
const phrases = (doc: NewsDoc) => doc.quotedPhrases.map((p) => [p.text, p.kind])

t.test('a phrase inside the writer’s own noun phrase is a scare quote, not a quote', async (t) => {
  const cases: Array<[string, string]> = [
    ['The company filed the paperwork for a “strategic review” of its shipping unit in May.', 'strategic review'],
  ]
  for (const [body, phrase] of cases) {
    const doc = run(body)
    t.same(quoted(doc), [], body)
    t.same(phrases(doc), [[phrase, 'scare']], body)
  }
})

t.test('the title of a programme is a title even in a sentence that reports speech', async (t) => {
  const cases: Array<[string, string]> = [
    ['The senator told the host of “State of the Union” that he would vote against the bill.', 'State of the Union'],
    ['She said in an interview with “Good Morning America” that she had no regrets.', 'Good Morning America'],
  ]
  for (const [body, title] of cases) {
    const doc = run(body)
    t.same(quoted(doc), [], body)
    t.same(phrases(doc), [[title, 'title']], body)
  }
})

t.test('words someone said stay quotes, short or long', async (t) => {
  const cases: Array<[string, string, string]> = [
    ['Mayor Ann Lee called the decision “a disgrace” and promised an appeal.', 'a disgrace', 'Ann Lee'],
    ['“We will not back down,” union president Maria Ortiz told reporters.', 'We will not back down,', 'Maria Ortiz'],
    ['Johnson warned that the cuts would be “devastating for rural hospitals.”', 'devastating for rural hospitals.', 'Johnson'],
  ]
  for (const [body, text, speaker] of cases) {
    const doc = run(body)
    t.same(quoted(doc), [text], body)
    t.same(doc.quotedPhrases, [], body)
    t.match(doc.quotes[0]?.speaker ?? '', new RegExp(speaker, 'i'), body)
  }
})

t.test('the shipped weights fit the features the classifier computes', async (t) => {
  t.equal(QUOTE_WEIGHTS.length, SPEECH_FEATURES.length, 'one dense weight per feature (retrain after changing features)')
  t.ok(QUOTE_THRESHOLD > 0 && QUOTE_THRESHOLD < 1)
  const prefixes = new Set(Object.keys(QUOTE_WORD_WEIGHTS).map((k) => k.split(':')[0]))
  t.same([...prefixes].sort(), ['a', 'b', 'c', 'p', 's', 't'], 'sparse features of every kind speechKeys emits')
})

t.test('the classifier scores a span exactly as training scored it (dense features, then speechKeys)', async (t) => {
  let spans = 0
  for (const name of readdirSync(seedsDir).filter((f) => f.endsWith('.txt'))) {
    for (const { doc: docName, article } of extractFile({ name, content: readFileSync(join(seedsDir, name), 'utf8') })) {
      const doc = newDoc(docName, article)
      splitSentences(doc)
      recogniseEntities(doc)
      findQuotes(doc)
      const rows = speechFeatureRows(doc)
      doc.quotes.forEach((q, i) => {
        const span = markedSpanOf(doc, q)
        let z = 0
        rows[i].forEach((x, f) => (z += (QUOTE_WEIGHTS[f] ?? 0) * x))
        for (const k of speechKeys(doc, span, rows[i])) z += QUOTE_WORD_WEIGHTS[k] ?? 0
        t.equal(speechProbability(doc, span, rows[i]), 1 / (1 + Math.exp(-z)), `${name}: “${q.text.slice(0, 40)}”`)
        spans++
      })
    }
  }
  t.ok(spans >= 10, `${spans} quoted spans of the seeds compared`)
})
