/**
 * Owner journey: sign-up, a CUSTOM site, execution mode, a cancelled crawl, API keys, the session
 * (cookie rotation, silent refresh, a second tab, sign-out), then the same account on a phone and as
 * an administrator. The three groups share one page and build on each other's data, so they form one
 * serial group: a failed step skips everything after it.
 *
 * It runs first (the file name's number): it looks at jobs that stay queued, before any journey starts the worker.
 */
import { randomBytes } from 'node:crypto';
import { test, type BrowserContext, type Page } from '@playwright/test';
import { Client } from 'pg';
import { pgConnectionFields } from '@seology/contracts';
import { openJourneyPage, watchPage, type WatchedPage } from './page-watch';
import { env } from './support/environment';
import {
  assert,
  DESKTOP,
  expectHeading,
  expectHeadingFocused,
  expectLabelledControls,
  expectNoTokenInReach,
  PHONE,
  screenshot,
  screenshotsOnFailure,
  sessionCookies,
} from './support/helpers';

/** The closed drawer is translated off the left edge on small screens. */
async function isOffscreen(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const nav = document.querySelector('nav[aria-label="Main"]');
    return nav ? nav.getBoundingClientRect().right <= 0 : false;
  });
}

test.describe.serial('Owner, on a phone and as administrator', () => {
  const base = env.base;
  const siteUrl = env.customerSiteUrl;
  const siteDomain = new URL(siteUrl).host;
  const email = `owner-${randomBytes(3).toString('hex')}@example.com`;
  const password = 'correct horse battery staple';
  let apiKeyPrefix = '';
  let context: BrowserContext;
  let page: Page;
  let noPageErrors: WatchedPage['noPageErrors'];
  let accessToken: WatchedPage['accessToken'];

  test.beforeAll(async ({ browser }) => {
    ({ context, page, noPageErrors, accessToken } = await openJourneyPage(browser, base, { viewport: DESKTOP, clipboard: true }));
  });
  test.afterAll(async () => {
    await context.close();
  });
  screenshotsOnFailure(() => ({ '': page }));

  test.describe('Owner journey (desktop)', () => {
    test('sign up, skip the setup wizard and land on the empty Sites screen', async () => {
      await page.goto('/signup');
      await expectHeading(page, 'Create your account');
      await expectLabelledControls(page);
      await screenshot(page, '01-sign-up');
      await page.getByLabel('Name').fill('Ada Lovelace');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Create account' }).click();
      // A new account starts in the setup wizard; this journey sets its site up by hand instead.
      await expectHeadingFocused(page, 'Get started');
      await page.getByRole('button', { name: 'Skip for now' }).click();
      await expectHeadingFocused(page, 'Sites');
      await page.getByRole('heading', { name: 'No sites yet' }).waitFor();
      assert(new URL(page.url()).pathname === '/sites', `expected /sites, got ${page.url()}`);
      await screenshot(page, '02-sites-empty');
      noPageErrors();
    });

    test('the add-site form shows the server’s validation message next to the address', async () => {
      await page.getByRole('link', { name: 'Add site' }).first().click();
      await expectHeadingFocused(page, 'Add a site');
      await expectLabelledControls(page);
      await screenshot(page, '03-add-site');
      await page.getByRole('radio', { name: 'Any other site' }).check();
      await page.getByLabel('Site URL').fill('http://10.0.0.1/');
      await page.getByRole('button', { name: 'Add site' }).click();
      const urlField = page.getByLabel('Site URL');
      await page.waitForFunction(() => document.getElementById('site-url')?.getAttribute('aria-invalid') === 'true');
      const description = await urlField.evaluate((el) =>
        (el.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      );
      assert(/Site URL cannot be used/i.test(description), `expected the server's SSRF message next to the field, got "${description}"`);
      await page.getByRole('alert').filter({ hasText: 'Site URL cannot be used' }).waitFor();
      await screenshot(page, '04-add-site-server-error');
      noPageErrors();
    });

    test('add a CUSTOM site and see it in the list', async () => {
      await page.getByLabel('Site URL').fill(siteUrl);
      await page.getByLabel('Display name').fill('Corner Bakery');
      await page.getByRole('radio', { name: 'Any other site' }).check();
      await page.getByRole('button', { name: 'Add site' }).click();
      await expectHeadingFocused(page, 'Sites');
      const row = page.getByRole('row', { name: /Corner Bakery/ });
      await row.waitFor();
      const text = await row.innerText();
      assert(text.includes(siteDomain), `row should show the domain ${siteDomain}: ${text}`);
      assert(/Not crawled yet/.test(text) && /Never/.test(text), `a new site is not crawled yet: ${text}`);
      await page.getByRole('status').filter({ hasText: 'Corner Bakery was added.' }).waitFor();
      await screenshot(page, '05-sites-list');
      noPageErrors();
    });

    test('open the site and change its execution mode', async () => {
      await page.getByRole('link', { name: /Corner Bakery/ }).click();
      await expectHeadingFocused(page, 'Corner Bakery');
      await page.getByRole('heading', { name: 'Overview' }).waitFor();
      await page.getByText('No crawls yet.').waitFor();
      await page.getByText('Issues appear here after the first crawl.').waitFor();
      const approve = page.getByRole('radio', { name: /Approve each fix/ });
      assert(await approve.isChecked(), 'a new site starts in APPROVE mode');
      await expectLabelledControls(page);
      await screenshot(page, '06-site-detail');
      await page.getByRole('radio', { name: /Fix automatically/ }).check();
      await page.getByRole('button', { name: 'Save execution mode' }).click();
      // Automatic mode changes the live site: the dashboard shows what that means and asks first.
      const confirmAutomatic = page.getByRole('dialog', { name: /automatically\?/ });
      await confirmAutomatic.getByTestId('automatic-preview').waitFor();
      await screenshot(page, '06b-confirm-automatic-mode', { fullPage: false });
      await confirmAutomatic.getByRole('button', { name: 'Switch to automatic' }).click();
      await page.getByRole('status').filter({ hasText: 'Execution mode changed to “Fix automatically”.' }).waitFor();
      await page.getByText('Currently: Fix automatically.').waitFor();
      await page.reload();
      await expectHeading(page, 'Corner Bakery');
      assert(await page.getByRole('radio', { name: /Fix automatically/ }).isChecked(), 'the new mode is saved on the server');
      noPageErrors();
    });

    test('start a crawl and cancel its job on the Jobs screen', async () => {
      await page.getByRole('button', { name: 'Start crawl' }).click();
      await page.getByRole('table', { name: /Recent crawls/ }).getByText('Queued').waitFor();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
      await expectHeadingFocused(page, 'Jobs');
      const row = page.getByRole('row', { name: /Crawl site/ });
      await row.getByText('Queued').waitFor();
      await row.getByRole('link', { name: 'Corner Bakery' }).waitFor();
      await expectLabelledControls(page);
      await screenshot(page, '07-jobs');
      await row.getByRole('button', { name: /Cancel/ }).click();
      await row.getByText('Cancelled').waitFor();
      await page.getByRole('status').filter({ hasText: 'Crawl site job cancelled.' }).waitFor();
      noPageErrors();
    });

    test('create an API key and see it exactly once', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).click();
      await expectHeadingFocused(page, 'API keys');
      await page.getByRole('heading', { name: 'No API keys yet' }).waitFor();
      await expectLabelledControls(page);
      await screenshot(page, '08-api-keys-empty');
      await page.getByLabel('Name').fill('CI pipeline');
      await page.getByRole('checkbox', { name: 'connections:read' }).check();
      await page.getByRole('checkbox', { name: 'crawls:write' }).check();
      await page.getByRole('button', { name: 'Create key' }).click();
      const secret = page.getByTestId('new-api-key');
      await secret.waitFor();
      const key = (await secret.innerText()).trim();
      assert(/^sk_[A-Za-z0-9_-]{20,}$/.test(key), `unexpected key format: ${key}`);
      apiKeyPrefix = key.slice(0, 10);
      // The key works against the API.
      const check = await fetch(`${base}/api/connections`, { headers: { 'X-API-Key': key } });
      assert(check.status === 200, `the new key should list sites, got ${check.status}`);
      await page.getByRole('button', { name: 'Copy API key' }).click();
      await page.getByText('API key copied to the clipboard.').waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert(copied === key, 'the clipboard holds the key');
      await screenshot(page, '09-api-key-created');
      await page.getByRole('button', { name: 'I have stored the key' }).click();
      await page.getByTestId('new-api-key').waitFor({ state: 'detached' });
      await page.reload();
      await expectHeading(page, 'API keys');
      const table = page.getByRole('table', { name: 'Your API keys' });
      await table.getByText(`${apiKeyPrefix}…`).waitFor();
      assert((await page.content()).includes(key) === false, 'the key must not be shown again');
      await screenshot(page, '10-api-keys-list');
      noPageErrors();
    });

    test('the session survives a reload: the refresh cookie rotates and no token is within reach of page scripts', async () => {
      const before = await sessionCookies(context);
      assert(before.refresh && before.csrf, 'signed in with the session cookies');
      assert(before.refreshHttpOnly, 'the refresh cookie is httpOnly');
      assert(before.sameSite.every((value) => value === 'Strict'), `the session cookies are SameSite=Strict: ${before.sameSite.join(', ')}`);
      const tokenBefore = accessToken();
      await page.goto('/sites');
      await page.getByRole('row', { name: /Corner Bakery/ }).waitFor();
      await page.reload();
      await expectHeading(page, 'Sites');
      await page.getByRole('row', { name: /Corner Bakery/ }).waitFor();
      const after = await sessionCookies(context);
      assert(after.refresh && after.refresh !== before.refresh, 'the reload got a new access token from the refresh cookie, which rotated');
      // The watcher reads the refresh answer's body asynchronously: give it a moment to arrive.
      for (let tries = 0; accessToken() === tokenBefore && tries < 40; tries++) await page.waitForTimeout(125);
      assert(accessToken() !== tokenBefore, 'a new access token after the reload');
      await expectNoTokenInReach(page, [accessToken(), after.refresh]);
      noPageErrors();
    });

    test('an access token the API refuses is refreshed without the user noticing', async () => {
      // The API answers one request as if the access token had expired.
      let refused = false;
      const jobsList = (url: URL) => url.pathname === '/api/jobs';
      await page.route(jobsList, async (route) => {
        if (refused) return route.fallback();
        refused = true;
        await route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ statusCode: 401, error: 'Unauthorized', message: 'Your session has expired.' }) });
      });
      const refresh = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/refresh');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
      await expectHeadingFocused(page, 'Jobs');
      assert((await refresh).status() === 200, 'the refresh (cookie and CSRF token) succeeded');
      await page.getByRole('row', { name: /Crawl site/ }).getByText('Cancelled').waitFor();
      assert(refused, 'the refused request happened');
      assert(new URL(page.url()).pathname === '/jobs', 'still on Jobs');
      await page.unroute(jobsList);
      noPageErrors();
    });

    test('a second tab shares the session, and signing out in one signs out the other', async () => {
      const other = await context.newPage();
      const otherWatch = await watchPage(other);
      try {
        await other.goto('/jobs');
        await expectHeading(other, 'Jobs');
        await page.getByRole('button', { name: /Account menu/ }).click();
        await page.getByText(email).waitFor();
        await screenshot(page, '11-user-menu', { fullPage: false });
        const refreshBeforeSignOut = (await sessionCookies(context)).refresh;
        await page.getByRole('button', { name: 'Sign out' }).click();
        await expectHeading(page, 'Sign in');
        // No reload in the other tab: the BroadcastChannel message takes it to the sign-in page.
        await expectHeading(other, 'Sign in');
        await page.waitForFunction(() => !document.cookie.includes('seology_csrf='));
        const cookies = await sessionCookies(context);
        assert(cookies.refresh === null && cookies.csrf === null, 'the API cleared the session cookies');
        // The refresh token is revoked on the server, not only forgotten by the browser.
        const replay = await fetch(`${base}/api/auth/refresh`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken: refreshBeforeSignOut }) });
        assert(replay.status === 401, `the signed-out refresh token is revoked, got ${replay.status}`);
        otherWatch.noPageErrors();
      } finally {
        await other.close();
      }
      await page.goto('/jobs');
      await expectHeading(page, 'Sign in');
      await screenshot(page, '12-sign-in');
      noPageErrors();
    });

    test('a wrong password shows the server’s message', async () => {
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill('wrong password!');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'Email or password is incorrect.' }).waitFor();
      await screenshot(page, '13-sign-in-error');
    });

    test('sign in again and come back to the screen asked for', async () => {
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expectHeading(page, 'Jobs');
      await page.getByRole('row', { name: /Crawl site/ }).getByText('Cancelled').waitFor();
      noPageErrors();
    });

    test('the keyboard reaches the skip link and the sidebar first', async () => {
      await page.goto('/sites');
      await page.getByRole('row', { name: /Corner Bakery/ }).waitFor();
      const focused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText.trim() ?? '');
      await page.keyboard.press('Tab');
      assert((await focused()) === 'Skip to main content', `first Tab stop should be the skip link, got "${await focused()}"`);
      await page.keyboard.press('Tab');
      assert((await focused()) === 'Seology', `then the brand link, got "${await focused()}"`);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      assert((await focused()) === 'Jobs', `then the navigation, got "${await focused()}"`);
      await page.keyboard.press('Enter');
      await expectHeadingFocused(page, 'Jobs');
      noPageErrors();
    });
  });

  test.describe('On a phone', () => {
    test('the navigation collapses into a menu button', async () => {
      await page.setViewportSize(PHONE);
      await page.goto('/sites');
      await page.getByRole('row', { name: /Corner Bakery/ }).waitFor();
      const toggle = page.getByRole('button', { name: 'Open navigation' });
      await toggle.waitFor();
      assert((await toggle.getAttribute('aria-expanded')) === 'false', 'menu starts closed');
      const jobsLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' });
      assert(await isOffscreen(page), 'the closed drawer is off screen');
      await screenshot(page, '14-phone-sites');
      await toggle.click();
      assert((await toggle.getAttribute('aria-expanded')) === 'true', 'menu is open');
      await page.waitForFunction(() => document.activeElement?.closest('nav[aria-label="Main"]') !== null);
      await screenshot(page, '15-phone-navigation', { fullPage: false });
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => document.activeElement?.getAttribute('aria-expanded') === 'false');
      await toggle.click();
      await jobsLink.click();
      await expectHeadingFocused(page, 'Jobs');
      assert((await toggle.getAttribute('aria-expanded')) === 'false', 'following a link closes the menu');
      await screenshot(page, '16-phone-jobs');
      await page.goto('/sites/new');
      await expectHeading(page, 'Add a site');
      await screenshot(page, '17-phone-add-site');
      noPageErrors();
    });
  });

  test.describe('Administrator', () => {
    test('an admin sees every job and can retry a cancelled one', async () => {
      await page.setViewportSize(DESKTOP);
      const pg = new Client(pgConnectionFields(env.databaseUrl));
      await pg.connect();
      try {
        await pg.query(`UPDATE "User" SET role = 'ADMIN' WHERE email = $1`, [email]);
      } finally {
        await pg.end();
      }
      // The role travels in the access token: sign in again to get one that says ADMIN.
      await page.getByRole('button', { name: /Account menu/ }).click();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expectHeading(page, 'Sites');
      await page.goto('/jobs');
      await page.getByRole('button', { name: 'All jobs' }).click();
      const row = page.getByRole('row', { name: /Crawl site/ });
      await row.getByText('Cancelled').waitFor();
      await screenshot(page, '18-admin-jobs');
      await row.getByRole('button', { name: /Retry/ }).click();
      await page.getByRole('status').filter({ hasText: 'Crawl site job queued again.' }).waitFor();
      await row.getByText('Queued').waitFor();
      noPageErrors();
    });

    test('delete the site after confirming', async () => {
      await page.goto('/sites');
      await page.getByRole('link', { name: /Corner Bakery/ }).click();
      await expectHeading(page, 'Corner Bakery');
      await page.getByRole('button', { name: 'Delete site' }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete Corner Bakery?' });
      await dialog.waitFor();
      assert(await dialog.getByRole('button', { name: 'Cancel' }).evaluate((el) => el === document.activeElement), 'focus starts on Cancel');
      await screenshot(page, '19-delete-confirmation', { fullPage: false });
      await dialog.getByRole('button', { name: 'Delete site' }).click();
      await expectHeading(page, 'Sites');
      await page.getByRole('heading', { name: 'No sites yet' }).waitFor();
      noPageErrors();
    });
  });
});
