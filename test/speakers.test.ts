import t from 'tap'
import { existsSync, readFileSync } from 'node:fs'
import { type NewsDoc } from '../src/pipeline/document.js'
import { quotesAndSpeakers as run } from './helpers/pipeline.js'

const speakers = (doc: NewsDoc) => doc.quotes.map((q) => q.speaker)

t.test('a quotation paragraph takes the speaker the paragraph before introduces', async (t) => {
  const doc = run('Former president Bill Clinton released the following statement:\n\n“Hillary and I offer our condolences to the family and friends of the governor.”')
  t.same(speakers(doc), ['Bill Clinton'])
  const doc2 = run('Buddy Valastro praised the governor’s leadership after the storm and his ability to get things done.\n\n“We need someone who is going to cut through it and bring people together.”')
  t.same(speakers(doc2), ['Buddy Valastro'])
})

t.test('a quotation over paragraphs passes its speaker to the next quotation', async (t) => {
  const doc = run('Alan Grayson called it “really an amorphous position to have.\n\n“What we do here is, we legislate. We vote on them,” Grayson said. “We don’t introduce or debate platforms or notions.”')
  t.same(speakers(doc).slice(-1), ['Alan Grayson'])
})

t.test('a name that modifies a noun is not the subject a pronoun refers to', async (t) => {
  const doc = run('But Trump campaign chairman Paul Manafort said the appeal would transcend race.\n\n“We think the message is about jobs and security for every community,” he said.')
  t.same(speakers(doc), ['Paul Manafort'])
})

t.test('the employer in an appositive is not the speaker', async (t) => {
  const doc = run('“The courts have become more critical,” J. Gerald Hebert, executive director of the Campaign Legal Center, said.')
  t.same(speakers(doc), ['J. Gerald Hebert'])
  const doc2 = run('“It’s hard to be the grown-up in the nation,” Representative Steve Cohen, Democrat of Tennessee, told reporters.')
  t.same(speakers(doc2), ['Steve Cohen'])
})

t.test('party labels and places beside a name are not speakers', async (t) => {
  const doc = run('“That is not the view of Republicans,” Senate Majority Leader Mitch McConnell, R-Ky., said.')
  t.same(speakers(doc), ['Mitch McConnell'])
  const doc2 = run('Speaking at a town hall event in Salem, New Hampshire, Trump went after Bush, calling him “a total stiff.”')
  t.same(speakers(doc2), ['Trump'])
})

t.test('“he said” after a sentence reporting someone goes to the one reporting', async (t) => {
  const doc = run('Ted Cruz electrified the small crowds with impassioned speeches, Robert Stovall said.\n\n“He was very articulate, smart, well-spoken,” he said.')
  t.same(speakers(doc), ['Robert Stovall'])
})

t.test('a relative clause names its own speaker', async (t) => {
  const doc = run('Bloomberg pegged him at $2.9 billion, which Mr. Trump called “a disgrace,” blaming the company’s founder.')
  t.same(speakers(doc), ['Trump'])
  const doc2 = run('The row triggered a damning reaction from President Barack Obama, who called the Republican nominee “unfit to serve” as president.')
  t.same(speakers(doc2), ['Barack Obama'])
})

t.test('a reporting clause after a quotation that closes its sentence belongs to the next sentence', async (t) => {
  const doc = run('Donald Trump said Hillary Clinton “caused death.” Bernie Sanders called Trump a “pathological liar.” Carly Fiorina said Ted Cruz “says whatever he needs to say.”')
  t.same(speakers(doc), ['Donald Trump', 'Bernie Sanders', 'Carly Fiorina'])
})

const gold = new URL('../../shared/data/polnear/train.json', import.meta.url)
t.test('speakers agree with annotated news', { skip: existsSync(gold) ? false : 'no ../shared corpus' }, async (t) => {
  interface G { start: number; end: number; speaker: string | null; speaker_resolved_from: string }
  const articles = (JSON.parse(readFileSync(gold, 'utf8')) as { articles: Array<{ text: string; quotes: G[] }> }).articles.slice(0, 150)
  const surname = (s: string | null) => (s ?? '').toLowerCase().replace(/[^\p{L}\s]/gu, ' ').trim().split(/\s+/).pop() ?? ''
  let right = 0
  let all = 0
  for (const a of articles) {
    const doc = run(a.text)
    // Gold offsets are code points; these articles' matched spans are compared by overlap in code points.
    const cps = Array.from(a.text)
    const unit = (cp: number) => cps.slice(0, cp).join('').length
    for (const g of a.quotes) {
      if (g.speaker_resolved_from === 'unresolved' || !g.speaker) continue
      const s = unit(g.start)
      const e = unit(g.end)
      const q = doc.quotes.find((p) => Math.min(p.end, e) - Math.max(p.start, s) >= 0.5 * Math.min(p.end - p.start, e - s))
      if (!q) continue
      all++
      const gs = surname(g.speaker)
      const ps = surname(q.speaker)
      if (gs && (gs === ps || (q.speaker ?? '').toLowerCase().includes(gs))) right++
    }
  }
  t.ok(all > 700, `${all} matched quotes`)
  t.ok(right / all >= 0.85, `speaker accuracy ${(right / all).toFixed(3)} without the entity stage`)
})
