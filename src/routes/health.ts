import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import type { Database } from 'better-sqlite3'
import { pendingMigrations } from '../db/migrate.js'
import { routeSchema } from '../http/openapi.js'
import { ApiError } from '../http/problem.js'
import { Health, Readiness } from '../schemas/health.js'

export const healthRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/healthz',
    {
      schema: routeSchema({
        operationId: 'getHealth',
        summary: 'Liveness probe',
        description: 'Answers as long as the process serves requests; touches nothing else.',
        tag: 'Health',
        ok: 'Alive.',
        okSchema: Health,
      }),
    },
    async () => ({ status: 'ok' as const }),
  )

  app.get(
    '/readyz',
    {
      schema: routeSchema({
        operationId: 'getReadiness',
        summary: 'Readiness probe',
        description: 'Ready when the database answers and every migration has been applied; 503 otherwise.',
        tag: 'Health',
        ok: 'Ready to serve.',
        okSchema: Readiness,
        problems: [503],
      }),
    },
    async (request) => {
      let pending: string[]
      try {
        pending = pendingMigrations(db)
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed')
        throw new ApiError(503, 'The migration state cannot be read.')
      }
      if (pending.length) throw new ApiError(503, `Migrations not applied: ${pending.join(', ')}.`)
      let articles: number
      let migrations: number
      try {
        articles = (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n
        migrations = (db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed')
        throw new ApiError(503, 'The database cannot be read.')
      }
      return { status: 'ready' as const, articles, migrations }
    },
  )
}
