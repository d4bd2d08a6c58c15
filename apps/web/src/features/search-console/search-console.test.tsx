import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestClient, errorBody, json } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { IssuesPage } from '../issues/IssuesPage';
import { PagesExplorerPage } from '../pages/PagesExplorerPage';
import { PageViewPage } from '../pages/PageViewPage';
import { SiteDetailPage } from '../sites/SiteDetailPage';
import { browser, isImporting, type FixImpact, type SearchConsoleStatus } from './api';
import { FixImpactView } from './FixImpactView';

const SITE = {
  id: 'site-1', domain: 'bakery.example', siteUrl: 'https://bakery.example/', displayName: 'Corner Bakery', platform: 'CUSTOM', status: 'CONNECTED',
  executionMode: 'APPROVE', hasCredentials: false, snippetKey: 'sk_site_abc', crawlSettings: {}, healthStatus: 'warning', healthScore: 70, pageCount: 5,
  issueCount: 1, lastCrawlAt: '2026-01-02T00:00:00.000Z', role: 'OWNER', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
};
const BY_SCORE = { basis: 'check-score', reason: 'Search Console is not connected, so issues are ranked by their check score alone (severity × weight).' } as const;
const BY_TRAFFIC = { basis: 'search-traffic', reason: "Issues are ranked by check score weighted by each page's Search Console impressions and clicks over the last 28 days." } as const;
const NOT_CONNECTED: SearchConsoleStatus = { available: true, connected: false, priorities: BY_SCORE };
const SYNCED: SearchConsoleStatus = {
  available: true, connected: true, status: 'ACTIVE', propertyUrl: 'https://bakery.example/', syncedThrough: '2026-01-30', lastSyncAt: new Date(Date.now() - 3600_000).toISOString(),
  lastError: null, scope: 'https://www.googleapis.com/auth/webmasters.readonly', priorities: BY_TRAFFIC,
};
const PROPERTIES = {
  items: [
    { siteUrl: 'https://bakery.example/', permissionLevel: 'siteOwner', kind: 'url-prefix', matches: true, selected: true },
    { siteUrl: 'sc-domain:bakery.example', permissionLevel: 'siteFullUser', kind: 'domain', matches: true, selected: false },
  ],
};
const IMPACT: FixImpact = {
  measuredThrough: '2026-01-30', controlPages: 4, expected: 'A better snippet: more clicks for the same impressions (CTR up), position about the same.',
  confidence: 'likely', summary: '+100% clicks over 28 days, likely due to the fix.',
  windows: [{
    days: 28, before: { start: '2026-01-01', end: '2026-01-28' }, after: { start: '2026-01-30', end: '2026-02-26' },
    page: { clicks: [560, 1120], impressions: [28000, 28000], ctr: [0.02, 0.04], position: [5, 5] },
    controls: { clicks: [2240, 2240], impressions: [112000, 112000], ctr: [0.02, 0.02], position: [5, 5] },
    effect: { clicksPct: 100, impressionsPct: 0, ctrPoints: 2, position: 0 },
  }],
};

/** The site page's other sections, answered empty so only Search Console matters. */
function siteRoutes(status: () => SearchConsoleStatus, extra: Parameters<typeof createTestClient>[0] = {}) {
  return {
    'GET /api/connections/site-1': () => json(200, SITE),
    'GET /api/connections/site-1/crawls': () => json(200, { items: [], total: 0, page: 1, pageSize: 5 }),
    'GET /api/connections/site-1/issues': () => json(200, { items: [], total: 0, page: 1, pageSize: 10 }),
    'GET /api/connections/site-1/search-console': () => json(200, status()),
    'GET /api/connections/site-1/search-console/impact': () => json(200, { measured: 0, counts: { likely: 0, possible: 0, noMeasurableChange: 0, notEnoughData: 0, tooEarly: 0 }, fixes: [] }),
    ...extra,
  };
}

afterEach(() => vi.restoreAllMocks());

