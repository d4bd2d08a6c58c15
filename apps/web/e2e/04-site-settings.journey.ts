/**
 * Site settings journey: an owner sets a re-crawl schedule and the crawl options of a site behind a
 * login (cookie, user agent, rate, limits), sees the next run, and finds the settings again after a
 * reload, without ever seeing the cookie's value again; at 1440 px and at 390 px.
 *
 * It runs in its own browser context with its own account and does not build on other journeys' data.
 */
import { randomBytes } from 'node:crypto';
import { test, type BrowserContext, type Page } from '@playwright/test';
import { openJourneyPage, signUpInBrowser, type WatchedPage } from './page-watch';
import { env } from './support/environment';
import { screenshot, screenshotsOnFailure } from './support/helpers';

const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const COOKIE = `session=${randomBytes(8).toString('hex')}`;

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function noHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
}
test.describe.serial('Site settings: schedule and crawl options of a site behind a login', () => {
  const deps = { siteUrl: env.customerSiteUrl };
  const baseUrl = env.base;
  let siteId = '';
  let context: BrowserContext;
  let page: Page;
  let noPageErrors: WatchedPage['noPageErrors'];

  test.beforeAll(async ({ browser }) => {
    ({ context, page, noPageErrors } = await openJourneyPage(browser, baseUrl, { viewport: WIDE }));
  });
  test.afterAll(async () => {
    await context.close();
  });
  screenshotsOnFailure(() => ({ 'site-settings-': page }));

  test('an owner sets a weekly schedule, limits, a user agent and a session cookie (1440 px)', async () => {
    const { token } = await signUpInBrowser(page, 'Sam Settings', 'settings');
    const created = await fetch(`${baseUrl}/api/connections`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ siteUrl: deps.siteUrl, platform: 'CUSTOM', displayName: 'Members area' }),
    });
    const answer = await created.text();
    check(created.status === 201, `site not created: ${created.status} ${answer}`);
    siteId = (JSON.parse(answer) as { id: string }).id;

    await page.goto(`/sites/${siteId}`);
    const form = page.getByRole('form', { name: 'Crawl settings' });
    await form.waitFor();
    check((await page.getByTestId('next-crawl').textContent())?.includes('No schedule'), 'a site created without a schedule should say so');
    await form.getByLabel('Re-crawl schedule').selectOption('weekly');
    await form.getByLabel(/Maximum pages/).fill('250');
    await form.getByLabel(/Never crawl URLs matching/).fill('/cart/*\n/account/*');
    await form.getByLabel(/Requests per second/).fill('30');
    await form.getByLabel(/User agent/).fill('AcmeAuditBot/2.0');
    await form.getByRole('checkbox', { name: 'Add headers or cookies' }).check();
    await form.getByLabel(/^Cookie/).fill(COOKIE);
    await form.getByRole('button', { name: 'Save crawl settings' }).click();
    await form.getByText('Requests per second must be a number from 0.2 to 20.').waitFor();
    await screenshot(page, '60-site-settings-error');
    await form.getByLabel(/Requests per second/).fill('2');
    await form.getByRole('button', { name: 'Save crawl settings' }).click();
    await page.getByText('Crawl settings of 127.0.0.1').first().waitFor();
    await page.getByTestId('next-crawl').getByText(/Weekly · next crawl (in 7 days|next week)/).waitFor();
    await form.getByText(/Sent with every request: Cookie\. Values are stored encrypted/).waitFor();
    await page.getByTestId('next-crawl').scrollIntoViewIfNeeded();
    await screenshot(page, '61-site-settings-saved');
    noPageErrors();
  });

  test('the settings are there after a reload, the cookie value is not (1440 px)', async () => {
    await page.reload();
    const form = page.getByRole('form', { name: 'Crawl settings' });
    await form.waitFor();
    check((await form.getByLabel('Re-crawl schedule').inputValue()) === 'weekly', 'the schedule was not kept');
    check((await form.getByLabel(/Maximum pages/).inputValue()) === '250', 'max pages was not kept');
    check((await form.getByLabel(/Never crawl URLs matching/).inputValue()) === '/cart/*\n/account/*', 'exclude patterns were not kept');
    check((await form.getByLabel(/User agent/).inputValue()) === 'AcmeAuditBot/2.0', 'the user agent was not kept');
    check(!(await page.content()).includes(COOKIE), 'the cookie value reached the page');
    const overview = page.getByRole('region', { name: 'Overview' });
    await overview.getByText(/^(in 7 days|next week)$/).waitFor();
    noPageErrors();
  });

  test('the settings form fits a phone (390 px)', async () => {
    await page.setViewportSize(PHONE);
    const form = page.getByRole('form', { name: 'Crawl settings' });
    await form.scrollIntoViewIfNeeded();
    await noHorizontalScroll(page);
    await form.getByRole('checkbox', { name: 'Replace the headers and cookies' }).check();
    await form.getByLabel(/Other headers/).waitFor();
    await screenshot(page, '62-phone-site-settings');
    noPageErrors();
  });
});
