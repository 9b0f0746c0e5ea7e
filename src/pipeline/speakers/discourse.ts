/**
 * Who the article has talked about so far: every person and organisation named outside quotations,
 * in text order, with what the article says they are. Pronouns, surnames and descriptions
 * ("he", "Miller", "the spokesman") are resolved against it.
 */
import type { Mention, NewsDoc } from '../document.js'
import { adjectives, canonicalName, entityKey, lookupAlias, normaliseName } from '../names.js'
import { CUE_VERBS, FAMILY_FIRST, FEMALE_NAMES, MALE_NAMES, ORG_WORDS, ROLE_NOUNS } from './lexicon.js'
import { headBefore, isCapitalised, isPlaceName, nameRuns, splitTitle, tokens, type NameRun, type Token } from './phrases.js'

/** Words that make a capitalised run a place or a building rather than a person. */
const PLACE_WORDS = new Set(['Tower', 'Towers', 'Plaza', 'Hotel', 'Grill', 'Casino', 'Airport', 'Street', 'Avenue', 'Hall', 'Square', 'Park', 'Bridge', 'County', 'City', 'Island', 'Beach', 'Resort', 'Stadium', 'Arena', 'Coliseum', 'Building'])

const STATE_ABBREVIATIONS = /^(Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Kans|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo|N\.[A-Z]\.?|S\.C|D\.C|R\.I)\.?$/

export type Gender = 'm' | 'f' | null

export interface Entity {
  key: string
  type: 'PERSON' | 'ORG'
  canonical: string
  gender: Gender
  /** Role nouns and phrases the article used for this entity ("spokesperson", "North Korean leader"). */
  roles: string[]
  /** Quotations attributed to it so far (set by the speaker stage). */
  speeches: number
  /** The entity recogniser called some mention of it a person. */
  tagged: boolean
  /** The recogniser called a mention of it a place or organisation and never a person ("Milwaukee", "Nabisco"). */
  notPerson?: boolean
}

export interface Occurrence {
  start: number
  end: number
  text: string
  entity: Entity
  /** Starts its sentence or clause: likely the subject. */
  subject: boolean
  /** The subject of a reporting verb right beside it ("…, Stovall said.", "said Stovall"). */
  reports?: boolean
  /** A place ("Salem, New Hampshire,", a dateline's "WASHINGTON"): it opens clauses without being their subject. */
  place?: boolean
}

const TITLES_M = /^(Mr|Sen|Rep|Gov|President|Gen)\.?\s/ // only Mr. is decisive; others say nothing of gender
const TITLES_F = /^(Mrs|Ms|Miss|Madam)\.?\s/

function genderOf(surface: string, canonical: string): Gender {
  if (/^Mr\.?\s/.test(surface)) return 'm'
  if (TITLES_F.test(surface)) return 'f'
  void TITLES_M
  const first = normaliseName(canonical).split(' ')[0] ?? ''
  if (canonical.includes(' ')) {
    if (MALE_NAMES.has(first)) return 'm'
    if (FEMALE_NAMES.has(first)) return 'f'
  }
  return null
}

/** Words that may stand in a subject's description before its name: titles, adjectives, possessors. */
const DESCRIBING = /^(\p{Lu}[\p{L}.'’-]*|['’]|the|a|an|former|then|longtime|veteran|presidential|republican|democratic|conservative|liberal|senior|top|chief|deputy|vice|acting|state|federal|\d+-year-old|[\p{Ll}-]+(?:man|woman|person|er|or|ist|ant|ent|ee|ive|ian|ary)|-)$/u

/** Lower-case nouns a name can modify ("the Trump campaign", "the Khan family"). */
const MODIFIER_NOUNS = new Set(['campaign', 'family', 'administration', 'camp', 'team', 'aide', 'aides', 'supporters', 'staff', 'staffer', 'staffers', 'allies', 'backers', 'voters', 'delegates', 'delegate', 'surrogate', 'surrogates', 'loyalists', 'adviser', 'advisers', 'era', 'presidency', 'victory', 'rally', 'rallies', 'foundation', 'organization', 'policy', 'plan', 'state', 'county'])

const NOT_DESCRIBING = /^(and|but|that|as|when|while|because|so|then|after|under|over|other|never|ever|either|whether|per|for|or|nor|their|her|our|your|later|earlier|rather|together|however|every|very|many|any|against|whatever|In|On|At|By|For|From|With|Of|To|But|And|As|When|While|After|Before|If)$/

