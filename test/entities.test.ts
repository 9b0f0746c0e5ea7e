import t from 'tap'
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { emptyArticle, newDoc, type NewsDoc } from '../src/pipeline/document.js'
import { recogniseEntities } from '../src/pipeline/entities.js'
import { polnear, seedFiles } from './helpers/paths.js'

function run(body: string, name = 'test'): NewsDoc {
  const doc = newDoc(name, emptyArticle(body))
  recogniseEntities(doc)
  return doc
}

const mentionsOf = (doc: NewsDoc, text: string) => doc.mentions.filter((m) => m.text === text)

t.test('finds people, organisations and places with their canonical names', async (t) => {
  const doc = run(
    'WASHINGTON (Reuters) – The U.S. State Department said on Wednesday that Russian President Vladimir Putin ' +
      'would meet North Korea’s leader Kim Jong Un in Moscow, according to CNN.',
  )
  const found = new Map(doc.mentions.map((m) => [m.text, m]))
  t.match(found.get('Vladimir Putin'), { type: 'PERSON', canonical: 'Vladimir Putin', key: 'PERSON:vladimir putin' })
  t.match(found.get('Kim Jong Un'), { type: 'PERSON', key: 'PERSON:kim jong un' })
  t.match(found.get('U.S. State Department'), { type: 'ORG', canonical: 'US State Department' })
  t.match(found.get('North Korea'), { type: 'PLACE', canonical: 'North Korea' }, 'possessive ’s stays outside the span')
  t.match(found.get('Moscow'), { type: 'PLACE' })
  t.match(found.get('Reuters'), { type: 'ORG' })
  t.match(found.get('CNN'), { type: 'ORG' })
  t.notOk(found.has('Russian'), 'an adjective is not an entity')
  t.notOk(found.has('President Vladimir Putin'), 'the title stays outside the span')
})

t.test('short forms resolve to the full name in the same document', async (t) => {
  const doc = run(
    'State Department spokesperson Matthew Miller issued the warning. North Korean leader Kim Jong Un arrived on Tuesday ' +
      'to meet Vladimir Putin. “We won’t hesitate,” Miller said. Kim praised Russia, and Putin thanked him.',
  )
  t.equal(mentionsOf(doc, 'Miller')[0]?.canonical, 'Matthew Miller', 'surname → full name')
  t.equal(mentionsOf(doc, 'Kim')[0]?.canonical, 'Kim Jong Un', 'family name first → full name')
  t.equal(mentionsOf(doc, 'Putin')[0]?.canonical, 'Vladimir Putin')
  const miller = doc.entities.find((e) => e.key === 'PERSON:matthew miller')
  t.same(miller?.aliases.sort(), ['Matthew Miller', 'Miller'], 'one entity with both surface forms')
  t.equal(doc.entities.filter((e) => e.type === 'PERSON').length, 3, 'three people, no stray surname entities')
})

t.test('two people who share a surname are not merged', async (t) => {
  const doc = run(
    'Former President Bill Clinton spoke first on Monday. Clinton praised the volunteers. ' +
      'Later Hillary Clinton took the stage in Philadelphia. Clinton said the race was close.',
  )
  const people = doc.entities.filter((e) => e.type === 'PERSON').map((e) => e.canonical).sort()
  t.same(people, ['Bill Clinton', 'Hillary Clinton'])
  const bare = mentionsOf(doc, 'Clinton')
  t.equal(bare.length, 2)
  t.equal(bare[0]?.canonical, 'Bill Clinton', 'the nearest preceding full name')
  t.equal(bare[1]?.canonical, 'Hillary Clinton', 'the nearest preceding full name')
})

t.test('a hyphenated Korean given name is part of the name and folds to the same key', async (t) => {
  const doc = run('Here he is begging Kim Jong-un for help, the spokesman said. Kim Jong Un arrived on Tuesday.')
  const kims = doc.mentions.filter((m) => m.type === 'PERSON')
  t.same(kims.map((m) => m.text), ['Kim Jong-un', 'Kim Jong Un'])
  t.equal(new Set(kims.map((m) => m.key)).size, 1)
  t.equal(doc.entities.filter((e) => e.type === 'PERSON').length, 1)
})

