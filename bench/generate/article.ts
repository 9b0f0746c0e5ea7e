import { newDoc, emptyArticle, type NewsDoc } from '../../src/pipeline/document.js'
import { BodyBuilder } from './body.js'
import type { Random } from './random.js'
import { ADJECTIVES, CUES, DAYS, NOUNS, VERBS_BASE, VERBS_PAST } from './vocabulary.js'
import type { Outlet, World, WorldEntity } from './world.js'

/** What the articles of one story share: the event, its main speaker, a statement, rare names. */
export interface Story {
  /** The story's number in its archive. */
  id: number
  speaker: WorldEntity
  place: WorldEntity
  /** Long-tail people and organisations only this event brings together. */
  rare: WorldEntity[]
  /** The statement every outlet quotes, each in slightly different words. */
  statement: string[]
  headlineWords: string[]
}

export interface ArticlePlan {
  doc: string
  outlet: Outlet
  wire: string | null
  /** Milliseconds since the epoch, or null for a page that states no date. */
  time: number | null
  story: Story | null
}

interface Context {
  r: Random
  world: World
  b: BodyBuilder
  story: Story | null
  lastSpeaker: WorldEntity | null
  /** Per quote written: whether it reports the story's statement. */
  statement: boolean[]
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

function phrase(r: Random): string {
  return `${r.pick(ADJECTIVES)} ${r.pick(NOUNS)}`
}

/**
 * Clauses of a quotation: the fixed words are short function words, so what two quotations share is
 * the words drawn for them — unrelated quotes are not mistaken for variants of one statement.
 */
const CLAUSES: ReadonlyArray<(r: Random) => string> = [
  (r) => `we will ${r.pick(VERBS_BASE)} the ${phrase(r)}`,
  (r) => `the ${r.pick(NOUNS)} must ${r.pick(VERBS_BASE)} ${r.pick(NOUNS)} and ${r.pick(NOUNS)}`,
  (r) => `our ${r.pick(NOUNS)} ${r.pick(VERBS_PAST)} the ${phrase(r)}`,
  (r) => `this is a ${phrase(r)} for ${r.pick(NOUNS)}`,
  (r) => `I do not ${r.pick(VERBS_BASE)} the ${r.pick(NOUNS)} on ${r.pick(NOUNS)}`,
  (r) => `they have ${r.pick(VERBS_PAST)} ${phrase(r)} and ${r.pick(NOUNS)}`,
  (r) => `no ${r.pick(NOUNS)} can ${r.pick(VERBS_BASE)} ${phrase(r)} on its own`,
  (r) => `it is ${r.pick(ADJECTIVES)} to ${r.pick(VERBS_BASE)} ${r.pick(NOUNS)} before ${r.pick(NOUNS)}`,
  (r) => `the ${phrase(r)} has ${r.pick(VERBS_PAST)} our ${r.pick(NOUNS)}`,
  (r) => `you cannot ${r.pick(VERBS_BASE)} ${r.pick(NOUNS)} by ${r.pick(NOUNS)} alone`,
]

const JOINERS = [', and ', ' but ', ', so ', '. ', ' because ', ' while ']

/** The words of a quotation: two to four clauses, roughly 10 to 40 words. */
export function quoteText(r: Random): string {
  let text = r.pick(CLAUSES)(r)
  const clauses = r.int(2, 4)
  for (let i = 1; i < clauses; i++) {
    const joiner = r.pick(JOINERS)
    const clause = r.pick(CLAUSES)(r)
    text += joiner + (joiner === '. ' ? cap(clause) : clause)
  }
  return cap(text)
}

/**
 * The story's statement as one outlet quotes it: a word swapped, a word dropped or the opening cut,
 * as when outlets transcribe the same briefing. Enough stays the same for the variant linker.
 */
export function statementVariant(r: Random, words: readonly string[]): string {
  const w = [...words]
  if (r.chance(0.5)) w[r.int(2, w.length - 1)] = r.pick(NOUNS)
  if (r.chance(0.3)) w.splice(r.int(2, w.length - 2), 1)
  if (r.chance(0.2) && w.length > 12) w.splice(0, 2)
  return cap(w.join(' '))
}

/** A quotation paragraph in one of the attribution forms news copy uses. */
function quoteParagraph(c: Context): void {
  const { r, b, world } = c
  const statement = c.story !== null && r.chance(0.4)
  const text = statement ? statementVariant(r, c.story!.statement) : quoteText(r)
  const speaker = c.story && r.chance(0.5) ? c.story.speaker : world.person(r)
  b.startSentence()
  const form = r.next()
  if (form < 0.08) {
    // An organisation speaking through a statement.
    const org = world.org(r)
    b.write('The ')
    const who = b.mention(org, org.name)
    b.write(' ')
    const cue = b.write('said in a statement')
    b.write(': “')
    const q = b.write(text)
    b.write('.”')
    b.quote(q, org, who, cue, 'organisation', 0.9)
    c.statement.push(statement)
  } else if (form < 0.2 && c.lastSpeaker) {
    const who = c.lastSpeaker
    b.write('“')
    const q = b.write(text)
    b.write(',” ')
    const pronoun = b.write(who.pronoun)
    b.write(' ')
    const cue = b.write(r.pick(['added', 'said']))
    b.write('.')
    b.quote(q, who, pronoun, cue, 'pronoun', 0.75)
    c.statement.push(statement)
  } else if (form < 0.24) {
    b.write('“')
    const q = b.write(text)
    b.write(',” one official said on condition of anonymity.')
    b.quote(q, null, null, null, 'unresolved', 0.2)
    c.statement.push(statement)
  } else if (form < 0.55) {
    const named = !b.introduced.has(speaker.key)
    if (named && speaker.role) b.write(`${cap(speaker.role)} `)
    const who = b.person(speaker)
    b.write(' ')
    const cue = b.write(r.pick(CUES))
    b.write(': “')
    const q = b.write(text)
    b.write('.”')
    b.quote(q, speaker, who, cue, named ? 'named' : 'surname', named ? 0.95 : 0.85)
    c.statement.push(statement)
    c.lastSpeaker = speaker
  } else {
    const named = !b.introduced.has(speaker.key)
    b.write('“')
    const q = b.write(text)
    b.write(',” ')
    const who = b.person(speaker)
    b.write(' ')
    const cue = b.write('said')
    if (named && speaker.role) b.write(`, the ${speaker.role}`)
    b.write('.')
    b.quote(q, speaker, who, cue, named ? 'named' : 'surname', named ? 0.95 : 0.85)
    c.statement.push(statement)
    c.lastSpeaker = speaker
  }
  b.endSentence()
}

const FACTS: ReadonlyArray<(c: Context) => void> = [
  ({ r, b, world }) => {
    b.person(world.org(r))
    b.write(` ${r.pick(VERBS_PAST)} the ${phrase(r)} on ${r.pick(DAYS)}, saying the ${r.pick(NOUNS)} would ${r.pick(VERBS_BASE)} ${r.pick(NOUNS)} in `)
    const place = world.place(r)
    b.mention(place, place.name)
    b.write('.')
  },
  ({ r, b, world }) => {
    b.write('Officials in ')
    const place = world.place(r)
    b.mention(place, place.name)
    b.write(` said the ${r.pick(NOUNS)} had ${r.pick(VERBS_PAST)} ${phrase(r)} and ${r.pick(NOUNS)}.`)
  },
  ({ r, b, world, story }) => {
    const person = story && r.chance(0.5) ? r.pick(story.rare) : world.person(r)
    b.person(person)
    if (person.role) b.write(`, a ${person.role},`)
    b.write(` ${r.pick(VERBS_PAST)} the ${r.pick(NOUNS)} last ${r.pick(['week', 'month', 'year'])}.`)
  },
  ({ r, b, world }) => {
    b.write(`The ${r.pick(NOUNS)} comes after ${phrase(r)} in `)
    const place = world.place(r)
    b.mention(place, place.name)
    b.write(` ${r.pick(VERBS_PAST)} the ${r.pick(NOUNS)}, according to the `)
    const org = world.org(r)
    b.mention(org, org.name)
    b.write('.')
  },
  ({ r, b }) => {
    b.write(`Analysts expect ${phrase(r)} to ${r.pick(VERBS_BASE)} ${r.pick(NOUNS)} over the next ${r.int(2, 18)} months.`)
  },
  ({ r, b, world }) => {
    b.write(`The ${r.pick(NOUNS)} was ${r.int(1, 40)}.${r.int(0, 9)} percent ${r.pick(['higher', 'lower'])} than a year earlier, data from the `)
    const org = world.org(r)
    b.mention(org, org.name)
    b.write(' showed.')
  },
]

function leadParagraph(c: Context): void {
  const { r, b, world, story } = c
  b.startSentence()
  if (story) {
    const place = story.place
    b.write(`${cap(story.speaker.role ?? 'official')} `)
    b.person(story.speaker)
    b.write(` ${r.pick(VERBS_PAST)} the ${phrase(r)} in `)
    b.mention(place, place.name)
    b.write(' on ' + r.pick(DAYS) + ', after talks with ')
    b.person(story.rare[0])
    b.write(' and the ')
    b.mention(story.rare[1], story.rare[1].name)
    b.write('.')
  } else {
    const org = world.org(r)
    b.write('The ')
    b.mention(org, org.name)
    b.write(` on ${r.pick(DAYS)} ${r.pick(VERBS_PAST)} the ${phrase(r)} in `)
    const place = world.place(r)
    b.mention(place, place.name)
    b.write(`, a move that could ${r.pick(VERBS_BASE)} ${r.pick(NOUNS)} for ${r.pick(NOUNS)}.`)
  }
  b.endSentence()
}

function headline(r: Random, story: Story | null): string {
  if (story) {
    const [a, b, c] = story.headlineWords
    const core = `${story.speaker.short} ${a} ${b} over ${c}`
    return r.chance(0.5) ? core : r.chance(0.5) ? `${story.place.name}: ${core}` : `${core}, ${r.pick(NOUNS)} ${r.pick(VERBS_PAST)}`
  }
  return cap(`${phrase(r)} ${r.pick(VERBS_PAST)} as ${r.pick(NOUNS)} ${r.pick(['rises', 'falls', 'stalls', 'grows', 'widens'])} in ${r.pick(NOUNS)} ${r.pick(NOUNS)}`)
}

function iso(ms: number): string {
  return new Date(ms).toISOString()
}

/** The instant as the outlet's page states it: local wall time with its UTC offset. */
function local(ms: number, offsetHours: number): string {
  const shifted = new Date(ms + offsetHours * 3_600_000).toISOString().slice(0, 19)
  const sign = offsetHours < 0 ? '-' : '+'
  const abs = Math.abs(offsetHours)
  const hh = String(Math.floor(abs)).padStart(2, '0')
  const mm = String(Math.round((abs % 1) * 60)).padStart(2, '0')
  return `${shifted}${sign}${hh}:${mm}`
}

/** Writes one annotated article: a lead and 3 to 39 paragraphs of facts and quotations, realistic metadata. */
export function writeArticle(r: Random, world: World, plan: ArticlePlan): NewsDoc {
  return writeLinkedArticle(r, world, plan).doc
}

/**
 * The article as writeArticle writes it, with its links as the plan knows them: the story it belongs
 * to, and per quote the statement it reports (the variants of one story's statement by one speaker
 * are one cluster; an unattributed one is counted with the story's speaker).
 */
export function writeLinkedArticle(r: Random, world: World, plan: ArticlePlan): { doc: NewsDoc; story: string | null; clusters: (string | null)[] } {
  const b = new BodyBuilder()
  const c: Context = { r, world, b, story: plan.story, lastSpeaker: null, statement: [] }
  b.startParagraph()
  leadParagraph(c)
  b.endParagraph()
  // Paragraph counts are roughly log-normal around 14: most stories are short, a few run long.
  const paragraphs = Math.max(4, Math.min(40, Math.round(Math.exp(Math.log(14) + 0.45 * r.normal()))))
  for (let p = 1; p < paragraphs; p++) {
    b.startParagraph()
    if (r.chance(0.35)) quoteParagraph(c)
    else {
      const sentences = r.int(1, 3)
      for (let s = 0; s < sentences; s++) {
        b.startSentence()
        r.pick(FACTS)(c)
        b.endSentence()
      }
    }
    b.endParagraph()
  }
  const title = headline(r, plan.story)
  const article = emptyArticle(b.body())
  article.headline = title
  article.dateline = (plan.story?.place ?? world.place(r)).name.toUpperCase()
  article.publishedAt = plan.time === null ? null : iso(plan.time)
  article.publishedLocal = plan.time === null ? null : local(plan.time, plan.outlet.utcOffset)
  article.source = plan.outlet.name
  article.wire = plan.wire
  article.author = plan.wire || r.chance(0.25) ? null : r.pick(world.journalists)
  const day = plan.time === null ? 'undated' : iso(plan.time).slice(0, 10).replace(/-/g, '/')
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  article.url = `https://www.${plan.outlet.slug}.example/${day}/${slug}-${plan.doc.slice(-6)}`
  const doc = newDoc(plan.doc, article)
  doc.paragraphs = b.paragraphs
  doc.sentences = b.sentences
  doc.mentions = b.mentions
  doc.entities = b.docEntities()
  doc.quotes = b.quotes
  const story = plan.story
  if (!story) return { doc, story: null, clusters: doc.quotes.map(() => null) }
  const clusters = doc.quotes.map((q, i) => (c.statement[i] ? String(story.id) : null))
  return { doc, story: String(story.id), clusters }
}
