/**
 * Search Console journey: an owner connects Google Search Console from the site's page (the OAuth round
 * trip through the local contract server standing in for Google), sees the matched property, picks
 * another, watches the 16-month backfill finish, then finds the traffic in the issues (grouped and per
 * page) and pages screens, sorts by it, and reads what an applied fix did (difference-in-differences
 * against flat control pages) on the fix and on the overview. Revoked consent reads as a reconnect;
 * disconnecting withdraws the token at Google. At 1440 px and at 390 px.
 *
 * It runs in its own browser context with its own account and does not build on other journeys' data.
 * The API's Google settings point at the contract server that support/global-setup.ts starts;
 * the journey sets what the Google account sees through support/environment.ts.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { test, type BrowserContext, type Page } from '@playwright/test';
import { pgConnectionFields } from '@seology/contracts';
import type { SearchAnalyticsRow } from '@seology/connectors/testing';
import { openJourneyPage, signUpInBrowser, type WatchedPage } from './page-watch';
import { env, google, startWorker } from './support/environment';
import { screenshot, screenshotsOnFailure } from './support/helpers';

const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function noHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
}

async function sql(databaseUrl: string, statements: [string, unknown[]][]): Promise<void> {
  const pg = new Client(pgConnectionFields(databaseUrl));
  await pg.connect();
  try {
    for (const [text, values] of statements) await pg.query(text, values);
  } finally {
    await pg.end();
  }
}

/**
 * 60 days of history: every page has 1,000 impressions a day; /menu's clicks double after its fix
 * (30 days ago) while the four control pages stay flat, so the fix is "+100% clicks, likely".
 */
