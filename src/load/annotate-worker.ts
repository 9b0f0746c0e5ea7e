/**
 * A loader's worker thread: reads, extracts and annotates the files the loading thread sends, and
 * posts each prepared record back (structured clone). It never writes; it opens the archive
 * read-only, only to skip annotating content that is already stored.
 */
import { existsSync } from 'node:fs'
import { parentPort, workerData } from 'node:worker_threads'
import { openDatabase, type Database } from '../db/connection.js'
import { articleIdByHash } from '../db/store.js'
import { emptyArticle } from '../pipeline/document.js'
import { annotate } from '../pipeline/index.js'
import { prepareFile } from './prepare.js'
import type { FromWorker, ToWorker } from './workers.js'

const port = parentPort
if (!port) throw new Error('annotate-worker runs as a worker thread')
const { database } = workerData as { database: string | null }

// Annotating once loads the NER model, so the time it takes is the thread's start-up cost.
const started = performance.now()
annotate('warm-up', emptyArticle('"We are ready," the editor said on Monday in Paris.'))
port.postMessage({ kind: 'ready', ms: performance.now() - started } satisfies FromWorker)

let db: Database | null = null
const isStored = (hash: string) => {
  if (!database) return false
  if (!db && existsSync(database)) db = openDatabase(database, { readonly: true })
  return db !== null && articleIdByHash(db, hash) !== undefined
}

// The loading thread terminates this thread when its load is done; the read-only handle goes with it.
port.on('message', (message: ToWorker) => {
  for (const prepared of prepareFile(message.path, message.manifest, isStored)) {
    port.postMessage({ kind: 'prepared', index: message.index, prepared } satisfies FromWorker)
  }
  port.postMessage({ kind: 'done', index: message.index } satisfies FromWorker)
})
