/**
 * Stage: named entities. Needs `article.body`; adds `mentions` (sorted by start) and `entities`.
 *
 * A learned tagger (ner/model.ts) proposes PERSON / ORG / PLACE spans; the gazetteer corrects the
 * types of well-known names; the document is then made consistent (a name tagged once is tagged
 * the same everywhere) and short forms resolve to the full name they stand for ("Miller" →
 * Matthew Miller, "Kim" → Kim Jong Un). Titles and possessives stay outside the spans.
 */
import type { DocEntity, EntityType, Mention, NewsDoc } from './document.js'
import { TYPES, docContext, foldWord, listedAs, sentenceAtoms, type SentenceAtoms } from './ner/features.js'
import { tagDocument, taggerModel } from './ner/model.js'
import { tokenise, type Tokens } from './ner/tokenise.js'
import { CUE_VERBS } from './speakers/lexicon.js'
import { TITLE_WORDS, adjectives, canonicalName, entityKey, lookupAlias, normaliseName, startsAlias } from './names.js'

/** A span over tokens [first, last) with a tagger type index into TYPES (3 = MISC). */
interface TokenSpan {
  first: number
  last: number
  type: number
}

const TYPE_OF: Record<number, EntityType | null> = { 0: 'PERSON', 1: 'ORG', 2: 'PLACE', 3: null }
const PER = 0
const ORG = 1
const LOC = 2
const MISC = 3

function spansFromTags(tags: Uint8Array, offset: number, out: TokenSpan[]): void {
  let first = -1
  let type = 0
  for (let i = 0; i <= tags.length; i++) {
    const t = i < tags.length ? tags[i] : 0
    const isBegin = t !== 0 && (t & 1) === 1
    if (first >= 0 && (t === 0 || isBegin || (t - 1) >> 1 !== type)) {
      out.push({ first: offset + first, last: offset + i, type })
      first = -1
    }
    if (t !== 0 && first < 0) {
      first = i
      type = (t - 1) >> 1
    }
  }
}

/** Runs the tagger over every sentence of the body. */
function tagBody(tokens: Tokens): TokenSpan[] {
  const model = taggerModel()
  const spans: TokenSpan[] = []
  if (!model) return spans
  const { sentStarts, words } = tokens
  const doc = docContext(words)
  const sents: SentenceAtoms[] = []
  const firsts: number[] = []
  for (let k = 0; k < sentStarts.length; k++) {
    const a = sentStarts[k]
    const b = k + 1 < sentStarts.length ? sentStarts[k + 1] : words.length
    if (b <= a) continue
    sents.push(sentenceAtoms(doc, a, b))
    firsts.push(a)
  }
  const tags = tagDocument(model, sents)
  for (let k = 0; k < tags.length; k++) spansFromTags(tags[k], firsts[k], spans)
  return spans
}

function spanText(body: string, tokens: Tokens, s: TokenSpan): string {
  return body.slice(tokens.starts[s.first], tokens.ends[s.last - 1])
}

function isCapitalised(w: string): boolean {
  const c = w[0]
  return c !== undefined && c !== c.toLowerCase()
}

/**
 * Well-known organisations keep their type whatever the tagger says; a well-known place the
 * tagger called MISC is a place, and so is a country it called ORG ("US warns Russia"). (A city the tagger calls ORG stays ORG: in sports reports
 * "Hamburg beat Hansa Rostock" is the club.) Nationality adjectives are not entities.
 */
function applyGazetteer(body: string, tokens: Tokens, spans: TokenSpan[]): void {
  for (const s of spans) {
    const text = spanText(body, tokens, s)
    const known = lookupAlias(text)
    if (known && isCapitalised(text) && known.type === 'ORG' && (s.type !== PER || known.brand)) s.type = ORG
    else if (known && isCapitalised(text) && known.type === 'PLACE' && (s.type === MISC || (s.type === ORG && known.country))) s.type = LOC
    else if (s.type !== MISC && adjectives().has(normaliseName(text))) s.type = MISC
  }
}

