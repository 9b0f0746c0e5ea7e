/** A plain-text page (a scraper's dump of what the browser showed) as blocks for `readStory`. */
import { parseDocument } from 'htmlparser2'
import { textContent } from 'domutils'
import { isEmbed } from './boilerplate.js'
import type { Block } from './story.js'

/** Collapses every run of whitespace (including no-break spaces) to one space; nothing else changes. */
export const squash = (s: string) => s.replace(/\s+/g, ' ').trim()

/**
 * One block per line. Pages dumped from a browser put a paragraph on each line; hard-wrapped text
 * continues a sentence on the next line, which is joined back when the line before ends mid-clause
 * (";", ",", a hyphen or dash) or the next line starts in lower case.
 */
export function textBlocks(content: string): Block[] {
  const blocks: Block[] = []
  let blank = true
  for (const raw of content.split(/\r\n|\r|\n|\u2028|\u2029/)) {
    const text = squash(raw)
    if (!text) {
      blank = true
      continue
    }
    const prev = blocks[blocks.length - 1]
    // an embed left as a tag (a tweet, a pull quote) is read for the words a reader saw
    if (isEmbed(text)) blocks.push({ text: squash(textContent(parseDocument(text))), blankBefore: blank, embed: true })
    else if (prev && !blank && !prev.embed && continues(prev.text, text)) prev.text += ' ' + text
    else blocks.push({ text, blankBefore: blank })
    blank = false
  }
  return blocks
}

function continues(prev: string, next: string): boolean {
  if (/[;,–—-]$/.test(prev)) return true
  return /^\p{Ll}/u.test(next) && !/[.!?:…"”’)\]]$/.test(prev) && prev.length >= 40
}
