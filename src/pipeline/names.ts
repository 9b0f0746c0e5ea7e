/**
 * Canonical names, identity keys and alias folding for named entities.
 *
 * `normaliseName` is the one folding used everywhere names are compared: case, diacritics,
 * punctuation and hyphens fold away, so "Kim Jong-un" and "KIM JONG UN" compare equal and
 * "U.S." equals "US". `canonicalName` maps a surface form to the name an entity is filed under
 * ("President Vladimir Putin" → "Vladimir Putin", "N Korea" → "North Korea"), using a small table
 * of well-known aliases; `entityKey` is the identity of an entity across articles.
 */
import type { EntityType } from './document.js'
import { rawGazetteer, type AliasTable, type GazetteerEntry } from './ner/gazetteer.js'

const APOSTROPHES = /[\u2018\u2019\u02bc\u0060\u00b4]/g
const DASHES = /[-\u2010\u2011\u2012\u2013\u2014\u2212_/]/g

const folded = new Map<string, string>()

/** Case-, diacritic-, punctuation- and hyphen-folded form of a name, for alias matching. */
export function normaliseName(s: string): string {
  let f = folded.get(s)
  if (f === undefined) {
    f = fold(s)
    // Names repeat across a corpus; a bounded cache keeps folding off the hot path.
    if (folded.size > 50_000) folded.clear()
    folded.set(s, f)
  }
  return f
}

function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(/'s\b/g, '')
    .replace(/[.']/g, '')
    .replace(DASHES, ' ')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Stable identity of an entity across articles, e.g. "PERSON:kim jong un". */
export function entityKey(type: EntityType, canonical: string): string {
  return `${type}:${normaliseName(canonical)}`
}

let aliasTable: AliasTable | undefined
/** Folded aliases that only an acronym writes ("who" from WHO, "ap" from AP): they match capitals alone. */
let acronymKeys: Set<string> | undefined
let adjectiveSet: Set<string> | undefined

/** Folded alias → well-known entity (countries, organisations, outlets, US departments). */
export function aliases(): AliasTable {
  if (aliasTable) return aliasTable
  const table: AliasTable = new Map()
  const acronyms = new Set<string>()
  const words = new Set<string>()
  const add = (names: string[], entry: GazetteerEntry) => {
    for (const name of names) {
      const key = normaliseName(name)
      if (!key) continue
      if (!table.has(key)) table.set(key, entry)
      ;(isAcronym(name) ? acronyms : words).add(key)
    }
  }
  for (const [canonical, type, names, country] of rawGazetteer().entries) add([canonical, ...names], country ? { canonical, type, country } : { canonical, type })
  for (const names of rawGazetteer().brands) add(names, { canonical: names[0], type: 'ORG', brand: true })
  for (const key of words) acronyms.delete(key)
  aliasTable = table
  acronymKeys = acronyms
  return table
}

/** Folded nationality adjectives ("russian", "north korean"). */
export function adjectives(): Set<string> {
  adjectiveSet ??= new Set(rawGazetteer().adjectives.map(normaliseName))
  return adjectiveSet
}

let firstWords: Set<string> | undefined

/** Whether some well-known name starts with this (folded) word. */
export function startsAlias(word: string): boolean {
  if (!firstWords) {
    firstWords = new Set()
    for (const k of aliases().keys()) firstWords.add(k.split(' ')[0])
  }
  return firstWords.has(normaliseName(word))
}

/** Looks a surface form up in the alias table (after folding), null when unknown. */
export function lookupAlias(surface: string): GazetteerEntry | null {
  const key = normaliseName(surface)
  const entry = aliases().get(key)
  if (!entry) return null
  // "Who will win?" is a question, not the WHO; "Ap" is not the AP.
  if (acronymKeys?.has(key) && !isAcronym(surface)) return null
  return entry
}

/** Capitals (and dots) only: "WHO", "U.N.", "G7". */
function isAcronym(s: string): boolean {
  return /^[\p{Lu}\p{N}.&-]+$/u.test(s) && /\p{Lu}/u.test(s)
}

/** Words that precede a person's name without being part of it (folded). */
export const TITLE_WORDS = new Set(
  (
    'president vice prime minister foreign defence defense finance interior secretary state senator sen rep representative ' +
    'gov governor mayor mr mrs ms miss mx dr prof professor gen general col colonel lt lieutenant sgt sergeant capt captain ' +
    'maj major adm admiral cmdr commander judge justice chancellor king queen prince princess pope sir lord lady dame rev ' +
    'reverend father sister brother sheikh emir crown leader spokesperson spokesman spokeswoman chairman chairwoman chair ' +
    'chief executive ceo cfo coo director ambassador envoy deputy premier pres former late the then acting official ' +
    'minister-president supreme dictator comrade coach manager striker midfielder goalkeeper defender captain ' +
    'speaker house majority minority whip attorney solicitor candidate nominee presidential senior junior assistant ' +
    'head founder owner chairperson officer agent analyst economist commissioner inspector superintendent detective'
  ).split(/\s+/),
)

/** Tokens of a surface form, with a trailing possessive removed. */
function nameTokens(surface: string): string[] {
  const cleaned = surface.replace(APOSTROPHES, "'").replace(/'s?$/i, '').replace(/\s+/g, ' ').trim()
  return cleaned ? cleaned.split(' ') : []
}

function isPossessive(t: string): boolean {
  return /'s?$/i.test(t.replace(APOSTROPHES, "'"))
}

function foldedToken(t: string): string {
  return normaliseName(t)
}

/** Short Latin abbreviations written with dots fold to the form without ("U.S." → "US"). */
function undotAbbreviations(s: string): string {
  return s.replace(/\b((?:\p{Lu}\.){2,})(?=\s|$|[^\p{L}])/gu, (m) => m.replace(/\./g, ''))
}

/**
 * The name an entity is filed under. Titles, nationality words and possessives are stripped from
 * person names; well-known aliases map to their canonical form; dotted abbreviations lose the dots.
 */
export function canonicalName(surface: string, type: EntityType): string {
  const tokens = nameTokens(surface)
  if (tokens.length === 0) return surface.trim()
  if (type === 'PERSON') {
    let i = 0
    // Drop leading titles and nationality words ("Russian President Vladimir Putin"), and
    // countries or organisations when a title follows them ("Russia President Vladimir Putin",
    // "State Department spokesperson Matthew Miller") — but not "Jordan" in "Jordan Peterson".
    const titleAt = (j: number) => j < tokens.length - 1 && (TITLE_WORDS.has(foldedToken(tokens[j])) || isPossessive(tokens[j]))
    while (i < tokens.length - 1) {
      let skip = 0
      for (let n = Math.min(4, tokens.length - 1 - i); n >= 1 && skip === 0; n--) {
        const words = foldedToken(tokens.slice(i, i + n).join(' '))
        if (adjectives().has(words) || (aliases().has(words) && titleAt(i + n))) skip = n
      }
      if (skip === 0 && (titleAt(i) || foldedToken(tokens[i]) === '')) skip = 1
      if (skip === 0) break
      i += skip
    }
    return tokens.slice(i).join(' ')
  }
  const joined = tokens.join(' ')
  const known = lookupAlias(joined) ?? lookupAlias(joined.replace(/^the /i, ''))
  if (known) return known.canonical
  const undotted = undotAbbreviations(joined)
  return undotted.replace(/^the /i, (m) => (type === 'ORG' ? m : ''))
}
