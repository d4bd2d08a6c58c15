import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createTestClient, errorBody, json, TEST_USER } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { TeamDetailPage } from './TeamDetailPage';

const NOW = new Date().toISOString();

function team(role: 'OWNER' | 'ADMIN' | 'MEMBER' | 'VIEWER', invitations: unknown[] = []) {
  return {
    id: 'team-1',
    name: 'Acme agency',
    slug: 'acme-agency',
    ownerId: role === 'OWNER' ? TEST_USER.id : 'user-owner',
    role,
    createdAt: NOW,
    seatLimit: 5,
    ownerPlan: 'PRO',
    members: [
      { userId: role === 'OWNER' ? TEST_USER.id : 'user-owner', email: role === 'OWNER' ? TEST_USER.email : 'olga@example.com', name: 'Olga Owner', role: 'OWNER', joinedAt: NOW },
      ...(role === 'OWNER' ? [] : [{ userId: TEST_USER.id, email: TEST_USER.email, name: TEST_USER.name, role, joinedAt: NOW }]),
      { userId: 'user-vic', email: 'vic@example.com', name: null, role: 'VIEWER', joinedAt: NOW },
    ],
    invitations,
  };
}

const INVITATION = { id: 'inv-1', teamId: 'team-1', email: 'new@example.com', role: 'MEMBER', status: 'PENDING', expiresAt: new Date(Date.now() + 6 * 86_400_000).toISOString(), createdAt: NOW };
const SITES = {
  items: [
    { id: 'site-1', domain: 'bakery.example', displayName: null, teamId: 'team-1', role: 'VIEWER' },
    { id: 'site-2', domain: 'mine.example', displayName: 'My shop', teamId: null, role: 'OWNER' },
  ],
  total: 2,
  page: 1,
  pageSize: 100,
};

