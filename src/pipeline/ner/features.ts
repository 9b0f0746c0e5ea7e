/**
 * Hashed features for the entity tagger. Every feature is a template number mixed with one or two
 * per-token "atoms" (hashes of the word, its lowercase form, shape, affixes, word class, gazetteer
 * match), so extracting a feature is integer arithmetic only; atoms of a word are cached.
 */
import { rawGazetteer } from './gazetteer.js'
import { tokenise } from './tokenise.js'

export const TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const
/** O, then B-/I- per type: tag 1+2k is B-TYPES[k], 2+2k is I-TYPES[k]. */
export const NTAGS = 1 + 2 * TYPES.length

export function fnv(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h | 0
}

export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return h ^ (h >>> 16)
}

function shapeOf(w: string): string {
  let out = ''
  let last = ''
  for (let i = 0; i < w.length && out.length < 8; i++) {
    const c = w[i]
    let k: string
    if (c >= 'a' && c <= 'z') k = 'x'
    else if (c >= 'A' && c <= 'Z') k = 'X'
    else if (c >= '0' && c <= '9') k = 'd'
    else if (c.toLowerCase() !== c) k = 'X'
    else if (c.toUpperCase() !== c) k = 'x'
    else k = c
    if (k !== last) out += k
    last = k
  }
  return out
}

/** Fold typographic apostrophes and quotes so curly and straight forms share features. */
export function foldWord(w: string): string {
  return w.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/[\u2013\u2014]/g, '-')
}

// Atom slots per word.
const A_WORD = 0
const A_LOWER = 1
const A_SHAPE = 2
const A_SUF2 = 3
const A_SUF3 = 4
const A_SUF4 = 5
const A_PRE2 = 6
const A_PRE3 = 7
const A_CAP = 8 // 1 when the word starts with an uppercase letter
const A_FINE = 9 // fine word class, 0 when unknown
const A_COARSE = 10 // coarse word class, 0 when unknown
/**
 * Which model's weights WORD_SUMS holds (see modelStamp in model.ts), 0 for none. The weights of
 * the features that read this word alone (ROLE_FEATURES) are the same wherever it occurs; kept
 * with its atoms, they are summed once per word rather than once per token, and go when the word
 * leaves the cache.
 */
export const WORD_STAMP = 11
/** NROLES × NTAGS slots: per role, the summed weights of its features for this word. */
export const WORD_SUMS = 12
/**
 * Roles a word plays for a token: the token itself, the word before, after, two before, two
 * after, and the token itself in a plain place in its sentence (see isPlain).
 */
export const NROLES = 6
const NATOMS = WORD_SUMS + NROLES * NTAGS
/** Atom slot that is 1 for a capitalised word. */
export const A_CAP_INDEX = A_CAP

/** What sentenceAtoms needs of a word besides its atoms, worked out once per word. */
interface Word {
  atoms: Int32Array
  /** the word folded (foldWord) and lowercased */
  lower: string
  /** more than one character, all of them uppercase (or uncased) */
  allCaps: boolean
  /** starts with a letter */
  letter: boolean
}

const wordCache = new Map<string, Word>()
/**
 * Words kept before the cache starts afresh. A word with its weight sums (WORD_SUMS) takes ~600
 * bytes, so 100,000 of them hold ~60 MB in each process and thread that tags; a year of news
 * meets them in thousands of articles (900 PolNeAR articles have 33,000), and starting afresh
 * costs little more than the first article after it.
 */
const WORD_CACHE_SIZE = 100_000

/** Word classes the loaded weights were trained with (see scripts/train/clusters.ts). */
let classes: Map<string, number> = new Map()

const UNKNOWN = fnv('<unknown>')

/**
 * Atoms of a word as if it had never been seen: identity replaced, shape, affixes and class
 * kept. Training shows the tagger some rare words this way, so it learns to rely on the clues
 * it will have for the many names it has never seen.
 */
export function unknownWordAtoms(a: Int32Array): Int32Array {
  const u = a.slice()
  u[A_WORD] = UNKNOWN
  u[A_LOWER] = UNKNOWN
  u[WORD_STAMP] = 0
  return u
}

/** Installs the word classes (fine id in the low 16 bits, coarse above); clears cached atoms. */
export function setWordClasses(map: Map<string, number>): void {
  classes = map
  wordCache.clear()
}

