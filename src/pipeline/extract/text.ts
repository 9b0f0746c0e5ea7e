/** A plain-text page (a scraper's dump of what the browser showed) as blocks for `readStory`. */
import { parseDocument } from 'htmlparser2'
import { textContent } from 'domutils'
import { isEmbed } from './boilerplate.js'
import type { Block } from './story.js'

/** Collapses every run of whitespace (including no-break spaces) to one space; nothing else changes. */
export const squash = (s: string) => s.replace(/\s+/g, ' ').trim()

/**
 * One block per line: pages dumped from a browser put a paragraph on each line. Hard-wrapped text
 * (no line longer than 100 characters, most of them long) has its paragraphs between blank lines
 * instead, and each such paragraph is joined back into one block. Elsewhere a line continues the
 * one before when that ends mid-clause (";", ",", a dash) or the next starts in lower case.
 */
export function textBlocks(content: string): Block[] {
  const lines = content.split(/\r\n|\r|\n|\u2028|\u2029/)
  const wrapped = isHardWrapped(lines)
  const blocks: Block[] = []
  let blank = true
  for (const raw of lines) {
    const text = squash(raw)
    if (!text) {
      blank = true
      continue
    }
    const prev = blocks[blocks.length - 1]
    // an embed left as a tag (a tweet, a pull quote) is read for the words a reader saw
    if (isEmbed(text)) blocks.push({ text: squash(textContent(parseDocument(text))), blankBefore: blank, embed: true })
    else if (prev && !blank && !prev.embed && (wrapped || continues(prev.text, text))) prev.text += ' ' + text
    else blocks.push({ text, blankBefore: blank })
    blank = false
  }
  return blocks
}

function isHardWrapped(lines: string[]): boolean {
  const lengths = lines.map((l) => l.trim().length).filter((n) => n > 0)
  if (lengths.length < 5 || lengths.some((n) => n > 100)) return false
  return lengths.filter((n) => n >= 50).length >= lengths.length / 2
}

function continues(prev: string, next: string): boolean {
  if (/[;,–—-]$/.test(prev)) return true
  return /^\p{Ll}/u.test(next) && !/[.!?:…"”’)\]]$/.test(prev) && prev.length >= 40
}
