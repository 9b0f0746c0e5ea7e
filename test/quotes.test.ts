import t from 'tap'
import { existsSync, readFileSync } from 'node:fs'
import { type NewsDoc } from '../src/pipeline/document.js'
import { quotesAndSpeakers as run } from './helpers/pipeline.js'

const texts = (doc: NewsDoc) => doc.quotes.map((q) => q.text)

t.test('every quotation mark style yields the text inside the marks', async (t) => {
  const cases: Array<[string, string]> = [
    ['"We will win this race," Smith said.', 'We will win this race,'],
    ['“We will win this race,” Smith said.', 'We will win this race,'],
    ["''We will win this race,'' Smith said.", 'We will win this race,'],
    ["``We will win this race,'' Smith said.", 'We will win this race,'],
    ['„We will win this race,“ Smith said.', 'We will win this race,'],
  ]
  for (const [body, inner] of cases) {
    const doc = run(body)
    t.same(texts(doc), [inner], body)
    for (const q of doc.quotes) t.equal(body.slice(q.start, q.end), q.text)
  }
})

t.test('a quotation inside a quotation is not a separate quote', async (t) => {
  const doc = run('“They call it a “sacred fight” and we disagree,” Miller said.')
  t.same(texts(doc), ['They call it a “sacred fight” and we disagree,'])
  t.same(doc.quotedPhrases.map((p) => [p.text, p.kind]), [['sacred fight', 'nested']])
})

t.test('a quotation continued over paragraphs is one span', async (t) => {
  const body = 'Smith said:\n\n“The first paragraph of the statement.\n\n“The second paragraph ends it.”\n\nThen he left.'
  const doc = run(body)
  t.equal(doc.quotes.length, 1)
  t.match(doc.quotes[0].text, /^The first paragraph[\s\S]*ends it\.$/)
  t.equal(doc.quotes[0].speaker, 'Smith')
})

t.test('a closing mark glued to the next opening mark', async (t) => {
  const doc = run('He called it “troubling” to see it.”I would say it is troubling,” Miller told the reporters.')
  t.same(texts(doc), ['troubling', 'I would say it is troubling,'])
  t.equal(doc.quotes[1].speaker, 'Miller')
})

t.test('feet and inches inside a quotation do not close it', async (t) => {
  const doc = run('“He’s like 6’2”, and I’m 5’9", so he looks down on me,” Rubio said Sunday.')
  t.same(texts(doc), ['He’s like 6’2”, and I’m 5’9", so he looks down on me,'])
  t.equal(doc.quotes[0].speaker, 'Rubio')
})

t.test('an opening mark with a space after it still opens', async (t) => {
  // Only-opening glyphs, and any mark that opens its paragraph, followed by a space and words.
  t.same(texts(run('Henry paused. “ You know, that broken sense of the future is real,” Henry said.')), ['You know, that broken sense of the future is real,'])
  t.same(texts(run('Rivera was blunt about it.\n\n” … they are so not like him,” Rivera said.')), ['… they are so not like him,'])
  // A straight mark between spaces mid-sentence stays unpaired: it could open or close.
  t.same(texts(run('The sign said 5 " tall, and “nothing more,” Henry said.')), ['nothing more,'])
})

t.test('a mark that never closes ends at its paragraph', async (t) => {
  // Where the span ends is the scanner's business; whether an unclosed span is speech is the
  // speech/scare model's (unclosed marks are mostly strays in news text), so either list may hold it.
  const doc = run('“This is unfinished, Jones said.\n\nThe next paragraph is plain.')
  t.same([...texts(doc), ...doc.quotedPhrases.map((p) => p.text)], ['This is unfinished, Jones said.'])
})

t.test('titles of works are not quotes', async (t) => {
  const doc = run('She appeared on NBC’s “Meet the Press” on Sunday and talked about taxes.')
  t.same(texts(doc), [])
  t.same(doc.quotedPhrases.map((p) => p.kind), ['title'])
})

