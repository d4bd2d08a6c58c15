import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { createTestClient, errorBody } from '../../test/fake-api';
import { renderApp } from '../../test/render';

describe('Sign up', () => {
  it('asks for a 10-character password before calling the server', async () => {
    const user = userEvent.setup();
    const { client, requests } = createTestClient({}, null);
    renderApp(client, '/signup');
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText(/^Password/), 'short');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.getByLabelText(/^Password/)).toHaveAccessibleDescription(/Use at least 10 characters\./);
    expect(await screen.findByRole('alert')).toHaveTextContent('Use at least 10 characters.');
    expect(requests).toHaveLength(0);
  });

  it('puts “email already taken” on the email field and offers to sign in', async () => {
    const user = userEvent.setup();
    const { client } = createTestClient(
      { 'POST /api/auth/signup': () => errorBody(409, 'An account with this email already exists. Sign in instead.', { code: 'EMAIL_TAKEN' }) },
      null,
    );
    renderApp(client, '/signup');
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText(/^Password/), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    const email = screen.getByLabelText('Email');
    await vi.waitFor(() => expect(email).toHaveAccessibleDescription(/An account with this email already exists/));
    expect(screen.getByRole('link', { name: 'Sign in instead' })).toHaveAttribute('href', '/signin');
  });
});
