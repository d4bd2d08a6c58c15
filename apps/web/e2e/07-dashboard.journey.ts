/**
 * Dashboard journey: a new owner on the FREE plan crawls a site twice and reads its errors, warnings
 * and notices per crawl; notification times are relative and absolute with the zone; at the seat limit
 * the invitation form is off with what an upgrade allows, and the Billing page says how plans change;
 * a plan of 12 fixes is approved in part (the 10 that fit) and its title follows; the automatic-mode
 * preview counts every proposed fix, not a page of them; the demo account sees its banner.
 *
 * Own browser context and own data.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { test, type BrowserContext, type Page } from '@playwright/test';
import { pgConnectionFields } from '@seology/contracts';
import { openJourneyPage, type WatchedPage } from './page-watch';
import { env, startWorker } from './support/environment';
import { screenshot, screenshotsOnFailure } from './support/helpers';

const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function noHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
}

async function sql<T = unknown>(databaseUrl: string, text: string, values: unknown[]): Promise<T[]> {
  const pg = new Client(pgConnectionFields(databaseUrl));
  await pg.connect();
  try {
    return (await pg.query(text, values)).rows as T[];
  } finally {
    await pg.end();
  }
}
test.describe.serial('Dashboard: per-crawl severity classes, times with their zone, quota limits with upgrade paths, partial plans, the demo banner', () => {
  const deps = { siteUrl: env.demoSiteUrl, startWorker };
  const baseUrl = env.base;
  const databaseUrl = env.databaseUrl;
  const email = `owner-${randomBytes(3).toString('hex')}@example.com`;
  let userId = '';
  let siteId = '';
  let domain = '';
  let latestIssues = 0;
  let context: BrowserContext;
  let page: Page;
  let noPageErrors: WatchedPage['noPageErrors'];
  let accessToken: WatchedPage['accessToken'];
  const api = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}${route}`, {
      method,
      headers: { Authorization: `Bearer ${accessToken()}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    check(response.ok, `${method} ${route} answered ${response.status}: ${text.slice(0, 200)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const crawlAndAnalyse = async () => {
    const started = await api<{ id: string }>('POST', `/api/connections/${siteId}/crawls`);
    const until = Date.now() + 90_000;
    for (;;) {
      const crawl = await api<{ status: string; issuesFound: number; issueClasses: unknown }>('GET', `/api/crawls/${started.id}`);
      check(crawl.status !== 'FAILED' && crawl.status !== 'CANCELLED', `the crawl ended ${crawl.status}`);
      if (crawl.status === 'COMPLETED' && crawl.issueClasses) return crawl;
      check(Date.now() < until, 'the crawl and its analysis did not finish within 90 s');
      await page.waitForTimeout(500);
    }
  };

  test.beforeAll(async ({ browser }) => {
    ({ context, page, noPageErrors, accessToken } = await openJourneyPage(browser, baseUrl, { viewport: WIDE, timezoneId: 'Europe/Berlin', timeoutMs: 15_000 }));
  });
  test.afterAll(async () => {
    await context.close();
  });
  screenshotsOnFailure(() => ({ 'dashboard-': page }));

  test('a FREE owner crawls twice and reads errors, warnings and notices per crawl with the change (1440 px)', async () => {
    await deps.startWorker();
    await page.goto('/signup');
    await page.getByLabel('Name').fill('Olive Owner');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/signup'));
    // The sign-up answer carries the token; it is read from the response a moment later.
    for (let tries = 0; ; tries++) {
      try {
        accessToken();
        break;
      } catch (error) {
        if (tries > 40) throw error;
        await page.waitForTimeout(250);
      }
    }
    const me = await api<{ id: string }>('GET', '/api/auth/me');
    userId = me.id;
    const site = await api<{ id: string; domain: string }>('POST', '/api/connections', { siteUrl: deps.siteUrl, platform: 'CUSTOM', executionMode: 'APPROVE' });
    siteId = site.id;
    domain = site.domain;
    await crawlAndAnalyse();
    const latest = await crawlAndAnalyse();
    latestIssues = latest.issuesFound;
    await page.goto(`/sites/${siteId}/crawls`);
    const chart = page.getByTestId('issue-classes-chart');
    await chart.waitFor();
    const trend = chart.getByRole('list', { name: 'Errors, warnings and notices of the latest crawl, and the change since the crawl before' });
    const counts = await trend.locator('.class-chart__count').allTextContents();
    check(counts.length === 3, `three figures, got ${counts.length}`);
    const sum = counts.reduce((total, text) => total + Number(text.replace(/,/g, '')), 0);
    check(sum === latestIssues, `errors + warnings + notices (${sum}) equal the crawl's issues (${latestIssues})`);
    const firstRowIssues = (await page.getByRole('table', { name: /Crawl history/ }).locator('tbody tr').first().locator('td[data-label="Issues"]').textContent())?.replace(/,/g, '');
    check(Number(firstRowIssues) === latestIssues, `the history's Issues column (${firstRowIssues}) agrees with the chart`);
    check((await trend.textContent())?.includes('critical and high severity'), 'the legend says which severities are errors');
    check((await chart.locator('.class-chart__col').count()) === 2, 'one bar per analysed crawl');
    await screenshot(page, 'dashboard-01-crawl-classes-1440', { fullPage: false });
    noPageErrors();
  });

  test('the same chart at 390 px', async () => {
    await page.setViewportSize(PHONE);
    await page.reload();
    await page.getByTestId('issue-classes-chart').waitFor();
    await noHorizontalScroll(page);
    await screenshot(page, 'dashboard-02-crawl-classes-390');
    await page.setViewportSize(WIDE);
  });

  test('notifications show relative and absolute times with the zone, in the browser’s time zone', async () => {
    await page.goto('/notifications');
    await page.getByText(/Times are in your time zone, Europe\/Berlin/).waitFor();
    const absolute = page.locator('.notification .time__absolute').first();
    await absolute.waitFor();
    const text = (await absolute.textContent()) ?? '';
    check(/\(.+\d{1,2}:\d{2} [AP]M GMT\+1\)/.test(text), `the absolute time names its zone: ${text}`);
    const relative = (await page.locator('.notification time').first().textContent()) ?? '';
    check(/ago|just now/.test(relative), `the relative time is there: ${relative}`);
    await screenshot(page, 'dashboard-03-notification-times-1440', { fullPage: false });
    await page.setViewportSize(PHONE);
    await noHorizontalScroll(page);
    await screenshot(page, 'dashboard-04-notification-times-390', { fullPage: false });
    await page.setViewportSize(WIDE);
    noPageErrors();
  });

  test('at the FREE seat limit the invitation form is off and says what an upgrade allows; Billing says how plans change', async () => {
    const team = await api<{ id: string }>('POST', '/api/teams', { name: 'Olive’s agency' });
    await page.goto(`/teams/${team.id}`);
    const section = page.getByRole('region', { name: 'Invite someone' });
    await section.waitFor();
    check(await section.getByLabel(/Email/).isDisabled(), 'the email field is off');
    check(await section.getByRole('button', { name: 'Send invitation' }).isDisabled(), 'the send button is off');
    const hint = section.getByTestId('upgrade-hint-teamSeats');
    await hint.getByText(/Every seat is taken/).waitFor();
    check((await hint.textContent())?.includes('Your plan (Free) allows 1 team seat. Starter allows 2 team seats'), 'the hint says what Starter allows');
    await screenshot(page, 'dashboard-05-invite-off-1440', { fullPage: false });
    await page.setViewportSize(PHONE);
    await section.scrollIntoViewIfNeeded();
    await noHorizontalScroll(page);
    await screenshot(page, 'dashboard-06-invite-off-390', { fullPage: false });
    await page.setViewportSize(WIDE);

    const billing = await api<{ billingEnabled: boolean }>('GET', '/api/billing');
    await page.goto('/billing');
    if (billing.billingEnabled) {
      await page.getByRole('heading', { name: 'Plans' }).waitFor();
    } else {
      const how = page.getByRole('region', { name: 'How plans change on this server' });
      await how.waitFor();
      check((await how.textContent())?.includes(`/api/admin/users/${userId}/plan`), 'the command names the user’s id');
      const plans = page.getByRole('region', { name: 'Plans' });
      check((await plans.getByText('Set by an administrator').count()) === 4, 'every other plan is listed, set by an administrator');
      await how.scrollIntoViewIfNeeded();
      await screenshot(page, 'dashboard-07-billing-admin-1440', { fullPage: false });
      await page.setViewportSize(PHONE);
      await noHorizontalScroll(page);
      await screenshot(page, 'dashboard-08-billing-admin-390');
      await page.setViewportSize(WIDE);
    }
    noPageErrors();
  });

  test('a plan of 12 fixes on FREE: pick the 10 that fit, approve, and the title says 10', async () => {
    const planId = `jp${randomBytes(6).toString('hex')}`;
    await sql(databaseUrl, `INSERT INTO "PendingPlan" (id, "userId", "connectionId", title, "estimatedImpact", "updatedAt") VALUES ($1, $2, $3, $4, '{"fixes":12}', now())`, [planId, userId, siteId, `12 fixes for ${domain}`]);
    await sql(
      databaseUrl,
      `INSERT INTO "Fix" (id, "connectionId", "userId", "planId", type, risk, status, "pageUrl", "afterValue", "updatedAt")
       SELECT $1 || g, $2, $3, $4, 'title', 'LOW', 'PROPOSED', $5 || 'plan-page-' || g || '/', 'A clear title for page ' || g, now() FROM generate_series(1, 12) g`,
      [`${planId}f`, siteId, userId, planId, deps.siteUrl],
    );
    await page.goto(`/sites/${siteId}/plans/${planId}`);
    await page.getByRole('heading', { level: 1, name: `12 fixes for ${domain}` }).waitFor();
    const picker = page.getByTestId('plan-picker');
    await picker.getByText(/12 of 12 selected/).waitFor();
    await picker.getByText(/10 of 10 fixes left this month/).waitFor();
    await picker.getByTestId('upgrade-hint-fixesPerMonth').getByText(/Approving 12 approves the 10 most impactful/).waitFor();
    await picker.getByRole('button', { name: 'Select the 10 most impactful that fit' }).click();
    await picker.getByText(/10 of 12 selected/).waitFor();
    check((await picker.getByTestId('upgrade-hint-fixesPerMonth').count()) === 0, 'the warning goes once the pick fits');
    await screenshot(page, 'dashboard-09-plan-pick-1440', { fullPage: false });
    await page.setViewportSize(PHONE);
    await noHorizontalScroll(page);
    await screenshot(page, 'dashboard-10-plan-pick-390', { fullPage: false });
    await page.setViewportSize(WIDE);
    await page.getByRole('button', { name: 'Approve 10 selected' }).click();
    await page.getByRole('heading', { level: 1, name: `10 fixes for ${domain}` }).waitFor();
    await page.getByText(/10 fixes approved/).first().waitFor();
    const plans = await api<{ items: { id: string; title: string }[] }>('GET', `/api/connections/${siteId}/plans`);
    check(plans.items.find((p) => p.id === planId)?.title === `10 fixes for ${domain}`, 'the plans list agrees');
    noPageErrors();
  });

  test('switching to automatic counts every proposed fix that would go live, past the first page (390 px)', async () => {
    await sql(
      databaseUrl,
      `INSERT INTO "Fix" (id, "connectionId", "userId", type, risk, status, "pageUrl", "afterValue", "updatedAt")
       SELECT $1 || g, $2, $3, 'metaDescription', CASE WHEN g % 5 = 0 THEN 'HIGH'::"FixRisk" ELSE 'MEDIUM'::"FixRisk" END, 'PROPOSED', $4 || 'more-' || g || '/', 'A description for page ' || g, now() FROM generate_series(1, 25) g`,
      [`jm${randomBytes(4).toString('hex')}`, siteId, userId, deps.siteUrl],
    );
    const all = await api<{ total: number }>('GET', `/api/connections/${siteId}/fixes?status=PROPOSED&pageSize=1`);
    const high = await api<{ total: number }>('GET', `/api/connections/${siteId}/fixes?status=PROPOSED&risk=HIGH&pageSize=1`);
    const expected = all.total - high.total;
    check(expected > 20, `more than a page of fixes would go live (${expected})`);
    await page.setViewportSize(PHONE);
    await page.goto(`/sites/${siteId}`);
    await page.getByRole('radio', { name: /Fix automatically/ }).check();
    await page.getByRole('button', { name: 'Save execution mode' }).click();
    const dialog = page.getByRole('dialog');
    const count = dialog.getByTestId('automatic-count');
    await count.waitFor();
    const text = (await count.textContent()) ?? '';
    check(text.startsWith(`${expected} proposed fixes`), `the preview counts ${expected}: ${text}`);
    check(!text.includes('+'), 'no "N+" any more');
    await screenshot(page, 'dashboard-11-automatic-count-390', { fullPage: false });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.setViewportSize(WIDE);
    noPageErrors();
  });

  test('the demo account sees its site’s WordPress login in a banner (1440 and 390 px)', async () => {
    await sql(databaseUrl, `UPDATE "User" SET email = 'demo@seology.local' WHERE id = $1`, [userId]);
    await page.goto('/sites');
    const banner = page.getByRole('complementary', { name: 'Demo account' });
    await banner.waitFor();
    const text = (await banner.textContent()) ?? '';
    check(text.includes('user demo-editor') && text.includes('demo abcd efgh ijkl mnop qrst'), `the banner names the WordPress login: ${text}`);
    await screenshot(page, 'dashboard-12-demo-banner-1440', { fullPage: false });
    await page.setViewportSize(PHONE);
    await noHorizontalScroll(page);
    await screenshot(page, 'dashboard-13-demo-banner-390', { fullPage: false });
    await banner.getByRole('button', { name: 'Hide' }).click();
    check((await page.getByTestId('demo-banner').count()) === 0, 'Hide hides it');
    noPageErrors();
  });
});
