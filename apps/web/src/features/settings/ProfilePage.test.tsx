import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { createTestClient, errorBody, json, TEST_USER } from '../../test/fake-api';
import { renderApp, renderWithProviders } from '../../test/render';
import { PASSWORD_CHANGED_MESSAGE, ProfilePage } from './ProfilePage';

describe('Profile', () => {
  it('shows the signed-in user’s name, email and plan', async () => {
    const { client } = createTestClient({ 'GET /api/auth/me': () => json(200, { ...TEST_USER, name: 'Ada King', plan: 'PRO' }) });
    renderWithProviders(client, <ProfilePage />, '/settings/profile');
    expect(await screen.findByText('Ada King')).toBeInTheDocument();
    expect(screen.getByText(TEST_USER.email)).toBeInTheDocument();
    expect(await screen.findByText((_, el) => el?.tagName === 'DD' && el.textContent?.startsWith('Pro ·') === true)).toBeInTheDocument();
  });
});

describe('Profile changes', () => {
  it('saves the display name and shows it at once', async () => {
    const user = userEvent.setup();
    const { client, requests } = createTestClient({
      'GET /api/auth/me': () => json(200, { ...TEST_USER, name: 'Ada King' }),
      'PATCH /api/auth/me': ({ body }) => json(200, { ...TEST_USER, name: (body as { name: string }).name.trim() || null }),
    });
    renderWithProviders(client, <ProfilePage />, '/settings/profile');
    const field = await screen.findByLabelText(/^Name/);
    await user.clear(field);
    await user.type(field, 'Ada Lovelace');
    await user.click(screen.getByRole('button', { name: 'Save name' }));
    expect(await screen.findByText((_, el) => el?.tagName === 'DD' && el.textContent === 'Ada Lovelace')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({ name: 'Ada Lovelace' });
  });

  it('changes the password: checks it first, shows a wrong current password on its field, then signs out with a message', async () => {
    const user = userEvent.setup();
    let answer = () => errorBody(400, 'currentPassword is not the password of this account', { code: 'VALIDATION_FAILED', details: ['currentPassword is not the password of this account'] });
    const { client, requests } = createTestClient({
      'GET /api/auth/me': () => json(200, TEST_USER),
      'POST /api/auth/me/password': () => answer(),
      'POST /api/auth/signout': () => new Response(null, { status: 204 }),
    });
    renderApp(client, '/settings/profile');
    await user.click(await screen.findByRole('button', { name: 'Change password' }));
    expect(await screen.findByRole('link', { name: /Enter the password you sign in with now/ })).toHaveAttribute('href', '#profile-current-password');
    expect(requests.filter((r) => r.url === '/api/auth/me/password')).toHaveLength(0);

    await user.type(screen.getByLabelText(/^Current password/), 'not my password');
    await user.type(screen.getByLabelText(/^New password/), 'a brand new passphrase');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    await vi.waitFor(() => expect(screen.getByLabelText(/^Current password/)).toHaveAccessibleDescription(/Current password is not the password of this account/));

    answer = () => new Response(null, { status: 204 });
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText(PASSWORD_CHANGED_MESSAGE)).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 1, name: /Sign in/ })).toBeInTheDocument();
    expect(requests.find((r) => r.url === '/api/auth/me/password')?.body).toEqual({ currentPassword: 'not my password', newPassword: 'a brand new passphrase' });
  });
});
