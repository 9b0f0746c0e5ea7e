/**
 * An HTML page: its metadata (JSON-LD NewsArticle, Open Graph and article:* meta tags, <time datetime>)
 * and its story blocks, taken from the article container with navigation, asides, forms, scripts and
 * figures removed (figure captions are kept apart as captions).
 */
import { parseDocument } from 'htmlparser2'
import { Element, isTag, isText, type AnyNode, type Document } from 'domhandler'
import { findAll, findOne, getAttributeValue, removeElement, textContent } from 'domutils'
import type { Block } from './story.js'
import { squash } from './text.js'
import { ExtractError } from './errors.js'

export interface HtmlMeta {
  headline: string | null
  /** The date as the page's metadata writes it (ISO in practice). */
  published: string | null
  author: string | null
  source: string | null
  url: string | null
  language: string | null
  /** The story as JSON-LD states it: used when the markup holds no readable paragraphs. */
  articleBody: string | null
}

export interface HtmlPage {
  meta: HtmlMeta
  blocks: Block[]
  captions: string[]
}

/** Elements that never hold story text. */
const DROP = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'canvas', 'iframe', 'object', 'embed', 'nav', 'aside',
  'footer', 'form', 'button', 'select', 'input', 'textarea', 'label', 'dialog', 'menu', 'link', 'meta', 'head',
])
const DROP_ROLES = new Set(['navigation', 'complementary', 'contentinfo', 'banner', 'search', 'dialog', 'menu'])
/** Class or id words of page furniture (comment threads, share bars, teaser rails, ads). */
const FURNITURE_HINT =
  /(?:^|[\s_-])(?:comments?|related|share|sharing|social|newsletter|subscribe|subscription|promo|advert|advertisement|ad|ads|sidebar|breadcrumbs?|cookie|popup|modal|recommended|recommendations|trending|most-popular|popular|outbrain|taboola|paywall|signup|tags)(?:[\s_-]|$)/i
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'blockquote', 'pre', 'li', 'ul', 'ol', 'dl', 'dt', 'dd',
  'table', 'tr', 'td', 'th', 'tbody', 'thead', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'br', 'address', 'center',
])
const HEADING = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'])
const ARTICLE_TYPES = new Set([
  'NewsArticle', 'Article', 'ReportageNewsArticle', 'AnalysisNewsArticle', 'OpinionNewsArticle', 'BackgroundNewsArticle',
  'BlogPosting', 'LiveBlogPosting', 'Report',
])

/** Deeper than any real page; the DOM helpers recurse, so deeper markup would exhaust the stack. */
const MAX_DEPTH = 400

/** The deepest element nesting of a parsed document, measured without recursion. */
function depthOf(doc: Document): number {
  let deepest = 0
  const stack: [AnyNode, number][] = doc.children.map((n) => [n, 1])
  while (stack.length) {
    const [node, depth] = stack.pop()!
    if (depth > deepest) deepest = depth
    if (isTag(node)) for (const child of node.children) stack.push([child, depth + 1])
  }
  return deepest
}

export function readHtml(content: string): HtmlPage {
  const doc = parseDocument(content)
  const depth = depthOf(doc)
  if (depth > MAX_DEPTH) throw new ExtractError(`the page is nested ${depth} elements deep (at most ${MAX_DEPTH} are read)`)
  const ld = jsonLdArticle(doc)
  const metas = metaTags(doc)
  const root = storyRoot(doc)
  const h1 = findOne((e) => e.name === 'h1', doc.children)
  const timeEl =
    findOne((e) => e.name === 'time' && !!getAttributeValue(e, 'datetime'), root.children) ??
    findOne((e) => e.name === 'time' && !!getAttributeValue(e, 'datetime'), doc.children)
  const canonical = findOne((e) => e.name === 'link' && getAttributeValue(e, 'rel') === 'canonical', doc.children)
  const html = findOne((e) => e.name === 'html', doc.children)
  const titleEl = findOne((e) => e.name === 'title', doc.children)

  const meta: HtmlMeta = {
    headline:
      text(ld?.headline) ?? metas.get('og:title') ?? metas.get('twitter:title') ?? (h1 ? squash(textContent(h1)) || null : null) ??
      (titleEl ? squash(textContent(titleEl)) || null : null),
    published:
      text(ld?.datePublished) ?? metas.get('article:published_time') ?? metas.get('datepublished') ??
      (timeEl ? getAttributeValue(timeEl, 'datetime') ?? null : null) ?? metas.get('pubdate') ?? metas.get('date') ??
      metas.get('dc.date') ?? null,
    author: personName(ld?.author) ?? notUrl(metas.get('author')) ?? notUrl(metas.get('article:author')),
    source: orgName(ld?.publisher) ?? metas.get('og:site_name') ?? null,
    url:
      (canonical ? getAttributeValue(canonical, 'href') ?? null : null) ?? metas.get('og:url') ?? text(ld?.url) ?? null,
    language: text(ld?.inLanguage) ?? (html ? getAttributeValue(html, 'lang') ?? null : null),
    articleBody: text(ld?.articleBody),
  }

  const captions: string[] = []
  clean(root, captions)
  const blocks: Block[] = []
  collectBlocks(root, blocks)
  return { meta, blocks, captions }
}

