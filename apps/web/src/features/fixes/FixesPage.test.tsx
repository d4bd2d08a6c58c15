import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createTestClient, errorBody, json } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { daysLeft } from './api';
import { fixTypeLabel } from './FixCard';
import { FixesPage } from './FixesPage';

const SITE = {
  id: 'site-1', domain: 'bakery.example', siteUrl: 'https://bakery.example/', displayName: 'Corner Bakery', platform: 'WORDPRESS', status: 'CONNECTED',
  executionMode: 'APPROVE', hasCredentials: true, snippetKey: 'sk_site_abc', crawlSettings: {}, healthStatus: 'warning', healthScore: 70, pageCount: 5,
  issueCount: 4, lastCrawlAt: '2026-01-02T00:00:00.000Z', role: 'OWNER', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
};

function fix(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id, connectionId: 'site-1', type: 'META_DESCRIPTION', method: 'RULE', status: 'PROPOSED', risk: 'LOW', pageUrl: `https://bakery.example/${id}/`,
    beforeValue: '', afterValue: `A description for ${id}`, rationale: 'Search engines show it under the title.', createdAt: '2026-01-02T00:00:00.000Z', ...overrides,
  };
}

function routes(fixes: ReturnType<typeof fix>[], extra: Record<string, Parameters<typeof createTestClient>[0][string]> = {}) {
  return {
    'GET /api/connections/site-1': () => json(200, SITE),
    'GET /api/connections/site-1/plans': () => json(200, { items: [], total: 0, page: 1, pageSize: 10 }),
    'GET /api/connections/site-1/crawls': () => json(200, { items: [], total: 0, page: 1, pageSize: 10 }),
    'GET /api/connections/site-1/fixes': ({ url }: { url: string }) => {
      const status = new URL(url, 'http://x').searchParams.get('status')?.split(',');
      const items = fixes.filter((f) => !status || status.includes(f.status));
      return json(200, { items, total: items.length, page: 1, pageSize: 20 });
    },
    ...extra,
  };
}

