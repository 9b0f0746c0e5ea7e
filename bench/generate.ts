/**
 * A deterministic archive generator for benchmarks and API tests: realistic annotated articles
 * (Zipf-distributed outlets, speakers and entities, log-normal lengths, quotations with exact
 * offsets, ten years of dates, stories reported by several outlets with quote variants), written
 * straight through the store layer in batched transactions.
 *
 *   npx tsx bench/generate.ts --database bench.db --articles 1000000 [--seed 1] [--batch 1000] [--vacuum]
 */
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import type { Database } from 'better-sqlite3'
import { openDatabase } from '../src/db/connection.js'
import { migrate } from '../src/db/migrate.js'
import { contentHash, saveArticles } from '../src/db/store.js'
import type { NewsDoc } from '../src/pipeline/document.js'
import { writeArticle, quoteText, type ArticlePlan, type Story } from './generate/article.js'
import { Random } from './generate/random.js'
import { World } from './generate/world.js'
import { ADJECTIVES, NOUNS, VERBS_PAST } from './generate/vocabulary.js'

export interface GenerateOptions {
  articles: number
  seed: number
  /** Articles per write transaction. */
  batch?: number
  /** Share of articles that belong to a multi-outlet story (default 0.25). */
  storyShare?: number
  /** Share of pages that state no date (default 0.005): real scrapes have them. */
  undatedShare?: number
  onProgress?: (done: number, total: number) => void
}

export interface GenerateSummary {
  articles: number
  added: number
  quotes: number
  mentions: number
  stories: number
  /** UTF-8 bytes of the generated text (headlines and bodies): what the database size compares with. */
  textBytes: number
  ms: number
}

/**
 * Pragmas for building a disposable archive, returned with what they replace. synchronous=OFF: a
 * crash while generating may corrupt the file, which is then generated again; the loader itself
 * keeps synchronous=NORMAL. A 1 GB page cache keeps the indexes written at random positions (dates,
 * entities, term keys) in memory, and a larger WAL between checkpoints copies each page fewer times.
 */
const BULK_PRAGMAS = { synchronous: 'OFF', cache_size: '-1048576', wal_autocheckpoint: '20000' }

function setPragmas(db: Database, pragmas: Record<string, string | number>): Record<string, string | number> {
  const previous: Record<string, string | number> = {}
  for (const [name, value] of Object.entries(pragmas)) {
    previous[name] = db.pragma(name, { simple: true }) as string | number
    db.pragma(`${name} = ${value}`)
  }
  return previous
}

const FROM = Date.UTC(2015, 0, 1)
const TO = Date.UTC(2025, 0, 1)
const MINUTE = 60_000

/** The plans of all articles, in insertion order: single articles and story groups, dates over ten years. */
export function* planArchive(random: Random, world: World, options: GenerateOptions): Generator<ArticlePlan> {
  const storyShare = options.storyShare ?? 0.25
  const undatedShare = options.undatedShare ?? 0.005
  const minutes = (TO - FROM) / MINUTE
  const randomTime = () => FROM + random.int(0, minutes - 1) * MINUTE
  let n = 0
  const docName = () => `gen-${options.seed}-${String(n++).padStart(7, '0')}`
  const wire = () => (random.chance(0.3) ? random.pick(world.wires) : null)
  while (n < options.articles) {
    // A story group is ~4.5 articles; starting one with probability p/4.5 gives a story share of ~p.
    if (random.chance(storyShare / 4.5) && options.articles - n >= 2) {
      const size = Math.min(random.int(2, 7), options.articles - n)
      const story: Story = {
        speaker: world.person(random),
        place: world.place(random),
        rare: [world.rarePerson(random), world.rareOrg(random), world.rarePerson(random)],
        statement: quoteText(random).replace(/[.,]/g, '').split(' '),
        headlineWords: [random.pick(VERBS_PAST), random.pick(ADJECTIVES), random.pick(NOUNS)],
      }
      const start = randomTime()
      let time = start
      const wireCopy = wire()
      for (let i = 0; i < size; i++) {
        // Outlets running the same wire copy often publish it the same minute: ties in published_at.
        if (i > 0 && !(wireCopy && random.chance(0.4))) time = start + random.int(0, 3 * 24 * 60) * MINUTE
        yield { doc: docName(), outlet: world.outlet(random), wire: wireCopy, time, story }
      }
    } else {
      const time = random.chance(undatedShare) ? null : randomTime()
      yield { doc: docName(), outlet: world.outlet(random), wire: wire(), time, story: null }
    }
  }
}

