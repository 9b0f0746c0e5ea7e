/**
 * Finds the story among a page's blocks (lines of a text page, block elements of an HTML page).
 *
 * The heuristics, in order:
 *  1. Each block gets a kind: prose (a sentence or more), a short line, or page furniture
 *     (section titles, comment forms, hashtags, teasers cut with "...", breadcrumbs, image metadata).
 *  2. Furniture, teasers and three or more short lines in a row (menus, lists of headlines) split the
 *     page into runs; the story is the run with the most prose.
 *  3. The run's leading lines that are not prose (title, date stamp, byline, photo caption) form its
 *     header; trailing ones (date stamps, sign-offs, stray labels) are dropped.
 *  4. The headline is the header's title line; the lead paragraph gives the dateline and wire.
 */
import { ExtractError } from './errors.js'
import { isBreadcrumb, isFurniture, isHashtagLine, isJunk, isSectionTitle } from './boilerplate.js'
import { isDateLine, parseDate, type PublishedDate } from './dates.js'
import { readByline, readDateline, readSignOff, type Byline } from './wires.js'

export interface Block {
  /** Whitespace-normalised text. */
  text: string
  /** True when a blank line (or a block boundary in HTML) separates it from the block before. */
  blankBefore: boolean
  /** An HTML heading (h1–h6). */
  heading?: boolean
  /** HTML: the share of its characters inside links. */
  linkDensity?: number
  /** Embedded content (a tweet): part of the story, but neither starts nor ends it. */
  embed?: boolean
}

export interface Story {
  headline: string | null
  dateline: string | null
  wire: string | null
  author: string | null
  published: PublishedDate | null
  captions: string[]
  paragraphs: string[]
}

export interface StoryOptions {
  /** A headline known from elsewhere (metadata, a record): a block repeating it is not body. */
  knownHeadline?: string | null
}

type Kind =
  | 'prose' // a sentence or more
  | 'short' // a title, subhead, label or menu item
  | 'junk' // not text: skipped wherever it stands
  | 'end' // furniture that follows a story: section titles, comment forms, hashtags
  | 'teaser' // a summary cut short, a breadcrumb, a block of links
  | 'date'
  | 'byline'
  | 'signoff'
  | 'caption'
  | 'embed'

interface Unit extends Block {
  kind: Kind
  words: number
  byline?: Byline
  signOffWire?: string | null
}

/** Ends a sentence, allowing closing quotes and a bracketed credit ("… here. [Buzzfeed]"). */
const TERMINAL = /[.!?…]["”’')\]]*(?:\s*\[[^\]]{1,40}\])?$/
/** A sentence that introduces a list or a quotation ("… has the following tasks:"). */
const ANNOUNCES = /:$/
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?'
/** "… in the far eastern Amur region, Russia, September 13, 2023." — a photo's place and day. */
const ENDS_WITH_PLACE_DATE = new RegExp(`,\\s*(?:${MONTH}\\s+\\d{1,2},?\\s+\\d{4}|\\d{1,2}\\s+${MONTH},?\\s+\\d{4})\\.?$`)
/** "Photo: …", "(AP Photo/Evan Vucci)", "REUTERS/Evelyn Hockstein/File Photo", "… Getty Images" */
const PHOTO_PREFIX = /^(?:photo|image|picture|file photo|pictured|caption)\s*(?:[:|–—]|-\s)/i
const PHOTO_CREDIT =
  /(?:\((?:[\p{L}.]+\s)?(?:Photo|Image|Picture)s?\b[^)]*\)|\b(?:REUTERS|AFP|AP Photo|EPA|Getty Images|Bloomberg)\s*\/\s*[\p{L} .'’/-]+|\bGetty Images|\bFile Photo)\.?$/u

function classify(block: Block): Unit {
  const text = block.text
  const words = text.split(' ').filter(Boolean).length
  const unit: Unit = { ...block, kind: 'short', words }
  if (block.embed) unit.kind = text ? 'embed' : 'junk'
  else if (isJunk(text)) unit.kind = 'junk'
  else if (isFurniture(text) || isHashtagLine(text) || (words <= 8 && isSectionTitle(text))) unit.kind = 'end'
  else if (isBreadcrumb(text)) unit.kind = 'teaser'
  else if (block.linkDensity !== undefined && block.linkDensity > 0.6 && !TERMINAL.test(text)) unit.kind = 'teaser'
  else if (PHOTO_PREFIX.test(text) || (words <= 60 && PHOTO_CREDIT.test(text))) unit.kind = 'caption'
  else if (isDateLine(text)) unit.kind = 'date'
  else {
    const byline = readByline(text)
    const signOff = byline ? null : readSignOff(text)
    if (byline) Object.assign(unit, { kind: 'byline', byline })
    else if (signOff) Object.assign(unit, { kind: 'signoff', signOffWire: signOff.wire })
    // a title line has no full stop; a paragraph has one (or is too long to be anything else)
    else if (!block.heading && /\p{Ll}/u.test(text) && (words > 30 || (words >= 4 && (TERMINAL.test(text) || ANNOUNCES.test(text)))))
      unit.kind = 'prose'
  }
  return unit
}

/**
 * A summary cut mid-word by its site ("… for the Indian Air...") after a title line is a teaser for
 * another story. A sentence that ends in an ellipsis of its own ("… so has President Bush. ...") is not.
 */
function markTeasers(units: Unit[]): void {
  let prev: Unit | null = null
  for (const u of units) {
    if (u.kind === 'junk') continue
    const cut = /[\p{L}\p{N})\]](?:\.\.\.|…)$/u.test(u.text)
    if (cut && (u.kind === 'short' || (prev && (prev.kind !== 'prose' || prev.words <= 20)))) u.kind = 'teaser'
    prev = u
  }
}

