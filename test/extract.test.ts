import t from 'tap'
import { existsSync, readFileSync } from 'node:fs'
import { parseDocument } from 'htmlparser2'
import { textContent } from 'domutils'
import { ExtractError, extractFile, extractPlain, parseManifest, type Extracted } from '../src/pipeline/extract.js'

const seeds = new URL('../seeds/', import.meta.url)
const fixtures = new URL('./fixtures/extract/', import.meta.url)
const shared = new URL('../../shared/', import.meta.url)
const read = (dir: URL, name: string) => readFileSync(new URL(name, dir), 'utf8')

const manifest = parseManifest(read(seeds, 'manifest.json'))
const seed = (name: string): Extracted => {
  const out = extractFile({ name, content: read(seeds, name), manifest: manifest[name] })
  t.equal(out.length, 1, `${name} is one article`)
  return out[0]
}
const japanNews = seed('000_bfc3d7f8cabb53d5.txt')
const defenceBlog = seed('002_895e1364544806c4.txt')

t.test('Reuters story as published by The Japan News', async (t) => {
  const a = japanNews.article
  t.equal(japanNews.doc, '000_bfc3d7f8cabb53d5')
  t.equal(a.publishedAt, '2023-09-14T03:59:00.000Z', '12:59 JST is 03:59 UTC')
  t.equal(a.publishedLocal, '2023-09-14T12:59:00+09:00')
  t.equal(a.dateline, 'WASHINGTON')
  t.equal(a.wire, 'Reuters')
  t.equal(a.source, 'The Japan News', 'the outlet comes from the manifest')
  t.equal(a.url, null, 'no URL is invented')
  t.equal(a.headline, null, 'the page has no title line, and the manifest gives none')
  t.equal(a.captions.length, 1)
  t.match(a.captions[0], /^Russia’s President Vladimir Putin and North Korea’s leader Kim Jong Un attend a meeting/)
  t.notOk(a.body.includes('Vostochny'), 'the photo caption is not in the body')
  t.ok(a.body.startsWith('WASHINGTON (Reuters) – The Biden administration “won’t hesitate” to impose'), 'lead paragraph intact')
  t.ok(a.body.endsWith('would potentially be in violation of multiple U.N. Security Council resolutions,” Miller said.'))
  t.equal(a.body.split('\n\n').length, 5, 'five paragraphs')
})

t.test('the defence-news page', async (t) => {
  const a = defenceBlog.article
  t.equal(
    a.headline,
    'russia: “Won’t hesitate to impose additional..:” US warns Russia, N Korea of more sanctions over arms deal',
    'the story’s own title, not the breadcrumb',
  )
  t.ok(a.body.startsWith('The United States has warned of more sanctions on Russia and North Korea'))
  t.ok(a.body.endsWith('CNN reported citing Russian state news agency Russia 1.'))
  t.equal(a.publishedAt, null, 'the page states no date')
  t.equal(a.wire, null, 'the page names no wire')
  t.equal(a.author, null, '"Source by [author_name]" is a template hole, not an author')
  t.equal(a.url, null)
  t.ok(a.source, 'a neutral label from the manifest')
  t.match(a.body, /“sacred fight”/, 'curly quotes survive')
  t.match(a.body, /we have taken a number of entity – actions already/, 'dashes survive')
})

t.test('no boilerplate in either body', async (t) => {
  const junk = ['POPULAR ARTICLE', 'ACCESS RANKING', 'RELATED ARTICLES', 'LEAVE A REPLY', '#russia', 'msid',
    'Content is protected', 'drones', 'Missile', 'Fighter', 'Nikkei', 'Akismet', 'Source by', 'Home']
  for (const { doc, article } of [japanNews, defenceBlog]) {
    for (const j of junk) t.notOk(article.body.includes(j), `${doc}: no "${j}"`)
    for (const p of article.body.split('\n\n')) t.equal(p, p.replace(/\s+/g, ' ').trim(), 'paragraphs are whitespace-normalised')
  }
})

