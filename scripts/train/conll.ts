/** Reading CoNLL-2003 files (token POS chunk NER per line, IOB1 or IOB2; -DOCSTART- between documents). */
import { readFileSync } from 'node:fs'
import { TYPES } from '../../src/pipeline/ner/features.js'

export interface ConllSentence {
  words: string[]
  /** tag ids: 0 = O, 1+2k = B-TYPES[k], 2+2k = I-TYPES[k] (always IOB2 here) */
  tags: number[]
}

export type ConllDoc = ConllSentence[]

function tagId(tag: string, prevTag: string): number {
  if (tag === 'O') return 0
  const [prefix, type] = tag.split('-')
  const k = (TYPES as readonly string[]).indexOf(type)
  if (k < 0) return 0
  // IOB1 "I-X" after something other than X starts an entity.
  const begins = prefix === 'B' || prevTag === 'O' || prevTag.slice(2) !== type
  return begins ? 1 + 2 * k : 2 + 2 * k
}

export function readConll(path: string): ConllDoc[] {
  const docs: ConllDoc[] = []
  let doc: ConllDoc = []
  let sent: ConllSentence = { words: [], tags: [] }
  let prevTag = 'O'
  const endSentence = () => {
    if (sent.words.length) doc.push(sent)
    sent = { words: [], tags: [] }
    prevTag = 'O'
  }
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('-DOCSTART-')) {
      endSentence()
      if (doc.length) docs.push(doc)
      doc = []
      continue
    }
    const parts = line.trim().split(/\s+/)
    if (parts.length < 2) {
      endSentence()
      continue
    }
    const tag = parts[parts.length - 1]
    sent.words.push(parts[0])
    sent.tags.push(tagId(tag, prevTag))
    prevTag = tag
  }
  endSentence()
  if (doc.length) docs.push(doc)
  return docs
}