/**
 * Multi-word well-known names (and single-word country names and capitalised acronyms) found
 * by the gazetteer replace whatever the tagger proposed over the same tokens: "US Department
 * of State" is one ORG, not "US" + "Department of".
 */
function gazetteerSpans(body: string, tokens: Tokens, spans: TokenSpan[]): TokenSpan[] {
  const { words } = tokens
  const found: TokenSpan[] = []
  for (let i = 0; i < words.length; i++) {
    if (!isCapitalised(words[i]) || !startsAlias(words[i])) continue
    // Longest match first, up to six words.
    for (let n = Math.min(6, words.length - i); n >= 1; n--) {
      if (!isCapitalised(words[i + n - 1])) continue
      const text = body.slice(tokens.starts[i], tokens.ends[i + n - 1])
      // A name does not run across a line break ("Czech" at the end of one line, "Republic" next).
      if (n > 1 && text.includes('\n')) continue
      const known = lookupAlias(text)
      if (!known) continue
      const acronym = /^\p{Lu}[\p{Lu}.]+$/u.test(text)
      if (n === 1 && !(known.type === 'PLACE' || acronym || known.brand)) break
      found.push({ first: i, last: i + n, type: known.type === 'ORG' ? ORG : known.type === 'PLACE' ? LOC : PER })
      i += n - 1
      break
    }
  }
  if (found.length === 0) return spans
  const taken = new Int32Array(words.length).fill(-1)
  found.forEach((f, k) => taken.fill(k, f.first, f.last))
  // A tagger span that extends beyond a gazetteer name ("New York Times" vs "New York") wins.
  const kept: TokenSpan[] = []
  const dropped = new Set<number>()
  for (const s of spans) {
    const ks = new Set<number>()
    for (let i = s.first; i < s.last; i++) if (taken[i] >= 0) ks.add(taken[i])
    if (ks.size === 0) {
      kept.push(s)
      continue
    }
    const same = ks.size === 1 && [...ks].every((k) => found[k].first === s.first && found[k].last === s.last)
    if (same) {
      // The tagger agrees on the boundaries: its type stands (applyGazetteer already ran).
      for (const k of ks) dropped.add(k)
      kept.push(s)
      continue
    }
    const single = [...ks].every((k) => found[k].last - found[k].first === 1)
    if (single) {
      // One-word names only fill gaps; they never override the tagger.
      for (const k of ks) dropped.add(k)
      kept.push(s)
      continue
    }
    const inside = [...ks].every((k) => found[k].first <= s.first && found[k].last >= s.last)
    if (inside) continue
    const wider = [...ks].every((k) => found[k].first >= s.first && found[k].last <= s.last)
    if (wider && ks.size === 1 && s.type !== MISC) {
      for (const k of ks) dropped.add(k)
      kept.push(s)
    }
    // Partial overlaps (a tagger span straddling a gazetteer name): the gazetteer wins.
  }
  found.forEach((f, k) => {
    if (!dropped.has(k)) kept.push(f)
  })
  return kept.sort((a, b) => a.first - b.first)
}

/** Romanised Korean given names: "Jong-un", "Jae-in", "Il-sung". */
const HYPHENATED_GIVEN_NAME = /^\p{Lu}\p{Ll}+-\p{Ll}+$/u

/**
 * Two person spans separated only by a space are one name ("Kim" "Jong Un"), and a person span
 * takes in a following hyphenated given name the tagger left out ("Kim" "Jong-un").
 */