/**
 * Splits the units into runs at furniture and at lists of short lines: three headlines in a row
 * (short lines of four words or more) or six short lines of any length (a menu). Short lines after
 * a sentence ending in ":" are the list it announces and stay in the story; so do the one- and
 * two-word lines of a letters page (names, places).
 */
function runs(units: Unit[]): Array<[start: number, end: number]> {
  const out: Array<[number, number]> = []
  let start = 0
  let shorts: number[] = []
  let announced = false
  const burst = () => shorts.length >= 6 || shorts.filter((i) => units[i].words >= 4).length >= 3
  // a short line that ends like a sentence ("Oh.", "Henderson, Nev.") is not a menu item or a headline
  const listy = (u: Unit) => u.kind === 'short' && !TERMINAL.test(u.text)
  const close = (end: number) => {
    if (end > start) out.push([start, end])
  }
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]
    if (unit.kind === 'end' || unit.kind === 'teaser') {
      close(burst() ? shorts[0] : i)
      start = i + 1
      shorts = []
      announced = false
    } else if (unit.kind === 'short') {
      if (!announced && listy(unit)) shorts.push(i)
    } else if (unit.kind !== 'junk' && unit.kind !== 'embed') {
      if (burst()) {
        close(shorts[0])
        // the burst's last line may be the title of what follows (a list ends, the story begins)
        start = shorts[shorts.length - 1]
      }
      shorts = []
      announced = unit.kind === 'prose' && unit.text.endsWith(':')
    }
  }
  close(burst() ? shorts[0] : units.length)
  return out
}

const proseChars = (units: Unit[], [s, e]: [number, number]) =>
  units.slice(s, e).reduce((n, u) => n + (u.kind === 'prose' ? u.text.length : 0), 0)

const sameText = (a: string, b: string) => {
  const key = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')
  return key(a) === key(b)
}

/** A line that can be a story's title: a few words, not a sentence of the lead. */
function titleLike(u: Unit): boolean {
  if (u.kind !== 'short' && u.kind !== 'prose') return false
  if (u.words < 2 || u.words > 30 || u.text.length > 250 || /:$/.test(u.text)) return false
  // "FIX IS IN: PBS Moderators Ignore …" reads like a dateline but is a title-cased headline
  return readDateline(u.text) === null || titleCased(u.text)
}

