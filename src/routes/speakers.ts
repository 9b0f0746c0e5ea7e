import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import type { Database } from 'better-sqlite3'
import { listQuotes, quoteFacets } from '../db/quotes.js'
import { CountKeySchema } from '../db/read.js'
import { getSpeaker, isSpeaker, listSpeakers } from '../db/speakers.js'
import { routeSchema } from '../http/openapi.js'
import { pageReply, pageRequest, resolveSort, sortKeyset } from '../http/pagination.js'
import { notFound } from '../http/problem.js'
import { IdParams } from '../schemas/common.js'
import { QuoteList, SpeakerQuotesQuery } from '../schemas/quotes.js'
import { SpeakerDetail, SpeakerList, SpeakerListQuery } from '../schemas/speakers.js'

const speakersKeyset = { scope: 'speakers.quotes', key: CountKeySchema }

export const speakerRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/v1/speakers',
    {
      schema: routeSchema({
        operationId: 'listSpeakers',
        summary: 'List speakers, most quoted first',
        description: 'People and organisations with at least one quote attributed to them, ranked by their number of quotes.',
        tag: 'Speakers',
        ok: 'A page of speakers.',
        okSchema: SpeakerList,
        querystring: SpeakerListQuery,
        problems: [400],
        list: true,
      }),
    },
    async (request, reply) => {
      const { limit, cursor, ...filters } = request.query
      const page = listSpeakers(db, filters, pageRequest({ limit, cursor }, speakersKeyset))
      return pageReply(request, reply, limit, page, speakersKeyset)
    },
  )

  app.get(
    '/v1/speakers/:id',
    {
      schema: routeSchema({
        operationId: 'getSpeaker',
        summary: 'Get a speaker',
        description: 'A speaker with every alias, the roles articles give them, quote counts per outlet and when they were first and last quoted.',
        tag: 'Speakers',
        ok: 'The speaker.',
        okSchema: SpeakerDetail,
        params: IdParams,
        problems: [400, 404],
      }),
    },
    async (request) => getSpeaker(db, request.params.id) ?? Promise.reject(notFound('speaker', request.params.id)),
  )

  app.get(
    '/v1/speakers/:id/quotes',
    {
      schema: routeSchema({
        operationId: 'listSpeakerQuotes',
        summary: "List a speaker's quotes",
        description: 'Every quote attributed to the speaker, across outlets, newest first; takes the filters of /v1/quotes.',
        tag: 'Speakers',
        ok: "A page of the speaker's quotes.",
        okSchema: QuoteList,
        params: IdParams,
        querystring: SpeakerQuotesQuery,
        problems: [400, 404],
        list: true,
      }),
    },
    async (request, reply) => {
      const { id } = request.params
      if (!isSpeaker(db, id)) throw notFound('speaker', id)
      const { limit, cursor, sort: _sort, facets, ...rest } = request.query
      const filters = { ...rest, speaker: id }
      const sort = resolveSort(request.query)
      const keyset = sortKeyset('speaker.quotes', sort)
      const page = listQuotes(db, filters, sort, pageRequest({ limit, cursor }, keyset))
      const body = pageReply(request, reply, limit, page, keyset)
      return facets ? { ...body, facets: quoteFacets(db, filters, facets) } : body
    },
  )
}
