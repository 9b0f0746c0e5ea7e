/**
 * Replies are written by fast-json-stringify, compiled once per route and status from the JSON
 * Schema zod derives from the route's response schema, instead of checking every reply with zod
 * and then calling JSON.stringify: the zod check cost about as much as the stringify itself. The
 * output is the same bytes (the schema orders keys as zod does, drops keys it does not declare and
 * leaves out absent optional ones); test/serialisation-equivalence.test.ts holds it to that.
 */
import fastJson from 'fast-json-stringify'
import { z } from 'zod'

type Json = Record<string, unknown>

// Documentation only: fast-json-stringify would act on `format` (it writes a null date-time as "").
const DROPPED = new Set(['format', 'description', 'examples'])

/**
 * The schema without its documentation keywords, and with every nullable `anyOf: [T, null]` said
 * without anyOf: `type: [T, 'null']` for a plain type, T itself marked `nullable` for an object or
 * array (a `$ref` is inlined to carry the mark). fast-json-stringify then needs no run-time schema
 * match: an anyOf makes it compile a validator (Ajv) at the first reply, ~0.1–0.2 s of a
 * server's start. Inside a `properties` map the keys are property names (an object may well have
 * a `description`), kept.
 */
function simplify(value: unknown, definitions: Json, propertyMap = false): unknown {
  if (Array.isArray(value)) return value.map((v) => simplify(v, definitions))
  if (!value || typeof value !== 'object') return value
  const entries = Object.entries(value as Json).filter(([k]) => propertyMap || !DROPPED.has(k))
  const node = Object.fromEntries(
    entries.map(([k, v]) => [k, simplify(v, definitions, !propertyMap && (k === 'properties' || k === 'definitions'))]),
  ) as Json
  if (propertyMap) return node
  const anyOf = node.anyOf as Json[] | undefined
  if (anyOf?.length !== 2) return node
  const nul = anyOf.findIndex((s) => s.type === 'null' && Object.keys(s).length === 1)
  const other = nul >= 0 ? anyOf[1 - nul] : undefined
  if (!other || other.anyOf) return node
  const { anyOf: _anyOf, ...rest } = node
  if (typeof other.type === 'string' && other.type !== 'object' && other.type !== 'array' && !other.$ref) {
    return { ...rest, ...other, type: [other.type, 'null'] }
  }
  const ref = typeof other.$ref === 'string' ? /^#\/definitions\/([^/]+)$/.exec(other.$ref) : null
  const target = ref ? (simplify(definitions[ref[1]], definitions) as Json | undefined) : other
  if (!target || (target.type !== 'object' && target.type !== 'array')) return node
  return { ...rest, ...target, nullable: true }
}

/** The JSON Schema fast-json-stringify compiles for one response schema. */
export function responseJsonSchema(schema: z.ZodType): Json {
  const json = z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'any' }) as Json
  return simplify(json, (json.definitions as Json | undefined) ?? {}) as Json
}

// Shared schemas (the problem document answers most statuses of every route) compile once.
const compiled = new WeakMap<z.ZodType, (data: unknown) => string>()

function compiledWriter(schema: z.ZodType): (data: unknown) => string {
  let write = compiled.get(schema)
  if (!write) {
    write = fastJson(responseJsonSchema(schema))
    compiled.set(schema, write)
  }
  return write
}

/**
 * The writer for one response schema, compiled when it first writes: compiling every route's and
 * status's writer up front took about 0.2 s of a server's start, most of them for answers a
 * process may never send.
 */
export function compileResponse(schema: z.ZodType): (data: unknown) => string {
  let write: ((data: unknown) => string) | undefined
  return (data) => (write ??= compiledWriter(schema))(data)
}

/** Fastify's serializerCompiler hook: one compiled writer per route and status. */
export const serializerCompiler = ({ schema }: { schema: unknown }) => compileResponse(schema as z.ZodType)