describe('Team detail', () => {
  it('shows a viewer the members and sites but no management controls', async () => {
    const { client } = createTestClient({
      'GET /api/auth/me': () => json(200, TEST_USER),
      'GET /api/teams/team-1': () => json(200, team('VIEWER')),
      'GET /api/connections': () => json(200, SITES),
    });
    renderWithProviders(client, <TeamDetailPage />, '/teams/team-1', '/teams/:teamId');

    expect(await screen.findByRole('heading', { level: 1, name: 'Acme agency' })).toBeInTheDocument();
    expect(screen.getByRole('row', { name: /vic@example.com/ })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'bakery.example' })).toHaveAttribute('href', '/sites/site-1');
    expect(screen.queryByRole('heading', { name: 'Invite someone' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Remove/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: /Role of/ })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Move a site into this team')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Leave team' })).toBeInTheDocument();
  });

  it('turns the invitation form off when the owner’s FREE plan has no seat left, and says what an upgrade allows', async () => {
    const { client, requests } = createTestClient({
      'GET /api/auth/me': () => json(200, TEST_USER),
      'GET /api/teams/team-1': () => json(200, { ...team('OWNER'), members: team('OWNER').members.slice(0, 1), seatLimit: 1, ownerPlan: 'FREE' }),
      'GET /api/connections': () => json(200, SITES),
      'GET /api/billing': () => json(200, { billingEnabled: false, plan: 'FREE', subscription: null, purchasablePlans: [] }),
    });
    renderWithProviders(client, <TeamDetailPage />, '/teams/team-1', '/teams/:teamId');
    const section = await screen.findByRole('region', { name: 'Invite someone' });
    expect(within(section).getByLabelText(/Email/)).toBeDisabled();
    expect(within(section).getByRole('button', { name: 'Send invitation' })).toBeDisabled();
    const hint = within(section).getByTestId('upgrade-hint-teamSeats');
    expect(hint).toHaveTextContent('Every seat is taken');
    expect(hint).toHaveTextContent('Your plan (Free) allows 1 team seat. Starter allows 2 team seats, Pro 5, Agency 20 and Enterprise 100.');
    expect(await within(hint).findByText(/Online payments are off on this server/)).toBeInTheDocument();
    expect(within(hint).getByRole('link', { name: 'how' })).toHaveAttribute('href', '/billing#change-plan');
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('lets an admin invite, resend and revoke, and maps a refused invitation to the form', async () => {
    const user = userEvent.setup();
    let invitations: unknown[] = [];
    const { client, requests } = createTestClient({
      'GET /api/auth/me': () => json(200, TEST_USER),
      'GET /api/teams/team-1': () => json(200, team('ADMIN', invitations)),
      'GET /api/connections': () => json(200, SITES),
      'POST /api/teams/team-1/invitations': ({ body }) => {
        const { email } = body as { email: string };
        if (email === 'taken@example.com') return errorBody(409, 'taken@example.com is already a member of this team.');
        invitations = [{ ...INVITATION, email, role: (body as { role: string }).role }];
        return json(201, invitations[0]);
      },
      'POST /api/teams/team-1/invitations/inv-1/resend': () => json(200, INVITATION),
      'POST /api/teams/team-1/invitations/inv-1/revoke': () => {
        invitations = [];
        return json(200, { ...INVITATION, status: 'REVOKED' });
      },
    });
    renderWithProviders(client, <TeamDetailPage />, '/teams/team-1', '/teams/:teamId');

    await user.click(await screen.findByRole('button', { name: 'Send invitation' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter your email address.');
    expect(requests.some((r) => r.url === '/api/teams/team-1/invitations')).toBe(false);

    await user.type(screen.getByLabelText('Email'), 'taken@example.com');
    await user.click(screen.getByRole('button', { name: 'Send invitation' }));
    expect(await screen.findByText('taken@example.com is already a member of this team.')).toBeInTheDocument();

    await user.clear(screen.getByLabelText('Email'));
    await user.type(screen.getByLabelText('Email'), 'new@example.com');
    await user.selectOptions(screen.getByLabelText('Role', { selector: 'select' }), 'VIEWER');
    await user.click(screen.getByRole('button', { name: 'Send invitation' }));
    const row = await screen.findByRole('row', { name: /new@example.com/ });
    expect(requests.find((r) => r.method === 'POST' && r.url === '/api/teams/team-1/invitations' && (r.body as { email: string }).email === 'new@example.com')?.body).toEqual({
      email: 'new@example.com',
      role: 'VIEWER',
    });

    await user.click(within(row).getByRole('button', { name: 'Resend the invitation to new@example.com' }));
    expect(await screen.findByText('Invitation sent again to new@example.com.')).toBeInTheDocument();

    await user.click(within(row).getByRole('button', { name: 'Revoke the invitation to new@example.com' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Revoke invitation' }));
    expect(await screen.findByText('No invitations are waiting for an answer.')).toBeInTheDocument();
  });

  it('lets an admin change a member’s role but not the owner’s, and move a site in', async () => {
    const user = userEvent.setup();
    const { client, requests } = createTestClient({
      'GET /api/auth/me': () => json(200, TEST_USER),
      'GET /api/teams/team-1': () => json(200, team('ADMIN')),
      'GET /api/connections': () => json(200, SITES),
      'PATCH /api/teams/team-1/members/user-vic': ({ body }) => json(200, { userId: 'user-vic', email: 'vic@example.com', role: (body as { role: string }).role, joinedAt: NOW }),
      'PATCH /api/connections/site-2': () => json(200, { ...SITES.items[1], teamId: 'team-1' }),
    });
    renderWithProviders(client, <TeamDetailPage />, '/teams/team-1', '/teams/:teamId');

    const select = await screen.findByRole('combobox', { name: 'Role of vic@example.com' });
    expect(screen.queryByRole('combobox', { name: /Role of Olga/ })).not.toBeInTheDocument();
    await user.selectOptions(select, 'MEMBER');
    expect(await screen.findByText('vic@example.com is now member.')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'PATCH' && r.url === '/api/teams/team-1/members/user-vic')?.body).toEqual({ role: 'MEMBER' });

    const move = await screen.findByLabelText('Move a site into this team');
    // The team's own site is not offered; the admin's personal site is.
    expect(within(move).queryByRole('option', { name: 'bakery.example' })).not.toBeInTheDocument();
    await user.selectOptions(move, 'site-2');
    await user.click(screen.getByRole('button', { name: 'Move site' }));
    expect(await screen.findByText('My shop now belongs to Acme agency.')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'PATCH' && r.url === '/api/connections/site-2')?.body).toEqual({ teamId: 'team-1' });
  });

  it('lets the owner transfer ownership instead of leaving', async () => {
    const user = userEvent.setup();
    const { client, requests } = createTestClient({
      'GET /api/auth/me': () => json(200, TEST_USER),
      'GET /api/teams/team-1': () => json(200, team('OWNER')),
      'GET /api/connections': () => json(200, SITES),
      'POST /api/teams/team-1/transfer': () => json(200, team('ADMIN')),
    });
    renderWithProviders(client, <TeamDetailPage />, '/teams/team-1', '/teams/:teamId');

    expect(await screen.findByRole('heading', { name: 'Ownership' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Leave team' })).not.toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Transfer ownership to'), 'user-vic');
    await user.click(screen.getByRole('button', { name: 'Transfer ownership' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Transfer ownership' }));
    expect(await screen.findByText('vic@example.com now owns Acme agency.')).toBeInTheDocument();
    expect(requests.find((r) => r.url === '/api/teams/team-1/transfer')?.body).toEqual({ userId: 'user-vic' });
  });

  it('says plainly when the team is gone', async () => {
    const { client } = createTestClient({ 'GET /api/teams/team-1': () => errorBody(404, 'No team with this id.') });
    renderWithProviders(client, <TeamDetailPage />, '/teams/team-1', '/teams/:teamId');
    expect(await screen.findByRole('heading', { level: 1, name: 'Team not found' })).toBeInTheDocument();
    expect(screen.getByText('This team does not exist or you are no longer a member.')).toBeInTheDocument();
  });
});
