import { readFileSync, statSync } from 'node:fs'
import { basename } from 'node:path'

/** Pages larger than this are refused: no news story is 10 MB of text, and annotating one would stall a load. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024

export const SUPPORTED_EXTENSIONS = ['.txt', '.html', '.htm', '.json', '.ndjson'] as const

export class FileProblem extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(reason)
  }
}

const megabytes = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Reads one input file as text, refusing what cannot be a news page (empty, binary, not UTF-8, too large). */
export function readTextFile(path: string, maxBytes = MAX_FILE_BYTES): { name: string; content: string } {
  const size = statSync(path).size
  if (size === 0) throw new FileProblem(path, 'empty file')
  if (size > maxBytes) throw new FileProblem(path, `file too large (${megabytes(size)}; the limit is ${megabytes(maxBytes)})`)
  const bytes = readFileSync(path)
  if (bytes.subarray(0, 8192).includes(0)) throw new FileProblem(path, 'binary file (contains NUL bytes)')
  let content: string
  try {
    content = utf8.decode(bytes)
  } catch {
    throw new FileProblem(path, 'not valid UTF-8 text')
  }
  if (content.charCodeAt(0) === 0xfeff) content = content.slice(1)
  if (content.trim() === '') throw new FileProblem(path, 'file holds only whitespace')
  return { name: basename(path), content }
}
