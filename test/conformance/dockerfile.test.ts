/**
 * What can be checked of the Dockerfile without a Docker engine: every COPY has a source (in the
 * repository and not ignored, or produced by the stage it is copied from), the command runs what
 * the build produces, the port is the configuration's, the runtime stage is slim, runs as a
 * non-root user, carries every folder the server looks up at run time, keeps its database in a
 * volume the user can write, and probes /healthz without curl.
 */
import t from 'tap'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, posix } from 'node:path'
import { loadConfig } from '../../src/config.js'
import { root } from '../helpers/paths.js'
import { BUNDLES } from '../../scripts/bundle.js'

interface Instruction {
  op: string
  args: string
  line: number
}

interface Stage {
  image: string
  name: string | null
  instructions: Instruction[]
}

/** Stages and instructions of a Dockerfile: continuation lines joined, comments dropped. */
function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = []
  let pending = ''
  let start = 0
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim()
    if (!pending && (line === '' || line.startsWith('#'))) return
    if (!pending) start = i + 1
    if (line.startsWith('#')) return
    if (line.endsWith('\\')) {
      pending += line.slice(0, -1) + ' '
      return
    }
    const full = (pending + line).trim()
    pending = ''
    const [, op, args] = full.match(/^(\w+)\s+([\s\S]*)$/) ?? []
    if (!op) return
    const instruction = { op: op.toUpperCase(), args: args.trim(), line: start }
    if (instruction.op === 'FROM') {
      const [, image, name] = instruction.args.match(/^(\S+)(?:\s+AS\s+(\S+))?/i) ?? []
      stages.push({ image, name: name ?? null, instructions: [] })
    } else stages.at(-1)?.instructions.push(instruction)
  })
  return stages
}

/** Exec-form arguments (["a", "b"]) or shell words. */
function words(args: string): string[] {
  return args.startsWith('[') ? (JSON.parse(args) as string[]) : args.split(/\s+/)
}

function copyParts(args: string): { flags: Record<string, string>; sources: string[]; dest: string } {
  const parts = words(args)
  const flags: Record<string, string> = {}
  while (parts[0]?.startsWith('--')) {
    const [k, v] = parts.shift()!.slice(2).split('=')
    flags[k] = v ?? ''
  }
  return { flags, sources: parts.slice(0, -1), dest: parts.at(-1)! }
}

