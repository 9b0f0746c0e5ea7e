/** Speakers for quotations with no reporting clause of their own: subjects, actors, owners of speech nouns. */
import type { Quote } from '../document.js'
import type { Context } from './context.js'
import type { Entity } from './discourse.js'
import { CUE_PARTICIPLES } from './lexicon.js'
import { headBefore, nameRuns, splitTitle, tokens, type PhraseHead } from './phrases.js'
import { isCue } from './reporting-verbs.js'
import { resolveHead, type Resolved } from './resolve.js'

/**
 * The speaker of a clause with no subject of its own ("…, adding that", "and said"): the first
 * person or organisation standing as a subject earlier in the sentence, else a leading pronoun.
 */
export function sentenceSubject(ctx: Context, from: number, to: number): PhraseHead {
  const occ = ctx.discourse.occurrences.find((o) => o.start >= from && o.start < to && o.subject && !o.place)
  if (occ) return { kind: 'name', start: occ.start, end: occ.end, text: occ.text, role: null, possessiveRun: false }
  const toks = tokens(ctx.body, from, to)
  for (let k = 0; k < Math.min(toks.length, 8); k++) {
    const w = toks[k].text.toLowerCase()
    if (w === 'he' || w === 'she') return { kind: 'pronoun', start: toks[k].start, end: toks[k].end, text: toks[k].text, gender: w === 'he' ? 'm' : 'f' }
  }
  return { kind: 'none' }
}

/** Words that may stand between a subject and its verb ("Mr. Trump had criticized", "Biden also assured"). */
export const AUXILIARIES = /^(had|has|have|also|then|later|once|previously|again|would|will|could|might|even|never|only|just|now|still|already|recently|repeatedly|often|once|first)$/

/**
 * "…during their first debate, Hillary Clinton cracked, “…”", "Mr. Biden assured his hometown that
 * Mrs. Clinton was “…”": with no reporting verb, the name or pronoun nearest before the quotation that
 * is followed by a verb of its own ("was", "is" and other copulas left out) is the one quoted.
 */
export function nearestActor(ctx: Context, from: number, to: number): PhraseHead {
  const toks = tokens(ctx.body, from, to)
  for (let v = toks.length - 1; v >= 1; v--) {
    const w = toks[v].text
    if (!/^\p{Ll}+$/u.test(w) || !(/^\p{Ll}{3,}ed$/u.test(w) || isCue(toks[v]))) continue
    let k = v - 1
    while (k > 0 && AUXILIARIES.test(toks[k].text)) k--
    // "Gov. Pat McCrory (R) blamed": past a bracketed label.
    if (toks[k].text === ')') {
      while (k > 0 && toks[k].text !== '(') k--
      k--
    }
    // "Mike Huckabee, the former Arkansas governor, proposed": past an appositive set off by commas.
    if (toks[k]?.text === ',' && k > 1) {
      let c = k - 1
      while (c > 0 && toks[c].text !== ',') c--
      // Only an appositive ("the former …", "a spokesman for …"): not "a column in The Daily Beast, entitled".
      if (toks[c]?.text !== ',' || !/^(the|a|an|his|her|their|its)$/i.test(toks[c + 1]?.text ?? '') || !/^\p{Ll}/u.test(toks[c + 2]?.text ?? '')) continue
      const head = headBefore(ctx.body, toks.slice(0, k + 1))
      if (head.kind === 'name' && !ctx.inQuote(head.start) && ctx.discourse.classify(head.text, head.start, head.end)) return head
      continue
    }
    if (k < 0 || !/^[\p{L}]/u.test(toks[k].text) || ctx.inQuote(toks[k].start)) continue
    const head = headBefore(ctx.body, toks.slice(0, k + 1))
    if (!('end' in head) || head.end !== toks[k].end) continue
    // "Mexican", "American": an adjective, not a name; a pronoun only as the sentence's own subject.
    if (head.kind === 'name' && ctx.discourse.classify(head.text, head.start, head.end)) return head
    if (head.kind === 'pronoun' && k <= 1) return head
  }
  return { kind: 'none' }
}

/** Nouns for something said or written: "Trump’s claim that …", "her comments that …". */
export const SPEECH_NOUNS = new Set(('claim claims statement statements comment comments remark remarks words assertion pledge promise ' +
  'message tweet tweets warning argument description suggestion aside dictum quip slogan vow insistence contention ' +
  'charge accusation complaint boast prediction response reply answer declaration admission line refrain mantra call').split(' '))

/**
 * "Politifact seized on Donald Trump’s claim that there have been “…”", "his statement that “…”":
 * the owner of a noun for speech just before the quotation said it.
 */
export function speechOwner(ctx: Context, from: number, to: number): PhraseHead {
  const toks = tokens(ctx.body, from, to)
  for (let k = toks.length - 1; k >= 1 && toks.length - k <= 12; k--) {
    if (!SPEECH_NOUNS.has(toks[k].text)) continue
    for (let j = k - 1; j >= 0 && k - j <= 3; j--) {
      const w = toks[j].text
      if (/^(his|her)$/i.test(w)) return { kind: 'pronoun', start: toks[j].start, end: toks[j].end, text: w, gender: w.toLowerCase() === 'his' ? 'm' : 'f' }
      const runs = nameRuns(ctx.body, toks.slice(0, j + 1))
      const run = runs[runs.length - 1]
      if (run && run.last === j && run.possessive) {
        const { run: name } = splitTitle(ctx.body, toks, run)
        return { kind: 'name', start: name.start, end: name.end, text: name.text, role: null, possessiveRun: true }
      }
      if (!/^\p{Ll}+$/u.test(w)) break // only adjectives between owner and noun ("controversial", "past")
    }
    return { kind: 'none' }
  }
  return { kind: 'none' }
}

/** The person subject of the sentence ending at or before `pos` (outside quotations), resolved. */
export function previousSubject(ctx: Context, pos: number, lastSpeaker: Entity | null): Resolved | null {
  if (pos <= 0) return null
  let at = pos - 1
  while (at > 0 && /\s/.test(ctx.body[at])) at--
  const s = ctx.sentenceBounds(at)
  if (ctx.inQuote(s.start)) return null
  // "Or maybe Jeb Bush, digital consultant Phil Musser says.": a sentence that ends in its reporting clause.
  const toks = tokens(ctx.body, s.start, Math.min(s.end, pos))
  let n = toks.length
  while (n > 0 && /^[.!?:;,]$/.test(toks[n - 1].text)) n--
  if (n >= 2 && isCue(toks[n - 1]) && !CUE_PARTICIPLES.has(toks[n - 1].text)) {
    const head = headBefore(ctx.body, toks.slice(0, n - 1))
    const r = resolveHead(ctx, head, toks[n - 1].start, lastSpeaker, -1)
    if (r?.entity) return r
  }
  // "When Wallace died, President Clinton released the following statement:": the clause nearest the
  // end, whose subject acts, before the sentence's first subject.
  const actor = resolveHead(ctx, nearestActor(ctx, s.start, Math.min(s.end, pos)), s.start, lastSpeaker, -1)
  if (actor?.entity) return actor
  const subj = sentenceSubject(ctx, s.start, Math.min(s.end, pos))
  const r = resolveHead(ctx, subj, s.start, lastSpeaker, -1)
  return r?.entity ? r : null
}

export function lastSpeakerBefore(results: Array<{ entity: Entity | null } | null>, quotes: Quote[], pos: number): Entity | null {
  for (let j = quotes.length - 1; j >= 0; j--) if (quotes[j].start < pos && results[j]?.entity) return results[j]!.entity
  return null
}
