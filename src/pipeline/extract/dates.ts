/**
 * Publication dates as news pages state them: "12:59 JST, September 14, 2023",
 * "September 14, 2023 12:59 PM EDT", "Sep 14, 2023", "14 September 2023", ISO strings.
 *
 * A stated time is converted to a UTC instant with its zone's offset. When the page gives
 * no zone the time is read as UTC (the only neutral choice; `publishedLocal` then carries no
 * offset so a reader can tell), and a date alone becomes midnight UTC of that day.
 */

export interface PublishedDate {
  /** ISO-8601 instant in UTC. */
  publishedAt: string
  /** As stated: date and time with the offset ("2023-09-14T12:59:00+09:00"), or the date alone. */
  publishedLocal: string
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
}
const MONTH =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)'
const WEEKDAY =
  '\\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\\b\\.?'

/**
 * Fixed offsets in minutes east of UTC. Ambiguous abbreviations take the reading most common in
 * English-language news: IST is India, CST is US Central, AST is Atlantic.
 */
const FIXED_ZONES: Record<string, number> = {
  UTC: 0, GMT: 0, Z: 0, WET: 0,
  BST: 60, WEST: 60, CET: 60, WAT: 60,
  CEST: 120, EET: 120, SAST: 120, CAT: 120,
  EEST: 180, MSK: 180, EAT: 180, TRT: 180,
  GST: 240, PKT: 300, IST: 330, NPT: 345,
  ICT: 420, WIB: 420,
  SGT: 480, HKT: 480, PHT: 480, AWST: 480, MYT: 480,
  JST: 540, KST: 540,
  ACST: 570, AEST: 600, ACDT: 630, AEDT: 660, NZST: 720, NZDT: 780,
  AST: -240, ADT: -180,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600,
  BRT: -180, ART: -180,
}
/** US zones written without standard/daylight: the offset depends on the date. */
const US_ZONES: Record<string, number> = { ET: -300, CT: -360, MT: -420, PT: -480 }

const ZONE_NAMES = [...Object.keys(FIXED_ZONES), ...Object.keys(US_ZONES)].filter((z) => z !== 'Z')
const ZONE = `(?:(?:GMT|UTC)\\s*[+-]\\s*\\d{1,2}(?::?\\d{2})?|\\b(?:${ZONE_NAMES.join('|')})\\b)`

const ISO_RE =
  /\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?(?![\d-])/
const MDY_RE = new RegExp(`\\b${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i')
const DMY_RE = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH}\\.?,?\\s+(\\d{4})\\b`, 'i')
const TIME_RE = /\b(\d{1,2})(?::(\d{2}))(?::(\d{2}))?(?:\s*([ap])\.?\s?m\b\.?)?|\b(\d{1,2})\s*([ap])\.?\s?m\b\.?/i
const ZONE_RE = new RegExp(ZONE)

interface Found {
  year: number
  month: number
  day: number
  time: { h: number; m: number; s: number } | null
  /** minutes east of UTC, null when the text names no zone */
  offset: number | null
  /** the character ranges the date, time and zone took, for `isDateLine` */
  used: Array<[number, number]>
}

/** Parses the first date in `text` (with its time and zone when stated); null when there is none. */
export function parseDate(text: string): PublishedDate | null {
  const found = findDate(text)
  return found ? render(found) : null
}

/**
 * True when the line is a date stamp and little else ("12:59 JST, September 14, 2023",
 * "Published: Sep 14, 2023, 3:59 PM IST | Updated …"), as opposed to a sentence that mentions a date.
 */
export function isDateLine(line: string): boolean {
  if (line.length > 120) return false
  const found = findDate(line)
  if (!found) return false
  let rest = line
  for (const [s, e] of [...found.used].sort((a, b) => b[0] - a[0])) rest = rest.slice(0, s) + ' ' + rest.slice(e)
  rest = rest
    .replace(new RegExp(WEEKDAY, 'gi'), ' ')
    .replace(/\b(published|updated|posted|last|modified|first|on|at|date|time|hrs)\b/gi, ' ')
    .replace(new RegExp(ZONE, 'g'), ' ')
  const leftover = rest.replace(/[^\p{L}\p{N}]/gu, '')
  return leftover.length <= 3
}

