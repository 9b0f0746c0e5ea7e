import { z } from 'zod'

export const Health = z
  .object({ status: z.literal('ok') })
  .meta({ id: 'Health', description: 'The process is alive.' })

export const Readiness = z
  .object({
    status: z.literal('ready'),
    articles: z.number().int().min(0).meta({ description: 'Articles in the archive.', examples: [2] }),
    migrations: z.number().int().min(0).meta({ description: 'Migrations applied.', examples: [1] }),
  })
  .meta({ id: 'Readiness', description: 'The database answers and its schema is current.' })
