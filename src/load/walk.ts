import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs'
import { basename, dirname, extname, join, resolve } from 'node:path'
import { SUPPORTED_EXTENSIONS } from './read.js'

/** The sidecar beside article files: per-file metadata, never an article itself. */
export const MANIFEST_NAME = 'manifest.json'

export interface InputPlan {
  /** Loadable files, in a stable order (sorted within each folder). */
  files: string[]
  /** Folders holding a manifest.json, the manifest's path by folder. */
  manifests: Map<string, string>
  problems: { path: string; reason: string }[]
}

const supported: ReadonlySet<string> = new Set(SUPPORTED_EXTENSIONS)

/**
 * Expands the paths a user gave into the files to load: folders recursively (hidden files and
 * folders ignored), files as given. Unsupported types and missing paths become problems.
 */
export function planInputs(paths: string[]): InputPlan {
  const plan: InputPlan = { files: [], manifests: new Map(), problems: [] }
  const seenFiles = new Set<string>()
  const seenDirs = new Set<string>()

  const addFile = (path: string) => {
    const real = realpathSync(path)
    if (seenFiles.has(real)) return
    seenFiles.add(real)
    const dir = dirname(path)
    if (basename(path) === MANIFEST_NAME) {
      plan.manifests.set(dir, path)
      return
    }
    const ext = extname(path).toLowerCase()
    if (!supported.has(ext)) {
      plan.problems.push({
        path,
        reason: `unsupported file type (${ext || 'no extension'}); loadable types are ${SUPPORTED_EXTENSIONS.join(' ')}`,
      })
      return
    }
    if (!plan.manifests.has(dir) && existsSync(join(dir, MANIFEST_NAME))) plan.manifests.set(dir, join(dir, MANIFEST_NAME))
    plan.files.push(path)
  }

  const walk = (dir: string) => {
    const real = realpathSync(dir)
    if (seenDirs.has(real)) return
    seenDirs.add(real)
    const entries = readdirSync(dir).filter((name) => !name.startsWith('.')).sort()
    for (const name of entries) {
      const path = join(dir, name)
      let stat
      try {
        stat = statSync(path)
      } catch (error) {
        plan.problems.push({ path, reason: `cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})` })
        continue
      }
      if (stat.isDirectory()) walk(path)
      else if (stat.isFile()) addFile(path)
    }
  }

  for (const given of paths) {
    const path = resolve(given)
    let stat
    try {
      stat = statSync(path)
    } catch {
      plan.problems.push({ path: given, reason: 'no such file or folder' })
      continue
    }
    if (stat.isDirectory()) walk(path)
    else addFile(path)
  }
  return plan
}
