/**
 * API keys for writes (and for reads when READ_REQUIRES_KEY is set): `Authorization: Bearer <key>`.
 * A key is valid when it is one of the configured API_KEYS or an unrevoked key of the database
 * (`quotewire keys create`). Only sha256 digests are held and compared (in constant time), and no
 * key ever reaches a log or an error message.
 *
 * 401 (with `WWW-Authenticate: Bearer`) when no key, a malformed header or an unknown key is sent;
 * 403 when the key is known but revoked — the client is identified, and must not retry with it.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { Database } from 'better-sqlite3'
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify'
import { z } from 'zod'
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger'
import { apiKeyByDigest } from '../db/store/keys.js'
import { Problem } from '../schemas/common.js'
import { PAGE_MEDIA_TYPES } from '../schemas/ingest.js'
import { ApiError } from './problem.js'

/** The name of the security scheme in the OpenAPI document. */
export const BEARER_SCHEME = 'bearerAuth'
const REALM = 'quotewire'

// RFC 6750 b64token; long enough that a configured key cannot be a guessable word.
const KEY_SHAPE = /^[A-Za-z0-9._~+/-]{24,512}=*$/

/** API_KEYS: comma-separated keys, each checked at boot; the message never repeats a key. */
export const ApiKeysEnv = z
  .string()
  .transform((value) => value.split(',').map((k) => k.trim()).filter(Boolean))
  .superRefine((keys, ctx) => {
    keys.forEach((key, i) => {
      if (!KEY_SHAPE.test(key)) {
        ctx.addIssue({
          code: 'custom',
          message: `key ${i + 1} must be 24 to 512 characters of letters, digits and - . _ ~ + / (generate one with: openssl rand -base64 32)`,
        })
      }
    })
  })

function digest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest()
}

export type KeyCheck = { ok: true; key: string } | { ok: false; status: 401 | 403; error: string; detail: string }

/** Which keys open writes: the configured ones and those of the database. */
export class Keyring {
  private readonly configured: Buffer[]

  constructor(
    private readonly db: Database,
    configured: readonly string[],
  ) {
    this.configured = configured.map(digest)
  }

  /** Checks an Authorization header value. `key` on success names the key without revealing it. */
  check(header: string | undefined): KeyCheck {
    if (!header) return { ok: false, status: 401, error: 'missing', detail: 'This request needs an API key: send Authorization: Bearer <key>.' }
    const match = /^Bearer +(\S+) *$/i.exec(header)
    if (!match || !KEY_SHAPE.test(match[1])) {
      return { ok: false, status: 401, error: 'invalid_request', detail: 'The Authorization header must be "Bearer <key>".' }
    }
    const presented = digest(match[1])
    // Every configured key is compared, so the time taken does not depend on which one matched.
    let configuredIndex = -1
    this.configured.forEach((d, i) => {
      if (timingSafeEqual(d, presented)) configuredIndex = i
    })
    if (configuredIndex >= 0) return { ok: true, key: `config:${configuredIndex + 1}` }
    const stored = apiKeyByDigest(this.db, presented.toString('hex'))
    if (stored && timingSafeEqual(Buffer.from(stored.hash, 'hex'), presented)) {
      if (stored.revoked_at) return { ok: false, status: 403, error: 'invalid_token', detail: 'This API key has been revoked.' }
      return { ok: true, key: `db:${stored.id}` }
    }
    return { ok: false, status: 401, error: 'invalid_token', detail: 'This API key is not valid.' }
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Which API key the request was made with ("config:1", "db:7"), when it sent a valid one. */
    apiKey?: string
  }
}

function refuse(reply: FastifyReply, check: Extract<KeyCheck, { ok: false }>): never {
  const challenge = check.error === 'missing' ? `Bearer realm="${REALM}"` : `Bearer realm="${REALM}", error="${check.error}"`
  reply.header('www-authenticate', challenge)
  throw new ApiError(check.status, check.detail)
}

/** An onRequest hook refusing requests without a valid key (before their body is read). */
export function requireKey(keyring: Keyring): onRequestAsyncHookHandler {
  return async function requireApiKey(request: FastifyRequest, reply: FastifyReply) {
    const check = keyring.check(request.headers.authorization)
    if (!check.ok) refuse(reply, check)
    request.apiKey = check.key
    request.log.debug({ apiKey: check.key }, 'authenticated')
  }
}

// ── documentation of writes ─────────────────────────────────────────────────────────────────

const PROBLEMS: Record<number, string> = {
  400: 'Invalid parameter or body: `errors` names each one.',
  401: 'No API key, a malformed Authorization header, or an unknown key (`WWW-Authenticate: Bearer`).',
  403: 'The API key has been revoked.',
  404: 'No such resource.',
  413: 'The request body is larger than the server accepts (BODY_LIMIT).',
  415: 'Unsupported Content-Type: send text/plain, text/html or application/json.',
  422: 'No article could be read from the content (empty, binary, or no story text found); `detail` says why.',
  429: 'Too many writes from this client: wait the seconds `Retry-After` says.',
  500: 'The server failed; the details are in its log.',
}

