/**
 * Swagger UI, in a real headless Chromium, as a reader uses it: /docs loads with no script error,
 * lists every tag of the document, and "Try it out" → "Execute" on GET /v1/quotes shows a 200 with
 * quotes from the archive. Skipped when Debian's /usr/bin/chromium is absent (CI installs it).
 */
import t from 'tap'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { generateArchive } from '../../bench/generate.js'
import { openDatabase } from '../../src/db/connection.js'
import { migrate } from '../../src/db/migrate.js'
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
  generateArchive(db, { articles: 40, seed: 4 })
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
    const status = block.locator('.responses-wrapper .live-responses-table .response-col_status').first()
    await status.waitFor({ timeout: 15_000 })
    t.equal((await status.textContent())?.trim(), '200', 'the live response is a 200')
    const body = await block.locator('.responses-wrapper .live-responses-table .response-col_description pre').first().textContent()
    const json = JSON.parse(body ?? '{}') as { data?: { id: number; text: string }[] }
    t.ok(json.data && json.data.length > 0, `the response body holds ${json.data?.length} quotes`)
    const url = await block.locator('.request-url pre').first().textContent()
    t.match(url ?? '', /\/v1\/quotes\?limit=20/, `the request shown: ${url}`)
    if (process.env.SWAGGER_SCREENSHOT) await page.screenshot({ path: process.env.SWAGGER_SCREENSHOT, fullPage: false })
  })

  t.test('no script error, no failed request', async (t) => {
    t.same(problems, [], 'no uncaught error in the page, no failed request')
    for (const line of consoleErrors) t.comment(`console error: ${line}`)
  })
}
