/**
 * Building blocks shared by every resource: ids, cursors, limits, dates, the list envelope and
 * the RFC 9457 problem document. Schemas given an `id` become named components of the OpenAPI
 * document (`#/components/schemas/<id>`); query and path schemas stay anonymous so that
 * @fastify/swagger can turn their properties into documented parameters.
 */
import { z } from 'zod'
import { encodeCursor } from '../http/cursor.js'

export const MAX_LIMIT = 100
export const DEFAULT_LIMIT = 20

// ── parameters ──────────────────────────────────────────────────────────────────────────────

/** A positive integer id in a path (`/v1/articles/{id}`). */
export const IdParams = z.object({
  id: z.coerce
    .number()
    .int()
    .min(1)
    .max(Number.MAX_SAFE_INTEGER)
    .meta({ description: 'The numeric id of the resource.', examples: [1] }),
})

/** An optional id filter in a query string (`?speaker=4`). */
export function idFilter(description: string) {
  return z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional().meta({ description, examples: [1] })
}

/**
 * A speaker filter: an id, or a name or alias as articles write it ("Matthew Miller", "Miller"),
 * which selects every speaker known by that name (case, accents and punctuation ignored).
 */
export function speakerFilter(description: string) {
  return z
    .union([
      z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
      // Some letter: a name, not a mistyped id ("-3"). Spelled out: JSON Schema tools may lack \\p{L}.
      z.string().trim().min(1).max(200).regex(/[A-Za-z\u00C0-\uFFFF]/, 'must be a speaker id or a name'),
    ])
    .optional()
    .meta({ description, examples: ['Matthew Miller'] })
}

export const limitParam = z.coerce
  .number()
  .int()
  .min(1)
  .max(MAX_LIMIT)
  .default(DEFAULT_LIMIT)
  .meta({ description: `How many items to return, 1 to ${MAX_LIMIT}.`, examples: [DEFAULT_LIMIT] })

/**
 * Keys that sit before the first item of each kind of list. The documented example of each list's
 * `cursor` is a real cursor holding one, so that the example (which Swagger UI fills in) is
 * accepted and reads from the start of the list.
 */
export const START_KEYS = {
  time: ['9999-12-31T23:59:59.999Z', Number.MAX_SAFE_INTEGER],
  count: [Number.MAX_SAFE_INTEGER, 0],
  search: [-Number.MAX_VALUE, 'article', 0],
} as const

/** The `cursor` parameter of one list (`scope` = the list and its default order). */
export function cursorParam(scope: string, start: readonly unknown[]) {
  return z
    .string()
    .min(1)
    .max(512)
    .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'must be a cursor returned as page.next')
    .optional()
    .meta({
      description:
        'Where the page starts: the opaque `page.next` of the previous page (also in its `Link: rel="next"` header). ' +
        'Cursors are bound to the list and its order; a cursor that was altered is rejected with 400.',
      examples: [encodeCursor(scope, start)],
    })
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/

function isCalendarDate(day: string): boolean {
  const time = Date.parse(`${day}T00:00:00Z`)
  // Date.parse rolls 2023-02-30 over to March; a real calendar date survives the round trip.
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === day
}

function isRealDate(value: string): boolean {
  if (DATE_ONLY.test(value)) return isCalendarDate(value)
  return DATE_TIME.test(value) && isCalendarDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value))
}

/**
 * A publication-time bound: a calendar date (`2023-09-14`, the whole UTC day) or an instant with
 * its offset (`2023-09-14T12:59:00+09:00`). Parsed into the half-open UTC range it denotes, so
 * `from` takes its start and `to` its end (a date-only `to` includes that day).
 */
function timeBound(which: 'from' | 'to') {
  return z
    .string()
    .meta({ examples: [which === 'from' ? '2023-09-13' : '2023-09-14T23:59:59Z'] })
    .refine(isRealDate, { message: 'must be a date (YYYY-MM-DD) or a date-time with offset (RFC 3339)' })
    .transform((value) => {
      const start = Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value)
      const end = DATE_ONLY.test(value) ? start + 86_400_000 : start + 1
      return new Date(which === 'from' ? start : end).toISOString()
    })
    .optional()
    .meta({
      description:
        which === 'from'
          ? 'Only items published at or after this time: a date (YYYY-MM-DD, UTC) or an RFC 3339 date-time.'
          : 'Only items published at or before this time: a date (YYYY-MM-DD, the whole UTC day) or an RFC 3339 date-time.',
      examples: [which === 'from' ? '2023-09-13' : '2023-09-14T23:59:59Z'],
    })
}

export const fromParam = timeBound('from')
/** Normalised to an exclusive upper bound. */
export const toParam = timeBound('to')

/** A free-text full-text query: words, "phrases", AND/OR/NOT, prefix*. */
export function searchParam(what: string) {
  return z
    .string()
    .trim()
    .min(1)
    .max(500)
    .meta({
      description:
        `Full-text search in ${what}: words (all must occur), "quoted phrases", the operators AND, OR and NOT ` +
        '(upper case), parentheses and prefix* matches. Case and accents are ignored.',
      examples: ['sanctions'],
    })
}

