import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createTestClient, errorBody, json } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { SiteDetailPage } from './SiteDetailPage';

const SITE = {
  id: 'site-1',
  domain: 'bakery.example',
  siteUrl: 'https://bakery.example/',
  displayName: 'Corner Bakery',
  platform: 'WORDPRESS',
  status: 'CONNECTED',
  executionMode: 'APPROVE',
  hasCredentials: true,
  snippetKey: 'sk_site_abc',
  crawlSettings: {},
  healthStatus: 'warning',
  role: 'OWNER',
  ownerPlan: 'STARTER',
  minCrawlFrequencyHours: 24,
  healthScore: 71.6,
  pageCount: 120,
  issueCount: 14,
  lastCrawlAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function routes(overrides: Record<string, Parameters<typeof createTestClient>[0][string]> = {}) {
  let site = { ...SITE };
  return {
    'GET /api/connections/site-1': () => json(200, site),
    'PATCH /api/connections/site-1': ({ body }: { body: unknown }) => {
      site = { ...site, ...(body as object) };
      return json(200, site);
    },
    'GET /api/connections/site-1/crawls': () =>
      json(200, {
        items: [
          {
            id: 'crawl-1',
            connectionId: 'site-1',
            status: 'COMPLETED',
            pagesCrawled: 120,
            pagesQueued: 0,
            issuesFound: 14,
            newIssues: 3,
            resolvedIssues: 1,
            healthScore: 71.6,
            durationMs: 83_000,
            stats: {},
            resumable: false,
            createdAt: SITE.lastCrawlAt,
            startedAt: SITE.lastCrawlAt,
          },
        ],
        total: 1,
        page: 1,
        pageSize: 5,
      }),
    'GET /api/connections/site-1/issues': () =>
      json(200, {
        items: [
          {
            id: 'issue-1',
            connectionId: 'site-1',
            type: 'title-missing',
            category: 'titles',
            severity: 'HIGH',
            status: 'OPEN',
            title: 'Page has no title',
            description: '',
            pageUrl: 'https://bakery.example/menu',
            impactScore: 80,
            fixable: true,
            firstSeenAt: SITE.lastCrawlAt,
            lastSeenAt: SITE.lastCrawlAt,
          },
        ],
        total: 14,
        page: 1,
        pageSize: 10,
      }),
    ...overrides,
  };
}

describe('Site detail', () => {
  it('shows the site’s health, crawls and top issues', async () => {
    const { client } = createTestClient(routes());
    renderWithProviders(client, <SiteDetailPage />, '/sites/site-1', '/sites/:siteId');

    expect(await screen.findByRole('heading', { level: 1, name: 'Corner Bakery' })).toBeInTheDocument();
    const overview = screen.getByRole('region', { name: 'Overview' });
    expect(within(overview).getByText('Needs attention')).toBeInTheDocument();
    expect(within(overview).getByText('72')).toBeInTheDocument();
    expect(within(overview).getByText('3 hours ago')).toBeInTheDocument();
    const crawls = await screen.findByRole('table', { name: /Recent crawls/ });
    expect(within(crawls).getByText('Completed')).toBeInTheDocument();
    expect(within(crawls).getByText('1 min 23 s')).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Page has no title' })).toHaveAttribute('href', '/sites/site-1/issues/issue-1');
    expect(screen.getByText(/of 14 open issues/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'See all issues' })).toHaveAttribute('href', '/sites/site-1/issues');
    const sections = screen.getByRole('navigation', { name: 'Site sections' });
    expect(within(sections).getAllByRole('link').map((link) => link.textContent)).toEqual(['Overview', 'Issues', 'Pages', 'Crawls', 'Fixes', 'Reports']);
    expect(screen.getByRole('link', { name: 'Crawl history and comparisons' })).toHaveAttribute('href', '/sites/site-1/crawls');
    // Only snippet sites show the snippet key.
    expect(screen.queryByText('sk_site_abc')).not.toBeInTheDocument();
  });

  it('gives a team viewer no crawl, settings or delete controls', async () => {
    const { client } = createTestClient(routes({ 'GET /api/connections/site-1': () => json(200, { ...SITE, teamId: 'team-1', role: 'VIEWER' }) }));
    renderWithProviders(client, <SiteDetailPage />, '/sites/site-1', '/sites/:siteId');

    expect(await screen.findByRole('heading', { level: 1, name: 'Corner Bakery' })).toBeInTheDocument();
    expect(await screen.findByText('Page has no title')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Start crawl' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save execution mode' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete site' })).not.toBeInTheDocument();
  });

  it('changes the execution mode to automatic only after showing what would go live', async () => {
    const user = userEvent.setup();
    const fix = (id: string, risk: string, type: string) => ({
      id, connectionId: 'site-1', issueId: null, planId: null, type, method: 'RULE', status: 'PROPOSED', risk, pageUrl: 'https://bakery.example/menu',
      target: null, beforeValue: 'Menu', afterValue: 'Our menu: breads, cakes and pastries', rationale: null, createdAt: SITE.createdAt,
    });
    const { client, requests } = createTestClient(routes({
      // 45 proposed, of which 5 high-risk; the first page holds 20, so the count must come from the totals.
      'GET /api/connections/site-1/fixes': ({ url }) =>
        new URL(url, 'http://x').searchParams.get('risk') === 'HIGH'
          ? json(200, { items: [fix('f3', 'HIGH', 'canonical')], total: 5, page: 1, pageSize: 1 })
          : json(200, {
              items: [fix('f1', 'LOW', 'title'), fix('f2', 'MEDIUM', 'metaDescription'), fix('f3', 'HIGH', 'canonical'), ...Array.from({ length: 17 }, (_, i) => fix(`g${i}`, 'LOW', 'title'))],
              total: 45, page: 1, pageSize: 20,
            }),
    }));
    renderWithProviders(client, <SiteDetailPage />, '/sites/site-1', '/sites/:siteId');

    const save = await screen.findByRole('button', { name: 'Save execution mode' });
    expect(save).toBeDisabled();
    await user.click(screen.getByRole('radio', { name: /Fix automatically/ }));
    await user.click(save);
    const dialog = screen.getByRole('dialog', { name: 'Let Seology fix Corner Bakery automatically?' });
    const preview = await within(dialog).findByTestId('automatic-preview');
    expect(preview).toHaveTextContent('40 proposed fixes are of that kind, changing: Title, Meta description and others. 5 high-risk fixes would still wait for you.');
    expect(preview).not.toHaveTextContent('+');
    expect(preview).toHaveTextContent('“Menu” → “Our menu: breads, cakes and pastries”');
    expect(requests.some((r) => r.method === 'PATCH')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Switch to automatic' }));
    expect(await screen.findByText('Execution mode changed to “Fix automatically”.')).toBeInTheDocument();
    expect(screen.getByText('Currently: Fix automatically.')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({ executionMode: 'AUTOMATIC' });
  });

  it('offers only the schedules the owner\'s plan allows, and says which plan allows the others', async () => {
    const free = { ...SITE, ownerPlan: 'FREE', minCrawlFrequencyHours: 168 };
    const { client } = createTestClient({ ...routes(), 'GET /api/connections/site-1': () => json(200, free) });
    renderWithProviders(client, <SiteDetailPage />, '/sites/site-1', '/sites/:siteId');
    const form = await screen.findByRole('form', { name: 'Crawl settings' });
    const select = within(form).getByLabelText('Re-crawl schedule');
    expect(within(select).getByRole('option', { name: 'Daily (Starter plan and up)' })).toBeDisabled();
    expect(within(select).getByRole('option', { name: 'Weekly' })).toBeEnabled();
    expect(within(select).getByRole('option', { name: /Off/ })).toBeEnabled();
    expect(screen.getByTestId('schedule-limit')).toHaveTextContent('Your plan (Free) re-crawls a site at most weekly.');
  });

  it('offers every schedule when the plan allows daily crawls', async () => {
    const { client } = createTestClient(routes());
    renderWithProviders(client, <SiteDetailPage />, '/sites/site-1', '/sites/:siteId');
    const form = await screen.findByRole('form', { name: 'Crawl settings' });
    expect(within(within(form).getByLabelText('Re-crawl schedule')).getByRole('option', { name: 'Daily' })).toBeEnabled();
    expect(screen.queryByTestId('schedule-limit')).toBeNull();
  });

  it('saves the schedule and crawl settings, and shows the next run', async () => {
    const user = userEvent.setup();
    const nextCrawlAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const { client, requests } = createTestClient(routes({
      'PATCH /api/connections/site-1': () => json(200, {
        ...SITE, crawlFrequencyHours: 168, nextCrawlAt,
        crawlSettings: { maxPages: 200, exclude: ['/cart/*'], requestsPerSecond: 2, userAgent: 'AcmeBot/1', headerNames: ['Authorization', 'Cookie'] },
      }),
    }));
    renderWithProviders(client, <SiteDetailPage />, '/sites/site-1', '/sites/:siteId');

    const form = await screen.findByRole('form', { name: 'Crawl settings' });
    expect(screen.getByTestId('next-crawl')).toHaveTextContent('No schedule');
    await user.selectOptions(within(form).getByLabelText('Re-crawl schedule'), 'weekly');
    await user.type(within(form).getByLabelText(/Maximum pages/), '200');
    await user.type(within(form).getByLabelText(/Never crawl URLs matching/), '/cart/*');
    await user.type(within(form).getByLabelText(/Requests per second/), '50');
    await user.type(within(form).getByLabelText(/User agent/), 'AcmeBot/1');
    await user.click(within(form).getByRole('checkbox', { name: 'Add headers or cookies' }));
    await user.type(within(form).getByLabelText(/^Cookie/), 'session=s3cret');
    await user.type(within(form).getByLabelText(/Other headers/), 'Authorization: Bearer t0ken');
    await user.click(within(form).getByRole('button', { name: 'Save crawl settings' }));
    // Out of range: told what to change, nothing sent.
    expect(within(form).getByText(/Requests per second must be a number from 0.2 to 20/)).toBeInTheDocument();
    expect(requests.some((r) => r.method === 'PATCH')).toBe(false);

    await user.clear(within(form).getByLabelText(/Requests per second/));
    await user.type(within(form).getByLabelText(/Requests per second/), '2');
    await user.click(within(form).getByRole('button', { name: 'Save crawl settings' }));
    expect(await screen.findByText('Crawl settings of bakery.example saved.')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({
      crawlFrequencyHours: 168,
      crawlSettings: {
        include: [], exclude: ['/cart/*'], userAgent: 'AcmeBot/1', maxPages: 200, requestsPerSecond: 2,
        headers: { Authorization: 'Bearer t0ken', Cookie: 'session=s3cret' },
      },
    });
    // The server's next run is 7 days after the save: a hair under reads "in 7 days", the full week "next week".
    expect(screen.getByTestId('next-crawl')).toHaveTextContent(/Weekly · next crawl (in 7 days|next week) \(/);
    expect(screen.getByText(/Sent with every request: Authorization, Cookie\. Values are stored encrypted/)).toBeInTheDocument();
    expect(screen.queryByDisplayValue('session=s3cret')).not.toBeInTheDocument();
  });

  it('replaces the WordPress credentials and checks them again at once', async () => {
    const user = userEvent.setup();
    let accepted = false;
    const { client, requests } = createTestClient(routes({
      'POST /api/connections/site-1/check': () => json(200, accepted
        ? { ok: true, siteName: 'Corner Bakery', reason: null, writable: [], wordpress: null, unsupported: {} }
        : { ok: false, siteName: null, reason: 'WordPress refused the username or application password (401)', writable: [], wordpress: null, unsupported: {} }),
    }));
    renderWithProviders(client, <SiteDetailPage />, '/sites/site-1', '/sites/:siteId');

    const form = await screen.findByRole('form', { name: 'Credentials' });
    await user.click(within(form).getByRole('button', { name: 'Check the stored credentials' }));
    expect(await within(form).findByText(/WordPress refused the username or application password \(401\)/)).toBeInTheDocument();

    accepted = true;
    await user.type(within(form).getByLabelText(/^Username/), 'editor');
    await user.type(within(form).getByLabelText(/^Application password/), 'abcd efgh ijkl mnop qrst uvwx');
    await user.click(within(form).getByRole('button', { name: 'Save and check' }));
    expect(await within(form).findByText(/Seology signed in to “Corner Bakery”/)).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({ wordpress: { username: 'editor', applicationPassword: 'abcd efgh ijkl mnop qrst uvwx' } });
    expect(requests.filter((r) => r.method === 'POST' && r.url.endsWith('/check'))).toHaveLength(2);
    expect(within(form).getByLabelText(/^Application password/)).toHaveValue('');
  });

  it('offers the Seology plugin zip with install steps when the check finds fields WordPress does not let Seology write', async () => {
    const user = userEvent.setup();
    const { client } = createTestClient(routes({
      'POST /api/connections/site-1/check': () => json(200, {
        ok: true, siteName: 'Corner Bakery', reason: null, writable: [{ kind: 'post', fields: ['h1', 'imageAlt'] }],
        wordpress: { companionPlugin: null, seoPlugin: null, redirects: null },
        unsupported: { metaDescription: 'Install the Seology plugin to let Seology write descriptions.', canonical: 'Install the Seology plugin.' },
      }),
    }));
    renderWithProviders(client, <SiteDetailPage />, '/sites/site-1', '/sites/:siteId');
    const form = await screen.findByRole('form', { name: 'Credentials' });
    await user.click(within(form).getByRole('button', { name: 'Check the stored credentials' }));
    expect(await within(form).findByText(/does not let Seology change meta description, canonical by itself/)).toBeInTheDocument();
    expect(within(form).getByRole('link', { name: 'Download the Seology plugin (zip)' })).toHaveAttribute('href', '/api/integrations/wordpress/plugin.zip');
    expect(within(form).getByText('Click Activate.')).toBeInTheDocument();
  });

  it('deletes only after confirmation, and shows a refusal inside the dialog', async () => {
    const user = userEvent.setup();
    let allowed = false;
    const { client, requests } = createTestClient(
      routes({
        'DELETE /api/connections/site-1': () => (allowed ? new Response(null, { status: 204 }) : errorBody(403, 'Your role in this team (VIEWER) does not allow site:manage.')),
        'GET /api/connections': () => json(200, { items: [], total: 0, page: 1, pageSize: 20 }),
      }),
    );
    renderWithProviders(client, <SiteDetailPage />, '/sites/site-1', '/sites/:siteId');

    await user.click(await screen.findByRole('button', { name: 'Delete site' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete Corner Bakery?' });
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);

    await user.click(within(dialog).getByRole('button', { name: 'Delete site' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('does not allow site:manage');

    allowed = true;
    await user.click(within(dialog).getByRole('button', { name: 'Delete site' }));
    expect(await screen.findByText('Sites list')).toBeInTheDocument();
    expect(await screen.findByText('Corner Bakery was deleted.')).toBeInTheDocument();
  });

  it('says so when the site does not exist', async () => {
    const { client } = createTestClient({ 'GET /api/connections/site-1': () => errorBody(404, 'No site with this id.') });
    renderWithProviders(client, <SiteDetailPage />, '/sites/site-1', '/sites/:siteId');
    expect(await screen.findByRole('heading', { level: 1, name: 'Site not found' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('This site does not exist or you no longer have access to it.');
  });
});
