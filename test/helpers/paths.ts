import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

/** The project's root folder. */
export const root = fileURLToPath(new URL('../../', import.meta.url))
export const seedsDir = join(root, 'seeds')
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