t.test('speaker patterns', async (t) => {
  const cases: Array<[string, string, string]> = [
    ['Jane Smith is the mayor.\n\n“We are ready,” Smith said.', 'Jane Smith', 'surname'],
    ['“We are ready,” said Jane Smith, the mayor of the town.', 'Jane Smith', 'named'],
    ['Mayor Jane Smith spoke on Monday. “We are ready,” she added.', 'Jane Smith', 'pronoun'],
    ['According to Jane Smith, “we are ready for anything that comes.”', 'Jane Smith', 'named'],
    ['Jane Smith told reporters: “We are ready for anything that comes.”', 'Jane Smith', 'named'],
    ['“We are ready for anything,” the U.S. State Department said on Wednesday.', 'US State Department', 'organisation'],
    ['CNN reported that the mayor was “ready for anything that comes her way”.', 'CNN', 'organisation'],
    ['City spokesman John Brown met reporters. “We are ready for anything,” the spokesman said.', 'John Brown', 'title'],
    ['WALLACE: “Are you ready for anything that comes?”', 'WALLACE', 'surname'],
  ]
  for (const [body, speaker, resolution] of cases) {
    const q = run(body).quotes[0]
    t.ok(q, body)
    if (!q) continue
    t.match(q.speaker ?? '', new RegExp(speaker, 'i'), body)
    t.equal(q.resolution, resolution, body)
    t.ok(q.confidence > 0 && q.confidence <= 1, 'confidence in (0,1]')
    t.ok(q.cue && body.slice(q.cue.start, q.cue.end) === q.cue.text, 'cue span')
  }
})

t.test('a paragraph that is only a quote continues the previous speaker', async (t) => {
  const doc = run('“We are ready,” Jane Smith said.\n\n“And we will stay ready for years.”\n\nOther news followed.')
  t.same(doc.quotes.map((q) => q.speaker), ['Jane Smith', 'Jane Smith'])
  t.ok(doc.quotes[1].confidence < doc.quotes[0].confidence, 'continuation is less certain')
})

const seed = (name: string, from: string, to: string) => {
  const raw = readFileSync(new URL(`../seeds/${name}`, import.meta.url), 'utf8')
  return raw.slice(raw.indexOf(from), raw.indexOf(to))
}

t.test('seed: Reuters report on the sanctions warning', async (t) => {
  const doc = run(seed('000_bfc3d7f8cabb53d5.txt', 'WASHINGTON (Reuters)', '"News Services"'))
  const lead = doc.quotes.find((q) => q.text === 'won’t hesitate')
  t.ok(lead, 'short quote in the lead is a quote')
  t.equal(lead?.speakerType, 'ORG')
  t.match(lead?.speaker ?? '', /State Department/)
  const long = doc.quotes.filter((q) => q.text.split(' ').length > 5)
  t.equal(long.length, 2)
  for (const q of long) t.equal(q.speaker, 'Matthew Miller')
  t.equal(long[0].role, 'State Department spokesperson')
})

t.test('seed: the second outlet’s version', async (t) => {
  const doc = run(seed('002_895e1364544806c4.txt', 'The United States has warned', 'Source by [author_name]'))
  const by = (s: string) => doc.quotes.find((q) => q.text.startsWith(s))
  for (const start of ['And then I want', 'So it says something', 'possibility', 'So we’re going', 'I would say it is troubling']) {
    t.equal(by(start)?.speaker, 'Matthew Miller', start)
  }
  t.equal(by('And then I want')?.role, 'official spokesperson of the US Department of State')
  t.equal(by('So it says something')?.resolution, 'pronoun')
  for (const start of ['punish the evil forces', 'always be standing with Russia', 'stood up against the hegemonic forces', 'a new era of 100-year friendship', 'shining tradition', 'in-depth discussion']) {
    t.equal(by(start)?.speaker, 'Kim Jong Un', start)
  }
  t.equal(by('punish the evil forces')?.role, 'North Korean leader')
  t.notOk(doc.quotes.some((q) => q.text === 'sacred fight'), 'nested quotation is not a quote')
  t.ok(doc.quotedPhrases.some((p) => p.text === 'sacred fight' && p.kind === 'nested'))
})

const dev = new URL('../../shared/data/polnear/dev.json', import.meta.url)
t.test('offsets hold over every PolNeAR dev article', { skip: !existsSync(dev) && 'no ../shared corpus' }, async (t) => {
  const data = JSON.parse(readFileSync(dev, 'utf8')) as { articles: Array<{ doc: string; text: string }> }
  let bad = 0
  let quotes = 0
  for (const a of data.articles) {
    const doc = run(a.text)
    for (const s of [...doc.quotes, ...doc.quotedPhrases, ...doc.quotes.flatMap((q) => [q.cue, q.speakerMention].filter((x) => x !== null))]) {
      if (a.text.slice(s.start, s.end) !== s.text) bad++
    }
    for (const s of doc.sentences) if (s.end <= s.start) bad++
    quotes += doc.quotes.length
  }
  t.equal(bad, 0, 'body.slice(start, end) === text for every span')
  t.ok(quotes > 800, `found ${quotes} quotes`)
})
