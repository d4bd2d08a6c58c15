import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createTestClient, errorBody, json, TEST_USER, testSession } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { JobsPage } from './JobsPage';

function job(overrides: Record<string, unknown>) {
  return {
    id: 'job-00000001',
    type: 'CRAWL_SITE',
    status: 'RUNNING',
    priority: 7,
    progress: 42,
    attempts: 1,
    maxAttempts: 2,
    payload: {},
    connectionId: 'site-1',
    userId: 'user-1',
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    ...overrides,
  };
}

const SITES = { items: [{ id: 'site-1', domain: 'bakery.example', displayName: null }], total: 1, page: 1, pageSize: 100 };

describe('Jobs', () => {
  it('lists the user’s jobs with status and progress, and cancels a running one', async () => {
    const user = userEvent.setup();
    let status = 'RUNNING';
    const { client, requests } = createTestClient({
      'GET /api/jobs': () => json(200, { items: [job({ status })], total: 1, page: 1, pageSize: 20 }),
      'GET /api/connections': () => json(200, SITES),
      'POST /api/jobs/job-00000001/cancel': () => {
        status = 'CANCELLED';
        return json(200, job({ status }));
      },
    });
    renderWithProviders(client, <JobsPage />, '/jobs');

    const row = await screen.findByRole('row', { name: /Crawl site/ });
    expect(within(row).getByText('Running')).toBeInTheDocument();
    expect(within(row).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '42');
    expect(await within(row).findByRole('link', { name: 'bakery.example' })).toHaveAttribute('href', '/sites/site-1');
    expect(screen.queryByRole('button', { name: 'All jobs' })).not.toBeInTheDocument();

    await user.click(within(row).getByRole('button', { name: /Cancel Crawl site job/ }));
    expect(await within(await screen.findByRole('row', { name: /Crawl site/ })).findByText('Cancelled')).toBeInTheDocument();
    expect(requests.some((r) => r.method === 'POST' && r.url === '/api/jobs/job-00000001/cancel')).toBe(true);
    expect(await screen.findByText('Crawl site job cancelled.')).toBeInTheDocument();
  });

  it('shows the server’s reason when a cancel is refused', async () => {
    const user = userEvent.setup();
    const { client } = createTestClient({
      'GET /api/jobs': () => json(200, { items: [job({ status: 'PENDING', progress: 0 })], total: 1, page: 1, pageSize: 20 }),
      'GET /api/connections': () => json(200, SITES),
      'POST /api/jobs/job-00000001/cancel': () => errorBody(409, 'The job ended meanwhile; there is nothing to cancel.'),
    });
    renderWithProviders(client, <JobsPage />, '/jobs');
    await user.click(await screen.findByRole('button', { name: /Cancel Crawl site job/ }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not cancel the job');
    expect(alert).toHaveTextContent('The job ended meanwhile; there is nothing to cancel.');
  });

  it('lets an admin switch to all jobs and retry a failed one', async () => {
    const user = userEvent.setup();
    const admin = { ...TEST_USER, role: 'ADMIN' as const };
    const { client, requests } = createTestClient(
      {
        'GET /api/auth/me': () => json(200, admin),
        'GET /api/jobs': () => json(200, { items: [], total: 0, page: 1, pageSize: 20 }),
        'GET /api/admin/jobs': () =>
          json(200, { items: [job({ status: 'FAILED', error: 'Connection refused', userId: 'someone-else' })], total: 1, page: 1, pageSize: 20 }),
        'GET /api/connections': () => json(200, { items: [], total: 0, page: 1, pageSize: 100 }),
        'POST /api/admin/jobs/job-00000001/retry': () => json(200, job({ status: 'PENDING' })),
      },
      testSession({ user: admin }),
    );
    renderWithProviders(client, <JobsPage />, '/jobs');
    expect(await screen.findByRole('heading', { name: 'No jobs yet' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'All jobs' }));
    expect(screen.getByRole('button', { name: 'All jobs' })).toHaveAttribute('aria-pressed', 'true');
    const row = await screen.findByRole('row', { name: /Crawl site/ });
    expect(within(row).getByText('Connection refused')).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: /Retry Crawl site job/ }));
    await screen.findByText('Crawl site job queued again.');
    expect(requests.some((r) => r.url === '/api/admin/jobs/job-00000001/retry')).toBe(true);
  });
});
