/**
 * postinstall: builds tap's test class with the plugins package.json lists, once, when the
 * dependencies are installed (the build lives in node_modules and an install replaces it).
 *
 * Why: package.json leaves out @tapjs/typescript (tests load through tsx). Finding its build out of
 * date, tap rebuilds it during the first `npm test` after an install, but that run still starts
 * every test file with the default plugins' loaders, and the TypeScript one compiles nothing here
 * yet costs about 3 CPU-seconds per test process: some 90 s of a fresh clone's first test run.
 *
 * An install without dev dependencies has no tap, and nothing to prepare.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import process from 'node:process'
import { fileURLToPath, URL } from 'node:url'

const tap = fileURLToPath(new URL('../node_modules/tap/dist/esm/run.mjs', import.meta.url))
if (existsSync(tap)) {
  const { status, signal } = spawnSync(process.execPath, [tap, 'build'], { stdio: 'inherit' })
  // A failed build is not fatal: tap builds itself again at the start of the next run.
  if (status !== 0) process.stderr.write(`prepare-tap: \`tap build\` ended with ${signal ?? `status ${status}`}; the first test run will rebuild it\n`)
}
