import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import type { Database } from 'better-sqlite3'
import { articleFacets, getArticle, listArticles } from '../db/articles.js'
import { routeSchema } from '../http/openapi.js'
import { pageReply, pageRequest, resolveSort, sortKeyset } from '../http/pagination.js'
import { notFound } from '../http/problem.js'
import { Article, ArticleList, ArticleListQuery } from '../schemas/articles.js'
import { IdParams } from '../schemas/common.js'

export const articleRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/v1/articles',
    {
      schema: routeSchema({
        operationId: 'listArticles',
        summary: 'List and search articles',
        description:
          'Articles, newest first, or best match first when searching with `q` (FTS5 with bm25 ranking). ' +
          'Filters combine (all must hold). `facets` adds counts of the whole filtered list beside the page.',
        tag: 'Articles',
        ok: 'A page of articles.',
        okSchema: ArticleList,
        querystring: ArticleListQuery,
        problems: [400],
        list: true,
      }),
    },
    async (request, reply) => {
      const { limit, cursor, sort: _sort, facets, ...filters } = request.query
      const sort = resolveSort(request.query)
      const keyset = sortKeyset('articles', sort)
      const page = listArticles(db, filters, sort, pageRequest({ limit, cursor }, keyset))
      const body = pageReply(request, reply, limit, page, keyset)
      return facets ? { ...body, facets: articleFacets(db, filters, facets) } : body
    },
  )

  app.get(
    '/v1/articles/:id',
    {
      schema: routeSchema({
        operationId: 'getArticle',
        summary: 'Get an article with every annotation',
        description:
          'The article with its body and every annotation: entity mentions, quotes (with cue, speaker mention and ' +
          'offsets), the speakers quoted, quoted phrases that are not speech, and its story. Offsets index the body ' +
          'in UTF-16 code units, so `body.slice(start, end) === text` and a client can highlight directly.',
        tag: 'Articles',
        ok: 'The article.',
        okSchema: Article,
        params: IdParams,
        problems: [400, 404],
      }),
    },
    async (request) => getArticle(db, request.params.id) ?? Promise.reject(notFound('article', request.params.id)),
  )
}
