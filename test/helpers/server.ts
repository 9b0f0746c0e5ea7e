import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { builtCli, nodeCommand, root } from './paths.js'

export interface RunningServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string
  port: number
  /** Everything the server wrote to stderr and stdout so far (for failure messages). */
  output(): string
  stop(): Promise<void>
  /** Kills the server process outright (SIGKILL) and resolves once it is gone: a crash, not a shutdown. */
  crash(): Promise<void>
}

/** A port nobody listens on right now, picked by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.unref()
    probe.on('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

/**
 * Starts `quotewire serve` as its own process (the compiled command line, as `npm start` runs it)
 * on a free loopback port against `database`, and resolves once /healthz answers.
 * Pass `t` to have it stopped when the test ends.
 */
export async function startServer(options: {
  database: string
  t?: { teardown(fn: () => void | Promise<void>): void }
  env?: Record<string, string>
  /** Options for node itself, before the script (e.g. `--inspect=127.0.0.1:0`). */
  nodeOptions?: string[]
  timeoutMs?: number
}): Promise<RunningServer> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child: ChildProcess = spawn(...nodeCommand([...(options.nodeOptions ?? []), builtCli(), 'serve']), {
    cwd: root,
    env: {
      // Not the test runner's loaders: the server is a plain process.
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: options.database,
      LOG_LEVEL: 'warn',
      // The event-loop overload guard off: with three test files on two cores a server's event loop
      // lags by design now and then, and it would answer 503 to what a test checks (shedding is
      // tested on its own in test/limits.test.ts). A test may turn it back on through `env`.
      MAX_EVENT_LOOP_DELAY_MS: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  child.stdout?.on('data', (chunk) => (log += chunk))
  child.stderr?.on('data', (chunk) => (log += chunk))
  let exited: number | null = null
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = code ?? (signal ? 128 : 0)
      resolve()
    }),
  )

  const stop = async () => {
    if (exited === null) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exit
      clearTimeout(timer)
    }
  }
  const crash = async () => {
    if (exited === null) {
      child.kill('SIGKILL')
      await exit
    }
  }
  options.t?.teardown(stop)

  const deadline = Date.now() + (options.timeoutMs ?? 30_000)
  for (;;) {
    if (exited !== null) throw new Error(`the server exited with status ${exited} before answering:\n${log}`)
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) })
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`the server did not answer /healthz within ${options.timeoutMs ?? 30_000} ms:\n${log}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return { url, port, output: () => log, stop, crash }
}

/* ---- The contract the server answers to: the committed OpenAPI document and its schemas ---- */

export type OpenApiDocument = {
  openapi: string
  tags?: { name: string }[]
  components: { schemas: Record<string, unknown> }
  paths: Record<string, Record<string, OpenApiOperation>>
}

export interface OpenApiParameter {
  name: string
  in: string
  required?: boolean
  description?: string
  schema?: unknown
  example?: unknown
  examples?: Record<string, { value: unknown }>
}

export interface OpenApiOperation {
  operationId?: string
  summary?: string
  description?: string
  tags?: string[]
  parameters?: OpenApiParameter[]
  responses: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>
}

export const openapiFile = join(root, 'openapi', 'openapi.json')

export function readOpenapi(): OpenApiDocument {
  return JSON.parse(readFileSync(openapiFile, 'utf8')) as OpenApiDocument
}

/** Every operation of the document, with its method and path template. */
export function operations(doc: OpenApiDocument): { method: string; path: string; op: OpenApiOperation }[] {
  const out: { method: string; path: string; op: OpenApiOperation }[] = []
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (['get', 'put', 'post', 'delete', 'patch', 'head', 'options'].includes(method)) out.push({ method, path, op })
    }
  }
  return out
}

const DOC_ID = 'urn:quotewire:openapi'

/** `#/components/…` references made absolute, so a schema compiled on its own reaches the document's components. */
function absoluteRefs(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(absoluteRefs)
  if (schema && typeof schema === 'object') {
    return Object.fromEntries(
      Object.entries(schema).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#') ? DOC_ID + v : absoluteRefs(v)]),
    )
  }
  return schema
}

export interface SchemaCheck {
  (value: unknown): { ok: true } | { ok: false; errors: string }
}

/**
 * JSON Schema 2020-12 validation (what OpenAPI 3.1 schemas are) with the document's components:
 * `schemaCheck(schema)` compiles any schema of the document, `responseCheck(op, status, type)`
 * the one of a response. Formats (date-time, uri, …) are checked too.
 */
export function contractValidator(doc: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats.default(ajv)
  ajv.addSchema({ $id: DOC_ID, components: doc.components })
  const cache = new Map<unknown, ValidateFunction>()
  const schemaCheck = (schema: unknown): SchemaCheck => {
    let validate = cache.get(schema)
    if (!validate) {
      validate = ajv.compile(absoluteRefs(schema) as object)
      cache.set(schema, validate)
    }
    const v = validate
    return (value) => (v(value) ? { ok: true } : { ok: false, errors: ajv.errorsText(v.errors, { separator: '; ' }) })
  }
  const responseCheck = (op: OpenApiOperation, status: number, contentType: string): SchemaCheck | null => {
    const response = op.responses[String(status)]
    const schema = response?.content?.[contentType]?.schema
    return schema === undefined ? null : schemaCheck(schema)
  }
  return { schemaCheck, responseCheck }
}
