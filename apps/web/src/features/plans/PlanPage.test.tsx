import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createTestClient, errorBody, json } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { PlanPage } from './PlanPage';

const SITE = {
  id: 'site-1', domain: 'bakery.example', siteUrl: 'https://bakery.example/', displayName: 'Corner Bakery', platform: 'WORDPRESS', status: 'CONNECTED',
  executionMode: 'PLAN', hasCredentials: true, snippetKey: 'sk_site_abc', crawlSettings: {}, healthStatus: 'warning', healthScore: 70, pageCount: 5,
  issueCount: 2, lastCrawlAt: '2026-01-02T00:00:00.000Z', role: 'OWNER', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
};
const fix = (id: string, status = 'PROPOSED') => ({
  id, connectionId: 'site-1', planId: 'plan-1', type: 'metaDescription', method: 'RULE', status, risk: 'LOW', pageUrl: `https://bakery.example/${id}/`,
  beforeValue: null, afterValue: `About ${id}`, createdAt: '2026-01-02T00:00:00.000Z',
});
const plan = (overrides: Record<string, unknown> = {}) => ({
  id: 'plan-1', connectionId: 'site-1', title: '2 fixes for bakery.example', description: null, estimatedImpact: { expectedScoreGain: 4 }, status: 'PENDING',
  results: null, createdAt: '2026-01-02T00:00:00.000Z', fixes: [fix('a'), fix('b')], ...overrides,
});

