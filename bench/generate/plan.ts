import { contentHash } from '../../src/db/store.js'
import { linkedPreparer, type PreparedArticle } from '../../src/db/store/linked.js'
import type { NewsDoc } from '../../src/pipeline/document.js'
import { quoteText, writeLinkedArticle, type ArticlePlan, type Story } from './article.js'
import { Random } from './random.js'
import { ADJECTIVES, NOUNS, VERBS_PAST } from './vocabulary.js'
import { World } from './world.js'

/** What decides the articles of an archive: the same options give the same articles. */
export interface PlanOptions {
  articles: number
  seed: number
  /** Share of articles that belong to a multi-outlet story (default 0.25). */
  storyShare?: number
  /** Share of pages that state no date (default 0.005): real scrapes have them. */
  undatedShare?: number
}

const FROM = Date.UTC(2015, 0, 1)
const TO = Date.UTC(2025, 0, 1)
const MINUTE = 60_000

/** The plans of all articles, in insertion order: single articles and story groups, dates over ten years. */
export function* planArchive(random: Random, world: World, options: PlanOptions): Generator<ArticlePlan> {
  const storyShare = options.storyShare ?? 0.25
  const undatedShare = options.undatedShare ?? 0.005
  const minutes = (TO - FROM) / MINUTE
  const randomTime = () => FROM + random.int(0, minutes - 1) * MINUTE
  let n = 0
  let stories = 0
  const docName = () => `gen-${options.seed}-${String(n++).padStart(7, '0')}`
  const wire = () => (random.chance(0.3) ? random.pick(world.wires) : null)
  while (n < options.articles) {
    // A story group is ~4.5 articles; starting one with probability p/4.5 gives a story share of ~p.
    if (random.chance(storyShare / 4.5) && options.articles - n >= 2) {
      const size = Math.min(random.int(2, 7), options.articles - n)
      const story: Story = {
        id: stories++,
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

/** How the generated articles are linked into stories and quote clusters (see GenerateOptions.linking). */
export type Linking = 'search' | 'plan'

/** Articles ready for the store, in one of two forms by linking, with what the summary counts of them. */
export interface Batch {
  /** Linking 'search': the documents, which the store links as it saves them. */
  items: { doc: NewsDoc; contentHash: string }[]
  /** Linking 'plan': the articles with the links the plan gave them, prepared for a linked import. */
  prepared: PreparedArticle[]
  quotes: number
  mentions: number
  /** UTF-8 bytes of the headlines and bodies. */
  textBytes: number
}

/**
 * The archive's articles written out in batches of `batchSize`, in insertion order; returns how
 * many stories they tell. Pure computation: it runs in a worker thread while another thread writes.
 */
export function* produceBatches(options: PlanOptions, batchSize: number, linking: Linking): Generator<Batch, number> {
  const random = new Random(options.seed)
  const world = new World(random, options.articles)
  const stories = new Set<Story>()
  const prepare = linkedPreparer()
  const empty = (): Batch => ({ items: [], prepared: [], quotes: 0, mentions: 0, textBytes: 0 })
  let batch = empty()
  for (const plan of planArchive(random, world, options)) {
    const { doc, story, clusters } = writeLinkedArticle(random, world, plan)
    if (plan.story) stories.add(plan.story)
    const hash = contentHash(doc.article.body)
    if (linking === 'plan') batch.prepared.push(prepare({ doc, contentHash: hash, story, clusters }))
    else batch.items.push({ doc, contentHash: hash })
    batch.quotes += doc.quotes.length
    batch.mentions += doc.mentions.length
    batch.textBytes += Buffer.byteLength(doc.article.body) + Buffer.byteLength(doc.article.headline ?? '')
    if (batch.items.length + batch.prepared.length >= batchSize) {
      yield batch
      batch = empty()
    }
  }
  if (batch.items.length + batch.prepared.length) yield batch
  return stories.size
}
