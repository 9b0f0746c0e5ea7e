/** Interview transcripts: a paragraph opened by a speaker's label in capitals ("WALLACE: …") is that speaker's turn. */
import { paragraphIndex, type Context } from './context.js'
import type { PhraseHead } from './phrases.js'

/** Editorial labels in capitals that open a paragraph without naming anyone who speaks. */
const EDITORIAL = /^(CORRECTION|CORRECTIONS|UPDATE|UPDATED|EDITOR'?S NOTE|NOTE|PREVIOUSLY|EMAIL|WATCH|READ MORE|RELATED|PHOTOS?|VIDEO)$/

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
  const m = /^\s*([A-Z][A-Z.'’ -]{0,40}[A-Z]):\s/.exec(ctx.body.slice(para.start, para.end))
  if (!m || EDITORIAL.test(m[1])) return null
  const start = para.start + m.index + m[0].indexOf(m[1])
  const end = start + m[1].length
  if (pos < end) return null
  return { kind: 'name', start, end, text: labelName(m[1]), role: null, possessiveRun: false, person: true }
}
