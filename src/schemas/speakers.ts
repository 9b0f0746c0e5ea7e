import { z } from 'zod'
import { cursorParam, Instant, limitParam, listOf, START_KEYS } from './common.js'

export const SpeakerSummary = z
  .object({
    id: z.number().int().meta({ description: 'Speaker id (speakers are entities: the same id works under /v1/entities).', examples: [3] }),
    name: z.string().meta({ examples: ['Matthew Miller'] }),
    type: z.enum(['person', 'org']),
    quote_count: z.number().int().min(0).meta({ description: 'Quotes attributed to the speaker.', examples: [4] }),
    article_count: z.number().int().min(0).meta({ description: 'Articles mentioning the speaker.' }),
    first_quoted_at: Instant.nullable(),
    last_quoted_at: Instant.nullable(),
  })
  .meta({ id: 'SpeakerSummary', description: 'A person or organisation quoted in the archive.' })

export const SpeakerList = listOf('SpeakerList', SpeakerSummary, 'A page of speakers, most quoted first.')

export const SpeakerListQuery = z.object({
  q: z.string().trim().min(1).max(200).optional().meta({
    description: 'Only speakers with a name or alias containing these words, or words starting with them ("miller", "matt"); case, accents and punctuation are ignored.',
    examples: ['Matthew Miller'],
  }),
  type: z.enum(['person', 'org']).optional().meta({ description: 'Only people or only organisations.', examples: ['person'] }),
  limit: limitParam,
  cursor: cursorParam('speakers.quotes', START_KEYS.count),
})
export type SpeakerListQuery = z.infer<typeof SpeakerListQuery>

export const SpeakerDetail = SpeakerSummary.extend({
  aliases: z.array(z.string()).meta({ description: 'Every form of the name seen in the archive.', examples: [['Matthew Miller', 'Miller']] }),
  roles: z
    .array(z.object({ role: z.string(), quote_count: z.number().int().min(1) }))
    .meta({ description: 'Roles the articles give the speaker, most frequent first.' }),
  sources: z
    .array(z.object({ slug: z.string(), name: z.string(), quote_count: z.number().int().min(1) }))
    .meta({ description: 'Quotes per outlet, most first.' }),
}).meta({ id: 'SpeakerDetail', description: 'A speaker with aliases, roles and quote counts per outlet.' })
