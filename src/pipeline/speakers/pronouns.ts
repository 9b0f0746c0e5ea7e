/** "he"/"she" as a speaker: the person the article is about at that point. */
import { paragraphIndex, sentenceIndex, type Context } from './context.js'
import type { Entity } from './discourse.js'

/**
 * "he"/"she": the person the article is about at this point. Candidates are the persons named in
 * the last few paragraphs that agree in gender; the nearest wins, helped by having been a subject,
 * the last speaker or a speaker at all, and by looking like a person (a first name, a title, the
 * recogniser's word); a run that is only ever a bare capitalised word is a weak candidate.
 */
export function resolvePronoun(ctx: Context, g: 'm' | 'f' | 'p', pos: number, lastSpeaker: Entity | null, lastSpeakerPos: number): Entity | null {
  if (g === 'p') {
    const orgs = ctx.discourse.occurrences.filter((o) => o.start < pos && o.entity.type === 'ORG')
    return orgs.length ? orgs[orgs.length - 1].entity : null
  }
  const pi = paragraphIndex(ctx, pos)
  const sent = ctx.sentenceBounds(pos)
  const prevSent = ctx.sentenceBounds(Math.max(0, sent.start - 2))
  const occ = ctx.discourse.occurrences
  const scores = new Map<Entity, number>()
  let lo = 0
  let hi = occ.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (occ[mid].start < pos) lo = mid + 1
    else hi = mid
  }
  const topic = recentSubject(ctx, g, pos, lo)
  let rank = 0
  for (let j = lo - 1; j >= 0; j--) {
    const o = occ[j]
    const e = o.entity
    if (e.type !== 'PERSON') continue
    const dp = pi - paragraphIndex(ctx, o.start)
    if (dp > 5) break
    if (e.gender && e.gender !== g) continue
    let sc = -0.6 * dp
    if (!scores.has(e)) sc -= 0.35 * rank++
    if (o.start >= sent.start) sc += 0.6
    else if (o.start >= prevSent.start) sc += 0.4
    if (o.subject) sc += 0.9
    if (e.gender === g) sc += 0.6
    if (!personLike(e)) sc -= 3
    if (e.speeches > 0) sc += 0.5
    if (e === lastSpeaker && pi - paragraphIndex(ctx, lastSpeakerPos) <= 2) sc += 1.2
    if (topic && e === topic.entity) sc += topic.bonus
    const prev = scores.get(e)
    if (prev === undefined || sc > prev) scores.set(e, sc)
  }
  let best: Entity | null = null
  let bestScore = -Infinity
  for (const [e, sc] of scores) {
    if (sc > bestScore) {
      best = e
      bestScore = sc
    }
  }
  if (best) return best
  // Nothing near: the last speaker of the article, if they agree.
  return lastSpeaker && (!lastSpeaker.gender || lastSpeaker.gender === g) ? lastSpeaker : null
}

/**
 * The subject of the nearest sentence (this one up to the pronoun, then earlier ones in the same or
 * previous paragraph) that has one: "Tad Devine, an adviser to Mr. Sanders, said … ‘…,’ he said".
 * A sentence whose subject is itself "he"/"she" continues an earlier topic: no new candidate.
 */
export function recentSubject(ctx: Context, g: 'm' | 'f', pos: number, occEnd: number): { entity: Entity; bonus: number } | null {
  const sents = ctx.sentences
  let si = sentenceIndex(ctx, pos)
  const para = sents[si]?.paragraph ?? 0
  const occ = ctx.discourse.occurrences
  let j = occEnd - 1
  let chain = false
  for (let step = 0; si >= 0 && step < 4; si--, step++) {
    const s = sents[si]
    if (s.paragraph < para - (chain ? 2 : 1)) break
    const to = Math.min(s.end, pos)
    while (j >= 0 && occ[j].start >= to) j--
    let subj: Entity | null = null
    let reporter: Entity | null = null
    for (let k = j; k >= 0 && occ[k].start >= s.start; k--) {
      const e = occ[k].entity
      if (occ[k].subject && e.type === 'PERSON') subj = e // earliest subject of the sentence
      if (occ[k].reports && e.type === 'PERSON' && !reporter && (!e.gender || e.gender === g)) reporter = e // "…, Stovall said."
    }
    if (reporter) subj = reporter
    const pronoun = new RegExp(g === 'm' ? '\\b[Hh]e\\b' : '\\b[Ss]he\\b', 'g')
    const text = ctx.body.slice(s.start, to)
    let chained = false
    for (let m = pronoun.exec(text); m; m = pronoun.exec(text)) {
      if (!ctx.inQuote(s.start + m.index) && s.start + m.index < pos) {
        chained = true
        break
      }
    }
    if (subj && (!subj.gender || subj.gender === g) && personLike(subj)) return { entity: subj, bonus: chain ? 1.2 : step === 0 ? 1.8 : 1.4 }
    // "Walsh had close ties to Biden. But on Sunday he endorsed Clinton.¶¶“…,” he said": a sentence
    // whose subject is the same pronoun continues the topic; the chain leads further back.
    if (chained && step > 0) chain = true
  }
  return null
}

/** Whether an entity reads as a person rather than a capitalised common word ("People", "Audiences"). */
export function personLike(e: Entity): boolean {
  if (e.notPerson) return false
  return e.tagged || e.gender !== null || e.speeches > 0 || e.roles.length > 0 || /\s/.test(e.canonical)
}