t.test('mentions are sorted, point at their text, and group into entities', async (t) => {
  const doc = run('Ukraine and the U.N. Security Council. UN Security Council members met in New York with Ukraine’s envoy.')
  const starts = doc.mentions.map((m) => m.start)
  t.same(starts, [...starts].sort((a, b) => a - b))
  for (const m of doc.mentions) t.equal(doc.article.body.slice(m.start, m.end), m.text)
  const council = doc.entities.find((e) => e.key === 'ORG:un security council')
  t.same(council?.aliases.sort(), ['U.N. Security Council', 'UN Security Council'])
  t.equal(doc.entities.filter((e) => e.key === 'PLACE:ukraine').length, 1)
})

t.test('the seed entities are found, each as one canonical entity', async (t) => {
  const expected: Array<[string, string]> = [
    ['PERSON', 'Vladimir Putin'],
    ['PERSON', 'Kim Jong Un'],
    ['PERSON', 'Matthew Miller'],
    ['PLACE', 'Russia'],
    ['PLACE', 'North Korea'],
    ['PLACE', 'United States'],
    ['PLACE', 'Ukraine'],
    ['PLACE', 'Moscow'],
    ['ORG', 'UN Security Council'],
    ['ORG', 'US State Department'],
    ['ORG', 'CNN'],
    ['ORG', 'Reuters'],
  ]
  const keys = new Map<string, Set<string>>()
  for (const path of seedFiles()) {
    const doc = run(readFileSync(path, 'utf8'), basename(path))
    const seen = new Set<string>()
    for (const e of doc.entities) {
      t.notOk(seen.has(e.key), `${basename(path)}: ${e.key} is one entity`)
      seen.add(e.key)
      const aliases = keys.get(e.key) ?? new Set()
      for (const a of e.aliases) aliases.add(a)
      keys.set(e.key, aliases)
    }
  }
  for (const [type, name] of expected) {
    const key = `${type}:${name.toLowerCase()}`
    t.ok(keys.has(key), `${name} found as ${type}`)
  }
  t.ok(keys.get('PLACE:north korea')?.has('N Korea'), 'N Korea is an alias of North Korea')
  t.ok(keys.get('PLACE:united states')?.has('US'), 'US is an alias of United States')
  t.ok(keys.get('PERSON:kim jong un')?.has('Kim Jong-un'), 'Kim Jong-un is an alias of Kim Jong Un')
  t.ok(keys.get('PERSON:matthew miller')?.has('Miller'), 'Miller is an alias of Matthew Miller')
  t.ok(keys.get('ORG:us state department')?.has('US Department of State'), 'US Department of State is the State Department')
})

const dev = polnear('dev')
t.test('every mention of every PolNeAR dev text points at its own text', { skip: dev ? false : 'shared corpus absent' }, async (t) => {
  let total = 0
  const bad: string[] = []
  for (const a of dev ?? []) {
    const doc = run(a.text, a.doc)
    for (const m of doc.mentions) {
      total++
      if (!(m.start < m.end && a.text.slice(m.start, m.end) === m.text)) bad.push(`${a.doc} [${m.start},${m.end}) ${m.text}`)
    }
    for (const e of doc.entities) if (!doc.mentions.some((m) => m.key === e.key)) bad.push(`${a.doc}: entity ${e.key} without mentions`)
  }
  t.same(bad, [])
  t.ok(total > 1000, `checked ${total} mentions`)
})

t.test('a name written once with a legal form is a company wherever the report repeats it', async (t) => {
  const types = (body: string) => run(body).mentions.map((m) => `${m.text}:${m.type}`)
  const pirelli = types(
    'MILAN 1996-08-23\n\nItalian cables giant Pirelli on Friday said it would build a plant in China. Pirelli will export ' +
      'most of its output, said Pirelli SpA chairman Marco Tronchetti Provera. Pirelli Cables is its largest division.',
  )
  t.same(
    pirelli.filter((m) => m.startsWith('Pirelli')),
    ['Pirelli:ORG', 'Pirelli:ORG', 'Pirelli SpA:ORG', 'Pirelli Cables:ORG'],
    'the legal form joins the name, and the bare name and a division are the company too',
  )
  t.ok(pirelli.includes('Marco Tronchetti Provera:PERSON'), 'the chairman stays a person')
  const magna = types('TORONTO 1996-08-23\n\nAuto parts maker Magna International Inc said on Friday its profit rose 20 percent. Magna said sales rose in Europe.')
  t.same(magna.filter((m) => m.startsWith('Magna')), ['Magna International Inc:ORG', 'Magna:ORG'], 'the first word of "<name> International Inc"')
  const person = types('Eli Lilly & Co. said on Monday its drug sales rose. Separately, Tom Jones said he would retire.')
  t.ok(person.includes('Tom Jones:PERSON'), 'a person elsewhere in the report is not touched')
})

