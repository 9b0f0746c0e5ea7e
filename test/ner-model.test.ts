import t from 'tap'
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { decodeModelFile, encodeModel, modelPath } from '../src/pipeline/ner/model.js'
import { NTAGS } from '../src/pipeline/ner/features.js'

const shipped = () => gunzipSync(readFileSync(modelPath()))

t.test('the shipped entity model reads back to the bytes it was written as', async (t) => {
  const bytes = shipped()
  const { model, scale } = decodeModelFile(bytes)
  // What training hands to encodeModel: weights on their original scale, one row per bucket.
  const dense = new Float64Array(model.nBuckets * NTAGS)
  for (let b = 0; b < model.nBuckets; b++) {
    const row = model.rows![b] * NTAGS
    for (let k = 0; k < NTAGS; k++) dense[b * NTAGS + k] = model.weights[row + k] / scale
  }
  const again = encodeModel({ nBuckets: model.nBuckets, classes: model.classes, names: model.names, weights: dense }, scale)
  t.ok(again.equals(bytes), 'decode then encode is the identity')
  t.ok(model.classes.size > 10_000, `${model.classes.size} word classes`)
  t.ok(model.names.split('\n').length > 30_000, 'the lists of names the features saw in training')
  const kept = new Set(model.rows).size - 1
  t.ok(kept > 0 && kept < model.nBuckets / 4, `${kept} of ${model.nBuckets} buckets carry weights`)
  t.equal(model.weights.slice(0, NTAGS).join(), new Array(NTAGS).fill(0).join(), 'row 0 (no weights) is all zeros')
})

t.test('a damaged or foreign file is refused with a message, not read as weights', async (t) => {
  const bytes = shipped()
  t.throws(() => decodeModelFile(Buffer.from('QWNER3\n' + 'x'.repeat(64))), /not an entity tagger model/)
  const cut = Buffer.from(bytes)
  // Knock out the end-of-number bits of the first distances: the distances then overrun their section.
  const hlen = cut.readUInt32LE(7)
  for (let i = 11 + hlen; i < 11 + hlen + 64; i++) cut[i] |= 0x80
  t.throws(() => decodeModelFile(cut), /damaged/)
})
