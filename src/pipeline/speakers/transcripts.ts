/** Interview transcripts: a paragraph opened by a speaker's label in capitals ("WALLACE: …") is that speaker's turn. */
import { paragraphIndex, type Context } from './context.js'
import type { PhraseHead } from './phrases.js'
import { turnLabel } from '../quotes/turns.js'

/** "JAKE TAPPER" → "Jake Tapper": transcripts write names in capitals; the person is named in the usual way. */
export function labelName(label: string): string {
  return label.toLowerCase().replace(/\b\p{L}/gu, (c) => c.toUpperCase())
}

/**
 * The speaker whose turn holds `pos`: in "SANDERS: … This deal was “a disaster,” I said at the time",
 * the "I" of the turn is the one the label names, not the writer of the article.
 */
export function turnSpeaker(ctx: Context, pos: number): PhraseHead | null {
  const para = ctx.doc.paragraphs[paragraphIndex(ctx, pos)]
  if (!para) return null
  const label = turnLabel(ctx.body.slice(para.start, para.end))
  if (!label) return null
  const start = para.start + label.index
  const end = start + label.name.length
  if (pos < end) return null
  return { kind: 'name', start, end, text: labelName(label.name), role: null, possessiveRun: false, person: true }
}
