import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createTestClient, json } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { SiteDetailPage } from './SiteDetailPage';

const SITE = {
  id: 'site-1',
  domain: 'shop.example',
  siteUrl: 'https://shop.example/',
  displayName: null,
  platform: 'CUSTOM',
  status: 'CONNECTED',
  executionMode: 'APPROVE',
  hasCredentials: false,
  snippetKey: 'sk_site_abc',
  crawlSettings: { render: 'off' },
  healthStatus: 'warning',
  role: 'OWNER',
  ownerPlan: 'STARTER',
  minCrawlFrequencyHours: 24,
  healthScore: 64,
  pageCount: 10,
  issueCount: 4,
  lastCrawlAt: new Date(Date.now() - 3600_000).toISOString(),
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const CRAWL = {
  id: 'crawl-1', connectionId: 'site-1', status: 'COMPLETED', pagesCrawled: 10, pagesQueued: 0, issuesFound: 4, newIssues: 0, resolvedIssues: 0,
  healthScore: 64, durationMs: 12_000, resumable: false, createdAt: SITE.lastCrawlAt, startedAt: SITE.lastCrawlAt,
  stats: { render: { mode: 'auto', rendered: true, summary: 'Rendering switched on: 8 of 10 sample pages show links only after JavaScript.' } },
};

function routes(patched: (body: unknown) => unknown) {
  return {
    'GET /api/connections/site-1': () => json(200, SITE),
    'PATCH /api/connections/site-1': ({ body }: { body: unknown }) => json(200, patched(body)),
    'GET /api/connections/site-1/crawls': () => json(200, { items: [CRAWL], total: 1, page: 1, pageSize: 20 }),
    'GET /api/connections/site-1/issues': () => json(200, { items: [], total: 0, page: 1, pageSize: 20 }),
  };
}

describe('the JavaScript rendering setting of a site', () => {
  it('explains the chosen mode in one line and saves only what changed', async () => {
    const user = userEvent.setup();
    const { client, requests } = createTestClient(routes(() => ({ ...SITE, crawlSettings: { render: 'auto' } })));
    renderWithProviders(client, <SiteDetailPage />, '/sites/site-1', '/sites/:siteId');
    const form = await screen.findByRole('form', { name: 'Crawl settings' });
    const select = within(form).getByLabelText('JavaScript rendering');
    expect(select).toHaveValue('off');
    expect(select).toHaveAccessibleDescription(/Audits the HTML the server sends/);
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Off', 'On', 'Automatic']);

    await user.selectOptions(select, 'auto');
    expect(select).toHaveAccessibleDescription(/Renders a few sample pages first and switches rendering on/);
    await user.click(within(form).getByRole('button', { name: 'Save crawl settings' }));
    expect(await screen.findByText('Crawl settings of shop.example saved.')).toBeInTheDocument();
    const patch = requests.find((r) => r.method === 'PATCH')?.body as { crawlSettings: Record<string, unknown> };
    expect(patch.crawlSettings.render).toBe('auto');
  });

  it('does not send the render setting when it was not changed', async () => {
    const user = userEvent.setup();
    const { client, requests } = createTestClient(routes(() => SITE));
    renderWithProviders(client, <SiteDetailPage />, '/sites/site-1', '/sites/:siteId');
    const form = await screen.findByRole('form', { name: 'Crawl settings' });
    await user.type(within(form).getByLabelText(/Maximum pages/), '50');
    await user.click(within(form).getByRole('button', { name: 'Save crawl settings' }));
    await screen.findByText('Crawl settings of shop.example saved.');
    const patch = requests.find((r) => r.method === 'PATCH')?.body as { crawlSettings: Record<string, unknown> };
    expect(patch.crawlSettings).toMatchObject({ maxPages: 50 });
    expect(patch.crawlSettings).not.toHaveProperty('render');
  });

  it('shows the crawl\'s rendering verdict beside it in the recent crawls', async () => {
    const { client } = createTestClient(routes(() => SITE));
    renderWithProviders(client, <SiteDetailPage />, '/sites/site-1', '/sites/:siteId');
    expect(await screen.findByTestId('render-verdict')).toHaveTextContent('Rendering switched on: 8 of 10 sample pages show links only after JavaScript.');
  });
});
