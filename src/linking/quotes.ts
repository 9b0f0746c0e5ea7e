import { STOPWORDS, words } from './text.js'

/** Quotes shorter than this many words ("troubling", "sacred fight") are phrases, not statements to cluster. */
export const MIN_VARIANT_WORDS = 6

/** Share of the shorter quote's word pairs that the longer one must contain. */
export const VARIANT_THRESHOLD = 0.6

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
  quote: { text: string; speakerId: number | null },
  candidates: VariantCandidate[],
  features: (c: VariantCandidate) => QuoteFeatures = (c) => quoteFeatures(c.text),
): { candidate: VariantCandidate; similarity: number } | null {
  const own = quoteFeatures(quote.text)
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
 * An FTS5 query finding a quote's variants: its most distinctive adjacent word pairs as OR'ed
 * phrases (a variant keeps most of them; phrases match few quotes, so ranking stays cheap), or its
 * longest words when it has too few such pairs. Quoted terms cannot carry FTS syntax.
 */
export function variantQuery(text: string, terms = 5): string | null {
  const w = words(text).map((x) => x.replace(/'/g, ' '))
  const content = (x: string) => x.length > 2 && !STOPWORDS.has(x)
  const pairs = new Set<string>()
  for (let i = 0; i + 1 < w.length; i++) if (content(w[i]) && content(w[i + 1])) pairs.add(`${w[i]} ${w[i + 1]}`)
  let chosen = [...pairs]
  if (chosen.length < 2) chosen = [...new Set(w.filter(content))]
  if (chosen.length === 0) return null
  chosen.sort((x, y) => y.length - x.length || (x < y ? -1 : 1))
  return chosen
    .slice(0, terms)
    .map((t) => `"${t}"`)
    .join(' OR ')
}
