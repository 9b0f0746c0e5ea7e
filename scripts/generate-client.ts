/**
 * Writes openapi/client.d.ts: the TypeScript types of the API generated from openapi/openapi.json
 * by openapi-typescript, for typed clients (openapi-fetch). `--check` exits 1 when the committed
 * file is stale instead of writing it.
 *
 *   npx tsx scripts/generate-client.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript'

export const specFile = fileURLToPath(new URL('../openapi/openapi.json', import.meta.url))
export const clientFile = fileURLToPath(new URL('../openapi/client.d.ts', import.meta.url))

/** The client types for the document as it is on disk (what the CLI `openapi-typescript` prints). */
export async function clientTypes(spec = readFileSync(specFile, 'utf8')): Promise<string> {
  return COMMENT_HEADER + astToString(await openapiTS(spec))
}

async function main(argv: string[]): Promise<number> {
  const text = await clientTypes()
  if (argv.includes('--check')) {
    const stale = readFileSync(clientFile, 'utf8') !== text
    if (stale) process.stderr.write('openapi/client.d.ts is stale: run npx tsx scripts/generate-client.ts\n')
    return stale ? 1 : 0
  }
  writeFileSync(clientFile, text)
  process.stderr.write(`wrote ${clientFile}\n`)
  return 0
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code))
}