/** Title case: most words of four letters or more start with a capital. */
function titleCased(text: string): boolean {
  const long = text.split(' ').filter((w) => /^[\p{L}'’‘“"]{4,}/u.test(w))
  if (long.length < 2) return false
  return long.filter((w) => /^[‘“"']?\p{Lu}/u.test(w)).length / long.length >= 0.7
}

/** Throws ExtractError when the blocks hold no prose at all. */
export function readStory(blocks: Block[], options: StoryOptions = {}): Story {
  const units = blocks.filter((b) => b.text.length > 0).map(classify)
  markTeasers(units)
  let best: [number, number] | null = null
  let bestChars = 0
  for (const run of runs(units)) {
    const chars = proseChars(units, run)
    if (chars > bestChars) [best, bestChars] = [run, chars]
  }
  if (!best) throw new ExtractError('no story text found: the page has no paragraphs of prose')
  const [s, e] = best

  // 3. header: the leading non-prose lines, plus a photo caption or the document's title line
  const nextContent = (i: number) => {
    let j = i + 1
    while (j < e && units[j].kind === 'junk') j++
    return j < e ? units[j] : null
  }
  const isHeaderCaption = (i: number) => {
    const u = units[i]
    if (u.kind === 'caption') return true
    if (u.kind !== 'prose' || !ENDS_WITH_PLACE_DATE.test(u.text)) return false
    const next = nextContent(i)
    return next !== null && (next.kind === 'date' || next.kind === 'byline' || next.kind === 'caption' ||
      (next.kind === 'prose' && readDateline(next.text) !== null))
  }
  const isTitleLine = (i: number) => {
    const u = units[i]
    if (u.kind === 'short') return true
    if (u.kind !== 'prose' || !titleLike(u) || options.knownHeadline) return false
    // a clean article text opens with its title line: short, set apart, then the story
    const next = nextContent(i)
    const first = units.slice(0, i).every((p) => p.kind !== 'prose' && p.kind !== 'short')
    return (
      first && next !== null && next.blankBefore && (next.kind === 'prose' || next.kind === 'short') &&
      (titleCased(u.text) || u.words <= 25)
    )
  }
  const repeatsHeadline = (u: Unit) => !!options.knownHeadline && sameText(u.text, options.knownHeadline)

  let b = s
  while (b < e) {
    const u = units[b]
    if (u.kind === 'prose' && !isHeaderCaption(b) && !isTitleLine(b) && !repeatsHeadline(u)) break
    b++
  }
  if (b === e) b = s // nothing but header-like lines: keep them all as the body

  // trailing lines that are not story: date stamps, sign-offs, labels
  let end = e
  while (end > b + 1 && ['junk', 'short', 'date', 'byline', 'signoff', 'caption'].includes(units[end - 1].kind)) end--

  const header = units.slice(s, b)
  const body = units.slice(b, end)
  const tail = units.slice(end, e)
  const captions: string[] = []
  // the title comes before its dek and labels: the first title-like header line of four words or more,
  // else the one nearest the story
  const titles = header.filter((u, k) => !isHeaderCaption(s + k) && titleLike(u) && !repeatsHeadline(u))
  const headline = (titles.find((u) => u.words >= 4) ?? titles[titles.length - 1])?.text ?? null
  for (let i = s; i < b; i++) if (isHeaderCaption(i)) captions.push(units[i].text)

  const paragraphs: string[] = []
  let signOffWire: string | null = null
  for (const u of body) {
    if (u.kind === 'caption') captions.push(u.text)
    else if (u.kind === 'signoff') signOffWire ??= u.signOffWire ?? null
    else if (u.kind !== 'junk' && !(paragraphs.length === 0 && repeatsHeadline(u))) paragraphs.push(u.text)
  }
  if (paragraphs.length === 0) throw new ExtractError('no story text found: the page has no paragraphs of prose')

  const lead = readDateline(paragraphs[0])
  const byline = [...header, ...tail].find((u) => u.kind === 'byline')?.byline ?? null
  for (const u of tail) if (u.kind === 'signoff') signOffWire ??= u.signOffWire ?? null

  // the date: a date stamp in the header, a byline with a date, a stamp just before the story, a stamp after it
  const before = units.slice(Math.max(0, s - 5), s).reverse()
  const stamp =
    header.find((u) => u.kind === 'date') ??
    header.find((u) => u.kind === 'byline' && parseDate(u.text)) ??
    before.find((u) => u.kind === 'date') ??
    tail.find((u) => u.kind === 'date')

  return {
    headline,
    dateline: lead?.place ?? null,
    wire: lead?.wire ?? byline?.wire ?? signOffWire,
    author: byline?.author ?? null,
    published: stamp ? parseDate(stamp.text) : null,
    captions,
    paragraphs,
  }
}
