/**
 * User text reaching an FTS5 MATCH goes through here. The query language offered is FTS5's own
 * (words, "phrases", AND/OR/NOT, parentheses, prefix*), but rebuilt from a tolerant parse: every
 * word is emitted as a quoted string, so nothing the user types can be read as FTS5 syntax
 * (column filters, NEAR, ^, stray quotes); dangling operators and unbalanced parentheses are
 * dropped. A query with no searchable word left is a FtsQueryError (a 400), never an SQL error.
 */

export class FtsQueryError extends Error {
  constructor(
    message: string,
    readonly parameter = 'q',
  ) {
    super(message)
    this.name = 'FtsQueryError'
  }
}

type Token = { kind: 'term'; words: string[]; prefix: boolean } | { kind: 'op'; op: 'AND' | 'OR' | 'NOT' } | { kind: '(' | ')' }

type Node = { kind: 'term'; words: string[]; prefix: boolean } | { kind: 'op'; op: 'AND' | 'OR' | 'NOT'; left: Node; right: Node }

const MAX_TERMS = 32
// What unicode61 (remove_diacritics 2) indexes as token characters: letters, digits, marks.
const WORD = /[\p{L}\p{N}\p{M}]+/gu

function words(text: string): string[] {
  return text.match(WORD) ?? []
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < input.length) {
    const c = input[i]
    if (c === '"' || c === '\u201c' || c === '\u201d') {
      const close = input.slice(i + 1).search(/["\u201c\u201d]/)
      const end = close < 0 ? input.length : i + 1 + close
      const inner = words(input.slice(i + 1, end))
      i = end + 1
      const prefix = input[i] === '*'
      if (prefix) i++
      if (inner.length) tokens.push({ kind: 'term', words: inner, prefix })
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c })
      i++
    } else if (/\s/.test(c)) {
      i++
    } else {
      const run = /^[^\s"()\u201c\u201d]+/.exec(input.slice(i))![0]
      i += run.length
      if (run === 'AND' || run === 'OR' || run === 'NOT') {
        tokens.push({ kind: 'op', op: run })
        continue
      }
      const inner = words(run)
      if (inner.length) tokens.push({ kind: 'term', words: inner, prefix: run.endsWith('*') })
    }
  }
  return tokens
}

class Parser {
  private i = 0
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.i]
  }

  private isOp(op: string): boolean {
    const t = this.peek()
    return t?.kind === 'op' && t.op === op
  }

  /** The whole input; tokens that fit nowhere (a stray ")" or a leading operator) are skipped. */
  parse(): Node | null {
    let node: Node | null = null
    while (this.i < this.tokens.length) {
      const part = this.or()
      if (part) node = node ? { kind: 'op', op: 'AND', left: node, right: part } : part
      else this.i++
    }
    return node
  }

  private or(): Node | null {
    let left = this.and()
    while (this.isOp('OR')) {
      this.i++
      const right = this.and()
      if (left && right) left = { kind: 'op', op: 'OR', left, right }
      else left = left ?? right
    }
    return left
  }

  private and(): Node | null {
    let left = this.not()
    for (;;) {
      const t = this.peek()
      if (!t) break
      const explicit = t.kind === 'op' && t.op === 'AND'
      if (!explicit && t.kind !== 'term' && t.kind !== '(') break
      if (explicit) this.i++
      const right = this.not()
      if (left && right) left = { kind: 'op', op: 'AND', left, right }
      else left = left ?? right
      if (!right && !explicit) break
    }
    return left
  }

  private not(): Node | null {
    let left = this.primary()
    while (this.isOp('NOT')) {
      this.i++
      const right = this.primary()
      // FTS5's NOT is binary ("a NOT b"); a NOT with nothing before it cannot be expressed and is dropped.
      if (left && right) left = { kind: 'op', op: 'NOT', left, right }
    }
    return left
  }

  private primary(): Node | null {
    const t = this.peek()
    if (t?.kind === 'term') {
      this.i++
      return t
    }
    if (t?.kind === '(') {
      this.i++
      const inner = this.or()
      if (this.peek()?.kind === ')') this.i++
      return inner
    }
    return null
  }
}

function render(node: Node): string {
  if (node.kind === 'term') return `"${node.words.join(' ')}"${node.prefix ? '*' : ''}`
  return `(${render(node.left)} ${node.op} ${render(node.right)})`
}

function countTerms(node: Node): number {
  return node.kind === 'term' ? 1 : countTerms(node.left) + countTerms(node.right)
}

/** The FTS5 MATCH expression for a user's query; throws FtsQueryError when nothing searchable is left. */
export function ftsQuery(input: string, parameter = 'q'): string {
  const node = new Parser(tokenize(input.normalize('NFC'))).parse()
  if (!node) throw new FtsQueryError('contains no word to search for', parameter)
  if (countTerms(node) > MAX_TERMS) throw new FtsQueryError(`has more than ${MAX_TERMS} search terms`, parameter)
  return render(node)
}

/** Runs a statement that contains a MATCH; an FTS5 error the sanitiser did not foresee is still a 400. */
export function withMatch<T>(run: () => T, parameter = 'q'): T {
  try {
    return run()
  } catch (error) {
    const message = (error as Error).message ?? ''
    if ((error as { code?: string }).code?.startsWith('SQLITE_') && /fts5|syntax error|unterminated|no such column/i.test(message)) {
      throw new FtsQueryError('is not a valid search query', parameter)
    }
    throw error
  }
}

/** Markers snippet() puts around matched words; replaced by <mark> once the text is HTML-escaped. */
export const MARK_OPEN = '\u0002'
export const MARK_CLOSE = '\u0003'

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** snippet() output as safe HTML: the text escaped, matched words in <mark>…</mark>. */
export function markedSnippet(raw: string): string {
  return raw
    .replace(/[&<>"']/g, (c) => ESCAPES[c])
    .replaceAll(MARK_OPEN, '<mark>')
    .replaceAll(MARK_CLOSE, '</mark>')
}

// Whitespace runs other than a lone space: folding them to one space is the same as folding every
// run, and leaves the many single spaces of a text untouched (several times faster than /\s+/g).
const FOLDABLE_SPACE = /\s{2,}|[^\S ]/g

/** The opening of a text as a snippet when there is no query: HTML-escaped, cut at a word boundary. */
export function leadSnippet(text: string, length = 200): string {
  const flat = text.replace(FOLDABLE_SPACE, ' ').trim()
  if (flat.length <= length) return markedSnippet(flat)
  const cut = flat.slice(0, length)
  const space = cut.lastIndexOf(' ')
  return markedSnippet((space > length / 2 ? cut.slice(0, space) : cut) + '…')
}
