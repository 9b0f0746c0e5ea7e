import t from 'tap'
import { quotesAndSpeakers as run } from './helpers/pipeline.js'

const DEBATE = [
  'Sanders and Clinton clash on trade',
  'Vermont Sen. Bernie Sanders and former Secretary of State Hillary Clinton debated in Flint on Sunday night. CNN anchor Anderson Cooper moderated.',
  'COOPER: Senator, your response?',
  'SANDERS: I was on the picket line in the early 1990s against NAFTA. This trade agreement was “a disaster for the American worker,” and I said so at the time.',
  'CLINTON: Well, I think it is important to look at the record. I have called these deals “a mixed bag” for years.',
].join('\n\n')

t.test('"I" in a transcript turn is the speaker the label names, by the full name introduced earlier', async (t) => {
  const doc = run(DEBATE)
  t.same(doc.quotes.map((q) => [q.text, q.speaker]), [
    ['a disaster for the American worker,', 'Bernie Sanders'],
    ['a mixed bag', 'Hillary Clinton'],
  ])
  for (const q of doc.quotes) t.equal(doc.article.body.slice(q.speakerMention!.start, q.speakerMention!.end), q.speakerMention!.text)
})

t.test('a quoted transcript line goes to the labelled speaker', async (t) => {
  const doc = run('Donald Trump sat down with Fox News host Chris Wallace on Sunday.\n\nWALLACE: “Why won’t you release your tax returns?”\n\nTRUMP: “Because I’m under a routine audit.”')
  t.same(doc.quotes.map((q) => q.speaker), ['Chris Wallace', 'Donald Trump'])
})

t.test('outside a transcript, or under an editorial label, "I" stays the writer’s', async (t) => {
  const doc = run('Bernie Sanders spoke in Flint on Sunday.\n\nI have called his plan “a fantasy” before, and I will again.\n\nCORRECTION: I wrote that the rally drew “tens of thousands”; it drew about 4,000.')
  t.same(doc.quotes.map((q) => q.speaker ?? null).filter((s) => s !== null), [])
})
