import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { createTestClient, json } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { AuditLogPage } from './AuditLogPage';

const ENTRY = {
  id: 'a1',
  seq: 7,
  userId: 'user-1',
  teamId: null,
  actorType: 'USER',
  apiKeyId: null,
  action: 'connection.create',
  resourceType: 'connection',
  resourceId: 'site-1',
  connectionId: 'site-1',
  ipAddress: '203.0.113.9',
  userAgent: 'Mozilla/5.0',
  before: null,
  after: null,
  metadata: null,
  prevHash: 'x',
  hash: 'y',
  createdAt: '2026-11-20T10:00:00.000Z',
};

const TEAMS = [
  { id: 'team-1', name: 'Acme', slug: 'acme', ownerId: 'user-1', role: 'OWNER', createdAt: ENTRY.createdAt },
  { id: 'team-2', name: 'Client', slug: 'client', ownerId: 'x', role: 'VIEWER', createdAt: ENTRY.createdAt },
];

describe('Audit log', () => {
  it('names the actor and the site, hides routine entries by default and shows them on request', async () => {
    const user = userEvent.setup();
    const { client, requests } = createTestClient({
      'GET /api/audit-logs': () => json(200, { items: [{ ...ENTRY, actorName: 'Ada Lovelace', siteName: 'Corner Bakery', resourceLabel: 'Corner Bakery' }], total: 1, page: 1, pageSize: 25 }),
      'GET /api/teams': () => json(200, TEAMS),
    });
    renderWithProviders(client, <AuditLogPage />, '/audit-log');
    const row = await screen.findByRole('row', { name: /connection\.create/ });
    expect(row).toHaveTextContent('Ada Lovelace');
    expect(row).toHaveTextContent('Corner Bakery');
    expect(row).not.toHaveTextContent('user-1');
    const lastQuery = () => new URL(requests.filter((r) => r.url.includes('/api/audit-logs?')).at(-1)!.url, 'http://x').searchParams;
    expect(lastQuery().get('hideRoutine')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Show routine entries (setup wizard progress)' }));
    await screen.findByRole('button', { name: 'Hide routine entries (setup wizard progress)' });
    expect(lastQuery().get('hideRoutine')).toBeNull();
  });

  it('lists entries, filters by team, action and dates, and exports the same filter as CSV', async () => {
    const user = userEvent.setup();
    const save = vi.fn();
    const { client, requests } = createTestClient({
      'GET /api/audit-logs': () => json(200, { items: [ENTRY], total: 1, page: 1, pageSize: 25 }),
      'GET /api/teams': () => json(200, TEAMS),
      'GET /api/audit-logs.csv': () => new Response('seq,action\r\n7,connection.create\r\n', { status: 200, headers: { 'content-type': 'text/csv; charset=utf-8' } }),
    });
    renderWithProviders(client, <AuditLogPage save={save} />, '/audit-log');

    expect(await screen.findByRole('row', { name: /connection\.create/ })).toBeInTheDocument();
    // Only teams the user administers offer their trail.
    const trail = await screen.findByLabelText('Trail');
    expect(screen.queryByRole('option', { name: 'Team: Client' })).not.toBeInTheDocument();
    await user.selectOptions(trail, 'team-1');
    await user.type(screen.getByLabelText(/^Action/), 'connection.create');
    await user.type(screen.getByLabelText(/^From/), '2026-11-01');
    await user.type(screen.getByLabelText(/^To/), '2026-11-30');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));

    await vi.waitFor(() => expect(requests.some((r) => r.url.startsWith('/api/audit-logs?') && r.url.includes('teamId=team-1'))).toBe(true));
    const url = new URL(requests.filter((r) => r.url.startsWith('/api/audit-logs?')).at(-1)!.url, 'http://x');
    expect(url.searchParams.get('action')).toBe('connection.create');
    expect(new Date(url.searchParams.get('from')!).getTime()).toBe(new Date('2026-11-01T00:00:00').getTime());
    // "To" covers the whole chosen day.
    expect(new Date(url.searchParams.get('to')!).getTime()).toBe(new Date('2026-12-01T00:00:00').getTime());

    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await vi.waitFor(() => expect(save).toHaveBeenCalled());
    expect(save.mock.calls[0]![0]).toContain('7,connection.create');
    expect(requests.find((r) => r.url.startsWith('/api/audit-logs.csv'))?.url).toContain('teamId=team-1');
  });

  it('refuses a date range that ends before it starts, and shows an empty state', async () => {
    const user = userEvent.setup();
    const { client, requests } = createTestClient({
      'GET /api/audit-logs': () => json(200, { items: [], total: 0, page: 1, pageSize: 25 }),
      'GET /api/teams': () => json(200, []),
    });
    renderWithProviders(client, <AuditLogPage save={vi.fn()} />, '/audit-log');
    expect(await screen.findByText('Nothing recorded yet')).toBeInTheDocument();
    await user.type(screen.getByLabelText(/^From/), '2026-11-10');
    await user.type(screen.getByLabelText(/^To/), '2026-11-01');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(await screen.findByText(/must be on or after/)).toBeInTheDocument();
    expect(requests.filter((r) => r.url.startsWith('/api/audit-logs')).every((r) => !r.url.includes('from='))).toBe(true);
  });
});
