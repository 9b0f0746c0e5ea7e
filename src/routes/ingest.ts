/**
 * Writes: store a page (POST /v1/articles) and delete an article (DELETE /v1/articles/{id}). A page
 * goes through the path `quotewire load` takes — extract, annotate, then saveArticle's one
 * transaction that links and counts — so an article posted and an article loaded are the same.
 */
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import type { Database } from 'better-sqlite3'
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify'
import { z } from 'zod'
import { getArticle } from '../db/articles.js'
import { articleIdByHash, contentHash, deleteArticle, saveArticle } from '../db/store.js'
import { ExtractError, extractFile, type Extracted, type ManifestEntry } from '../pipeline/extract.js'
import { annotate } from '../pipeline/index.js'
import { ApiError, notFound } from '../http/problem.js'
import { writeSchema } from '../http/auth.js'
import { Article } from '../schemas/articles.js'
import { IdParams } from '../schemas/common.js'
import { IngestQuery, PageBody, type ArticleRecord } from '../schemas/ingest.js'

export interface WriteOptions {
  db: Database
  /** onRequest hooks every write runs first: the API key check and the write rate limit. */
  guards: onRequestAsyncHookHandler[]
}

/** Raw pages arrive as strings: text/plain is parsed by fastify itself, text/html here (same body limit). */
export function acceptPages(app: FastifyInstance) {
  if (!app.hasContentTypeParser('text/html')) {
    app.addContentTypeParser('text/html', { parseAs: 'string' }, (_request, body, done) => done(null, body))
  }
}

export function unusable(reason: string): ApiError {
  return new ApiError(422, `No article could be read from this content: ${reason}.`)
}

/**
 * The one article a request body holds, extracted as a loaded file would be: `name` decides how
 * (.html, .txt or a .json record), `manifest` states what the page may not.
 */
export function extractPage(request: FastifyRequest, body: string | ArticleRecord, name: string, manifest: ManifestEntry = {}): Extracted {
  let file: { name: string; content: string }
  if (typeof body === 'string') {
    const content = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body
    if (content.trim() === '') throw unusable('the page is empty')
    if (content.slice(0, 8192).includes('\u0000')) throw unusable('the page is binary (it contains NUL characters)')
    const html = /^text\/html\b/i.test(request.headers['content-type'] ?? '')
    file = { name: `${name}.${html ? 'html' : 'txt'}`, content }
  } else {
    file = { name: `${name}.json`, content: JSON.stringify(body) }
  }
  let records: Extracted[]
  try {
    records = extractFile({ ...file, manifest })
  } catch (error) {
    if (error instanceof ExtractError) throw unusable(error.message.replace(/\.$/, ''))
    throw error
  }
  const [record] = records
  if (!record || record.article.body.trim() === '') throw unusable('no article text')
  return record
}

function manifestOf(query: IngestQuery): ManifestEntry {
  const entries = {
    source: query.source,
    url: query.url,
    wire: query.wire,
    author: query.author,
    headline: query.headline,
    publishedAt: query.published_at,
    language: query.language,
  }
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)) as ManifestEntry
}

/** A name for a posted page that states none: stable for the same content. */
const PLACEHOLDER = '\u0000posted'

export const ingestRoutes: FastifyPluginAsyncZod<WriteOptions> = async (app, { db, guards }) => {
  acceptPages(app)

  app.post(
    '/v1/articles',
    {
      onRequest: guards,
      config: { rateLimit: false },
      schema: writeSchema({
        operationId: 'createArticle',
        summary: 'Store an article from a raw page or a record',
        description:
          'Extracts, annotates, links and stores a page in one transaction, as `quotewire load` does: the body is the raw ' +
          'page (`text/plain` or `text/html`) or a JSON record (`application/json`: `body` or `html`, with `url`, `source`, ' +
          '`published_at`, `headline`, `author`). Query parameters state what a raw page does not say about itself. ' +
          'An article is identified by its text: sending the same content again stores nothing and answers 200 with the ' +
          'article already stored. Content in which no article can be found is refused with 422.',
        tag: 'Articles',
        querystring: IngestQuery,
        body: PageBody,
        responses: {
          201: [Article, 'Stored: the article with its annotations (as GET /v1/articles/{id} answers); `Location` is its URL.'],
          200: [Article, 'Already stored: the same content was posted or loaded before; nothing changed.'],
        },
        problems: [400, 401, 403, 413, 415, 422, 429],
        location: true,
      }),
    },
    async (request, reply) => {
      const named = request.query.doc ?? PLACEHOLDER
      const { doc, article } = extractPage(request, request.body, named, manifestOf(request.query))
      const hash = contentHash(article.body)
      let id = articleIdByHash(db, hash)
      let status = 200
      if (id === undefined) {
        const name = doc === PLACEHOLDER ? `posted-${hash.slice(0, 12)}` : doc
        const saved = saveArticle(db, annotate(name, article), { contentHash: hash })
        id = saved.articleId
        if (saved.added) status = 201
      }
      const stored = getArticle(db, id)
      if (!stored) throw new Error(`article ${id} vanished after it was stored`)
      return reply.code(status).header('location', `/v1/articles/${id}`).send(stored)
    },
  )

  app.delete(
    '/v1/articles/:id',
    {
      onRequest: guards,
      config: { rateLimit: false },
      schema: writeSchema({
        operationId: 'deleteArticle',
        summary: 'Delete an article',
        description:
          'Removes the article with its mentions, quotes and quoted phrases, in one transaction, and keeps every count right: ' +
          'its sources, the entities it mentions or quotes (one nothing refers to any more is removed, and so is an alias only ' +
          'this article wrote), the quote variant clusters of its quotes (re-formed as if the article had never been loaded) ' +
          'and its story (the articles that joined it later are linked again; a story left empty is removed).',
        tag: 'Articles',
        params: IdParams,
        responses: { 204: [z.null(), 'Deleted.'] },
        problems: [400, 401, 403, 404, 429],
      }),
    },
    async (request, reply) => {
      if (!deleteArticle(db, request.params.id)) throw notFound('article', request.params.id)
      return reply.code(204).send(null)
    },
  )
}
