// openapi/openapi.json is generated from the routes' zod schemas and committed; it must not drift.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { generateOpenapi, openapiPath } from '../src/commands/openapi.js'

t.test('the committed OpenAPI document is the generated one', async (t) => {
  const generated = await generateOpenapi()
  const committed = readFileSync(openapiPath(), 'utf8')
  t.ok(committed === generated, 'openapi/openapi.json matches the routes (when not, regenerate it: `quotewire openapi --write`)')
  if (committed !== generated) t.same(JSON.parse(committed), JSON.parse(generated), 'what differs')
})
