/**
 * buildApp(): the one factory of the HTTP application, used by the server, the CLI (openapi) and
 * every test (through app.inject()). Plugins first, in the order their hooks must run, then routes.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import compress from '@fastify/compress'
import cors from '@fastify/cors'
import etag from '@fastify/etag'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { validatorCompiler, type ZodTypeProvider } from '@fastify/type-provider-zod'
import type { Database } from 'better-sqlite3'
import { loadConfig } from './config.js'
import { projectFolder } from './db/migrate.js'
import { documentWrites, Keyring, requireKey } from './http/auth.js'
import { DEFAULT_SETTINGS, httpSettings, registerLimits, serverOptions, type HttpSettings } from './http/limits.js'
import { swaggerOptions } from './http/openapi.js'
import { registerProblemHandlers } from './http/problem.js'
import { registerResponseCache } from './http/response-cache.js'
import { serializerCompiler } from './http/serializer.js'
import { annotateRoutes } from './routes/annotate.js'
import { articleRoutes } from './routes/articles.js'
import { ingestRoutes } from './routes/ingest.js'
import { entityRoutes } from './routes/entities.js'
import { healthRoutes } from './routes/health.js'
import { quoteRoutes } from './routes/quotes.js'
import { searchRoutes } from './routes/search.js'
import { speakerRoutes } from './routes/speakers.js'
import { storyRoutes } from './routes/stories.js'

export interface AppOptions {
  db: Database
  /** Fastify's logger option: false (default, tests), true, or pino options. */
  logger?: FastifyServerOptions['logger']
  /** Keys, limits and timeouts; by default what the environment says (as `quotewire serve` reads it). */
  settings?: Partial<HttpSettings>
}

/** Logs never carry credentials, whatever a serializer may one day include. */
function redacted(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  const redact = ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization']
  if (logger === true) return { redact }
  if (logger && typeof logger === 'object') return { ...logger, redact }
  return logger
}

/** Read answers may be reused briefly; probes and the document describing the API are never stale. */
function cacheControl(url: string): string {
  if (url.startsWith('/healthz') || url.startsWith('/readyz')) return 'no-store'
  if (url.startsWith('/v1/')) return 'public, max-age=60'
  return 'public, max-age=300'
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(projectFolder('migrations'), '..', 'package.json'), 'utf8')) as { version?: string }
  return pkg.version ?? '0.0.0'
}

export async function buildApp({ db, logger = false, settings: given }: AppOptions): Promise<FastifyInstance> {
  const settings: HttpSettings = { ...(given ? DEFAULT_SETTINGS : httpSettings(loadConfig())), ...given }
  const app = Fastify({
    logger: redacted(logger),
    // Generous enough for any real URL, small enough that a junk query string is refused cheaply.
    routerOptions: { maxParamLength: 200 },
    ...serverOptions(settings),
  }).withTypeProvider<ZodTypeProvider>()
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  registerProblemHandlers(app)

  // Before the routes: the rate limiter attaches itself to each route as it is declared.
  const writeLimit = await registerLimits(app, settings)
  const keyring = new Keyring(db, settings.apiKeys)
  const guards = [...(writeLimit ? [writeLimit] : []), requireKey(keyring)]
  if (settings.readRequiresKey) {
    app.addHook('onRoute', (route) => {
      const methods = [route.method].flat()
      if (!route.url.startsWith('/v1/') || !methods.includes('GET')) return
      route.onRequest = [...[route.onRequest ?? []].flat(), requireKey(keyring)]
    })
  }

  // Hooks run in registration order: the ETag is computed on the uncompressed body, which the
  // response cache keeps with it, then compressed.
  await app.register(etag, { weak: true })
  registerResponseCache(app, db, settings.responseCacheBytes)
  await app.register(compress, { encodings: ['br', 'gzip', 'deflate'] })
  await app.register(cors, {
    origin: '*',
    methods: ['GET', 'HEAD', 'OPTIONS', 'POST', 'DELETE'],
    exposedHeaders: ['Link', 'ETag', 'Location', 'Retry-After', 'X-Request-Id'],
    // An OPTIONS request that is not a preflight is answered like one rather than with a bare text error.
    strictPreflight: false,
    maxAge: 86400,
  })

  app.addHook('onSend', async (request, reply, payload) => {
    // JSON is never to be sniffed into HTML by a browser.
    reply.header('x-content-type-options', 'nosniff')
    if (reply.statusCode < 400 && !reply.hasHeader('cache-control') && (request.method === 'GET' || request.method === 'HEAD')) {
      reply.header('cache-control', cacheControl(request.url))
    }
    return payload
  })

  await app.register(swagger, documentWrites(swaggerOptions(packageVersion())))
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { deepLinking: true, displayOperationId: true, tryItOutEnabled: true },
    // Swagger UI's own policy (scripts by hash), with the inline styles its components set at run time allowed.
    staticCSP: true,
    transformStaticCSP: (header) => header.replace(/style-src [^;]*/, "style-src 'self' 'unsafe-inline'"),
  })

  for (const routes of [articleRoutes, quoteRoutes, speakerRoutes, entityRoutes, storyRoutes, searchRoutes, healthRoutes]) {
    await app.register(routes, { db })
  }
  await app.register(ingestRoutes, { db, guards })
  await app.register(annotateRoutes, { db, guards })

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())

  return app
}
