import type { Database } from 'better-sqlite3'
import {
  bestVariant,
  lookupTerms,
  MIN_VARIANT_WORDS,
  mostDistinctive,
  quoteFeatures,
  variantTerms,
  VARIANT_WINDOW_DAYS,
  type QuoteFeatures,
  type VariantCandidate,
} from '../../linking/quotes.js'
import type { Statements } from './statements.js'

/** Features of recently seen quotes, per database: a load compares the same candidates again and again. */
const featureCaches = new WeakMap<Database, Map<number, QuoteFeatures>>()
const CACHE_SIZE = 20_000

function cachedFeatures(db: Database) {
  let cache = featureCaches.get(db)
  if (!cache) featureCaches.set(db, (cache = new Map()))
  const c = cache
  return (candidate: VariantCandidate) => {
    let f = c.get(candidate.id)
    if (!f) {
      f = quoteFeatures(candidate.text)
      if (c.size >= CACHE_SIZE) c.delete(c.keys().next().value!)
      c.set(candidate.id, f)
    }
    return f
  }
}

/**
 * A term's look-up key: two 32-bit FNV-style hashes folded into 48 bits (six bytes in a record). A
 * collision only adds a candidate that similarity then rejects.
 */
export function termKey(term: string): number {
  let a = 0x811c9dc5
  let b = 0x9747b28c
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x5bd1e995)
    b ^= b >>> 15
  }
  return (a >>> 0) * 0x10000 + (b >>> 16)
}

/**
 * What linking needs of a quote's text, computed once per quote and shared by its variant look-up,
 * its look-up keys and its clustering: its features, and its variant terms (none for a phrase too
 * short to be a variant).
 */
export interface QuoteText {
  text: string
  features: QuoteFeatures
  terms: string[]
}

export function quoteText(text: string): QuoteText {
  return { text, features: quoteFeatures(text), terms: lookupTerms(text) }
}

/** A quote's look-up keys: its variant terms hashed (see quoteText: none for a phrase too short to be a variant). */
export function quoteKeys(terms: readonly string[]): number[] {
  return terms.map(termKey)
}

/** Indexes a stored quote under its look-up keys (see quoteKeys). */
export function recordQuoteKeys(s: Statements, quote: { id: number; keys: readonly number[] }) {
  if (quote.keys.length === 0) return
  const rows: number[] = []
  for (const key of quote.keys) rows.push(key, quote.id)
  s.insertQuoteKeys(rows)
}

/** Removes the look-up keys of an article's quotes: called before the quotes themselves are deleted. */
export function forgetQuoteKeys(s: Statements, articleId: number) {
  for (const q of s.quoteTexts.all(articleId) as { id: number; text: string }[]) {
    for (const term of variantTerms(q.text)) s.deleteQuoteKey.run(termKey(term), q.id)
  }
}

/** Quotes found by their terms that are read and compared with a new quote, at most. */
export const TERM_CANDIDATES = 10
/** The terms a new quote looks its variants up by, at most. */
export const LOOKUP_TERMS = 5

/** `values` followed by nulls up to `length`: the parameters of a statement taking a fixed number of them. */
function padded(values: number[], length: number): (number | null)[] {
  const out: (number | null)[] = values.slice(0, length)
  while (out.length < length) out.push(null)
  return out
}

const indexed = new WeakSet<Statements>()

/**
 * An archive stored before quote keys existed has quotes and no keys: index them all once, inside
 * the caller's write transaction, so that new quotes find their variants among the old ones.
 */
export function ensureQuoteKeys(s: Statements) {
  if (indexed.has(s)) return
  if (s.anyQuote.get() && !s.anyQuoteKey.get()) {
    let after = 0
    for (;;) {
      const page = s.quoteTextsAfter.all(after) as { id: number; text: string }[]
      if (page.length === 0) break
      for (const q of page) recordQuoteKeys(s, { id: q.id, keys: quoteKeys(quoteText(q.text).terms) })
      after = page[page.length - 1].id
    }
  }
  indexed.add(s)
}