describe('Search Console on the site page', () => {
  it('explains the ranking without Search Console and sends the owner to Google’s consent screen', async () => {
    const user = userEvent.setup();
    const open = vi.spyOn(browser, 'open').mockImplementation(() => undefined);
    const { client, requests } = createTestClient(siteRoutes(() => NOT_CONNECTED, {
      'POST /api/connections/site-1/search-console/authorize': () => json(201, { authorizationUrl: 'https://accounts.example/o/oauth2/v2/auth?state=s' }),
    }));
    renderWithProviders(client, <SiteDetailPage />, '/sites/site-1', '/sites/:siteId');

    const section = await screen.findByRole('region', { name: 'Google Search Console' });
    expect(await within(section).findByText(BY_SCORE.reason)).toBeInTheDocument();
    expect(within(section).getByText('webmasters.readonly')).toBeInTheDocument();
    // Without measured fixes to show, the overview has no impact card.
    expect(screen.queryByRole('region', { name: 'What the fixes did' })).not.toBeInTheDocument();
    await user.click(within(section).getByRole('button', { name: 'Connect Search Console' }));
    expect(requests.some((r) => r.method === 'POST' && r.url.endsWith('/search-console/authorize'))).toBe(true);
    expect(open).toHaveBeenCalledWith('https://accounts.example/o/oauth2/v2/auth?state=s');
  });

  it('says when the server has no Google client, and hides the button', async () => {
    const { client } = createTestClient(siteRoutes(() => ({ ...NOT_CONNECTED, available: false })));
    renderWithProviders(client, <SiteDetailPage />, '/sites/site-1', '/sites/:siteId');
    const section = await screen.findByRole('region', { name: 'Google Search Console' });
    expect(await within(section).findByText('Search Console is not set up on this server')).toBeInTheDocument();
    expect(within(section).queryByRole('button', { name: 'Connect Search Console' })).not.toBeInTheDocument();
  });

  it('comes back from Google connected, shows the import, then lets the owner pick another property', async () => {
    const user = userEvent.setup();
    let status: SearchConsoleStatus = { ...SYNCED, syncedThrough: null, lastSyncAt: null, priorities: { basis: 'check-score', reason: 'Search Console data has not arrived yet.' } };
    const { client, requests } = createTestClient(siteRoutes(() => status, {
      'GET /api/connections/site-1/search-console/properties': () => json(200, PROPERTIES),
      'PUT /api/connections/site-1/search-console/property': ({ body }) => {
        status = { ...status, propertyUrl: (body as { propertyUrl: string }).propertyUrl };
        return json(200, status);
      },
    }));
    renderWithProviders(client, <SiteDetailPage />, '/sites/site-1?searchConsole=connected', '/sites/:siteId');

    const section = await screen.findByRole('region', { name: 'Google Search Console' });
    expect(await within(section).findByText('Search Console connected')).toBeInTheDocument();
    expect(await within(section).findByText('https://bakery.example/')).toBeInTheDocument();
    expect(within(section).getByText('Importing the last 16 months…')).toBeInTheDocument();

    await user.click(within(section).getByRole('button', { name: 'Change property' }));
    const domain = await within(section).findByRole('radio', { name: 'sc-domain:bakery.example' });
    expect(within(section).getByText('Domain property, covers this site · Full user')).toBeInTheDocument();
    await user.click(domain);
    await user.click(within(section).getByRole('button', { name: 'Use this property' }));
    expect(await within(section).findByText('sc-domain:bakery.example')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'PUT')?.body).toEqual({ propertyUrl: 'sc-domain:bakery.example' });
  });

  it.each([
    ['denied', 'You declined access'],
    ['choose-property', 'None of your Google account'],
  ])('says what Google’s answer "%s" means', async (result, text) => {
    const { client } = createTestClient(siteRoutes(() => ({ ...SYNCED, propertyUrl: null, syncedThrough: null }), {
      'GET /api/connections/site-1/search-console/properties': () => json(200, PROPERTIES),
    }));
    renderWithProviders(client, <SiteDetailPage />, `/sites/site-1?searchConsole=${result}`, '/sites/:siteId');
    const section = await screen.findByRole('region', { name: 'Google Search Console' });
    expect(await within(section).findByText(new RegExp(text))).toBeInTheDocument();
  });

  it('shows the quota back-off as a wait, revoked consent as a reconnect, and disconnects after confirming', async () => {
    const user = userEvent.setup();
    let status: SearchConsoleStatus = { ...SYNCED, lastError: 'Search Console answered 429 4 times in a row; the sync resumes from its last complete window on the next attempt.' };
    const { client, requests } = createTestClient(siteRoutes(() => status, {
      'DELETE /api/connections/site-1/search-console': () => {
        status = NOT_CONNECTED;
        return new Response(null, { status: 204 });
      },
    }));
    const view = renderWithProviders(client, <SiteDetailPage />, '/sites/site-1', '/sites/:siteId');
    let section = await screen.findByRole('region', { name: 'Google Search Console' });
    expect(await within(section).findByText('Google’s quota was reached: the sync waits and resumes')).toBeInTheDocument();
    expect(within(section).getByText('2026-01-30')).toBeInTheDocument();
    expect(within(section).getByText('By search traffic')).toBeInTheDocument();
    view.unmount();

    status = { ...SYNCED, status: 'REVOKED', lastError: 'Google refused the refresh token (invalid_grant): connect Search Console again.', priorities: BY_SCORE };
    renderWithProviders(client, <SiteDetailPage />, '/sites/site-1', '/sites/:siteId');
    section = await screen.findByRole('region', { name: 'Google Search Console' });
    expect(await within(section).findByText('Google no longer accepts Seology’s access')).toBeInTheDocument();
    expect(within(section).getByText(/invalid_grant/)).toBeInTheDocument();
    expect(within(section).getByRole('button', { name: 'Connect Search Console again' })).toBeInTheDocument();

    await user.click(within(section).getByRole('button', { name: 'Disconnect' }));
    const dialog = screen.getByRole('dialog', { name: 'Disconnect Search Console?' });
    await user.click(within(dialog).getByRole('button', { name: 'Disconnect' }));
    expect(await within(section).findByRole('button', { name: 'Connect Search Console' })).toBeInTheDocument();
    expect(requests.some((r) => r.method === 'DELETE')).toBe(true);
  });

  it('summarises the measured fixes on the overview, clearest first', async () => {
    const { client } = createTestClient(siteRoutes(() => SYNCED, {
      'GET /api/connections/site-1/search-console/impact': () => json(200, {
        measured: 2, counts: { likely: 1, possible: 0, noMeasurableChange: 0, notEnoughData: 0, tooEarly: 1 },
        fixes: [
          { fixId: 'f1', type: 'metaDescription', pageUrl: 'https://bakery.example/menu', status: 'ROLLED_BACK', appliedAt: '2026-01-01T00:00:00.000Z', confidence: 'likely', summary: '+100% clicks over 28 days, likely due to the fix.', clicksPct: 100, days: 28 },
          { fixId: 'f2', type: 'title', pageUrl: 'https://bakery.example/cakes', status: 'APPLIED', appliedAt: '2026-01-28T00:00:00.000Z', confidence: 'too-early', summary: 'Too early: the first measurement needs 7 complete days after the fix.', clicksPct: null, days: null },
        ],
      }),
    }));
    renderWithProviders(client, <SiteDetailPage />, '/sites/site-1', '/sites/:siteId');
    const card = await screen.findByRole('region', { name: 'What the fixes did' });
    const list = await within(card).findByRole('list', { name: 'Measured fixes, clearest effect first' });
    const items = within(list).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Likely due to the fixMeta description on /menu (rolled back since)+100% clicks over 28 days, likely due to the fix.');
    expect(items[1]).toHaveTextContent('Too early');
    expect(within(items[0]!).getByRole('link', { name: '/menu' })).toHaveAttribute('href', '/sites/site-1/page?url=https%3A%2F%2Fbakery.example%2Fmenu');
  });
});

