/**
 * How the prose around a quoted span uses it. A quotation is the object of a reporting clause; a
 * scare quote or a title is a piece of the writer's own sentence: the object of a preposition
 * (“paid for “survey research””), a modifier inside a noun phrase (a “unity” lunch), a name after
 * a network (NBC’s “Meet the Press”), or a term the article keeps repeating in quotation marks.
 */
import type { NewsDoc } from '../document.js'
import { CUE_VERBS } from '../speakers/lexicon.js'
import type { MarkedSpan } from './marks.js'
import { spanIndex } from '../spans.js'

export const USAGE_FEATURES = [
  'echo', 'repeated', 'contentAfter', 'listed', 'cueNextToSentence', 'shortContentAfter', 'shortEcho',
  'stanceVerb', 'stanceWithSubject', 'shortStance', 'shortStanceSubject', 'namingPhrase',
  'titleStance', 'titleAfterPreposition', 'opensNounPhrase',
] as const

/**
 * Stems of verbs that attribute words or views to someone ("mocked Trump for calling himself the
 * “king of debt”", "heralded the deal as a “breakthrough”"): far more than the reporting verbs a
 * speaker is found from, since a short quoted phrase is often the object of any of them.
 */
const STANCE_STEMS = new Set(`say said tell told call describ label brand dub term slam criticiz criticis attack accus prais
warn urg demand insist promis vow pledg decr denounc condemn dismiss reject defend question ridicul derid lament express
hail herald tout embrac suggest argu claim believ think thought feel felt hope want refer mention cit quot invok reiterat
utter chant shout yell cheer sing sang read wrote writ tweet post respond answer ask agre admit acknowledg conced deni
confirm announc declar predict estimat conclud found determin rul report mock assail blam hammer knock vent exhort mouth
charg compar talk complain explain note add stat stress emphasiz emphasis characteriz characteris deem consider recall
remember promot pitch plead beg boast brag joke quip lash blast fault chastis scold rebuk cast frame portray scoff sneer
laugh mus wonder worri fear doubt maintain contend counter retort repli object testifi swear swore alleg concur voic
propos recommend advis advocat implor insinuat impl`.split(/\s+/))

/** A verb form whose stem is in STANCE_STEMS (-s, -es, -ed, -d, -ing, -ies, -ied endings). */
export function isStanceVerb(word: string): boolean {
  const w = word.toLowerCase()
  if (STANCE_STEMS.has(w)) return true
  for (const end of ['ing', 'ies', 'ied', 'ed', 'es', 'd', 's', 'e']) {
    if (w.length > end.length + 2 && w.endsWith(end) && STANCE_STEMS.has(w.slice(0, -end.length))) return true
  }
  return false
}

