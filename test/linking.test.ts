import t from 'tap'
import { diffWords } from '../src/linking/diff.js'
import { bestVariant, variantSimilarity } from '../src/linking/quotes.js'
import { resolveEntity, type EntityLookup } from '../src/linking/entities.js'
import { aliasNorm } from '../src/linking/text.js'
import { rarity, storyScore, STORY_THRESHOLD } from '../src/linking/stories.js'
import { contentHash, saveArticle } from '../src/db/store.js'
import { makeDoc, testDatabase } from './helpers/db.js'

const RETOLD = 'we have taken a number of actions already to sanction entities that brokered arms sales between North Korea and Russia'
const VERBATIM =
  'we have taken a number of entity – actions already to sanction entities that have brokered arms sales between North Korea and Russia'

t.test('word diff shows exactly the words one outlet added', async (t) => {
  t.same(diffWords(RETOLD, VERBATIM), [
    { op: 'equal', text: 'we have taken a number of' },
    { op: 'insert', text: 'entity –' },
    { op: 'equal', text: 'actions already to sanction entities that' },
    { op: 'insert', text: 'have' },
    { op: 'equal', text: 'brokered arms sales between North Korea and Russia' },
  ])
  t.same(diffWords('He said “no,” twice', 'he said No twice'), [{ op: 'equal', text: 'He said “no,” twice' }])
  t.same(diffWords('a b c', 'a x c'), [
    { op: 'equal', text: 'a' },
    { op: 'delete', text: 'b' },
    { op: 'insert', text: 'x' },
    { op: 'equal', text: 'c' },
  ])
  t.same(diffWords('', 'new words'), [{ op: 'insert', text: 'new words' }])
  // Applying the diff to a reproduces b.
  const parts = diffWords('the quick brown fox jumps over the lazy dog', 'a quick red fox jumped over the dog today')
  t.equal(parts.filter((p) => p.op !== 'delete').map((p) => p.text).join(' '), 'a quick red fox jumped over the dog today')
  t.equal(parts.filter((p) => p.op !== 'insert').map((p) => p.text).join(' '), 'the quick brown fox jumps over the lazy dog')
})

t.test('quote variants: robust to insertions, containment of a shorter excerpt, not fooled by topic words', async (t) => {
  t.ok(variantSimilarity(RETOLD, VERBATIM) > 0.8, 'lightly edited variant')
  const longer = `So it says something about the overall context of how this war is going for Russia. And ${VERBATIM}, and we won't hesitate`
  t.ok(variantSimilarity(RETOLD, longer) > 0.8, 'an excerpt of a longer passage')
  const other = 'North Korea and Russia are discussing arms sales that could violate Security Council resolutions'
  t.ok(variantSimilarity(RETOLD, other) < 0.4, 'same topic, different statement')
  t.equal(variantSimilarity('it is going to be great', 'it is going to be fine'), 0, 'shared filler words')
  const c = (id: number, text: string, speakerId: number | null) => ({ id, text, speakerId, clusterId: null })
  t.equal(bestVariant({ text: RETOLD, speakerId: 1 }, [c(1, other, 1), c(2, VERBATIM, 1)])?.candidate.id, 2)
  t.equal(bestVariant({ text: RETOLD, speakerId: 1 }, [c(2, VERBATIM, 7)]), null, 'different known speakers')
  t.equal(bestVariant({ text: RETOLD, speakerId: null }, [c(2, VERBATIM, 7)])?.candidate.id, 2, 'unknown speaker')
  t.equal(bestVariant({ text: 'troubling', speakerId: 1 }, [c(2, 'troubling', 1)]), null, 'a word is not a statement')
})

