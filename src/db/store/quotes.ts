import type { Database } from 'better-sqlite3'
import { bestVariant, MIN_VARIANT_WORDS, quoteFeatures, variantQuery, type QuoteFeatures, type VariantCandidate } from '../../linking/quotes.js'
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
 * Stored quotes from other articles that may be variants of this one: the speaker's recent quotes
 * and the best FTS matches on its most distinctive words: a bounded set, never the archive.
 * Called before the article's own quotes are inserted: an FTS5 query after an insert in the same
 * transaction would flush the index's pending changes once per quote.
 */
export function variantCandidates(
  s: Statements,
  quote: { articleId: number; text: string; speakerId: number | null },
): VariantCandidate[] {
  const candidates = new Map<number, VariantCandidate>()
  if (quoteFeatures(quote.text).words < MIN_VARIANT_WORDS) return []
  if (quote.speakerId !== null) {
    for (const c of s.quotesBySpeaker.all(quote.speakerId, quote.articleId) as VariantCandidate[]) candidates.set(c.id, c)
  }
  const query = variantQuery(quote.text)
  if (query) {
    for (const c of s.quotesByWords.all(query, quote.articleId) as VariantCandidate[]) candidates.set(c.id, c)
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
  quote: { id: number; text: string; speakerId: number | null },
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