t.test('a one-word name that reports something about “he” or does something to “himself” is a person', async (t) => {
  const types = (body: string) => run(body).mentions.map((m) => `${m.text}:${m.type}`)
  const cruz = types(
    'Donald Trump went with the odds, pointing out that North Carolina would win.\n\nCruz openly admitted that his pick ' +
      'was politically motivated, looking to the February 20 primary in South Carolina.',
  )
  t.ok(cruz.includes('Cruz:PERSON'), cruz.join(' | '))
  const places = types('He got a car and a job at the center, and Clarkston became his home. Trump joked that Brooklyn was his answer.')
  t.notOk(places.includes('Clarkston:PERSON'), 'no reporting verb: “his home” is someone else’s')
  t.notOk(places.includes('Brooklyn:PERSON'))
})

t.test('well-known companies and outlets are organisations whatever the tagger makes of them', async (t) => {
  const doc = run('Verizon said on Tuesday it would cut jobs.\n\nFacebook and Twitter removed the posts, according to HuffPo. Google declined to comment.')
  const types = doc.mentions.map((m) => `${m.text}:${m.type}`)
  for (const name of ['Verizon', 'Facebook', 'Twitter', 'Google', 'HuffPo']) t.ok(types.includes(`${name}:ORG`), `${name} in ${types.join(' | ')}`)
  t.equal(doc.mentions.find((m) => m.text === 'HuffPo')?.canonical, 'The Huffington Post', 'a short form files under the full name')
})

t.test('a name after an honorific is a person’s', async (t) => {
  const doc = run('In a speech that echoed a refrain in praise of segregation during the civil rights movement, Mr. Cruz pledged to oppose legal status for undocumented immigrants “today, tomorrow, forever.”')
  const types = doc.mentions.map((m) => `${m.text}:${m.type}`)
  t.same(types, ['Cruz:PERSON'], 'the tagger alone calls it an organisation')
})

t.test('a given name the tagger left out joins the surname after it, and the two are a person', async (t) => {
  const romney = run('Former presidential candidate Mitt Romney tweeted his call that the bill be vetoed.')
  t.same(romney.mentions.map((m) => `${m.text}:${m.type}`), ['Mitt Romney:PERSON'], 'the tagger alone calls “Romney” a place')
  const month = run('The league resumes in June Comelf said on Monday.')
  t.notOk(month.mentions.some((m) => m.text.startsWith('June')), 'a month is no given name')
})

t.test('a party’s national committee is not the party: the DNC apologising is not “the Democrats”', async (t) => {
  const doc = run('The Democratic National Committee apologized to Bernie Sanders on Monday. The DNC said the emails did not reflect its values, while Democrats in Congress called for calm. The Republican National Committee and the GOP declined to comment.')
  const canonical = (text: string) => mentionsOf(doc, text)[0]?.canonical
  t.same(['Democratic National Committee', 'DNC', 'Democrats', 'Republican National Committee', 'GOP'].map(canonical), [
    'Democratic National Committee', 'Democratic National Committee', 'Democratic Party', 'Republican National Committee', 'Republican Party',
  ])
})

t.test('a name after an office used as a title is a person’s: “Judge Merrick Garland”', async (t) => {
  const doc = run('Call the bluff on Merrick Garland.\n\nPresident Obama should use his political capital to pressure the Senate on his Supreme Court nominee.\n\nWhile Obama is popular, it has been more than 150 days since he nominated Judge Merrick Garland to fill the vacant seat of Justice Antonin Scalia.')
  t.same(doc.mentions.filter((m) => m.text === 'Merrick Garland').map((m) => m.type), ['PERSON', 'PERSON'], 'the tagger alone calls him an organisation')
})

t.test('a title the tagger took into an organisation’s name is left out of the person’s (“Justice Antonin Scalia”)', async (t) => {
  const doc = run('It has been more than 150 days since he nominated Judge Merrick Garland to fill the vacant seat of Justice Antonin Scalia. The Justice Department declined to comment.')
  t.same(doc.mentions.map((m) => `${m.text}:${m.type}`), ['Merrick Garland:PERSON', 'Antonin Scalia:PERSON', 'Justice Department:ORG'])
})