t.test('entity resolution rules', async (t) => {
  const stored = new Map<string, number>([['PERSON:kim jong un', 1], ['PERSON:matthew miller', 2], ['PERSON:john miller', 3]])
  const aliases: [number, string, string][] = [
    [1, 'PERSON', 'Kim Jong Un'],
    [2, 'PERSON', 'Matthew Miller'],
    [2, 'PERSON', 'Miller'],
    [3, 'PERSON', 'John Miller'],
    [3, 'PERSON', 'Miller'],
    [4, 'PERSON', 'Donald Trump'],
    [5, 'PERSON', 'George H.W. Bush'],
    [6, 'PERSON', 'George W. Bush'],
    [7, 'PERSON', 'George Bush'],
  ]
  const lookup: EntityLookup = {
    byKey: (key) => stored.get(key),
    byAliasNorm: (norm, type) =>
      aliases
        .filter(([, ty, a]) => ty === type && aliasNorm(a, ty) === norm)
        .map(([id, , name]) => ({ id, name }))
        .filter((e, i, all) => all.findIndex((x) => x.id === e.id) === i),
  }
  const person = (canonical: string, aliases: string[] = [canonical]) => ({
    key: `PERSON:${canonical.toLowerCase()}`,
    type: 'PERSON' as const,
    canonical,
    aliases,
  })
  t.same(resolveEntity(person('Kim Jong-un'), lookup, 'x'), { kind: 'existing', entityId: 1, via: 'alias' })
  t.same(resolveEntity(person('Matthew Miller'), lookup, 'x'), { kind: 'existing', entityId: 2, via: 'key' })
  t.same(resolveEntity(person('Jane Miller', ['Jane Miller', 'Miller']), lookup, 'x'), { kind: 'new', key: 'PERSON:jane miller' })
  t.same(resolveEntity(person('Miller'), lookup, 'x'), { kind: 'new', key: 'PERSON:miller@x' }, 'a bare surname stays in its article')
  t.same(resolveEntity({ ...person('Korea'), type: 'PLACE', key: 'PLACE:korea' }, lookup, 'x'), { kind: 'new', key: 'PLACE:korea' })
  t.same(resolveEntity(person('Donald J. Trump'), lookup, 'x'), { kind: 'existing', entityId: 4, via: 'alias' }, 'a middle initial')
  t.same(resolveEntity(person('George H. W. Bush'), lookup, 'x'), { kind: 'existing', entityId: 5, via: 'alias' })
  t.same(resolveEntity(person('George W Bush'), lookup, 'x'), { kind: 'existing', entityId: 6, via: 'alias' }, 'father and son')
  t.same(resolveEntity(person('George Bush'), lookup, 'y'), { kind: 'existing', entityId: 7, via: 'alias' }, 'the exact name wins')
  t.same(resolveEntity(person('George Walker Bush'), lookup, 'x'), { kind: 'new', key: 'PERSON:george walker bush' })
})

t.test('two people sharing a surname in two articles stay two entities; one person under two spellings is one', async (t) => {
  const { db } = await testDatabase({ t })
  const docs = [
    makeDoc({
      doc: 'one',
      body: 'Matthew Miller spoke for the State Department. Miller said Kim Jong Un was in Russia.',
      mentions: [
        ['Matthew Miller', 'PERSON', 'Matthew Miller'],
        ['Miller', 'PERSON', 'Matthew Miller'],
        ['Kim Jong Un', 'PERSON', 'Kim Jong Un'],
      ],
    }),
    makeDoc({
      doc: 'two',
      body: 'Stephen Miller advised the campaign. Miller said Kim Jong-un would be welcome.',
      mentions: [
        ['Stephen Miller', 'PERSON', 'Stephen Miller'],
        ['Miller', 'PERSON', 'Stephen Miller'],
        ['Kim Jong-un', 'PERSON', 'Kim Jong-un'],
      ],
    }),
    makeDoc({ doc: 'three', body: 'Miller declined to comment.', mentions: [['Miller', 'PERSON', 'Miller']] }),
  ]
  for (const doc of docs) saveArticle(db, doc, { contentHash: contentHash(doc.article.body) })
  const people = db.prepare(`SELECT name, article_count, mention_count FROM entities ORDER BY id`).all()
  t.same(people, [
    { name: 'Matthew Miller', article_count: 1, mention_count: 2 },
    { name: 'Kim Jong Un', article_count: 2, mention_count: 2 },
    { name: 'Stephen Miller', article_count: 1, mention_count: 2 },
    { name: 'Miller', article_count: 1, mention_count: 1 },
  ])
  const kimAliases = db
    .prepare(`SELECT alias FROM entity_aliases WHERE entity_id = (SELECT id FROM entities WHERE name = 'Kim Jong Un') ORDER BY alias`)
    .pluck()
    .all()
  t.same(kimAliases, ['Kim Jong Un', 'Kim Jong-un'], 'aliases accumulate')
})

t.test('story scores: rare shared names and headlines join; common names or distant dates do not', async (t) => {
  const total = 1000
  const article = (publishedAt: string | null, headline: string, entities: [number, number][]) => ({
    publishedAt,
    headline,
    entities: new Map(entities.map(([id, df]) => [id, rarity(df, total)])),
    speakers: new Set<number>(),
    clusters: new Set<number>(),
  })
  // Entity ids with how many articles mention them: 1-2 everywhere (a president, a country), 10-13 rare.
  const a = article('2016-03-01T12:00:00Z', 'Senate blocks pipeline bill after filibuster', [[1, 700], [2, 500], [10, 3], [11, 2], [12, 4]])
  const b = article('2016-03-02T09:00:00Z', 'Pipeline bill fails in Senate', [[1, 700], [2, 500], [10, 3], [11, 2], [12, 4], [13, 1]])
  t.ok(storyScore(a, b) >= STORY_THRESHOLD, 'same event')
  t.equal(storyScore(a, { ...b, publishedAt: '2016-05-02T09:00:00Z' }), 0, 'two months later')
  t.ok(storyScore(a, { ...b, publishedAt: null }) >= STORY_THRESHOLD, 'undated: content alone')
  const c = article('2016-03-01T15:00:00Z', 'Candidates trade barbs at rally', [[1, 700], [2, 500], [20, 5]])
  t.ok(storyScore(a, c) < STORY_THRESHOLD, 'only the names every article has')
})
