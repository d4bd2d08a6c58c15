import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestClient, json, TEST_USER } from '../test/fake-api';
import { renderWithProviders } from '../test/render';
import { DemoBanner } from './DemoBanner';

const DEMO_SITE = { id: 'demo-site', domain: '127.0.0.1:3001', siteUrl: 'http://127.0.0.1:3001/', platform: 'WORDPRESS', displayName: 'Demo bakery' };

describe('DemoBanner', () => {
  afterEach(() => sessionStorage.clear());

  it('shows the demo account the demo site and its WordPress login, and hides on request', async () => {
    const user = userEvent.setup();
    const demo = { ...TEST_USER, email: 'demo@seology.local' };
    const { client } = createTestClient({
      'GET /api/auth/me': () => json(200, demo),
      'GET /api/connections': () => json(200, { items: [DEMO_SITE], total: 1, page: 1, pageSize: 20 }),
    });
    renderWithProviders(client, <DemoBanner />);
    const banner = await screen.findByRole('complementary', { name: 'Demo account' });
    expect(banner).toHaveTextContent('user demo-editor, application password demo abcd efgh ijkl mnop qrst');
    expect(await within(banner).findByRole('link', { name: '127.0.0.1:3001' })).toHaveAttribute('href', '/sites/demo-site');
    expect(within(banner).getByRole('link', { name: 'http://127.0.0.1:3001/' })).toHaveAttribute('href', 'http://127.0.0.1:3001/');
    await user.click(within(banner).getByRole('button', { name: 'Hide' }));
    expect(screen.queryByRole('complementary', { name: 'Demo account' })).not.toBeInTheDocument();
    expect(sessionStorage.getItem('seology.demo-banner.dismissed')).toBe('1');
  });

  it('shows nothing, and loads nothing, for any other account', async () => {
    const { client, requests } = createTestClient({ 'GET /api/auth/me': () => json(200, TEST_USER) });
    renderWithProviders(client, <DemoBanner />);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByTestId('demo-banner')).not.toBeInTheDocument();
    expect(requests.some((r) => r.url.startsWith('/api/connections'))).toBe(false);
  });
});