/**
 * A list of values given either as repeated parameters (`?entity=1&entity=2`) or comma-separated
 * (`?facets=source,speaker`); one value arrives as a plain string.
 */
export function listParam<T extends z.ZodType>(item: T, max: number, example: unknown[]) {
  return z.preprocess(
    (value) => (value === undefined ? undefined : (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(','))),
    // The example sits on the array itself: metadata on the preprocess wrapper is not carried to the parameter.
    z.array(item).min(1).max(max).meta({ examples: [example] }),
  )
}

export function sortParam<const S extends readonly [string, ...string[]]>(values: S, description: string) {
  return z.enum(values).optional().meta({ description, examples: [values[0]] })
}

// ── shared output shapes ────────────────────────────────────────────────────────────────────

// Documented as a date-time but not re-validated on the way out: the store writes these with toISOString().
export const Instant = z.string().meta({ format: 'date-time', description: 'An instant in UTC (RFC 3339).', examples: ['2023-09-14T03:59:00.000Z'] })

export const EntityType = z.enum(['person', 'org', 'place']).meta({
  id: 'EntityType',
  description: 'What an entity is: a person, an organisation (including governments and outlets) or a place.',
})

export const SourceRef = z
  .object({
    slug: z.string().meta({ description: 'Stable identifier of the outlet, used by the `source` and `wire` filters.', examples: ['reuters'] }),
    name: z.string().meta({ description: 'Display name.', examples: ['Reuters'] }),
  })
  .meta({ id: 'SourceRef', description: 'An outlet or wire service.' })

export const Span = z
  .object({
    start: z.number().int().min(0).meta({ description: 'Start offset into the article body (UTF-16 code units).' }),
    end: z.number().int().min(0).meta({ description: 'End offset (exclusive); `body.slice(start, end) === text`.' }),
    text: z.string(),
  })
  .meta({ id: 'Span', description: 'A stretch of the article body with its exact offsets.' })

export const FacetValue = z
  .object({
    value: z.string().meta({ description: 'The value to pass as the filter parameter of the same name.', examples: ['reuters'] }),
    label: z.string().meta({ description: 'What to show for it.', examples: ['Reuters'] }),
    count: z.number().int().min(0).meta({ description: 'How many items of the whole filtered list have it.', examples: [2] }),
  })
  .meta({ id: 'FacetValue', description: 'One value of a facet with its count over the whole filtered list.' })

export const Page = z
  .object({
    limit: z.number().int().min(1).max(MAX_LIMIT).meta({ description: 'The page size used.', examples: [20] }),
    next: z
      .string()
      .nullable()
      .meta({ description: 'Cursor of the next page (pass it as `cursor`), or null on the last page.' }),
  })
  .meta({ id: 'Page', description: 'Where this page ends. Pages are keyset pages: stable while items are added.' })

/** The one list envelope: `{ data, page, facets? }`. */
export function listOf<T extends z.ZodType, F extends z.ZodType | undefined = undefined>(id: string, item: T, description: string, facets?: F) {
  const shape = {
    data: z.array(item).meta({ description: 'The items of this page, in the requested order.' }),
    page: Page,
    ...(facets ? { facets: facets.optional() } : {}),
  }
  return z.object(shape).meta({ id, description })
}

// ── problems (RFC 9457) ─────────────────────────────────────────────────────────────────────

export const ParameterError = z
  .object({
    name: z.string().meta({ description: 'The parameter at fault.', examples: ['limit'] }),
    in: z.enum(['query', 'path', 'header', 'body']).meta({ description: 'Where the parameter is.', examples: ['query'] }),
    message: z.string().meta({ description: 'What is wrong with it.', examples: ['Too big: expected number to be <=100'] }),
  })
  .meta({ id: 'ParameterError', description: 'One invalid request parameter.' })

export const Problem = z
  .object({
    type: z.string().meta({
      description: 'A URI identifying the kind of problem.',
      examples: ['urn:quotewire:problem:invalid-parameter'],
    }),
    title: z.string().meta({ description: 'Short summary of the kind of problem.', examples: ['Invalid parameter'] }),
    status: z.number().int().min(400).max(599).meta({ description: 'The HTTP status code.', examples: [400] }),
    detail: z.string().meta({ description: 'What went wrong with this request.', examples: ['limit: Too big: expected number to be <=100'] }),
    instance: z.string().optional().meta({ description: 'The path of the request.', examples: ['/v1/articles?limit=500'] }),
    errors: z.array(ParameterError).optional().meta({ description: 'Each invalid parameter (400 only).' }),
  })
  .meta({ id: 'Problem', description: 'An error, as an RFC 9457 problem document (media type application/problem+json).' })

export type ProblemBody = z.infer<typeof Problem>