describe('Plan', () => {
  it('shows the plan’s fixes and, once approved, how many of them are done', async () => {
    const user = userEvent.setup();
    const { client, requests } = createTestClient({
      'GET /api/connections/site-1': () => json(200, SITE),
      'GET /api/plans/plan-1': () => json(200, plan()),
      'POST /api/plans/plan-1/approve': () => json(200, plan({ status: 'EXECUTING', results: { a: { status: 'APPLIED' } }, fixes: [fix('a', 'APPLIED'), fix('b', 'APPLYING')] })),
    });
    renderWithProviders(client, <PlanPage />, '/sites/site-1/plans/plan-1', '/sites/:siteId/plans/:planId');

    expect(await screen.findByRole('heading', { level: 1, name: '2 fixes for bakery.example' })).toBeInTheDocument();
    expect(screen.getByText(/about \+4 health score expected/)).toBeInTheDocument();
    expect(screen.getAllByRole('article')).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Approve plan' }));
    expect(await screen.findByText('1 of 2 fixes done')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Plan progress' })).toHaveAttribute('aria-valuenow', '50');
    expect(screen.queryByRole('button', { name: 'Approve plan' })).not.toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual(['/api/plans/plan-1/approve']);
  });

  it('approves the fixes a person picks, warns past the month’s quota, and the title follows the approval', async () => {
    const user = userEvent.setup();
    const usage = { plan: 'FREE', year: 2026, month: 12, meters: { fixesApplied: { used: 8, limit: 10 }, apiCalls: { used: 0, limit: 1000 }, aiTokens: { used: 0, limit: 20000 }, sites: { used: 1, limit: 1 }, teamSeats: { used: 1, limit: 1 } } };
    const { client, requests } = createTestClient({
      'GET /api/connections/site-1': () => json(200, SITE),
      'GET /api/plans/plan-1': () => json(200, plan({ title: '3 fixes for bakery.example', fixes: [fix('a'), fix('b'), fix('c')] })),
      'GET /api/usage': () => json(200, usage),
      'GET /api/billing': () => json(200, { billingEnabled: true, plan: 'FREE', subscription: null, purchasablePlans: ['STARTER', 'PRO', 'AGENCY'] }),
      'POST /api/plans/plan-1/approve': () => json(200, plan({ status: 'APPROVED', title: '2 fixes for bakery.example', fixes: [fix('a', 'APPROVED'), fix('c', 'APPROVED')] })),
    });
    renderWithProviders(client, <PlanPage />, '/sites/site-1/plans/plan-1', '/sites/:siteId/plans/:planId');

    const picker = await screen.findByTestId('plan-picker');
    expect(picker).toHaveTextContent('3 of 3 selected');
    expect(await within(picker).findByText(/Your plan has 2 of 10 fixes left this month/)).toBeInTheDocument();
    const hint = within(picker).getByTestId('upgrade-hint-fixesPerMonth');
    expect(hint).toHaveTextContent('Approving 3 approves the 2 most impactful of them; the others stay proposed.');
    expect(hint).toHaveTextContent('Your plan (Free) allows 10 fixes a month. Starter allows 100 fixes a month');
    await user.click(screen.getByRole('checkbox', { name: 'Approve the fix on https://bakery.example/b/' }));
    expect(picker).toHaveTextContent('2 of 3 selected');
    expect(within(picker).queryByTestId('upgrade-hint-fixesPerMonth')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Approve 2 selected' }));
    expect(await screen.findByRole('heading', { level: 1, name: '2 fixes for bakery.example' })).toBeInTheDocument();
    expect(screen.getByText('2 fixes approved; they are being applied.')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'POST')).toMatchObject({ url: '/api/plans/plan-1/approve', body: { fixIds: ['a', 'c'] } });
  });

  it('offers the most impactful fixes that fit in one click', async () => {
    const user = userEvent.setup();
    const usage = { plan: 'FREE', year: 2026, month: 12, meters: { fixesApplied: { used: 9, limit: 10 }, apiCalls: { used: 0, limit: 1000 }, aiTokens: { used: 0, limit: 20000 }, sites: { used: 1, limit: 1 }, teamSeats: { used: 1, limit: 1 } } };
    const { client } = createTestClient({
      'GET /api/connections/site-1': () => json(200, SITE),
      'GET /api/plans/plan-1': () => json(200, plan()),
      'GET /api/usage': () => json(200, usage),
    });
    renderWithProviders(client, <PlanPage />, '/sites/site-1/plans/plan-1', '/sites/:siteId/plans/:planId');
    await user.click(await screen.findByRole('button', { name: 'Select the 1 most impactful that fit' }));
    expect(screen.getByTestId('plan-picker')).toHaveTextContent('1 of 2 selected');
    expect(screen.getByRole('checkbox', { name: 'Approve the fix on https://bakery.example/a/' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Approve the fix on https://bakery.example/b/' })).not.toBeChecked();
    expect(screen.getByRole('button', { name: 'Approve 1 selected' })).toBeEnabled();
  });

  it('rejects with a reason', async () => {
    const user = userEvent.setup();
    const { client, requests } = createTestClient({
      'GET /api/connections/site-1': () => json(200, SITE),
      'GET /api/plans/plan-1': () => json(200, plan()),
      'POST /api/plans/plan-1/reject': ({ body }) => json(200, plan({ status: 'REJECTED', rejectionReason: (body as { reason: string }).reason })),
    });
    renderWithProviders(client, <PlanPage />, '/sites/site-1/plans/plan-1', '/sites/:siteId/plans/:planId');

    await user.click(await screen.findByRole('button', { name: 'Reject plan' }));
    const dialog = screen.getByRole('dialog', { name: 'Reject this plan?' });
    await user.type(within(dialog).getByLabelText(/Reason/), 'Not before the launch');
    await user.click(within(dialog).getByRole('button', { name: 'Reject plan' }));
    expect(await screen.findByText('Rejected: Not before the launch')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ reason: 'Not before the launch' });
  });

  it('over the quota, approves the first fixes that fit', async () => {
    const user = userEvent.setup();
    const { client, requests } = createTestClient({
      'GET /api/connections/site-1': () => json(200, SITE),
      'GET /api/plans/plan-1': () => json(200, plan({ fixes: [fix('a'), fix('b'), fix('c')] })),
      'POST /api/plans/plan-1/approve': ({ body }) => ((body as { fixIds?: string[] }).fixIds
        ? json(200, plan({ status: 'APPROVED', fixes: [fix('a', 'APPROVED'), fix('b', 'APPROVED')] }))
        : errorBody(402, 'Your plan allows 10 fixes a month and 8 are used. Upgrade your plan or wait for next month.', { details: { meter: 'fixesApplied', limit: 10, used: 8 } })),
    });
    renderWithProviders(client, <PlanPage />, '/sites/site-1/plans/plan-1', '/sites/:siteId/plans/:planId');

    await user.click(await screen.findByRole('button', { name: 'Approve plan' }));
    await user.click(await screen.findByRole('button', { name: 'Approve the 2 most impactful that fit' }));
    expect(await screen.findByText('2 fixes approved; they are being applied.')).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([{}, { fixIds: ['a', 'b'] }]);
  });
});
