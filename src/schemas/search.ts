import { z } from 'zod'
import { cursorParam, limitParam, listOf, searchParam, START_KEYS } from './common.js'
import { ArticleRef, QuoteSpeaker } from './quotes.js'

export const SearchHit = z
  .object({
    kind: z.enum(['article', 'quote']).meta({ description: 'What matched: an article (headline or body) or a quote.' }),
    id: z.number().int().meta({ description: 'Id of the article or quote.', examples: [1] }),
    score: z.number().meta({ description: 'bm25 relevance; higher is better. Comparable within one result list only.', examples: [2.5] }),
    snippet: z.string().meta({ description: 'HTML-escaped extract with the matched words in <mark>.', examples: ['more <mark>sanctions</mark> on Russia'] }),
    article: ArticleRef,
    speaker: QuoteSpeaker.nullable().meta({ description: 'For a quote: who said it.' }),
  })
  .meta({ id: 'SearchHit', description: 'One article or quote matching the query.' })

export const SearchResults = listOf('SearchResults', SearchHit, 'Articles and quotes matching the query, best first.')

export const SearchQuery = z.object({
  q: searchParam('articles (headline and body) and quotes'),
  kind: z.enum(['article', 'quote']).optional().meta({ description: 'Only articles or only quotes.', examples: ['quote'] }),
  limit: limitParam,
  cursor: cursorParam('search.rank', START_KEYS.search),
})
export type SearchQuery = z.infer<typeof SearchQuery>
