import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

/** The project's root folder. */
export const root = fileURLToPath(new URL('../../', import.meta.url))
export const seedsDir = join(root, 'seeds')

/** The newest modification time of any file under `dir`. */
function newestChange(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs)
  }
  return newest
}

/**
 * The compiled command line, which is what `npm start` runs and what the tests start as processes
 * (a process started through the TypeScript loader costs twice the start-up). `npm test` builds it
 * first; a test file run on its own after an edit of src/ would test the old code, so it stops here.
 */
export function builtCli(): string {
  const cli = join(root, 'dist', 'quotewire.js')
  const built = existsSync(cli) ? statSync(cli).mtimeMs : 0
  if (built < newestChange(join(root, 'src'))) throw new Error('dist/ is older than src/: run `npm run build` first (`npm test` does)')
  return cli
}
/**
 * `node ...args` as a command and its arguments for spawn(), started as a user's shell would start
 * it. tap puts its process-tracking module loader into NODE_OPTIONS of every process a test starts,
 * even one given an env without it; it records the files each process loads, for coverage, which
 * this suite does not collect. It more than doubles the CPU of a 24-article load (2.4 → 5.5 CPU-s),
 * so the processes the tests start run without it: `env -u` drops the variable after tap's hook.
 */
export function nodeCommand(args: string[]): [command: string, args: string[]] {
  return ['env', ['-u', 'NODE_OPTIONS', process.execPath, ...args]]
}
/** The shared corpora and scorers beside the project; absent on a user's machine. */
export const sharedDir = join(root, '..', 'shared')

export function seedFiles(): string[] {
  return readdirSync(seedsDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => join(seedsDir, f))
}

export interface PolnearArticle {
  doc: string
  publisher: string
  text: string
  quotes: { start: number; end: number; text: string; speaker: string | null }[]
}

/** PolNeAR articles of one split, or null when the corpus is not here (the caller skips). */
export function polnear(split: 'dev' | 'train'): PolnearArticle[] | null {
  const file = join(sharedDir, 'data', 'polnear', `${split}.json`)
  if (!existsSync(file)) return null
  return (JSON.parse(readFileSync(file, 'utf8')) as { articles: PolnearArticle[] }).articles
}
