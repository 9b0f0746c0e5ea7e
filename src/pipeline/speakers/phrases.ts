/**
 * Reading the noun phrase beside a reporting verb: which words name the speaker, which describe them.
 *
 * "In a briefing, the official spokesperson of the US Department of State, Matthew Miller said"
 *   → name "Matthew Miller", role "official spokesperson of the US Department of State".
 * "said Geoff Garin, a Democratic pollster" → name "Geoff Garin", role "Democratic pollster".
 */
import { adjectives, lookupAlias, normaliseName } from '../names.js'
import { NOT_NAMES, PRONOUNS, ROLE_NOUNS } from './lexicon.js'

export interface Token {
  start: number
  end: number
  text: string
}

/** Words and single punctuation marks of body[from, to). */
export function tokens(body: string, from: number, to: number): Token[] {
  const out: Token[] = []
  const re = /[\p{L}\p{N}](?:[\p{L}\p{N}'’.\-&]*[\p{L}\p{N}.])?|[^\s\p{L}\p{N}]/gu
  re.lastIndex = from
  for (let m = re.exec(body); m && m.index < to; m = re.exec(body)) {
    let end = Math.min(m.index + m[0].length, to)
    let text = body.slice(m.index, end)
    // A full stop ends a word ("Miller.") unless the word is an initial, title or dotted acronym.
    if (text.length > 1 && text.endsWith('.') && !/^(\p{Lu}|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Jr|Sr|St|Prof|Rev|Adm|Gens|Reps|Sens)\.$/u.test(text) && !/^(\p{L}\.)+$/u.test(text)) {
      end -= 1
      text = text.slice(0, -1)
      re.lastIndex = end
    }
    out.push({ start: m.index, end, text })
  }
  return out
}

const STATES = /^(Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Kans|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo|N\.[A-Z]|S\.C|D\.C|R\.I)\.?$/

/** A US state (or its abbreviation), a country or another place the gazetteer knows. */
export function isPlaceName(text: string): boolean {
  const t = text.replace(/\.$/, '')
  if (STATES.test(t) || STATES.test(text)) return true
  return lookupAlias(t)?.type === 'PLACE'
}

const PARTICLES = new Set(['de', 'van', 'von', 'bin', 'al', 'el', 'la', 'le', 'da', 'del', 'di', 'du', 'ibn', 'der', 'ten', 'dos'])

export function isCapitalised(t: string): boolean {
  const c = t.charCodeAt(0)
  if (c < 128) return c >= 65 && c <= 90 // ASCII fast path: this runs for every token
  return /^\p{Lu}/u.test(t)
}

/** A run of capitalised words: a candidate name ("Sen. Ted Cruz", "U.S. State Department"). */
export interface NameRun {
  start: number
  end: number
  text: string
  /** Index range into the token array it came from. */
  first: number
  last: number
  /** Followed by a possessive ("Russia’s"). */
  possessive: boolean
}

/** Capitalised runs among tokens; sentence-initial function words ("The", "But") are left out. */
export function nameRuns(body: string, toks: Token[]): NameRun[] {
  const runs: NameRun[] = []
  let i = 0
  while (i < toks.length) {
    if (!isCapitalised(toks[i].text) || (NOT_NAMES.has(toks[i].text.replace(/\.$/, '')) && !givenMonth(body, toks, i))) {
      i++
      continue
    }
    let j = i
    while (j + 1 < toks.length) {
      const gap = body.slice(toks[j].end, toks[j + 1].start)
      // A space, or the no-break space scraped pages put inside names ("Stu\u00a0Burguiere").
      if (gap !== ' ' && gap !== '\u00a0' && gap !== '') break
      const nt = toks[j + 1].text
      if (gap === '' && nt !== '-') break
      // "The Post’s Chris Cillizza": a possessive ends the name it belongs to.
      if (/['’]s$/.test(toks[j].text)) break
      if (isCapitalised(nt) && !NOT_NAMES.has(nt.replace(/\.$/, ''))) {
        j++
        continue
      }
      // "Theresa May", "Ai Jun": a month's name after a name is part of it unless a date follows.
      if (MONTHS.test(nt) && !isTitleWord(toks[j].text) && !/^(\.|\d.*)$/.test(toks[j + 2]?.text ?? '') && body[toks[j + 1].end] !== '.') {
        j++
        continue
      }
      // "Secretary of State Madeleine Albright", "Speaker of the House Paul Ryan": an office and its
      // holder are one run, which splitTitle divides.
      if (nt === 'of' && isTitleWord(toks[j].text)) {
        const k = toks[j + 2]?.text === 'the' ? j + 3 : j + 2
        let m = k
        while (m < toks.length && (OFFICE_WORDS.has(toks[m].text) || (m > k && toks[m].text === 'and'))) m++
        // Only with the holder named after it: "the Secretary of State said" is a description.
        const holder = m > k && m < toks.length && isCapitalised(toks[m].text) && !NOT_NAMES.has(toks[m].text.replace(/\.$/, ''))
        if (holder && body.slice(toks[j].end, toks[m].start).split(/\s+/).every((w) => w === '' || w === 'of' || w === 'the' || w === 'and' || OFFICE_WORDS.has(w))) {
          j = m
          continue
        }
      }
      // "Charles de Gaulle", "Bashar al-Assad": a particle between capitals.
      if (PARTICLES.has(nt) && j + 2 < toks.length && isCapitalised(toks[j + 2].text) && /^[ \u00a0]$/.test(body.slice(toks[j + 1].end, toks[j + 2].start))) {
        j += 2
        continue
      }
      break
    }
    let end = toks[j].end
    let text = body.slice(toks[i].start, end)
    let possessive = false
    const pm = /['’]s?$/.exec(text)
    if (pm && text.length > pm[0].length) {
      end -= pm[0].length
      text = text.slice(0, -pm[0].length)
      possessive = true
    } else if (j + 2 < toks.length && /^['’]$/.test(toks[j + 1].text) && toks[j + 2].text === 's' && toks[j + 1].start === end) {
      possessive = true
    } else if (j + 1 < toks.length && /^['’]$/.test(toks[j + 1].text) && toks[j + 1].start === end && /s$/.test(text)) {
      possessive = true // "RealClearPolitics’ David Byler"
    }
    runs.push({ start: toks[i].start, end, text, first: i, last: j, possessive })
    i = j + 1
  }
  return runs
}

const TITLE_ABBREVIATIONS = new Set(['sen', 'rep', 'gov', 'gen', 'mr', 'mrs', 'ms', 'dr', 'lt', 'col', 'sgt', 'capt', 'adm', 'pres', 'rev', 'prof', 'cmdr', 'maj', 'gens', 'sens', 'reps', 'miss'])

/**
 * "Jan Brewer", "April Ryan": a month that is also a given name opens a name when a surname follows
 * at once, and no preposition or date word before it makes it the month ("in April Trump said").
 */
function givenMonth(body: string, toks: Token[], i: number): boolean {
  if (!/^(April|May|June|August|Jan)$/.test(toks[i].text) || i + 1 >= toks.length) return false
  const next = toks[i + 1]
  if (body.slice(toks[i].end, next.start) !== ' ' || !/^\p{Lu}\p{Ll}+$/u.test(next.text) || NOT_NAMES.has(next.text)) return false
  return !/^(in|on|since|by|until|till|last|next|this|that|early|late|mid|of|from|through|during|before|after|in|every|each|\d+)$/i.test(toks[i - 1]?.text ?? '')
}

const MONTHS = /^(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)$/

/** The departments and bodies an office is "of": "Secretary of State", "Speaker of the House". */
const OFFICE_WORDS = new Set([
  'State', 'Defense', 'Defence', 'Labor', 'Labour', 'Energy', 'Education', 'Commerce', 'Agriculture', 'Transportation',
  'Treasury', 'Interior', 'Justice', 'Health', 'Homeland', 'Security', 'Veterans', 'Affairs', 'Housing', 'Urban',
  'Development', 'Human', 'Services', 'House', 'Navy', 'Army', 'War', 'Foreign', 'Finance', 'Staff', 'Exchequer',
  'United', 'States', 'Nations', 'Kingdom',
])

/** Whether toks[k] ends "<title> of [the] <office words>" that starts at or after `first`. */
function officeBefore(toks: Token[], first: number, k: number): boolean {
  let i = k
  while (i > first && (OFFICE_WORDS.has(toks[i - 1].text) || toks[i - 1].text === 'and')) i--
  if (toks[i - 1]?.text === 'the') i--
  return i - 2 >= first && toks[i - 1]?.text === 'of' && isTitleWord(toks[i - 2].text) && OFFICE_WORDS.has(toks[k].text) && !OFFICE_WORDS.has(toks[k + 1]?.text ?? '')
}

function isTitleWord(t: string): boolean {
  const w = t.replace(/\.$/, '').toLowerCase()
  return ROLE_NOUNS.has(w) || TITLE_ABBREVIATIONS.has(w) || w === 'secretary' || w === 'press'
}

/**
 * Splits "White House Press Secretary Josh Earnest" into the title part and the person's name:
 * the name is what follows the last title word. Returns the run unchanged when no title word leads.
 */
export function splitTitle(body: string, toks: Token[], run: NameRun): { run: NameRun; title: string | null } {
  for (let k = run.last - 1; k >= run.first; k--) {
    if (!isTitleWord(toks[k].text) && !(OFFICE_WORDS.has(toks[k].text) && officeBefore(toks, run.first, k))) continue
    const first = k + 1
    if (toks[first].start >= run.end) return { run, title: null }
    const start = toks[first].start
    return {
      run: { ...run, start, first, text: body.slice(start, run.end) },
      title: body.slice(run.start, toks[k].end),
    }
  }
  return { run, title: null }
}

/** Lower-case words that sit between a subject and its reporting verb ("Miller also said"). */
const BETWEEN = new Set(
  ('also later then has have had would will once previously again further recently repeatedly simply just even never ' +
    'often first last finally initially publicly privately reportedly subsequently eventually earlier since still ' +
    'himself herself themselves itself is was were are had did does do could might may should would can must not ' +
    'quickly flatly bluntly angrily calmly openly')
    .split(' '),
)

export const DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'its', 'their', 'our', 'one', 'another', 'this', 'that'])

export type PhraseHead =
  | { kind: 'name'; start: number; end: number; text: string; role: string | null; possessiveRun: boolean; person?: true }
  | { kind: 'pronoun'; start: number; end: number; text: string; gender: 'm' | 'f' | 'p' | 'i' }
  | { kind: 'descriptor'; start: number; end: number; text: string; head: string; person: boolean }
  | { kind: 'none' }

interface Chunk {
  toks: Token[]
}

/** Splits tokens into comma/dash/parenthesis-separated chunks; bracketed asides are dropped. */
function chunks(toks: Token[]): Chunk[] {
  const out: Chunk[] = []
  let cur: Token[] = []
  let depth = 0
  for (const t of toks) {
    if (t.text === '(' || t.text === '[') {
      depth++
      continue
    }
    if (t.text === ')' || t.text === ']') {
      depth = Math.max(0, depth - 1)
      continue
    }
    if (depth) continue
    if (/^[,;:–—]$/.test(t.text) || (t.text === '-' && cur.length && false)) {
      out.push({ toks: cur })
      cur = []
      continue
    }
    if (/^["“”«»`'‘’.!?]$/.test(t.text)) continue
    cur.push(t)
  }
  out.push({ toks: cur })
  return out
}

/** Reads one chunk as a noun phrase whose head is at its end ("State Department spokesperson Matthew Miller"). */
const TIME_WORDS = /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year|night|morning|afternoon|evening|weekend|today|yesterday|tonight|earlier|later)$/

function chunkHeadAtEnd(body: string, toks: Token[]): PhraseHead {
  let n = toks.length
  // "Cruz on Wednesday", "Obama last week", "Miller Tuesday": a time after the subject.
  for (let k = Math.max(0, n - 3); k < n; k++) {
    if (TIME_WORDS.test(toks[n - 1].text) && /^(on|last|this|early|late|earlier|later)$/.test(toks[k].text) && k > 0) {
      n = k
      break
    }
  }
  if (n > 1 && TIME_WORDS.test(toks[n - 1].text)) n--
  // "a person familiar with the talks", "one Democrat close to the campaign": the noun before the
  // adjective is the head.
  for (let k = 1; k < n - 1; k++) {
    if (/^(familiar|close|knowledgeable|briefed)$/.test(toks[k].text) && /^(with|to|on|about|of)$/.test(toks[k + 1].text)) {
      n = k
      break
    }
  }
  // "Joel Pollak of Breitbart California", "David Albright and Serena X of the Institute": the
  // person is named before the prepositional phrase, and a list's first name leads.
  for (let k = 1; k < n - 1; k++) {
    if (!/^(of|at|for|from|with)$/.test(toks[k].text)) continue
    // "Secretary of State John Kerry": an office, not a person and an employer.
    if (nameRuns(body, toks.slice(0, n)).some((r) => r.first < k && r.last > k)) break
    const tail = toks.slice(k + 1, n)
    if (!tail.every((x) => isCapitalised(x.text) || /^(the|and|of|for|&|['’]s?|-)$/.test(x.text) || /['’]s$/.test(x.text))) continue
    const headRuns = nameRuns(body, toks.slice(0, k))
    const hr = headRuns[headRuns.length - 1]
    if (hr && hr.last === k - 1) n = k
    break // only the first preposition can separate the person from an employer
  }
  for (let k = 1; k < n - 1; k++) {
    if (toks[k].text !== 'and') continue
    const headRuns = nameRuns(body, toks.slice(0, k))
    const hr = headRuns[headRuns.length - 1]
    const tailRuns = nameRuns(body, toks.slice(k + 1, n))
    // …not "former Pennsylvania Gov. and DNC Chairman Ed Rendell": two titles of one name.
    if (hr && hr.last === k - 1 && tailRuns.length && tailRuns[tailRuns.length - 1].last === n - k - 2 && hr.text.includes(' ') && !isTitleWord(toks[k - 1].text)) {
      n = k
      break
    }
  }
  while (n > 0 && BETWEEN.has(toks[n - 1].text.toLowerCase()) && !isCapitalised(toks[n - 1].text)) n--
  while (n > 0 && /ly$/.test(toks[n - 1].text) && !isCapitalised(toks[n - 1].text) && toks[n - 1].text.length > 4) n--
  if (n === 0) return { kind: 'none' }
  const t = toks.slice(0, n)
  const last = t[n - 1]
  const lower = last.text.toLowerCase()
  if (lower in PRONOUNS && (n === 1 || !isCapitalised(last.text) || lower === 'i' || n === 1 || /^(and|but|so|then|as|when|while|because|that)$/i.test(t[n - 2].text) || t[n - 2].text === '.')) {
    return { kind: 'pronoun', start: last.start, end: last.end, text: last.text, gender: PRONOUNS[lower] }
  }
  const runs = nameRuns(body, t)
  const whole = runs[runs.length - 1]
  // "one Democrat", "a Republican", "an American": a member of a party or a nation, unnamed.
  const member = (w: string) => /^(Democrat|Republican|Independent|Libertarian|Conservative|Liberal)$/.test(w) || adjectives().has(normaliseName(w))
  if (whole && whole.first === whole.last && whole.last === n - 1 && whole.first > 0 && /^(one|a|an|another)$/i.test(t[whole.first - 1].text) && member(whole.text)) {
    return { kind: 'descriptor', start: t[whole.first - 1].start, end: last.end, text: body.slice(t[whole.first - 1].start, last.end), head: whole.text.toLowerCase(), person: true }
  }
  if (whole && whole.last === n - 1 && !whole.possessive) {
    const { run, title } = splitTitle(body, t, whole)
    const before = t.slice(0, whole.first)
    // "of the US Department of State" after a role noun names an employer, not the speaker.
    // "executive director of the right-wing Campaign Legal Center": look past the article and adjectives.
    let pk = before.length - 1
    while (pk > 0 && before.length - pk <= 3 && !isCapitalised(before[pk].text) && !ROLE_NOUNS.has(before[pk].text.toLowerCase()) && !/^(of|for|at|from|in|on|with|by|to|about|against|than|and|or)$/.test(before[pk].text)) pk--
    if (!/^(of|for|at|from|with)$/.test(before[pk]?.text ?? '')) pk = before.length - 1
    const prev = before[pk]?.text.toLowerCase()
    if (prev && /^(of|for|at|from|in|on|with|by|to|about|against|than|and|or)$/.test(prev)) {
      const head = [...before].reverse().find((x) => ROLE_NOUNS.has(x.text.toLowerCase()))
      if (head && prev !== 'and' && prev !== 'or') {
        return { kind: 'descriptor', start: t[0].start, end: last.end, text: body.slice(t[0].start, last.end), head: head.text.toLowerCase(), person: true }
      }
      if (prev !== 'and' && prev !== 'or') return { kind: 'none' }
    }
    let roleStart = 0
    for (let k = before.length - 1; k >= 0; k--) {
      const w = before[k].text
      if (DETERMINERS.has(w.toLowerCase()) || /^[.!?]$/.test(w)) break
      if (!isCapitalised(w) && !ROLE_NOUNS.has(w.toLowerCase()) && !/^[-’'&]$/.test(w) && !/(an|ian|ese|ish|ic|al)$/.test(w)) {
        // A verb or other word: the descriptor ends here ("then Kim Jong Un arrived").
        break
      }
      roleStart = k
      if (k === 0) break
    }
    const roleToks = before.slice(roleStart)
    let role = roleToks.length && roleToks.some((x) => ROLE_NOUNS.has(x.text.toLowerCase()))
      ? body.slice(roleToks[0].start, roleToks[roleToks.length - 1].end)
      : null
    if (title) role = role ? body.slice(roleToks[0].start, run.start).trim() : title
    return { kind: 'name', start: run.start, end: run.end, text: run.text, role, possessiveRun: false }
  }
  // "…” and warned": a conjunction goes on with the sentence's own subject; it describes no one.
  if (/^(and|or|but|nor|then|so|yet|that|as|when|while|because|if)$/.test(lower)) return { kind: 'none' }
  if (!isCapitalised(last.text) || ROLE_NOUNS.has(lower)) {
    // A described speaker: "the spokesman", "a senior administration official", "the letter".
    let k = n - 1
    while (k > 0 && !DETERMINERS.has(t[k - 1].text.toLowerCase()) && !/^(and|or|but|that|as|when|while|because|if)$/i.test(t[k - 1].text) && n - k < 7) k--
    const start = DETERMINERS.has(t[Math.max(0, k - 1)]?.text.toLowerCase()) && k > 0 ? t[k - 1].start : t[k].start
    return {
      kind: 'descriptor',
      start,
      end: last.end,
      text: body.slice(start, last.end),
      head: lower,
      person: ROLE_NOUNS.has(lower),
    }
  }
  return { kind: 'none' }
}

/** Asides that describe the name before them: "an actor in Dallas", "who runs a company", "22", "R-Ky.". */
const ASIDE_OPENERS = /^(a|an|the|who|whose|which|now|then|\d+|at|of|from|with|himself|herself|[RDI]-\p{Lu}.*)$/u

/**
 * "Willie Minor, an African-American actor in Dallas, who runs a small theater company, recalled":
 * a clause that opens with a bare name, then only asides about it, up to a comma before the verb;
 * the name is the subject whatever other names the asides hold.
 */
function openingName(body: string, cs: Chunk[], toks: Token[]): PhraseHead | null {
  if (cs.length < 3 || toks[toks.length - 1]?.text !== ',' || cs[cs.length - 1].toks.length) return null
  const first = cs[0].toks
  if (!first.length || first.length > 6) return null
  for (let i = 1; i < cs.length - 1; i++) {
    const c = cs[i].toks
    // An aside opens with an article, a relative, an age or a lower-case role ("assistant secretary of state").
    // A list inside the aside ("population, refugees, and migration") may go on with "and".
    if (!c.length || !(ASIDE_OPENERS.test(c[0].text) || (/^\p{Ll}/u.test(c[0].text) && (i >= 2 || !/^(and|or|but|nor)$/.test(c[0].text))))) return null
  }
  const runs = nameRuns(body, first)
  const run = runs[runs.length - 1]
  if (!run || run.last !== first.length - 1 || run.possessive) return null
  // Only title and role words may stand before the name ("Senator Richard Shelby", "Former Rep. X").
  if (first.slice(0, run.first).some((x) => !ROLE_NOUNS.has(x.text.toLowerCase()) && !/^(former|then|the|longtime)$/i.test(x.text))) return null
  const head = chunkHeadAtEnd(body, first)
  return head.kind === 'name' ? head : null
}

/** The speaker phrase that ends right before a reporting verb: the subject. */
export function headBefore(body: string, toks: Token[]): PhraseHead {
  const cs = chunks(toks)
  let i = cs.length - 1
  // "…, which Mr. Trump called": the relative clause has its own subject.
  const lastChunk = cs[i].toks
  // "…Bannon, who Beck on Wednesday called", "shedding what Gilbert called": "who"/"what" as the object
  // of a clause whose own subject, a name, follows it.
  const objectRelative = /^(who|what)$/i.test(lastChunk[0]?.text ?? '') && lastChunk.length > 1 && isCapitalised(lastChunk[1].text) && !NOT_NAMES.has(lastChunk[1].text)
  if (lastChunk.length > 1 && (/^(which|whom|that)$/i.test(lastChunk[0].text) || objectRelative)) {
    const own = chunkHeadAtEnd(body, lastChunk.slice(1))
    if (own.kind === 'name' || own.kind === 'pronoun') return own
  }
  // "Cleveland sought … shedding what Gilbert called": the same relative inside a longer clause, its
  // subject a name that ends the chunk.
  for (let r = lastChunk.length - 2; r > 0; r--) {
    if (!/^(what|whom|which)$/.test(lastChunk[r].text)) continue
    const rest = lastChunk.slice(r + 1)
    const runs = nameRuns(body, rest)
    if (runs.length === 1 && runs[0].first === 0 && runs[0].last === rest.length - 1 && !runs[0].possessive) {
      const own = chunkHeadAtEnd(body, rest)
      if (own.kind === 'name') return own
    }
    break
  }
  // "this tweet from Rikkie Wells who tweeted": a relative "who" right after the name it stands for.
  if (lastChunk.length > 1 && /^who$/i.test(lastChunk[lastChunk.length - 1].text)) {
    const before = lastChunk.slice(0, -1)
    const runs = nameRuns(body, before)
    const whole = runs[runs.length - 1]
    if (whole && whole.last === before.length - 1 && !whole.possessive) {
      const { run } = splitTitle(body, before, whole)
      return { kind: 'name', start: run.start, end: run.end, text: run.text, role: null, possessiveRun: false }
    }
  }
  const opening = openingName(body, cs, toks)
  if (opening) return opening
  let relative = false
  // "Trump, who won Iowa, said" / "Clinton, speaking in Ohio, said" / "Mr. Daniloff, now 81 and
  // retired in Cambridge, Mass., said" / "Dean Johnson, a salesman from Sumter, South Carolina, says":
  // skip the asides and the places that end them.
  while (i > 0) {
    const c = cs[i].toks
    // "Pantucci, at the Royal United Services Institute, said" / "Steve Cohen, Democrat of Tennessee, told".
    const employer = c.length > 0 && /^(at|of|from|with)$/.test(c[0].text) || (c.length >= 2 && /^(Republican|Democrat|Independent)$/.test(c[0].text) && /^(of|from)$/.test(c[1].text))
    // "Mitch McConnell, R-Ky., said": a party and state label.
    const label = c.length > 0 && c.length <= 2 && /^[RDI]-\p{Lu}/u.test(c[0].text)
    // "Paul D. Ryan, the nation's highest-ranking Republican, on Tuesday called": a time between commas.
    const time = c.length > 0 && c.length <= 3 && c.every((x) => TIME_WORDS.test(x.text) || /^(on|last|this|early|late|earlier|later)$/.test(x.text))
    // "Al From, who helped found the DLC, and wrote a book…, said": the relative clause goes on.
    const relativeGoesOn = c.length > 1 && c[0].text === 'and' && /^\p{Ll}/u.test(c[1].text) && i >= 2 && /^(who|which)$/i.test(cs[i - 1].toks[0]?.text ?? '')
    // "Anthony Anton, president and CEO of Washington Restaurant Association, stated": an office held somewhere.
    const office = c.length > 2 && i >= 1 && ROLE_NOUNS.has(c[0].text) && /^\p{Ll}/u.test(c[0].text) && c.some((x, k) => k > 0 && /^(of|at|for)$/.test(x.text) && isCapitalised(c[k + 1]?.text ?? ''))
    if (!c.length || employer || label || time || relativeGoesOn || office || /^(who|which|whose|according|now|\p{Ll}+ing|\d+)$/iu.test(c[0].text)) {
      if (c.length && /^who$/i.test(c[0].text)) relative = true
      i--
      continue
    }
    const prev = cs[i - 1].toks
    const place = isPlaceName(body.slice(c[0].start, c[c.length - 1].end))
    // "…, who lives outside the state capital, Sacramento, said": a name set off by commas at the end
    // of an aside opened by a relative (not "Following A, which …, Microsoft promised").
    const relativeAside = i >= 2 && i < cs.length - 1 && prev.length > 0 && /^(who|whose|which)$/i.test(prev[0].text) && c.every((x) => isCapitalised(x.text))
    if ((place || relativeAside) && prev.length && (relativeAside || isCapitalised(prev[prev.length - 1].text) || (prev.length >= 2 && /^(from|of|in)$/.test(prev[prev.length - 2].text)))) {
      i--
      continue
    }
    break
  }
  // "a damning reaction from U.S. President Barack Obama, who called": "who" refers to the name before it.
  if (relative) {
    const c = cs[i].toks
    const runs = nameRuns(body, c)
    const run = runs[runs.length - 1]
    if (run && run.last === c.length - 1 && !run.possessive) {
      const head = chunkHeadAtEnd(body, c.slice(run.first))
      if (head.kind === 'name') return head
    }
  }
  // "Douglas Holtz-Eakin, an economic adviser and former director of the Budget Office, wrote":
  // an appositive opening with an article describes the name in the chunk before it.
  const cur = cs[i].toks
  // "…, the nation's highest-ranking Republican, …": a possessive after the article describes too.
  const describing = cur.some((x) => ROLE_NOUNS.has(x.text.toLowerCase())) || /^\p{Ll}+['’]s$/u.test(cur[1]?.text ?? '')
  if (i > 0 && cur.length > 1 && /^(a|an|the|his|her|its|their)$/i.test(cur[0].text) && !isCapitalised(cur[1].text) && describing) {
    const prev = chunkHeadAtEnd(body, cs[i - 1].toks)
    if (prev.kind === 'name' && cs[i - 1].toks.length <= 6) {
      return { ...prev, role: prev.role ?? stripDeterminer(body.slice(cur[0].start, cur[cur.length - 1].end)) }
    }
  }
  const head = chunkHeadAtEnd(body, cur)
  if (head.kind === 'descriptor' && i > 0) {
    // "Jennifer Palmieri, the campaign’s communications director, said": the name is one chunk back.
    const prev = chunkHeadAtEnd(body, cs[i - 1].toks)
    if (prev.kind === 'name' && cs[i - 1].toks.length <= 6) {
      return { ...prev, role: prev.role ?? stripDeterminer(head.text) }
    }
    // "the official spokesperson of the US Department of State, Matthew Miller said" is handled by
    // the chunk order (name last); here the descriptor stands alone.
  }
  if (head.kind === 'name' && !head.role && i > 0) {
    const prev = cs[i - 1].toks
    const desc = prev.length ? chunkHeadAtEnd(body, prev) : { kind: 'none' as const }
    if (desc.kind === 'descriptor' && desc.person) return { ...head, role: stripDeterminer(desc.text) }
  }
  return head
}

/** The speaker phrase that follows a reporting verb ("said Geoff Garin, a Democratic pollster"). */
export function headAfter(body: string, toks: Token[]): PhraseHead {
  const cs = chunks(toks)
  let first = cs[0].toks
  // "said on Tuesday Mr. Smith" is rare; "said Tuesday" is common and has no speaker in it.
  while (first.length && /^(on|in|at|during|last|this|late|early|recently|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight)$/.test(first[0].text)) {
    if (/^(on|in|at|during|last|this|late|early)$/.test(first[0].text)) return { kind: 'none' }
    first = first.slice(1)
  }
  if (!first.length) return { kind: 'none' }
  // Cut the phrase where a clause starts: "said Miller, who …", "said Miller in a statement".
  // …but not inside an office and its holder: "said Speaker of the House Paul Ryan".
  const runs = nameRuns(body, first)
  const inRun = (k: number) => runs.some((r) => r.first < k && r.last > k)
  let n = 0
  while (n < first.length && n < 12 && (inRun(n) || (n < 8 && !/^([.!?]|in|on|at|during|after|before|when|while|that|who|which|to|as|about|of|last|this|from|with|because|outside|inside|told|adding|noting|citing|whether|if|why|how|what|familiar|close|knowledgeable|briefed)$/.test(first[n].text)))) n++
  if (n === 0) return { kind: 'none' }
  const head = chunkHeadAtEnd(body, first.slice(0, n))
  // "said another Twitter user, Johanna Bayer": a description the name then stands beside.
  if (head.kind === 'descriptor' && n === first.length && cs.length > 1) {
    const next = cs[1].toks
    const runs = nameRuns(body, next)
    const named = next.length && runs.length && runs[runs.length - 1].last === next.length - 1 && runs[0].first === 0 ? chunkHeadAtEnd(body, next) : null
    if (named?.kind === 'name') return { ...named, role: named.role ?? stripDeterminer(head.text) }
  }
  if (head.kind === 'name' && !head.role && cs.length > 1) {
    const next = cs[1].toks
    const desc = next.length ? chunkHeadAtEnd(body, next) : { kind: 'none' as const }
    if (desc.kind === 'descriptor' && desc.person && DETERMINERS.has(next[0].text.toLowerCase())) return { ...head, role: stripDeterminer(desc.text) }
  }
  return head
}

export function stripDeterminer(s: string): string {
  return s.replace(/^(the|a|an)\s+/i, '').trim()
}
