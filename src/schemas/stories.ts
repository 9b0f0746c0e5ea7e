import { z } from 'zod'
import { cursorParam, Instant, limitParam, listOf, START_KEYS } from './common.js'
import { ArticleSummary } from './articles.js'
import { Quote } from './quotes.js'

export const StorySummary = z
  .object({
    id: z.number().int().meta({ examples: [1] }),
    title: z.string().meta({ description: 'The headline of its first article.' }),
    first_published_at: Instant.nullable(),
    last_published_at: Instant.nullable(),
    article_count: z.number().int().min(0),
    quote_count: z.number().int().min(0),
  })
  .meta({ id: 'StorySummary', description: 'One event as reported by one or more outlets.' })

export const StoryList = listOf('StoryList', StorySummary, 'A page of stories, most recently updated first.')

export const StoryListQuery = z.object({ limit: limitParam, cursor: cursorParam('stories.recent', START_KEYS.time) })

export const StoryDetail = StorySummary.extend({
  articles: z.array(ArticleSummary).meta({ description: 'Its articles, oldest first (up to 100).' }),
  outlets: z
    .array(z.object({ slug: z.string(), name: z.string(), kind: z.enum(['outlet', 'wire']), article_count: z.number().int().min(1) }))
    .meta({ description: 'The outlets and wires that carried it.' }),
  speakers: z
    .array(z.object({ id: z.number().int(), name: z.string(), type: z.enum(['person', 'org']), quote_count: z.number().int().min(1) }))
    .meta({ description: 'Its most quoted speakers (up to 10).' }),
  quotes: z.array(Quote).meta({ description: 'Its key quotes: carried by the most outlets, then most confidently attributed (up to 10).' }),
}).meta({ id: 'StoryDetail', description: 'A story with its articles, outlets, key speakers and key quotes.' })
