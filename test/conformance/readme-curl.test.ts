/**
 * Every curl command in README.md's code blocks works as printed: run against a real server on the
 * archive a first `npm start` creates (the seeds), each answers 2xx with a body matching the
 * OpenAPI schema of that operation, and a list example finds something (an example that answers
 * nothing teaches nothing). Real curl runs the command when it is installed; fetch otherwise.
 */
import t from 'tap'
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { root } from '../helpers/paths.js'
import { contractValidator, operations, readOpenapi, startServer } from '../helpers/server.js'

/** Shell words of one command line: single and double quotes, backslash escapes; stops at a comment. */
function shellWords(line: string): string[] {
  const out: string[] = []
  let word: string | null = null
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (c === "'") {
      const end = line.indexOf("'", i + 1)
      word = (word ?? '') + line.slice(i + 1, end)
      i = end
    } else if (c === '"') {
      let j = i + 1
      let s = ''
      while (j < line.length && line[j] !== '"') {
        if (line[j] === '\\' && j + 1 < line.length) j++
        s += line[j++]
      }
      word = (word ?? '') + s
      i = j
    } else if (c === '\\') word = (word ?? '') + line[++i]
    else if (/\s/.test(c)) {
      if (word !== null) out.push(word)
      word = null
    } else if (c === '#' && word === null) break
    else word = (word ?? '') + c
  }
  if (word !== null) out.push(word)
  return out
}

/** The curl commands of the README's fenced code blocks, continuation lines joined. */
function readmeCurls(): string[][] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const commands: string[][] = []
  for (const block of readme.matchAll(/```[\w-]*\n([\s\S]*?)```/g)) {
    const lines = block[1].replace(/\\\n\s*/g, ' ').split('\n')
    for (const line of lines) {
      const words = shellWords(line.trim().replace(/^\$\s+/, ''))
      if (words[0] === 'curl') commands.push(words)
    }
  }
  return commands
}

const commands = readmeCurls()
const doc = readOpenapi()
const { responseCheck } = contractValidator(doc)
const ops = operations(doc).map(({ path, op }) => ({ op, pattern: new RegExp('^' + path.replace(/\{\w+\}/g, '[^/]+') + '$') }))
const hasCurl = ['/usr/bin/curl', '/usr/local/bin/curl', '/bin/curl'].some(existsSync)

t.ok(commands.length >= 3, `README.md shows ${commands.length} curl commands`)

const dir = mkdtempSync(join(tmpdir(), 'quotewire-readme-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))
// An empty database file: the server migrates it and loads seeds/, as `npm start` does on first run.
const server = await startServer({ database: join(dir, 'quotewire.db'), t })

interface Answer {
  status: number
  type: string
  body: string
}

/** Runs the command with real curl: the body to a file, status and content type from --write-out. */
async function runCurl(args: string[], index: number): Promise<Answer> {
  const out = join(dir, `body-${index}`)
  const { stdout } = await promisify(execFile)('curl', [...args, '-sS', '-o', out, '-w', '%{http_code} %{content_type}'])
  const [status, ...type] = stdout.trim().split(' ')
  return { status: Number(status), type: type.join(' '), body: existsSync(out) ? readFileSync(out, 'utf8') : '' }
}

/** The same request through fetch, for the options the README may use. */
async function runFetch(args: string[]): Promise<Answer> {
  const headers: Record<string, string> = {}
  let url = ''
  let method = 'GET'
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '-H' || a === '--header') {
      const [k, ...v] = args[++i].split(':')
      headers[k.trim()] = v.join(':').trim()
    } else if (a === '-X' || a === '--request') method = args[++i]
    else if (['-s', '-S', '-sS', '-i', '--include', '--compressed', '-L', '-f', '--fail', '-v'].includes(a)) continue
    else if (a.startsWith('-')) throw new Error(`curl option ${a} is not supported by the fetch fallback`)
    else url = a
  }
  const res = await fetch(url, { method, headers })
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() }
}

commands.forEach((words, index) => {
  const printed = words.join(' ')
  t.test(printed, async (t) => {
    const args = words.slice(1).map((w) => w.replace(/^http:\/\/localhost:3000/, server.url))
    const target = args.find((a) => a.startsWith(server.url))
    t.ok(target, 'the command targets http://localhost:3000 (the documented default)')
    if (!target) return
    const answer = hasCurl ? await runCurl(args, index) : await runFetch(args)
    t.ok(answer.status >= 200 && answer.status < 300, `answers 2xx (${answer.status})${answer.status < 300 ? '' : `: ${answer.body.slice(0, 300)}`}`)
    const path = new URL(target).pathname
    const op = ops.find((o) => o.pattern.test(path))?.op
    t.ok(op, `${path} is an operation of the OpenAPI document`)
    if (!op || answer.status >= 300) return
    const type = answer.type.split(';')[0].trim()
    t.equal(type, 'application/json', 'JSON')
    const body = JSON.parse(answer.body) as { data?: unknown[] }
    const verdict = responseCheck(op, answer.status, type)!(body)
    t.ok(verdict.ok, `the body matches the documented schema${verdict.ok ? '' : ` (${verdict.errors})`}`)
    if (Array.isArray(body.data)) t.ok(body.data.length > 0, `the example finds something in the seeded archive (${body.data.length} items)`)
  })
})
