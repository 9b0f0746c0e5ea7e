/** Text and HTML pages → ArticleFields. */
import { emptyArticle, type ArticleFields } from '../document.js'
import { parseDate } from './dates.js'
import { ExtractError } from './errors.js'
import { readHtml } from './html.js'
import { readStory, type Story } from './story.js'
import { textBlocks } from './text.js'
import { wireNamed } from './wires.js'

/** A text page: headline, date, dateline, wire, author, captions and the story without boilerplate. */
export function textArticle(content: string, knownHeadline: string | null = null): ArticleFields {
  return fromStory(readStory(textBlocks(content), { knownHeadline }))
}

/** An HTML page: the page's metadata first, then what the story's own lines say. */
export function htmlArticle(content: string): ArticleFields {
  const page = readHtml(content)
  const { meta } = page
  let story: Story
  try {
    story = readStory(page.blocks, { knownHeadline: meta.headline })
  } catch (err) {
    if (!(err instanceof ExtractError) || !meta.articleBody) {
      throw new ExtractError('no story text found in the HTML page: no paragraphs of prose and no JSON-LD articleBody')
    }
    story = readStory(textBlocks(meta.articleBody), { knownHeadline: meta.headline })
  }
  const article = fromStory(story)
  const date = meta.published ? parseDate(meta.published) : null
  // a wire named as the author ("author": "Reuters") is the wire, not a person
  const authorWire = meta.author ? wireNamed(meta.author) : null
  return {
    ...article,
    headline: meta.headline ?? article.headline,
    publishedAt: date?.publishedAt ?? article.publishedAt,
    publishedLocal: date?.publishedLocal ?? article.publishedLocal,
    source: meta.source,
    wire: article.wire ?? authorWire,
    author: authorWire ? article.author : (meta.author ?? article.author),
    url: meta.url,
    language: meta.language ? meta.language.split(/[-_]/)[0].toLowerCase() : article.language,
    captions: [...page.captions, ...article.captions],
  }
}

function fromStory(story: Story): ArticleFields {
  return {
    ...emptyArticle(story.paragraphs.join('\n\n')),
    headline: story.headline,
    dateline: story.dateline,
    publishedAt: story.published?.publishedAt ?? null,
    publishedLocal: story.published?.publishedLocal ?? null,
    wire: story.wire,
    author: story.author,
    captions: story.captions,
  }
}