describe('A fix’s impact', () => {
  it('gives the verdict in words and, on demand, the windows against the control pages', async () => {
    const user = userEvent.setup();
    render(<FixImpactView impact={IMPACT} />);
    expect(screen.getByText('Likely due to the fix')).toBeInTheDocument();
    expect(screen.getByText(/\+100% clicks over 28 days, likely due to the fix\./)).toBeInTheDocument();
    await user.click(screen.getByText('How this was measured'));
    expect(screen.getByText(/Compared with 4 comparable pages/)).toBeInTheDocument();
    const row = within(screen.getByRole('table')).getAllByRole('row')[1]!;
    expect(within(row).getByRole('rowheader')).toHaveTextContent('28 daysJan 1 – Jan 28 vs Jan 30 – Feb 26');
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['560 → 1,120', '2,240 → 2,240', '2.0% → 4.0%position 5.0 → 5.0', '+100% clicks+2 pt CTR']);
  });
});

describe('The import', () => {
  it('runs until the last synced day is within a week, and not after an error or revocation', () => {
    const now = Date.parse('2026-02-01T12:00:00Z');
    expect(isImporting({ ...SYNCED, syncedThrough: null }, now)).toBe(true);
    expect(isImporting({ ...SYNCED, syncedThrough: '2025-09-01' }, now)).toBe(true);
    expect(isImporting({ ...SYNCED, syncedThrough: '2026-01-29' }, now)).toBe(false);
    expect(isImporting({ ...SYNCED, syncedThrough: '2025-09-01', lastError: 'Search Console answered 429 4 times in a row' }, now)).toBe(false);
    expect(isImporting({ ...SYNCED, syncedThrough: null, status: 'REVOKED' }, now)).toBe(false);
    expect(isImporting(NOT_CONNECTED, now)).toBe(false);
  });
});

