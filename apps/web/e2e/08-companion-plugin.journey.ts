/**
 * Seology plugin offer journey: a WordPress site without any SEO plugin is checked from its settings;
 * the check result names the fields WordPress does not let Seology write and offers the plugin zip
 * (served by the API) with install steps; at 1440 px and at 390 px.
 *
 * It runs in its own browser context with its own account and site, on a stock WordPress of its own.
 */
import { test, type BrowserContext, type Page } from '@playwright/test';
import { startWordPressContractServer, type WordPressContractServer } from '@seology/connectors/testing';
import { demoSiteOptions } from '@seology/scripts/demo-site-content';
import { openJourneyPage, signUpInBrowser, type WatchedPage } from './page-watch';
import { env } from './support/environment';
import { screenshot, screenshotsOnFailure } from './support/helpers';

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
test.describe.serial('Seology plugin: offered where WordPress lacks writable fields', () => {
  const baseUrl = env.base;
  let site: WordPressContractServer;
  let context: BrowserContext;
  let page: Page;
  let noPageErrors: WatchedPage['noPageErrors'];

  test.beforeAll(async ({ browser }) => {
    // The demo content on a stock WordPress: no Yoast, no Seology plugin.
    site = await startWordPressContractServer({ ...demoSiteOptions(), plugins: [] });
    ({ context, page, noPageErrors } = await openJourneyPage(browser, baseUrl, { viewport: { width: 1440, height: 900 } }));
  });
  test.afterAll(async () => {
    await context.close();
    await site.close();
  });
  screenshotsOnFailure(() => ({ 'plugin-': page }));

  test('checking a stock WordPress offers the plugin zip with install steps (1440 px)', async () => {
    const { token } = await signUpInBrowser(page, 'Pat Plugin', 'plugin');
    const { users } = demoSiteOptions();
    const created = await fetch(`${baseUrl}/api/connections`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ siteUrl: `${site.url}/`, platform: 'WORDPRESS', displayName: 'Stock bakery', wordpress: { username: users[0]!.username, applicationPassword: users[0]!.applicationPassword } }),
    });
    const answer = await created.text();
    check(created.status === 201, `site not created: ${created.status} ${answer}`);
    const siteId = (JSON.parse(answer) as { id: string }).id;

    await page.goto(`/sites/${siteId}`);
    const form = page.getByRole('form', { name: 'Credentials' });
    await form.getByRole('button', { name: 'Check the stored credentials' }).click();
    await form.getByText(/does not let Seology change .*meta description/).waitFor();
    const link = form.getByRole('link', { name: 'Download the Seology plugin (zip)' });
    check((await link.getAttribute('href')) === '/api/integrations/wordpress/plugin.zip', 'the link does not lead to the plugin zip');
    const zip = await page.request.get('/api/integrations/wordpress/plugin.zip');
    check(zip.status() === 200 && zip.headers()['content-type'] === 'application/zip', `the zip is not served: ${zip.status()}`);
    await form.getByText(/Upload Plugin, choose the zip/).waitFor();
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, '63-plugin-offer');
    noPageErrors();
  });

  test('the offer fits a phone (390 px)', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const form = page.getByRole('form', { name: 'Credentials' });
    await form.getByRole('link', { name: 'Download the Seology plugin (zip)' }).scrollIntoViewIfNeeded();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
    await screenshot(page, '64-phone-plugin-offer');
    noPageErrors();
  });
});
