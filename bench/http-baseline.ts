/**
 * The HTTP benchmark's baseline: a bare Fastify server (no plugins, no logging, no schemas) that
 * answers `GET /s/<n>` with scenario n's payload, bytes and content type as the real server sent
 * them, straight from memory. What it costs is what any Fastify route costs on this machine, so
 * real req/s over baseline req/s is the share of that ceiling the read API reaches.
 *
 *   PORT=… PAYLOADS=payloads.json node --import tsx bench/http-baseline.ts
 */
import { readFileSync } from 'node:fs'
import Fastify from 'fastify'

interface Payload {
  contentType: string
  body: string
}

const payloads = (JSON.parse(readFileSync(process.env.PAYLOADS ?? '', 'utf8')) as Payload[]).map((p) => ({
  contentType: p.contentType,
  body: Buffer.from(p.body, 'utf8'),
}))

const app = Fastify({ logger: false })
app.get<{ Params: { n: string } }>('/s/:n', (request, reply) => {
  const payload = payloads[Number(request.params.n)]
  if (!payload) return reply.code(404).send()
  return reply.type(payload.contentType).send(payload.body)
})
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)))
