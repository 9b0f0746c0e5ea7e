import t from 'tap'
import { type NewsDoc } from '../src/pipeline/document.js'
import { SPEECH_FEATURES } from '../src/pipeline/quotes/classify.js'
import { QUOTE_THRESHOLD, QUOTE_WEIGHTS, QUOTE_WORD_WEIGHTS } from '../src/pipeline/quotes/weights.js'
import { quotesAndSpeakers as run } from './helpers/pipeline.js'

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
