/**
 * Worker thread of the generator: writes the archive's articles (bench/generate/plan.ts) and posts
 * them batch by batch to the writing thread, staying at most AHEAD batches in front of it.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads'
import { produceBatches, type Linking, type PlanOptions } from './plan.js'
import { AHEAD, CONSUMED, PRODUCED, type ProducerMessage } from './threaded.js'

const { options, batchSize, linking, port, state: buffer } = workerData as { options: PlanOptions; batchSize: number; linking: Linking; port: MessagePort; state: SharedArrayBuffer }
const state = new Int32Array(buffer)

function post(message: ProducerMessage) {
  port.postMessage(message)
  Atomics.add(state, PRODUCED, 1)
  Atomics.notify(state, PRODUCED)
}

try {
  const batches = produceBatches(options, batchSize, linking)
  let sent = 0
  for (;;) {
    // Backpressure: a million articles held in memory at once would take gigabytes.
    for (let consumed = Atomics.load(state, CONSUMED); sent - consumed >= AHEAD; consumed = Atomics.load(state, CONSUMED)) {
      Atomics.wait(state, CONSUMED, consumed)
    }
    const next = batches.next()
    if (next.done) {
      post({ kind: 'done', stories: next.value })
      break
    }
    post({ kind: 'batch', batch: next.value })
    sent++
  }
} catch (error) {
  post({ kind: 'error', message: (error as Error).stack ?? String(error) })
}
port.close()
parentPort?.close()
