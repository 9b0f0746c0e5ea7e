import t from 'tap'
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { annotate } from '../src/pipeline/index.js'
import { extractFile, extractPlain } from '../src/pipeline/extract.js'
import type { NewsDoc, Span } from '../src/pipeline/document.js'
import { polnear, seedFiles } from './helpers/paths.js'

/** Every span an annotation carries, labelled for the failure message. */
function spans(doc: NewsDoc): [string, Span][] {
  const out: [string, Span][] = []
  for (const m of doc.mentions) out.push([`mention ${m.type}`, m])
  for (const q of doc.quotes) {
    out.push(['quote', q])
    if (q.cue) out.push(['cue', q.cue])
    if (q.speakerMention) out.push(['speaker mention', q.speakerMention])
  }
  for (const p of doc.quotedPhrases) out.push([`quoted phrase ${p.kind}`, p])
  return out
}

function badSpans(doc: NewsDoc): string[] {
  const body = doc.article.body
  return spans(doc)
    .filter(([, s]) => !(s.start >= 0 && s.start < s.end && s.end <= body.length && body.slice(s.start, s.end) === s.text))
    .map(([kind, s]) => `${doc.doc}: ${kind} [${s.start},${s.end}) ${JSON.stringify(s.text)}`)
}

t.test('every annotation of the seeds points at its own text in the stored body', async (t) => {
  let total = 0
  for (const path of seedFiles()) {
    for (const { doc, article } of extractFile({ name: basename(path), content: readFileSync(path, 'utf8') })) {
      const annotated = annotate(doc, article)
      total += spans(annotated).length
      t.same(badSpans(annotated), [], `${doc}: all spans match the body`)
      t.ok(annotated.quotes.length > 0, `${doc}: has quotes`)
      t.ok(annotated.mentions.length > 0, `${doc}: has entity mentions`)
    }
  }
  t.ok(total > 40, `checked ${total} spans`)
})

for (const split of ['dev', 'train'] as const) {
  const articles = polnear(split)
  t.test(`every annotation of every PolNeAR ${split} article points at its own text`, { skip: articles ? false : 'no ../shared/data/polnear' }, async (t) => {
    const bad: string[] = []
    let total = 0
    for (const a of articles ?? []) {
      const { doc, article } = extractPlain(a.doc, a.text)
      const annotated = annotate(doc, article)
      total += spans(annotated).length
      bad.push(...badSpans(annotated))
    }
    t.same(bad.slice(0, 20), [], `no span off its text (${bad.length} bad of ${total})`)
    t.ok(total > 1000, `checked ${total} spans over ${articles!.length} articles`)
  })
}