/** Class of a word; an all-capitals headline word falls back to its title-case and lowercase forms. */
function classOf(w: string, lw: string): number {
  const c = classes.get(w)
  if (c !== undefined) return c
  if (w.length > 1 && w === w.toUpperCase()) {
    const title = classes.get(w[0] + lw.slice(1))
    if (title !== undefined) return title
  }
  return classes.get(lw) ?? 0
}

function wordAtoms(raw: string): Int32Array {
  return wordOf(raw).atoms
}

function wordOf(raw: string): Word {
  const known = wordCache.get(raw)
  if (known) return known
  const w = foldWord(raw)
  const lw = w.toLowerCase()
  const a = new Int32Array(NATOMS)
  a[A_WORD] = fnv(w)
  a[A_LOWER] = fnv(lw)
  a[A_SHAPE] = fnv(shapeOf(w))
  a[A_SUF2] = fnv(lw.slice(-2))
  a[A_SUF3] = fnv(lw.slice(-3))
  a[A_SUF4] = fnv(lw.slice(-4))
  a[A_PRE2] = fnv(lw.slice(0, 2))
  a[A_PRE3] = fnv(lw.slice(0, 3))
  a[A_CAP] = lw !== w && w[0] !== lw[0] ? 1 : 0
  const cls = classOf(w, lw)
  a[A_FINE] = cls & 0xffff
  a[A_COARSE] = cls >>> 16
  const word: Word = { atoms: a, lower: lw, allCaps: raw === raw.toUpperCase() && raw.length > 1, letter: /^\p{L}/u.test(raw) }
  if (wordCache.size >= WORD_CACHE_SIZE) wordCache.clear()
  wordCache.set(raw, word)
  return word
}

interface GazPhrase {
  words: string[]
  label: string
}

let gazIndex: Map<string, GazPhrase[]> | undefined

/** Lowercased gazetteer phrases by first word, longest first. */
function gazetteerIndex(): Map<string, GazPhrase[]> {
  if (gazIndex) return gazIndex
  const index = new Map<string, GazPhrase[]>()
  const add = (name: string, label: string) => {
    const words = tokenise(name).words.map((w) => foldWord(w).toLowerCase())
    if (words.length === 0) return
    const list = index.get(words[0]) ?? []
    if (!list.some((p) => p.label === label && p.words.join(' ') === words.join(' '))) list.push({ words, label })
    index.set(words[0], list)
  }
  const g = rawGazetteer()
  for (const [, type, names] of g.entries) {
    for (const n of names) add(n, type)
  }
  for (const adj of g.adjectives) add(adj, 'ADJ')
  for (const n of g.firstNames) add(n, 'FIRST')
  for (const list of index.values()) list.sort((a, b) => b.words.length - a.words.length)
  gazIndex = index
  return index
}

/** A name as the lists (setNameLists) key it: its tokens folded and lowercased, joined by spaces. */
export function nameListKey(name: string): string {
  return tokenise(name).words.map((w) => foldWord(w).toLowerCase()).join(' ')
}

interface ListedName {
  words: string[]
  /** one letter per list the name is on (see scripts/train/name-lists.ts) */
  labels: string
}

/** Listed one-word names → their list letters; names of several words by first word, longest first. */
let listedWords = new Map<string, string>()
let listedPhrases = new Map<string, ListedName[]>()

/**
 * Installs the name lists the loaded weights were trained with: "name<TAB>letters" lines, the name
 * as nameListKey writes it. Read in every process and worker that tags, so no line is parsed twice.
 */
export function setNameLists(lines: string): void {
  const words = new Map<string, string>()
  const phrases = new Map<string, ListedName[]>()
  let at = 0
  while (at < lines.length) {
    let end = lines.indexOf('\n', at)
    if (end < 0) end = lines.length
    const tab = lines.indexOf('\t', at)
    if (tab > at && tab < end) {
      const key = lines.slice(at, tab)
      const labels = lines.slice(tab + 1, end)
      if (key.includes(' ')) {
        const ws = key.split(' ')
        const bucket = phrases.get(ws[0])
        if (bucket) bucket.push({ words: ws, labels })
        else phrases.set(ws[0], [{ words: ws, labels }])
      } else words.set(key, labels)
    }
    at = end + 1
  }
  for (const bucket of phrases.values()) if (bucket.length > 1) bucket.sort((a, b) => b.words.length - a.words.length)
  listedWords = words
  listedPhrases = phrases
}

