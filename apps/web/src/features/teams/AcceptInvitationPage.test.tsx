import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createTestClient, errorBody, json, TEST_USER } from '../../test/fake-api';
import { renderApp } from '../../test/render';

const TEAM = { id: 'team-1', name: 'Acme agency', slug: 'acme', ownerId: 'user-owner', role: 'VIEWER', createdAt: new Date().toISOString() };

describe('Accept invitation', () => {
  it('accepts with the token from the link and opens the team', async () => {
    const user = userEvent.setup();
    const { client, requests } = createTestClient({
      'GET /api/auth/me': () => json(200, TEST_USER),
      'POST /api/invitations/accept': () => json(200, TEAM),
      'GET /api/teams/team-1': () => json(200, { ...TEAM, members: [], invitations: [], seatLimit: 5 }),
      'GET /api/connections': () => json(200, { items: [], total: 0, page: 1, pageSize: 100 }),
    });
    renderApp(client, '/invitations/accept?token=tok_123');

    expect(await screen.findByRole('heading', { level: 1, name: 'Join a team' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Accept invitation' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Acme agency' })).toBeInTheDocument();
    expect(requests.find((r) => r.url === '/api/invitations/accept')?.body).toEqual({ token: 'tok_123' });
  });

  it('explains a refusal, such as an invitation for another address', async () => {
    const user = userEvent.setup();
    const { client } = createTestClient({
      'GET /api/auth/me': () => json(200, TEST_USER),
      'POST /api/invitations/accept': () => errorBody(403, 'This invitation was sent to another email address; sign in with that address to answer it.'),
    });
    renderApp(client, '/invitations/accept?token=tok_123');
    await user.click(await screen.findByRole('button', { name: 'Accept invitation' }));
    expect(await screen.findByText(/sent to another email address/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign in with another account' })).toBeInTheDocument();
  });

  it('declines', async () => {
    const user = userEvent.setup();
    const { client, requests } = createTestClient({
      'GET /api/auth/me': () => json(200, TEST_USER),
      'POST /api/invitations/decline': () => json(200, { id: 'inv-1', status: 'DECLINED' }),
    });
    renderApp(client, '/invitations/accept?token=tok_9');
    await user.click(await screen.findByRole('button', { name: 'Decline' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Invitation declined' })).toBeInTheDocument();
    expect(requests.find((r) => r.url === '/api/invitations/decline')?.body).toEqual({ token: 'tok_9' });
  });

  it('sends a signed-out visitor to sign in first', async () => {
    const { client } = createTestClient({}, null);
    renderApp(client, '/invitations/accept?token=tok_1');
    expect(await screen.findByRole('heading', { level: 1, name: /Sign in/ })).toBeInTheDocument();
  });
});