function mergeAdjacentPeople(body: string, tokens: Tokens, spans: TokenSpan[]): TokenSpan[] {
  const out: TokenSpan[] = []
  const starts = new Set(spans.map((s) => s.first))
  for (const s of spans) {
    const next = s.last
    if (s.type === PER && next < tokens.words.length && !starts.has(next) && HYPHENATED_GIVEN_NAME.test(tokens.words[next]) && body.slice(tokens.ends[next - 1], tokens.starts[next]) === ' ') {
      s.last = next + 1
    }
    const prev = out[out.length - 1]
    const adjacent = prev && prev.last === s.first && body.slice(tokens.ends[prev.last - 1], tokens.starts[s.first]) === ' '
    if (adjacent && prev.type === PER && s.type === PER) {
      prev.last = s.last
    } else if (adjacent && prev.type === PER && HYPHENATED_GIVEN_NAME.test(tokens.words[s.first])) {
      // The tagger started another entity at the given name: it belongs to the person.
      prev.last = s.first + 1
      if (s.last - s.first > 1) out.push({ ...s, first: s.first + 1 })
    } else out.push(s)
  }
  return out
}

/** Leading titles ("President", "Mr.") are not part of a person's name. */
function trimTitles(tokens: Tokens, spans: TokenSpan[]): void {
  for (const s of spans) {
    if (s.type !== PER) continue
    while (s.last - s.first > 1 && TITLE_WORDS.has(normaliseName(tokens.words[s.first]))) s.first++
  }
}

/**
 * A name tagged PERSON anywhere in a document is a person everywhere in it. Other names keep the
 * type the tagger gave each occurrence: the tagger already sees the whole document, and the same
 * word can rightly be two things in one report ("Leeds" the club in the results, the city in the
 * dateline); forcing a majority type cost accuracy on held-out CoNLL documents.
 */
function makeConsistent(tokens: Tokens, spans: TokenSpan[]): TokenSpan[] {
  const { words } = tokens
  const keyOf = (s: TokenSpan) => words.slice(s.first, s.last).map(foldWord).join(' ')
  const people = new Set<string>()
  for (const s of spans) if (s.type === PER) people.add(keyOf(s))
  for (const s of spans) if (people.has(keyOf(s))) s.type = PER
  return spans
}

/** Legal forms that close a company's name ("Pirelli SpA", "Magna International Inc."), dots dropped. */
const LEGAL_FORMS = new Set(['inc', 'corp', 'co', 'cos', 'ltd', 'plc', 'llc', 'spa', 'ag', 'nv', 'gmbh', 'bhd', 'pte', 'srl'])
/** Words a company adds after its own name ("Magna International", "Roosevelt Financial Group"). */
const COMPANY_WORDS = new Set(['international', 'group', 'holdings', 'holding', 'industries', 'corporation', 'financial', 'bancshares', 'bancorp', 'systems', 'technologies', 'communications', 'enterprises', 'resources', 'cables'])

const legalForm = (w: string) => LEGAL_FORMS.has(w.replace(/\./g, '').toLowerCase())

/**
 * A name followed by a legal form is a company's: "Pirelli" "SpA" is one ORG, not a person and
 * a company. The company's own name is then the company wherever the report repeats it without
 * the legal form ("Pirelli said…", "Magna's shares"), including its first word when the rest
 * only says it is a company ("Magna" of "Magna International Inc"). Runs after makeConsistent,
 * whose person reading the legal form overrules.
 */