describe('Traffic in the issue and page lists', () => {
  const ISSUE = {
    id: 'issue-1', connectionId: 'site-1', type: 'meta-description-missing', category: 'meta', severity: 'MEDIUM', status: 'OPEN', title: 'Meta description missing',
    description: '', pageUrl: 'https://bakery.example/menu', impactScore: 30, estimatedTraffic: 10000, searchClicks: 250, fixable: true, firstSeenAt: SITE.createdAt, lastSeenAt: SITE.createdAt,
  };
  const PAGE = {
    id: 'p1', crawlId: 'c1', url: 'https://bakery.example/menu', finalUrl: 'https://bakery.example/menu', status: 200, title: 'Menu', description: null, canonical: null, h1: null,
    depth: 1, wordCount: 100, bodyBytes: 1000, ttfbMs: 10, totalMs: 20, indexable: true, inlinks: 3, issueCount: 1, crawledAt: SITE.createdAt,
  };

  it('without Search Console: a dash instead of zero, and why the ranking is by check score', async () => {
    const { client } = createTestClient({
      'GET /api/connections/site-1': () => json(200, SITE),
      'GET /api/checks': () => json(200, []),
      'GET /api/connections/site-1/search-console': () => json(200, NOT_CONNECTED),
      'GET /api/connections/site-1/issues': () => json(200, { items: [{ ...ISSUE, estimatedTraffic: 0, searchClicks: 0 }], total: 1, page: 1, pageSize: 25, nextCursor: null }),
    });
    renderWithProviders(client, <IssuesPage />, '/sites/site-1/issues?view=pages', '/sites/:siteId/issues');
    const note = await screen.findByRole('note');
    expect(note).toHaveTextContent(BY_SCORE.reason);
    expect(within(note).getByRole('link', { name: 'Connect Search Console to rank by traffic' })).toHaveAttribute('href', '/sites/site-1#search-console');
    const row = within(await screen.findByRole('table')).getAllByRole('row')[1]!;
    expect(within(row).getAllByText('—')).toHaveLength(2);
  });

  it('with Search Console: impressions and clicks per issue, sorted by traffic on request; impressions and clicks per page', async () => {
    const user = userEvent.setup();
    const { client, requests } = createTestClient({
      'GET /api/connections/site-1': () => json(200, SITE),
      'GET /api/checks': () => json(200, []),
      'GET /api/connections/site-1/search-console': () => json(200, SYNCED),
      'GET /api/connections/site-1/issues': () => json(200, { items: [ISSUE], total: 1, page: 1, pageSize: 25, nextCursor: null }),
      'GET /api/connections/site-1/pages': () => json(200, { items: [{ ...PAGE, impressions: 10000, clicks: 250 }], total: 1, page: 1, pageSize: 50, nextCursor: null, crawlId: 'c1' }),
    });
    const view = renderWithProviders(client, <IssuesPage />, '/sites/site-1/issues?view=pages', '/sites/:siteId/issues');
    expect(await screen.findByText(BY_TRAFFIC.reason)).toBeInTheDocument();
    const row = within(await screen.findByRole('table')).getAllByRole('row')[1]!;
    expect(await within(row).findByText('10,000')).toBeInTheDocument();
    expect(within(row).getByText('250')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Sort'), 'estimatedTraffic:desc');
    await vi.waitFor(() => expect(new URL(requests.filter((r) => r.url.includes('/issues?')).at(-1)!.url, 'http://x').searchParams.get('sort')).toBe('estimatedTraffic'));
    view.unmount();

    renderWithProviders(client, <PagesExplorerPage />, '/sites/site-1/pages', '/sites/:siteId/pages');
    const pageRow = within(await screen.findByRole('table')).getAllByRole('row')[1]!;
    expect(within(pageRow).getByText('10,000')).toBeInTheDocument();
    expect(within(pageRow).getByText('250')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Sort'), 'clicks:desc');
    await vi.waitFor(() => expect(new URL(requests.filter((r) => r.url.includes('/pages?')).at(-1)!.url, 'http://x').searchParams.get('sort')).toBe('clicks'));
  });

  it('the grouped view sorts by traffic and shows each group’s impressions', async () => {
    const user = userEvent.setup();
    const { client, requests } = createTestClient({
      'GET /api/connections/site-1': () => json(200, SITE),
      'GET /api/checks': () => json(200, []),
      'GET /api/connections/site-1/search-console': () => json(200, SYNCED),
      'GET /api/connections/site-1/issue-groups': () => json(200, {
        items: [{ checkId: 'meta-description-missing', title: 'Meta description missing', severity: 'MEDIUM', category: 'meta', count: 2, affectedPages: 2, openFixes: 0, fixableByRule: 2, examplePages: [], estimatedTraffic: 12345 }],
        total: 1, page: 1, pageSize: 100,
      }),
    });
    renderWithProviders(client, <IssuesPage />, '/sites/site-1/issues', '/sites/:siteId/issues');
    expect(await screen.findByText('12,345 impressions (28 days)')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Sort'), 'estimatedTraffic');
    await vi.waitFor(() => expect(new URL(requests.filter((r) => r.url.includes('/issue-groups?')).at(-1)!.url, 'http://x').searchParams.get('sort')).toBe('estimatedTraffic'));
  });

  it('says when the Search Console status cannot be read, without hiding the list', async () => {
    const { client } = createTestClient({
      'GET /api/connections/site-1': () => json(200, SITE),
      'GET /api/checks': () => json(200, []),
      'GET /api/connections/site-1/search-console': () => errorBody(500, 'Something went wrong on our side.'),
      'GET /api/connections/site-1/issues': () => json(200, { items: [ISSUE], total: 1, page: 1, pageSize: 25, nextCursor: null }),
    });
    renderWithProviders(client, <IssuesPage />, '/sites/site-1/issues?view=pages', '/sites/:siteId/issues');
    const row = within(await screen.findByRole('table')).getAllByRole('row')[1]!;
    expect(within(row).getAllByText('—')).toHaveLength(2);
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
  });
});

describe('A page’s view', () => {
  it('shows the page’s search traffic and what its fix did', async () => {
    const PAGE = {
      id: 'p1', crawlId: 'c1', url: 'https://bakery.example/menu', finalUrl: 'https://bakery.example/menu', status: 200, title: 'Menu', description: null, canonical: null, h1: null,
      depth: 1, wordCount: 100, bodyBytes: 1000, ttfbMs: 10, totalMs: 20, indexable: true, inlinks: 3, issueCount: 0, crawledAt: SITE.createdAt, impressions: 11200, clicks: 1120,
    };
    const FIX = {
      id: 'f1', connectionId: 'site-1', issueId: null, planId: null, type: 'metaDescription', method: 'RULE', status: 'APPLIED', risk: 'LOW', pageUrl: PAGE.url, target: null,
      beforeValue: '', afterValue: 'Fresh bread', rationale: null, appliedAt: SITE.createdAt, rollbackPossible: true, createdAt: SITE.createdAt, impact: IMPACT,
      history: [{ event: 'applied', at: SITE.createdAt, detail: null }],
    };
    const { client } = createTestClient({
      'GET /api/connections/site-1': () => json(200, SITE),
      'GET /api/connections/site-1/page': () => json(200, { page: PAGE, issues: [], fixes: [FIX], history: [] }),
    });
    renderWithProviders(client, <PageViewPage />, `/sites/site-1/page?url=${encodeURIComponent(PAGE.url)}`, '/sites/:siteId/page');
    expect(await screen.findByText('11,200 impressions, 1,120 clicks')).toBeInTheDocument();
    const fixes = screen.getByRole('region', { name: 'Fixes' });
    expect(within(fixes).getByRole('heading', { level: 3, name: 'Search impact' })).toBeInTheDocument();
    expect(within(fixes).getByText(/\+100% clicks over 28 days, likely due to the fix\./)).toBeInTheDocument();
  });
});
