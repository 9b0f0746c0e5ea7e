/**
 * JSON records: { id?, url, source, published_at, headline, body | html, author, wire?, language? }.
 * A .json file holds one record or an array of them; an .ndjson file one record per line.
 *
 * A malformed line fails the whole .ndjson file, naming the line: loading is all-or-nothing per
 * file, so a fixed file can simply be loaded again, and nothing is silently left out.
 */
import type { ArticleFields } from '../document.js'
import { parseDate } from './dates.js'
import { ExtractError } from './errors.js'
import { htmlArticle, textArticle } from './pages.js'

export interface RecordArticle {
  doc: string
  article: ArticleFields
}

export function jsonRecords(base: string, content: string): RecordArticle[] {
  let data: unknown
  try {
    data = JSON.parse(content)
  } catch (err) {
    throw new ExtractError(`not valid JSON: ${(err as Error).message}`)
  }
  if (Array.isArray(data)) {
    if (data.length === 0) throw new ExtractError('the JSON array holds no records')
    return data.map((rec, i) => fromRecord(rec, `${base}-${i + 1}`, `record ${i + 1}`))
  }
  return [fromRecord(data, base, 'the record')]
}

export function ndjsonRecords(base: string, content: string): RecordArticle[] {
  const out: RecordArticle[] = []
  const lines = content.split(/\r?\n/)
  lines.forEach((line, i) => {
    if (!line.trim()) return
    let data: unknown
    try {
      data = JSON.parse(line)
    } catch (err) {
      throw new ExtractError(`line ${i + 1} is not valid JSON (${(err as Error).message}); fix it and load the file again`)
    }
    out.push(fromRecord(data, `${base}-${i + 1}`, `line ${i + 1}`))
  })
  if (out.length === 0) throw new ExtractError('the file holds no records')
  return out
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null)

function fromRecord(data: unknown, fallbackId: string, where: string): RecordArticle {
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new ExtractError(`${where} is not a JSON object`)
  const rec = data as Record<string, unknown>
  const headline = str(rec.headline) ?? str(rec.title)
  const body = str(rec.body) ?? str(rec.text)
  const html = str(rec.html)
  let article: ArticleFields
  try {
    if (body) article = textArticle(body, headline)
    else if (html) article = htmlArticle(html)
    else throw new ExtractError('has neither "body" nor "html"')
  } catch (err) {
    if (err instanceof ExtractError) throw new ExtractError(`${where}: ${err.message}`)
    throw err
  }
  const publishedRaw = str(rec.published_at) ?? str(rec.publishedAt) ?? str(rec.date)
  const published = publishedRaw ? parseDate(publishedRaw) : null
  if (publishedRaw && !published) throw new ExtractError(`${where}: published_at "${publishedRaw}" is not a date`)
  const author = Array.isArray(rec.author) ? rec.author.map(str).filter(Boolean).join(', ') || null : str(rec.author)
  const id = typeof rec.id === 'number' ? String(rec.id) : str(rec.id)
  // what the record states wins over what was read from its text
  return {
    doc: id ?? fallbackId,
    article: {
      ...article,
      headline: headline ?? article.headline,
      publishedAt: published?.publishedAt ?? article.publishedAt,
      publishedLocal: published?.publishedLocal ?? article.publishedLocal,
      source: str(rec.source) ?? article.source,
      wire: str(rec.wire) ?? article.wire,
      author: author ?? article.author,
      url: str(rec.url) ?? article.url,
      language: str(rec.language) ?? article.language,
    },
  }
}
