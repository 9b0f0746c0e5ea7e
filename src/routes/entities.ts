import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import type { Database } from 'better-sqlite3'
import { articlesOfEntity, entityExists, getEntity, listEntities, RELATED_WINDOW, relatedEntities } from '../db/entities.js'
import { CountKeySchema, TimeKeySchema } from '../db/read.js'
import { routeSchema } from '../http/openapi.js'
import { pageReply, pageRequest } from '../http/pagination.js'
import { notFound } from '../http/problem.js'
import { ArticleList } from '../schemas/articles.js'
import { IdParams } from '../schemas/common.js'
import { EntityArticlesQuery, EntityDetail, EntityList, EntityListQuery, RelatedEntitiesQuery, RelatedEntityList } from '../schemas/entities.js'

const entitiesKeyset = { scope: 'entities.mentions', key: CountKeySchema }
const articlesKeyset = { scope: 'entity.articles.newest', key: TimeKeySchema }
const relatedKeyset = { scope: 'entity.related', key: CountKeySchema }

export const entityRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/v1/entities',
    {
      schema: routeSchema({
        operationId: 'listEntities',
        summary: 'List entities, most mentioned first',
        description: 'People, organisations and places mentioned in the archive, ranked by their number of mentions.',
        tag: 'Entities',
        ok: 'A page of entities.',
        okSchema: EntityList,
        querystring: EntityListQuery,
        problems: [400],
        list: true,
      }),
    },
    async (request, reply) => {
      const { limit, cursor, ...filters } = request.query
      const page = listEntities(db, filters, pageRequest({ limit, cursor }, entitiesKeyset))
      return pageReply(request, reply, limit, page, entitiesKeyset)
    },
  )

  app.get(
    '/v1/entities/:id',
    {
      schema: routeSchema({
        operationId: 'getEntity',
        summary: 'Get an entity',
        description: 'An entity with its aliases, counts, the outlets that mention it and when it was first and last mentioned.',
        tag: 'Entities',
        ok: 'The entity.',
        okSchema: EntityDetail,
        params: IdParams,
        problems: [400, 404],
      }),
    },
    async (request) => getEntity(db, request.params.id) ?? Promise.reject(notFound('entity', request.params.id)),
  )

  app.get(
    '/v1/entities/:id/articles',
    {
      schema: routeSchema({
        operationId: 'listEntityArticles',
        summary: 'List the articles mentioning an entity',
        description: 'Articles that mention the entity, newest first.',
        tag: 'Entities',
        ok: 'A page of articles.',
        okSchema: ArticleList,
        params: IdParams,
        querystring: EntityArticlesQuery,
        problems: [400, 404],
        list: true,
      }),
    },
    async (request, reply) => {
      const { id } = request.params
      if (!entityExists(db, id)) throw notFound('entity', id)
      const { limit, cursor } = request.query
      const page = articlesOfEntity(db, id, pageRequest({ limit, cursor }, articlesKeyset))
      return pageReply(request, reply, limit, page, articlesKeyset)
    },
  )

  app.get(
    '/v1/entities/:id/related',
    {
      schema: routeSchema({
        operationId: 'listRelatedEntities',
        summary: 'List the entities mentioned together with an entity',
        description: `Entities mentioned in the same articles as this one, ranked by the number of articles they share, counted over the entity's ${RELATED_WINDOW.toLocaleString('en')} most recent articles.`,
        tag: 'Entities',
        ok: 'A page of related entities.',
        okSchema: RelatedEntityList,
        params: IdParams,
        querystring: RelatedEntitiesQuery,
        problems: [400, 404],
        list: true,
      }),
    },
    async (request, reply) => {
      const { id } = request.params
      if (!entityExists(db, id)) throw notFound('entity', id)
      const { limit, cursor } = request.query
      const page = relatedEntities(db, id, pageRequest({ limit, cursor }, relatedKeyset))
      return pageReply(request, reply, limit, page, relatedKeyset)
    },
  )
}
