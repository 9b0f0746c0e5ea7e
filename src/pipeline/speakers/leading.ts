/** The reporting clause before a quotation: "Miller said, “…", "According to X, “…", "WALLACE: “…". */
import { span, type Context, type Found } from './context.js'
import { CUE_PARTICIPLES, PRONOUNS, ROLE_NOUNS } from './lexicon.js'
import { NAMING_VERBS, outerReporter } from './outer-reporter.js'
import { DETERMINERS, headAfter, headBefore, isCapitalised, nameRuns, tokens } from './phrases.js'
import { INVERTIBLE, isCue, isMannerVerb } from './reporting-verbs.js'
import { labelName } from './transcripts.js'

/** Looks for "X said, “…" / "According to X, “…" / "X: “…" in the words before a quotation. */
export function leading(ctx: Context, from: number, to: number): Found | null {
  const toks = tokens(ctx.body, from, to)
  // "Kasich resisted: “…" / "Rubio fired back forcefully: “…": a subject, a verb of its own and at
  // most a few words more before the colon. It introduces the quotation, whatever reporting verb
  // the sentence had earlier ("When Trump suggested that …, Rubio fired back forcefully: “…").
  const last = toks[toks.length - 1]
  if (last?.text === ':' && toks.length >= 3) {
    for (let v = toks.length - 2; v >= 1 && toks.length - 1 - v <= 3; v--) {
      if (!/^\p{Ll}+$/u.test(toks[v].text)) break
      if (!isMannerVerb(toks[v].text) && !isCue(toks[v])) continue
      const head = headBefore(ctx.body, toks.slice(0, v))
      const closesSubject = head.kind !== 'none' && 'end' in head && head.end === toks[v - 1].end
      if (closesSubject && (head.kind === 'name' || head.kind === 'pronoun')) return { head, cue: span(ctx.body, toks[v].start, last.end), adjacent: true, according: false }
      break
    }
  }
  for (let k = toks.length - 1; k >= 0; k--) {
    const t = toks[k]
    if (t.text.toLowerCase() === 'according' && toks[k + 1]?.text === 'to') {
      const head = headAfter(ctx.body, toks.slice(k + 2))
      if (head.kind !== 'none') return { head, cue: span(ctx.body, t.start, toks[k + 1].end), adjacent: true, according: true }
      continue
    }
    if (!isCue(t)) continue
    // "Rubio will continue to be “…”": continuing to be something is not speaking ("continued to
    // portray" still reports).
    if (/^continu/.test(t.text) && toks[k + 1]?.text === 'to' && toks[k + 2]?.text === 'be') continue
    // "a trend that the foundation predicts will continue “…”": what will go on is not what is said.
    if (/^continu/.test(t.text) && /^(will|would|to|may|might|could|can|should|must)$/.test(toks[k - 1]?.text ?? '')) continue
    // "Rubio was asked by moderator Gerard Baker whether …“…": a passive verb's agent is the speaker.
    if (k >= 1 && /^(was|were|been|being|is|are)$/.test(toks[k - 1].text) && toks[k + 1]?.text === 'by') {
      const agent = headAfter(ctx.body, toks.slice(k + 2))
      if (agent.kind === 'name') return { head: agent, cue: span(ctx.body, t.start, toks[k + 1].end), adjacent: false, according: false }
    }
    // "Because of how the schedule was drawn, explained Rosenberg, “…": an inverted clause before the quotation.
    if (INVERTIBLE.has(t.text) && (k === 0 || toks[k - 1].text === ',')) {
      const after = headAfter(ctx.body, toks.slice(k + 1))
      const between = after.kind === 'name' ? toks.slice(k + 1).filter((x) => x.end <= after.start) : []
      const right = between.every((x) => isCapitalised(x.text) || ROLE_NOUNS.has(x.text)) // "said Rosenberg", "said Senator X"
      if (after.kind === 'name' && right && toks.slice(k + 1).some((x) => x.start >= after.end && /^[,:]$/.test(x.text))) return { head: after, cue: span(ctx.body, t.start, t.end), adjacent: true, according: false }
    }
    // "…, with Sen. John McCain calling it a “…”": the participle's own subject stands right before it.
    if (CUE_PARTICIPLES.has(t.text) && k >= 2) {
      let w = k - 1
      while (w > 0 && k - w <= 6 && (isCapitalised(toks[w].text) || ROLE_NOUNS.has(toks[w].text))) w-- // "Sen.", "Republican Senator"
      if (w < k - 1 && /^(with|without)$/i.test(toks[w].text)) {
        const own = headBefore(ctx.body, toks.slice(w + 1, k))
        if (own.kind === 'name' && own.end === toks[k - 1].end) return { head: own, cue: span(ctx.body, t.start, t.end), adjacent: true, according: false }
      }
    }
    // "The Slate columnist David Auerbach went so far as to say: “…”", "he went on to add": the
    // infinitive's subject is the name or pronoun before the verbs that lead to it.
    if (toks[k - 1]?.text === 'to' && k >= 3 && /^(say|add|tell|write|ask|note|explain|declare|insist|argue|claim|remark|warn)$/.test(t.text)) {
      let j = k - 2
      while (j > 0 && k - j <= 7 && /^\p{Ll}+$/u.test(toks[j].text) && !(toks[j].text in PRONOUNS) && !DETERMINERS.has(toks[j].text)) j--
      // Not across a phrase of its own ("she and other Democrats on the stage refused to say").
      if (j < k - 2 && !DETERMINERS.has(toks[j].text)) {
        const head = headBefore(ctx.body, toks.slice(0, j + 1))
        if ((head.kind === 'name' || head.kind === 'pronoun') && head.end === toks[j].end) return { head, cue: span(ctx.body, toks[j + 1].start, t.end), adjacent: true, according: false }
      }
    }
    if (CUE_PARTICIPLES.has(t.text) || toks[k - 1]?.text === 'and' || (toks[k - 1]?.text === ',' && /ing$/.test(t.text)) || k === 0) {
      // "…, adding that", "and said": the subject is the clause's, found by the caller.
      return { head: { kind: 'none' }, cue: span(ctx.body, t.start, t.end), adjacent: false, according: false }
    }
    const head = headBefore(ctx.body, toks.slice(0, k))
    if (head.kind === 'none') continue
    const between = toks.slice(k + 1).filter((x) => /^[\p{L}\p{N}]/u.test(x.text)).length
    const outer = NAMING_VERBS.test(t.text) ? outerReporter(ctx, toks, head) : null
    if (outer) return { ...outer, adjacent: false }
    return { head, cue: span(ctx.body, t.start, t.end), adjacent: between <= 3, according: false }
  }
  // Transcript lines: "WALLACE: “…" / "Q: …", and the label inside the mark of a turn quoted whole
  // ("\"WALLACE: If I may…", the quotation starting after the label).
  const m = /^\s*(?:["“]\s*)?([A-Z][A-Za-z.'’ -]{1,40}):\s*$/.exec(ctx.body.slice(from, to))
  // An interviewer's "Q:" and an answer's "A:" name nobody.
  if (m && !/^(Q|A)$/.test(m[1])) {
    const s = from + m.index + m[0].indexOf(m[1])
    const text = m[1]
    if (text !== text.toUpperCase()) {
      // "Former secretary of state Hillary Rodham Clinton:" — the name ends the line.
      const head = headBefore(ctx.body, tokens(ctx.body, s, s + text.length))
      return head.kind === 'none' ? null : { head, cue: span(ctx.body, s + text.length, s + text.length + 1), adjacent: true, according: false, turn: true }
    }
    // Transcripts write speakers in capitals ("WALLACE:"); the name is a person's, not an acronym's.
    const name = labelName(text)
    return { head: { kind: 'name', start: s, end: s + text.length, text: name, role: null, possessiveRun: false, person: true }, cue: span(ctx.body, s + text.length, s + text.length + 1), adjacent: true, according: false, turn: true }
  }
  // "…doesn’t surprise Republican pollster Daron Shaw: “…": the name the colon follows.
  if (last?.text === ':' && toks.length >= 3) {
    const runs = nameRuns(ctx.body, toks.slice(0, -1))
    const run = runs[runs.length - 1]
    if (run && run.last === toks.length - 2 && !run.possessive && run.first > 0) {
      const head = headBefore(ctx.body, toks.slice(0, -1))
      if (head.kind === 'name') return { head, cue: span(ctx.body, last.start, last.end), adjacent: true, according: false }
    }
  }
  return null
}
