import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import type { Database } from 'better-sqlite3'
import { search, SearchKeySchema } from '../db/search.js'
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
          'body matches), each with an extract where the matched words are marked.',
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
