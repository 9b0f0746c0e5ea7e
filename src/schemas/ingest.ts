/**
 * What a client sends to store or annotate a page: the raw page itself (text/plain or text/html),
 * or a JSON record as `quotewire load` reads them from .json files.
 */
import { z } from 'zod'
import { parseDate } from '../pipeline/extract/dates.js'

const text = (max: number, description: string, example: string) => z.string().trim().min(1).max(max).meta({ description, examples: [example] })

const dateText = (description: string) =>
  z
    .string()
    .trim()
    .min(1)
    .max(100)
    .refine((value) => parseDate(value) !== null, { message: 'is not a date' })
    .meta({ description, examples: ['2023-09-14T12:59:00+09:00'] })

export const ArticleRecord = z
  .strictObject({
    id: z.union([z.string().trim().min(1).max(200), z.number().int()]).optional().meta({ description: 'Your identifier of the article (stored as its document name).', examples: ['jn-2023-09-14-01'] }),
    url: text(2000, 'Where the page was published.', 'https://example.com/news/2023/09/14/sanctions').optional(),
    source: text(200, 'The outlet that published it.', 'The Japan News').optional(),
    wire: text(200, 'The wire service the story came from.', 'Reuters').optional(),
    published_at: dateText('Publication time: an ISO 8601 / RFC 3339 date-time, with its offset when known.').optional(),
    headline: text(1000, 'The headline.', 'US warns Russia, N Korea of more sanctions over arms deal').optional(),
    author: z.union([text(500, 'Author', 'Jane Doe'), z.array(text(200, 'An author.', 'Jane Doe')).max(20)]).optional().meta({ description: 'Author, or a list of authors.', examples: ['Jane Doe'] }),
    language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'must be a language tag such as en').optional().meta({ description: 'BCP 47 language tag.', examples: ['en'] }),
    body: z.string().optional().meta({ description: 'The story text, paragraphs separated by blank lines (or `html`).' }),
    html: z.string().optional().meta({ description: 'The page as HTML; the story is extracted from it (or `body`).' }),
  })
  .refine((r) => Boolean(r.body?.trim() || r.html?.trim()), { message: 'needs "body" or "html" with some text', path: ['body'] })
  .meta({
    id: 'ArticleRecord',
    description: 'An article as a JSON record: its text in `body` (or the page in `html`) and what is known about it.',
    examples: [{ source: 'The Japan News', published_at: '2023-09-14T12:59:00+09:00', headline: 'US warns Russia', body: 'WASHINGTON (Reuters) — …' }],
  })

export type ArticleRecord = z.infer<typeof ArticleRecord>

/** The request body: a raw page (a string, for text/plain and text/html) or a record (application/json). */
export const PageBody = z.union([z.string(), ArticleRecord])

/** Media types a page may be sent as. */
export const PAGE_MEDIA_TYPES = ['text/plain', 'text/html', 'application/json'] as const

/** Facts about a raw page the page may not state; like a loader manifest, they win over what is read from it. */
export const IngestQuery = z.object({
  doc: z.string().trim().min(1).max(200).optional().meta({ description: 'A name for the article (the file name without extension when loading files).', examples: ['000_bfc3d7f8cabb53d5'] }),
  source: text(200, 'The outlet that published the page, when the page does not say (or says it wrongly).', 'The Japan News').optional(),
  url: text(2000, 'Where the page was published.', 'https://example.com/news/2023/09/14/sanctions').optional(),
  wire: text(200, 'The wire service the story came from.', 'Reuters').optional(),
  author: text(500, 'The author of the article.', 'Jane Doe').optional(),
  headline: text(1000, 'The headline, when the page does not state it.', 'US warns Russia, N Korea of more sanctions over arms deal').optional(),
  published_at: dateText('Publication time, when the page does not state it: an RFC 3339 date-time with its offset.').optional(),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'must be a language tag such as en').optional().meta({ description: 'The language of the article (BCP 47 tag).', examples: ['en'] }),
})
export type IngestQuery = z.infer<typeof IngestQuery>
