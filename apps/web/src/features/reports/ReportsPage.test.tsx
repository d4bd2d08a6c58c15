import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createTestClient, errorBody, json } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { ReportsPage } from './ReportsPage';

const SITE = {
  id: 'site-1', domain: 'bakery.example', siteUrl: 'https://bakery.example/', displayName: 'Corner Bakery', platform: 'CUSTOM', status: 'CONNECTED',
  executionMode: 'APPROVE', hasCredentials: false, snippetKey: 'sk_site_abc', crawlSettings: {}, healthStatus: 'warning', healthScore: 70, pageCount: 5,
  issueCount: 2, lastCrawlAt: '2026-01-02T00:00:00.000Z', role: 'OWNER', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
};
const report = (id: string, overrides: Record<string, unknown> = {}) => ({
  id, connectionId: 'site-1', status: 'READY', scheduled: false, periodFrom: '2026-11-01', periodTo: '2026-11-30', pdfBytes: 52_000, csvBytes: 2_100, error: null,
  emailedTo: [], createdAt: '2026-12-01T06:00:00.000Z', completedAt: '2026-12-01T06:00:03.000Z', expiresAt: '2027-12-01T06:00:00.000Z',
  downloads: { pdf: `/api/reports/${id}/download?format=pdf`, csv: `/api/reports/${id}/download?format=csv` }, ...overrides,
});
const NO_SCHEDULE = { frequency: 'NONE', recipients: [], nextRunAt: null, lastRunAt: null };
const FREE_BRANDING = { available: false, reason: "Reports carry Seology's name on the Free plan; the Agency plan puts your agency's name and logo on them.", agencyName: null, logoDataUrl: null };

