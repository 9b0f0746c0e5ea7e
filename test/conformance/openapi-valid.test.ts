/**
 * The committed OpenAPI document is a valid OpenAPI 3.1 description that a reader (or a client
 * generator) can rely on: every operation is named, tagged and explained, every parameter is
 * documented with an example its own schema accepts, and every status an operation answers with
 * has a schema — problem documents included.
 */
import t from 'tap'
import { validate } from '@readme/openapi-parser'
import { contractValidator, openapiFile, operations, readOpenapi } from '../helpers/server.js'

const doc = readOpenapi()
const ops = operations(doc)
const { schemaCheck } = contractValidator(doc)

t.test('valid OpenAPI 3.1 by @readme/openapi-parser', async (t) => {
  const result = await validate(openapiFile)
  t.ok(result.valid, 'the parser accepts the document')
  if (!result.valid) t.comment(JSON.stringify(result.errors, null, 2))
  t.same(result.warnings, [], 'no warnings')
  t.match(doc.openapi, /^3\.1\.\d+$/, 'declares OpenAPI 3.1')
  t.ok(ops.length >= 16, `describes the API (${ops.length} operations)`)
})

t.test('every operation is named, tagged and described', async (t) => {
  const declaredTags = new Set((doc.tags ?? []).map((tag) => tag.name))
  const ids = new Set<string>()
  for (const { method, path, op } of ops) {
    const where = `${method.toUpperCase()} ${path}`
    t.ok(op.operationId && /^[a-z][A-Za-z0-9]*$/.test(op.operationId), `${where}: operationId "${op.operationId}"`)
    t.notOk(ids.has(op.operationId!), `${where}: operationId is unique`)
    ids.add(op.operationId!)
    t.ok(op.summary && op.summary.trim().length >= 5, `${where}: summary`)
    t.ok(op.description && op.description.trim().length >= 20, `${where}: description`)
    t.ok(op.tags && op.tags.length > 0, `${where}: tags`)
    for (const tag of op.tags ?? []) t.ok(declaredTags.has(tag), `${where}: tag "${tag}" is declared with a description`)
  }
})

t.test('every parameter is documented, with an example its schema accepts', async (t) => {
  for (const { method, path, op } of ops) {
    const where = `${method.toUpperCase()} ${path}`
    const params = op.parameters ?? []
    const pathNames = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])
    for (const name of pathNames) {
      const p = params.find((x) => x.in === 'path' && x.name === name)
      t.ok(p?.required, `${where}: path parameter {${name}} is declared and required`)
    }
    for (const p of params) {
      const label = `${where}: ${p.in} parameter "${p.name}"`
      t.ok(p.description && p.description.trim().length >= 10, `${label} has a description`)
      t.ok(p.schema, `${label} has a schema`)
      const examples = p.example !== undefined ? [p.example] : Object.values(p.examples ?? {}).map((e) => e.value)
      // A cursor is only valid as the server issued it; Swagger UI would send an example one with
      // every "Try it out", so the cursor is the one parameter that must not need an example.
      if (p.name !== 'cursor') t.ok(examples.length > 0, `${label} has an example`)
      for (const example of examples) {
        const verdict = schemaCheck(p.schema)(example)
        t.ok(verdict.ok, `${label}: example ${JSON.stringify(example)} matches its schema${verdict.ok ? '' : ` (${verdict.errors})`}`)
      }
    }
  }
})

t.test('every status has a schema; errors are problem documents', async (t) => {
  for (const { method, path, op } of ops) {
    const where = `${method.toUpperCase()} ${path}`
    const statuses = Object.keys(op.responses)
    t.ok(statuses.some((s) => /^2\d\d$/.test(s)), `${where}: documents a success status`)
    t.ok(statuses.includes('500'), `${where}: documents 500`)
    if ((op.parameters ?? []).length > 0) t.ok(statuses.includes('400'), `${where}: documents 400 (it takes parameters)`)
    if (/\{id\}/.test(path)) t.ok(statuses.includes('404'), `${where}: documents 404 (it looks an id up)`)
    for (const [status, response] of Object.entries(op.responses)) {
      const label = `${where} → ${status}`
      t.ok(response.description && response.description.trim().length > 0, `${label}: description`)
      if (status === '304' || status === '204') {
        t.notOk(response.content, `${label}: no body`)
        continue
      }
      const content = response.content ?? {}
      if (Number(status) >= 400) {
        const schema = content['application/problem+json']?.schema as { $ref?: string } | undefined
        t.equal(schema?.$ref, '#/components/schemas/Problem', `${label}: application/problem+json with the Problem schema`)
      } else {
        const types = Object.keys(content)
        t.ok(types.length > 0, `${label}: has content`)
        for (const type of types) t.ok(content[type].schema, `${label}: ${type} has a schema`)
      }
    }
  }
})

t.test('every named schema compiles, and list envelopes share one shape', async (t) => {
  for (const name of Object.keys(doc.components.schemas)) {
    t.doesNotThrow(() => schemaCheck({ $ref: `#/components/schemas/${name}` }), `${name} compiles`)
  }
  for (const { method, path, op } of ops) {
    if (!/^list|^search$/.test(op.operationId ?? '')) continue
    const ref = (op.responses['200']?.content?.['application/json']?.schema as { $ref?: string } | undefined)?.$ref
    const name = ref?.split('/').pop()
    const schema = name ? (doc.components.schemas[name] as { properties?: Record<string, unknown>; required?: string[] }) : undefined
    t.ok(schema?.properties?.data && schema.properties.page, `${method.toUpperCase()} ${path}: { data, page } envelope (${name})`)
    t.ok(schema?.required?.includes('data') && schema.required.includes('page'), `${method.toUpperCase()} ${path}: data and page are required`)
  }
})
