/**
 * Bundles the compiled command line into dist/quotewire.js (what `npm start` and the container run)
 * and its loader thread into dist/annotate-worker.js beside it: a few files instead of ~500 modules
 * resolved, read and linked one by one, which was a third of a server's start. Each command is its
 * own chunk, loaded when it runs: `load`, `migrate` and `keys` do not compile the
 * server's 3.5 MB (Fastify, zod, Swagger), which halves their start (0.38 → 0.16 CPU-s for --help).
 *
 * better-sqlite3 (a native addon) and @fastify/swagger-ui (it serves files from beside its own
 * sources) stay in node_modules. Run by `npm run build` after tsc.
 */
import { build } from 'esbuild'
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** Each bundle in dist/ and the compiled module it starts from. */
export const BUNDLES = { quotewire: 'dist/cli.js', 'annotate-worker': 'dist/load/annotate-worker.js' } as const

/** A chunk's file name: what esbuild names `[name]-[hash]` (tsc's own output has no hash). */
const CHUNK = /^[\w-]+-[A-Z0-9]{8}\.js(\.map|\.LEGAL\.txt)?$/

const root = fileURLToPath(new URL('..', import.meta.url))

export async function bundle(): Promise<void> {
  // Chunks sit beside the entry points (the code finds the worker and models/ relative to itself);
  // their names carry a content hash, so the previous build's are removed or dist/ collects them.
  const dist = fileURLToPath(new URL('../dist/', import.meta.url))
  for (const name of existsSync(dist) ? readdirSync(dist) : []) if (CHUNK.test(name)) rmSync(join(dist, name))
  await build({
    absWorkingDir: root,
    entryPoints: BUNDLES,
    outdir: 'dist',
    bundle: true,
    splitting: true,
    chunkNames: '[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3', '@fastify/swagger-ui'],
    // The CommonJS packages inside call require() for Node's own modules; an ES module has none.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    sourcemap: 'linked',
    legalComments: 'linked',
    logLevel: 'warning',
  })
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await bundle()