/** A phrase that names rather than quotes: the so-called “reset”, a show called “Brokers”, the term “super PAC”. */
const NAMING = /\b(so-called|so called|known as|dubbed|titled|entitled|nicknamed|branded as|self-described|term|phrase|word|words|slogan|label|motto|moniker|nickname|hashtag|called|for)\s*$/i

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu
const WORD_CHAR = /[\p{L}\p{N}'’-]/u

/** Words that follow a quoted span without making it a noun modifier. */
const FUNCTION_WORDS = new Set(`a an the and or but nor so yet of to in on at for with by from as than that which who whom whose
what when where while if because though although is was are were be been being am has had have having do does did
will would can could should may might must shall it its he she they we i you his her their our my your this these
those there here not no also just only even still then now again too very about into over under after before since
until during against without within through between among across like unlike per via including instead rather
both either neither each every all any some such other another more most less least much many few one two three`.split(/\s+/))

/** The token before `pos` in its paragraph: a lower-case word or a single punctuation mark, "¶" at the edge. */
function tokenBefore(body: string, pos: number): string {
  let i = pos - 1
  while (i >= 0 && body[i] !== '\n' && /\s/.test(body[i])) i--
  if (i < 0 || body[i] === '\n') return '¶'
  if (!WORD_CHAR.test(body[i])) return body[i]
  const end = i + 1
  while (i >= 0 && WORD_CHAR.test(body[i])) i--
  return body.slice(i + 1, end).toLowerCase()
}

/** The token after `pos` in its paragraph (as tokenBefore). */
function tokenAfter(body: string, pos: number): string {
  let i = pos
  while (i < body.length && body[i] !== '\n' && /\s/.test(body[i])) i++
  if (i >= body.length || body[i] === '\n') return '¶'
  if (!WORD_CHAR.test(body[i])) return body[i]
  const start = i
  while (i < body.length && WORD_CHAR.test(body[i])) i++
  return body.slice(start, i).toLowerCase()
}

/**
 * Sparse features naming the words around the marks: "b:" the token right before, "a:" the token
 * right after, "s:" the words of the sentence before the span, "t:" the first words after it. The
 * model learns which of them introduce speech (“said:”, “told”) and which build the writer's own
 * phrase (“through”, “so-called”, “lunch”).
 */
export function contextKeys(doc: NewsDoc, s: MarkedSpan): string[] {
  const body = doc.article.body
  const keys = [`b:${tokenBefore(body, s.outerStart)}`, `a:${tokenAfter(body, s.outerEnd)}`]
  // The words of the sentence around the span: the verbs that report speech, learned.
  const sent = sentenceOf(doc, s.start)
  const seen = new Set<string>()
  const add = (prefix: string, text: string, limit: number, fromEnd: boolean) => {
    const ws = text.match(WORD) ?? []
    const pick = fromEnd ? ws.slice(-limit) : ws.slice(0, limit)
    for (const w of pick) {
      const k = `${prefix}:${w.toLowerCase()}`
      if (!seen.has(k)) keys.push(k)
      seen.add(k)
    }
  }
  add('s', body.slice(Math.max(sent.start, s.outerStart - 200), s.outerStart), 20, true)
  add('t', body.slice(s.outerEnd, Math.min(Math.max(sent.end, s.outerEnd), s.outerEnd + 100)), 8, false)
  return keys
}

/** The sentence that holds `pos` (the whole body when sentences are not split). */
function sentenceOf(doc: NewsDoc, pos: number): { start: number; end: number } {
  return doc.sentences[spanIndex(doc.sentences, pos)] ?? { start: 0, end: doc.article.body.length }
}

interface DocQuoted {
  /** Lower-case word n-grams (n ≤ 3) of the longer quotations: what a short span may echo. */
  grams: Set<string>
  /** How often each normalised quoted text occurs. */
  counts: Map<string, number>
  /** Every top-level quoted span, in text order. */
  spans: Array<{ start: number; end: number }>
}

const perDoc = new WeakMap<NewsDoc, { quotes: unknown; value: DocQuoted }>()

function normalised(text: string): string {
  return (text.match(WORD) ?? []).join(' ').toLowerCase()
}

/** The document's quotations, indexed once per document (and again if the list is replaced). */
function docQuoted(doc: NewsDoc): DocQuoted {
  const known = perDoc.get(doc)
  if (known && known.quotes === doc.quotes) return known.value
  const grams = new Set<string>()
  const counts = new Map<string, number>()
  for (const q of doc.quotes) {
    const words = (q.text.match(WORD) ?? []).map((w) => w.toLowerCase())
    const key = words.join(' ')
    counts.set(key, (counts.get(key) ?? 0) + 1)
    if (words.length < 4) continue
    for (let i = 0; i < words.length; i++) {
      grams.add(words[i])
      if (i + 1 < words.length) grams.add(`${words[i]} ${words[i + 1]}`)
      if (i + 2 < words.length) grams.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`)
    }
  }
  const value = { grams, counts, spans: doc.quotes.map(({ start, end }) => ({ start, end })).sort((a, b) => a.start - b.start) }
  perDoc.set(doc, { quotes: doc.quotes, value })
  return value
}

/** A cue verb in the sentence before or after the span's sentence (outside the span). */
function cueInNeighbourSentence(doc: NewsDoc, s: MarkedSpan): boolean {
  const sents = doc.sentences
  if (!sents.length) return false
  const lo = spanIndex(sents, s.start)
  const body = doc.article.body
  for (const j of [lo - 1, lo + 1]) {
    const sent = sents[j]
    if (!sent || (sent.start < s.outerEnd && sent.end > s.outerStart)) continue
    const words = body.slice(sent.start, Math.min(sent.end, sent.start + 400)).match(WORD) ?? []
    if (words.some((w) => CUE_VERBS.has(w.toLowerCase()))) return true
  }
  return false
}

/** Usage features of a top-level quoted span (same order as USAGE_FEATURES). */
export function usageFeatures(doc: NewsDoc, s: MarkedSpan, short: boolean, titleCase: boolean): number[] {
  const body = doc.article.body
  const idx = docQuoted(doc)
  const key = normalised(body.slice(s.start, s.end))
  const echo = key !== '' && idx.grams.has(key)
  const repeated = (idx.counts.get(key) ?? 0) > 1
  const after = tokenAfter(body, s.outerEnd)
  const contentAfter = /^\p{Ll}/u.test(after) && !FUNCTION_WORDS.has(after) && !CUE_VERBS.has(after) && !/ed$/.test(after)
  // Another quoted span a few characters away: a list of titles or slogans.
  const listed = neighbourWithin(idx.spans, s, body)
  const sent = sentenceOf(doc, s.start)
  const beforeText = body.slice(Math.max(sent.start, s.outerStart - 250), s.outerStart)
  const before = beforeText.match(WORD) ?? []
  const afterWords = body.slice(s.outerEnd, Math.min(Math.max(sent.end, s.outerEnd), s.outerEnd + 80)).match(WORD) ?? []
  let verbAt = -1
  for (let i = before.length - 1; i >= Math.max(0, before.length - 30); i--) {
    if (isStanceVerb(before[i])) {
      verbAt = i
      break
    }
  }
  const verbAfter = afterWords.slice(0, 6).some(isStanceVerb)
  const stance = verbAt >= 0 || verbAfter
  // Someone to hold the view: a name or a personal pronoun before the verb (or right after the span).
  const subject =
    (verbAt >= 0 && before.slice(0, verbAt).some((w) => /^\p{Lu}/u.test(w) || /^(he|she|they|we|i|who)$/i.test(w))) ||
    (verbAfter && afterWords.slice(0, 6).some((w) => /^\p{Lu}/u.test(w) || /^(he|she|they|we|i)$/i.test(w)))
  return [
    echo ? 1 : 0,
    repeated ? 1 : 0,
    contentAfter ? 1 : 0,
    listed ? 1 : 0,
    cueInNeighbourSentence(doc, s) ? 1 : 0,
    short && contentAfter ? 1 : 0,
    short && echo ? 1 : 0,
    stance ? 1 : 0,
    stance && subject ? 1 : 0,
    short && stance ? 1 : 0,
    short && stance && subject ? 1 : 0,
    NAMING.test(beforeText.trimEnd().replace(/[,:]$/, '')) ? 1 : 0,
    titleCase && stance ? 1 : 0,
    titleCase && /(\b(on|to|in|of|from|at|about|for|with)|['’]s?)\s*$/i.test(beforeText) ? 1 : 0,
    // "The “market accident” would see …": the span is the head of the sentence's subject.
    /(^|[.!?]\s+)(the|a|an|this|that)\s*$/i.test(body.slice(sent.start, s.outerStart)) ? 1 : 0,
  ]
}

/** Whether another quoted span lies within a few characters of this one, on the same line. */
function neighbourWithin(spans: Array<{ start: number; end: number }>, s: MarkedSpan, body: string): boolean {
  let lo = 0
  let hi = spans.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (spans[mid].start <= s.start) lo = mid + 1
    else hi = mid
  }
  const next = spans[lo]
  const prev = spans[lo - 2]
  const close = (a: number, b: number) => b >= a && b - a <= 12 && !body.slice(a, b).includes('\n')
  return (next !== undefined && close(s.end, next.start)) || (prev !== undefined && close(prev.end, s.start))
}
