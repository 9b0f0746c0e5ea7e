import { z } from 'zod'
import { HttpEnv } from './http/limits.js'

/** The environment the server reads, validated once at boot; see .env.example. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_PATH: z.string().min(1).default('./quotewire.db'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ...HttpEnv,
})

export type Config = z.infer<typeof Env>

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Reads the configuration from `env`; an invalid value is an error naming the variable, not a silent default. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (PORT= in a .env file) means "unset", as shells and dotenv tools treat it.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = Env.safeParse(present)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`invalid environment: ${lines.join('; ')}`)
  }
  return parsed.data
}
