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

// Outlets that quote a transcript whole open each turn with a straight quotation mark, never close
// it, put the speaker's label inside the mark and a bracketed note between turns.
const QUOTED_TRANSCRIPT = [
  'Pence: Trump Was Mocking Clinton Camp',
  'Republican vice-presidential nominee Mike Pence spoke to Fox News host Chris Wallace on Sunday.',
  'Partial transcript as follows:',
  '"WALLACE: Let’s start with breaking news on the debate story. Will she be there tomorrow night?',
  '"PENCE: Well, look, Hillary Clinton apparently thinks this is an episode of “Shark Tank.” But this is America, Chris. It’s serious business, and —.',
  '"(CROSSTALK.)',
  '"WALLACE: If I may, sir, because we’ve got limited time.',
  '"PENCE: She will not be attending the debate tomorrow night.',
].join('\n\n')

t.test('a transcript quoted turn by turn: each turn is a quote of the labelled speaker, the label outside it', async (t) => {
  const doc = run(QUOTED_TRANSCRIPT)
  t.same(doc.quotes.map((q) => [q.text.slice(0, 24), q.speaker]), [
    ['Let’s start with breakin', 'Chris Wallace'],
    ['Well, look, Hillary Clin', 'Mike Pence'],
    ['If I may, sir, because w', 'Chris Wallace'],
    ['She will not be attendin', 'Mike Pence'],
  ])
  // The show named inside a turn stays inside it; the note between turns is nobody's words.
  t.ok(doc.quotes[1].text.endsWith('serious business, and —.'))
  t.same(doc.quotedPhrases.map((p) => [p.text, p.kind]), [['Shark Tank.', 'nested'], ['(CROSSTALK.)', 'note']])
})

t.test('a quotation carried over paragraphs still continues when the next paragraph has no label', async (t) => {
  const doc = run('Pence told Fox News on Sunday:\n\n"PENCE: We are going to win Ohio.\n\n"And we are going to win Pennsylvania, too."\n\nThe campaign declined to comment.')
  t.same(doc.quotes.map((q) => [q.text, q.speaker]), [['We are going to win Ohio.\n\n"And we are going to win Pennsylvania, too.', 'Pence']])
})
