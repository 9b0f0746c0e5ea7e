import type { NewsDoc } from '../document.js'
import type { MarkedSpan } from './marks.js'

export type QuotedKind = 'quote' | 'scare' | 'title'

/** Decides whether a top-level quoted span is speech or a phrase nobody says. */
export function classifyQuoted(doc: NewsDoc, s: MarkedSpan): QuotedKind {
  void doc
  void s
  return 'quote'
}