const text = (v: unknown): string | null => (typeof v === 'string' && squash(v) ? squash(v) : null)
const notUrl = (v: string | undefined): string | null => (v && !/^https?:\/\//i.test(v) ? v : null)

/** "Jane Doe", {name: "Jane Doe"}, or a list of them → "Jane Doe, John Roe". */
function personName(v: unknown): string | null {
  const list = Array.isArray(v) ? v : [v]
  const names = list
    .map((a) => (typeof a === 'string' ? a : a && typeof a === 'object' ? (a as Record<string, unknown>).name : null))
    .map(text)
    .filter((n): n is string => n !== null)
  return names.length ? names.join(', ') : null
}

function orgName(v: unknown): string | null {
  if (Array.isArray(v)) return orgName(v[0])
  if (typeof v === 'string') return text(v)
  if (v && typeof v === 'object') return text((v as Record<string, unknown>).name)
  return null
}

/** The page's <meta> values by lower-cased property, name or itemprop (the first of each wins). */
function metaTags(doc: Document): Map<string, string> {
  const out = new Map<string, string>()
  for (const el of findAll((e) => e.name === 'meta', doc.children)) {
    const key = getAttributeValue(el, 'property') ?? getAttributeValue(el, 'name') ?? getAttributeValue(el, 'itemprop')
    const value = getAttributeValue(el, 'content')
    if (!key || !value || !squash(value)) continue
    if (!out.has(key.toLowerCase())) out.set(key.toLowerCase(), squash(value))
  }
  return out
}

/** The first JSON-LD node typed as an article (looking inside arrays and @graph). */
function jsonLdArticle(doc: Document): Record<string, unknown> | null {
  const scripts = findAll(
    (e) => e.name === 'script' && (getAttributeValue(e, 'type') ?? '').toLowerCase() === 'application/ld+json',
    doc.children,
  )
  for (const script of scripts) {
    let data: unknown
    try {
      data = JSON.parse(textContent(script))
    } catch {
      continue // a broken JSON-LD block is the site's problem, not a reason to lose the page
    }
    const queue: unknown[] = [data]
    while (queue.length) {
      const node = queue.shift()
      if (Array.isArray(node)) queue.push(...node)
      else if (node && typeof node === 'object') {
        const rec = node as Record<string, unknown>
        const types = Array.isArray(rec['@type']) ? rec['@type'] : [rec['@type']]
        if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.has(t))) return rec
        if (rec['@graph']) queue.push(rec['@graph'])
      }
    }
  }
  return null
}

/** itemprop=articleBody, else the <article> with the most paragraph text, else <main>, else the body. */
function storyRoot(doc: Document): Element | Document {
  const byProp = findOne((e) => (getAttributeValue(e, 'itemprop') ?? '').split(/\s+/).includes('articleBody'), doc.children)
  if (byProp) return byProp
  const articles = findAll((e) => e.name === 'article', doc.children)
  if (articles.length) {
    const score = (a: Element) =>
      findAll((e) => e.name === 'p', a.children).reduce((n, p) => n + squash(textContent(p)).length, 0)
    return articles.reduce((best, a) => (score(a) > score(best) ? a : best))
  }
  return (
    findOne((e) => e.name === 'main' || getAttributeValue(e, 'role') === 'main', doc.children) ??
    findOne((e) => e.name === 'body', doc.children) ??
    doc
  )
}

/** Removes furniture under `root`; figure captions go to `captions`. */
function clean(root: Element | Document, captions: string[]): void {
  const doomed: Element[] = []
  const paragraphChars = (nodes: AnyNode[]) =>
    findAll((e) => e.name === 'p', nodes).reduce((n, p) => n + squash(textContent(p)).length, 0)
  const total = paragraphChars(root.children)
  // a class hint can sit on a wrapper of the whole story ("layout has-sidebar"): such a wrapper stays
  const holdsStory = (el: Element) => total > 0 && paragraphChars(el.children) >= total / 2
  const visit = (nodes: AnyNode[]) => {
    for (const node of nodes) {
      if (!isTag(node)) continue
      if (node.name === 'figure' || node.name === 'figcaption') {
        for (const cap of node.name === 'figcaption' ? [node] : findAll((e) => e.name === 'figcaption', node.children)) {
          const t = squash(textContent(cap))
          if (t) captions.push(t)
        }
        doomed.push(node)
      } else if (isFurniture(node) && !(hintOnly(node) && holdsStory(node))) doomed.push(node)
      else visit(node.children)
    }
  }
  visit(root.children)
  for (const el of doomed) removeElement(el)
}

function isFurniture(el: Element): boolean {
  if (DROP.has(el.name)) return true
  if (el.attribs.hidden !== undefined || el.attribs['aria-hidden'] === 'true') return true
  if (DROP_ROLES.has(el.attribs.role ?? '')) return true
  return hintOnly(el)
}

/** Furniture by class or id alone, the weakest evidence. */
function hintOnly(el: Element): boolean {
  const hint = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`
  return FURNITURE_HINT.test(hint) && !/(?:^|[\s_-])(?:article|story|post|entry)[_-]?(?:body|content|text)(?:[\s_-]|$)/i.test(hint)
}

/** One block per block-level element (and per <br>-separated line), with its link density. */
function collectBlocks(root: Element | Document, out: Block[]): void {
  let buf = ''
  let linkChars = 0
  const flush = (heading = false) => {
    const t = squash(buf)
    if (t) {
      const total = buf.replace(/\s+/g, '').length || 1
      out.push({ text: t, blankBefore: true, heading: heading || undefined, linkDensity: Math.min(1, linkChars / total) })
    }
    buf = ''
    linkChars = 0
  }
  const walk = (nodes: AnyNode[], inLink: boolean) => {
    for (const node of nodes) {
      if (isText(node)) {
        buf += node.data
        if (inLink) linkChars += node.data.replace(/\s+/g, '').length
      } else if (node instanceof Element) {
        if (BLOCK.has(node.name)) {
          flush()
          walk(node.children, inLink)
          flush(HEADING.has(node.name))
        } else {
          walk(node.children, inLink || node.name === 'a')
        }
      }
    }
  }
  walk(root.children, false)
  flush()
}