t.test('HTML page: metadata, article container, furniture removed', async (t) => {
  const [{ doc, article: a }] = extractFile({ name: 'wire-story.html', content: read(fixtures, 'wire-story.html') })
  t.equal(doc, 'wire-story')
  t.equal(a.headline, 'Seoul says talks with Tokyo will resume next week', 'JSON-LD headline')
  t.equal(a.publishedAt, '2023-09-13T23:30:00.000Z')
  t.equal(a.publishedLocal, '2023-09-14T08:30:00+09:00')
  t.equal(a.source, 'The Harbour Times')
  t.equal(a.author, 'Min-ji Park')
  t.equal(a.dateline, 'SEOUL')
  t.equal(a.wire, 'Yonhap')
  t.equal(a.url, 'https://harbour-times.example/world/seoul-talks')
  t.equal(a.language, 'en')
  t.same(a.captions, ['Delegates arrive for the previous round of talks in Seoul, South Korea, June 2, 2023.'])
  t.ok(a.body.startsWith('SEOUL (Yonhap) – South Korea and Japan will resume'), 'entities decoded, lead first')
  t.ok(a.body.endsWith('a sign of improving ties.'))
  t.match(a.body, /\n\nYears of friction\n\n/, 'a subhead inside the story stays')
  for (const j of ['World', 'Share', 'Tweet', 'Related', 'Chip exports', 'Leave a Reply', 'Typhoon', 'Bank of Japan',
    'rights reserved', 'ads.push', 'display:flex', 'Delegates arrive', 'By Min-ji Park'])
    t.notOk(a.body.includes(j), `no "${j}"`)
})

t.test('HTML page without metadata falls back to the text heuristics', async (t) => {
  const html = `<html><body><div id="menu"><a href="/">Home</a> <a href="/p">Politics</a></div>
    <h1>Senate passes stopgap spending bill</h1><p>By Jane Doe and John Roe, Associated Press</p>
    <p>September 30, 2023 9:15 PM EDT</p>
    <p>WASHINGTON (AP) — The Senate passed a stopgap bill late Saturday, sending it to the president hours before a shutdown.</p>
    <p>“We did our job,” the majority leader said.</p>
    <div class="newsletter"><p>Sign up for our newsletter to get the day’s top stories.</p></div></body></html>`
  const [{ article: a }] = extractFile({ name: 'bill.htm', content: html })
  t.equal(a.headline, 'Senate passes stopgap spending bill', 'the page’s <h1>')
  t.equal(a.author, 'Jane Doe, John Roe')
  t.equal(a.wire, 'Associated Press')
  t.equal(a.publishedAt, '2023-10-01T01:15:00.000Z')
  t.equal(a.body, 'WASHINGTON (AP) — The Senate passed a stopgap bill late Saturday, sending it to the president hours before a shutdown.\n\n“We did our job,” the majority leader said.')
})

t.test('a page with no story throws ExtractError with a reason', async (t) => {
  const scripts = '<html><head><script>var a = 1;</script></head><body><script src="x.js"></script><noscript>Enable JavaScript</noscript></body></html>'
  t.throws(() => extractFile({ name: 'empty.html', content: scripts }), ExtractError)
  t.throws(() => extractFile({ name: 'empty.html', content: scripts }), /no story text/)
  t.throws(() => extractFile({ name: 'menu.txt', content: 'Home\nWorld\nBusiness\nSport\n' }), /no story text/)
  t.throws(() => extractFile({ name: 'x.pdf', content: 'x' }), /unsupported file type/)
  const deep = `<html><body>${'<div>'.repeat(20000)}<p>${'A sentence of the story. '.repeat(20)}</p></body></html>`
  t.throws(() => extractFile({ name: 'deep.html', content: deep }), /nested \d+ elements deep/, 'markup nested 20,000 deep is refused, not a stack overflow')
})

const story = 'TOKYO (Kyodo) – Japan’s cabinet approved a record budget on Friday, officials said.\n\n“It is a responsible plan,” the finance minister told reporters.'

t.test('.json: one record or an array', async (t) => {
  const one = extractFile({
    name: 'budget.json',
    content: JSON.stringify({ url: 'https://example.org/b', source: 'Example Daily', published_at: '2023-12-22T10:00:00+09:00', headline: 'Cabinet approves budget', body: story, author: 'Aiko Sato' }),
  })
  t.equal(one.length, 1)
  t.equal(one[0].doc, 'budget')
  const a = one[0].article
  t.equal(a.headline, 'Cabinet approves budget')
  t.equal(a.publishedAt, '2023-12-22T01:00:00.000Z')
  t.equal(a.source, 'Example Daily')
  t.equal(a.url, 'https://example.org/b')
  t.equal(a.author, 'Aiko Sato')
  t.equal(a.wire, 'Kyodo', 'read from the dateline of the body')
  t.equal(a.dateline, 'TOKYO')
  t.equal(a.body, story)

  const many = extractFile({
    name: 'batch.json',
    content: JSON.stringify([
      { id: 'a1', headline: 'One', body: story },
      { headline: 'Two', html: `<article><h1>Two</h1><p>${story.split('\n\n')[0]}</p></article>` },
    ]),
  })
  t.same(many.map((e) => e.doc), ['a1', 'batch-2'])
  t.equal(many[1].article.headline, 'Two')
  t.ok(many[1].article.body.startsWith('TOKYO (Kyodo)'))
  t.throws(() => extractFile({ name: 'bad.json', content: '[{"headline": "no text"}]' }), /record 1: has neither "body" nor "html"/)
  t.throws(() => extractFile({ name: 'bad.json', content: '{"body": ' }), /not valid JSON/)
})