describe('Fixes', () => {
  it('shows proposals before/after and approves the selected ones in one request', async () => {
    const user = userEvent.setup();
    const fixes = [fix('a'), fix('b'), fix('c')];
    const { client, requests } = createTestClient(
      routes(fixes, { 'POST /api/fixes/approve': ({ body }) => json(200, (body as { ids: string[] }).ids.map((id) => fix(id, { status: 'APPROVED' }))) }),
    );
    renderWithProviders(client, <FixesPage />, '/sites/site-1/fixes', '/sites/:siteId/fixes');

    const card = await screen.findByRole('article', { name: 'Meta description on /a/' });
    expect(within(card).getByText('(empty)')).toBeInTheDocument();
    expect(within(card).getByText('A description for a')).toBeInTheDocument();
    const approveSelected = screen.getByRole('button', { name: 'Approve selected (0)' });
    expect(approveSelected).toBeDisabled();
    await user.click(screen.getByRole('checkbox', { name: 'Select fix on https://bakery.example/a/' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select fix on https://bakery.example/c/' }));
    await user.click(screen.getByRole('button', { name: 'Approve selected (2)' }));
    expect(await screen.findByText('2 fixes approved; they are being applied.')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ ids: ['a', 'c'] });
  });

  it('offers the Seology plugin zip with install steps on a manual fix that needs it, and not on one the plugin cannot unlock', async () => {
    const user = userEvent.setup();
    const fixes = [
      fix('needs-plugin', { status: 'MANUAL', manualReason: 'WordPress lets Seology change only titles and image alt here. Install the Seology plugin to let us write descriptions.' }),
      fix('two-headings', { type: 'h1', status: 'MANUAL', manualReason: 'The page has two h1 headings; remove one in the editor (or the theme) so only "Sourdough basics" stays.' }),
    ];
    const { client } = createTestClient(routes(fixes));
    renderWithProviders(client, <FixesPage />, '/sites/site-1/fixes', '/sites/:siteId/fixes');
    await user.click(await screen.findByRole('button', { name: 'Make by hand' }));
    const card = await screen.findByRole('article', { name: 'Meta description on /needs-plugin/' });
    expect(within(card).getByRole('link', { name: 'Download the Seology plugin (zip)' })).toHaveAttribute('href', '/api/integrations/wordpress/plugin.zip');
    expect(within(card).getByText(/Plugins › Add New › Upload Plugin/)).toBeInTheDocument();
    const headings = screen.getByRole('article', { name: 'H1 on /two-headings/' });
    expect(within(headings).getByText(/two h1 headings; remove one in the editor/)).toBeInTheDocument();
    expect(within(headings).queryByRole('link', { name: /Seology plugin/ })).toBeNull();
  });

  it('rejects only with a reason and shows the server’s refusal', async () => {
    const user = userEvent.setup();
    const { client, requests } = createTestClient(
      routes([fix('a')], { 'POST /api/fixes/a/reject': () => errorBody(409, 'This fix is APPLIED; only proposed fixes can be rejected.') }),
    );
    renderWithProviders(client, <FixesPage />, '/sites/site-1/fixes', '/sites/:siteId/fixes');

    await user.click(await screen.findByRole('button', { name: 'Reject' }));
    const dialog = screen.getByRole('dialog', { name: 'Reject this fix?' });
    await user.click(within(dialog).getByRole('button', { name: 'Reject' }));
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
    await user.type(within(dialog).getByLabelText(/Reason/), 'Our brand voice differs');
    await user.click(within(dialog).getByRole('button', { name: 'Reject' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('only proposed fixes can be rejected');
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ reason: 'Our brand voice differs' });
  });

  it('shows verification and days left, and asks again before overwriting a newer edit on rollback', async () => {
    const user = userEvent.setup();
    const deadline = new Date(Date.now() + 40 * 86_400_000 - 60_000).toISOString();
    const applied = fix('a', {
      status: 'APPLIED', appliedAt: '2026-01-02T00:00:00.000Z', verifiedAt: '2026-01-02T00:01:00.000Z', rollbackDeadline: deadline,
      rollbackConflict: { expected: 'A description for a', actual: 'Edited by hand', detectedAt: '2026-01-03T00:00:00.000Z' },
    });
    const { client, requests } = createTestClient(routes([applied], { 'POST /api/fixes/a/rollback': () => json(200, { ...applied, status: 'ROLLING_BACK' }) }));
    renderWithProviders(client, <FixesPage />, '/sites/site-1/fixes', '/sites/:siteId/fixes');

    await user.click(await screen.findByRole('button', { name: 'Approved' }));
    const card = await screen.findByRole('article', { name: 'Meta description on /a/' });
    expect(within(card).getByText('Verified on the live site')).toBeInTheDocument();
    expect(within(card).getByText('40 days left to roll back')).toBeInTheDocument();
    expect(within(card).getByText(/live value is “Edited by hand”/)).toBeInTheDocument();
    await user.click(within(card).getByRole('button', { name: 'Roll back anyway' }));
    const dialog = screen.getByRole('dialog', { name: 'Overwrite the newer edit?' });
    await user.click(within(dialog).getByRole('button', { name: 'Roll back anyway' }));
    expect(await screen.findByText('Rolling back the fix…')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ force: true });
  });

  it('names fix types in words', () => {
    expect(fixTypeLabel('ogDescription')).toBe('Open Graph description');
    expect(fixTypeLabel('META_DESCRIPTION')).toBe('Meta description');
    expect(fixTypeLabel('altText')).toBe('Alt text');
  });

  it('counts whole days to the rollback deadline', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(daysLeft('2026-04-01T00:00:00Z', now)).toBe(90);
    expect(daysLeft('2026-01-01T12:00:00Z', now)).toBe(1);
    expect(daysLeft('2025-12-31T00:00:00Z', now)).toBe(-1);
    expect(daysLeft(null, now)).toBeNull();
  });
});
