import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createTestClient, json, TEST_USER } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { ProfilePage } from './ProfilePage';

describe('Profile', () => {
  it('shows the signed-in user’s name, email and plan', async () => {
    const { client } = createTestClient({ 'GET /api/auth/me': () => json(200, { ...TEST_USER, name: 'Ada King', plan: 'PRO' }) });
    renderWithProviders(client, <ProfilePage />, '/settings/profile');
    expect(await screen.findByText('Ada King')).toBeInTheDocument();
    expect(screen.getByText(TEST_USER.email)).toBeInTheDocument();
    expect(await screen.findByText((_, el) => el?.tagName === 'DD' && el.textContent?.startsWith('Pro ·') === true)).toBeInTheDocument();
  });
});
