import type { EntityType, NewsDoc } from '../../pipeline/document.js'
import { lookupTerms } from '../../linking/quotes.js'
import { aliasNorm } from '../../linking/text.js'
import { articleScope, entityRows, type EntityRows } from './entities.js'
import { quoteKeys } from './quotes.js'

/** An article whose story and quote variants are already known, as an import from a linked archive knows them. */
export interface LinkedArticle {
  doc: NewsDoc
  contentHash: string
  /** Articles given the same key form one story; null: a story of its own. */
  story: string | null
  /**
   * Per quote, in `doc.quotes` order: quotes given the same key are variants of one statement; null:
   * none. Variants are clustered as the linker clusters them: with a variant from another article
   * whose speaker is the same or unknown, so one statement may make several clusters.
   */
  clusters: (string | null)[]
}

/**
 * A linked article with what the store writes of it worked out ahead (entity and alias rows, quote
 * look-up keys): pure work, which a caller building an archive does in another thread than the one
 * writing. Compact, because passing it between threads costs per object: the mentions are numbers
 * and the entities strings, where the document has an object for each.
 */
export interface PreparedArticle {
  doc: Pick<NewsDoc, 'doc' | 'article' | 'quotes' | 'quotedPhrases'>
  contentHash: string
  story: string | null
  /**
   * The document's entities (see entityRows), one after another: key, stored key, type, canonical
   * name, the number of aliases and the aliases, the number of alias rows and each row's alias and norm.
   */
  entities: string[]
  /** The mentions, three numbers each: the entity's place in `entities` (0 for the first), start, end. */
  mentions: Int32Array
  /** Per quote of `doc.quotes`: its variant key (see LinkedArticle) and its look-up keys (see quoteKeys). */
  quotes: { cluster: string | null; keys: number[] }[]
}

/** Lookup forms remembered by a preparer, at most: the names of a whole archive's entities, about. */
const REMEMBERED_NORMS = 200_000

/**
 * Prepares linked articles one after another, remembering the lookup forms of the names it has
 * folded: an archive's articles name the same entities again and again, and folding a name
 * (Unicode normalisation) costs more than everything else the preparation does with it.
 */
export function linkedPreparer(): (item: LinkedArticle) => PreparedArticle {
  const norms = new Map<string, string>()
  const norm = (name: string, type: EntityType) => {
    const key = `${type}\u0000${name}`
    let folded = norms.get(key)
    if (folded === undefined) {
      if (norms.size >= REMEMBERED_NORMS) norms.clear()
      norms.set(key, (folded = aliasNorm(name, type)))
    }
    return folded
  }
  return (item) => prepareLinked(item, norm)
}

function prepareLinked({ doc, contentHash, story, clusters }: LinkedArticle, norm: (name: string, type: EntityType) => string): PreparedArticle {
  const rows = entityRows(doc, articleScope(contentHash), norm)
  const entities: string[] = []
  const place = new Map<string, number>()
  for (const { entity, key, aliases } of rows) {
    place.set(entity.key, place.size)
    entities.push(entity.key, key, entity.type, entity.canonical, String(entity.aliases.length), ...entity.aliases, String(aliases.length))
    for (const { alias, norm } of aliases) entities.push(alias, norm)
  }
  const mentions = new Int32Array(doc.mentions.length * 3)
  doc.mentions.forEach((m, i) => {
    mentions[i * 3] = place.get(m.key)!
    mentions[i * 3 + 1] = m.start
    mentions[i * 3 + 2] = m.end
  })
  return {
    doc: { doc: doc.doc, article: doc.article, quotes: doc.quotes, quotedPhrases: doc.quotedPhrases },
    contentHash,
    story,
    entities,
    mentions,
    quotes: doc.quotes.map((q, i) => ({ cluster: clusters[i] ?? null, keys: quoteKeys(lookupTerms(q.text)) })),
  }
}

/** PreparedArticle.entities back as entity rows. */
export function readEntities(flat: string[]): EntityRows[] {
  const out: EntityRows[] = []
  for (let i = 0; i < flat.length; ) {
    const key = flat[i++]
    const stored = flat[i++]
    const type = flat[i++] as EntityType
    const canonical = flat[i++]
    const aliasCount = Number(flat[i++])
    const entity = { key, type, canonical, aliases: flat.slice(i, (i += aliasCount)) }
    const rowCount = Number(flat[i++])
    const aliases: EntityRows['aliases'] = []
    for (let r = 0; r < rowCount; r++, i += 2) aliases.push({ alias: flat[i], norm: flat[i + 1] })
    out.push({ entity, key: stored, aliases })
  }
  return out
}
