import { MessageChannel, receiveMessageOnPort, Worker, type TransferListItem } from 'node:worker_threads'
import type { Batch, Linking, PlanOptions } from './plan.js'

/** Slots of the shared counters: batches posted by the worker, batches taken by the writer. */
export const PRODUCED = 0
export const CONSUMED = 1
/** Batches the worker may have written that the writer has not taken yet. */
export const AHEAD = 4
const STALLED_MS = 120_000

export type ProducerMessage = { kind: 'batch'; batch: Batch } | { kind: 'done'; stories: number } | { kind: 'error'; message: string }

/**
 * Starts the producer. Under tsx the worker is TypeScript, and on Node 20 a worker does not inherit
 * the loader hooks tsx registered: a two-line bootstrap registers them in the worker first.
 */
function startWorker(workerData: unknown, transferList: TransferListItem[]): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./producer-worker.js', import.meta.url), { workerData, transferList })
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'))
  const script = JSON.stringify(new URL('./producer-worker.ts', import.meta.url).href)
  return new Worker(`import(${tsx}).then(({ register }) => { register(); return import(${script}) })`, { eval: true, workerData, transferList })
}

/**
 * The same batches as produceBatches, written by a worker thread while the caller stores the
 * previous ones: on two cores, writing the articles' text and annotations leaves the writing
 * thread. Synchronous, like the store's transactions: the caller blocks on shared counters
 * (Atomics.wait) and takes each batch with receiveMessageOnPort, so no event loop turn is needed.
 */
export function* batchesFromWorker(options: PlanOptions, batchSize: number, linking: Linking): Generator<Batch, number> {
  const { port1, port2 } = new MessageChannel()
  const buffer = new SharedArrayBuffer(8)
  const state = new Int32Array(buffer)
  const worker = startWorker({ options, batchSize, linking, port: port2, state: buffer }, [port2])
  worker.unref()
  try {
    let taken = 0
    let lastMessage = Date.now()
    for (;;) {
      const produced = Atomics.load(state, PRODUCED)
      const received = receiveMessageOnPort(port1)
      if (!received) {
        // Nothing posted since `produced` was read: wait for the next post (a timeout re-checks).
        if (produced === taken) Atomics.wait(state, PRODUCED, produced, 1000)
        // A worker that failed to start posts nothing, and its error event needs the event loop.
        if (Date.now() - lastMessage > STALLED_MS) throw new Error('generator worker: no batch for two minutes')
        continue
      }
      taken++
      lastMessage = Date.now()
      const message = received.message as ProducerMessage
      if (message.kind === 'error') throw new Error(`generator worker: ${message.message}`)
      if (message.kind === 'done') return message.stories
      Atomics.add(state, CONSUMED, 1)
      Atomics.notify(state, CONSUMED)
      yield message.batch
    }
  } finally {
    port1.close()
    void worker.terminate()
  }
}
