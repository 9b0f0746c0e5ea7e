import { z } from 'zod'
import { cursorParam, FacetValue, fromParam, idFilter, Instant, limitParam, listOf, listParam, searchParam, sortParam, SourceRef, Span, speakerFilter, START_KEYS, toParam } from './common.js'

export const QuoteSpeaker = z
  .object({
    id: z.number().int().meta({ examples: [3] }),
    name: z.string().meta({ examples: ['Matthew Miller'] }),
    type: z.enum(['person', 'org']),
    role: z.string().nullable().meta({ description: 'The role the article gives the speaker here.', examples: ['State Department spokesperson'] }),
  })
  .meta({ id: 'QuoteSpeaker', description: 'Who said it, as resolved to an entity.' })

// Declared here (not in articles.ts) because a quote embeds it and articles embed quotes.
export const ArticleRef = z
  .object({
    id: z.number().int().meta({ examples: [1] }),
    headline: z.string().nullable(),
    source: SourceRef.nullable(),
    published_at: Instant.nullable(),
  })
  .meta({ id: 'ArticleRef', description: 'The article a quote or search hit comes from.' })

export const Quote = z
  .object({
    id: z.number().int().meta({ examples: [7] }),
    text: z.string().meta({ description: 'The quoted words, without the quotation marks.', examples: ['We have taken a number of actions already…'] }),
    start: z.number().int().min(0).meta({ description: 'Offset of the text in the article body (UTF-16 code units).' }),
    end: z.number().int().min(0).meta({ description: 'End offset (exclusive).' }),
    cue: Span.nullable().meta({ description: 'The speech verb or phrase ("said", "told reporters").' }),
    speaker: QuoteSpeaker.nullable().meta({ description: 'Null when no speaker could be resolved.' }),
    speaker_mention: Span.nullable().meta({ description: 'How the article names the speaker at this quote ("Miller", "he").' }),
    resolution: z.string().meta({ description: 'How the speaker was found: named, surname, pronoun, title, organisation or unresolved.', examples: ['surname'] }),
    confidence: z.number().min(0).max(1),
    published_at: Instant.nullable(),
    article: ArticleRef,
    cluster_id: z.number().int().nullable().meta({ description: 'The group of variants of this statement across outlets.' }),
    other_outlets: z.number().int().min(0).meta({ description: 'How many other outlets carry a variant of this quote.' }),
  })
  .meta({ id: 'Quote', description: 'A direct quote with its speaker, cue and exact offsets.' })

export const DiffPart = z
  .object({
    op: z.enum(['equal', 'insert', 'delete']).meta({ description: 'equal: in both; delete: only in this quote; insert: only in the variant.' }),
    text: z.string(),
  })
  .meta({ id: 'DiffPart', description: 'A run of words of a word-level difference.' })

export const QuoteVariant = z
  .object({
    quote: Quote,
    diff: z.array(DiffPart).meta({ description: 'From this quote to the variant, word by word.' }),
  })
  .meta({ id: 'QuoteVariant', description: 'The same statement as another outlet reported it.' })

export const QuoteDetail = Quote.extend({
  variants: z.array(QuoteVariant).meta({ description: 'Every other quote of the same cluster, other outlets first.' }),
}).meta({ id: 'QuoteDetail', description: 'A quote with every variant across outlets and how each differs.' })

const QUOTE_FACETS = ['source', 'speaker'] as const

export const QuoteFacets = z
  .object({ source: z.array(FacetValue).optional(), speaker: z.array(FacetValue).optional() })
  .meta({ id: 'QuoteFacets', description: 'Counts of the whole filtered list by each requested facet, most frequent first (up to 20 values).' })

export const QuoteList = listOf('QuoteList', Quote, 'A page of quotes.', QuoteFacets)

const entityList = listParam(z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER), 10, [1, 2])

export const QuoteListQuery = z.object({
  q: searchParam('the quoted words').optional(),
  speaker: speakerFilter('Only quotes by this speaker: an id, or a name or alias (every speaker known by it).'),
  entity: entityList.optional().meta({ description: 'Only quotes whose words mention every one of these entities (ids; repeat the parameter or separate with commas).' }),
  source: z.string().max(100).optional().meta({ description: 'Only quotes in articles of this outlet (its slug).', examples: ['reuters'] }),
  article: idFilter('Only quotes of this article.'),
  story: idFilter('Only quotes of this story.'),
  from: fromParam,
  to: toParam,
  sort: sortParam(['newest', 'oldest', 'relevance'], 'Order: newest or oldest first, or best match (needs `q`). Default: relevance with `q`, else newest.'),
  facets: listParam(z.enum(QUOTE_FACETS), QUOTE_FACETS.length, ['source', 'speaker'])
    .optional()
    .meta({ description: 'Facets to count beside the page: source, speaker (comma-separated or repeated).' }),
  limit: limitParam,
  cursor: cursorParam('quotes.newest', START_KEYS.time),
})
export type QuoteListQuery = z.infer<typeof QuoteListQuery>

/** The quotes of one speaker: the same filters minus `speaker`. */
export const SpeakerQuotesQuery = QuoteListQuery.omit({ speaker: true }).extend({
  cursor: cursorParam('speaker.quotes.newest', START_KEYS.time),
})
