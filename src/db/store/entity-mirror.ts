import type { Database } from 'better-sqlite3'
import type { EntityType } from '../../pipeline/document.js'
import { tableEntityStore, type EntityStore } from './entities.js'
import type { Statements } from './statements.js'

/**
 * The archive's entities and aliases held in memory in front of their tables for the length of an
 * import: resolving an entity is then map look-ups, and an alias already recorded costs nothing.
 * Answers as the tables would (entitiesByAliasNorm: distinct entities in id order, at most 8).
 */
export function entityMirror(db: Database, s: Statements): EntityStore {
  const byKey = new Map<string, number>()
  const byNorm = new Map<string, { id: number; name: string }[]>()
  const aliases = new Set<string>()
  const names = new Map<number, { type: EntityType; name: string }>()
  const table = tableEntityStore(s)
  const remember = (id: number, alias: string, norm: string) => {
    aliases.add(`${id}\u0000${alias}`)
    const { type, name } = names.get(id)!
    const key = `${type}\u0000${norm}`
    const list = byNorm.get(key)
    if (!list) byNorm.set(key, [{ id, name }])
    else if (!list.some((e) => e.id === id)) {
      list.push({ id, name })
      list.sort((a, b) => a.id - b.id)
    }
  }
  for (const [id, key, type, name] of db.prepare('SELECT id, key, type, name FROM entities').raw().iterate() as Iterable<[number, string, EntityType, string]>) {
    byKey.set(key, id)
    names.set(id, { type, name })
  }
  for (const [id, alias, norm] of db.prepare('SELECT entity_id, alias, norm FROM entity_aliases').raw().iterate() as Iterable<[number, string, string]>) {
    remember(id, alias, norm)
  }
  return {
    byKey: (key) => byKey.get(key),
    byAliasNorm: (norm, type) => (byNorm.get(`${type}\u0000${norm}`) ?? []).slice(0, 8),
    insert: (key, type, name) => {
      const id = table.insert(key, type, name)
      byKey.set(key, id)
      names.set(id, { type, name })
      return id
    },
    addAlias: (id, alias, norm) => {
      if (aliases.has(`${id}\u0000${alias}`)) return
      table.addAlias(id, alias, norm)
      remember(id, alias, norm)
    },
  }
}
