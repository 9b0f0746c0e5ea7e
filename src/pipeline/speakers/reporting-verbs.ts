/** Verbs that report speech and the forms of them that may open an inverted reporting clause. */
import { CUE_VERBS } from './lexicon.js'
import type { Token } from './phrases.js'

/** Reporting verbs that may come before their subject ("…,” said Miller). */
export const INVERTIBLE = new Set(
  ('said says added adds asked asks wrote writes continued continues explained explains noted notes recalled replied ' +
    'responded observed remarked argued declared insisted quipped joked concluded countered stated tweeted posted ' +
    'exclaimed warned reported says acknowledged cautioned offered mused conceded lamented boasted complained retorted ' +
    'snapped shouted yelled cried whispered chimed agreed').split(' '),
)

/** "scoffed", "beamed", "declares": a past or present verb form that is not a function word. */
export function isMannerVerb(w: string): boolean {
  return /^\p{Ll}{3,}(ed|es|s)$/u.test(w) && !/^(was|has|is|does|goes|gets|seems|makes|takes|plus|less|unless|this|thus|yes|his|hers|its|ours|theirs|always|perhaps|towards|afterwards|besides|whereas|news|us|lies|needed|used|called|named|based|dubbed|titled|entitled|described|labeled|labelled|termed|branded|featured|owned|released)$/.test(w)
}

export function isCue(t: Token): boolean {
  return CUE_VERBS.has(t.text) // lower-case only: "Post" and "Say" in names are not cues
}
