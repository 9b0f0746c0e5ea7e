import t from 'tap'
import { emptyArticle, newDoc, type NewsDoc } from '../src/pipeline/document.js'
import { recogniseEntities } from '../src/pipeline/entities.js'
import { annotate } from '../src/pipeline/index.js'
import { findQuotes, markedSpanOf } from '../src/pipeline/quotes.js'
import { SCOPE_FEATURES, scopeFeatures } from '../src/pipeline/quotes/scope.js'
import { SPEECH_FEATURES } from '../src/pipeline/quotes/classify.js'
import { speechFeatureRows } from '../src/pipeline/speakers.js'
import { splitSentences } from '../src/pipeline/sentences.js'

const run = (body: string): NewsDoc => annotate('t', emptyArticle(body))
const quoted = (doc: NewsDoc) => doc.quotes.map((q) => q.text)
const phrases = (doc: NewsDoc) => doc.quotedPhrases.map((p) => p.text)

/** The scope features that fire for the only quoted span of a body, by name. */
function scopeOf(body: string): string[] {
  const doc = newDoc('t', emptyArticle(body))
  splitSentences(doc)
  recogniseEntities(doc)
  findQuotes(doc)
  const f = scopeFeatures(doc, markedSpanOf(doc, doc.quotes[0]), null)
  return SCOPE_FEATURES.filter((_, i) => f[i] === 1)
}

t.test('a span inside what a source says or thinks is in scope; one in the writer’s own clause is not', async (t) => {
  t.ok(scopeOf('The inspectors concluded that “classified” files had been copied to the server.').includes('scopeCue'))
  t.ok(scopeOf('Ms. Alvarez, the bureau’s director, has denounced the “reckless” budget cuts.').includes('scopeStance'))
  t.ok(scopeOf('The Tribune calls the new bridge “a monument to waste.”').includes('scopeNaming'))
  t.ok(scopeOf('The ministry sent one message: “We will not negotiate.”').includes('scopeColon'))
  t.ok(scopeOf('The levy will be lifted next year, according to the “Green Deal” proposal.').includes('scopeAccording'))
  t.same(scopeOf('The regional government is building a “logistics hub” near the border.'), ['scopeNone'])
  t.ok(scopeOf('Their new podcast, called “Swing State,” airs on Fridays.').includes('scopeNamingBare'))
  // A reporting clause whose content ends before the span: "but" opens a clause of the writer's.
  t.ok(scopeOf('Officials said the dam was safe, but the town still built a “second wall” along the river.').includes('scopeClosed'))
})

t.test('an aside decides whether the clause after it is still reported', async (t) => {
  // The aside reports something itself: the clause resumed after it is the writer's.
  t.ok(scopeOf('The governor, who said the plan was fair, is building a “logistics hub” near the border.').includes('scopeClosed'))
  // An aside without a reporting verb of its own leaves the content of the verb before it running on.
  t.ok(scopeOf('She says cutting the benefit, especially for single mothers, is “unconscionable.”').includes('scopeCue'))
  // An aside opened by "as" attributes the clause it interrupts.
  t.ok(scopeOf('The housing boom, as he later explained, was an “economic bubble.”').includes('scopeCue'))
})

t.test('speech stays a quote and the writer’s phrases go to the separate list', async (t) => {
  // [body, the quoted text, whether it is speech]: speech is listed in quotes alone, a writer's phrase in the separate list alone.
  const cases: Array<[string, string, boolean]> = [
    ['The inspectors concluded that “classified” files had been copied to the server.', 'classified', true],
    ['The Tribune calls the new bridge “a monument to waste.”', 'a monument to waste.', true],
    ['The “cuts” are reckless and cruel, Senator Maria Ortiz said on Monday.', 'cuts', true],
    ['The regional government is building a “logistics hub” near the border.', 'logistics hub', false],
    ['Their new podcast, called “Swing State,” airs on Fridays.', 'Swing State,', false],
    ['Voters in the so-called “closed” primaries must register with a party.', 'closed', false],
  ]
  for (const [body, text, speech] of cases) {
    const doc = run(body)
    t.same(quoted(doc), speech ? [text] : [], `${body}: quotes`)
    t.same(phrases(doc), speech ? [] : [text], `${body}: phrases`)
  }
})

/** The speech features (scope and attribution) that fire for each quoted span of a body, by name. */
function speechOf(body: string): string[][] {
  const doc = newDoc('t', emptyArticle(body))
  splitSentences(doc)
  recogniseEntities(doc)
  findQuotes(doc)
  return speechFeatureRows(doc).map((row) => SPEECH_FEATURES.filter((_, i) => row[i] === 1))
}

t.test('a reporting clause set off after the content reaches back to a span inside it', async (t) => {
  // The article before the source's name belongs to the clause ("…, the U.S. Trade Representative said").
  t.ok(speechOf('The administration “will not hesitate” to act if the talks fail, the U.S. Trade Representative said on Friday.')[0].includes('scopeTrailing'))
  t.ok(speechOf('The administration “will not hesitate” to act if the talks fail, Katherine Tai said on Friday.')[0].includes('scopeTrailing'))
})

t.test('making something clear and proposing state a view whose words are reported', async (t) => {
  t.ok(scopeOf('Clinton endorsed the deal, although she made it clear that she has “serious concerns” about it.').includes('scopeStance'))
  t.ok(scopeOf('Mike Huckabee, the former Arkansas governor, proposed we “wake up and smell the coffee.”').includes('scopeStance'))
})

t.test('a span inside the reporting clause of the quotation before it is told from one that goes on with it', async (t) => {
  // “…,” he said on “Meet the Press.”: the show sits inside the clause that reports the first quotation.
  const [, show] = speechOf('“I have always said that I expect to be vetted,” he said on “Meet the Press.”')
  t.ok(show.includes('sharedClause') && show.includes('sharedClauseInline'))
  // “…,” he said, “…”: the same clause, and a comma sets the second part of the quotation off.
  const [, more] = speechOf('“We will win this state,” he said, “and we will keep winning it.”')
  t.ok(more.includes('sharedClause') && !more.includes('sharedClauseInline'))
  // A clause of its own before the second span shares nothing.
  const [, own] = speechOf('“We will win this state,” he said. She replied: “We will see about that.”')
  t.notOk(own.includes('sharedClause'))
})
