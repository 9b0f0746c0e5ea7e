/**
 * Finds quoted spans by pairing quotation marks, paragraph by paragraph.
 *
 * Outlets mix every convention: straight "…", curly “…”, ``…'' and ''…'' (wire copy), wrong glyphs
 * (“…“, ”…”), closers glued to the next opener (`Korea.”I would`), a quote carried over several
 * paragraphs (each new paragraph reopens, only the last one closes) and marks that never close.
 * The scanner decides each mark's role from its glyph and from what touches it on either side.
 */

export interface MarkedSpan {
  /** Content span (inside the marks), trimmed of surrounding whitespace. */
  start: number
  end: number
  /** Offsets of the opening and closing marks (closeEnd === end of content when unterminated). */
  outerStart: number
  outerEnd: number
  /** Nesting depth: 0 for a top-level quotation, 1 for a quotation inside one. */
  depth: number
  /** The span runs over more than one paragraph. */
  multiParagraph: boolean
  /** No closing mark was found. */
  unterminated: boolean
}

type Glyph = 'open' | 'close' | 'neutral'

interface Mark {
  pos: number
  len: number
  glyph: Glyph
  /** Something other than whitespace follows: the mark may open. */
  canOpen: boolean
  /** Something other than whitespace precedes: the mark may close. */
  canClose: boolean
}

const OPEN_GLYPHS = '“„«'
const CLOSE_GLYPHS = '”»'
const WS = /\s/

import { isStageNote, turnLabel } from './turns.js'

