/** Text folding shared by the linkers: what counts as "the same words" across outlets. */

/** Lower case, no diacritics, curly quotes and dashes folded, whitespace collapsed. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * The lookup form of a name: "Kim Jong-un" and "Kim Jong Un" → "kim jong un", "U.S." → "us".
 * Hyphens and punctuation separate words; dots and apostrophes inside a word vanish.
 */
export function nameNorm(name: string): string {
  return foldText(name)
    .replace(/(\w)[.'](?=\w)/g, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** Words of a text for similarity: folded, punctuation dropped ("won't" stays one word). */
export function words(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu) ?? []
}

/** Words that say nothing about which statement or event a text is about. */
export const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him himself ' +
    'his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ' +
    'ourselves out over own said same say says she should so some such than that the their theirs them themselves then there ' +
    'these they this those through to too under until up very was we were what when where which while who whom why will with ' +
    "would you your yours yourself yourselves new after over says told tells will won't don't it's"
  ).split(' '),
)

/** A middle initial as written: "J.", "H.W.", "J". */
const INITIAL = /^(?:\p{L}\.)+\p{L}?\.?$|^\p{L}$/u

/** The middle initials of a person's name ("George H.W. Bush" → "hw"), folded; "" when none. */
export function middleInitials(name: string): string {
  const tokens = name.trim().split(/\s+/)
  return tokens
    .slice(1, -1)
    .filter((t) => INITIAL.test(t))
    .map((t) => nameNorm(t).replace(/ /g, ''))
    .join('')
}

/**
 * The lookup form of an entity's name. For people, middle initials are left out, so "Donald J.
 * Trump" and "Donald Trump" meet; whether two names with different initials may merge is decided
 * by the resolver (they may not).
 */
export function aliasNorm(name: string, type: string): string {
  if (type !== 'PERSON') return nameNorm(name)
  const tokens = name.trim().split(/\s+/)
  const kept = tokens.filter((t, i) => i === 0 || i === tokens.length - 1 || !INITIAL.test(t))
  return nameNorm(kept.join(' '))
}