/** The list letters of a one-word name (see setNameLists), "" when it is on no list. */
export function listedAs(word: string): string {
  return listedWords.get(foldWord(word).toLowerCase()) ?? ''
}

/** Whether the phrase `words` (its first word already matched) runs on from token i of `lowered`. */
function phraseAt(lowered: string[], i: number, words: string[]): boolean {
  if (i + words.length > lowered.length) return false
  for (let k = 1; k < words.length; k++) if (lowered[i + k] !== words[k]) return false
  return true
}

/**
 * Folds into each capitalised token's gazetteer hash the lists its names are on ("B" + letters on
 * a name's first token, "I" + letters on the others): a big list is a weaker clue than the
 * curated gazetteer, so the two stay distinguishable in the one feature.
 */
function listMemberships(atoms: Int32Array[], lowered: string[], gaz: Int32Array): void {
  const n = atoms.length
  let tags: string[] | undefined
  for (let i = 0; i < n; i++) {
    if (!atoms[i][A_CAP]) continue
    let seen = ''
    const cands = listedPhrases.get(lowered[i])
    if (cands) {
      for (const p of cands) {
        if (!phraseAt(lowered, i, p.words)) continue
        const len = p.words.length
        let labels = ''
        for (const l of p.labels) if (!seen.includes(l)) labels += l
        if (!labels) continue
        seen += labels
        tags ??= new Array<string>(n).fill('')
        for (let k = 0; k < len; k++) tags[i + k] += (k === 0 ? 'B' : 'I') + labels
      }
    }
    const own = listedWords.get(lowered[i])
    if (own) {
      let labels = ''
      for (const l of own) if (!seen.includes(l)) labels += l
      if (labels) {
        tags ??= new Array<string>(n).fill('')
        tags[i] += 'B' + labels
      }
    }
  }
  if (tags) for (let i = 0; i < n; i++) if (tags[i]) gaz[i] = fnv(`${gaz[i]}#${tags[i]}`)
}

/** What the features know about the whole document. */
export interface DocContext {
  /** every token of the document, in order */
  words: string[]
  /** lowercase words that occur lowercased (not capitalised) somewhere in the document */
  lower: Set<string>
}

export function docContext(words: string[]): DocContext {
  const lower = new Set<string>()
  for (const w of words) {
    const c = w.charCodeAt(0)
    if (c >= 97 && c <= 122) lower.add(w)
  }
  return { words, lower }
}

/** Everything about one sentence the features need. */
export interface SentenceAtoms {
  n: number
  atoms: Int32Array[]
  /** per token: hash of gazetteer label with B/I position, 0 when none */
  gaz: Int32Array
  /** per token: 1 when a capitalised word also occurs lowercased in the document */
  lowerElsewhere: Uint8Array
  /** the sentence is mostly uppercase (a headline) */
  caps: number
  /** static feature buckets, n × NSTATIC, when precomputed (training) */
  statics?: Int32Array
}

export const PAD_BEFORE = wordAtoms('<S>')
export const PAD_AFTER = wordAtoms('</S>')

/** Atoms of tokens [start, end) of a document. */
export function sentenceAtoms(doc: DocContext, start: number, end: number): SentenceAtoms {
  const n = end - start
  const words = doc.words
  const docLower = doc.lower
  const atoms: Int32Array[] = new Array(n)
  let upper = 0
  let alpha = 0
  const lowerElsewhere = new Uint8Array(n)
  const lowered: string[] = new Array(n)
  for (let i = 0; i < n; i++) {
    const word = wordOf(words[start + i])
    const a = word.atoms
    atoms[i] = a
    const lw = word.lower
    lowered[i] = lw
    if (a[A_CAP]) {
      alpha++
      if (word.allCaps) upper++
      if (docLower.has(lw)) lowerElsewhere[i] = 1
    } else if (word.letter) alpha++
  }
  const gaz = new Int32Array(n)
  const index = gazetteerIndex()
  for (let i = 0; i < n; i++) {
    if (!atoms[i][A_CAP]) continue
    const cands = index.get(lowered[i])
    if (!cands) continue
    for (const p of cands) {
      if (!phraseAt(lowered, i, p.words)) continue
      const len = p.words.length
      for (let k = 0; k < len; k++) {
        if (gaz[i + k] === 0) gaz[i + k] = fnv((k === 0 ? 'B-' : 'I-') + p.label + (len > 1 ? '+' : ''))
      }
      break
    }
  }
  if (listedWords.size > 0 || listedPhrases.size > 0) listMemberships(atoms, lowered, gaz)
  return { n, atoms, gaz, lowerElsewhere, caps: alpha >= 3 && upper / alpha > 0.7 ? 1 : 0 }
}

