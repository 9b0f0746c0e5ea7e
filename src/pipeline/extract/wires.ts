/**
 * Wire services, datelines and bylines: the lead of a wire story names its place and agency
 * ("WASHINGTON (Reuters) – …", "New Delhi [India], September 14 (ANI): …"), a byline names its
 * author ("By Jane Doe, Associated Press").
 */

/** Canonical wire names and the ways pages write them. */
const WIRES: ReadonlyArray<readonly [name: string, forms: readonly string[]]> = [
  ['Reuters', ['Reuters', 'Thomson Reuters']],
  ['Associated Press', ['AP', 'Associated Press', 'The Associated Press']],
  ['AFP', ['AFP', 'Agence France-Presse', 'Agence France Presse']],
  ['Bloomberg', ['Bloomberg', 'Bloomberg News']],
  ['ANI', ['ANI', 'Asian News International']],
  ['PTI', ['PTI', 'Press Trust of India']],
  ['IANS', ['IANS', 'Indo-Asian News Service']],
  ['Kyodo', ['Kyodo', 'Kyodo News']],
  ['Jiji', ['Jiji', 'Jiji Press']],
  ['Yonhap', ['Yonhap', 'Yonhap News Agency']],
  ['Xinhua', ['Xinhua', 'Xinhua News Agency']],
  ['TASS', ['TASS', 'ITAR-TASS']],
  ['Interfax', ['Interfax']],
  ['dpa', ['dpa', 'DPA', 'Deutsche Presse-Agentur']],
  ['EFE', ['EFE']],
  ['ANSA', ['ANSA']],
  ['Anadolu', ['Anadolu', 'Anadolu Agency', 'AA']],
  ['UPI', ['UPI', 'United Press International']],
  ['Bernama', ['Bernama']],
]

const BY_FORM = new Map<string, string>()
for (const [name, forms] of WIRES) for (const f of forms) BY_FORM.set(f.toLowerCase(), name)

/** The canonical wire for an exact agency name ("AP", "Reuters"), else null. */
export function wireNamed(text: string): string | null {
  const key = text.trim().replace(/\.$/, '').toLowerCase()
  return BY_FORM.get(key) ?? null
}

/** The first wire named anywhere in a short line (a byline or a credit), else null. */
export function wireIn(line: string): string | null {
  const words = line.split(/[\s,;|/()–—:-]+/).filter(Boolean)
  for (let i = 0; i < words.length; i++) {
    for (let n = 4; n >= 1; n--) {
      if (i + n > words.length) continue
      const phrase = words.slice(i, i + n).join(' ')
      // two-letter forms ("AP", "AA") count only in capitals, so "ap" or "Aa" never match
      if (phrase.length <= 2 && phrase !== phrase.toUpperCase()) continue
      const wire = wireNamed(phrase)
      if (wire) return wire
    }
  }
  return null
}

const MONTH_DAY =
  '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?\\s+\\d{1,2}(?:,?\\s+\\d{4})?'
/** "WASHINGTON", "NEW DELHI, Sept 14", "ST. LOUIS, Mo." followed by an optional "(Agency)" and a dash or colon. */
const CAPS_DATELINE = new RegExp(
  `^([A-Z][A-Z.'’ -]{0,40}[A-Z.])(?:,\\s+[A-Z][A-Za-z.'’ -]{0,30}?)??(?:\\s*\\[[^\\]]{1,30}\\])?(?:,\\s*${MONTH_DAY})?` +
    `\\s*(?:\\(([^)]{2,40})\\))?\\s*(?:[–—]|-{1,2}|:)\\s`,
)
/** Mixed case is a dateline only with a known agency: "New Delhi [India], September 14 (ANI): ", "NEW DELHI (PTI) The". */
const AGENCY_DATELINE = new RegExp(
  `^([A-Z][A-Za-z.'’ -]{1,40}?)(?:\\s*\\[[^\\]]{1,30}\\])?(?:,\\s*${MONTH_DAY})?\\s*\\(([^)]{2,40})\\)\\s*(?:[–—:]|-{1,2})?\\s`,
)

export interface Dateline {
  place: string
  wire: string | null
}

/** Reads the dateline at the start of a lead paragraph, null when it has none. */
export function readDateline(paragraph: string): Dateline | null {
  const caps = CAPS_DATELINE.exec(paragraph)
  if (caps && /[A-Z]{2}/.test(caps[1])) {
    const agency = caps[2] ? wireIn(caps[2]) : null
    // "(CNN) —" is the outlet's own dateline: a place, but no wire
    return { place: caps[1].trim(), wire: agency }
  }
  const mixed = AGENCY_DATELINE.exec(paragraph)
  if (mixed) {
    const wire = wireIn(mixed[2])
    if (wire) return { place: mixed[1].trim(), wire }
  }
  return null
}

export interface Byline {
  author: string | null
  wire: string | null
}

const NAME = "[\\p{Lu}][\\p{L}'’.-]*(?:\\s+(?:[\\p{Lu}][\\p{L}'’.-]*|de|van|von|der|da|di|la|le|bin|al-\\p{L}+))*"
const BYLINE = new RegExp(`^(?:By|BY|BYLINE:|Written by|Posted by|Author:)\\s+(${NAME}(?:(?:\\s*,\\s*|\\s+and\\s+|\\s*&\\s*)${NAME})*)`, 'u')

/**
 * Reads a byline line ("By Jane Doe", "By Jane Doe and John Roe | Reuters", "By The Associated Press").
 * Null for anything that is not a short byline.
 */
export function readByline(line: string): Byline | null {
  if (line.split(/\s+/).length > 16) return null
  const m = BYLINE.exec(line)
  if (!m) return null
  let names = m[1].trim()
  const rest = line.slice(m.index + m[0].length)
  const wireAsAuthor = wireNamed(names)
  if (wireAsAuthor) return { author: null, wire: wireAsAuthor }
  // "By Jane Doe, Reuters" / "By Jane Doe and Reuters staff": the wire is not one of the authors
  const parts = names.split(/\s*,\s*|\s+and\s+|\s*&\s*/)
  let wire = wireIn(rest)
  const people = parts.filter((p) => {
    const w = wireNamed(p) ?? wireNamed(p.replace(/\s+(staff|News|Staff)$/, ''))
    if (w) wire = wire ?? w
    return !w && !/\b(Staff|Bureau|Desk|Team|Correspondent)\b/.test(p)
  })
  names = people.join(', ')
  return { author: names || null, wire }
}

/**
 * Recognises a sign-off line: Reuters closes its stories with "Reporting by …; Editing by …",
 * agencies sign with "— AP", "(AFP)" or "Source: Xinhua". Returns the wire it names (null when it
 * names none), or null when the line is not a sign-off.
 */
export function readSignOff(line: string): { wire: string | null } | null {
  if (line.split(/\s+/).length > 30) return null
  if (/^\(?(?:Additional\s+)?(?:Reporting|Writing|Editing)\s+by\b/i.test(line)) {
    // both credits together are Reuters house style
    const house = /\bReporting by\b.*;\s*Editing by\b/i.test(line) ? 'Reuters' : null
    return { wire: wireIn(line) ?? house }
  }
  const short = line.replace(/^[\s–—(-]+|[\s)]+$/g, '').replace(/^(?:Source|Credit|Via)\s*:\s*/i, '')
  const wire = wireNamed(short)
  return wire ? { wire } : null
}
