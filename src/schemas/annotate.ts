/** The answer of POST /v1/annotate: what `quotewire annotate` prints for one article. */
import { z } from 'zod'

const span = { start: z.number().int().min(0), end: z.number().int().min(0), text: z.string() }
const SpanRef = z.object(span).nullable()

export const AnnotateQuery = z.object({
  plain: z
    .enum(['true', 'false'])
    .optional()
    .meta({
      description: 'true: the whole text/plain body is the article body, nothing is extracted, and offsets index the body as sent.',
      examples: ['false'],
    }),
})

export const Annotation = z
  .object({
    doc: z.string().meta({ description: 'The document name.', examples: ['posted'] }),
    headline: z.string().nullable(),
    dateline: z.string().nullable(),
    publishedAt: z.string().nullable().meta({ description: 'Publication instant (UTC), when found.' }),
    publishedLocal: z.string().nullable().meta({ description: 'The publication time as the page states it, with its offset.' }),
    source: z.string().nullable(),
    wire: z.string().nullable(),
    author: z.string().nullable(),
    url: z.string().nullable(),
    language: z.string(),
    captions: z.array(z.string()),
    body: z.string().optional().meta({ description: 'The extracted story text that every offset indexes (absent with plain=true: offsets index the body sent).' }),
    quotes: z.array(
      z.object({
        ...span,
        speaker: z.string().nullable(),
        speakerType: z.enum(['PERSON', 'ORG']).nullable(),
        speakerKey: z.string().nullable(),
        role: z.string().nullable(),
        cue: z.string().nullable(),
        cueSpan: SpanRef,
        speakerMention: SpanRef,
        resolution: z.string(),
        confidence: z.number(),
      }),
    ),
    nonQuotes: z.array(z.object({ ...span, kind: z.string() })).meta({ description: 'Quoted phrases that nobody says (scare quotes, titles, nested quotations, transcript notes).' }),
    entities: z.array(z.object({ ...span, type: z.enum(['PERSON', 'ORG', 'PLACE']), canonical: z.string(), key: z.string() })),
    canonicalEntities: z.array(z.object({ key: z.string(), type: z.enum(['PERSON', 'ORG', 'PLACE']), canonical: z.string(), aliases: z.array(z.string()) })),
    messages: z.array(z.object({ stage: z.string(), severity: z.enum(['info', 'warning']), text: z.string() })),
  })
  .meta({ id: 'Annotation', description: 'A page annotated but not stored: the article, its quotes with speakers, entity mentions and canonical entities; offsets index `body`.' })