function companyNames(body: string, tokens: Tokens, spans: TokenSpan[]): TokenSpan[] {
  const { words } = tokens
  const out: TokenSpan[] = []
  for (let k = 0; k < spans.length; k++) {
    const s = spans[k]
    let end = s.last
    while (end < words.length && /^\p{Lu}/u.test(words[end]) && legalForm(words[end]) && body.slice(tokens.ends[end - 1], tokens.starts[end]) === ' ') end++
    // The legal form the tagger left out, or tagged apart as a company of its own.
    const after = spans[k + 1]
    const alone = !after || after.first >= end || (after.first === s.last && after.last <= end)
    if (end > s.last && s.type !== MISC && alone) {
      if (after && after.first < end) k++
      out.push({ first: s.first, last: end, type: ORG })
    } else out.push(s)
  }
  const stems = new Set<string>()
  const keyOf = (first: number, last: number) => words.slice(first, last).map(foldWord).join(' ')
  // "International Inc", "Cables": words that only say the name before them is a company's.
  const companyWords = (first: number, last: number) => last > first && words.slice(first, last).every((w) => COMPANY_WORDS.has(w.toLowerCase()))
  for (const s of out) {
    if (s.type !== ORG) continue
    let last = s.last
    while (last > s.first + 1 && legalForm(words[last - 1])) last--
    if (last === s.last) continue
    stems.add(keyOf(s.first, last))
    if (companyWords(s.first + 1, last)) stems.add(keyOf(s.first, s.first + 1))
  }
  if (!stems.size) return out
  for (let k = 0; k < out.length; k++) {
    const s = out[k]
    if (s.type === MISC) continue
    // "Pirelli", or "Pirelli Cables" beside "Pirelli SpA": the company's name, or a company word after it.
    const named = stems.has(keyOf(s.first, s.last))
    const division = stems.has(keyOf(s.first, s.first + 1)) && companyWords(s.first + 1, s.last)
    if (!named && !division) continue
    s.type = ORG
    // The company word the tagger left outside the name ("Pirelli" "Cables").
    const next = out[k + 1]?.first ?? words.length
    while (s.last < next && /^\p{Lu}/u.test(words[s.last]) && companyWords(s.last, s.last + 1) && body.slice(tokens.ends[s.last - 1], tokens.starts[s.last]) === ' ') s.last++
  }
  return out
}

/** Honorifics that only stand before a person's name ("Mr. Cruz", "Sen. Cruz"). */
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'dr', 'sen', 'senator', 'rep', 'gov', 'governor', 'congressman', 'congresswoman', 'judge', 'justice', 'president', 'mayor', 'secretary', 'speaker', 'minister'])

/**
 * A name the tagger called an organisation or a place is a person's after an honorific or an office
 * used as a title ("Mr. Cruz", "Sen. Cruz", "Judge Merrick Garland"). (A given name opening the name
 * is no such sign: "Philip Morris", "Ben Gurion airport" and the club Gloria Bistrita are not people.)
 */
function titledPeople(tokens: Tokens, spans: TokenSpan[]): void {
  const { words } = tokens
  for (const s of spans) {
    // "Justice Antonin Scalia" tagged as one organisation: the title is outside the person's name, as
    // CoNLL-2003 tags "President Bill Clinton" ("Justice Department" is an alias and stays).
    if ((s.type === ORG || s.type === LOC) && s.last - s.first >= 2 && HONORIFICS.has(normaliseName(words[s.first])) && TITLE_CASE.test(words[s.first + 1]) && listedAs(words[s.first + 1]).includes('G') && !lookupAlias(words.slice(s.first, s.last).join(' '))) {
      s.first++
      s.type = PER
      continue
    }
    if ((s.type !== ORG && s.type !== LOC) || s.first === 0) continue
    if (!HONORIFICS.has(normaliseName(words[s.first - 1])) || !/^\p{Lu}\p{Ll}/u.test(words[s.first])) continue
    if (!lookupAlias(words.slice(s.first, s.last).join(' '))) s.type = PER
  }
}

/** One capital, then lower case only: "Romney", not "NATO" or "McCain". */
const TITLE_CASE = /^\p{Lu}\p{Ll}+$/u

/**
 * A one-word "place" or "organisation" before "administration" is a president's or governor's
 * surname ("The Biden administration said…"): CoNLL-2003 tags "the Clinton administration" the same
 * way. Known places and organisations are left alone ("the Moscow administration"). ("campaign"
 * was measured too, and turned "the Brexit campaign" and "the Leave campaign" into people.)
 */
function administrations(tokens: Tokens, spans: TokenSpan[]): void {
  const { words } = tokens
  for (const s of spans) {
    if ((s.type !== ORG && s.type !== LOC) || s.last - s.first !== 1) continue
    const w = words[s.first]
    if (words[s.last] === 'administration' && TITLE_CASE.test(w) && !lookupAlias(w)) s.type = PER
  }
}

const MONTHS = new Set(['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'])

