import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createTestClient, json } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { SitesPage } from './SitesPage';

function site(id: string, domain: string) {
  return {
    id, domain, siteUrl: `https://${domain}/`, displayName: null, platform: 'CUSTOM', status: 'CONNECTED', executionMode: 'APPROVE', hasCredentials: false,
    snippetKey: 'sk', crawlSettings: {}, healthStatus: 'healthy', healthScore: 82, pageCount: 40, issueCount: 3, lastCrawlAt: null, teamId: null, role: 'OWNER',
    createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('Sites list', () => {
  it('shows each site’s health trend from one request for the page', async () => {
    const { client, requests } = createTestClient({
      'GET /api/connections': () => json(200, { items: [site('s1', 'bakery.example'), site('s2', 'new.example')], total: 2, page: 1, pageSize: 20 }),
      'GET /api/connections/health-trends': () =>
        json(200, { items: [{ connectionId: 's1', points: [{ date: '2026-11-22', healthScore: 61 }, { date: '2026-11-23', healthScore: 70 }, { date: '2026-11-24', healthScore: 82 }] }] }),
    });
    renderWithProviders(client, <SitesPage />, '/all-sites');
    const bakery = await screen.findByRole('row', { name: /bakery\.example/ });
    expect(await within(bakery).findByRole('img', { name: 'Health score of bakery.example over 3 days: up, from 61 to 82.' }, { timeout: 5000 })).toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: /new\.example/ })).getByText('No history yet')).toBeInTheDocument();
    const trendCalls = requests.filter((r) => r.url.startsWith('/api/connections/health-trends'));
    expect(trendCalls).toHaveLength(1);
    expect(new URL(trendCalls[0]!.url, 'http://x').searchParams.get('ids')).toBe('s1,s2');
  });

  it('turns “Add site” off at the plan’s site limit and says what an upgrade allows', async () => {
    const { client } = createTestClient({
      'GET /api/connections': () => json(200, { items: [site('s1', 'bakery.example')], total: 1, page: 1, pageSize: 20 }),
      'GET /api/connections/health-trends': () => json(200, { items: [] }),
      'GET /api/usage': () =>
        json(200, { plan: 'FREE', year: 2026, month: 12, meters: { sites: { used: 1, limit: 1 }, teamSeats: { used: 1, limit: 1 }, fixesApplied: { used: 0, limit: 10 }, apiCalls: { used: 0, limit: 1000 }, aiTokens: { used: 0, limit: 20000 } } }),
      'GET /api/billing': () => json(200, { billingEnabled: true, plan: 'FREE', subscription: null, purchasablePlans: ['STARTER', 'PRO', 'AGENCY'] }),
    });
    renderWithProviders(client, <SitesPage />, '/all-sites');
    expect(await screen.findByRole('button', { name: 'Add site' })).toBeDisabled();
    expect(screen.queryByRole('link', { name: 'Add site' })).not.toBeInTheDocument();
    const hint = screen.getByTestId('upgrade-hint-sites');
    expect(hint).toHaveTextContent('You have connected 1 of 1 sites');
    expect(hint).toHaveTextContent('Your plan (Free) allows 1 site. Starter allows 3 sites, Pro 10, Agency 50 and Enterprise 1,000.');
    expect(await within(hint).findByRole('link', { name: 'Upgrade on the Billing page' })).toHaveAttribute('href', '/billing');
  });
});