describe('Reports', () => {
  it('lists reports with their state, generates one now and follows it until it is ready', async () => {
    const user = userEvent.setup();
    let items = [report('r1', { scheduled: true, emailedTo: ['client@example.com'] }), report('r0', { status: 'FAILED', error: 'Reports are printed with headless Chromium, which was not found', downloads: null, pdfBytes: 0, csvBytes: 0 })];
    let polls = 0;
    const { client, requests } = createTestClient({
      'GET /api/connections/site-1': () => json(200, SITE),
      'GET /api/connections/site-1/reports': () => {
        polls += 1;
        if (polls >= 3) items = items.map((r) => (r.id === 'r2' ? report('r2', { periodFrom: '2026-11-04', periodTo: '2026-12-03' }) : r));
        return json(200, { items });
      },
      'POST /api/connections/site-1/reports': () => {
        items = [report('r2', { status: 'PENDING', downloads: null, pdfBytes: 0, csvBytes: 0, periodFrom: '2026-11-04', periodTo: '2026-12-03' }), ...items];
        return json(202, items[0]);
      },
      'GET /api/connections/site-1/reports/schedule': () => json(200, NO_SCHEDULE),
      'GET /api/reports/branding': () => json(200, FREE_BRANDING),
    });
    renderWithProviders(client, <ReportsPage />, '/sites/site-1/reports', '/sites/:siteId/reports');
    const table = await screen.findByTestId('reports-table');
    expect(within(table).getByText('Scheduled, emailed to client@example.com')).toBeInTheDocument();
    expect(within(table).getByText('Failed')).toBeInTheDocument();
    expect(within(table).getByText(/headless Chromium, which was not found/)).toBeInTheDocument();
    expect(within(table).getByRole('button', { name: 'Download PDF of 2026-11-01 – 2026-11-30' })).toHaveTextContent('PDF (51 KB)');

    await user.click(screen.getByRole('button', { name: 'Generate report now' }));
    expect(await within(table).findByText('Generating')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({});
    expect(await within(table).findByRole('button', { name: 'Download PDF of 2026-11-04 – 2026-12-03' }, { timeout: 6000 })).toBeInTheDocument();
    // Without the Agency plan there is nothing to set, and the page says why.
    expect(screen.getByTestId('branding-reason')).toHaveTextContent('the Agency plan puts your agency');
    expect(screen.queryByLabelText('Agency name')).not.toBeInTheDocument();
  }, 15_000);

  it('saves a weekly schedule with recipients and shows the API refusing a bad address', async () => {
    const user = userEvent.setup();
    const { client, requests } = createTestClient({
      'GET /api/connections/site-1': () => json(200, SITE),
      'GET /api/connections/site-1/reports': () => json(200, { items: [] }),
      'GET /api/connections/site-1/reports/schedule': () => json(200, NO_SCHEDULE),
      'PUT /api/connections/site-1/reports/schedule': ({ body }) => {
        const { recipients } = body as { recipients: string[] };
        if (recipients.includes('not-an-address')) return errorBody(400, 'Validation failed', { code: 'VALIDATION_FAILED', details: ['each recipient must be an email address'] });
        return json(200, { frequency: 'WEEKLY', recipients, nextRunAt: '2026-12-07T06:00:00.000Z', lastRunAt: null });
      },
      'GET /api/reports/branding': () => json(200, FREE_BRANDING),
    });
    renderWithProviders(client, <ReportsPage />, '/sites/site-1/reports', '/sites/:siteId/reports');
    expect(await screen.findByText('No reports yet')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Frequency'), 'WEEKLY');
    await user.type(screen.getByLabelText(/Recipients/), 'not-an-address');
    await user.click(screen.getByRole('button', { name: 'Save schedule' }));
    expect(await screen.findByText('Could not save the schedule')).toBeInTheDocument();
    await user.clear(screen.getByLabelText(/Recipients/));
    await user.type(screen.getByLabelText(/Recipients/), 'client@example.com, boss@example.com');
    await user.click(screen.getByRole('button', { name: 'Save schedule' }));
    expect(await screen.findByTestId('next-report')).toHaveTextContent('Next report:');
    expect(requests.filter((r) => r.method === 'PUT').at(-1)?.body).toEqual({ frequency: 'WEEKLY', recipients: ['client@example.com', 'boss@example.com'] });
  });

  it('sets the agency name and logo on the Agency plan', async () => {
    // The file picker's accept filter would hide the GIF; the page must refuse it by itself too.
    const user = userEvent.setup({ applyAccept: false });
    let saved = { available: true, reason: "Reports carry Seology's name until you set your agency's name.", agencyName: null as string | null, logoDataUrl: null as string | null };
    const { client, requests } = createTestClient({
      'GET /api/connections/site-1': () => json(200, SITE),
      'GET /api/connections/site-1/reports': () => json(200, { items: [] }),
      'GET /api/connections/site-1/reports/schedule': () => json(200, NO_SCHEDULE),
      'GET /api/reports/branding': () => json(200, saved),
      'PUT /api/reports/branding': ({ body }) => {
        const b = body as { agencyName: string; logoDataUrl?: string };
        saved = { ...saved, agencyName: b.agencyName, logoDataUrl: b.logoDataUrl ?? saved.logoDataUrl, reason: `Reports of your sites carry ${b.agencyName}'s name and logo.` };
        return json(200, saved);
      },
    });
    renderWithProviders(client, <ReportsPage />, '/sites/site-1/reports', '/sites/:siteId/reports');
    await user.type(await screen.findByLabelText('Agency name'), 'Northwind Digital');
    await user.upload(screen.getByLabelText(/Logo/), new File(['GIF89a'], 'logo.gif', { type: 'image/gif' }));
    expect(await screen.findByText('Choose a PNG or JPEG image.')).toBeInTheDocument();
    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], 'logo.png', { type: 'image/png' });
    await user.upload(screen.getByLabelText(/Logo/), png);
    expect(await screen.findByAltText('Agency logo preview')).toHaveAttribute('src', 'data:image/png;base64,iVBORw0KGgo=');
    await user.click(screen.getByRole('button', { name: 'Save branding' }));
    expect(await screen.findByTestId('branding-reason')).toHaveTextContent("Northwind Digital's name and logo");
    expect(requests.find((r) => r.method === 'PUT')?.body).toEqual({ agencyName: 'Northwind Digital', logoDataUrl: 'data:image/png;base64,iVBORw0KGgo=' });
  });
});