/** The speaker's quotes dated within the variant window of a dated quote; the latest ones for an undated quote. */
function speakerQuotes(s: Statements, speakerId: number, articleId: number, publishedAt: string | null): VariantCandidate[] {
  const at = publishedAt ? Date.parse(publishedAt) : NaN
  if (Number.isNaN(at)) return s.quotesBySpeaker.all(speakerId, articleId) as VariantCandidate[]
  const span = VARIANT_WINDOW_DAYS * 86_400_000
  const window = { from: new Date(at - span).toISOString(), to: new Date(at + span).toISOString() }
  return s.quotesBySpeakerNear.all({ speakerId, articleId, ...window }) as VariantCandidate[]
}

/**
 * Stored quotes from other articles that may be variants of this one: the speaker's quotes dated
 * near it and, for each of its most distinctive terms, the most recent quotes sharing it (see quote_keys):
 * a bounded set of index seeks, the same in an empty archive as in a full one.
 */
export function variantCandidates(
  s: Statements,
  quote: { articleId: number; speakerId: number | null; publishedAt?: string | null } & QuoteText,
  /** Speaker id → recent quotes, shared by the quotes of one article: a speaker is often quoted several times. */
  bySpeaker = new Map<number, VariantCandidate[]>(),
): VariantCandidate[] {
  if (quote.features.words < MIN_VARIANT_WORDS) return []
  const candidates = new Map<number, VariantCandidate>()
  if (quote.speakerId !== null) {
    let recent = bySpeaker.get(quote.speakerId)
    if (!recent) bySpeaker.set(quote.speakerId, (recent = speakerQuotes(s, quote.speakerId, quote.articleId, quote.publishedAt ?? null)))
    for (const c of recent) candidates.set(c.id, c)
  }
  // Each term brings its own most recent quotes, so one common term cannot crowd out the rare ones;
  // quotes sharing several of the terms come first, and only the best few are read and compared.
  const hits = new Map<number, number>()
  const lookup = mostDistinctive(quote.terms, LOOKUP_TERMS).map(termKey)
  for (const id of s.quoteIdsByKeys.all(padded(lookup, LOOKUP_TERMS)) as number[]) hits.set(id, (hits.get(id) ?? 0) + 1)
  const ranked = [...hits].sort((a, b) => b[1] - a[1] || b[0] - a[0])
  const toRead: number[] = []
  for (const [id] of ranked) {
    if (toRead.length >= TERM_CANDIDATES) break
    if (!candidates.has(id)) toRead.push(id)
  }
  if (toRead.length === 0) return [...candidates.values()]
  const rows = new Map<number, VariantCandidate & { articleId: number }>()
  for (const row of s.variantCandidates.all(padded(toRead, TERM_CANDIDATES)) as (VariantCandidate & { articleId: number })[]) rows.set(row.id, row)
  for (const id of toRead) {
    const row = rows.get(id)
    if (!row || row.articleId === quote.articleId) continue
    candidates.set(id, { id: row.id, text: row.text, speakerId: row.speakerId, clusterId: row.clusterId })
  }
  return [...candidates.values()]
}

/**
 * Puts a freshly stored quote in the cluster of its closest variant among the candidates, if any.
 * Returns the cluster touched, whose counts the caller refreshes.
 */
export function clusterQuote(
  db: Database,
  s: Statements,
  quote: { id: number; text: string; speakerId: number | null; features: QuoteFeatures },
  candidates: VariantCandidate[],
): number | null {
  const best = bestVariant(quote, candidates, cachedFeatures(db))
  if (!best) return null
  // An earlier quote of this article may have clustered the candidate since it was read.
  let clusterId = (s.quoteCluster.get(best.candidate.id) as number | null | undefined) ?? null
  if (clusterId === null) {
    clusterId = Number(s.insertCluster.run(best.candidate.speakerId ?? quote.speakerId).lastInsertRowid)
    s.setQuoteCluster.run(clusterId, best.candidate.id)
  }
  s.setQuoteCluster.run(clusterId, quote.id)
  return clusterId
}

/** Forgets cached features: after a rolled-back transaction, quote ids may be reused for other text. */
export function forgetQuoteFeatures(db: Database) {
  featureCaches.delete(db)
}
