/**
 * Bundles the compiled command line into dist/quotewire.js (what `npm start` and the container run)
 * and its loader thread into dist/annotate-worker.js beside it: one file each instead of ~500
 * modules resolved, read and linked one by one, which was a third of a server's start.
 *
 * better-sqlite3 (a native addon) and @fastify/swagger-ui (it serves files from beside its own
 * sources) stay in node_modules. Run by `npm run build` after tsc.
 */
import { build } from 'esbuild'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** Each bundle in dist/ and the compiled module it starts from. */
export const BUNDLES = { quotewire: 'dist/cli.js', 'annotate-worker': 'dist/load/annotate-worker.js' } as const

const root = fileURLToPath(new URL('..', import.meta.url))

export async function bundle(): Promise<void> {
  await build({
    absWorkingDir: root,
    entryPoints: BUNDLES,
    outdir: 'dist',
    bundle: true,
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
