/**
 * Spectral's OpenAPI ruleset (.spectral.yaml extends spectral:oas) finds no error in the committed
 * document; its warnings are listed in the output so they can be fixed before they pile up.
 */
import t from 'tap'
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { root } from '../helpers/paths.js'

interface Finding {
  code: string
  message: string
  path: string[]
  severity: number // 0 error, 1 warning, 2 info, 3 hint
}

const dir = mkdtempSync(join(tmpdir(), 'quotewire-spectral-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))
const out = join(dir, 'findings.json')

// --fail-severity=error: the exit status says whether errors were found; the findings go to a file
// so that Spectral's own console lines cannot mix with the JSON.
const run = await promisify(execFile)(
  join(root, 'node_modules', '.bin', 'spectral'),
  ['lint', 'openapi/openapi.json', '--ruleset', '.spectral.yaml', '-f', 'json', '-o', out, '--fail-severity', 'error'],
  { cwd: root },
).then(
  () => 0,
  (error: { code?: number; stderr?: string }) => {
    if (typeof error.code !== 'number') throw error
    t.comment(error.stderr ?? '')
    return error.code
  },
)

const findings = JSON.parse(readFileSync(out, 'utf8')) as Finding[]
const line = (f: Finding) => `${f.code} at ${f.path.join('.')}: ${f.message}`
const errors = findings.filter((f) => f.severity === 0)
const warnings = findings.filter((f) => f.severity === 1)

t.same(errors.map(line), [], 'spectral:oas reports no error')
t.equal(run, 0, 'spectral exits 0 with --fail-severity=error')
for (const w of warnings) t.comment(`warning: ${line(w)}`)
t.ok(Array.isArray(findings), `spectral ran (${findings.length} findings: ${errors.length} errors, ${warnings.length} warnings)`)
