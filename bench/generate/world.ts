import { entityKey } from '../../src/pipeline/names.js'
import type { EntityType } from '../../src/pipeline/document.js'
import { Random, Zipf } from './random.js'
import { GIVEN_NAMES, ORG_PATTERNS, ORG_STEMS, OUTLET_WORDS, PLACES, ROLES, SURNAMES, WIRES } from './vocabulary.js'

export interface WorldEntity {
  type: EntityType
  name: string
  key: string
  /** Surname for people (what later mentions use), the name itself otherwise. */
  short: string
  role: string | null
  pronoun: 'he' | 'she' | 'they'
}

export interface Outlet {
  name: string
  slug: string
  /** Offset from UTC in hours of the outlet's newsroom, for publishedLocal. */
  utcOffset: number
}

/**
 * The population an archive is drawn from: outlets, people, organisations and places, each with a
 * Zipf sampler so a few dominate (the big wires, heads of state, capitals) and most are rare.
 */
export class World {
  readonly outlets: Outlet[]
  readonly people: WorldEntity[]
  readonly orgs: WorldEntity[]
  readonly places: WorldEntity[]
  readonly journalists: string[]
  readonly wires = WIRES
  private readonly outletZipf: Zipf
  private readonly peopleZipf: Zipf
  private readonly orgZipf: Zipf
  private readonly placeZipf: Zipf

  constructor(random: Random, articles: number) {
    const outletCount = clamp(Math.round(articles / 100), 40, 800)
    const peopleCount = clamp(Math.round(articles / 3), 300, 60_000)
    const orgCount = clamp(Math.round(articles / 12), 80, 6_000)
    this.outlets = makeOutlets(random, outletCount)
    this.people = makePeople(random, peopleCount)
    this.orgs = makeOrgs(random, orgCount)
    this.places = PLACES.map((name) => entity('PLACE', name, name, null, 'they'))
    this.journalists = Array.from({ length: 400 }, () => `${random.pick(GIVEN_NAMES)} ${random.pick(SURNAMES)}`)
    this.outletZipf = new Zipf(this.outlets.length, 1.0)
    this.peopleZipf = new Zipf(this.people.length, 0.85)
    this.orgZipf = new Zipf(this.orgs.length, 1.0)
    this.placeZipf = new Zipf(this.places.length, 1.0)
  }

  outlet(random: Random): Outlet {
    return this.outlets[this.outletZipf.draw(random)]
  }

  person(random: Random): WorldEntity {
    return this.people[this.peopleZipf.draw(random)]
  }

  org(random: Random): WorldEntity {
    return this.orgs[this.orgZipf.draw(random)]
  }

  place(random: Random): WorldEntity {
    return this.places[this.placeZipf.draw(random)]
  }

  /** Someone from the long tail: what makes a story's articles recognisably about the same event. */
  rarePerson(random: Random): WorldEntity {
    return this.people[random.int(Math.floor(this.people.length / 4), this.people.length - 1)]
  }

  rareOrg(random: Random): WorldEntity {
    return this.orgs[random.int(Math.floor(this.orgs.length / 4), this.orgs.length - 1)]
  }
}

function clamp(n: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, n))
}

function entity(type: EntityType, name: string, short: string, role: string | null, pronoun: WorldEntity['pronoun']): WorldEntity {
  return { type, name, key: entityKey(type, name), short, role, pronoun }
}

function slugify(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

function makeOutlets(random: Random, count: number): Outlet[] {
  const seen = new Set<string>()
  const outlets: Outlet[] = []
  const offsets = [-8, -5, -3, 0, 1, 2, 3, 5.5, 8, 9, 10]
  while (outlets.length < count) {
    const name = `The ${random.pick(PLACES)} ${random.pick(OUTLET_WORDS)}`
    if (seen.has(name)) continue
    seen.add(name)
    outlets.push({ name, slug: slugify(name), utcOffset: random.pick(offsets) })
  }
  return outlets
}

function makePeople(random: Random, count: number): WorldEntity[] {
  const seen = new Set<string>()
  const people: WorldEntity[] = []
  // The given-name list mostly alternates men's and women's names; the pronoun follows the parity.
  while (people.length < count) {
    const g = random.int(0, GIVEN_NAMES.length - 1)
    const surname = random.pick(SURNAMES)
    const name = `${GIVEN_NAMES[g]} ${surname}`
    if (seen.has(name)) {
      if (seen.size >= GIVEN_NAMES.length * SURNAMES.length * 0.9) break
      continue
    }
    seen.add(name)
    people.push(entity('PERSON', name, surname, random.pick(ROLES), g % 2 === 0 ? 'he' : 'she'))
  }
  return people
}

function makeOrgs(random: Random, count: number): WorldEntity[] {
  const seen = new Set<string>()
  const orgs: WorldEntity[] = []
  let attempts = 0
  while (orgs.length < count && attempts++ < count * 20) {
    const name = random.pick(ORG_PATTERNS)(random.pick(ORG_STEMS), random.pick(PLACES))
    if (seen.has(name)) continue
    seen.add(name)
    orgs.push(entity('ORG', name, name, null, 'they'))
  }
  return orgs
}