/**
 * A one-word organisation or place right after a given name the tagger left out is that person's
 * surname: "candidate Mitt Romney" came out as "Mitt" and the place "Romney". Not at a sentence's
 * start, where a given name may be a word ("Will Iowa vote…"), and not a month ("in June Comelf").
 */
function givenNamePeople(body: string, tokens: Tokens, spans: TokenSpan[]): void {
  const { words, sentStarts } = tokens
  const sentenceStart = new Set(sentStarts)
  let prevEnd = 0
  for (const s of spans) {
    const p = s.first - 1
    const untaggedBefore = p >= prevEnd && !sentenceStart.has(p)
    prevEnd = s.last
    if ((s.type !== ORG && s.type !== LOC) || s.last - s.first !== 1 || !untaggedBefore) continue
    const given = words[p]
    const surname = words[s.first]
    if (!TITLE_CASE.test(given) || !TITLE_CASE.test(surname) || body.slice(tokens.ends[p], tokens.starts[s.first]) !== ' ') continue
    if (!listedAs(given).includes('G') || MONTHS.has(given) || lookupAlias(surname)) continue
    s.first = p
    s.type = PER
  }
}

const GENDERED = new Set(['he', 'she', 'his', 'her', 'him', 'himself', 'herself'])
const CLAUSE_OPENERS = new Set([',', ';', ':', '"', '“', '‘', "'", '(', 'and', 'but', 'that', 'when', 'while', 'because', 'as', 'though', 'although', 'after', 'before', 'if', 'where', 'so'])

/**
 * A one-word name the tagger called an organisation or a place is a person when it reports
 * something about "he" or "her" ("Cruz openly admitted that his pick…", "Hayek confirmed she…")
 * or does something to "himself": organisations and places are "it" and "they". Well-known names
 * and acronyms are left alone.
 */
function gendered(tokens: Tokens, spans: TokenSpan[]): void {
  const { words, sentStarts } = tokens
  let k = 0
  for (const s of spans) {
    if ((s.type !== ORG && s.type !== LOC) || s.last - s.first !== 1) continue
    const w = words[s.first]
    if (!TITLE_CASE.test(w) || lookupAlias(w)) continue
    while (k + 1 < sentStarts.length && sentStarts[k + 1] <= s.first) k++
    const end = Math.min(k + 1 < sentStarts.length ? sentStarts[k + 1] : words.length, s.last + 7)
    // The name is the subject: it opens its clause (no "the", no preposition before it) and a
    // lower-case verb follows it.
    const before = s.first > sentStarts[k] ? words[s.first - 1] : ''
    if (before && !CLAUSE_OPENERS.has(before.toLowerCase())) continue
    if (!/^\p{Ll}+$/u.test(words[s.last] ?? '')) continue
    // A reporting verb before the pronoun ("Cruz added that he", "Hayek confirmed she"), or a
    // reflexive one ("Sanders compared himself"): without either, "his" may be anyone's
    // ("Brooklyn was his answer").
    let reports = false
    for (let i = s.last; i < end; i++) {
      const t = words[i]
      if (CUE_VERBS.has(t)) reports = true
      if (GENDERED.has(t) && (reports || t.endsWith('self'))) {
        s.type = PER
        break
      }
      if (/^[,;:]$/.test(t) || /^\p{Lu}/u.test(t)) break
    }
  }
}

interface Resolved {
  span: TokenSpan
  text: string
  type: EntityType
  canonical: string
}

/**
 * Short person names resolve to a full name of the document: a single token equal to the last
 * token of a longer PERSON name ("Miller"), or to its first token for family-name-first names
 * ("Kim" → Kim Jong Un). The nearest preceding full name wins, so two people who share a surname
 * stay apart; a short form before any full name takes the first one that follows.
 */