interface WriteDoc<Q, P, B, R extends Record<number, readonly [z.ZodType, string]>> {
  operationId: string
  summary: string
  description: string
  tag: string
  querystring?: Q
  params?: P
  body?: B
  /** Status → [schema, description]. */
  responses: R
  /** Statuses besides 500. */
  problems: number[]
  /** Success answers name the article in a Location header. */
  location?: boolean
}

/** The schema of a write operation: bearer security, its success statuses, its problems. */
export function writeSchema<
  R extends Record<number, readonly [z.ZodType, string]>,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(doc: WriteDoc<Q, P, B, R>) {
  const response: Record<number, z.ZodType> = {}
  const descriptions: Record<number, string> = {}
  for (const [status, [schema, description]] of Object.entries(doc.responses)) {
    response[Number(status)] = schema
    descriptions[Number(status)] = description
  }
  for (const status of [...doc.problems, 500]) {
    response[status] = Problem
    descriptions[status] = PROBLEMS[status] ?? 'Error.'
  }
  return {
    operationId: doc.operationId,
    summary: doc.summary,
    description: doc.description,
    tags: [doc.tag],
    security: [{ [BEARER_SCHEME]: [] }],
    ...((doc.querystring ? { querystring: doc.querystring } : {}) as { querystring: Q }),
    ...((doc.params ? { params: doc.params } : {}) as { params: P }),
    ...((doc.body ? { body: doc.body, consumes: [...PAGE_MEDIA_TYPES] } : {}) as { body: B }),
    response: response as { [K in keyof R]: R[K] extends readonly [infer S, string] ? S : never } & Record<number, z.ZodType>,
    // Read and removed by documentWrites().
    'x-write': { descriptions, location: doc.location ?? false, pages: Boolean(doc.body) },
  }
}

type Json = Record<string, unknown>

const LOCATION_HEADER = { description: 'The URL of the article.', schema: { type: 'string', examples: ['/v1/articles/3'] } }

function finishWrite(operation: Json) {
  const write = operation['x-write'] as { descriptions: Record<string, string>; location: boolean; pages: boolean } | undefined
  delete operation['x-write']
  const responses = (operation.responses ?? {}) as Record<string, Json>
  // A write answer is never cached nor conditional.
  delete responses['304']
  for (const [status, response] of Object.entries(responses)) {
    const code = Number(status)
    if (write?.descriptions[status]) response.description = write.descriptions[status]
    if (code >= 200 && code < 300) {
      delete response.headers
      if (write?.location) response.headers = { Location: LOCATION_HEADER }
    }
    if (code === 204) delete response.content
    if (code === 401 || code === 403) {
      response.headers = { 'WWW-Authenticate': { description: 'Bearer challenge (RFC 6750).', schema: { type: 'string', examples: ['Bearer realm="quotewire", error="invalid_token"'] } } }
    }
    if (code === 429) {
      response.headers = { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', examples: [42] } } }
    }
  }
  if (write?.pages) {
    const body = operation.requestBody as { content?: Record<string, { schema?: Json }> } | undefined
    const json = body?.content?.['application/json']?.schema
    const record = (json?.anyOf as Json[] | undefined)?.find((s) => s.type !== 'string') ?? json
    operation.requestBody = {
      required: true,
      description: 'The page: raw text or HTML, or a JSON record.',
      content: {
        'text/plain': { schema: { type: 'string', description: 'The page as plain text; its first lines may be the headline, dateline and byline.' } },
        'text/html': { schema: { type: 'string', description: 'The page as HTML; the story text is extracted from it.' } },
        'application/json': { schema: record },
      },
    }
  }
}

/**
 * Swagger options with the writes documented: the bearer security scheme, and each write
 * operation finished (its own statuses and descriptions, no 304 or cache headers, the body's media types).
 */
export function documentWrites(options: FastifyDynamicSwaggerOptions): FastifyDynamicSwaggerOptions {
  const openapi = options.openapi ?? {}
  const transform = options.transformObject
  return {
    ...options,
    openapi: {
      ...openapi,
      // The options' types mix OpenAPI 3.0 and 3.1 objects; this only adds to what is there.
      components: {
        ...(openapi.components as object),
        securitySchemes: {
          [BEARER_SCHEME]: {
            type: 'http',
            scheme: 'bearer',
            description:
              'An API key, sent as `Authorization: Bearer <key>`. Keys come from the API_KEYS setting or ' +
              '`quotewire keys create`. Writes always need one; reads only when the server sets READ_REQUIRES_KEY=true.',
          },
        },
      },
      tags: [...(openapi.tags ?? []), { name: 'Annotation', description: 'Annotate a page without storing it.' }],
    },
    transformObject: ((input: Parameters<NonNullable<typeof transform>>[0]) => {
      const document = (transform ? transform(input) : (input as { openapiObject: Json }).openapiObject) as Json
      for (const item of Object.values((document.paths ?? {}) as Record<string, Record<string, Json>>)) {
        for (const [method, operation] of Object.entries(item)) if (method !== 'get') finishWrite(operation)
      }
      return document
    }) as FastifyDynamicSwaggerOptions['transformObject'],
  }
}
