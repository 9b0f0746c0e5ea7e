import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { annotationRecord } from '../commands/annotate.js'
import { writeSchema } from '../http/auth.js'
import { badParameter } from '../http/problem.js'
import { extractPlain } from '../pipeline/extract.js'
import { annotate } from '../pipeline/index.js'
import { Annotation, AnnotateQuery } from '../schemas/annotate.js'
import { PageBody } from '../schemas/ingest.js'
import { acceptPages, extractPage, unusable, type WriteOptions } from './ingest.js'

/** POST /v1/annotate: the pipeline over one page, nothing stored; the same output as `quotewire annotate`. */
export const annotateRoutes: FastifyPluginAsyncZod<WriteOptions> = async (app, { guards }) => {
  acceptPages(app)

  app.post(
    '/v1/annotate',
    {
      onRequest: guards,
      config: { rateLimit: false },
      schema: writeSchema({
        operationId: 'annotatePage',
        summary: 'Annotate a page without storing it',
        description:
          'Runs extraction and annotation over a raw page (`text/plain`, `text/html`) or a JSON record, and answers ' +
          'what `quotewire annotate` prints for it: the article, its quotes with speakers and cues, entity mentions with ' +
          'canonical names, and quoted phrases that are not speech. Nothing is stored. Needs an API key, as writes do: ' +
          'annotation is the expensive part of a write.',
        tag: 'Annotation',
        querystring: AnnotateQuery,
        body: PageBody,
        responses: { 200: [Annotation, 'The annotated article.'] },
        problems: [400, 401, 403, 413, 415, 422, 429],
      }),
    },
    async (request) => {
      const body = request.body
      let extracted
      if (request.query.plain === 'true') {
        if (typeof body !== 'string') throw badParameter('plain', 'applies to raw pages, not to JSON records')
        if (body.trim() === '') throw unusable('the page is empty')
        extracted = extractPlain('posted', body)
      } else extracted = extractPage(request, body, 'posted')
      return annotationRecord(annotate(extracted.doc, extracted.article), request.query.plain === 'true')
    },
  )
}
