import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createTestClient, errorBody, json, TEST_USER } from '../../test/fake-api';
import { renderApp } from '../../test/render';

describe('Sign in', () => {
  it('shows the server’s message when the credentials are wrong, and keeps the user on the form', async () => {
    const user = userEvent.setup();
    const { client, requests } = createTestClient({ 'POST /api/auth/signin': () => errorBody(401, 'Email or password is incorrect.') }, null);
    renderApp(client, '/signin');

    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'not the password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not sign in');
    expect(alert).toHaveTextContent('Email or password is incorrect.');
    expect(requests[0]?.body).toEqual({ email: 'ada@example.com', password: 'not the password', refreshTokenIn: 'cookie' });
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(client.session).toBeNull();
  });

  it('checks the fields before calling the server', async () => {
    const user = userEvent.setup();
    const { client, requests } = createTestClient({}, null);
    renderApp(client, '/signin');

    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const email = screen.getByLabelText('Email');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('Error: Enter your email address.');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Error: Enter your password.');
    expect(email).toHaveFocus();
    expect(requests).toHaveLength(0);
  });

  it('goes to the Sites screen after signing in', async () => {
    const user = userEvent.setup();
    const { client } = createTestClient(
      {
        'POST /api/auth/signin': () => json(200, { user: TEST_USER, accessToken: 'access-1', expiresIn: 900 }),
        'GET /api/auth/me': () => json(200, TEST_USER),
        'GET /api/connections': () => json(200, { items: [], total: 0, page: 1, pageSize: 20 }),
      },
      null,
    );
    renderApp(client, '/signin');
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sites' })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'No sites yet' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('heading', { level: 1, name: 'Sites' })).toHaveFocus());
  });

  it('sends signed-out visitors of a private screen to sign in', async () => {
    const { client } = createTestClient({}, null);
    renderApp(client, '/settings/api-keys');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
  });

  it('after a reload, gets a new access token from the session cookie and stays on the screen', async () => {
    const { client, requests } = createTestClient(
      {
        'POST /api/auth/refresh': () => json(200, { user: TEST_USER, accessToken: 'access-2', expiresIn: 900 }),
        'GET /api/auth/me': () => json(200, TEST_USER),
        'GET /api/connections': () => json(200, { items: [], total: 0, page: 1, pageSize: 20 }),
      },
      null,
      { signedInCookie: true },
    );
    renderApp(client, '/sites');
    expect(screen.getByRole('status')).toHaveTextContent('Signing you in');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sites' })).toBeInTheDocument();
    expect(requests[0]).toMatchObject({ method: 'POST', url: '/api/auth/refresh' });
    expect(requests.find((r) => r.url.startsWith('/api/connections'))?.headers.Authorization).toBe('Bearer access-2');
  });

  it('after a reload with an ended session, shows the sign-in page', async () => {
    const { client } = createTestClient({ 'POST /api/auth/refresh': () => errorBody(401, 'This refresh token has expired. Sign in again.') }, null, { signedInCookie: true });
    renderApp(client, '/sites');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(client.session).toBeNull();
  });
});
