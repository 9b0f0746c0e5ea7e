/** A dash and a name on their own after a quotation: the quotation is signed. */
import { span, type Context, type Found } from './context.js'
import { headBefore, nameRuns, type Token } from './phrases.js'

export const DASH = /^[-—–―]$/

/**
 * "“…” ― Carla Sanchez." / "“…”¶¶- Sanders." / "“…” — David Martosko (@dmartosko) September 1": a
 * dash and a name standing alone after a quotation sign it, as under a pull quote or a tweet.
 */
export function signature(ctx: Context, toks: Token[]): Found | null {
  if (toks.length < 2 || !DASH.test(toks[0].text)) return null
  const runs = nameRuns(ctx.body, toks.slice(1))
  const run = runs[0]
  if (!run || run.first !== 0 || run.possessive) return null
  const after = toks[run.last + 2]
  if (after && !/^[.,(]$/.test(after.text)) return null
  const head = headBefore(ctx.body, toks.slice(1, run.last + 2))
  return head.kind === 'name' ? { head, cue: span(ctx.body, toks[0].start, toks[0].end), adjacent: true, according: false } : null
}