const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8')
const stages = parseDockerfile(dockerfile)
const build = stages[0]
const runtime = stages.at(-1)!
const env = (stage: Stage) =>
  Object.fromEntries(
    stage.instructions
      .filter((i) => i.op === 'ENV')
      .flatMap((i) => [...i.args.matchAll(/(\w+)=("[^"]*"|\S+)/g)].map((m) => [m[1], m[2].replace(/^"|"$/g, '')])),
  )
const runs = (stage: Stage) => stage.instructions.filter((i) => i.op === 'RUN').map((i) => i.args)
const last = (stage: Stage, op: string) => stage.instructions.filter((i) => i.op === op).at(-1)
const dockerignore = readFileSync(join(root, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'))

/** Whether .dockerignore keeps `path` out of the build context (exact names, folders, *.ext and ! exceptions). */
function ignored(path: string): boolean {
  let out = false
  for (const pattern of dockerignore) {
    const negate = pattern.startsWith('!')
    const p = negate ? pattern.slice(1) : pattern
    const re = new RegExp('^' + p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*') + '(/.*)?$')
    if (re.test(path)) out = !negate
  }
  return out
}

t.test('two stages: a full build image, a slim runtime', async (t) => {
  t.ok(stages.length >= 2, `${stages.length} stages`)
  t.match(build.image, /^node:20-bookworm$/, `build stage from ${build.image}`)
  t.match(runtime.image, /^node:20-bookworm-slim$/, `runtime stage from ${runtime.image}`)
  t.ok(runs(build).some((r) => /\bnpm ci\b/.test(r)), 'the build stage installs with npm ci (the lock file)')
  t.ok(runs(build).some((r) => /\bnpm run build\b/.test(r)), 'the build stage runs npm run build')
  t.ok(runs(build).some((r) => /\bnpm prune --omit=dev\b/.test(r)), 'dev dependencies are pruned before node_modules is copied on')
})

t.test('every COPY has a source', async (t) => {
  const named = new Map(stages.map((s, i) => [s.name ?? String(i), s]))
  stages.forEach((stage) => {
    for (const copy of stage.instructions.filter((i) => i.op === 'COPY' || i.op === 'ADD')) {
      const { flags, sources } = copyParts(copy.args)
      for (const source of sources) {
        const label = `line ${copy.line}: ${copy.op} ${source}`
        if (flags.from === undefined) {
          t.ok(existsSync(join(root, source)), `${label} exists in the repository`)
          t.notOk(ignored(source.replace(/^\.\//, '').replace(/\/$/, '')), `${label} is not excluded by .dockerignore`)
          continue
        }
        const from = named.get(flags.from)
        if (!from) {
          t.fail(`${label}: no stage named ${flags.from}`)
          continue
        }
        t.ok(produced(from, source), `${label} is produced by stage ${flags.from}`)
      }
    }
  })
})

/** Whether `path` exists in `stage` after its instructions: copied in, or made by one of its RUNs. */
function produced(stage: Stage, path: string): boolean {
  const workdir = last(stage, 'WORKDIR')?.args ?? '/'
  const absolute = (p: string) => posix.resolve(workdir, p)
  const target = absolute(path)
  const build = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8')) as { compilerOptions?: { outDir?: string } }
  const outDir = absolute(build.compilerOptions?.outDir ?? 'dist')
  for (const i of stage.instructions) {
    if (i.op === 'COPY' && !copyParts(i.args).flags.from) {
      const { sources, dest } = copyParts(i.args)
      const d = absolute(dest)
      if (sources.some((s) => target === (dest.endsWith('/') ? posix.join(d, posix.basename(s)) : d))) return true
    }
    if (i.op !== 'RUN') continue
    if (target === absolute('node_modules') && /\bnpm ci\b/.test(i.args)) return true
    if (target === outDir && /\bnpm run build\b/.test(i.args)) return true
    if (new RegExp(`mkdir -p ${target}(\\s|$)`).test(i.args)) return true
  }
  return false
}

t.test('the command runs what the build produces', async (t) => {
  const cmd = last(runtime, 'CMD')
  t.ok(cmd?.args.startsWith('['), 'CMD in exec form (signals reach node)')
  const [node, script, command] = words(cmd!.args)
  t.equal(node, 'node', 'CMD runs node')
  t.equal(command, 'serve', 'CMD serves')
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; bin: Record<string, string> }
  t.match(pkg.scripts.build, /tsc -p tsconfig\.build\.json/, 'npm run build compiles tsconfig.build.json')
  const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8')) as { compilerOptions: { rootDir: string; outDir: string } }
  // The command is a bundle (scripts/bundle.ts) of a module compiled from src/.
  const bundled = BUNDLES[posix.basename(script, '.js') as keyof typeof BUNDLES]
  t.ok(bundled, `${script} is one of the bundles npm run build makes`)
  t.match(pkg.scripts.build, /scripts\/bundle\.ts/, 'npm run build bundles')
  const source = (bundled ?? script).replace(new RegExp(`^${tsconfig.compilerOptions.outDir}/`), `${tsconfig.compilerOptions.rootDir}/`).replace(/\.js$/, '.ts')
  t.ok(existsSync(join(root, source)), `${script} is built from ${source}`)
  t.equal(pkg.bin.quotewire, script, `${script} is also the package's bin`)
  t.ok(produced(build, tsconfig.compilerOptions.outDir), `the build stage produces ${tsconfig.compilerOptions.outDir}/`)
  t.ok(
    runtime.instructions.some((i) => i.op === 'COPY' && copyParts(i.args).sources.some((s) => posix.basename(s) === tsconfig.compilerOptions.outDir)),
    `the runtime stage copies ${tsconfig.compilerOptions.outDir}/`,
  )
})

t.test('the port is the configuration default', async (t) => {
  const { PORT } = loadConfig({})
  const exposed = runtime.instructions.filter((i) => i.op === 'EXPOSE').map((i) => Number(i.args.split('/')[0]))
  t.same(exposed, [PORT], `EXPOSE ${PORT}`)
  const portEnv = env(runtime).PORT
  if (portEnv !== undefined) t.equal(Number(portEnv), PORT, 'ENV PORT agrees')
  t.equal(env(runtime).HOST ?? '0.0.0.0', '0.0.0.0', 'listens on every interface of the container')
})

t.test('the runtime stage: no build tools, not root', async (t) => {
  for (const run of runs(runtime)) {
    t.notMatch(run, /apt-get install[^&]*\b(build-essential|gcc|g\+\+|make|python3|curl|wget)\b/, `no build tools or curl installed: ${run}`)
    t.notMatch(run, /\bnpm (ci|install)\b/, `no install in the runtime stage: ${run}`)
  }
  const user = last(runtime, 'USER')?.args
  t.ok(user && !/^(root|0)(:|$)/.test(user), `runs as ${user}`)
  const userAt = runtime.instructions.findIndex((i) => i.op === 'USER')
  const cmdAt = runtime.instructions.findIndex((i) => i.op === 'CMD')
  t.ok(userAt >= 0 && userAt < cmdAt, 'USER is set before CMD')
})

t.test('the database: built in, in a volume, writable by the user', async (t) => {
  const database = env(runtime).DATABASE_PATH
  t.ok(database?.startsWith('/'), `DATABASE_PATH=${database}`)
  const folder = posix.dirname(database!)
  const volumes = runtime.instructions.filter((i) => i.op === 'VOLUME').flatMap((i) => words(i.args))
  t.ok(volumes.includes(folder), `VOLUME ${folder}`)
  const migrateRun = runs(build).find((r) => /dist\/quotewire\.js migrate\b/.test(r))
  const loadRun = runs(build).find((r) => /dist\/quotewire\.js load\b.*\bseeds\/?/.test(r))
  t.ok(migrateRun?.includes(database!), 'the build migrates that database')
  t.ok(loadRun?.includes(database!), 'the build loads seeds/ into it')
  const copy = runtime.instructions.find((i) => i.op === 'COPY' && copyParts(i.args).sources.includes(folder))
  t.ok(copy, `the runtime stage copies ${folder} from the build`)
  const user = last(runtime, 'USER')?.args.split(':')[0]
  t.match(copy ? copyParts(copy.args).flags.chown ?? '' : '', new RegExp(`^${user}(:|$)`), `${folder} belongs to ${user} (SQLite writes its WAL beside the file)`)
})

t.test('the runtime stage carries every folder the server looks up', async (t) => {
  // projectFolder('x') finds x/ beside package.json at run time; `openapi --write` is a development command.
  const lookups = new Set<string>()
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (name.endsWith('.ts')) {
        for (const m of readFileSync(path, 'utf8').matchAll(/projectFolder\('([\w.-]+)'\)/g)) if (!path.includes('commands/openapi')) lookups.add(m[1])
        for (const m of readFileSync(path, 'utf8').matchAll(/new URL\(`(?:\.\.\/)+([\w.-]+)\//g)) lookups.add(m[1])
      }
    }
  }
  walk(join(root, 'src'))
  const copied = new Set(
    runtime.instructions.filter((i) => i.op === 'COPY').flatMap((i) => copyParts(i.args).sources.map((s) => posix.basename(s))),
  )
  t.ok(copied.has('package.json'), 'package.json (projectFolder looks for it)')
  for (const folder of lookups) t.ok(copied.has(folder), `${folder}/ is in the runtime image (looked up at run time)`)
})

t.test('HEALTHCHECK probes /healthz with node', async (t) => {
  const check = last(runtime, 'HEALTHCHECK')
  t.ok(check, 'HEALTHCHECK present')
  t.match(check!.args, /CMD/, 'with a command')
  t.match(check!.args, /\/healthz/, 'on /healthz')
  t.match(check!.args, /"node"|\bnode\b/, 'run by node (no curl in the slim image)')
  t.notMatch(check!.args, /\b(curl|wget)\b/, 'no curl or wget')
  t.match(check!.args, /process\.env\.PORT \|\| 3000|:3000\b/, 'on the port the server listens on')
  const body = check!.args.match(/CMD\s+(\[.*\])\s*$/)?.[1]
  const script = body ? (JSON.parse(body) as string[])[2] : ''
  t.doesNotThrow(() => new Function(script), 'the probe is valid JavaScript')
})

t.test('.dockerignore keeps local state out of the context', async (t) => {
  for (const path of ['node_modules', 'dist', '.git', 'quotewire.db', 'quotewire.db-wal', '.env']) t.ok(ignored(path), `${path} ignored`)
  t.notOk(ignored('.env.example'), '.env.example kept')
})
