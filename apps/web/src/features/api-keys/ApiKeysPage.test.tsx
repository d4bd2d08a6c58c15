import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { createTestClient, errorBody, json } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { ApiKeysPage } from './ApiKeysPage';

const SECRET = 'sk_0123456789abcdefghijklmnopqrstuvwxyzABCDEF';

function keyServer() {
  const keys: Record<string, unknown>[] = [];
  return createTestClient({
    'GET /api/api-keys': () => json(200, keys),
    'POST /api/api-keys': ({ body }) => {
      const { name, scopes } = body as { name: string; scopes: string[] };
      const key = { id: 'key-1', name, prefix: SECRET.slice(0, 10), scopes, lastUsedAt: null, expiresAt: null, revokedAt: null, createdAt: new Date().toISOString() };
      keys.push(key);
      return json(201, { ...key, key: SECRET });
    },
  });
}

describe('API keys', () => {
  it('checks the form before sending, then shows the API’s refusal next to the field or above the form', async () => {
    const user = userEvent.setup();
    let answer = () => errorBody(400, 'Invalid request: name must be shorter than or equal to 100 characters', { code: 'VALIDATION_FAILED', details: ['name must be shorter than or equal to 100 characters'] });
    const { client, requests } = createTestClient({ 'GET /api/api-keys': () => json(200, []), 'POST /api/api-keys': () => answer() });
    renderWithProviders(client, <ApiKeysPage />);
    await screen.findByRole('heading', { name: 'No API keys yet' });

    await user.click(screen.getByRole('button', { name: 'Create key' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Please fix the following');
    expect(within(summary).getByRole('link', { name: /Give the key a name/ })).toHaveAttribute('href', '#api-key-name');
    expect(within(summary).getByRole('link', { name: /Choose at least one scope/ })).toHaveAttribute('href', '#api-key-scopes');
    await vi.waitFor(() => expect(summary).toHaveFocus());
    expect(requests.filter((r) => r.url === '/api/api-keys' && r.method === 'POST')).toHaveLength(0);

    await user.type(screen.getByLabelText('Name'), 'CI pipeline');
    await user.click(screen.getByRole('checkbox', { name: 'connections:read' }));
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    await vi.waitFor(() => expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(/Name must be shorter than or equal to 100 characters/));
    expect(screen.getByRole('alert')).not.toHaveTextContent('could not be created');

    answer = () => errorBody(403, 'This API key may not create API keys.');
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    await vi.waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('The key could not be created'));
    expect(screen.getByRole('alert')).toHaveTextContent('This API key may not create API keys.');
    expect(screen.getByLabelText('Name')).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('shows a new key once, with a copy button, and never again', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { client, requests } = keyServer();
    const view = renderWithProviders(client, <ApiKeysPage />);

    expect(await screen.findByRole('heading', { name: 'No API keys yet' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Name'), 'CI pipeline');
    await user.click(screen.getByRole('checkbox', { name: 'connections:read' }));
    await user.click(screen.getByRole('checkbox', { name: 'crawls:write' }));
    await user.click(screen.getByRole('button', { name: 'Create key' }));

    const panel = await screen.findByRole('region', { name: /Copy your new key “CI pipeline”/ });
    expect(within(panel).getByText(SECRET)).toBeInTheDocument();
    expect(within(panel).getByText(/only time the key is shown/)).toBeInTheDocument();
    expect(within(panel).getByRole('heading', { name: /Copy your new key/ })).toHaveFocus();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ name: 'CI pipeline', scopes: ['connections:read', 'crawls:write'] });

    await user.click(within(panel).getByRole('button', { name: 'Copy API key' }));
    expect(writeText).toHaveBeenCalledWith(SECRET);
    expect(await within(panel).findByText('API key copied to the clipboard.')).toBeInTheDocument();

    // The list shows only the prefix.
    const table = await screen.findByRole('table', { name: 'Your API keys' });
    expect(within(table).getByText(`${SECRET.slice(0, 10)}…`)).toBeInTheDocument();
    expect(within(table).queryByText(SECRET)).not.toBeInTheDocument();
    // Never used, never expires.
    expect(within(table).getAllByText('Never')).toHaveLength(2);

    await user.click(within(panel).getByRole('button', { name: 'I have stored the key' }));
    expect(screen.queryByText(SECRET)).not.toBeInTheDocument();

    // Coming back to the page does not bring it back either.
    view.unmount();
    renderWithProviders(client, <ApiKeysPage />);
    expect(await screen.findByRole('table', { name: 'Your API keys' })).toBeInTheDocument();
    expect(screen.queryByText(SECRET)).not.toBeInTheDocument();
  });

  it('asks for a name and at least one scope, and shows server errors', async () => {
    const user = userEvent.setup();
    const { client } = createTestClient({
      'GET /api/api-keys': () => json(200, []),
      'POST /api/api-keys': () => errorBody(429, 'Too many keys created; try again in a minute.'),
    });
    renderWithProviders(client, <ApiKeysPage />);
    await user.click(await screen.findByRole('button', { name: 'Create key' }));
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(/Give the key a name/);
    expect(screen.getByRole('group', { name: 'Scopes' })).toHaveAccessibleDescription(/Choose at least one scope/);

    await user.type(screen.getByLabelText('Name'), 'Reports');
    await user.click(screen.getByRole('checkbox', { name: 'issues:read' }));
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many keys created; try again in a minute.');
  });
});
