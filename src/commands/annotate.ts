import { existsSync, readFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { annotate } from '../pipeline/index.js'
import { extractFile, extractPlain, parseManifest, type Extracted, type ManifestEntry } from '../pipeline/extract.js'
import type { NewsDoc } from '../pipeline/document.js'
import { readTextFile } from '../load/read.js'
import { MANIFEST_NAME } from '../load/walk.js'

/**
 * One JSON object per article, in the shape of the evaluation contract:
 * `doc`, `quotes[{start,end,text,speaker,…}]`, `entities[{start,end,text,type,canonical,…}]`, plus the article.
 * With `plain`, the file's whole text is the body, so offsets are into the file as read.
 */
export function annotationRecord(doc: NewsDoc, plain: boolean) {
  const { body, ...article } = doc.article
  return {
    doc: doc.doc,
    ...article,
    ...(plain ? {} : { body }),
    quotes: doc.quotes.map((q) => ({
      start: q.start,
      end: q.end,
      text: q.text,
      speaker: q.speaker,
      speakerType: q.speakerType,
      speakerKey: q.speakerKey,
      role: q.role,
      cue: q.cue?.text ?? null,
      cueSpan: q.cue,
      speakerMention: q.speakerMention,
      resolution: q.resolution,
      confidence: q.confidence,
    })),
    nonQuotes: doc.quotedPhrases,
    entities: doc.mentions.map((m) => ({
      start: m.start,
      end: m.end,
      text: m.text,
      type: m.type,
      canonical: m.canonical,
      key: m.key,
    })),
    canonicalEntities: doc.entities,
    messages: doc.messages,
  }
}

const manifests = new Map<string, Record<string, ManifestEntry>>()

/** The sidecar manifest entry for a file, from the manifest.json beside it (read once per folder). */
function manifestEntry(path: string): ManifestEntry | undefined {
  const dir = dirname(path)
  if (!manifests.has(dir)) {
    const file = join(dir, MANIFEST_NAME)
    manifests.set(dir, existsSync(file) ? parseManifest(readFileSync(file, 'utf8')) : {})
  }
  return manifests.get(dir)![basename(path)]
}

function extractPath(path: string, plain: boolean): Extracted[] {
  if (plain) return [extractPlain(basename(path), readFileSync(path, 'utf8'))]
  const manifest = manifestEntry(path)
  return extractFile({ ...readTextFile(path), ...(manifest ? { manifest } : {}) })
}

/** `quotewire annotate [--plain] FILE...` — no database; NDJSON on stdout, problems on stderr. */
export function runAnnotate(paths: string[], plain: boolean): number {
  let failed = 0
  const out: string[] = []
  for (const path of paths) {
    try {
      for (const { doc, article } of extractPath(path, plain)) {
        out.push(JSON.stringify(annotationRecord(annotate(doc, article), plain)))
      }
    } catch (error) {
      failed++
      process.stderr.write(`${path}: ${(error as Error).message}\n`)
    }
    if (out.length >= 64) flush(out)
  }
  flush(out)
  return failed > 0 ? 1 : 0
}

function flush(lines: string[]) {
  if (lines.length) process.stdout.write(lines.join('\n') + '\n')
  lines.length = 0
}