t.test('.ndjson: one record per line; a bad line fails the file and is named', async (t) => {
  const lines = [
    JSON.stringify({ headline: 'First', body: story, source: 'Wire Desk' }),
    '',
    JSON.stringify({ id: 7, headline: 'Second', body: story.replace('Friday', 'Monday') }),
  ]
  const out = extractFile({ name: 'feed.ndjson', content: lines.join('\n') + '\n' })
  t.same(out.map((e) => e.doc), ['feed-1', '7'])
  t.equal(out[0].article.source, 'Wire Desk')
  t.match(out[1].article.body, /on Monday/)
  const broken = [lines[0], lines[2], '{"headline": "Third", "body": "unterminated', lines[0]].join('\n')
  t.throws(() => extractFile({ name: 'feed.ndjson', content: broken }), /line 3 is not valid JSON/)
})

t.test('extractPlain keeps the text byte for byte', async (t) => {
  const text = read(seeds, '002_895e1364544806c4.txt')
  const { doc, article } = extractPlain('002_895e1364544806c4.txt', text)
  t.equal(doc, '002_895e1364544806c4')
  t.equal(article.body, text)
  t.equal(article.headline, null)
  t.same(article.captions, [])
})

t.test('manifest', async (t) => {
  t.same(Object.keys(manifest).sort(), ['000_bfc3d7f8cabb53d5.txt', '002_895e1364544806c4.txt'])
  for (const junk of ['not json', '[]', '{"a.txt": "The Times"}', '{"a.txt": {"outlet": "X"}}', '{"a.txt": {"source": 3}}',
    '{"a.txt": {"publishedAt": "soon"}}'])
    t.throws(() => parseManifest(junk), ExtractError, junk)
  const entry = parseManifest('{"x.txt": {"headline": "Given", "publishedAt": "Sep 14, 2023 9:00 AM ET", "url": "https://e.org/x"}}')['x.txt']
  const [{ article: a }] = extractFile({ name: 'x.txt', content: read(seeds, '000_bfc3d7f8cabb53d5.txt'), manifest: entry })
  t.equal(a.headline, 'Given', 'the manifest supplies a headline the page lacks')
  t.equal(a.url, 'https://e.org/x')
  t.equal(a.publishedAt, '2023-09-14T13:00:00.000Z', 'and its date wins over the page’s')
})

const polnear = new URL('data/polnear/dev.json', shared)
t.test('PolNeAR: clean article texts are not eaten', { skip: !existsSync(polnear) && 'needs ../shared/data/polnear' }, async (t) => {
  const articles = JSON.parse(readFileSync(polnear, 'utf8')).articles as Array<{ doc: string; title: string; text: string }>
  const letters = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')
  let titles = 0
  let kept = 0
  let total = 0
  const short: string[] = []
  for (const { doc, title, text } of articles) {
    const [{ article }] = extractFile({ name: `${doc}.txt`, content: text })
    // what a reader sees: embedded tweets are tags in these texts, and only their words count
    const seen = letters(textContent(parseDocument(text))).length
    const got = letters(article.body + (article.headline ?? '') + article.captions.join('')).length
    if (got < 0.9 * seen) short.push(`${doc}: ${(got / seen).toFixed(2)}`)
    kept += Math.min(got, seen)
    total += seen
    if (letters(article.headline ?? '') === letters(title)) titles++
  }
  t.same(short, [], 'every article keeps at least 90% of its text')
  t.ok(kept / total >= 0.98, `kept ${(100 * kept / total).toFixed(1)}% of all text`)
  t.ok(titles / articles.length >= 0.9, `headline = title for ${titles}/${articles.length}`)
})
