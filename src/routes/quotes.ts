import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import type { Database } from 'better-sqlite3'
import { getQuote, listQuotes, quoteFacets } from '../db/quotes.js'
import { routeSchema } from '../http/openapi.js'
import { pageReply, pageRequest, resolveSort, sortKeyset } from '../http/pagination.js'
import { notFound } from '../http/problem.js'
import { IdParams } from '../schemas/common.js'
import { QuoteDetail, QuoteList, QuoteListQuery } from '../schemas/quotes.js'

export const quoteRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/v1/quotes',
    {
      schema: routeSchema({
        operationId: 'listQuotes',
        summary: 'List and search quotes',
        description:
          'Direct quotes, newest first (best match first with `q`), each with its speaker, cue, confidence, ' +
          'article, offsets, the cluster of variants it belongs to and how many other outlets carry one.',
        tag: 'Quotes',
        ok: 'A page of quotes.',
        okSchema: QuoteList,
        querystring: QuoteListQuery,
        problems: [400],
        list: true,
      }),
    },
    async (request, reply) => {
      const { limit, cursor, sort: _sort, facets, ...filters } = request.query
      const sort = resolveSort(request.query)
      const keyset = sortKeyset('quotes', sort)
      const page = listQuotes(db, filters, sort, pageRequest({ limit, cursor }, keyset))
      const body = pageReply(request, reply, limit, page, keyset)
      return facets ? { ...body, facets: quoteFacets(db, filters, facets) } : body
    },
  )

  app.get(
    '/v1/quotes/:id',
    {
      schema: routeSchema({
        operationId: 'getQuote',
        summary: 'Get a quote with its variants across outlets',
        description:
          'The quote, and every other rendering of the same statement (its cluster) as other outlets reported it, ' +
          'each with a word-level difference from this one.',
        tag: 'Quotes',
        ok: 'The quote and its variants.',
        okSchema: QuoteDetail,
        params: IdParams,
        problems: [400, 404],
      }),
    },
    async (request) => getQuote(db, request.params.id) ?? Promise.reject(notFound('quote', request.params.id)),
  )
}
