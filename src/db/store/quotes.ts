import type { Database } from 'better-sqlite3'
import { bestVariant, quoteFeatures, variantQuery, type QuoteFeatures, type VariantCandidate } from '../../linking/quotes.js'
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
 * Puts a freshly stored quote in the cluster of its closest variant from another article, if any.
 * Candidates are bounded: the speaker's recent quotes and the best FTS matches on its rarest words.
 * Returns the cluster touched, whose counts the caller refreshes.
 */
export function clusterQuote(
  db: Database,
  s: Statements,
  quote: { id: number; articleId: number; text: string; speakerId: number | null },
): number | null {
  const candidates = new Map<number, VariantCandidate>()
  if (quote.speakerId !== null) {
    for (const c of s.quotesBySpeaker.all(quote.speakerId, quote.articleId) as VariantCandidate[]) candidates.set(c.id, c)
  }
  const query = variantQuery(quote.text)
  if (query) {
    for (const c of s.quotesByWords.all(query, quote.articleId) as VariantCandidate[]) candidates.set(c.id, c)
  }
  const best = bestVariant(quote, [...candidates.values()], cachedFeatures(db))
  if (!best) return null
  let clusterId = best.candidate.clusterId
  if (clusterId === null) {
    clusterId = Number(s.insertCluster.run(best.candidate.speakerId ?? quote.speakerId).lastInsertRowid)
    s.setQuoteCluster.run(clusterId, best.candidate.id)
  }
  s.setQuoteCluster.run(clusterId, quote.id)
  return clusterId
}
