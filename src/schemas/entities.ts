import { z } from 'zod'
import { cursorParam, EntityType, Instant, limitParam, listOf, START_KEYS } from './common.js'

export const EntitySummary = z
  .object({
    id: z.number().int().meta({ examples: [1] }),
    type: EntityType,
    name: z.string().meta({ description: 'Canonical name.', examples: ['Vladimir Putin'] }),
    mention_count: z.number().int().min(0),
    article_count: z.number().int().min(0),
    quote_count: z.number().int().min(0).meta({ description: 'Quotes spoken by the entity.' }),
  })
  .meta({ id: 'EntitySummary', description: 'A person, organisation or place mentioned in the archive.' })

export const EntityList = listOf('EntityList', EntitySummary, 'A page of entities, most mentioned first.')

export const EntityListQuery = z.object({
  type: z.enum(['person', 'org', 'place']).optional().meta({ description: 'Only entities of this type.', examples: ['place'] }),
  q: z.string().trim().min(1).max(200).optional().meta({
    description: 'Only entities with a name or alias containing these words, or words starting with them ("korea", "pyong"); case, accents and punctuation are ignored.',
    examples: ['North Korea'],
  }),
  limit: limitParam,
  cursor: cursorParam('entities.mentions', START_KEYS.count),
})
export type EntityListQuery = z.infer<typeof EntityListQuery>

export const EntityDetail = EntitySummary.extend({
  aliases: z.array(z.string()).meta({ description: 'Every surface form seen.', examples: [['North Korea', 'N Korea']] }),
  first_mentioned_at: Instant.nullable(),
  last_mentioned_at: Instant.nullable(),
  sources: z
    .array(z.object({ slug: z.string(), name: z.string(), article_count: z.number().int().min(1) }))
    .meta({ description: 'Articles mentioning the entity per outlet, most first.' }),
}).meta({ id: 'EntityDetail', description: 'An entity with its aliases and where it appears.' })

export const RelatedEntity = EntitySummary.extend({
  together: z.number().int().min(1).meta({ description: 'Articles mentioning both entities (within the window the operation describes).', examples: [2] }),
}).meta({ id: 'RelatedEntity', description: 'An entity mentioned in the same articles.' })

export const RelatedEntityList = listOf('RelatedEntityList', RelatedEntity, 'Entities mentioned together with this one, most often first.')

export const EntityArticlesQuery = z.object({ limit: limitParam, cursor: cursorParam('entity.articles.newest', START_KEYS.time) })
export const RelatedEntitiesQuery = z.object({ limit: limitParam, cursor: cursorParam('entity.related', START_KEYS.count) })
