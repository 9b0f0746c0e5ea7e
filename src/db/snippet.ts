/**
 * Snippets of a matched text, cut in JavaScript from the stored text with FTS5 snippet()'s choice of
 * window. Asking FTS5 for snippet() of one row means running the whole MATCH again for that row
 * (0.1 ms for a common word, 0.3 ms for a phrase, per hit), several times what reading the row and
 * finding the query's words in it costs here.
 *
 * Words are found as the index finds them (unicode61 with remove_diacritics 2): runs of letters,
 * digits and marks, folded to lower case without diacritics; each quoted term of the rendered MATCH
 * expression is a phrase of such words, its last word a prefix when the term ends in `*`.
 */
import { MARK_CLOSE, MARK_OPEN } from './fts.js'

interface Phrase {
  words: string[]
  prefix: boolean
}

/** The terms of a MATCH expression rendered by ftsQuery(): every quoted string is one phrase. */
export type MatchTerms = Phrase[]

const QUOTED = /"([^"]*)"(\*?)/g
const WORD = /[\p{L}\p{N}\p{M}]+/gu
const NON_ASCII = /[\u0080-\uffff]/
const MARKS = /\p{M}/gu

function fold(word: string): string {
  return NON_ASCII.test(word) ? word.normalize('NFD').replace(MARKS, '').toLowerCase() : word.toLowerCase()
}

/** The phrases of a MATCH expression built by ftsQuery(), folded as the index folds words. */
export function matchTerms(match: string): MatchTerms {
  const phrases: Phrase[] = []
  for (const [, inner, star] of match.matchAll(QUOTED)) {
    const words = (inner.match(WORD) ?? []).map(fold).filter((w) => w.length > 0)
    if (words.length) phrases.push({ words, prefix: star === '*' })
  }
  return phrases
}

/** Token i spans text[starts[i], ends[i]); `ascii[i]` when it has no other characters (the common case). */
interface Tokens {
  starts: number[]
  ends: number[]
  ascii: boolean[]
}

const ASCII_WORD = new Uint8Array(128).map((_, c) => (/[0-9A-Za-z]/.test(String.fromCharCode(c)) ? 1 : 0))
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u
const nonAsciiWord = new Map<number, boolean>()

function isWordChar(codePoint: number): boolean {
  let word = nonAsciiWord.get(codePoint)
  if (word === undefined) nonAsciiWord.set(codePoint, (word = WORD_CHAR.test(String.fromCodePoint(codePoint))))
  return word
}

// A character scan rather than WORD.exec(): the regular expression, with its unicode classes, costs
// several times more over a whole article.
function tokenize(text: string): Tokens {
  const starts: number[] = []
  const ends: number[] = []
  const ascii: boolean[] = []
  let start = -1
  let plain = true
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i)
    let width = 1
    let word: boolean
    if (c < 128) word = ASCII_WORD[c] === 1
    else {
      const codePoint = text.codePointAt(i)!
      width = codePoint > 0xffff ? 2 : 1
      word = isWordChar(codePoint)
      if (word) plain = false
    }
    if (word && start < 0) start = i
    else if (!word && start >= 0) {
      starts.push(start)
      ends.push(i)
      ascii.push(plain)
      start = -1
      plain = true
    }
    i += width
  }
  if (start >= 0) {
    starts.push(start)
    ends.push(text.length)
    ascii.push(plain)
  }
  return { starts, ends, ascii }
}

/** Whether token t of `text`, folded, is `want` (or begins with it, for a prefix). */
function tokenIs(text: string, tokens: Tokens, t: number, want: string, prefix: boolean): boolean {
  const start = tokens.starts[t]
  const length = tokens.ends[t] - start
  if (!tokens.ascii[t]) {
    const folded = fold(text.slice(start, tokens.ends[t]))
    return prefix ? folded.startsWith(want) : folded === want
  }
  if (prefix ? length < want.length : length !== want.length) return false
  for (let k = 0; k < want.length; k++) {
    let c = text.charCodeAt(start + k)
    if (c >= 65 && c <= 90) c += 32
    if (c !== want.charCodeAt(k)) return false
  }
  return true
}

/** One occurrence of a phrase: tokens [first, last] of the text. */
interface Instance {
  phrase: number
  first: number
  last: number
}

function instances(text: string, tokens: Tokens, terms: MatchTerms): Instance[] {
  const found: Instance[] = []
  const count = tokens.starts.length
  for (let i = 0; i < count; i++) {
    for (let p = 0; p < terms.length; p++) {
      const { words, prefix } = terms[p]
      const n = words.length
      if (i + n > count) continue
      let k = 0
      while (k < n && tokenIs(text, tokens, i + k, words[k], prefix && k === n - 1)) k++
      if (k === n) found.push({ phrase: p, first: i, last: i + n - 1 })
    }
  }
  return found
}

