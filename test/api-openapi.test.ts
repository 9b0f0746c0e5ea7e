// The OpenAPI document is complete enough for generated clients, linters and Swagger UI: every
// operation named, described and tagged, every parameter described with a valid example, every
// status answered with a schema, errors as application/problem+json, and no dangling components.
import t from 'tap'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { generateOpenapi } from '../src/commands/openapi.js'

type Json = any // eslint-disable-line @typescript-eslint/no-explicit-any
const doc: Json = JSON.parse(await generateOpenapi())
const ajv = new Ajv2020({ strict: false })
;(addFormats as unknown as (a: Ajv2020) => void)(ajv)
ajv.addSchema({ $id: 'openapi.json', components: doc.components })

function validExample(schema: object, example: unknown): boolean {
  return ajv.compile({ ...schema, $defs: undefined, components: doc.components })(example)
}

const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item as Json).map(([method, op]) => ({ path, method, op: op as Json })),
)

t.equal(doc.openapi, '3.1.0')
t.ok(doc.info.title && doc.info.description && doc.info.version && doc.info.license && doc.info.contact, 'info')
t.ok(doc.servers?.length >= 1, 'servers')

t.test('every operation is named, described and tagged', async (t) => {
  const tags = new Map(doc.tags.map((tag: Json) => [tag.name, tag.description]))
  const ids = new Set<string>()
  for (const { path, method, op } of operations) {
    const name = `${method.toUpperCase()} ${path}`
    t.match(op.operationId, /^[a-z][A-Za-z]+$/, `${name} operationId`)
    ids.add(op.operationId)
    t.ok(op.summary?.length > 5, `${name} summary`)
    t.ok(op.description?.length > 20, `${name} description`)
    t.ok(op.tags?.length && op.tags.every((tag: string) => tags.get(tag)), `${name} tags are declared with a description`)
  }
  t.equal(ids.size, operations.length, 'operationIds are unique')
})

t.test('every parameter has a description and an example valid for its schema', async (t) => {
  for (const { path, method, op } of operations) {
    for (const p of op.parameters ?? []) {
      const name = `${method.toUpperCase()} ${path} ${p.in} ${p.name}`
      t.ok(p.description, `${name} description`)
      t.ok(p.example !== undefined, `${name} example`)
      t.ok(validExample(p.schema, p.example), `${name} example fits its schema`)
    }
    const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])
    t.same(templated, (op.parameters ?? []).filter((p: Json) => p.in === 'path').map((p: Json) => p.name), `${path} path parameters`)
  }
})

t.test('every status has a schema; errors are problem+json', async (t) => {
  for (const { path, method, op } of operations) {
    const name = `${method.toUpperCase()} ${path}`
    // A delete answers 204 with no body; every other operation answers its document as JSON.
    if (op.responses['204']) t.notOk(op.responses['204'].content, `${name} 204 has no body`)
    else t.ok(op.responses['200']?.content?.['application/json']?.schema, `${name} 200 schema`)
    t.ok(op.responses['500'], `${name} documents 500`)
    if (op.parameters?.length) t.ok(op.responses['400'], `${name} documents 400`)
    if (path.includes('{id}')) t.ok(op.responses['404'], `${name} documents 404`)
    for (const [status, response] of Object.entries(op.responses as Record<string, Json>)) {
      t.ok(response.description, `${name} ${status} description`)
      if (Number(status) >= 400) {
        t.same(Object.keys(response.content), ['application/problem+json'], `${name} ${status} media type`)
        t.equal(response.content['application/problem+json'].schema.$ref, '#/components/schemas/Problem')
      }
    }
  }
})

t.test('components: every $ref resolves, every component is used, every example fits', async (t) => {
  const text = JSON.stringify(doc)
  const refs = new Set([...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]))
  for (const ref of refs) t.ok(doc.components.schemas[ref], `${ref} exists`)
  for (const name of Object.keys(doc.components.schemas)) t.ok(refs.has(name), `${name} is used`)
  const check = (schema: Json, where: string) => {
    if (!schema || typeof schema !== 'object') return
    for (const example of schema.examples ?? []) t.ok(validExample(schema, example), `${where} example ${JSON.stringify(example)}`)
    for (const [key, sub] of Object.entries(schema.properties ?? {})) check(sub, `${where}.${key}`)
  }
  for (const [name, schema] of Object.entries(doc.components.schemas)) check(schema, name)
})
