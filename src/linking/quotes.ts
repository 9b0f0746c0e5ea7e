import { STOPWORDS, words } from './text.js'

/** Quotes shorter than this many words ("troubling", "sacred fight") are phrases, not statements to cluster. */
export const MIN_VARIANT_WORDS = 6

/** Share of the shorter quote's word pairs that the longer one must contain. */
export const VARIANT_THRESHOLD = 0.6

/** Other outlets report a statement within days: a dated quote looks for its speaker's variants this far on either side. */
export const VARIANT_WINDOW_DAYS = 7

/** Content words two variants must share at least. */
const MIN_SHARED_TERMS = 3

function containment(a: Set<string>, b: Set<string>): { shared: number; ratio: number } {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  let shared = 0
  for (const s of small) if (large.has(s)) shared++
  return { shared, ratio: small.size ? shared / small.size : 0 }
}

/**
 * What similarity needs of one quote, computed once per quote: its word pairs and content words.
 * Pairs rather than longer shingles: an inserted word ("entities that have brokered") breaks only
 * the two pairs around it, so a lightly edited variant keeps most of them.
 */
export interface QuoteFeatures {
  words: number
  pairs: Set<string>
  terms: Set<string>
}

export function quoteFeatures(text: string): QuoteFeatures {
  const w = words(text)
  const pairs = new Set<string>()
  for (let i = 0; i + 1 < w.length; i++) pairs.add(w[i] + ' ' + w[i + 1])
  if (w.length === 1) pairs.add(w[0])
  return { words: w.length, pairs, terms: new Set(w.filter((x) => !STOPWORDS.has(x))) }
}

/**
 * How much of the shorter quote the longer one contains (0..1): the lower of word-pair and
 * content-word containment, so that two short quotes sharing only "it is going to be" do not
 * match. Containment, not Jaccard: one outlet often prints a sentence of a longer passage another
 * outlet prints whole.
 */
export function featureSimilarity(a: QuoteFeatures, b: QuoteFeatures): number {
  const terms = containment(a.terms, b.terms)
  if (terms.shared < MIN_SHARED_TERMS) return 0
  return Math.min(containment(a.pairs, b.pairs).ratio, terms.ratio)
}

export function variantSimilarity(a: string, b: string): number {
  return featureSimilarity(quoteFeatures(a), quoteFeatures(b))
}

export interface VariantCandidate {
  id: number
  text: string
  speakerId: number | null
  clusterId: number | null
}

/**
 * The stored quote a new quote is a variant of, or null. Quotes whose speakers are both known and
 * differ are never variants (one person quoting another is a different statement).
 * `features` may serve candidates' features from a cache.
 */
export function bestVariant(
  /** `features`, when given, are the quote's own, computed once by the caller. */
  quote: { text: string; speakerId: number | null; features?: QuoteFeatures },
  candidates: VariantCandidate[],
  features: (c: VariantCandidate) => QuoteFeatures = (c) => quoteFeatures(c.text),
): { candidate: VariantCandidate; similarity: number } | null {
  const own = quote.features ?? quoteFeatures(quote.text)
  if (own.words < MIN_VARIANT_WORDS) return null
  let best: { candidate: VariantCandidate; similarity: number } | null = null
  for (const candidate of candidates) {
    if (quote.speakerId !== null && candidate.speakerId !== null && quote.speakerId !== candidate.speakerId) continue
    const other = features(candidate)
    if (other.words < MIN_VARIANT_WORDS) continue
    const similarity = featureSimilarity(own, other)
    if (similarity >= VARIANT_THRESHOLD && (!best || similarity > best.similarity)) best = { candidate, similarity }
  }
  return best
}

/**
 * The terms a quote is found by when another outlet reports it: its adjacent pairs of content words
 * (a variant keeps most of them, and a pair is rare enough to look up), or its content words when it
 * has fewer than two such pairs. The store indexes every term of every quote.
 */
export function variantTerms(text: string): string[] {
  return termsOfWords(words(text))
}

/** A quote's variant terms, none when it is too short to be taken for a variant (see MIN_VARIANT_WORDS). */
export function lookupTerms(text: string): string[] {
  const w = words(text)
  return w.length < MIN_VARIANT_WORDS ? [] : termsOfWords(w)
}

function termsOfWords(w: string[]): string[] {
  const content = (x: string) => x.length > 2 && !STOPWORDS.has(x)
  const pairs = new Set<string>()
  for (let i = 0; i + 1 < w.length; i++) if (content(w[i]) && content(w[i + 1])) pairs.add(`${w[i]} ${w[i + 1]}`)
  if (pairs.size >= 2) return [...pairs]
  return [...new Set([...pairs, ...w.filter(content)])]
}

/**
 * The few terms a new quote looks its variants up by: the `count` longest (most distinctive) of its
 * variant terms, without changing `terms`. A variant shares most of them; each is a bounded, indexed
 * look-up whatever the archive's size.
 */
export function mostDistinctive(terms: readonly string[], count = 5): string[] {
  return [...terms].sort((x, y) => y.length - x.length || (x < y ? -1 : 1)).slice(0, count)
}
