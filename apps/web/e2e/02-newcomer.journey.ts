/**
 * Newcomer journey: a new user signs up, goes through the setup wizard with the demo WordPress site,
 * crawls it with live progress, reads the issues, approves a fix, sees it verified and rolls it back,
 * then works with plans. It needs the worker, and runs in its own browser context (a fresh localStorage).
 */
import * as fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { test, type BrowserContext, type Page } from '@playwright/test';
import { openJourneyPage, type WatchedPage } from './page-watch';
import { env, publishDemoRecipes, startWorker } from './support/environment';
import { assert, DESKTOP, expectHeading, expectHeadingFocused, expectLabelledControls, PHONE, screenshot, screenshotsOnFailure } from './support/helpers';

test.describe.serial('Newcomer on the demo WordPress site (desktop)', () => {
  const email = `newcomer-${randomBytes(3).toString('hex')}@example.com`;
  let siteId = '';
  let context: BrowserContext;
  let page: Page;
  let noPageErrors: WatchedPage['noPageErrors'];
  let accessToken: WatchedPage['accessToken'];
  const me = async () => {
    const response = await fetch(`${env.base}/api/auth/me`, { headers: { Authorization: `Bearer ${accessToken()}` } });
    return (await response.json()) as { onboardingStep: number; onboardingCompleted: boolean };
  };
  const fixCard = (status: string) => page.locator('article.fix-card').filter({ hasText: status }).first();

  test.beforeAll(async ({ browser }) => {
    ({ context, page, noPageErrors, accessToken } = await openJourneyPage(browser, env.base, { viewport: DESKTOP, clipboard: true }));
  });
  test.afterAll(async () => {
    await context.close();
  });
  screenshotsOnFailure(() => ({ '': page }));

  test('sign up and land in the setup wizard, which resumes after leaving it', async () => {
    await startWorker();
    await page.goto('/signup');
    await page.getByLabel('Name').fill('Grace Hopper');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expectHeadingFocused(page, 'Get started');
    await page.getByRole('heading', { name: 'Welcome' }).waitFor();
    await screenshot(page, '30-onboarding-welcome');
    await page.getByRole('button', { name: 'Let’s start' }).click();
    await page.getByRole('heading', { name: 'Add your site' }).waitFor();
    await page.waitForFunction(() => document.querySelector('[aria-current="step"]')?.textContent?.includes('Add your site') === true);
    // Leave and come back: the wizard resumes at the step saved on the account.
    await page.getByRole('button', { name: 'Skip for now' }).click();
    await expectHeading(page, 'Sites');
    // Skipping navigates once the step is saved.
    const saved = await me();
    assert(saved.onboardingStep === 1 && !saved.onboardingCompleted, `expected step 1, not completed; got ${JSON.stringify(saved)}`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Get started' }).click();
    await page.getByRole('heading', { name: 'Add your site' }).waitFor();
    await expectLabelledControls(page);
    await screenshot(page, '31-onboarding-add-site');
    noPageErrors();
  });

  test('add the demo WordPress site with its application password, then connect and check it', async () => {
    await page.getByLabel('Site URL').fill(env.demoSiteUrl);
    await page.getByLabel('Display name').fill('Corner Bakery demo');
    await page.getByRole('radio', { name: /WordPress/ }).check();
    await page.getByLabel('Username').fill(env.demoCredentials.username);
    await page.getByLabel('Application password').fill(env.demoCredentials.applicationPassword);
    await page.getByRole('button', { name: 'Add site' }).click();
    await page.getByRole('heading', { name: 'Connect it' }).waitFor();
    await page.getByText('The WordPress application password is stored encrypted.').waitFor();
    siteId = (await page.evaluate(() => window.localStorage.getItem('seology.onboarding.site'))) ?? '';
    assert(siteId, 'the wizard remembers the site it sets up');
    await screenshot(page, '32-onboarding-connect');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Check the connection' }).waitFor();
    // The application password is tried against the demo site's REST API.
    await page.getByRole('status').filter({ hasText: 'Seology can reach “The Corner Bakery”.' }).waitFor();
    await screenshot(page, '33-onboarding-verify');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Execution mode' }).waitFor();
    assert(await page.getByRole('radio', { name: /Approve each fix/ }).isChecked(), 'APPROVE is preselected');
    await expectLabelledControls(page);
    await screenshot(page, '34-onboarding-mode');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('heading', { name: 'First crawl' }).waitFor();
    noPageErrors();
  });

  test('run the first crawl with live progress and review the first issues', async () => {
    await page.getByRole('button', { name: 'Start the first crawl' }).click();
    const progress = page.getByRole('progressbar', { name: 'Crawl progress' });
    await progress.waitFor();
    await screenshot(page, '35-onboarding-crawl-progress');
    await page.getByRole('button', { name: 'See the issues' }).and(page.locator(':enabled')).waitFor({ timeout: 45_000 });
    assert((await progress.getAttribute('aria-valuenow')) === '100', 'a completed crawl shows 100%');
    await page.getByText(/pages crawled, \d+ issues found/).waitFor();
    await screenshot(page, '36-onboarding-crawl-done');
    await page.getByRole('button', { name: 'See the issues' }).click();
    await page.getByText(/The crawl found \d+ open issues?/).waitFor();
    await screenshot(page, '37-onboarding-first-issues');
    await page.getByRole('button', { name: 'Finish setup' }).click();
    await page.getByRole('heading', { name: 'Done' }).waitFor();
    // The step is saved in the background: wait for it rather than race it.
    let saved = await me();
    for (let tries = 0; tries < 25 && !saved.onboardingCompleted; tries += 1) {
      await page.waitForTimeout(200);
      saved = await me();
    }
    assert(saved.onboardingCompleted && saved.onboardingStep === 7, `expected a completed onboarding, got ${JSON.stringify(saved)}`);
    await screenshot(page, '38-onboarding-done');
    noPageErrors();
  });

  test('filter and search the issues table, open one and see the element, evidence and how to fix it', async () => {
    await page.getByRole('link', { name: 'All issues' }).click();
    await expectHeadingFocused(page, 'Issues');
    // Grouped by kind of issue by default; the per-page table is one click away.
    const groups = page.getByRole('list', { name: /by check$/ });
    await groups.waitFor();
    await groups.locator('summary').first().click();
    await groups.getByRole('heading', { name: 'How to fix it' }).first().waitFor();
    await screenshot(page, '39-issues-grouped');
    await page.getByRole('link', { name: 'Every issue, page by page' }).click();
    const table = page.getByRole('table', { name: /Issues of/ });
    await table.waitFor();
    await expectLabelledControls(page);
    await screenshot(page, '40-issues-table');
    const total = await table.locator('tbody tr').count();
    assert(total > 1, `the demo site has several issues, got ${total}`);
    await page.getByLabel('Search').fill('alt');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/q=alt/);
    await page.waitForFunction((before) => document.querySelectorAll('table tbody tr').length < before, total);
    const filtered = await table.locator('tbody tr').allInnerTexts();
    assert(filtered.length > 0 && filtered.every((row) => /alt/i.test(row)), `search "alt" should keep only image-alt issues, got ${filtered.join(' / ')}`);
    await screenshot(page, '41-issues-filtered');
    // The CSV holds the filtered issues, every page of them.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = fs.readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/);
    assert(csv[0]?.startsWith('id,severity,status,type'), `unexpected CSV header: ${csv[0]}`);
    assert(csv.length - 1 === filtered.length, `the CSV has ${csv.length - 1} rows, the filtered table ${filtered.length}`);
    await table.getByRole('link').first().click();
    await page.getByRole('heading', { name: 'How to fix it' }).waitFor();
    await page.getByLabel('CSS selector', { exact: true }).waitFor();
    await screenshot(page, '42-issue-detail');
    await page.getByRole('button', { name: 'Ignore issue' }).click();
    await page.getByRole('button', { name: 'Stop ignoring' }).waitFor();
    await page.getByRole('button', { name: 'Stop ignoring' }).click();
    await page.getByRole('button', { name: 'Ignore issue' }).waitFor();
    // Back to the list keeps the filters.
    await page.getByRole('link', { name: 'Issues' }).first().click();
    await page.waitForURL(/q=alt/);
    noPageErrors();
  });

  test('explore the crawled pages with filters and open one page with all its issues, at desktop and phone widths', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`/sites/${siteId}/pages`);
    await expectHeading(page, 'Crawled pages');
    const table = page.getByRole('table', { name: /Crawled pages of/ });
    await table.waitFor();
    const all = await table.locator('tbody tr').count();
    assert(all > 1, `the demo site has several crawled pages, got ${all}`);
    await screenshot(page, '43-crawled-pages');
    await page.getByLabel('Issues', { exact: true }).selectOption('true');
    await page.waitForURL(/hasIssues=true/);
    await page.getByLabel('Sort').selectOption('issueCount:desc');
    await page.waitForURL(/sort=issueCount/);
    // The previous rows stay on screen until the sorted ones arrive.
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll('tbody td[data-label="Issues"]')].map((td) => Number(td.textContent));
      return cells.length > 0 && cells.every((n, i) => n > 0 && (i === 0 || cells[i - 1]! >= n));
    }, undefined, { timeout: 15_000 });
    const counts = (await table.locator('tbody td[data-label="Issues"]').allInnerTexts()).map(Number);
    assert(counts.length > 0 && counts.every((n) => n > 0), `"with open issues" lists only pages with issues, got ${counts.join(',')}`);
    assert(counts.every((n, i) => i === 0 || counts[i - 1]! >= n), `sorted by issues, most first: ${counts.join(',')}`);
    await table.getByRole('link').first().click();
    await page.getByRole('heading', { name: 'As the latest crawl saw it' }).waitFor();
    await page.getByRole('heading', { name: /^Issues \(\d+ open of \d+\)$/ }).waitFor();
    await screenshot(page, '44-page-view');
    await page.setViewportSize(PHONE);
    await page.reload();
    await page.getByRole('heading', { name: 'As the latest crawl saw it' }).waitFor();
    await screenshot(page, '45-phone-page-view');
    await page.goto(`/sites/${siteId}/issues`);
    await page.getByRole('list', { name: /by check$/ }).waitFor();
    await screenshot(page, '46-phone-issues-grouped');
    await page.setViewportSize(DESKTOP);
    noPageErrors();
  });

  test('ask the AI assistant and read its answer as it streams in, under the strict CSP', async () => {
    await page.goto(`/assistant/${siteId}`);
    await expectHeading(page, 'AI assistant');
    await page.getByRole('button', { name: 'New conversation' }).click();
    await page.getByLabel('Your question').fill('Which issues should I fix first?');
    await page.getByRole('button', { name: 'Send' }).click();
    const log = page.getByRole('list', { name: 'Messages' });
    const answer = 'Start with the missing meta descriptions, then the duplicate title.';
    await log.getByText(answer).waitFor({ timeout: 20_000 });
    // Once it has answered, the stored conversation replaces what streamed in: the answer stays.
    await page.getByText('The assistant has answered.').waitFor();
    await page.waitForTimeout(1_500);
    await log.getByText(answer).waitFor({ timeout: 1_000 });
    await screenshot(page, '47-assistant-answer');
    await page.reload();
    await page.getByRole('list', { name: 'Messages' }).getByText(answer).waitFor();
    noPageErrors();
  });

  test('approve a proposed fix and see it applied and verified on the live site', async () => {
    await page.goto(`/sites/${siteId}/fixes`);
    await expectHeading(page, 'Fixes');
    // The meta description the rules propose for the sourdough post.
    const title = 'Meta description on /2026/03/sourdough-basics/';
    const card = page.locator('article.fix-card').filter({ hasText: title });
    await card.waitFor({ timeout: 30_000 });
    await card.getByText('Awaiting approval').waitFor();
    await screenshot(page, '50-fixes-queue');
    await card.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Fix approved' }).waitFor();
    await page.getByRole('button', { name: 'Approved', exact: true }).click();
    const applied = page.locator('article.fix-card').filter({ hasText: title });
    await applied.getByText('Verified on the live site').waitFor({ timeout: 40_000 });
    await applied.getByText(/9\d days left to roll back/).waitFor();
    await screenshot(page, '51-fix-applied');
    noPageErrors();
  });

  test('roll the fix back after confirming', async () => {
    const applied = fixCard('Verified on the live site');
    await applied.getByRole('button', { name: 'Roll back' }).click();
    const dialog = page.getByRole('dialog', { name: 'Roll back this fix?' });
    await dialog.waitFor();
    await screenshot(page, '52-rollback-confirm', { fullPage: false });
    await dialog.getByRole('button', { name: 'Roll back' }).click();
    await page.getByRole('button', { name: 'Rolled back', exact: true }).click();
    await fixCard('Rolled back').waitFor({ timeout: 40_000 });
    await screenshot(page, '53-fix-rolled-back');
    noPageErrors();
  });

  test('crawl again from the Crawls screen and compare the two crawls', async () => {
    await page.getByRole('navigation', { name: 'Site sections' }).getByRole('link', { name: 'Crawls' }).click();
    await expectHeadingFocused(page, 'Crawls');
    await page.getByRole('button', { name: 'Start crawl' }).click();
    await page.getByRole('heading', { name: 'Crawl in progress' }).waitFor();
    await page.getByRole('heading', { name: 'Crawl in progress' }).waitFor({ state: 'detached', timeout: 45_000 });
    await page.getByRole('heading', { name: 'Compare crawls' }).waitFor();
    await page.getByLabel('Compared with').waitFor();
    await page.getByText(/Nothing changed between these two crawls|New issues|Resolved issues|Pages changed/).first().waitFor();
    await expectLabelledControls(page);
    await screenshot(page, '54-crawl-diff');
    noPageErrors();
  });

  test('reject the remaining proposals at once, with a reason', async () => {
    await page.getByRole('navigation', { name: 'Site sections' }).getByRole('link', { name: 'Fixes' }).click();
    await expectHeadingFocused(page, 'Fixes');
    // The rolled-back fix's issue is open again, so the last crawl proposed it anew (proposals are
    // written just after the analysis): wait for it so that "select all" covers every proposal.
    await page.locator('article.fix-card').filter({ hasText: 'Meta description on /2026/03/sourdough-basics/' }).waitFor({ timeout: 20_000 });
    const count = await page.locator('article.fix-card').count();
    await page.getByRole('checkbox', { name: /^Select all/ }).check();
    await page.getByRole('button', { name: `Approve selected (${count})` }).waitFor();
    await screenshot(page, '59-fixes-bulk-selected');
    await page.getByRole('button', { name: 'Reject selected' }).click();
    const dialog = page.getByRole('dialog', { name: `Reject ${count} fixes?` });
    await dialog.getByLabel(/Reason/).fill('We write our own descriptions');
    await dialog.getByRole('button', { name: 'Reject' }).click();
    await page.getByRole('status').filter({ hasText: `${count} fixes rejected.` }).waitFor({ timeout: 20_000 });
    await page.getByRole('heading', { name: 'Nothing awaits your approval' }).waitFor();
    await page.getByRole('button', { name: 'Rejected', exact: true }).click();
    await page.getByText('Rejected: We write our own descriptions').first().waitFor();
    noPageErrors();
  });

  test('in plan mode the next crawl’s fixes form a plan; approve it and follow its progress', async () => {
    await page.getByRole('navigation', { name: 'Site sections' }).getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('radio', { name: /Review a plan/ }).check();
    await page.getByRole('button', { name: 'Save execution mode' }).click();
    await page.getByText('Currently: Review a plan.').waitFor();
    // Every earlier proposal was decided (turned-down fixes are not proposed again), so the bakery
    // publishes four new recipes with the usual gaps for the next crawl to find.
    await publishDemoRecipes(4);
    await page.getByRole('button', { name: 'Start crawl' }).click();
    await page.getByRole('navigation', { name: 'Site sections' }).getByRole('link', { name: 'Fixes' }).click();
    const planLink = page.getByRole('region', { name: 'Plans' }).getByRole('link').first();
    await planLink.waitFor({ timeout: 45_000 });
    await planLink.click();
    await page.getByRole('heading', { name: 'Fixes in this plan' }).waitFor();
    await screenshot(page, '55-plan');
    // A plan of more than 10 fixes is over the free plan's 10 a month: approving it approves the most
    // impactful 10 and leaves the others proposed, outside the plan.
    await page.getByRole('button', { name: 'Approve plan' }).click();
    await page.getByRole('status').filter({ hasText: 'Plan approved' }).waitFor();
    await page.getByRole('progressbar', { name: 'Plan progress' }).waitFor();
    // Live progress: the count of fixes done moves while the plan executes.
    const done = page.getByText(/^[1-9]\d* of \d+ fixes done$/);
    await done.waitFor({ timeout: 45_000 });
    const planned = Number(/of (\d+) fixes/.exec((await done.textContent()) ?? '')?.[1]);
    if (!(planned >= 1 && planned <= 10)) throw new Error(`the approved plan holds ${planned} fixes, more than the FREE plan's 10 a month`);
    await screenshot(page, '56-plan-progress');
    noPageErrors();
  });

  test('the plan finishes with every fix accounted for', async () => {
    await page.getByText(/^(\d+) of \1 fixes done$/).waitFor({ timeout: 55_000 });
    await page.getByText(/^(Completed|Finished with failures)$/).first().waitFor();
    await screenshot(page, '57-plan-done');
    noPageErrors();
  });

  test('the issues and fixes screens work at phone width', async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`/sites/${siteId}/issues?view=pages`);
    await page.getByRole('table', { name: /Issues of/ }).waitFor();
    await screenshot(page, '60-phone-issues', { fullPage: false });
    await page.goto(`/sites/${siteId}/fixes`);
    await page.getByRole('button', { name: 'All', exact: true }).click();
    await page.locator('article.fix-card').first().waitFor();
    await screenshot(page, '61-phone-fixes', { fullPage: false });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const wide = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('body *'))
        .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible')
        .reverse()
        .slice(0, 6)
        .map((el) => `${el.tagName.toLowerCase()}.${String(el.className)} (${el.clientWidth}/${el.scrollWidth}px)`),
    );
    assert(overflow <= 1, `the fixes screen scrolls sideways by ${overflow}px at phone width; too wide: ${wide.join(', ')}`);
    noPageErrors();
  });
});