/** "Aparna Mathur, a scholar at the institute, said": a reporting verb right after an appositive. */
function cueAfterAside(toks: Token[], comma: number): boolean {
  if (toks[comma]?.text !== ',' || !/^(a|an|the|who|\d+)$/i.test(toks[comma + 1]?.text ?? '')) return false
  for (let k = comma + 2; k < toks.length && k <= comma + 20; k++) {
    if (/^[.;:!?"“”]$/.test(toks[k].text)) return false
    if (toks[k].text === ',') return CUE_VERBS.has(toks[k + 1]?.text ?? '') && !/ing$/.test(toks[k + 1].text)
  }
  return false
}

/** A recogniser's canonical person name that reads like one: no verbs, no buildings or firms in it. */
function plausibleCanonical(canonical: string, type: 'PERSON' | 'ORG'): boolean {
  if (type !== 'PERSON') return true
  const words = canonical.split(/\s+/)
  if (words.length > 5) return false
  return words.every((w) => !CUE_VERBS.has(w) && !ORG_WORDS.has(w) && !PLACE_WORDS.has(w) && (/^\p{Lu}/u.test(w) || /^(de|van|von|bin|al|el|la|le|da|del|di|du|ibn|der|ten|dos)$/.test(w)))
}

export class Discourse {
  readonly occurrences: Occurrence[] = []
  private readonly byKey = new Map<string, Entity>()
  /** Folded surname → person entity most recently introduced with it. */
  private readonly surnames = new Map<string, Entity>()
  /** "surname|m" / "surname|f" → the person of that gender most recently introduced with it. */
  private readonly surnamesByGender = new Map<string, Entity>()

  constructor(
    private readonly doc: NewsDoc,
    private readonly inQuote: (pos: number) => boolean,
  ) {
    this.build()
  }

  /** The first person or organisation mention overlapping [start, end) (mentions are sorted by start). */
  private mentionAt(start: number, end: number): Mention | undefined {
    const ms = this.doc.mentions
    let lo = 0
    let hi = ms.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (ms[mid].start < end) lo = mid + 1
      else hi = mid
    }
    let found: Mention | undefined
    // A mention is far shorter than 200 characters: nothing earlier can reach this span.
    for (let j = lo - 1; j >= 0 && ms[j].start > start - 200; j--) {
      const m = ms[j]
      if (start < m.end && (m.type === 'PERSON' || m.type === 'ORG')) found = m
    }
    return found
  }

  /** Whether the recogniser tagged a place or organisation (or only a place) overlapping [start, end). */
  private placeOrOrgAt(start: number, end: number, placeOnly = false): boolean {
    const ms = this.doc.mentions
    let lo = 0
    let hi = ms.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (ms[mid].start < end) lo = mid + 1
      else hi = mid
    }
    for (let j = lo - 1; j >= 0 && ms[j].start > start - 200; j--) {
      if (start < ms[j].end && (placeOnly ? ms[j].type === 'PLACE' : ms[j].type !== 'PERSON')) return true
    }
    return false
  }

  /** Decides what a capitalised run names: a person, an organisation, or neither (a place, a word). */
  classify(text: string, start: number, end: number): 'PERSON' | 'ORG' | null {
    // "Trump University", "Trump Tower": a word of the name says what it is, whatever the tagger thought.
    if (/\s/.test(text) && text.split(/\s+/).some((w) => ORG_WORDS.has(w.replace(/['’]s$/, '')) || PLACE_WORDS.has(w))) return 'ORG'
    const m = this.mentionAt(start, end)
    if (m && (m.type === 'PERSON' || m.type === 'ORG')) return m.type
    if (m && m.type === 'PLACE' && m.start <= start && m.end >= end) {
      // A country speaking ("Russia said") is its government: an organisation.
      return 'ORG'
    }
    const bare = text.replace(/^the\s+/i, '')
    if (STATE_ABBREVIATIONS.test(bare)) return null
    const known = lookupAlias(bare)
    if (known) return known.type === 'PERSON' ? 'PERSON' : 'ORG'
    const words = bare.split(/\s+/)
    if (words.some((w) => ORG_WORDS.has(w.replace(/['’]s$/, '')))) return 'ORG'
    if (words.length === 1 && /^\p{Lu}{2,}$/u.test(bare) && !this.surnames.has(normaliseName(bare))) return 'ORG'
    // "a US-UK trade agreement", "the EU-Turkey deal": two parties joined by a hyphen name no one.
    if (words.length === 1 && bare.includes('-') && bare.split('-').every((p) => /^\p{Lu}{2,}$/u.test(p) || isPlaceName(p))) return null
    if (/^the\s/i.test(text)) return 'ORG'
    if (words.length === 1 && /(an|ese|ish|ic)$/.test(bare) && !this.surnames.has(normaliseName(bare))) return null
    // "Americans", "Iraqis", "Danes": a nation's people, not a person.
    if (words.length === 1 && /s$/.test(bare) && adjectives().has(normaliseName(bare.slice(0, -1))) && !this.surnames.has(normaliseName(bare))) return null
    return 'PERSON'
  }

  /** Registers (or finds) the entity a name surface refers to at this point of the article. */
  entityFor(surface: string, type: 'PERSON' | 'ORG', start: number, end: number, honorific: Gender = null): Entity {
    // The tagger's name only when it is this name, not a part of it ("Terry" of "Terry E. Branstad")
    // nor more than it ("Olivieri said").
    const found = this.mentionAt(start, end)
    const exact = found && found.start >= start - 1 && found.start <= start + 1 && Math.abs(found.end - end) <= 1 ? found : undefined
    // …nor a full name whose first name the honorific contradicts ("Mrs. Clinton" read as Bill Clinton).
    const contradicted = !!exact && !!honorific && ((g) => g !== null && g !== honorific)(genderOf(exact.canonical, exact.canonical))
    const m = contradicted ? undefined : exact
    let canonical = m && m.type === type && plausibleCanonical(m.canonical, type) ? m.canonical : canonicalName(surface, type)
    if (type === 'PERSON') {
      const folded = normaliseName(canonical).split(' ')
      const last = folded[folded.length - 1] ?? ''
      if (folded.length === 1) {
        const known = this.surnames.get(last)
        // "Mrs. Clinton" after "Bill Clinton": the honorific says it is someone else of that name.
        if (known && honorific && known.gender && known.gender !== honorific) {
          const other = this.surnamesByGender.get(`${last}|${honorific}`)
          if (other) return other
          const e: Entity = { key: entityKey(type, canonical) + `|${honorific}`, type, canonical, gender: honorific, roles: [], speeches: 0, tagged: !!m && m.type === 'PERSON' }
          this.byKey.set(e.key, e)
          this.surnamesByGender.set(`${last}|${honorific}`, e)
          return e
        }
        if (known && honorific && !known.gender) {
          const other = this.surnamesByGender.get(`${last}|${honorific}`)
          if (other) return other
        }
        if (known) return known
      } else {
        // "Jong Un" / "Kim" for Kim Jong Un: also index the family name written first.
        const known = this.surnames.get(last)
        if (known && normaliseName(known.canonical).endsWith(normaliseName(canonical))) return known
      }
      canonical = canonical.replace(/\s+/g, ' ')
    }
    const key = m && m.type === type && canonical === m.canonical ? m.key : entityKey(type, canonical)
    let e = this.byKey.get(key)
    if (!e) {
      e = { key, type, canonical, gender: type === 'PERSON' ? genderOf(surface, canonical) : null, roles: [], speeches: 0, tagged: false }
      this.byKey.set(key, e)
    }
    if (m && m.type === 'PERSON') {
      e.tagged = true
      e.notPerson = false
    } else if (!e.tagged && type === 'PERSON' && this.placeOrOrgAt(start, end)) e.notPerson = true
    if (type === 'PERSON') {
      const folded = normaliseName(e.canonical).split(' ')
      if (folded.length >= 1) this.surnames.set(folded[folded.length - 1], e)
      const g = e.gender ?? genderOf(surface, e.canonical)
      if (g && folded.length >= 1) this.surnamesByGender.set(`${folded[folded.length - 1]}|${g}`, e)
      if (folded.length >= 2 && FAMILY_FIRST.has(folded[0])) this.surnames.set(folded[0], e) // "Kim" for Kim Jong Un
      if (!e.gender) e.gender = genderOf(surface, e.canonical)
    }
    return e
  }

  /** Words written with a capital inside sentences somewhere in the article: real names. */
  private capitalisedInside = new Set<string>()

  private build(): void {
    const body = this.doc.article.body
    const perSentence = this.doc.sentences.map((s) => tokens(body, s.start, s.end))
    for (const toks of perSentence) {
      for (let k = 1; k < toks.length; k++) {
        if (isCapitalised(toks[k].text) && !/^[.!?"“”'‘’:(]$/.test(toks[k - 1].text)) this.capitalisedInside.add(toks[k].text)
      }
    }
    this.doc.sentences.forEach((s, si) => {
      const toks = perSentence[si]
      const words = toks.filter((t) => /^\p{L}/u.test(t.text))
      // Headlines and titles in title case make every word look like a name.
      if (words.length >= 4 && words.filter((t) => isCapitalised(t.text)).length >= 0.75 * words.length) return
      const runs = nameRuns(body, toks).map((r) => this.wholeName(body, toks, r))
      for (const whole of runs) {
        if (this.inQuote(whole.start)) continue
        if (whole.first === whole.last && !this.plausibleSingle(toks, whole.first)) continue
        const { run, title } = splitTitle(body, toks, whole)
        let type = this.classify(run.text, run.start, run.end)
        if (!type) continue
        // "…he will soon launch, Our Revolution, will…", "a role on The Apprentice": a capitalised "Our"
        // or "The" inside a sentence opens the name of a group or a work, not a person's.
        const opener = toks[whole.first - 1]
        if (type === 'PERSON' && !title && opener && /^(Our|The|My|Your|This|Their)$/.test(opener.text) && whole.first >= 2 && !/^[.!?"“”'‘’:(]$/.test(toks[whole.first - 2].text) && this.mentionAt(run.start, run.end)?.type !== 'PERSON') type = 'ORG'
        const honorific: Gender = title && /(^|\s)Mr\.?$/.test(title) ? 'm' : title && /(^|\s)(Mrs|Ms|Miss)\.?$/.test(title) ? 'f' : null
        const entity = this.entityFor(run.text, type, run.start, run.end, honorific)
        if (type === 'PERSON' && title && !entity.gender) {
          // "Mrs. Clinton", "Mr. Lou": the honorific the name was stripped of tells the gender.
          if (/(^|\s)Mr\.?$/.test(title)) entity.gender = 'm'
          else if (/(^|\s)(Mrs|Ms|Miss)\.?$/.test(title)) entity.gender = 'f'
        }
        // A subject opens its sentence or clause, perhaps after its description
        // ("Germany’s Chancellor Angela Merkel heralded", "Republican front-runner Donald Trump is").
        let k = whole.first - 1
        while (k >= 0 && whole.first - k <= 6 && (DESCRIBING.test(toks[k].text) || ROLE_NOUNS.has(toks[k].text) || MODIFIER_NOUNS.has(toks[k].text)) && !NOT_DESCRIBING.test(toks[k].text)) k--
        const prevTok = toks[k]?.text ?? ''
        // "the Khan family", "Trump campaign chairman Paul Manafort": a name that modifies a noun is not the subject.
        const nextTok = toks[whole.last + 1]?.text ?? ''
        const modifies = ROLE_NOUNS.has(nextTok) || MODIFIER_NOUNS.has(nextTok)
        const subject = !whole.possessive && !modifies && (k < 0 || /^[,;:–—"”“]$/.test(prevTok) || /^(and|but|that|as|when|while|because|so|then)$/i.test(prevTok))
        // "…, Stovall said." / "said Stovall": the person this sentence reports, whoever else it names.
        const after = toks[whole.last + 1]?.text ?? ''
        const cueAfter = CUE_VERBS.has(after) || (/^(also|later|then|had|has|once)$/.test(after) && CUE_VERBS.has(toks[whole.last + 2]?.text ?? '')) || cueAfterAside(toks, whole.last + 1)
        // "said Stovall." / "said Stovall, a farmer" — not "said Ivanka Trump’s statement", "said Trump would".
        // "he said Ryan.": a verb with a subject of its own before it is not inverted; Ryan is what he said.
        const ownSubject = whole.first > 1 && /^(he|she|they|I|we|you|it)$/i.test(toks[whole.first - 2].text)
        const cueBefore = whole.first > 0 && /^(said|says|added|wrote|asked|told)$/.test(toks[whole.first - 1].text) && !ownSubject && !whole.possessive && (!after || /^[,.;:!?]$/.test(after))
        const reports = (subject && cueAfter) || cueBefore
        const place = type === 'ORG' && (isPlaceName(run.text) || isPlaceName(run.text.charAt(0) + run.text.slice(1).toLowerCase()) || this.placeOrOrgAt(run.start, run.end, true))
        this.occurrences.push({ start: run.start, end: run.end, text: run.text, entity, subject, reports, place })
        this.learnRole(body, toks, whole.first, run.last, entity, title)
      }
    })
    this.occurrences.sort((a, b) => a.start - b.start)
    this.learnGenders(perSentence)
  }

  /**
   * Genders the names alone do not tell ("Trump", "Ms. Conway" aside): a "he" or "she" whose
   * previous and own sentence name one person only refers to that person. Votes over the article.
   */
  private learnGenders(perSentence: Token[][]): void {
    const votes = new Map<Entity, { m: number; f: number }>()
    let oi = 0
    const sents = this.doc.sentences
    for (let si = 0; si < sents.length; si++) {
      const from = si > 0 && sents[si - 1].paragraph >= sents[si].paragraph - 1 ? sents[si - 1].start : sents[si].start
      for (const t of perSentence[si]) {
        const w = t.text.toLowerCase()
        if (w !== 'he' && w !== 'she' && w !== 'him' && w !== 'her' && w !== 'his' && w !== 'himself' && w !== 'herself') continue
        if (this.inQuote(t.start)) continue
        while (oi < this.occurrences.length && this.occurrences[oi].start < from) oi++
        // A person whose gender is known to be the other one is no candidate ("…, a union that has
        // endorsed Mr. Sanders, also said her group…": "her" is the one left).
        const other = /^(he|him|his|himself)$/.test(w) ? 'f' : 'm'
        let only: Entity | null = null
        let several = false
        for (let j = oi; j < this.occurrences.length && this.occurrences[j].start < t.start; j++) {
          const e = this.occurrences[j].entity
          if (e.type !== 'PERSON' || e.gender === other) continue
          if (only && only !== e) several = true
          only = e
        }
        if (!only || several || only.gender) continue
        const v = votes.get(only) ?? { m: 0, f: 0 }
        if (/^(he|him|his|himself)$/.test(w)) v.m++
        else v.f++
        votes.set(only, v)
      }
    }
    for (const [e, v] of votes) {
      if (v.m >= 2 * v.f + 1) e.gender = 'm'
      else if (v.f >= 2 * v.m + 1) e.gender = 'f'
    }
  }

  /**
   * "Al From", "Ian Read": a surname that is also a common capitalised word ends a run early; the
   * recogniser's person mention that starts with the run says where the name really ends.
   */
  private wholeName(body: string, toks: Token[], run: NameRun): NameRun {
    const m = this.mentionAt(run.start, run.end)
    if (!m || m.type !== 'PERSON' || m.start !== run.start || m.end <= run.end) return run
    let last = run.last
    while (last + 1 < toks.length && toks[last + 1].end <= m.end && isCapitalised(toks[last + 1].text)) last++
    if (toks[last].end !== m.end) return run
    return { ...run, last, end: m.end, text: body.slice(run.start, m.end) }
  }

  /** Whether a single capitalised word is used as a name in this article. */
  knownName(text: string): boolean {
    return this.capitalisedInside.has(text) || !!lookupAlias(text) || this.surnames.has(normaliseName(text))
  }

  /** A capitalised word that is an ordinary word here ("Continuing", "Hours"): written in lower case elsewhere, or shaped like one. */
  commonWord(text: string): boolean {
    if (this.knownName(text)) return false
    if (/(ing|ly)$/.test(text)) return true
    this.lowerWords ??= new Set(this.doc.article.body.match(/\b\p{Ll}[\p{Ll}'’-]*\b/gu) ?? [])
    return this.lowerWords.has(text.toLowerCase())
  }

  private lowerWords: Set<string> | undefined

  /** A lone capitalised word opening a sentence ("Continuing", "Hours") is a name only if used as one elsewhere. */
  plausibleSingle(toks: Token[], k: number): boolean {
    const t = toks[k]
    if (/(ing|ly)$/.test(t.text) && !this.mentionAt(t.start, t.end)) return false
    // "(R-Kans.)", "D-N.Y.": a party and state label, not a name.
    if (/^[RDI]-/.test(t.text)) return false
    const initial = k === 0 || /^[.!?"“”'‘’:(]$/.test(toks[k - 1].text)
    if (!initial) return true
    // "Similar firearms sell…", "Audiences can expect…": a word that only ever opens a sentence is no name.
    return !!this.mentionAt(t.start, t.end) || (this.knownName(t.text) && !this.commonWord(t.text))
  }

  /** Notes "State Department spokesperson Matthew Miller" or "Miller, a spokesman," as roles of Miller. */
  private learnRole(body: string, toks: Token[], first: number, last: number, e: Entity, title: string | null): void {
    if (e.type !== 'PERSON') return
    if (title) this.addRole(e, title)
    const before: Token[] = []
    for (let k = first - 1; k >= 0 && before.length < 6; k--) {
      if (/^[,.;:!?()"“”]$/.test(toks[k].text)) break
      before.unshift(toks[k])
    }
    const words = before.map((t) => t.text.toLowerCase())
    const runText = body.slice(toks[first].start, toks[last].end)
    const prefix = runText.slice(0, Math.max(0, runText.length - e.canonical.length)).trim()
    const nouns = [...words, ...prefix.toLowerCase().split(/\s+/)].filter((w) => ROLE_NOUNS.has(w))
    if (nouns.length) {
      const start = before.findIndex((t) => !/^(the|a|an|then|former)$/i.test(t.text) && (isCapitalised(t.text) || ROLE_NOUNS.has(t.text.toLowerCase()) || /(an|ian|ese)$/.test(t.text)))
      const phrase = start >= 0 ? body.slice(before[start].start, toks[first].start).trim() + (prefix ? ' ' + prefix : '') : prefix
      this.addRole(e, phrase.trim())
    }
    // Appositive: "Matthew Miller, a State Department spokesman,".
    if (toks[last + 1]?.text === ',') {
      const app: Token[] = []
      for (let k = last + 2; k < toks.length && app.length < 8; k++) {
        if (/^[,.;:!?()"“”]$/.test(toks[k].text)) break
        app.push(toks[k])
      }
      if (app.length && /^(the|a|an)$/i.test(app[0].text)) {
        const head = headBefore(body, app)
        if (head.kind === 'descriptor' && head.person) this.addRole(e, body.slice(app[1].start, app[app.length - 1].end))
      }
    }
  }

  private addRole(e: Entity, phrase: string): void {
    if (phrase && !e.roles.includes(phrase)) e.roles.push(phrase)
  }

  /** The entity last described with this role noun before `pos` ("the spokesman" → Miller). */
  byRole(head: string, pos: number): Entity | null {
    const h = head.toLowerCase()
    const synonyms = /^spokes(man|woman|person)$/.test(h) ? /spokes(man|woman|person)/ : new RegExp(`\\b${h.replace(/[^a-z-]/g, '')}\\b`)
    for (let i = this.occurrences.length - 1; i >= 0; i--) {
      const o = this.occurrences[i]
      if (o.start >= pos || o.entity.type !== 'PERSON') continue
      if (o.entity.roles.some((r) => synonyms.test(r.toLowerCase()))) return o.entity
    }
    return null
  }

  /** The organisation last named with this word before `pos` ("the foundation" → National Golf Foundation). */
  byOrgWord(head: string, pos: number): Entity | null {
    const h = head.toLowerCase()
    if (!/^[a-z]{4,}$/.test(h)) return null
    for (let i = this.occurrences.length - 1; i >= 0; i--) {
      const o = this.occurrences[i]
      if (o.start >= pos || o.entity.type !== 'ORG') continue
      if (o.entity.canonical.toLowerCase().split(/\s+/).includes(h)) return o.entity
    }
    return null
  }

  /** Persons named before `pos`, most recent first (one entry per entity). */
  personsBefore(pos: number, limit = 12): Occurrence[] {
    const seen = new Set<string>()
    const out: Occurrence[] = []
    for (let i = this.occurrences.length - 1; i >= 0 && out.length < limit; i--) {
      const o = this.occurrences[i]
      if (o.start >= pos || o.entity.type !== 'PERSON' || seen.has(o.entity.key)) continue
      seen.add(o.entity.key)
      out.push(o)
    }
    return out
  }

  entityByKey(key: string): Entity | undefined {
    return this.byKey.get(key)
  }
}