/** Number of static features per token (written by staticFeatures). */
export const NSTATIC = 43

/**
 * Per role (see NROLES): where staticFeatures writes the features that read that one word alone.
 * Their weights depend on the word only, so they can be summed once per word (WORD_SUMS) instead
 * of once per token.
 */
export const ROLE_FEATURES: readonly Int32Array[] = [
  Int32Array.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 37, 38, 41),
  Int32Array.of(9, 13, 28, 39),
  Int32Array.of(10, 14, 29, 40),
  Int32Array.of(11, 35),
  Int32Array.of(12),
  Int32Array.of(19, 20, 21, 22, 23, 24, 25, 30, 32, 33),
]
/**
 * Where staticFeatures writes the features of the token's place in its sentence (gazetteer
 * matches around it, headline, first word, lowercase elsewhere): the last role's features, which
 * are the word's own wherever the token's place is plain (see isPlain).
 */
export const PLACE_FEATURES = ROLE_FEATURES[NROLES - 1]
/** Where staticFeatures writes the features that combine the token with the words around it. */
export const PAIR_FEATURES = Int32Array.from({ length: NSTATIC }, (_, f) => f).filter((f) => !ROLE_FEATURES.some((r) => r.includes(f)))

/**
 * Whether token i's PLACE_FEATURES are those of a plain place: not first or last, no gazetteer
 * match on it or either side, not in a headline, not a word that also occurs lowercased.
 */
export function isPlain(s: SentenceAtoms, i: number): boolean {
  const g = s.gaz
  return i > 0 && i + 1 < s.n && s.caps === 0 && g[i - 1] === 0 && g[i] === 0 && g[i + 1] === 0 && s.lowerElsewhere[i] === 0
}

/**
 * Writes the bucket indexes of the features of token i that do not depend on earlier tags.
 * `mask` is nBuckets - 1 (a power of two).
 */
export function staticFeatures(s: SentenceAtoms, i: number, mask: number, out: Int32Array): void {
  const a = s.atoms
  selfFeatures(a[i], mask, out)
  prevFeatures(i > 0 ? a[i - 1] : PAD_BEFORE, mask, out)
  nextFeatures(i + 1 < s.n ? a[i + 1] : PAD_AFTER, mask, out)
  prev2Features(i > 1 ? a[i - 2] : PAD_BEFORE, mask, out)
  next2Features(i + 2 < s.n ? a[i + 2] : PAD_AFTER, mask, out)
  placeFeatures(s, i, mask, out)
  pairFeatures(s, i, mask, out)
}

/** Writes the features of role `role` (see ROLE_FEATURES) for the word with atoms `a`. */
export function roleFeatures(role: number, a: Int32Array, mask: number, out: Int32Array): void {
  if (role === 0) selfFeatures(a, mask, out)
  else if (role === 1) prevFeatures(a, mask, out)
  else if (role === 2) nextFeatures(a, mask, out)
  else if (role === 3) prev2Features(a, mask, out)
  else if (role === 4) next2Features(a, mask, out)
  else placeFeaturesOf(a, 0, 0, 0, 0, 0, 0, mask, out)
}

function selfFeatures(cur: Int32Array, mask: number, out: Int32Array): void {
  out[0] = mix(1, 0) & mask
  out[1] = mix(2, cur[A_WORD]) & mask
  out[2] = mix(3, cur[A_LOWER]) & mask
  out[3] = mix(4, cur[A_SHAPE]) & mask
  out[4] = mix(5, cur[A_SUF2]) & mask
  out[5] = mix(6, cur[A_SUF3]) & mask
  out[6] = mix(7, cur[A_SUF4]) & mask
  out[7] = mix(8, cur[A_PRE2]) & mask
  out[8] = mix(9, cur[A_PRE3]) & mask
  out[37] = mix(38, cur[A_FINE]) & mask
  out[38] = mix(39, cur[A_COARSE]) & mask
  out[41] = mix(mix(42, cur[A_COARSE]), cur[A_SHAPE]) & mask
}