function resolvePeople(body: string, tokens: Tokens, spans: TokenSpan[]): Resolved[] {
  const { words } = tokens
  const out: Resolved[] = []
  const fullNames: Array<{ at: number; words: string[]; canonical: string }> = []
  for (const s of spans) {
    if (s.type !== PER) continue
    const canonical = canonicalName(spanText(body, tokens, s), 'PERSON')
    const ws = normaliseName(canonical).split(' ')
    if (ws.length > 1) fullNames.push({ at: s.first, words: ws, canonical })
  }
  const findFull = (token: string, at: number): string | null => {
    let best: { canonical: string; score: number } | null = null
    for (const f of fullNames) {
      const last = f.words[f.words.length - 1] === token
      const firstTok = f.words[0] === token
      if (!last && !firstTok) continue
      // Preceding names first (nearest wins), then the first following one; last-token matches
      // beat first-token matches at the same distance.
      const before = f.at < at
      const score = (before ? 1e9 + f.at : -f.at) * 2 + (last ? 1 : 0)
      if (!best || score > best.score) best = { canonical: f.canonical, score }
    }
    return best?.canonical ?? null
  }
  for (const s of spans) {
    const text = spanText(body, tokens, s)
    let type = TYPE_OF[s.type]
    let canonical: string | null = null
    const single = s.last - s.first === 1 && /^\p{L}/u.test(words[s.first])
    if (single && fullNames.length > 0 && (type === 'PERSON' || !lookupAlias(text))) {
      const full = findFull(normaliseName(words[s.first]), s.first)
      if (full) {
        type = 'PERSON'
        canonical = full
      }
    }
    if (!type) continue
    out.push({ span: s, text, type, canonical: canonical ?? canonicalName(text, type) })
  }
  return out
}

/** Recognises PERSON, ORG and PLACE mentions in the body and groups them into entities. */
export function recogniseEntities(doc: NewsDoc): void {
  const body = doc.article.body
  const tokens = tokenise(body)
  let spans = tagBody(tokens)
  applyGazetteer(body, tokens, spans)
  spans = gazetteerSpans(body, tokens, spans)
  spans = mergeAdjacentPeople(body, tokens, spans)
  titledPeople(tokens, spans)
  givenNamePeople(body, tokens, spans)
  administrations(tokens, spans)
  trimTitles(tokens, spans)
  spans = makeConsistent(tokens, spans)
  spans = companyNames(body, tokens, spans)
  gendered(tokens, spans)
  const resolved = resolvePeople(body, tokens, spans)

  // One display name per identity key: the most frequent canonical form, the earliest on ties.
  const forms = new Map<string, Map<string, number>>()
  for (const r of resolved) {
    const key = entityKey(r.type, r.canonical)
    const m = forms.get(key) ?? new Map<string, number>()
    m.set(r.canonical, (m.get(r.canonical) ?? 0) + 1)
    forms.set(key, m)
  }
  const display = new Map<string, string>()
  for (const [key, m] of forms) {
    let best = ''
    let n = 0
    for (const [c, k] of m) {
      if (k > n) {
        best = c
        n = k
      }
    }
    display.set(key, best)
  }

  const mentions: Mention[] = []
  const entities = new Map<string, DocEntity>()
  for (const r of resolved) {
    const key = entityKey(r.type, r.canonical)
    const canonical = display.get(key) ?? r.canonical
    const start = tokens.starts[r.span.first]
    const end = tokens.ends[r.span.last - 1]
    mentions.push({ start, end, text: body.slice(start, end), type: r.type, canonical, key })
    const e = entities.get(key)
    if (e) {
      if (!e.aliases.includes(r.text)) e.aliases.push(r.text)
    } else entities.set(key, { key, type: r.type, canonical, aliases: [r.text] })
  }
  mentions.sort((a, b) => a.start - b.start)
  doc.mentions = mentions
  doc.entities = [...entities.values()]
  if (!taggerModel()) {
    doc.messages.push({ stage: 'entities', severity: 'warning', text: 'entity tagger weights are missing; no entities recognised' })
  }
}

// Compile-time guard: the tagger's type order is the one TYPE_OF assumes.
const _order: readonly ['PER', 'ORG', 'LOC', 'MISC'] = TYPES
void _order
