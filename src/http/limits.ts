/**
 * What keeps one client or one burst from taking the server down, and the settings behind it:
 * body and URL size, per-client rate limits (generous for reads, tight for writes), load shedding
 * when the event loop lags, request timeouts, security headers and request ids.
 * Every refusal is a problem document like any other error.
 */
import { randomUUID } from 'node:crypto'
import { STATUS_CODES, type IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import rateLimit from '@fastify/rate-limit'
import underPressure from '@fastify/under-pressure'
import type { FastifyInstance, FastifyReply, FastifyServerOptions, onRequestAsyncHookHandler } from 'fastify'
import { z } from 'zod'
import { ApiKeysEnv } from './auth.js'
import { ApiError, problem, PROBLEM_MEDIA_TYPE } from './problem.js'

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes')
const count = (fallback: number) => z.coerce.number().int().min(0).default(fallback)

/** The environment variables of the HTTP layer (part of config.ts's Env); see .env.example. */
export const HttpEnv = {
  API_KEYS: ApiKeysEnv.optional(),
  READ_REQUIRES_KEY: flag.default(false),
  BODY_LIMIT: count(5 * 1024 * 1024),
  MAX_URL_LENGTH: z.coerce.number().int().min(256).default(4096),
  RATE_LIMIT_READ: count(3000),
  RATE_LIMIT_WRITE: count(60),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
  MAX_EVENT_LOOP_DELAY_MS: count(1000),
  REQUEST_TIMEOUT_MS: count(30_000),
  CONNECTION_TIMEOUT_MS: count(60_000),
  TRUST_PROXY: flag.default(false),
  RESPONSE_CACHE_MB: z.coerce.number().min(0).default(32),
}

export interface HttpSettings {
  /** Keys accepted besides those of the database. */
  apiKeys: string[]
  readRequiresKey: boolean
  /** Largest request body, in bytes (413 above). */
  bodyLimit: number
  /** Longest request target (path and query), in characters (414 above). */
  maxUrlLength: number
  /** Requests per client and window: reads (all routes together) and writes; 0 = unlimited. */
  rateLimitRead: number
  rateLimitWrite: number
  rateLimitWindowMs: number
  /** Mean event-loop delay above which requests are shed with 503; 0 = never. */
  maxEventLoopDelayMs: number
  /** How often the event loop is sampled. */
  pressureSampleMs: number
  /** Seconds a shed client is told to wait. */
  retryAfterSeconds: number
  requestTimeoutMs: number
  connectionTimeoutMs: number
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (rate limits are per client). */
  trustProxy: boolean
  /** Memory for repeated reads' answers (response-cache.ts), in bytes; 0 = every read computed afresh. */
  responseCacheBytes: number
}

export const DEFAULT_SETTINGS: HttpSettings = {
  apiKeys: [],
  readRequiresKey: false,
  bodyLimit: 5 * 1024 * 1024,
  maxUrlLength: 4096,
  rateLimitRead: 3000,
  rateLimitWrite: 60,
  rateLimitWindowMs: 60_000,
  maxEventLoopDelayMs: 1000,
  pressureSampleMs: 1000,
  retryAfterSeconds: 10,
  requestTimeoutMs: 30_000,
  connectionTimeoutMs: 60_000,
  trustProxy: false,
  responseCacheBytes: 32 * 1024 * 1024,
}

type HttpConfig = z.output<z.ZodObject<typeof HttpEnv>>

/** The settings a validated configuration describes. */
export function httpSettings(config: HttpConfig): HttpSettings {
  return {
    ...DEFAULT_SETTINGS,
    apiKeys: config.API_KEYS ?? [],
    readRequiresKey: config.READ_REQUIRES_KEY,
    bodyLimit: config.BODY_LIMIT,
    maxUrlLength: config.MAX_URL_LENGTH,
    rateLimitRead: config.RATE_LIMIT_READ,
    rateLimitWrite: config.RATE_LIMIT_WRITE,
    rateLimitWindowMs: config.RATE_LIMIT_WINDOW_MS,
    maxEventLoopDelayMs: config.MAX_EVENT_LOOP_DELAY_MS,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    connectionTimeoutMs: config.CONNECTION_TIMEOUT_MS,
    trustProxy: config.TRUST_PROXY,
    responseCacheBytes: Math.round(config.RESPONSE_CACHE_MB * 1024 * 1024),
  }
}

// A caller's request id is kept when it is a plain token, so it cannot smuggle anything into logs.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/**
 * A request node's HTTP parser refuses (headers too large, malformed) never reaches fastify: it is
 * answered here, on the socket, still as a problem document — without a body to a HEAD request.
 */
function clientError(error: Error & { code?: string; rawPacket?: unknown }, socket: Socket) {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy()
    return
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400
  const detail =
    status === 431 ? 'The request line or headers are larger than the server accepts.' : status === 408 ? 'The request took too long to arrive.' : 'The request is not valid HTTP.'
  const body = JSON.stringify(problem(status, detail))
  const head = Buffer.isBuffer(error.rawPacket) && error.rawPacket.subarray(0, 5).toString('latin1') === 'HEAD '
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_MEDIA_TYPE}\r\nCache-Control: no-store\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${head ? '' : body}`,
  )
}

/** The fastify constructor options these settings decide. */
export function serverOptions(settings: HttpSettings): FastifyServerOptions {
  return {
    clientErrorHandler: clientError,
    // Malformed URLs and over-long path parameters are refused by the router, before any route's error handler.
    frameworkErrors: (error, request, reply) => {
      const status = error.statusCode ?? 400
      const body = problem(status, error.message, request.url, status === 400 ? [{ name: '(path)', in: 'path', message: error.message }] : undefined)
      // The route (and so its reply typing) is not known yet: a plain reply.
      const plain = reply as unknown as FastifyReply
      void plain.code(status).header('cache-control', 'no-store').type(PROBLEM_MEDIA_TYPE).send(body)
    },
    bodyLimit: settings.bodyLimit,
    requestTimeout: settings.requestTimeoutMs,
    connectionTimeout: settings.connectionTimeoutMs,
    trustProxy: settings.trustProxy,
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id']
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID()
    },
  }
}

/**
 * The security headers of every answer: helmet's defaults, with a policy for a JSON API that loads
 * nothing and is framed by no one (/docs sets its own, see app.ts) and resources readable from other
 * origins (CORS allows it). They never vary, so they are written out once rather than set by
 * @fastify/helmet, which builds helmet's middleware anew for every request (about 0.03 ms of CPU, a tenth
 * of a cheap request).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'cross-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
})

/** Probes answer whatever the load: an orchestrator must see the process alive, and decide itself. */
const isProbe = (url: string) => url === '/healthz' || url === '/readyz' || url.startsWith('/healthz?') || url.startsWith('/readyz?')

/**
 * Registers the protections that apply to every route, and returns the guard that rate-limits
 * writes (one budget per client across all write routes), if writes are limited.
 */
export async function registerLimits(app: FastifyInstance, settings: HttpSettings): Promise<onRequestAsyncHookHandler | null> {
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(SECURITY_HEADERS)
    reply.header('x-request-id', request.id)
    if (request.url.length > settings.maxUrlLength) {
      throw new ApiError(414, `The request target is ${request.url.length} characters long; the limit is ${settings.maxUrlLength}.`)
    }
  })

  if (settings.maxEventLoopDelayMs > 0) {
    await app.register(underPressure, {
      maxEventLoopDelay: settings.maxEventLoopDelayMs,
      sampleInterval: settings.pressureSampleMs,
      retryAfter: settings.retryAfterSeconds,
      pressureHandler: (request, reply, type, value) => {
        if (isProbe(request.url)) return undefined
        request.log.warn({ type, value }, 'shedding load')
        // Sent here, not thrown: the error handler would log an overload as a server failure.
        void reply
          .code(503)
          .header('retry-after', String(settings.retryAfterSeconds))
          .header('cache-control', 'no-store')
          .type(PROBLEM_MEDIA_TYPE)
          .send(problem(503, `The server is overloaded; try again in ${settings.retryAfterSeconds} seconds.`, request.url))
        return undefined
      },
    })
  }

  await app.register(rateLimit, {
    global: settings.rateLimitRead > 0,
    max: settings.rateLimitRead,
    timeWindow: settings.rateLimitWindowMs,
    allowList: (request) => isProbe(request.url),
    errorResponseBuilder: (_request, context) =>
      new ApiError(429, `Too many requests: at most ${context.max} in ${Math.round(settings.rateLimitWindowMs / 1000)} seconds; try again in ${context.after}.`),
  })
  if (settings.rateLimitWrite === 0) return null
  return app.rateLimit({ max: settings.rateLimitWrite, timeWindow: settings.rateLimitWindowMs, allowList: () => false }) as onRequestAsyncHookHandler
}
