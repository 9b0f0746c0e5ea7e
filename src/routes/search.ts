import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import type { Database } from 'better-sqlite3'
import { RANK_WINDOW, search, SearchKeySchema } from '../db/search.js'
import { routeSchema } from '../http/openapi.js'
import { pageReply, pageRequest } from '../http/pagination.js'
import { SearchQuery, SearchResults } from '../schemas/search.js'

const searchKeyset = { scope: 'search.rank', key: SearchKeySchema }

export const searchRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/v1/search',
    {
      schema: routeSchema({
        operationId: 'search',
        summary: 'Search articles and quotes',
        description:
          'One list of articles and quotes matching `q`, best match first (bm25; headline matches weigh more than ' +
          'body matches), each with an extract where the matched words are marked. A query matching more than ' +
          `${RANK_WINDOW.toLocaleString('en')} articles (or quotes) is ranked over the ${RANK_WINDOW.toLocaleString('en')} most recently ` +
          'added of them, and the list holds those: the `q` filter of `/v1/articles` and `/v1/quotes` lists every match.',
        tag: 'Search',
        ok: 'A page of search hits.',
        okSchema: SearchResults,
        querystring: SearchQuery,
        problems: [400],
        list: true,
      }),
    },
    async (request, reply) => {
      const { q, kind, limit, cursor } = request.query
      const page = search(db, q, kind, pageRequest({ limit, cursor }, searchKeyset))
      return pageReply(request, reply, limit, page, searchKeyset)
    },
  )
}
