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
 * The schema without its documentation keywords, and with `anyOf: [T, null]` as `type: [T, 'null']`
 * where T is a plain type: fast-json-stringify then needs no run-time schema match. Inside a
 * `properties` map the keys are property names (an object may well have a `description`), kept.
 */
function simplify(value: unknown, propertyMap = false): unknown {
  if (Array.isArray(value)) return value.map((v) => simplify(v))
  if (!value || typeof value !== 'object') return value
  const entries = Object.entries(value as Json).filter(([k]) => propertyMap || !DROPPED.has(k))
  const node = Object.fromEntries(entries.map(([k, v]) => [k, simplify(v, !propertyMap && (k === 'properties' || k === 'definitions'))])) as Json
  if (propertyMap) return node
  const anyOf = node.anyOf as Json[] | undefined
  if (anyOf?.length === 2) {
    const nul = anyOf.findIndex((s) => s.type === 'null' && Object.keys(s).length === 1)
    const other = anyOf[1 - nul]
    if (nul >= 0 && other && typeof other.type === 'string' && other.type !== 'object' && other.type !== 'array' && !other.anyOf && !other.$ref) {
      const { anyOf: _anyOf, ...rest } = node
      return { ...rest, ...other, type: [other.type, 'null'] }
    }
  }
  return node
}

/** The JSON Schema fast-json-stringify compiles for one response schema. */
export function responseJsonSchema(schema: z.ZodType): Json {
  const json = z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'any' }) as Json
  return simplify(json) as Json
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