function findDate(text: string): Found | null {
  const iso = ISO_RE.exec(text)
  if (iso) {
    const [, y, mo, d, h, mi, s, z] = iso
    const found: Found = {
      year: +y, month: +mo, day: +d,
      time: h !== undefined ? { h: +h, m: +mi, s: s ? +s : 0 } : null,
      offset: z ? isoOffset(z) : null,
      used: [[iso.index, iso.index + iso[0].length]],
    }
    if (found.time && found.offset === null) attachZone(text, found)
    return valid(found) ? found : null
  }
  const mdy = MDY_RE.exec(text)
  const dmy = DMY_RE.exec(text)
  const m = mdy && (!dmy || mdy.index <= dmy.index) ? mdy : dmy
  if (!m) return null
  const isMdy = m === mdy
  const monthName = (isMdy ? m[1] : m[2]).toLowerCase().replace('.', '')
  const found: Found = {
    year: +m[3],
    month: MONTHS[monthName.slice(0, monthName.startsWith('sept') ? 4 : 3)],
    day: +(isMdy ? m[2] : m[1]),
    time: null,
    offset: null,
    used: [[m.index, m.index + m[0].length]],
  }
  // the time may stand before or after the date: look outside the date's own characters
  const masked = text.slice(0, m.index) + ' '.repeat(m[0].length) + text.slice(m.index + m[0].length)
  const t = TIME_RE.exec(masked)
  if (t) {
    let h = +(t[1] ?? t[5])
    const mi = t[2] ? +t[2] : 0
    const s = t[3] ? +t[3] : 0
    const ampm = (t[4] ?? t[6])?.toLowerCase()
    if (ampm === 'p' && h < 12) h += 12
    if (ampm === 'a' && h === 12) h = 0
    if (h < 24 && mi < 60 && s < 60) {
      found.time = { h, m: mi, s }
      found.used.push([t.index, t.index + t[0].length])
      attachZone(masked, found)
    }
  }
  return valid(found) ? found : null
}

function attachZone(text: string, found: Found): void {
  const z = ZONE_RE.exec(text)
  if (!z) return
  const name = z[0].replace(/\s+/g, '')
  let offset: number
  if (name in FIXED_ZONES) offset = FIXED_ZONES[name]
  else if (name in US_ZONES) offset = US_ZONES[name] + (usDaylight(found) ? 60 : 0)
  else offset = isoOffset(name.slice(3))
  found.offset = offset
  found.used.push([z.index, z.index + z[0].length])
}

/** "+09:00" | "+0900" | "+9" | "Z" → minutes east of UTC */
function isoOffset(z: string): number {
  if (z === 'Z') return 0
  const m = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(z)
  if (!m) return 0
  return (m[1] === '-' ? -1 : 1) * (+m[2] * 60 + (m[3] ? +m[3] : 0))
}

/** US daylight saving: from the second Sunday of March to the first Sunday of November. */
function usDaylight({ year, month, day }: Found): boolean {
  const sunday = (m: number, nth: number) => {
    const first = new Date(Date.UTC(year, m - 1, 1)).getUTCDay()
    return 1 + ((7 - first) % 7) + 7 * (nth - 1)
  }
  const ordinal = month * 100 + day
  return ordinal >= 300 + sunday(3, 2) && ordinal < 1100 + sunday(11, 1)
}

function valid(f: Found): boolean {
  if (f.year < 1900 || f.year > 2200 || f.month < 1 || f.month > 12 || f.day < 1) return false
  const d = new Date(Date.UTC(f.year, f.month - 1, f.day))
  return d.getUTCMonth() === f.month - 1
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0')

function render(f: Found): PublishedDate {
  const date = `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`
  if (!f.time) return { publishedAt: `${date}T00:00:00.000Z`, publishedLocal: date }
  const { h, m, s } = f.time
  const local = `${date}T${pad(h)}:${pad(m)}:${pad(s)}`
  const offset = f.offset ?? 0
  const instant = new Date(Date.UTC(f.year, f.month - 1, f.day, h, m, s) - offset * 60_000)
  const suffix = f.offset === null ? '' : `${offset < 0 ? '-' : '+'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  return { publishedAt: instant.toISOString(), publishedLocal: local + suffix }
}
