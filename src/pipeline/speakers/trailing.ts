/** The reporting clause after a quotation: "…,” Miller said", "…,” said Miller", "…,” according to CNN". */
import { QUOTE_MARK, span, type Context, type Found } from './context.js'
import { CUE_PARTICIPLES } from './lexicon.js'
import { headAfter, headBefore, isCapitalised, tokens, type Token } from './phrases.js'
import { INVERTIBLE, isCue, isMannerVerb } from './reporting-verbs.js'
import { signature } from './signature.js'

/** Looks for "…,” X said" / "…,” said X" / "…,” according to X" in the words after a quotation. */
export function trailing(ctx: Context, from: number, to: number, quoteStart = from): Found | null {
  const toks = tokens(ctx.body, from, to)
  const signed = signature(ctx, toks)
  if (signed) return signed
  let i = 0
  while (i < toks.length && /^[,.!?;:—–-]$/.test(toks[i].text)) i++
  const rest = toks.slice(i)
  if (!rest.length) return null
  const closesSentence = /[.!?]\s*["”'’»]+\s*$/.test(ctx.body.slice(Math.max(0, from - 4), from)) && isCapitalised(rest[0].text)
  // "…,” said Miller" / "…,” says a spokesman"
  if (INVERTIBLE.has(rest[0].text)) {
    const head = headAfter(ctx.body, rest.slice(1))
    if (head.kind !== 'none') return { head, cue: span(ctx.body, rest[0].start, rest[0].end), adjacent: true, according: false }
  }
  // "…,” scoffed Arianna Gil" / "…,” declares Stephanie Acs": any verb of manner before a name, right
  // after a quotation that ends in a comma or a question.
  if (/[,?!—–-]\s*["”'’»]+\s*$/.test(ctx.body.slice(Math.max(0, from - 5), from)) && isMannerVerb(rest[0].text)) {
    const head = headAfter(ctx.body, rest.slice(1))
    if (head.kind === 'name' && head.text.includes(' ')) return { head, cue: span(ctx.body, rest[0].start, rest[0].end), adjacent: true, according: false }
  }
  // "…has been called “strategic ambiguity” by Joshua Hendrick": the agent of a passive naming verb.
  if (rest[0].text === 'by' && /\b(was|were|been|being|is|are)\s+(called|described|dubbed|labeled|labelled|termed|branded)(\s+as)?\s*["“'‘]*\s*$/.test(ctx.body.slice(Math.max(0, quoteStart - 80), quoteStart))) {
    const head = headAfter(ctx.body, rest.slice(1))
    if (head.kind === 'name') return { head, cue: span(ctx.body, rest[0].start, rest[0].end), adjacent: true, according: false }
  }
  // "…,” according to CNN"
  if (rest[0].text.toLowerCase() === 'according' && rest[1]?.text === 'to') {
    const head = headAfter(ctx.body, rest.slice(2))
    if (head.kind !== 'none') return { head, cue: span(ctx.body, rest[0].start, rest[1].end), adjacent: true, according: true }
  }
  // "…,” Miller said" / "…,” Jennifer Palmieri, the campaign’s director, said" / "…” to X, the Department said"
  for (let k = 1; k < rest.length; k++) {
    if (!isCue(rest[k]) || CUE_PARTICIPLES.has(rest[k].text)) continue
    // "…” since so many cases were decided 5-to-4, said Lee Epstein": the reporting clause, inverted,
    // after an aside that finishes the quoted sentence.
    if (k >= 2 && rest[k - 1].text === ',' && INVERTIBLE.has(rest[k].text)) {
      const after = headAfter(ctx.body, rest.slice(k + 1))
      if (after.kind === 'name' || (after.kind === 'descriptor' && after.person)) return { head: after, cue: span(ctx.body, rest[k].start, rest[k].end), adjacent: k <= 6, according: false }
    }
    if (rest[k].text === 'read' || rest[k].text === 'reads') {
      if (k < 4) return null // "the sign reads" — an object, not a speaker
    }
    const head = headBefore(ctx.body, rest.slice(0, k))
    if (head.kind === 'none') continue
    // "Sanders called Trump a “pathological liar.” Carly Fiorina said Ted Cruz …": after a quotation that
    // closes its sentence, a clause that goes on past its verb reports something else.
    if (closesSentence && rest[k].text !== 'told' && rest[k + 1] && /^[\p{L}\p{N}]/u.test(rest[k + 1].text) && !/^(in|on|at|during|after|before|when|while|of|to|about|reporters|told|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|last|this|yesterday|today|afterward|later|earlier|recently|previously|then|again|also|with|as|while|from|via|through|into|matter-of-factly|\p{Ll}+ly)$/u.test(rest[k + 1].text)) return null
    // "…” if they conclude any deal, the Department said": a verb inside a subordinate clause.
    if (k >= 2 && /^(if|when|whether|unless|because|as|while|though|although|that|until|before|after)$/i.test(rest[k - 2].text) && head.kind === 'pronoun') continue
    // "…an “artful smear” regarding her Wall Street links while Sanders suggests …": the sentence
    // goes on past the quotation into a clause of its own, whose verb reports something else.
    if (k >= 2 && /^(while|whereas|though|although|because|but)$/i.test(rest[k - 2].text) && rest[0] === toks[0] && /^[\p{L}\p{N}]/u.test(rest[0].text)) continue
    const cueEnd = rest[k + 1] && /^(reporters|CNN|told)$/.test(rest[k + 1].text) ? rest[k + 1].end : rest[k].end
    return relayedBy(ctx, rest, k + 1) ?? { head, cue: span(ctx.body, rest[k].start, cueEnd), adjacent: k <= 6, according: false }
  }
  // "…,” Toomey fumed." / "…,” an angry Hollande retaliated.": right after a quotation that ends in a
  // comma, a name or pronoun followed by any verb is the reporting clause.
  const quoteEnd = ctx.body.slice(Math.max(0, from - 5), from)
  if (/[,?!—–-]\s*["”'’»]+\s*$/.test(quoteEnd) || rest[0] !== toks[0]) {
    for (let k = 1; k < Math.min(rest.length, 7); k++) {
      const w = rest[k].text
      // "…,” the former House Speaker is intrigued by…": a name with a copula after it is described, not reporting.
      if (/^(is|was|are|were)$/.test(w) && rest.slice(0, k).some((t) => isCapitalised(t.text) || /^(he|she|they|we|I)$/.test(t.text))) break
      if (!/^\p{Ll}+$/u.test(w) || /^(of|and|the|a|an|to|for|in|on|at|with|from|who|which|that|is|was|are|were|has|had|have)$/.test(w)) continue
      if (/(ed|es|s)$/.test(w) || /^(shot|went|spoke|broke|struck|hit|gave|rang|cut|kept|began)$/.test(w)) {
        const head = headBefore(ctx.body, rest.slice(0, k))
        if (head.kind === 'name' || head.kind === 'pronoun') return { head, cue: span(ctx.body, rest[k].start, rest[k].end), adjacent: true, according: false }
      }
      // "an angry Hollande", "a visibly irritated Hollande": words before the name describe it, and
      // the verb comes after the name; a word after the name that is not its verb ends the search.
      if (rest.slice(0, k).some((t) => isCapitalised(t.text) || /^(he|she|they|we|I)$/.test(t.text))) break
    }
  }
  // "…,” he said, is according to … later in the sentence
  for (let k = 0; k + 1 < rest.length; k++) {
    if (rest[k].text.toLowerCase() === 'according' && rest[k + 1].text === 'to') {
      const head = headAfter(ctx.body, rest.slice(k + 2))
      if (head.kind !== 'none') return { head, cue: span(ctx.body, rest[k].start, rest[k + 1].end), adjacent: false, according: true }
    }
  }
  return null
}

/**
 * "…,” Sanders said, according to CNN.": the words reach the article through the outlet named last,
 * and it is the one credited with them. Looks from `from` to the end of the sentence.
 */
export function relayedBy(ctx: Context, toks: Token[], from: number): Found | null {
  for (let k = from; k + 2 < toks.length; k++) {
    if (/^[.!?]$/.test(toks[k].text) || QUOTE_MARK.test(toks[k].text)) return null
    if (toks[k].text === ',' && toks[k + 1].text === 'according' && toks[k + 2].text === 'to') {
      const head = headAfter(ctx.body, toks.slice(k + 3))
      return head.kind === 'name' ? { head, cue: span(ctx.body, toks[k + 1].start, toks[k + 2].end), adjacent: false, according: true } : null
    }
  }
  return null
}
