import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { createTestClient, errorBody, json } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { AddSiteForm } from './AddSiteForm';

const CREATED = {
  id: 'site-1',
  domain: 'shop.example.com',
  siteUrl: 'https://shop.example.com/',
  displayName: null,
  platform: 'CUSTOM',
  status: 'PENDING',
  executionMode: 'PLAN',
  hasCredentials: false,
  snippetKey: 'sk_site_abc',
  crawlSettings: {},
  crawlFrequencyHours: null,
  healthStatus: 'unknown',
  healthScore: null,
  pageCount: 0,
  issueCount: 0,
  lastCrawlAt: null,
  lastAnalysisAt: null,
  teamId: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('Add site form', () => {
  it('validates before sending: address and the chosen platform’s credentials', async () => {
    const user = userEvent.setup();
    const { client, requests } = createTestClient({});
    renderWithProviders(client, <AddSiteForm onCreated={vi.fn()} />);

    // WordPress is the default platform, so its credentials are asked for.
    await user.click(screen.getByRole('button', { name: 'Add site' }));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Please fix the following');
    expect(within(summary).getByRole('link', { name: /Enter the address of your site/ })).toHaveAttribute('href', '#site-url');
    expect(screen.getByLabelText('Site URL')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Username')).toHaveAccessibleDescription(/Enter the WordPress username/);
    expect(screen.getByLabelText('Application password')).toHaveAttribute('aria-invalid', 'true');
    expect(requests.filter((r) => r.url === '/api/connections')).toHaveLength(0);

    // Switching to Shopify swaps the credential fields.
    await user.click(screen.getByRole('radio', { name: 'Shopify' }));
    expect(screen.queryByLabelText('Username')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Shop domain'), 'not-a-shop.com');
    await user.click(screen.getByRole('button', { name: 'Add site' }));
    expect(screen.getByLabelText('Shop domain')).toHaveAccessibleDescription(/like my-store\.myshopify\.com/);
    expect(requests.filter((r) => r.url === '/api/connections')).toHaveLength(0);
  });

  it('shows the server’s validation messages next to the fields they are about', async () => {
    const user = userEvent.setup();
    const { client } = createTestClient({
      'POST /api/connections': () =>
        errorBody(400, 'Invalid request: wordpress.applicationPassword looks too short for a WordPress application password', {
          code: 'VALIDATION_FAILED',
          details: ['wordpress.applicationPassword looks too short for a WordPress application password'],
        }),
    });
    renderWithProviders(client, <AddSiteForm onCreated={vi.fn()} />);

    await user.type(screen.getByLabelText('Site URL'), 'https://blog.example.com/');
    await user.type(screen.getByLabelText('Username'), 'editor');
    await user.type(screen.getByLabelText('Application password'), 'abcd efgh ijkl mnop');
    await user.click(screen.getByRole('button', { name: 'Add site' }));

    const password = await screen.findByLabelText('Application password');
    await vi.waitFor(() => expect(password).toHaveAttribute('aria-invalid', 'true'));
    expect(password).toHaveAccessibleDescription('Error: Application password looks too short for a WordPress application password');
    expect(screen.getByRole('alert')).toHaveTextContent('Application password looks too short');
  });

  it('puts a site-level server message (SSRF refusal, duplicate) next to the address', async () => {
    const user = userEvent.setup();
    const { client } = createTestClient({
      'POST /api/connections': () => errorBody(400, 'siteUrl cannot be used: 10.0.0.5 is a private address.'),
    });
    renderWithProviders(client, <AddSiteForm onCreated={vi.fn()} />);
    await user.click(screen.getByRole('radio', { name: 'Any other site' }));
    await user.type(screen.getByLabelText('Site URL'), 'http://10.0.0.5/');
    await user.click(screen.getByRole('button', { name: 'Add site' }));

    const url = screen.getByLabelText('Site URL');
    await vi.waitFor(() => expect(url).toHaveAccessibleDescription(/Site URL cannot be used: 10\.0\.0\.5 is a private address\./));
  });

  it('shows a message that names no field (e.g. a plan limit) above the form', async () => {
    const user = userEvent.setup();
    const { client } = createTestClient({
      'POST /api/connections': () => errorBody(402, 'Your Free plan allows 1 site. Upgrade to add more.', { code: 'QUOTA_EXCEEDED' }),
    });
    renderWithProviders(client, <AddSiteForm onCreated={vi.fn()} />);
    await user.click(screen.getByRole('radio', { name: 'Any other site' }));
    await user.type(screen.getByLabelText('Site URL'), 'example.org');
    await user.click(screen.getByRole('button', { name: 'Add site' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The site could not be added');
    expect(alert).toHaveTextContent('Your Free plan allows 1 site. Upgrade to add more.');
  });

  it('sends a CUSTOM site without credentials and with the chosen execution mode', async () => {
    const user = userEvent.setup();
    const onCreated = vi.fn();
    const { client, requests } = createTestClient({ 'POST /api/connections': () => json(201, CREATED) });
    renderWithProviders(client, <AddSiteForm onCreated={onCreated} />);

    await user.type(screen.getByLabelText('Site URL'), ' shop.example.com ');
    await user.click(screen.getByRole('radio', { name: 'Any other site' }));
    expect(screen.getByText(/No credentials needed/)).toBeInTheDocument();
    const planMode = screen.getByRole('radio', { name: /Review a plan/ });
    expect(planMode).toHaveAccessibleDescription(/You review the plan as a whole/);
    await user.click(planMode);
    await user.click(screen.getByRole('button', { name: 'Add site' }));

    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledWith(expect.objectContaining({ id: 'site-1' })));
    expect(requests.find((r) => r.url === '/api/connections')?.body).toEqual({ siteUrl: 'shop.example.com', platform: 'CUSTOM', executionMode: 'PLAN', crawlFrequencyHours: 168 });
  });
});
