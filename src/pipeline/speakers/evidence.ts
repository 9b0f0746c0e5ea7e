/** What attribution found for each quotation, in the form the speech classifier reads. */
import type { AttributionEvidence } from '../quotes/classify.js'
import type { Context, Found } from './context.js'
import type { Entity } from './discourse.js'

/** How a quotation's speaker was found, noted while attributing. */
export interface Evidence {
  found: Found | null
  lead: boolean
  donor: boolean
  subjectOnly: boolean
}

/** Where the reporting verb and its subject stand. */
function clauseOf(found: Found | null): AttributionEvidence['clause'] {
  if (!found) return null
  const head = found.head
  return { cue: found.cue, source: head.kind === 'none' ? null : { start: head.start, end: head.end } }
}

/** One evidence row per quotation: the reporting clause found, how the speaker was reached, and what else the sentence holds. */
export function attributionEvidence(ctx: Context, how: Evidence[], results: Array<{ entity: Entity | null } | null>): AttributionEvidence[] {
  const { body, outer, sentenceBounds, inQuote } = ctx
  const quotes = ctx.doc.quotes
  return how.map((h, i): AttributionEvidence => {
    const q = quotes[i]
    const sb = sentenceBounds(q.start)
    let sentSubject = false
    let sentEntity = false
    const occ = ctx.discourse.occurrences
    let lo = 0
    let hi = occ.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (occ[mid].start < sb.start) lo = mid + 1
      else hi = mid
    }
    for (let j = lo; j < occ.length; j++) {
      const o = occ[j]
      if (o.start >= sb.end) break
      if (o.start < sb.start || (o.start >= q.start && o.start < q.end)) continue
      sentEntity = true
      if (o.subject && o.start < q.start) sentSubject = true
    }
    if (!sentSubject) {
      const before = body.slice(sb.start, outer[i].start)
      const m = /(^|[,;:]\s+|\b(and|but|that)\s+)(he|she|they|we|I)\b/i.exec(before)
      if (m && !inQuote(sb.start + m.index + m[0].length - 1)) sentSubject = true
    }
    // "“…,” he said on “Meet the Press.”": the clause before the span reports the quotation before it.
    const prevFound = how[i - 1]?.found
    const sharedClause = !!h.found && h.lead && !!prevFound && !how[i - 1].lead && prevFound.cue.start === h.found.cue.start
    const inline = sharedClause && !/[,:;—–-]\s*$/.test(body.slice(Math.max(0, outer[i].start - 3), outer[i].start))
    return { turn: !!h.found?.turn && h.lead, sharedClause, sharedClauseInline: inline, reporting: !!h.found && h.found.head.kind !== 'none', lead: h.lead, adjacent: !!h.found?.adjacent, according: !!h.found?.according, clauseOnly: !!h.found && h.found.head.kind === 'none', donor: h.donor, subjectOnly: h.subjectOnly, resolved: !!results[i]?.entity, sentSubject, sentEntity, clause: clauseOf(h.found) }
  })
}