/** Quotation marks of one paragraph [start, end). */
function marksIn(body: string, start: number, end: number): Mark[] {
  const marks: Mark[] = []
  // Attribute values of embedded markup (`<tweet author="…">`) are not quotations.
  const tags: Array<[number, number]> = []
  const tagRe = /<\/?[a-zA-Z][^<>\n]*>/g
  tagRe.lastIndex = start
  for (let t = tagRe.exec(body); t && t.index < end; t = tagRe.exec(body)) tags.push([t.index, t.index + t[0].length])
  let ti = 0
  for (let i = start; i < end; i++) {
    while (ti < tags.length && tags[ti][1] <= i) ti++
    if (ti < tags.length && tags[ti][0] <= i) {
      i = tags[ti][1] - 1
      continue
    }
    const c = body[i]
    let len = 0
    let glyph: Glyph = 'neutral'
    if (c === '"') len = 1
    else if (OPEN_GLYPHS.includes(c)) { len = 1; glyph = 'open' }
    else if (CLOSE_GLYPHS.includes(c)) { len = 1; glyph = 'close' }
    else if (c === '`' && body[i + 1] === '`') { len = 2; glyph = 'open' }
    else if (c === "'" && body[i + 1] === "'") len = 2
    if (!len) continue
    // 6’2” and 5'2": feet and inches, not a quotation.
    if (len === 1 && glyph !== 'open' && /\d['’]\d{1,2}$/.test(body.slice(Math.max(start, i - 5), i))) continue
    const prev = i > start ? body[i - 1] : ''
    const next = i + len < end ? body[i + len] : ''
    // “ … if the primary were held”, “ You know, …”: a mark that can only open, or one that opens its
    // paragraph, opens even with a space after it, when words follow on the line.
    const spacedOpen = (glyph === 'open' || i === start) && /^[ \t\u00a0]+[^\s"“”„«»]/.test(body.slice(i + len, Math.min(end, i + len + 8)))
    marks.push({
      pos: i,
      len,
      glyph,
      canOpen: (next !== '' && !WS.test(next)) || spacedOpen,
      canClose: prev !== '' && !WS.test(prev) && !'([{'.includes(prev),
    })
    i += len - 1
  }
  return marks
}

/** Whether a mark standing alone between spaces or at a line edge could only be a stray. */
function isStray(m: Mark): boolean {
  return !m.canOpen && !m.canClose
}

interface Paragraph {
  start: number
  end: number
}

/**
 * Returns every quoted span of the body, top-level and nested, in text order.
 * `paragraphs` must be the document's paragraphs in order.
 */
export function scanQuotations(body: string, paragraphs: Paragraph[]): MarkedSpan[] {
  const out: MarkedSpan[] = []
  // An open top-level quotation carried over from the previous paragraph.
  let carry: { contentStart: number; outerStart: number; glyph: Glyph } | null = null

  const push = (
    contentStart: number,
    contentEnd: number,
    outerStart: number,
    outerEnd: number,
    depth: number,
    unterminated: boolean,
  ) => {
    let s = contentStart
    let e = contentEnd
    while (s < e && WS.test(body[s])) s++
    while (e > s && WS.test(body[e - 1])) e--
    if (e <= s) return
    const multiParagraph = body.slice(s, e).includes('\n')
    out.push({ start: s, end: e, outerStart, outerEnd, depth, multiParagraph, unterminated })
  }

  for (let pi = 0; pi < paragraphs.length; pi++) {
    const para = paragraphs[pi]
    const marks = marksIn(body, para.start, para.end)
    let depth = 0
    let open: { contentStart: number; outerStart: number; glyph: Glyph } | null = null
    let nested: { contentStart: number; outerStart: number } | null = null
    let k = 0
    if (carry) {
      // The previous paragraph left a quotation open; this paragraph reopens it with a mark.
      open = carry
      depth = 1
      carry = null
      if (marks.length && marks[0].pos === para.start && marks[0].canOpen) k = 1
    }
    for (; k < marks.length; k++) {
      const m = marks[k]
      if (depth === 0) {
        if (m.canOpen) {
          open = { contentStart: m.pos + m.len, outerStart: m.pos, glyph: m.glyph }
          depth = 1
        }
        continue
      }
      if (depth === 1 && open) {
        if (m.canOpen && !m.canClose && m.glyph !== 'close') {
          // A nested quotation needs its own closer and the outer closer still ahead.
          const closersAhead = marks.slice(k + 1).filter((x) => x.canClose).length
          // “…” inside a quotation opened with a straight mark has a closer of its own kind: the outer
          // quotation may stay open past the paragraph's end (a transcript turn, a blockquote).
          const ownCloser = open.glyph === 'neutral' && m.glyph === 'open' && marks.slice(k + 1).some((x) => x.glyph === 'close' && x.canClose)
          if (closersAhead >= 2 || ownCloser) {
            nested = { contentStart: m.pos + m.len, outerStart: m.pos }
            depth = 2
            continue
          }
          // No room for a nested quotation: the previous one was never closed; start anew.
          push(open.contentStart, m.pos, open.outerStart, m.pos, 0, true)
          open = { contentStart: m.pos + m.len, outerStart: m.pos, glyph: m.glyph }
          continue
        }
        if (m.canClose || (isStray(m) && m.glyph !== 'open')) {
          push(open.contentStart, m.pos, open.outerStart, m.pos + m.len, 0, false)
          open = null
          depth = 0
          // A closer glued to the next quotation ("…said.”I would say …,” he said"): reopen when
          // the next mark can only close.
          const after = marks[k + 1]
          if (m.canOpen && after && after.canClose && !after.canOpen) {
            open = { contentStart: m.pos + m.len, outerStart: m.pos, glyph: m.glyph }
            depth = 1
          }
        }
        continue
      }
      if (depth === 2 && nested && open && m.canClose) {
        push(nested.contentStart, m.pos, nested.outerStart, m.pos + m.len, 1, false)
        nested = null
        depth = 1
      }
    }
    if (depth >= 1 && open) {
      const next = paragraphs[pi + 1]
      const nextText = next === undefined ? '' : body.slice(next.start, next.end)
      // A transcript quoted turn by turn reopens every paragraph, and a new speaker's label or a
      // note such as "(CROSSTALK)" is a new paragraph of the transcript, not more of this one.
      const nextStartsQuote =
        next !== undefined && /^(["“„«”]|``|'')/.test(nextText.slice(0, 2)) &&
        !turnLabel(nextText) && !isStageNote(nextText.replace(/^(["“„«”]|``|'')/, ''))
      // A line break inside a sentence (no blank line, next line lower-case) also continues.
      const brokenLine =
        next !== undefined &&
        !body.slice(para.end, next.start).includes('\n\n') &&
        /^[a-z]/.test(body[next.start])
      if (nextStartsQuote || brokenLine) {
        carry = open
      } else {
        push(open.contentStart, para.end, open.outerStart, para.end, 0, true)
      }
    }
  }
  if (carry) {
    const last = paragraphs[paragraphs.length - 1]
    push(carry.contentStart, last.end, carry.outerStart, last.end, 0, true)
  }
  return out.sort((a, b) => a.start - b.start || a.depth - b.depth)
}