function prevFeatures(p1: Int32Array, mask: number, out: Int32Array): void {
  out[9] = mix(10, p1[A_LOWER]) & mask
  out[13] = mix(14, p1[A_SHAPE]) & mask
  out[28] = mix(29, p1[A_SUF3]) & mask
  out[39] = mix(40, p1[A_FINE]) & mask
}

function nextFeatures(n1: Int32Array, mask: number, out: Int32Array): void {
  out[10] = mix(11, n1[A_LOWER]) & mask
  out[14] = mix(15, n1[A_SHAPE]) & mask
  out[29] = mix(30, n1[A_SUF3]) & mask
  out[40] = mix(41, n1[A_FINE]) & mask
}

function prev2Features(p2: Int32Array, mask: number, out: Int32Array): void {
  out[11] = mix(12, p2[A_LOWER]) & mask
  out[35] = mix(36, p2[A_SHAPE]) & mask
}

function next2Features(n2: Int32Array, mask: number, out: Int32Array): void {
  out[12] = mix(13, n2[A_LOWER]) & mask
}

/** Writes the PLACE_FEATURES of token i. */
export function placeFeatures(s: SentenceAtoms, i: number, mask: number, out: Int32Array): void {
  const g = s.gaz
  const gp = i > 0 ? g[i - 1] : 1
  const gn = i + 1 < s.n ? g[i + 1] : 2
  const first = i === 0 ? 1 : 0
  placeFeaturesOf(s.atoms[i], g[i], gp, gn, s.caps, s.caps * 2 + first, s.lowerElsewhere[i], mask, out)
}

/** PLACE_FEATURES of a word with gazetteer hashes `gi` on it, `gp` before, `gn` after. */
function placeFeaturesOf(cur: Int32Array, gi: number, gp: number, gn: number, caps: number, ctx: number, elsewhere: number, mask: number, out: Int32Array): void {
  out[19] = mix(20, gi) & mask
  out[20] = mix(21, gp) & mask
  out[21] = mix(22, gn) & mask
  out[22] = mix(mix(23, gi), cur[A_SHAPE]) & mask
  out[23] = mix(mix(24, ctx), cur[A_SHAPE]) & mask
  out[24] = mix(mix(25, ctx), cur[A_LOWER]) & mask
  out[25] = mix(mix(26, elsewhere), cur[A_SHAPE]) & mask
  out[30] = mix(mix(31, gi), ctx) & mask
  out[32] = mix(mix(33, caps), cur[A_SUF3]) & mask
  out[33] = mix(mix(34, gp), gn) & mask
}

/** Writes the PAIR_FEATURES of token i. */
export function pairFeatures(s: SentenceAtoms, i: number, mask: number, out: Int32Array): void {
  const a = s.atoms
  const cur = a[i]
  const p1 = i > 0 ? a[i - 1] : PAD_BEFORE
  const n1 = i + 1 < s.n ? a[i + 1] : PAD_AFTER
  const n2 = i + 2 < s.n ? a[i + 2] : PAD_AFTER
  out[15] = mix(mix(16, p1[A_SHAPE]), cur[A_SHAPE]) & mask
  out[16] = mix(mix(17, cur[A_SHAPE]), n1[A_SHAPE]) & mask
  out[17] = mix(mix(18, p1[A_LOWER]), cur[A_LOWER]) & mask
  out[18] = mix(mix(19, cur[A_LOWER]), n1[A_LOWER]) & mask
  out[26] = mix(mix(27, p1[A_LOWER]), cur[A_SHAPE]) & mask
  out[27] = mix(mix(28, cur[A_SHAPE]), n1[A_LOWER]) & mask
  out[31] = mix(mix(32, p1[A_WORD]), cur[A_WORD]) & mask
  out[34] = mix(mix(35, n1[A_SHAPE]), n2[A_SHAPE]) & mask
  out[36] = mix(mix(37, p1[A_LOWER]), n1[A_LOWER]) & mask
  out[42] = mix(mix(43, p1[A_COARSE]), n1[A_COARSE]) & mask
}

/**
 * Each token's case-folded word numbered within its document, so the tagger's memory of a word
 * (DocHistory) is an array index rather than a hash lookup at every question.
 */
export class DocWords {
  /** per sentence, per token: index of its case-folded word in the document */
  readonly ids: Int32Array[]
  /** number of distinct case-folded words */
  readonly size: number

