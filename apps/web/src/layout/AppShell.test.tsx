import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createTestClient, json, TEST_USER } from '../test/fake-api';
import { renderApp } from '../test/render';

const EMPTY = { items: [], total: 0, page: 1, pageSize: 20 };

describe('App shell', () => {
  it('navigates with the sidebar, moves focus to the new page’s heading, and signs out', async () => {
    const user = userEvent.setup();
    const { client, requests } = createTestClient({
      'GET /api/auth/me': () => json(200, TEST_USER),
      'GET /api/connections': () => json(200, EMPTY),
      'GET /api/jobs': () => json(200, EMPTY),
      'GET /api/api-keys': () => json(200, []),
      'POST /api/auth/signout': () => new Response(null, { status: 204 }),
    });
    renderApp(client, '/');

    expect(await screen.findByRole('heading', { level: 1, name: 'Sites' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Sites' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toHaveAttribute('href', '#main');

    await user.click(within(nav).getByRole('link', { name: 'API keys' }));
    await waitFor(() => expect(screen.getByRole('heading', { level: 1, name: 'API keys' })).toHaveFocus());
    expect(document.title).toBe('API keys · Seology');

    const account = screen.getByRole('button', { name: /Account menu/ });
    expect(account).toHaveAttribute('aria-expanded', 'false');
    await user.click(account);
    expect(account).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('ada@example.com')).toBeVisible();
    await user.keyboard('{Escape}');
    expect(account).toHaveAttribute('aria-expanded', 'false');
    expect(account).toHaveFocus();

    await user.click(account);
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(client.session).toBeNull();
    await waitFor(() => expect(requests.some((r) => r.url === '/api/auth/signout')).toBe(true));
  });
});
