import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { Database } from 'better-sqlite3'
import type { ManifestEntry } from '../pipeline/extract.js'
import { beginLoad, loadInThisThread, loadPaths, type LoadOptions, type LoadSummary } from './loader.js'
import type { Prepared } from './prepare.js'

/** Messages between the loading thread and its workers. */
export type ToWorker = { kind: 'file'; index: number; path: string; manifest?: ManifestEntry }
export type FromWorker =
  | { kind: 'ready'; ms: number }
  | { kind: 'prepared'; index: number; prepared: Prepared }
  | { kind: 'done'; index: number }

/**
 * Files handed out but not yet written, per worker: enough to keep each busy, few enough that memory
 * stays flat. While this thread commits a batch (in a big archive, most of a second) it hands out
 * nothing, so the workers must hold enough files to annotate through a commit: with 4 each they ran
 * dry and sat idle for about half of a load into a 100,000-article archive.
 */
const FILES_IN_FLIGHT_PER_WORKER = 32

/** The default number of threads: one per core. */
export const defaultThreads = () => availableParallelism()

/**
 * The worker script beside this module: compiled JavaScript in dist/, or the TypeScript source when
 * running from src/ under tsx (workers inherit the parent's loader through its exec arguments).
 */
function workerScript(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './annotate-worker.ts' : './annotate-worker.js', import.meta.url)
}

/**
 * `loadPaths` with reading, extraction and annotation spread over `threads` worker threads. The
 * writes stay here, in this thread and in file order, through the same writer, so the archive is
 * the same whatever the threads' timing; a bounded number of files is in flight at any time.
 * `threads` 1 loads in this thread.
 */
export async function loadWithThreads(
  db: Database,
  paths: string[],
  options: LoadOptions & { threads?: number } = {},
): Promise<LoadSummary & { workerStartMs?: number }> {
  if ((options.threads ?? defaultThreads()) <= 1) return loadPaths(db, paths, options)
  const begun = beginLoad(db, paths, 1)
  const { plan, writer, finish, fail } = begun
  const threads = Math.min(options.threads ?? defaultThreads(), plan.files.length)
  if (threads <= 1) return loadInThisThread(db, begun, options)

  const database = db.memory ? null : db.name
  const workers = Array.from({ length: threads }, () => new Worker(workerScript(), { workerData: { database } }))
  const outstanding = new Map<Worker, number>(workers.map((w) => [w, 0]))
  const owner = new Map<number, Worker>()
  // Records that arrived ahead of their turn, by file index; the file at `nextToWrite` streams straight through.
  const early = new Map<number, { records: Prepared[]; done: boolean }>()
  let nextToSend = 0
  let nextToWrite = 0
  let workerStartMs = 0

  try {
    await new Promise<void>((resolve, reject) => {
      const send = () => {
        while (nextToSend < plan.files.length && nextToSend - nextToWrite < threads * FILES_IN_FLIGHT_PER_WORKER) {
          const worker = workers.reduce((a, b) => (outstanding.get(b)! < outstanding.get(a)! ? b : a))
          const { path, manifest } = plan.files[nextToSend]
          worker.postMessage({ kind: 'file', index: nextToSend, path, ...(manifest ? { manifest } : {}) } satisfies ToWorker)
          outstanding.set(worker, outstanding.get(worker)! + 1)
          owner.set(nextToSend, worker)
          nextToSend++
        }
        if (nextToWrite === plan.files.length) resolve()
      }
      const write = () => {
        for (let head = early.get(nextToWrite); head; head = early.get(nextToWrite)) {
          const path = plan.files[nextToWrite].path
          for (const prepared of head.records) writer.accept(path, prepared)
          head.records.length = 0
          if (!head.done) return
          early.delete(nextToWrite)
          const worker = owner.get(nextToWrite)!
          owner.delete(nextToWrite)
          outstanding.set(worker, outstanding.get(worker)! - 1)
          nextToWrite++
          options.onProgress?.(nextToWrite, plan.files.length)
        }
      }
      for (const worker of workers) {
        worker.on('message', (message: FromWorker) => {
          try {
            if (message.kind === 'ready') workerStartMs = Math.max(workerStartMs, message.ms)
            else {
              let file = early.get(message.index)
              if (!file) early.set(message.index, (file = { records: [], done: false }))
              if (message.kind === 'prepared') file.records.push(message.prepared)
              else file.done = true
              if (message.index === nextToWrite) write()
              send()
            }
          } catch (error) {
            reject(error)
          }
        })
        worker.on('error', reject)
        worker.on('exit', (code) => {
          if (nextToWrite < plan.files.length) reject(new Error(`a loader thread stopped (exit code ${code}) before the load was done`))
        })
      }
      send()
    })
    const summary = finish()
    return { ...summary, threads, workerStartMs }
  } catch (error) {
    return fail(error)
  } finally {
    // Idle once the load is done; on a failure, whatever they were still preparing is not wanted.
    await Promise.all(workers.map((worker) => worker.terminate()))
  }
}
