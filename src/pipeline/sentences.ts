import type { NewsDoc, Paragraph, Sentence } from './document.js'
import { CUE_VERBS } from './speakers/lexicon.js'

/**
 * Abbreviations after which a full stop does not end a sentence. Lower-cased, without the dot.
 * Titles dominate news text ("Sen. Ted Cruz", "Gov. Abbott"), then months and corporate suffixes.
 */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'sens', 'rep', 'reps', 'gov', 'govs', 'gen', 'lt', 'col', 'maj',
  'capt', 'cmdr', 'adm', 'sgt', 'cpl', 'pvt', 'rev', 'fr', 'st', 'sr', 'jr', 'hon', 'pres', 'supt', 'atty',
  'messrs', 'mt', 'ft', 'no', 'nos', 'vs', 'v', 'etc', 'inc', 'corp', 'co', 'ltd', 'bros', 'dept', 'univ',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'ala', 'ariz', 'ark', 'calif', 'colo', 'conn', 'del', 'fla', 'ga', 'ill', 'ind', 'kan', 'ky', 'la', 'md',
  'mass', 'mich', 'minn', 'miss', 'mo', 'mont', 'neb', 'nev', 'okla', 'ore', 'pa', 'tenn', 'tex', 'va', 'vt',
  'wash', 'wis', 'wyo', 'approx', 'est', 'al', 'e.g', 'i.e', 'a.m', 'p.m', 'u.s', 'u.n', 'u.k', 'd.c',
])

/** Characters that may trail a sentence-final mark before the break: closing quotes and brackets. */
const TRAILERS = '"\'”’)]»'

/** Splits text into paragraphs: every non-blank line is one (outlets differ on blank lines). */
export function paragraphSpans(body: string): Paragraph[] {
  const out: Paragraph[] = []
  const re = /[^\n]+/g
  for (let m = re.exec(body); m; m = re.exec(body)) {
    let start = m.index
    let end = m.index + m[0].length
    while (start < end && /\s/.test(body[start])) start++
    while (end > start && /\s/.test(body[end - 1])) end--
    if (end > start) out.push({ start, end })
  }
  return out
}

function endsWithAbbreviation(body: string, dot: number, from: number): boolean {
  let i = dot
  while (i > from && /[A-Za-z.]/.test(body[i - 1])) i--
  const word = body.slice(i, dot).toLowerCase()
  if (!word) return false
  if (ABBREVIATIONS.has(word)) return true
  // Initials ("Jeremy O. Harris", "George H.W. Bush") and dotted acronyms ("U.S."): a single letter.
  if (/^[a-z]$/i.test(word) || /^([a-z]\.)+[a-z]$/i.test(word)) return true
  return false
}

/**
 * After a closing quotation mark, "Sanders said." or "said Josh Earnest, the press secretary." belongs
 * to the quoted sentence: a reporting verb among the next few words, before any new quotation.
 */
function attributionFollows(text: string, from: number, to: number): boolean {
  const re = /[\p{L}.'’-]+|["“”„«»]|[,!?]/gu
  re.lastIndex = from
  let words = 0
  for (let m = re.exec(text); m && m.index < to && words < 6; m = re.exec(text)) {
    const w = m[0].replace(/\.$/, '')
    if (CUE_VERBS.has(w)) return true
    // Only a name, a title or a pronoun may stand between the quotation and the verb.
    if (/^(he|she|they|we|I|it)$/i.test(w) && words === 0) {
      words++
      continue
    }
    if (!/^\p{Lu}/u.test(w) || /^(But|And|The|A|An|In|On|At|If|When|While|So|Yet|This|That|It|He|She|They|We|I|There|Then|Now|As|For|Or|After|Before)$/.test(w) && words > 0) return false
    if (words === 0 && /^(But|And|The|A|An|In|On|At|If|When|While|So|Yet|This|That|There|Then|Now|As|For|Or|After|Before)$/.test(w)) return false
    words++
  }
  return false
}

/** Sentence spans inside one paragraph. */
export function sentenceSpans(body: string, para: Paragraph): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = []
  let start = para.start
  const re = /[.!?]+/g
  re.lastIndex = para.start
  const text = body
  for (let m = re.exec(text); m && m.index < para.end; m = re.exec(text)) {
    let end = m.index + m[0].length
    while (end < para.end && TRAILERS.includes(text[end])) end++
    if (end >= para.end) break
    if (!/\s/.test(text[end])) continue
    let next = end
    while (next < para.end && /\s/.test(text[next])) next++
    const c = text[next]
    // A sentence starts with a capital, a digit or an opening mark; "said the U.S. official" does not break.
    if (!/[A-Z0-9"“‘'`([]/.test(c)) continue
    if (TRAILERS.includes(text[end - 1]) && attributionFollows(text, next, para.end)) continue
    if (m[0] === '.' && endsWithAbbreviation(text, m.index, start)) {
      // "U.S. officials" stays one sentence, but an acronym that closes a sentence followed by a
      // new capitalised sentence is ambiguous; keep together (cheaper error for speaker search).
      continue
    }
    out.push({ start, end })
    start = next
  }
  if (para.end > start) out.push({ start, end: para.end })
  return out
}

/** Fills doc.paragraphs and doc.sentences over doc.article.body. */
export function splitSentences(doc: NewsDoc): void {
  const body = doc.article.body
  doc.paragraphs = paragraphSpans(body)
  const sentences: Sentence[] = []
  doc.paragraphs.forEach((p, i) => {
    for (const s of sentenceSpans(body, p)) sentences.push({ ...s, paragraph: i })
  })
  doc.sentences = sentences
}
