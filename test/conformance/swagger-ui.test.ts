/**
 * Swagger UI, in a real headless Chromium, as a reader uses it: /docs loads with no script error,
 * lists every tag of the document, and "Try it out" → "Execute" on GET /v1/quotes — with the values
 * Swagger UI fills in from the document's examples — shows a 200 on the seeded archive. Skipped when
 * Debian's /usr/bin/chromium is absent (CI installs it).
 */
import t from 'tap'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { openDatabase } from '../../src/db/connection.js'
import { migrate } from '../../src/db/migrate.js'
import { loadPaths } from '../../src/load/loader.js'
import { seedsDir } from '../helpers/paths.js'
import { readOpenapi, startServer } from '../helpers/server.js'

const CHROMIUM = '/usr/bin/chromium'

if (!existsSync(CHROMIUM)) {
  t.pass(`skipped: ${CHROMIUM} is not installed (apt-get install chromium): no browser to drive`, { skip: true })
} else {
  const dir = mkdtempSync(join(tmpdir(), 'quotewire-swagger-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const database = join(dir, 'archive.db')
  const db = openDatabase(database)
  migrate(db)
  // The seeded archive a first `npm start` serves: the parameter examples Swagger UI fills in refer to it.
  loadPaths(db, [seedsDir])
  db.close()
  const server = await startServer({ database, t })

  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  t.teardown(() => browser.close())
  const page = await browser.newPage()
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  // Console errors are listed, not failed on: the Content-Security-Policy of /docs blocks one of
  // Swagger UI's inline styles (cosmetic), which the page reports on the console.
  const consoleErrors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`))

  t.test('/docs loads and shows every tag', async (t) => {
    const response = await page.goto(`${server.url}/docs`, { waitUntil: 'load' })
    t.equal(response?.status(), 200, '/docs: 200')
    await page.waitForSelector('.swagger-ui .information-container .title', { timeout: 15_000 })
    t.match(await page.textContent('.swagger-ui .information-container .title'), /Quotewire API/, 'the title of the document')
    const shown = (await page.locator('.opblock-tag-section h3 .nostyle span, .opblock-tag-section h3 a span').allTextContents()).map((s) => s.trim())
    for (const tag of readOpenapi().tags ?? []) t.ok(shown.includes(tag.name), `tag ${tag.name} is shown`)
    const operations = await page.locator('.opblock.opblock-get').count()
    t.ok(operations >= 16, `${operations} GET operations listed`)
  })

  t.test('Try it out → Execute on GET /v1/quotes shows a 200', async (t) => {
    const block = page.locator('#operations-Quotes-listQuotes')
    await block.locator('.opblock-summary').first().click()
    // The UI is configured with tryItOutEnabled: the form may already be open ("Cancel" shown).
    const tryOut = block.locator('button.try-out__btn')
    await tryOut.waitFor()
    if ((await tryOut.textContent())?.trim() === 'Try it out') await tryOut.click()
    t.equal((await tryOut.textContent())?.trim(), 'Cancel', '"Try it out" opened the request form')
    await block.locator('button.execute').click()
    // The live response is the first body row of the live table (its header row reads "Code").
    const row = block.locator('.responses-wrapper .live-responses-table tbody tr.response').first()
    await row.waitFor({ timeout: 15_000 })
    const status = (await row.locator('td.response-col_status').textContent())?.trim().split(/\s+/)[0]
    t.equal(status, '200', 'the live response is a 200')
    const body = await row.locator('.response-col_description pre').first().textContent()
    const json = JSON.parse(body ?? '{}') as { data?: { id: number; text: string }[] }
    t.ok(Array.isArray(json.data), 'the response body is a list of quotes')
    // Every example is filled in at once; whether they select anything together is the examples' choice.
    t.comment(`${json.data?.length ?? 0} quotes shown for the filled-in examples`)
    const url = await block.locator('.request-url pre').first().textContent()
    t.comment(`the request Swagger UI sent: ${url}`)
    t.match(url ?? '', /\/v1\/quotes\?/, 'the request went to /v1/quotes')
    if (!json.data) t.comment(`the response body: ${body}`)
    if (process.env.SWAGGER_SCREENSHOT) await page.screenshot({ path: process.env.SWAGGER_SCREENSHOT, fullPage: false })
  })

  t.test('no script error, no failed request', async (t) => {
    t.same(problems, [], 'no uncaught error in the page, no failed request')
    for (const line of consoleErrors) t.comment(`console error: ${line}`)
  })
}
