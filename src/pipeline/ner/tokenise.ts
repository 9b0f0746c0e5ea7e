/**
 * A news-text tokeniser that splits the way the tagger's training data was split: punctuation
 * apart, possessive "'s" and "n't" apart, dotted abbreviations ("U.S.", "Mr.", "J.") kept whole.
 * Tokens are offsets into the text; sentences break at newlines and sentence-final punctuation.
 */

export interface Tokens {
  /** token i is text.slice(starts[i], ends[i]) */
  starts: number[]
  ends: number[]
  words: string[]
  /** sentence k covers tokens sentStarts[k] .. sentStarts[k+1]-1 */
  sentStarts: number[]
}

/** Words that keep their trailing period. */
const ABBREVIATIONS = new Set(
  (
    'Mr Mrs Ms Dr Prof Sr Jr St Ste Mt Ft Gen Lt Col Maj Capt Cmdr Adm Sgt Cpl Pvt Gov Sen Rep Rev Hon Pres Supt Insp Det ' +
    'Corp Inc Ltd Co Cos Bros Plc plc Dept Univ Assn Ave Blvd Rd No Nos vs v Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec ' +
    'Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun approx est etc Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md ' +
    'Mass Mich Minn Miss Mo Mont Neb Nev Okla Ore Pa Tenn Tex Va Vt Wash Wis Wyo'
  ).split(' '),
)

// Dotted abbreviations, numbers with inner punctuation, words (with inner hyphens, ampersands and
// apostrophes), or any other single non-space character.
const TOKEN = /(?:\p{L}\.){2,}|\p{N}+(?:[.,:/-]\p{N}+)+|[\p{L}\p{N}\p{M}]+(?:[-&'\u2019][\p{L}\p{N}\p{M}]+)*|\S/gu

const SENTENCE_END = new Set(['.', '?', '!'])

function hasNewline(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) return true
  return false
}

export function tokenise(text: string): Tokens {
  const starts: number[] = []
  const ends: number[] = []
  const words: string[] = []
  const sentStarts: number[] = [0]
  let lastEnd = 0
  let breakPending = false
  TOKEN.lastIndex = 0
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    let start = m.index
    let end = start + m[0].length
    // A newline between tokens ends the sentence.
    if (starts.length > 0 && (breakPending || hasNewline(text, lastEnd, start))) {
      if (sentStarts[sentStarts.length - 1] !== starts.length) sentStarts.push(starts.length)
    }
    breakPending = false
    let word = m[0]
    const c0 = word.charCodeAt(0)
    const isWord = word.length > 1 || (c0 > 64 && /[\p{L}\p{N}]/u.test(word))
    if (isWord) {
      // Possessive and negation clitics are separate tokens.
      const clitic = /(?:['\u2019][sS]|n['\u2019]t|['\u2019](?:re|ve|ll|d|m))$/.exec(word)
      if (clitic && clitic.index > 0) {
        const cut = start + clitic.index
        starts.push(start)
        ends.push(cut)
        words.push(text.slice(start, cut))
        start = cut
        word = text.slice(start, end)
      } else if (text.charCodeAt(end) === 46 /* . */ && (ABBREVIATIONS.has(word) || /^\p{Lu}$/u.test(word))) {
        end += 1
        word += '.'
        TOKEN.lastIndex = end
      }
    }
    starts.push(start)
    ends.push(end)
    words.push(word)
    lastEnd = end
    if (SENTENCE_END.has(word)) {
      // Break after the full stop unless a closing quote or bracket follows; then after that.
      const next = text.charCodeAt(end)
      if (!(next === 34 || next === 0x201d || next === 39 || next === 0x2019 || next === 41)) breakPending = true
    } else if ((word === '"' || word === '\u201d' || word === ')') && starts.length > 1 && SENTENCE_END.has(words[words.length - 2])) {
      breakPending = true
    }
  }
  return { starts, ends, words, sentStarts }
}