/**
 * Generates `articles` articles from `seed` into a migrated database through `saveArticles`, the
 * store's bulk form of `saveArticle`.
 * The same seed gives the same documents; saving them again adds nothing (content hashes).
 */
export function generateArchive(db: Database, options: GenerateOptions): GenerateSummary {
  const started = performance.now()
  const random = new Random(options.seed)
  const world = new World(random, options.articles)
  const batchSize = options.batch ?? 500
  const summary: GenerateSummary = { articles: 0, added: 0, quotes: 0, mentions: 0, stories: 0, textBytes: 0, ms: 0 }
  const stories = new Set<Story>()
  const writeBatch = (docs: NewsDoc[]) => {
    summary.added += saveArticles(db, docs.map((doc) => ({ doc, contentHash: contentHash(doc.article.body) })))
  }
  const previous = setPragmas(db, BULK_PRAGMAS)
  try {
    generateInto(random, world, options, batchSize, writeBatch, summary, stories)
  } finally {
    setPragmas(db, previous)
  }
  summary.stories = stories.size
  summary.ms = Math.round(performance.now() - started)
  return summary
}

function generateInto(
  random: Random,
  world: World,
  options: GenerateOptions,
  batchSize: number,
  writeBatch: (docs: NewsDoc[]) => void,
  summary: GenerateSummary,
  stories: Set<Story>,
) {
  let batch: NewsDoc[] = []
  for (const plan of planArchive(random, world, options)) {
    const doc = writeArticle(random, world, plan)
    if (plan.story) stories.add(plan.story)
    summary.articles++
    summary.quotes += doc.quotes.length
    summary.mentions += doc.mentions.length
    summary.textBytes += Buffer.byteLength(doc.article.body) + Buffer.byteLength(doc.article.headline ?? '')
    batch.push(doc)
    if (batch.length >= batchSize) {
      writeBatch(batch)
      batch = []
      options.onProgress?.(summary.articles, options.articles)
    }
  }
  if (batch.length) writeBatch(batch)
  options.onProgress?.(summary.articles, options.articles)
}

function vacuumedSize(db: Database, textBytes: number, bytes: () => number) {
  db.exec('VACUUM')
  db.pragma('wal_checkpoint(TRUNCATE)')
  const vacuumedBytes = bytes()
  return { vacuumedBytes, vacuumedRatio: Number((vacuumedBytes / textBytes).toFixed(2)) }
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      database: { type: 'string' },
      articles: { type: 'string', default: '5000' },
      seed: { type: 'string', default: '1' },
      batch: { type: 'string', default: '1000' },
      quiet: { type: 'boolean', default: false },
      vacuum: { type: 'boolean', default: false },
    },
  })
  const database = values.database ?? process.env.DATABASE_PATH
  const articles = Number(values.articles)
  const seed = Number(values.seed)
  if (!database || !Number.isInteger(articles) || articles < 1 || !Number.isInteger(seed)) {
    process.stderr.write('usage: generate --database PATH [--articles N] [--seed N] [--batch N] [--quiet] [--vacuum]\n')
    return 2
  }
  const db = openDatabase(database)
  try {
    migrate(db)
    const summary = generateArchive(db, {
      articles,
      seed,
      batch: Number(values.batch),
      onProgress: values.quiet
        ? undefined
        : (done, total) => process.stderr.write(`\r${done}/${total} articles`),
    })
    if (!values.quiet) process.stderr.write('\n')
    // The size the archive takes once the WAL is folded in, against the text it holds.
    db.pragma('wal_checkpoint(TRUNCATE)')
    const bytes = () => (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number)
    const databaseBytes = bytes()
    const sizeRatio = Number((databaseBytes / summary.textBytes).toFixed(2))
    const perSecond = Math.round(summary.articles / (summary.ms / 1000))
    // --vacuum: the size of the same archive rewritten compactly (free pages dropped, index pages
    // packed full), as a built archive that is then only read can be shipped.
    const vacuumed = values.vacuum ? vacuumedSize(db, summary.textBytes, bytes) : {}
    process.stdout.write(`${JSON.stringify({ database, seed, ...summary, perSecond, databaseBytes, sizeRatio, ...vacuumed })}\n`)
  } finally {
    db.close()
  }
  return 0
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`generate: ${(error as Error).stack ?? String(error)}\n`)
      process.exitCode = 1
    },
  )
}
