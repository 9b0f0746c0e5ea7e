/**
 * How transcripts write their paragraphs: a speaker's label opening a turn ("WALLACE: …") and a
 * bracketed note to the reader ("(CROSSTALK)"). Read by the mark scanner, which must not carry a
 * quotation from one turn into the next, and by attribution, which takes the label as the speaker.
 */

/** Editorial labels in capitals that open a paragraph without naming anyone who speaks. */
const EDITORIAL = /^(CORRECTION|CORRECTIONS|UPDATE|UPDATED|EDITOR'?S NOTE|NOTE|PREVIOUSLY|EMAIL|WATCH|READ MORE|RELATED|PHOTOS?|VIDEO|BREAKING|BREAKING NEWS|JUST IN|EXCLUSIVE|LIVE|ALERT|FLASHBACK|TRANSCRIPT)$/

/**
 * The speaker's label opening a transcript turn, "WALLACE: " — also inside the quotation mark that
 * some outlets open every turn of a quoted transcript with ("\"WALLACE: If I may, sir…").
 */
const TURN_LABEL = /^\s*(?:["“]\s*)?([A-Z][A-Z.'’ -]{0,40}[A-Z]):\s/

/** The label that opens `text` as a transcript turn (the name and where the words after it start), or null. */
export function turnLabel(text: string): { name: string; index: number; end: number } | null {
  const m = TURN_LABEL.exec(text)
  if (!m || EDITORIAL.test(m[1])) return null
  const index = m.index + m[0].indexOf(m[1])
  return { name: m[1], index, end: m[0].length }
}

/**
 * A transcript's bracketed note to the reader, "(CROSSTALK)", "[LAUGHTER]", "(inaudible)": written by
 * whoever transcribed, not said by anyone, even when the transcript puts it in quotation marks.
 */
export function isStageNote(text: string): boolean {
  const m = /^\s*[([]\s*([^()[\]]{1,40}?)[.,]?\s*[)\]][.,]?\s*$/.exec(text)
  if (!m) return false
  return /^[A-Z][A-Z ,.'’-]*$/.test(m[1]) || STAGE_WORDS.test(m[1])
}

const STAGE_WORDS = /^(laughter|laughs|applause|crosstalk|inaudible|unintelligible|cheers|cheering|booing|boos|silence|pause|sighs|music|video clip|end video clip|begin video clip|commercial break|off mic|off-mic)$/i
