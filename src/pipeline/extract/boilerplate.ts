/**
 * What a scraped page carries besides its story, recognised line by line. The lists name kinds of
 * page furniture (section titles of ranking and teaser lists, comment forms, share bars), not any
 * one site.
 */

/** Titles of blocks that follow a story: a short line ending with one of these ends the story. */
const SECTION_TITLES = [
  'related articles', 'related article', 'related stories', 'related posts', 'related news', 'related coverage',
  'related content', 'related topics', 'read related', 'popular article', 'popular articles', 'popular posts',
  'popular stories', 'popular now', 'most popular', 'most read', 'most viewed', 'most shared', 'most commented',
  'access ranking', 'recent comments', 'recent posts', 'recent articles', 'latest news', 'latest stories',
  'latest posts', 'top stories', 'trending now', 'trending stories', 'trending news', 'you may also like',
  'you might also like', 'you may have missed', 'more stories', 'more from', 'more news', 'more on this story',
  'recommended for you', 'recommended stories', 'recommended articles', 'editor’s picks', "editor's picks",
  'leave a reply', 'leave a comment', 'post a comment', 'comments', 'join the conversation', 'share this',
  'share this article', 'share this story', 'like this', 'also read', 'read more', 'read next', 'tags',
  'filed under', 'archive months', 'archives', 'categories', 'newsletter', 'sign up', 'subscribe',
  'follow us',
]
const SECTION_SET = new Set(SECTION_TITLES)
const LONGEST_TITLE = Math.max(...SECTION_TITLES.map((t) => t.split(' ').length))

/** Phrases that only page furniture says, at any length: comment forms, copy protection, template holes. */
const FURNITURE = [
  /please enter your (comment|name|email)/i,
  /\buses akismet to reduce spam\b/i,
  /\bcontent is protected\b/i,
  /\[(author_name|author|title|date)\]|\{\{[^}]*\}\}/i,
  /\ball rights reserved\b/i,
  /^(copyright|©)\s/i,
  /\bsave my name, email, and website\b/i,
  /\b(sign up|subscribe) (for|to) (our|the) newsletter\b/i,
  /\byou must be logged in to post a comment\b/i,
  /\bclick here to (read|subscribe|sign up|download)\b/i,
  /^tags?\s*:/i,
]

/** Lines that are not text at all: image metadata, ad and share labels, separators. */
const JUNK = [
  /^msid\s+\d+/i,
  /\bimgsize\s+\d+/i,
  /^(advertisement|sponsored( content)?|story continues below( advertisement)?|skip advertisement|ad)$/i,
  /^(share|tweet|email|print|facebook|twitter|whatsapp|linkedin|telegram|reddit|copy link|share on \w+|comment)$/i,
  /^(image|photo|video) \d+ of \d+$/i,
]

const normalise = (line: string) =>
  line
    .toLowerCase()
    .replace(/[^\p{L}\p{N}'’ ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()

/**
 * A section title that starts a list or form after the story ("RELATED ARTICLES", "JN ACCESS RANKING",
 * "\"News Services\" POPULAR ARTICLE"): a short line that ends with a capitalised section name, after at
 * most a few words of label. "… will read more" in a sentence is not one.
 */
export function isSectionTitle(line: string): boolean {
  const words = normalise(line).split(' ')
  const original = line.replace(/[^\p{L}\p{N}'’ ]+/gu, ' ').trim().split(/\s+/)
  if (words.length !== original.length) return false
  for (let n = Math.min(LONGEST_TITLE, words.length); n >= 1; n--) {
    const at = words.length - n
    if (at > 3) break
    if (SECTION_SET.has(words.slice(at).join(' ')) && /^\p{Lu}/u.test(original[at])) return true
  }
  return false
}

/** Comment forms, copy-protection notices, template placeholders, copyright lines. */
export function isFurniture(line: string): boolean {
  return FURNITURE.some((re) => re.test(line))
}

/** A hashtag line ("#russia #Wont #hesitate …"): most of its words are tags. */
export function isHashtagLine(line: string): boolean {
  const words = line.split(/\s+/).filter(Boolean)
  const tags = words.filter((w) => /^#[\p{L}\p{N}_]/u.test(w)).length
  return tags >= 2 && tags / words.length >= 0.6
}

export function isJunk(line: string): boolean {
  return !/[\p{L}\p{N}]/u.test(line) || JUNK.some((re) => re.test(line))
}

/** A breadcrumb trail: "Home › World › Asia", or the trail glued together by a scraper ("HomeGlobal …"). */
export function isBreadcrumb(line: string): boolean {
  if (/^Home(?:\s*[›»>|/]|[A-Z])/.test(line)) return true
  return (line.match(/\s[›»>]\s/g) ?? []).length >= 2
}

/** A line that is an embed left in the text as a tag ("<tweet id=…>…</tweet>"), not prose of the page. */
export function isEmbed(line: string): boolean {
  return /^<[a-z][\w-]*(?:\s[^>]*)?\/?>/i.test(line) && /(?:<\/[\w-]+>|\/>|<[\w-]+\/>)\W*$/.test(line)
}
