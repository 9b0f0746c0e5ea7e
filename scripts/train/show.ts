/** Prints the entities recogniseEntities finds in a text file: tsx scripts/train/show.ts FILE */
import { readFileSync } from 'node:fs'
import { emptyArticle, newDoc } from '../../src/pipeline/document.js'
import { recogniseEntities } from '../../src/pipeline/entities.js'

for (const path of process.argv.slice(2)) {
  const doc = newDoc(path, emptyArticle(readFileSync(path, 'utf8')))
  recogniseEntities(doc)
  for (const e of doc.entities) console.log(`${e.type.padEnd(6)} ${e.canonical.padEnd(30)} ${e.key.padEnd(34)} ${JSON.stringify(e.aliases)}`)
}
