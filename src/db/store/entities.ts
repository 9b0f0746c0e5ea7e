import type { DocEntity, EntityType, NewsDoc } from '../../pipeline/document.js'
import { aliasRows, resolveEntity, type EntityLookup } from '../../linking/entities.js'
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
 * Resolves each document entity to an archive entity (creating the new ones) and records their
 * aliases. Returns document key → entity id.
 */
export function upsertEntities(s: Statements, entities: Map<string, DocEntity>, articleScope: string): Map<string, number> {
  const lookup: EntityLookup = {
    byKey: (key) => s.entityByKey.get(key) as number | undefined,
    byAliasNorm: (norm, type) => s.entitiesByAliasNorm.all(norm, type) as { id: number; name: string }[],
  }
  const ids = new Map<string, number>()
  for (const entity of entities.values()) {
    const resolved = resolveEntity(entity, lookup, articleScope)
    const id =
      resolved.kind === 'existing'
        ? resolved.entityId
        : Number(s.insertEntity.run(resolved.key, entity.type, entity.canonical).lastInsertRowid)
    for (const { alias, norm } of aliasRows(entity)) s.insertAlias.run(id, alias, norm)
    ids.set(entity.key, id)
  }
  return ids
}