function history(siteUrl: string): SearchAnalyticsRow[] {
  const pages: Record<string, [number, number]> = { menu: [20, 40], about: [0, 0], c1: [20, 20], c2: [20, 20], c3: [20, 20], c4: [20, 20] };
  return Object.entries(pages).flatMap(([path, [before, after]]) =>
    Array.from({ length: 60 }, (_, i): SearchAnalyticsRow => {
      const offset = i - 60;
      const impressions = path === 'about' ? 0 : path === 'menu' ? 400 : 1000;
      return { date: day(offset), page: `${siteUrl}${path}`, query: 'bakery', clicks: offset > -30 ? after : before, impressions, position: 5 };
    }).filter((row) => row.impressions > 0));
}
test.describe.serial('Search Console: connect, traffic-aware issues and pages, and what each fix did', () => {
  const deps = { startWorker };
  const baseUrl = env.base;
  const databaseUrl = env.databaseUrl;
  const siteUrl = env.customerSiteUrl;
  const domainProperty = `sc-domain:${new URL(siteUrl).hostname}`;
  let siteId = '';
  let fixId = '';
  let context: BrowserContext;
  let page: Page;
  let noPageErrors: WatchedPage['noPageErrors'];

  test.beforeAll(async ({ browser }) => {
    ({ context, page, noPageErrors } = await openJourneyPage(browser, baseUrl, { viewport: WIDE }));
  });
  test.afterAll(async () => {
    await context.close();
  });
  screenshotsOnFailure(() => ({ 'search-console-': page }));

  test('without Search Console the site says why issues rank as they do (1440 px)', async () => {
    const { token } = await signUpInBrowser(page, 'Gia Search', 'search');
    const created = await fetch(`${baseUrl}/api/connections`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ siteUrl, platform: 'CUSTOM', displayName: 'Corner Bakery (search)' }),
    });
    const answer = await created.text();
    check(created.status === 201, `site not created: ${created.status} ${answer}`);
    siteId = (JSON.parse(answer) as { id: string }).id;

    // A finished crawl's pages, two identical issues on a busy and an unseen page, and a fix applied 30 days ago.
    const crawlId = `crawl_${randomBytes(6).toString('hex')}`;
    fixId = `fix_${randomBytes(6).toString('hex')}`;
    const paths = ['menu', 'about', 'c1', 'c2', 'c3', 'c4'];
    const issue = (path: string): [string, unknown[]] => [
      `INSERT INTO "Issue" (id, "connectionId", fingerprint, type, category, severity, title, description, "pageUrl", "impactScore", fixable, "updatedAt")
       VALUES ($1, $2, $3, 'meta-description-missing', 'meta', 'MEDIUM', 'Meta description missing', 'The page has no meta description.', $4, 30, true, now())`,
      [`issue_${randomBytes(6).toString('hex')}`, siteId, `fp-${path}`, `${siteUrl}${path}`],
    ];
    await sql(databaseUrl, [
      [`INSERT INTO "Crawl" (id, "connectionId", status, "completedAt", "pagesCrawled") VALUES ($1, $2, 'COMPLETED', now(), 6)`, [crawlId, siteId]],
      ...paths.map((path, i): [string, unknown[]] => [
        `INSERT INTO "CrawledPage" (id, "crawlId", "connectionId", url, "finalUrl", status, depth, title) VALUES ($1, $2, $3, $4, $4, 200, 1, $5)`,
        [`page_${i}_${randomBytes(4).toString('hex')}`, crawlId, siteId, `${siteUrl}${path}`, `Page ${path}`],
      ]),
      issue('about'),
      issue('menu'),
      [
        `INSERT INTO "Fix" (id, "connectionId", type, method, status, risk, "pageUrl", "beforeValue", "afterValue", "appliedAt", "verifiedAt", "updatedAt")
         VALUES ($1, $2, 'metaDescription', 'RULE', 'APPLIED', 'LOW', $3, '', 'Sourdough, rye and croissants baked every morning.', $4, $4, now())`,
        [fixId, siteId, `${siteUrl}menu`, new Date(`${day(-30)}T12:00:00Z`)],
      ],
    ]);
    await google.configure({
      sites: [
        { siteUrl: domainProperty, permissionLevel: 'siteOwner' },
        { siteUrl, permissionLevel: 'siteFullUser' },
        { siteUrl: 'https://elsewhere.example/', permissionLevel: 'siteOwner' },
      ],
      data: { [siteUrl]: history(siteUrl), [domainProperty]: history(siteUrl) },
      firstIncompleteDate: null,
    });
    await deps.startWorker();

    await page.goto(`/sites/${siteId}`);
    const card = page.getByRole('region', { name: 'Google Search Console' });
    await card.getByRole('button', { name: 'Connect Search Console' }).waitFor();
    await card.getByText('Search Console is not connected, so issues are ranked by their check score alone').waitFor();
    await page.goto(`/sites/${siteId}/issues?view=pages`);
    const note = page.getByRole('note');
    await note.getByRole('link', { name: 'Connect Search Console to rank by traffic' }).waitFor();
    const cells = await page.getByRole('table').getByRole('row').nth(1).getByRole('cell').allTextContents();
    check(cells.includes('—'), `without Search Console the traffic cell is a dash, got ${cells.join(' | ')}`);
    await screenshot(page, 'search-console-01-issues-without-search-console');
    noPageErrors();
  });

  test('connects through Google’s consent screen, lands back on the site and picks another property', async () => {
    await page.goto(`/sites/${siteId}`);
    const card = page.getByRole('region', { name: 'Google Search Console' });
    await Promise.all([
      page.waitForURL((url) => url.pathname === `/sites/${siteId}` && url.origin === baseUrl && !url.search.includes('searchConsole=')),
      card.getByRole('button', { name: 'Connect Search Console' }).click(),
    ]);
    await card.getByText('Search Console connected').waitFor();
    // The best match: the URL-prefix property of the site itself.
    await card.getByRole('definition').filter({ hasText: siteUrl }).waitFor();
    check((await google.state()).tokenRequests.some((r) => r.grantType === 'authorization_code'), 'the API exchanged the code at the token endpoint');
    // The status is re-read while the import runs; the last synced day replaces "Importing…".
    await card.getByText(day(-1)).waitFor({ timeout: 45_000 });
    await card.getByRole('button', { name: 'Change property' }).click();
    const picker = card.getByRole('form', { name: 'Search Console property' });
    await picker.getByRole('radio', { name: siteUrl }).waitFor();
    check(await picker.getByRole('radio', { name: siteUrl }).isChecked(), 'the current property is selected');
    await screenshot(page, 'search-console-02-property-picker');
    await picker.getByRole('radio', { name: domainProperty }).check();
    await picker.getByRole('button', { name: 'Use this property' }).click();
    await page.getByRole('status').filter({ hasText: `Search Console property set to ${domainProperty}.` }).waitFor();
    await card.getByRole('definition').filter({ hasText: domainProperty }).waitFor();
    await card.getByText(day(-1)).waitFor({ timeout: 45_000 });
    await card.getByText('Importing the last 16 months…').waitFor({ state: 'hidden' });
    await card.getByText('By search traffic').waitFor();
    await screenshot(page, 'search-console-03-connected');
    noPageErrors();
  });

  test('issues and pages carry the traffic and sort by it; the busy page ranks first', async () => {
    await page.goto(`/sites/${siteId}/issues?view=pages`);
    await page.getByText("Issues are ranked by check score weighted by each page's Search Console impressions").waitFor();
    const first = page.getByRole('table').getByRole('row').nth(1);
    await first.getByRole('link', { name: '/menu' }).waitFor();
    await first.getByRole('cell', { name: '11,200' }).waitFor();
    await first.getByRole('cell', { name: '1,120' }).waitFor();
    await page.getByLabel('Sort').selectOption('pageUrl:asc');
    await page.getByRole('table').getByRole('row').nth(1).getByRole('link', { name: '/about' }).waitFor();
    await page.getByLabel('Sort').selectOption('estimatedTraffic:desc');
    await page.getByRole('table').getByRole('row').nth(1).getByRole('link', { name: '/menu' }).waitFor();
    await screenshot(page, 'search-console-04-issues-by-traffic');

    await page.goto(`/sites/${siteId}/issues?sort=estimatedTraffic`);
    await page.getByText('11,200 impressions (28 days)').waitFor();

    await page.goto(`/sites/${siteId}/pages?sort=clicks&order=desc`);
    const rows = page.getByRole('table').getByRole('row');
    await rows.nth(1).getByRole('link', { name: '/menu' }).waitFor();
    const menu = await rows.nth(1).getByRole('cell').allTextContents();
    check(menu.includes('11,200') && menu.includes('1,120'), `/menu shows 28 days of impressions and clicks, got ${menu.join(' | ')}`);
    await screenshot(page, 'search-console-05-pages-by-clicks');
    noPageErrors();
  });

  test('the fix shows what it did against the control pages, and the overview sums it up', async () => {
    await page.goto(`/sites/${siteId}/fixes`);
    await page.getByRole('button', { name: 'Approved', exact: true }).click();
    const card = page.getByRole('article', { name: /Meta description on \/menu/ });
    await card.getByText('Likely due to the fix').waitFor();
    await card.getByText('+100% clicks over 28 days, likely due to the fix.').waitFor();
    await card.getByText('How this was measured').click();
    await card.getByText(/Compared with 4 comparable pages/).waitFor();
    const row = await card.getByRole('table').getByRole('row').nth(2).getByRole('cell').allTextContents();
    check(row.includes('560 → 1,120') && row.includes('2,240 → 2,240'), `28-day window: page and controls, got ${row.join(' | ')}`);
    await screenshot(page, 'search-console-06-fix-impact');

    await page.goto(`/sites/${siteId}`);
    const overview = page.getByRole('region', { name: 'What the fixes did' });
    await overview.getByText('+100% clicks over 28 days, likely due to the fix.').waitFor();
    await screenshot(page, 'search-console-07-overview-impact');
    noPageErrors();
  });

  test('at 390 px the site, issues, pages and fix screens fit the phone', async () => {
    await page.setViewportSize(PHONE);
    for (const [path, name, ready] of [
      [`/sites/${siteId}`, 'search-console-08-site-phone', 'What the fixes did'],
      [`/sites/${siteId}/issues?view=pages`, 'search-console-09-issues-phone', '11,200'],
      [`/sites/${siteId}/pages`, 'search-console-10-pages-phone', '1,120'],
      [`/sites/${siteId}/fixes`, 'search-console-11-fix-phone', 'Likely due to the fix'],
    ] as const) {
      await page.goto(path);
      if (path.endsWith('/fixes')) await page.getByRole('button', { name: 'Approved', exact: true }).click();
      await page.getByText(ready).first().waitFor();
      await noHorizontalScroll(page);
      await screenshot(page, name);
    }
    // The two new cards of the site page, as the phone shows them.
    await page.goto(`/sites/${siteId}`);
    for (const [region, name] of [['What the fixes did', 'search-console-08a-impact-card-phone'], ['Google Search Console', 'search-console-08b-connection-card-phone']] as const) {
      const card = page.getByRole('region', { name: region });
      await card.getByText(region === 'What the fixes did' ? 'Likely due to the fix' : 'By search traffic', { exact: true }).waitFor();
      await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await screenshot(page, name, { fullPage: false });
    }
    noPageErrors();
  });

  test('revoked consent reads as a reconnect; disconnecting withdraws the token at Google and keeps the history', async () => {
    await page.setViewportSize(WIDE);
    // What the daily sync records when Google answers invalid_grant (the API's e2e test drives that part).
    await google.revokeConsent();
    await sql(databaseUrl, [[`UPDATE "SearchConsoleLink" SET status = 'REVOKED', "lastError" = $2 WHERE "connectionId" = $1`, [siteId, 'Google refused the refresh token (invalid_grant): connect Search Console again.']]]);
    await page.goto(`/sites/${siteId}`);
    const card = page.getByRole('region', { name: 'Google Search Console' });
    await card.getByText('Google no longer accepts Seology’s access').waitFor();
    await screenshot(page, 'search-console-12-revoked');
    await Promise.all([
      page.waitForURL((url) => url.pathname === `/sites/${siteId}` && !url.search.includes('searchConsole=')),
      card.getByRole('button', { name: 'Connect Search Console again' }).click(),
    ]);
    await card.getByText('Search Console connected').waitFor();
    await card.getByRole('button', { name: 'Change property' }).waitFor();

    const revokedBefore = (await google.state()).revokedTokens.length;
    await card.getByRole('button', { name: 'Disconnect' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disconnect Search Console?' });
    await dialog.getByRole('button', { name: 'Disconnect' }).click();
    await card.getByRole('button', { name: 'Connect Search Console' }).waitFor();
    check((await google.state()).revokedTokens.length === revokedBefore + 1, 'disconnecting revokes the token at Google');
    // The measured history stays: the fix keeps its measurement.
    await page.goto(`/sites/${siteId}/fixes`);
    await page.getByRole('button', { name: 'Approved', exact: true }).click();
    await page.getByRole('article', { name: /Meta description on \/menu/ }).getByText('Likely due to the fix').waitFor();
    noPageErrors();
  });
});