  constructor(readonly sents: SentenceAtoms[]) {
    const index = new Map<number, number>()
    this.ids = sents.map((s) => {
      const ids = new Int32Array(s.n)
      for (let i = 0; i < s.n; i++) {
        const lower = s.atoms[i][A_LOWER]
        let id = index.get(lower)
        if (id === undefined) index.set(lower, (id = index.size))
        ids[i] = id
      }
      return ids
    })
    this.size = index.size
  }
}

/**
 * What the tagger said about a word (case-folded) elsewhere in the same document. During a pass
 * it holds the earlier occurrences (so a name tagged once pulls its later, less clear occurrences
 * — a headline, a bare surname — the same way); after the first pass it holds every occurrence,
 * and the second pass reads it whole ("LEEDS" in a headline before "Leeds United" in the text).
 * Tokens are named by sentence k and index i in it.
 */
export class DocHistory {
  /** per word of the document: how often it was tagged O, PER, ORG, LOC, MISC */
  private readonly counts: Int32Array
  /** per word: what get answers, brought up to date by each record */
  private readonly best: Uint8Array

  constructor(private readonly words: DocWords) {
    this.counts = new Int32Array(words.size * 5)
    this.best = new Uint8Array(words.size)
  }

  /** 0 = never seen, 1 = O, 2.. = 2 + type index (the most frequent); 0 past the end of the sentence */
  get(k: number, i: number): number {
    const ids = this.words.ids[k]
    return i < ids.length ? this.best[ids[i]] : 0
  }

  /** Like get, plus 5 when the occurrences disagree; 0 outside the sentence. */
  whole(k: number, i: number): number {
    const ids = this.words.ids[k]
    if (i < 0 || i >= ids.length) return 0
    const c = this.counts
    const at = ids[i] * 5
    let best = 0
    let total = 0
    for (let j = 0; j < 5; j++) {
      total += c[at + j]
      if (c[at + j] > c[at + best]) best = j
    }
    if (total === 0) return 0
    return best + 1 + (c[at + best] === total ? 0 : 5)
  }

  record(k: number, i: number, tag: number): void {
    if (!this.words.sents[k].atoms[i][A_CAP]) return
    const id = this.words.ids[k][i]
    const c = this.counts
    const at = id * 5
    c[at + (tag === 0 ? 0 : 1 + ((tag - 1) >> 1))]++
    let best = 0
    for (let j = 1; j < 5; j++) if (c[at + j] > c[at + best]) best = j
    this.best[id] = best + 1
  }
}

/** Number of features depending on earlier decisions (previous tags, document history). */
export const NDYNAMIC = 12

/** `whole` value in the first pass, when there is no whole-document history yet. */
export const FIRST_PASS = 15

/**
 * `hist` and `nextHist` are DocHistory.get of tokens i and i+1 (0 past the end); `whole`,
 * `wholePrev`, `wholeNext` are the first pass's DocHistory.whole of tokens i, i-1, i+1
 * (FIRST_PASS in the first pass).
 */
export function dynamicFeatures(
  s: SentenceAtoms,
  i: number,
  prev: number,
  prev2: number,
  hist: number,
  nextHist: number,
  whole: number,
  wholePrev: number,
  wholeNext: number,
  mask: number,
  out: Int32Array,
  at: number,
): void {
  const cur = s.atoms[i]
  out[at] = mix(101, prev) & mask
  out[at + 1] = mix(mix(102, prev), prev2) & mask
  out[at + 2] = mix(mix(103, prev), cur[A_LOWER]) & mask
  out[at + 3] = mix(mix(104, prev), cur[A_SHAPE]) & mask
  const h = cur[A_CAP] ? hist : 7
  out[at + 4] = mix(105, h) & mask
  out[at + 5] = mix(mix(106, h), cur[A_SHAPE]) & mask
  out[at + 6] = mix(mix(107, nextHist), h) & mask
  out[at + 7] = mix(mix(108, prev), h) & mask
  const w = whole === FIRST_PASS || cur[A_CAP] ? whole : 14
  out[at + 8] = mix(109, w) & mask
  out[at + 9] = mix(mix(110, w), cur[A_SHAPE]) & mask
  out[at + 10] = mix(mix(111, wholePrev), wholeNext) & mask
  out[at + 11] = mix(mix(112, w), prev) & mask
}

/** Whether tag `t` may follow tag `prev` in IOB2. */
export function allowed(prev: number, t: number): boolean {
  if (t === 0 || (t & 1) === 1) return true
  return prev === t || prev === t - 1
}
