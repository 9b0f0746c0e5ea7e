/**
 * The one error path: every failure leaves as an RFC 9457 `application/problem+json` document,
 * whether it is a validation error, an unknown id, an unknown route, a bad full-text query or a bug.
 * Details of 5xx errors are logged with the request id, never shown.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from '@fastify/type-provider-zod'
import type { ProblemBody } from '../schemas/common.js'
import { FtsQueryError } from '../db/fts.js'

export const PROBLEM_MEDIA_TYPE = 'application/problem+json'

type Location = 'query' | 'path' | 'header' | 'body'
export interface ParameterProblem {
  name: string
  in: Location
  message: string
}

const TITLES: Record<number, string> = {
  400: 'Invalid parameter',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  408: 'Request timeout',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  431: 'Request header fields too large',
  500: 'Internal server error',
  503: 'Service unavailable',
}

const TYPES: Record<number, string> = {
  400: 'invalid-parameter',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  413: 'payload-too-large',
  414: 'uri-too-long',
  415: 'unsupported-media-type',
  422: 'unprocessable-content',
  429: 'rate-limited',
  500: 'internal',
  503: 'unavailable',
}

export function problemType(status: number): string {
  return `urn:quotewire:problem:${TYPES[status] ?? `http-${status}`}`
}

/** An error with a status a client can act on; thrown by handlers and helpers, rendered by the handler below. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors?: ParameterProblem[],
  ) {
    super(detail)
    this.name = 'ApiError'
  }
}

export function badParameter(name: string, message: string, where: Location = 'query'): ApiError {
  return new ApiError(400, `${name}: ${message}`, [{ name, in: where, message }])
}

export function notFound(what: string, id: number | string): ApiError {
  return new ApiError(404, `No ${what} with id ${id}.`)
}

export function problem(status: number, detail: string, instance?: string, errors?: ParameterProblem[]): ProblemBody {
  return {
    type: problemType(status),
    title: TITLES[status] ?? (status >= 500 ? 'Server error' : 'Client error'),
    status,
    detail,
    ...(instance ? { instance } : {}),
    ...(errors?.length ? { errors } : {}),
  }
}

const CONTEXTS: Record<string, Location> = { querystring: 'query', params: 'path', headers: 'header', body: 'body' }

function validationProblems(error: FastifyError): ParameterProblem[] {
  const where = CONTEXTS[error.validationContext ?? 'querystring'] ?? 'query'
  return (error.validation ?? []).map((v) => ({
    name: v.instancePath.replace(/^\//, '').split('/')[0] || '(request)',
    in: where,
    message: v.message ?? 'is invalid',
  }))
}

function send(reply: FastifyReply, body: ProblemBody) {
  // Errors are not cacheable, whatever a route set before it failed.
  reply.removeHeader('etag')
  reply.removeHeader('link')
  return reply.code(body.status).header('cache-control', 'no-store').type(PROBLEM_MEDIA_TYPE).send(body)
}

function toProblem(error: FastifyError | Error, request: FastifyRequest): ProblemBody {
  const instance = request.url
  if (error instanceof ApiError) return problem(error.status, error.detail, instance, error.errors)
  if (error instanceof FtsQueryError) {
    return problem(400, `q: ${error.message}`, instance, [{ name: error.parameter, in: 'query', message: error.message }])
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = validationProblems(error)
    return problem(400, errors.map((e) => `${e.name}: ${e.message}`).join('; '), instance, errors)
  }
  const status = (error as FastifyError).statusCode
  if (status && status >= 400 && status < 500) return problem(status, error.message, instance)
  return problem(status && status >= 500 ? status : 500, 'The server failed to answer this request; it has been logged.', instance)
}

export function registerProblemHandlers(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const body = toProblem(error, request)
    if (body.status >= 500) request.log.error({ err: error }, 'request failed')
    return send(reply, body)
  })
  app.setNotFoundHandler((request, reply) =>
    send(reply, problem(404, `No route ${request.method} ${request.url.split('?')[0]}.`, request.url)),
  )
}
