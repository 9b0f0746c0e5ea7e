/**
 * An article's many rows (mentions, entity links, quote look-up keys) are written several to a
 * statement: every one of them must still be stored, in document order, exactly as the annotation
 * has it. Seed 002 has more mentions than one statement takes.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { termKey } from '../src/db/store/quotes.js'
import { MIN_VARIANT_WORDS, quoteFeatures, variantTerms } from '../src/linking/quotes.js'
import { extractFile } from '../src/pipeline/extract.js'
import { annotate } from '../src/pipeline/index.js'
import { testDatabase } from './helpers/db.js'
import { seedsDir } from './helpers/paths.js'

t.test("a seed article's mentions, entity links and quote keys are all stored", async (t) => {
  const { db } = await testDatabase({ seeds: true, t })
  const name = '002_895e1364544806c4.txt'
  const [{ doc: docName, article }] = extractFile({ name, content: readFileSync(join(seedsDir, name), 'utf8') })
  const doc = annotate(docName, article)
  t.ok(doc.mentions.length > 32, `${doc.mentions.length} mentions: more than one statement's worth`)

  const articleId = db.prepare('SELECT id FROM articles WHERE doc = ?').pluck().get(docName) as number
  const stored = db.prepare('SELECT start, end, text FROM mentions WHERE article_id = ? ORDER BY id').all(articleId)
  t.same(
    stored,
    doc.mentions.map((m) => ({ start: m.start, end: m.end, text: m.text })),
    'every mention, in document order',
  )

  const linked = db.prepare('SELECT count(*) FROM article_entities WHERE article_id = ?').pluck().get(articleId)
  const entityCount = db.prepare('SELECT entity_count FROM articles WHERE id = ?').pluck().get(articleId)
  t.equal(linked, entityCount, 'one entity link per entity mentioned')
  t.ok((linked as number) > 0)

  const keysOf = db.prepare('SELECT key FROM quote_keys WHERE quote_id = ? ORDER BY key').pluck()
  const quotes = db.prepare('SELECT id, text FROM quotes WHERE article_id = ? ORDER BY id').all(articleId) as { id: number; text: string }[]
  let indexed = 0
  for (const q of quotes) {
    const expected = quoteFeatures(q.text).words < MIN_VARIANT_WORDS ? [] : [...new Set(variantTerms(q.text).map(termKey))].sort((a, b) => a - b)
    if (expected.length) indexed++
    t.same(keysOf.all(q.id), expected, `the look-up keys of "${q.text.slice(0, 40)}…"`)
  }
  t.ok(indexed > 0, 'some quotes are long enough to be indexed')
})
