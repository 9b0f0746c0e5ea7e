import type { DocEntity, EntityType, NewsDoc } from '../../pipeline/document.js'
import { aliasRows, resolveStoredKey, storedKey, type EntityLookup } from '../../linking/entities.js'
import { nameNorm } from '../../linking/text.js'
import type { Statements } from './statements.js'

const TYPES: ReadonlySet<string> = new Set(['PERSON', 'ORG', 'PLACE'])

/** Every entity the document refers to, by its document key: its entities, then any mention or speaker not among them. */
export function documentEntities(doc: NewsDoc): Map<string, DocEntity> {
  const out = new Map<string, DocEntity>()
  for (const e of doc.entities) out.set(e.key, { ...e, aliases: [...e.aliases] })
  for (const m of doc.mentions) {
    const e = out.get(m.key)
    if (e) {
      if (!e.aliases.includes(m.text)) e.aliases.push(m.text)
    } else out.set(m.key, { key: m.key, type: m.type, canonical: m.canonical, aliases: [m.text] })
  }
  for (const q of doc.quotes) {
    const key = speakerKey(q)
    if (!key || out.has(key) || !q.speaker) continue
    const type = (q.speakerType ?? key.split(':')[0]) as EntityType
    out.set(key, { key, type: TYPES.has(type) ? type : 'PERSON', canonical: q.speaker, aliases: [q.speaker] })
  }
  return out
}

/** A quote's speaker key; a named speaker without one is keyed like the names stage would key it. */
export function speakerKey(q: NewsDoc['quotes'][number]): string | null {
  if (q.speakerKey) return q.speakerKey
  if (!q.speaker) return null
  return `${q.speakerType ?? 'PERSON'}:${nameNorm(q.speaker)}`
}

/**
 * Where entities are resolved against and written to: the archive's tables, or (for a bulk import)
 * a copy of what they hold kept in memory in front of them.
 */
export interface EntityStore extends EntityLookup {
  insert(key: string, type: EntityType, name: string): number
  /** Records a surface form of the entity; one it already has is kept once. */
  addAlias(entityId: number, alias: string, norm: string): void
}

/** The archive's entity tables, through the store's prepared statements. */
export function tableEntityStore(s: Statements): EntityStore {
  return {
    byKey: (key) => s.entityByKey.get(key) as number | undefined,
    byAliasNorm: (norm, type) => s.entitiesByAliasNorm.all(norm, type) as { id: number; name: string }[],
    insert: (key, type, name) => Number(s.insertEntity.run(key, type, name).lastInsertRowid),
    addAlias: (entityId, alias, norm) => void s.insertAlias.run(entityId, alias, norm),
  }
}

/** A document entity with its stored key and the alias rows it records: what the store writes of it, worked out without the archive. */
export interface EntityRows {
  entity: DocEntity
  /** See storedKey. */
  key: string
  aliases: { alias: string; norm: string }[]
}

/** The scope one-word person names are keyed in (see storedKey): the article, by its content hash. */
export function articleScope(contentHash: string): string {
  return contentHash.slice(0, 16)
}

/**
 * Every entity the document refers to (see documentEntities), with its key as stored from the
 * article `articleScope` and its alias rows (`norm`: see aliasRows).
 */
export function entityRows(doc: NewsDoc, articleScope: string, norm?: (name: string, type: EntityType) => string): EntityRows[] {
  return [...documentEntities(doc).values()].map((entity) => ({ entity, key: storedKey(entity, articleScope), aliases: aliasRows(entity, norm) }))
}

/**
 * Resolves each document entity to an archive entity (creating the new ones) and records their
 * aliases. Returns document key → entity id.
 */
export function upsertEntities(store: EntityStore, entities: EntityRows[]): Map<string, number> {
  const ids = new Map<string, number>()
  for (const { entity, key, aliases } of entities) {
    const resolved = resolveStoredKey(entity, store, key)
    const id = resolved.kind === 'existing' ? resolved.entityId : store.insert(resolved.key, entity.type, entity.canonical)
    for (const { alias, norm } of aliases) store.addAlias(id, alias, norm)
    ids.set(entity.key, id)
  }
  return ids
}
