/**
 * Team journey: an admin creates a team, moves a site into it and invites a colleague by email; the
 * colleague signs up from the link in the captured email, accepts, and sees the shared site with a
 * viewer's rights (no crawl control, and the API refuses crawls and fix approvals). On the way it looks
 * at the billing, audit log, notifications (live) and webhook screens.
 *
 * It runs in its own browser contexts and does not build on the other journeys' data.
 */
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { test, type Browser, type Page } from '@playwright/test';
import { pgConnectionFields } from '@seology/contracts';
import { openJourneyPage, type JourneyPage } from './page-watch';
import { env, startWorker, waitForInbox } from './support/environment';
import { screenshot, screenshotsOnFailure } from './support/helpers';

const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };
const PASSWORD = 'correct horse battery staple';

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function newPage(browser: Browser, baseUrl: string): Promise<JourneyPage> {
  return openJourneyPage(browser, baseUrl, { viewport: DESKTOP, acceptDownloads: true });
}

async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor({ state: 'visible' });
}

async function apiCall(baseUrl: string, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

async function sql(databaseUrl: string, text: string, values: unknown[]): Promise<void> {
  const pg = new Client(pgConnectionFields(databaseUrl));
  await pg.connect();
  try {
    await pg.query(text, values);
  } finally {
    await pg.end();
  }
}

async function signUp(page: Page, name: string, email: string): Promise<void> {
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
}

/** A receiver for webhook test deliveries that answers 204 and counts what it got. */
interface WebhookReceiver {
  url: string;
  received: string[];
  close(): Promise<void>;
}

function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push(body);
      res.statusCode = 204;
      res.end();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/hooks/seology`, received, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}
test.describe.serial('Team: an admin shares a site with a viewer invited by email', () => {
  const deps = { siteUrl: env.demoSiteUrl, startWorker, waitForInbox };
  const baseUrl = env.base;
  const databaseUrl = env.databaseUrl;
  const suffix = randomBytes(3).toString('hex');
  const adminEmail = `team-admin-${suffix}@example.com`;
  const memberEmail = `team-colleague-${suffix}@example.com`;
  const teamName = `Bakery agency ${suffix}`;
  const siteName = `Team bakery ${suffix}`;
  let siteId = '';
  let inviteLink = '';
  let admin: JourneyPage;
  let member: JourneyPage;
  let receiver: WebhookReceiver;

  test.beforeAll(async ({ browser }) => {
    admin = await newPage(browser, baseUrl);
    member = await newPage(browser, baseUrl);
    receiver = await startWebhookReceiver();
  });
  test.afterAll(async () => {
    await admin.context.close();
    await member.context.close();
    await receiver.close();
  });
  screenshotsOnFailure(() => ({ 'team-admin-': admin.page, 'team-member-': member.page }));

  test('an admin signs up, creates a team and moves a site into it', async () => {
    const { page } = admin;
    await page.goto('/signup');
    await signUp(page, 'Tess Admin', adminEmail);
    await page.waitForURL((url) => url.pathname !== '/signup');
    // A second seat needs a paid plan; plans are bought on Stripe, which is out of reach here.
    await sql(databaseUrl, `UPDATE "User" SET plan = 'PRO' WHERE email = $1`, [adminEmail]);
    await page.goto('/teams');
    await heading(page, 'Teams');
    await page.getByRole('heading', { name: 'You are not in a team yet' }).waitFor();
    await screenshot(page, '70-team-teams-empty');
    await page.getByLabel('Team name').fill(teamName);
    await page.getByRole('button', { name: 'Create team' }).click();
    await heading(page, teamName);

    const token = admin.accessToken();
    const created = await apiCall(baseUrl, token, 'POST', '/api/connections', { siteUrl: deps.siteUrl, platform: 'CUSTOM', displayName: siteName });
    check(created.status === 201, `site created: ${JSON.stringify(created)}`);
    siteId = (created.body as { id: string }).id;
    await page.reload();
    const move = page.getByLabel('Move a site into this team');
    await move.selectOption({ label: siteName });
    await page.getByRole('button', { name: 'Move site' }).click();
    await page.getByRole('status').filter({ hasText: `${siteName} now belongs to ${teamName}.` }).waitFor();
    await page.getByRole('region', { name: 'Sites of this team' }).getByRole('link', { name: siteName }).waitFor();
    admin.noPageErrors();
  });

  test('the admin invites a colleague as a viewer', async () => {
    const { page } = admin;
    await page.getByLabel('Email', { exact: true }).fill(memberEmail);
    await page.getByLabel('Role', { exact: true }).selectOption('VIEWER');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByRole('status').filter({ hasText: `Invitation sent to ${memberEmail}.` }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(memberEmail.replace(/[.]/g, '\\.')) });
    await row.getByRole('cell', { name: 'Viewer', exact: true }).waitFor();
    await screenshot(page, '71-team-team-detail');
    await deps.startWorker();
    const mails = await deps.waitForInbox(memberEmail, 1, 30_000);
    const match = /https?:\/\/[^\s"'<>]+\/invitations\/accept\?token=[^\s"'<>&]+/.exec(mails[0] ?? '');
    check(match, `the invitation email has an accept link:\n${(mails[0] ?? '').slice(0, 2000)}`);
    inviteLink = match[0];
    check(inviteLink.startsWith(baseUrl), `the link points at the dashboard (${inviteLink})`);
    admin.noPageErrors();
  });

  test('the colleague follows the link, signs up and accepts', async () => {
    const { page } = member;
    await page.goto(inviteLink);
    await heading(page, 'Sign in');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await signUp(page, 'Vera Viewer', memberEmail);
    // Back on the invitation, not in the new-account wizard.
    // The page names the team, the role and who sent it before anything is answered.
    await heading(page, `Join ${teamName}`);
    await page.getByRole('main').getByText(`to the team ${teamName} as Viewer`, { exact: false }).waitFor();
    await page.getByRole('main').getByText(memberEmail).first().waitFor();
    await screenshot(page, '72-team-accept-invitation');
    await page.getByRole('button', { name: 'Accept invitation' }).click();
    await heading(page, teamName);
    await page.getByText('Your role:').filter({ hasText: 'Viewer' }).waitFor();
    check((await page.getByRole('heading', { name: 'Invite someone' }).count()) === 0, 'a viewer gets no invitation form');
    check((await page.getByRole('button', { name: /^Remove/ }).count()) === 0, 'a viewer cannot remove members');
    member.noPageErrors();
  });

  test('the viewer sees the shared site without crawl or settings controls, and the API refuses them', async () => {
    const { page } = member;
    await page.goto('/sites');
    await page.getByRole('row', { name: new RegExp(siteName) }).getByRole('link').click();
    await heading(page, siteName);
    await page.getByRole('region', { name: 'Overview' }).waitFor();
    check((await page.getByRole('button', { name: 'Start crawl' }).count()) === 0, 'no Start crawl button for a viewer');
    check((await page.getByRole('button', { name: 'Delete site' }).count()) === 0, 'no Delete site button for a viewer');
    check((await page.getByRole('button', { name: 'Save execution mode' }).count()) === 0, 'no execution mode form for a viewer');
    await screenshot(page, '73-team-viewer-site');

    const token = member.accessToken();
    const crawl = await apiCall(baseUrl, token, 'POST', `/api/connections/${siteId}/crawls`);
    check(crawl.status === 403, `the API refuses the viewer's crawl (got ${crawl.status})`);
    const fixId = `fix_${suffix}`;
    await sql(
      databaseUrl,
      `INSERT INTO "Fix" (id, "connectionId", type, "pageUrl", "afterValue", "updatedAt") VALUES ($1, $2, 'title-missing', $3, 'Fresh bread daily', now())`,
      [fixId, siteId, deps.siteUrl],
    );
    const approve = await apiCall(baseUrl, token, 'POST', `/api/fixes/${fixId}/approve`);
    check(approve.status === 403, `the API refuses the viewer's fix approval (got ${approve.status})`);
    const bulk = await apiCall(baseUrl, token, 'POST', '/api/fixes/approve', { ids: [fixId] });
    check(bulk.status === 403, `the API refuses the viewer's bulk approval (got ${bulk.status})`);
    // The proposed fix is visible to the viewer, without the controls to decide on it.
    await page.goto(`/sites/${siteId}/fixes`);
    await page.locator('article.fix-card').filter({ hasText: 'Fresh bread daily' }).waitFor();
    // (The "Approved" and "Rejected" filter buttons are views, not decisions.)
    check((await page.getByRole('button', { name: 'Approve', exact: true }).count()) === 0, 'no Approve button for a viewer');
    check((await page.getByRole('button', { name: 'Reject', exact: true }).count()) === 0, 'no Reject button for a viewer');
    await screenshot(page, '73-team-viewer-fixes');
    member.noPageErrors();
  });

  test('the admin crawls the site and the notification arrives live', async () => {
    const { page } = admin;
    await page.goto('/notifications');
    await heading(page, 'Notifications');
    await page.getByRole('heading', { name: 'No notifications yet' }).waitFor();
    const token = admin.accessToken();
    const crawl = await apiCall(baseUrl, token, 'POST', `/api/connections/${siteId}/crawls`);
    check(crawl.status === 201 || crawl.status === 202, `the admin may crawl (got ${crawl.status}: ${JSON.stringify(crawl.body)})`);
    // No reload: the stream brings the notification, the bell and the list update by themselves.
    await page.getByRole('link', { name: /^Notifications, \d+ unread$/ }).waitFor({ timeout: 60_000 });
    await page.getByRole('status').filter({ hasText: /Crawl/i }).first().waitFor();
    await page.getByRole('button', { name: /^Mark “.*” as read$/ }).first().waitFor();
    await screenshot(page, '74-team-notifications-live');
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await page.locator('[data-testid="notification-bell"][aria-label="Notifications"]').waitFor();
    admin.noPageErrors();
  });

  test('the sites list shows the health trend', async () => {
    const { page } = admin;
    // Earlier days' scores, as the daily metrics job would have recorded them.
    for (const [daysAgo, score] of [[3, 55], [2, 63], [1, 70]] as const) {
      await sql(
        databaseUrl,
        `INSERT INTO "Metric" (id, "connectionId", date, "healthScore") VALUES ($1, $2, (now() AT TIME ZONE 'UTC')::date - $3::int, $4) ON CONFLICT DO NOTHING`,
        [`metric_${suffix}_${daysAgo}`, siteId, daysAgo, score],
      );
    }
    await page.goto('/sites');
    await page.getByRole('row', { name: new RegExp(siteName) }).getByRole('img', { name: /Health score of .* over \d+ days/ }).waitFor();
    await screenshot(page, '75-team-sites-trend');
    admin.noPageErrors();
  });

  test('billing shows the plan and usage meters', async () => {
    const { page } = admin;
    await page.goto('/billing');
    await heading(page, 'Billing and usage');
    await page.getByTestId('current-plan').filter({ hasText: 'Pro' }).waitFor();
    const seats = page.getByRole('meter', { name: 'Team seats' });
    await seats.waitFor();
    check((await seats.getAttribute('aria-valuetext'))?.startsWith('2 of 5') === true, `two of five seats used (got ${await seats.getAttribute('aria-valuetext')})`);
    await screenshot(page, '76-team-billing');
    admin.noPageErrors();
  });

  test('the audit log shows the team’s trail, filters it and exports it', async () => {
    const { page } = admin;
    await page.goto('/audit-log');
    await heading(page, 'Audit log');
    await page.getByLabel('Trail').selectOption({ label: `Team: ${teamName}` });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/teamId=/);
    // The team's trail holds what was done on its sites, such as the admin's crawl.
    await page.getByRole('row', { name: /crawl\./ }).first().waitFor();
    await screenshot(page, '77-team-audit-log');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    check(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/.test(download.suggestedFilename()), `CSV file name (${download.suggestedFilename()})`);
    admin.noPageErrors();
  });

  test('webhooks: add an endpoint, see its secret once, send a test and read the delivery log', async () => {
    const { page } = admin;
    await page.goto('/settings/webhooks');
    await heading(page, 'Webhooks');
    await page.getByRole('heading', { name: 'No endpoints yet' }).waitFor();
    await page.getByLabel('Endpoint URL').fill(receiver.url);
    await page.getByRole('checkbox', { name: /crawl\.completed/ }).check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = page.getByTestId('webhook-secret');
    await secret.waitFor();
    check(((await secret.textContent()) ?? '').length >= 16, 'a signing secret is shown');
    await screenshot(page, '78-team-webhook-secret');
    await page.getByRole('button', { name: 'I have stored the secret' }).click();
    check((await page.getByTestId('webhook-secret').count()) === 0, 'the secret is gone once dismissed');
    await page.getByRole('button', { name: `Send a test delivery to ${receiver.url}` }).click();
    const log = page.getByRole('region', { name: /Delivery log/ });
    await log.getByText('Delivered').first().waitFor({ timeout: 30_000 });
    check(receiver.received.length >= 1, 'the receiver got the test delivery');
    await screenshot(page, '79-team-webhook-deliveries');
    admin.noPageErrors();
  });

  test('on a phone: the team, notifications and profile screens fit', async () => {
    const { page } = member;
    await page.setViewportSize(PHONE);
    await page.goto('/teams');
    await page.getByRole('link', { name: teamName }).click();
    await heading(page, teamName);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 1, `no sideways scrolling on the team page (${overflow}px)`);
    await screenshot(page, '80-team-phone-team');
    await page.goto('/notifications');
    await heading(page, 'Notifications');
    await screenshot(page, '81-team-phone-notifications');
    await page.goto('/settings/profile');
    await heading(page, 'Profile');
    await page.getByRole('main').getByText(memberEmail).waitFor();
    await screenshot(page, '82-team-phone-profile');
    member.noPageErrors();
  });
});
