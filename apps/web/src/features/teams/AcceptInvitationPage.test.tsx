import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createTestClient, errorBody, json, TEST_USER } from '../../test/fake-api';
import { renderApp } from '../../test/render';

const TEAM = { id: 'team-1', name: 'Acme agency', slug: 'acme', ownerId: 'user-owner', role: 'VIEWER', createdAt: new Date().toISOString() };
const PREVIEW = {
  id: 'inv-1',
  teamId: 'team-1',
  email: TEST_USER.email,
  role: 'VIEWER',
  status: 'PENDING',
  expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  createdAt: new Date().toISOString(),
  teamName: 'Acme agency',
  invitedBy: 'grace@acme.example',
  forYou: true,
};
const preview = (overrides: Partial<typeof PREVIEW> = {}) => () => json(200, { ...PREVIEW, ...overrides });

describe('Accept invitation', () => {
  it('accepts with the token from the link and opens the team', async () => {
    const user = userEvent.setup();
    const { client, requests } = createTestClient({
      'GET /api/auth/me': () => json(200, TEST_USER),
      'POST /api/invitations/preview': preview(),
      'POST /api/invitations/accept': () => json(200, TEAM),
      'GET /api/teams/team-1': () => json(200, { ...TEAM, members: [], invitations: [], seatLimit: 5, ownerPlan: 'PRO' }),
      'GET /api/connections': () => json(200, { items: [], total: 0, page: 1, pageSize: 100 }),
    });
    renderApp(client, '/invitations/accept?token=tok_123');

    expect(await screen.findByRole('heading', { level: 1, name: 'Join Acme agency' })).toBeInTheDocument();
    expect(screen.getByText(/grace@acme\.example invited/)).toHaveTextContent(`grace@acme.example invited ${TEST_USER.email} to the team Acme agency as Viewer.`);
    expect(screen.getByText(/Viewer: Sees sites, issues and reports/)).toBeInTheDocument();
    expect(requests.find((r) => r.url === '/api/invitations/preview')?.body).toEqual({ token: 'tok_123' });
    await user.click(screen.getByRole('button', { name: 'Accept invitation' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Acme agency' })).toBeInTheDocument();
    expect(requests.find((r) => r.url === '/api/invitations/accept')?.body).toEqual({ token: 'tok_123' });
  });

  it('explains a refusal, such as an invitation for another address', async () => {
    const user = userEvent.setup();
    const { client } = createTestClient({
      'GET /api/auth/me': () => json(200, TEST_USER),
      'POST /api/invitations/preview': preview(),
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
      'POST /api/invitations/preview': preview(),
      'POST /api/invitations/decline': () => json(200, { id: 'inv-1', status: 'DECLINED' }),
    });
    renderApp(client, '/invitations/accept?token=tok_9');
    await user.click(await screen.findByRole('button', { name: 'Decline' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Invitation declined' })).toBeInTheDocument();
    expect(requests.find((r) => r.url === '/api/invitations/decline')?.body).toEqual({ token: 'tok_9' });
  });

  it('says up front when the invitation is for another address, and offers no answer', async () => {
    const { client } = createTestClient({
      'GET /api/auth/me': () => json(200, TEST_USER),
      'POST /api/invitations/preview': preview({ email: 'someone@acme.example', forYou: false }),
    });
    renderApp(client, '/invitations/accept?token=tok_123');
    expect(await screen.findByText('This invitation is for someone@acme.example.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign in with another account' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Accept invitation' })).not.toBeInTheDocument();
  });

  it('explains a link that is not valid, or an invitation already answered', async () => {
    const { client } = createTestClient({
      'GET /api/auth/me': () => json(200, TEST_USER),
      'POST /api/invitations/preview': () => errorBody(404, 'This invitation link is not valid (it may have been resent with a new link).'),
    });
    const view = renderApp(client, '/invitations/accept?token=tok_old');
    expect(await screen.findByText('This invitation link is not valid.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Accept invitation' })).not.toBeInTheDocument();
    view.unmount();

    const answered = createTestClient({ 'GET /api/auth/me': () => json(200, TEST_USER), 'POST /api/invitations/preview': preview({ status: 'EXPIRED' }) });
    renderApp(answered.client, '/invitations/accept?token=tok_late');
    expect(await screen.findByText('This invitation has expired.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Accept invitation' })).not.toBeInTheDocument();
  });

  it('sends a signed-out visitor to sign in first', async () => {
    const { client } = createTestClient({}, null);
    renderApp(client, '/invitations/accept?token=tok_1');
    expect(await screen.findByRole('heading', { level: 1, name: /Sign in/ })).toBeInTheDocument();
  });
});
