import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import type { Database } from 'better-sqlite3'
import { TimeKeySchema } from '../db/read.js'
import { getStory, listStories } from '../db/stories.js'
import { routeSchema } from '../http/openapi.js'
import { pageReply, pageRequest } from '../http/pagination.js'
import { notFound } from '../http/problem.js'
import { IdParams } from '../schemas/common.js'
import { StoryDetail, StoryList, StoryListQuery } from '../schemas/stories.js'

const storiesKeyset = { scope: 'stories.recent', key: TimeKeySchema }

export const storyRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/v1/stories',
    {
      schema: routeSchema({
        operationId: 'listStories',
        summary: 'List stories, most recently updated first',
        description: 'Stories (one event reported by one or more outlets), by the publication time of their latest article.',
        tag: 'Stories',
        ok: 'A page of stories.',
        okSchema: StoryList,
        querystring: StoryListQuery,
        problems: [400],
        list: true,
      }),
    },
    async (request, reply) => {
      const { limit, cursor } = request.query
      const page = listStories(db, pageRequest({ limit, cursor }, storiesKeyset))
      return pageReply(request, reply, limit, page, storiesKeyset)
    },
  )

  app.get(
    '/v1/stories/:id',
    {
      schema: routeSchema({
        operationId: 'getStory',
        summary: 'Get a story',
        description: 'A story with its articles, the outlets that carried it, its key speakers and its key quotes.',
        tag: 'Stories',
        ok: 'The story.',
        okSchema: StoryDetail,
        params: IdParams,
        problems: [400, 404],
      }),
    },
    async (request) => getStory(db, request.params.id) ?? Promise.reject(notFound('story', request.params.id)),
  )
}
