/** A naming verb inside reported speech: the quoted words belong to the one reporting them. */
import { span, type Context, type Found } from './context.js'
import { headBefore, type PhraseHead, type Token } from './phrases.js'

/** Verbs that name or label something: the words they quote are the reporter's choice of the sentence. */
export const NAMING_VERBS = /^(called|calls|calling|dubbed|dubs|described|describes|labeled|labelled|labels|termed|terms|branded|brands)$/

/**
 * "Rep. Steve Israel said Clinton called on members to be “…”": a naming verb inside what someone
 * says; the quoted words come from the one who says it. The inner subject must follow the outer
 * verb at once (after "that" at most), so "Israel said. Clinton called …" is left alone.
 */
export function outerReporter(ctx: Context, toks: Token[], inner: PhraseHead): Found | null {
  if (inner.kind !== 'name' && inner.kind !== 'pronoun') return null
  let j = toks.findIndex((x) => x.start >= inner.start) - 1
  if (j < 1) return null
  if (toks[j].text === 'that') j--
  // "CNN, Cruz said, called the announcement": an inserted reporting clause.
  if (toks[j].text === ',' && toks[j - 1] && /^(said|says)$/.test(toks[j - 1].text)) {
    const head = headBefore(ctx.body, toks.slice(0, j - 1))
    return head.kind === 'name' || head.kind === 'pronoun' ? { head, cue: span(ctx.body, toks[j - 1].start, toks[j - 1].end), adjacent: false, according: false } : null
  }
  if (!/^(said|says|told|added|adds|wrote|writes|argued|argues|noted|notes|insisted|insists|claimed|claims)$/.test(toks[j].text)) return null
  const head = headBefore(ctx.body, toks.slice(0, j))
  if (head.kind !== 'name' && head.kind !== 'pronoun') return null
  return { head, cue: span(ctx.body, toks[j].start, toks[j].end), adjacent: false, according: false }
}