interface Window {
  score: number
  start: number
}

/** The score of the window [from, from + size): 1000 for each phrase in it, 1 for each further occurrence. */
function windowScore(found: Instance[], from: number, size: number): { score: number; first: number; end: number } {
  const seen = new Set<number>()
  let score = 0
  let first = -1
  let end = 0
  for (const inst of found) {
    if (inst.first < from || inst.first >= from + size) continue
    score += seen.has(inst.phrase) ? 1 : 1000
    seen.add(inst.phrase)
    if (first < 0) first = inst.first
    end = inst.last + 1
  }
  return { score, first, end }
}

/**
 * Tokens opening a sentence: the first, and any after whitespace that follows a '.' or a ':'
 * (FTS5's rule, so that an extract may start where a sentence does).
 */
function sentenceStarts(text: string, tokens: Tokens): number[] {
  const starts = [0]
  for (let t = 1; t < tokens.starts.length; t++) {
    let i = tokens.starts[t] - 1
    while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i--
    if (i !== tokens.starts[t] - 1 && (text[i] === '.' || text[i] === ':')) starts.push(t)
  }
  return starts
}

/**
 * The best window of `size` tokens, chosen as FTS5's snippet() chooses it: for each occurrence, the
 * window with the occurrences from it centred and, in a text longer than a window, the window from
 * the start of its sentence (worth 100 more, 120 at the start of the text); the first best score wins.
 */
function bestWindow(text: string, tokens: Tokens, found: Instance[], size: number, best: Window): Window | undefined {
  const count = tokens.starts.length
  const sentences = count > size && found.length > 0 ? sentenceStarts(text, tokens) : []
  let chosen: Window | undefined
  for (const inst of found) {
    const at = inst.first
    const around = windowScore(found, at, size)
    let start = around.first - Math.trunc((size - (around.end - around.first)) / 2)
    if (start + size > count) start = count - size
    if (start < 0) start = 0
    if (around.score > (chosen ?? best).score) chosen = { score: around.score, start }
    if (sentences.length === 0) continue
    let j = 0
    while (j < sentences.length - 1 && sentences[j + 1] <= at) j++
    if (sentences[j] < at) {
      const score = windowScore(found, sentences[j], size).score + (sentences[j] === 0 ? 120 : 100)
      if (score > (chosen ?? best).score) chosen = { score, start: sentences[j] }
    }
  }
  return chosen
}

function cut(text: string, tokens: Tokens, found: Instance[], start: number, size: number, ellipsis: string): string {
  const count = tokens.starts.length
  const end = Math.min(start + size, count)
  if (count === 0) return text
  let out = start > 0 ? ellipsis : ''
  let pos = start > 0 ? tokens.starts[start] : 0
  // Occurrences that begin before the window are not marked, as in FTS5.
  let k = 0
  while (k < found.length && found[k].first < start) k++
  for (let t = start; t < end; ) {
    while (k < found.length && found[k].last < t) k++
    const inst = found[k]
    if (!inst || inst.first > t) {
      t++
      continue
    }
    // An occurrence (merged with those overlapping it) from token t, cut at the window's end.
    let last = inst.last
    while (k + 1 < found.length && found[k + 1].first <= last) last = Math.max(last, found[++k].last)
    last = Math.min(last, end - 1)
    out += text.slice(pos, tokens.starts[t]) + MARK_OPEN + text.slice(tokens.starts[t], tokens.ends[last]) + MARK_CLOSE
    pos = tokens.ends[last]
    t = last + 1
  }
  out += end < count ? text.slice(pos, tokens.ends[end - 1]) + ellipsis : text.slice(pos)
  return out
}

/**
 * snippet(table, -1, MARK_OPEN, MARK_CLOSE, ellipsis, size) for one row whose indexed columns are
 * `columns`: the best window of `size` tokens in the column that holds it, matched phrases between
 * the markers, an ellipsis where the text goes on. A row where no phrase is found (a query word
 * folded differently from the index) gives the opening of its first column.
 */
export function snippet(columns: Array<string | null>, terms: MatchTerms, size = 24, ellipsis = '…'): string {
  // As in FTS5: a column without occurrences is never chosen; with none anywhere, the first column's opening.
  let best: { score: number; start: number; column: number; tokens?: Tokens; found: Instance[] } = { score: 0, start: 0, column: 0, found: [] }
  columns.forEach((text, column) => {
    if (!text) return
    const tokens = tokenize(text)
    const found = instances(text, tokens, terms)
    const window = bestWindow(text, tokens, found, size, best)
    if (window) best = { ...window, column, tokens, found }
  })
  const text = columns[best.column]
  if (!text) return ''
  best.tokens ??= tokenize(text)
  return cut(text, best.tokens, best.found, best.start, size, ellipsis)
}
