/**
 * Reports journey: an agency sets its name and logo, generates a site's report, downloads the PDF (the
 * worker prints it with headless Chromium) and schedules a weekly email; the screen is looked at on a
 * desktop and a phone.
 *
 * It runs in its own browser context and does not build on the other journeys' data.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Client } from 'pg';
import { test, type BrowserContext, type Page } from '@playwright/test';
import { pgConnectionFields } from '@seology/contracts';
import { openJourneyPage, signUpInBrowser, type WatchedPage } from './page-watch';
import { env, startWorker } from './support/environment';
import { screenshot, screenshotsOnFailure } from './support/helpers';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
// A 24×24 red PNG.
const LOGO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAABgAAAAYCAIAAABvFaqvAAAAH0lEQVR42mO4o6ZGFcQwatCoQaMGjRo0atCoQQNvEAAd/5ofg/DAowAAAABJRU5ErkJggg==', 'base64');

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
test.describe.serial('Reports: an agency brands, generates, downloads and schedules a report', () => {
  const deps = { siteUrl: env.demoSiteUrl, databaseUrl: env.databaseUrl, startWorker };
  const baseUrl = env.base;
  const suffix = randomBytes(3).toString('hex');
  const siteName = `Report bakery ${suffix}`;
  let siteId = '';
  let context: BrowserContext;
  let page: Page;
  let watched: WatchedPage;

  test.beforeAll(async ({ browser }) => {
    ({ context, page, ...watched } = await openJourneyPage(browser, baseUrl, { viewport: DESKTOP, acceptDownloads: true }));
  });
  test.afterAll(async () => {
    await context.close();
  });
  screenshotsOnFailure(() => ({ 'reports-': page }));

  test('an agency signs up and opens a site’s reports', async () => {
    const { email, token } = await signUpInBrowser(page, 'Rita Reports', 'reports');
    const pg = new Client(pgConnectionFields(deps.databaseUrl));
    await pg.connect();
    try {
      await pg.query(`UPDATE "User" SET plan = 'AGENCY' WHERE email = $1`, [email]);
    } finally {
      await pg.end();
    }
    const created = await fetch(`${baseUrl}/api/connections`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ siteUrl: deps.siteUrl, platform: 'CUSTOM', displayName: siteName }),
    });
    const body = await created.text();
    check(created.status === 201, `site created: ${created.status} ${body}`);
    siteId = (JSON.parse(body) as { id: string }).id;
    await page.goto(`/sites/${siteId}/reports`);
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    await page.getByRole('heading', { name: 'No reports yet' }).waitFor();
    watched.noPageErrors();
  });

  test('sets the agency name and logo', async () => {
    await page.getByLabel('Agency name').fill('Northwind Digital');
    await page.getByLabel(/Logo/).setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: LOGO });
    await page.getByAltText('Agency logo preview').waitFor();
    await page.getByRole('button', { name: 'Save branding' }).click();
    await page.getByTestId('branding-reason').filter({ hasText: "Northwind Digital's name and logo" }).waitFor();
    watched.noPageErrors();
  });

  test('generates a report and downloads its PDF', async () => {
    await deps.startWorker();
    await page.getByRole('button', { name: 'Generate report now' }).click();
    const pdfButton = page.getByRole('button', { name: /^Download PDF of / });
    await pdfButton.waitFor({ timeout: 60_000 });
    await page.getByTestId('reports-table').getByText('Ready').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), pdfButton.click()]);
    const file = await readFile(await download.path());
    check(file.subarray(0, 5).toString() === '%PDF-', `the download is a PDF (${file.subarray(0, 16).toString('hex')})`);
    check(download.suggestedFilename().endsWith('.pdf'), `named .pdf (${download.suggestedFilename()})`);
    const [zip] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Download CSV pack of / }).click()]);
    check((await readFile(await zip.path())).subarray(0, 2).toString() === 'PK', 'the CSV pack is a zip');
    watched.noPageErrors();
  });

  test('schedules a weekly email and looks at the screen on a desktop and a phone', async () => {
    await page.getByLabel('Frequency').selectOption('WEEKLY');
    await page.getByLabel(/Recipients/).fill('client@example.com');
    await page.getByRole('button', { name: 'Save schedule' }).click();
    await page.getByTestId('next-report').waitFor();
    await screenshot(page, '80-reports-desktop');
    await page.setViewportSize(PHONE);
    await screenshot(page, '81-reports-phone');
    await page.setViewportSize(DESKTOP);
    watched.noPageErrors();
  });
});
