import { z } from 'zod'
import {
  cursorParam, EntityType, FacetValue, fromParam, idFilter, Instant, limitParam, listOf, listParam, searchParam,
  sortParam, SourceRef, Span, speakerFilter, START_KEYS, toParam,
} from './common.js'
import { Quote } from './quotes.js'

export const ArticleSummary = z
  .object({
    id: z.number().int().meta({ description: 'Article id.', examples: [1] }),
    headline: z.string().nullable().meta({ examples: ['US warns Russia, N Korea of more sanctions over arms deal'] }),
    source: SourceRef.nullable().meta({ description: 'The outlet that published it.' }),
    wire: SourceRef.nullable().meta({ description: 'The wire service the story came from, when stated.' }),
    published_at: Instant.nullable().meta({ description: 'Publication time (UTC), null when the page states none.' }),
    url: z.string().nullable().meta({ description: 'Where the page was published, when known.' }),
    language: z.string().meta({ examples: ['en'] }),
    story_id: z.number().int().nullable().meta({ description: 'The story the article belongs to.' }),
    snippet: z.string().meta({
      description: 'HTML-escaped extract: around the matched words (in <mark>) when `q` is given, else the opening.',
      examples: ['…impose more <mark>sanctions</mark> on Russia and North Korea…'],
    }),
    quote_count: z.number().int().min(0).meta({ description: 'Quotes found in the article.' }),
    entity_count: z.number().int().min(0).meta({ description: 'Distinct entities mentioned.' }),
  })
  .meta({ id: 'ArticleSummary', description: 'An article as listed.' })

const ARTICLE_FACETS = ['source', 'wire', 'speaker', 'entity', 'language'] as const

export const ArticleFacets = z
  .object(Object.fromEntries(ARTICLE_FACETS.map((f) => [f, z.array(FacetValue).optional()])) as Record<(typeof ARTICLE_FACETS)[number], z.ZodOptional<z.ZodArray<typeof FacetValue>>>)
  .meta({ id: 'ArticleFacets', description: 'Counts of the whole filtered list by each requested facet, most frequent first (up to 20 values).' })

export const ArticleList = listOf('ArticleList', ArticleSummary, 'A page of articles.', ArticleFacets)

export const ArticleListQuery = z.object({
  q: searchParam('headlines and bodies').optional(),
  source: z.string().max(100).optional().meta({ description: 'Only articles published by this outlet (its slug).', examples: ['the-japan-news'] }),
  wire: z.string().max(100).optional().meta({ description: 'Only articles from this wire service (its slug).', examples: ['reuters'] }),
  speaker: speakerFilter('Only articles quoting this speaker: an id, or a name or alias (every speaker known by it).'),
  entity: listParam(z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER), 10, [1, 2])
    .optional()
    .meta({ description: 'Only articles mentioning every one of these entities (ids; repeat the parameter or separate with commas).' }),
  story: idFilter('Only articles of this story.'),
  from: fromParam,
  to: toParam,
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'must be a language tag such as en').optional().meta({ description: 'Only articles in this language (BCP 47 tag).', examples: ['en'] }),
  sort: sortParam(['newest', 'oldest', 'relevance'], 'Order: newest or oldest first, or best match (needs `q`). Default: relevance with `q`, else newest.'),
  facets: listParam(z.enum(ARTICLE_FACETS), ARTICLE_FACETS.length, ['source', 'speaker'])
    .optional()
    .meta({ description: `Facets to count beside the page: ${ARTICLE_FACETS.join(', ')} (comma-separated or repeated).` }),
  limit: limitParam,
  cursor: cursorParam('articles.newest', START_KEYS.time),
})
export type ArticleListQuery = z.infer<typeof ArticleListQuery>

export const SpeakerRef = z
  .object({
    id: z.number().int().meta({ examples: [3] }),
    name: z.string().meta({ examples: ['Matthew Miller'] }),
    type: z.enum(['person', 'org']),
  })
  .meta({ id: 'SpeakerRef', description: 'A speaker: a person or an organisation quoted.' })

export const Mention = z
  .object({
    id: z.number().int(),
    entity_id: z.number().int(),
    name: z.string().meta({ description: 'Canonical name of the entity.', examples: ['Vladimir Putin'] }),
    type: EntityType,
    start: z.number().int().min(0),
    end: z.number().int().min(0),
    text: z.string().meta({ description: 'The mention as written (`body.slice(start, end)`).', examples: ['Putin'] }),
  })
  .meta({ id: 'Mention', description: 'A named-entity mention in the body.' })

export const ArticleEntity = z
  .object({
    id: z.number().int(),
    name: z.string(),
    type: EntityType,
    mentions: z.number().int().min(1).meta({ description: 'Mentions in this article.' }),
  })
  .meta({ id: 'ArticleEntity', description: 'An entity mentioned in the article.' })

export const QuotedPhrase = Span.extend({
  kind: z.string().meta({ description: 'scare, title, nested, note (a transcript\'s note such as “(CROSSTALK)”) or other.', examples: ['scare'] }),
}).meta({ id: 'QuotedPhrase', description: 'Words in quotation marks that nobody says (scare quotes, titles, nested quotations, transcript notes).' })

export const Article = ArticleSummary.omit({ snippet: true, story_id: true })
  .extend({
    dateline: z.string().nullable(),
    author: z.string().nullable(),
    published_local: z.string().nullable().meta({ description: 'The publication time as the page states it, with its offset.' }),
    body: z.string().meta({ description: 'The story text; paragraphs separated by blank lines. All offsets index into it.' }),
    captions: z.array(z.string()).meta({ description: 'Photo captions, kept apart from the body.' }),
    word_count: z.number().int().min(0),
    story: z.object({ id: z.number().int(), title: z.string() }).nullable(),
    mentions: z.array(Mention).meta({ description: 'Every entity mention, in text order.' }),
    entities: z.array(ArticleEntity).meta({ description: 'The distinct entities mentioned, most mentioned first.' }),
    speakers: z.array(SpeakerRef).meta({ description: 'The distinct speakers quoted.' }),
    quotes: z.array(Quote).meta({ description: 'Every quote, in text order.' }),
    quoted_phrases: z.array(QuotedPhrase),
  })
  .meta({ id: 'Article', description: 'An article with its body and every annotation, with offsets for highlighting.' })
