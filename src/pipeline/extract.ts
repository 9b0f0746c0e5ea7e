/**
 * Extraction: a raw page (plain text, HTML, or JSON records) → the article's fields and its story text.
 *
 * Pure: the loader reads and decodes files; this module only sees strings.
 */
import { emptyArticle, type ArticleFields } from './document.js'
import { parseDate } from './extract/dates.js'
import { ExtractError } from './extract/errors.js'
import { htmlArticle, textArticle } from './extract/pages.js'
import { jsonRecords, ndjsonRecords } from './extract/records.js'

export { ExtractError } from './extract/errors.js'

/** What a sidecar manifest may say about one file; it wins over what the page is read to say. */
export interface ManifestEntry {
  source?: string
  url?: string
  wire?: string
  author?: string
  headline?: string
  publishedAt?: string
  language?: string
}

export interface RawFile {
  /** File name with extension, e.g. "000_x.txt". */
  name: string
  /** Decoded text. */
  content: string
  manifest?: ManifestEntry
}

export interface Extracted {
  /** File name without extension, or the record's id. */
  doc: string
  article: ArticleFields
}

const KNOWN_EXTENSIONS = /\.(txt|text|html?|xhtml|json|ndjson|jsonl)$/i

/** The document name for a file name: the name without a known extension. */
export function docName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name
  return base.replace(KNOWN_EXTENSIONS, '')
}

/**
 * Extracts the articles of one file, by its extension: .txt a text page, .html/.htm an HTML page,
 * .json one record or an array of records, .ndjson one record per line.
 */
export function extractFile(file: RawFile): Extracted[] {
  const ext = /\.([^.\\/]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? ''
  const doc = docName(file.name)
  const withManifest = (list: Extracted[]) =>
    list.map(({ doc, article }) => ({ doc, article: applyManifest(article, file.manifest) }))
  switch (ext) {
    case 'txt':
    case 'text':
      return withManifest([{ doc, article: textArticle(file.content) }])
    case 'html':
    case 'htm':
    case 'xhtml':
      return withManifest([{ doc, article: htmlArticle(file.content) }])
    case 'json':
      return withManifest(jsonRecords(doc, file.content))
    case 'ndjson':
    case 'jsonl':
      return withManifest(ndjsonRecords(doc, file.content))
    default:
      throw new ExtractError(`unsupported file type ".${ext}": expected .txt, .html, .htm, .json or .ndjson`)
  }
}

/** The whole text is the body, untouched (offsets into the body are offsets into the file); nothing else is read. */
export function extractPlain(name: string, text: string): Extracted {
  return { doc: docName(name), article: emptyArticle(text) }
}

/** The manifest states facts about the file; where it speaks, it overrides what was read from the page. */
function applyManifest(article: ArticleFields, entry: ManifestEntry | undefined): ArticleFields {
  if (!entry) return article
  const out = { ...article }
  if (entry.source) out.source = entry.source
  if (entry.url) out.url = entry.url
  if (entry.wire) out.wire = entry.wire
  if (entry.author) out.author = entry.author
  if (entry.headline) out.headline = entry.headline
  if (entry.language) out.language = entry.language
  if (entry.publishedAt) {
    const date = parseDate(entry.publishedAt)
    if (!date) throw new ExtractError(`manifest: "${entry.publishedAt}" is not a date`)
    out.publishedAt = date.publishedAt
    out.publishedLocal = date.publishedLocal
  }
  return out
}

const MANIFEST_FIELDS = ['source', 'url', 'wire', 'author', 'headline', 'publishedAt', 'language'] as const

/**
 * Parses a sidecar manifest: a JSON object keyed by file name, each value an object of the
 * ManifestEntry fields (all strings). Keys starting with "$" (e.g. "$comment") are notes and ignored.
 */
export function parseManifest(json: string): Record<string, ManifestEntry> {
  let data: unknown
  try {
    data = JSON.parse(json)
  } catch (err) {
    throw new ExtractError(`manifest is not valid JSON: ${(err as Error).message}`)
  }
  if (!isObject(data)) throw new ExtractError('manifest must be a JSON object keyed by file name')
  const out: Record<string, ManifestEntry> = {}
  for (const [file, value] of Object.entries(data)) {
    if (file.startsWith('$')) continue
    if (!isObject(value)) throw new ExtractError(`manifest entry "${file}" must be an object`)
    const entry: ManifestEntry = {}
    for (const [key, field] of Object.entries(value)) {
      if (!(MANIFEST_FIELDS as readonly string[]).includes(key))
        throw new ExtractError(`manifest entry "${file}": unknown field "${key}" (known: ${MANIFEST_FIELDS.join(', ')})`)
      if (typeof field !== 'string') throw new ExtractError(`manifest entry "${file}": "${key}" must be a string`)
      if (key === 'publishedAt' && !parseDate(field))
        throw new ExtractError(`manifest entry "${file}": publishedAt "${field}" is not a date`)
      entry[key as (typeof MANIFEST_FIELDS)[number]] = field
    }
    out[file] = entry
  }
  return out
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
