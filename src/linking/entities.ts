import type { DocEntity, EntityType } from '../pipeline/document.js'
import { aliasNorm, middleInitials, nameNorm } from './text.js'

/** What the resolver may ask the archive: bounded, indexed look-ups only. */
export interface EntityLookup {
  /** The entity stored under exactly this key. */
  byKey(key: string): number | undefined
  /** Entities of this type having an alias with this lookup form (see aliasNorm), with their names. */
  byAliasNorm(norm: string, type: EntityType): { id: number; name: string }[]
}

export type EntityResolution =
  | { kind: 'existing'; entityId: number; via: 'key' | 'alias' }
  | { kind: 'new'; key: string }

/** A person named by one word ("Miller", "Obama") could be anyone of that name in another article. */
export function isBareName(name: string, type: EntityType): boolean {
  return type === 'PERSON' && nameNorm(name).split(' ').length < 2
}

/**
 * The key a new entity is stored under. A one-word person name is scoped to its article
 * (`PERSON:miller@<article>`) so two articles' "Miller" never become one person by key alone.
 */
export function storedKey(entity: DocEntity, articleScope: string): string {
  return isBareName(entity.canonical, entity.type) ? `${entity.key}@${articleScope}` : entity.key
}

/**
 * Finds the archive entity a document's entity refers to: by key first; then, within the same
 * type, by the folded forms of its multi-word names ("Kim Jong-un" = "Kim Jong Un", "Donald J.
 * Trump" = "Donald Trump") when exactly one stored entity carries them. One-word person names (surnames) never link across articles,
 * and two different full names that share a surname never match, since only full forms are looked up.
 */
export function resolveEntity(entity: DocEntity, lookup: EntityLookup, articleScope: string): EntityResolution {
  return resolveStoredKey(entity, lookup, storedKey(entity, articleScope))
}

/** resolveEntity for an entity whose stored key (see storedKey) the caller has worked out already. */
export function resolveStoredKey(entity: DocEntity, lookup: EntityLookup, key: string): EntityResolution {
  const byKey = lookup.byKey(key)
  if (byKey !== undefined) return { kind: 'existing', entityId: byKey, via: 'key' }
  if (isBareName(entity.canonical, entity.type)) return { kind: 'new', key }

  const norms = new Set<string>()
  for (const name of [entity.canonical, ...entity.aliases]) {
    const norm = aliasNorm(name, entity.type)
    // Short forms ("Miller", "U.S.") are too ambiguous to merge on; the canonical name is always tried.
    if (!norm) continue
    if (name !== entity.canonical && (norm.split(' ').length < 2 || norm.length < 4)) continue
    norms.add(norm)
  }
  // "George W. Bush" and "George H.W. Bush" share a lookup form but are two people.
  const initials = entity.type === 'PERSON' ? middleInitials(entity.canonical) : ''
  const compatible = (name: string) => !initials || !middleInitials(name) || middleInitials(name) === initials
  const candidates = new Map<number, string>()
  for (const norm of norms) {
    for (const { id, name } of lookup.byAliasNorm(norm, entity.type)) if (compatible(name)) candidates.set(id, name)
  }
  if (candidates.size > 1) {
    // "George W. Bush" meets both "George W. Bush" and a plain "George Bush": the same initials win.
    const form = (name: string) => (entity.type === 'PERSON' ? middleInitials(name) : nameNorm(name))
    const exact = form(entity.canonical)
    for (const [id, name] of candidates) if (form(name) !== exact) candidates.delete(id)
  }
  if (candidates.size === 1) return { kind: 'existing', entityId: [...candidates.keys()][0], via: 'alias' }
  return { kind: 'new', key }
}

/**
 * The surface forms to record for an entity: its canonical name and every alias, once each. `norm`
 * is aliasNorm, or the same answers remembered (see store/linked.ts).
 */
export function aliasRows(entity: DocEntity, norm: (name: string, type: EntityType) => string = aliasNorm): { alias: string; norm: string }[] {
  const seen = new Set<string>()
  const out: { alias: string; norm: string }[] = []
  for (const alias of [entity.canonical, ...entity.aliases]) {
    const a = alias.replace(/\s+/g, ' ').trim()
    const folded = norm(a, entity.type)
    if (!a || !folded || seen.has(a)) continue
    seen.add(a)
    out.push({ alias: a, norm: folded })
  }
  return out
}
