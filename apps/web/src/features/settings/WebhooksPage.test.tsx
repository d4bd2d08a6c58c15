import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createTestClient, errorBody, json } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { WebhooksPage } from './WebhooksPage';

const NOW = new Date().toISOString();
const HOOK = {
  id: 'wh-1',
  url: 'https://hooks.example.com/seology',
  description: 'CI',
  events: ['crawl.completed'],
  active: true,
  failureCount: 0,
  disabledAt: null,
  disabledReason: null,
  lastDeliveryAt: null,
  createdAt: NOW,
  updatedAt: NOW,
};
const DELIVERY = { id: 'd1', webhookId: 'wh-1', event: 'ping', eventId: 'e1', status: 'SUCCEEDED', attempts: 1, responseStatus: 204, responseBody: null, error: null, durationMs: 42, deliveredAt: NOW, payload: {}, createdAt: NOW, updatedAt: NOW };

describe('Webhooks', () => {
  it('creates an endpoint, shows its secret once, sends a test and shows the delivery log', async () => {
    const user = userEvent.setup();
    let hooks: unknown[] = [];
    let deliveries: unknown[] = [];
    const { client, requests } = createTestClient({
      'GET /api/webhooks': () => json(200, hooks),
      'POST /api/webhooks': ({ body }) => {
        const { url } = body as { url: string };
        if (url.includes('10.0.0.1')) return errorBody(400, 'Validation failed', { code: 'VALIDATION_FAILED', details: ['url cannot be used: the address is private.'] });
        hooks = [{ ...HOOK, ...(body as object) }];
        return json(201, { ...(hooks[0] as object), secret: 'whsec_only_once' });
      },
      'POST /api/webhooks/wh-1/test': () => {
        deliveries = [DELIVERY];
        return json(200, DELIVERY);
      },
      'GET /api/webhooks/wh-1/deliveries': () => json(200, { items: deliveries, total: deliveries.length, page: 1, pageSize: 10 }),
    });
    renderWithProviders(client, <WebhooksPage />, '/settings/webhooks');
    expect(await screen.findByText('No endpoints yet')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Add endpoint' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Choose at least one event.');

    await user.type(screen.getByLabelText('Endpoint URL'), 'http://10.0.0.1/hook');
    await user.click(screen.getByRole('checkbox', { name: /crawl\.completed/ }));
    await user.click(screen.getByRole('button', { name: 'Add endpoint' }));
    expect(await screen.findByText('Endpoint URL cannot be used: the address is private.', { selector: 'a' })).toBeInTheDocument();

    await user.clear(screen.getByLabelText('Endpoint URL'));
    await user.type(screen.getByLabelText('Endpoint URL'), 'https://hooks.example.com/seology');
    await user.click(screen.getByRole('button', { name: 'Add endpoint' }));
    expect(await screen.findByTestId('webhook-secret')).toHaveTextContent('whsec_only_once');
    expect(requests.filter((r) => r.method === 'POST' && r.url === '/api/webhooks').at(-1)?.body).toEqual({ url: 'https://hooks.example.com/seology', events: ['crawl.completed'] });
    await user.click(screen.getByRole('button', { name: 'I have stored the secret' }));
    expect(screen.queryByTestId('webhook-secret')).not.toBeInTheDocument();

    const row = await screen.findByRole('row', { name: /hooks\.example\.com/ });
    await user.click(within(row).getByRole('button', { name: 'Send a test delivery to https://hooks.example.com/seology' }));
    expect(await screen.findByText('Test delivered (HTTP 204).')).toBeInTheDocument();
    const log = await screen.findByRole('region', { name: /Delivery log/ });
    expect(await within(log).findByText('Delivered')).toBeInTheDocument();
    expect(within(log).getByText('HTTP 204')).toBeInTheDocument();
  });

  it('sends a failed delivery again from the log', async () => {
    const user = userEvent.setup();
    const failed = { ...DELIVERY, id: 'd-failed', event: 'fix.failed', status: 'FAILED', attempts: 6, responseStatus: 500, error: 'HTTP 500' };
    let deliveries: unknown[] = [failed];
    const { client, requests } = createTestClient({
      'GET /api/webhooks': () => json(200, [HOOK]),
      'GET /api/webhooks/wh-1/deliveries': () => json(200, { items: deliveries, total: deliveries.length, page: 1, pageSize: 10 }),
      'POST /api/webhooks/wh-1/deliveries/d-failed/redeliver': () => {
        const again = { ...failed, id: 'd-again', eventId: 'e2', status: 'SUCCEEDED', attempts: 1, responseStatus: 200, error: null };
        deliveries = [again, failed];
        return json(202, { ...again, status: 'PENDING' });
      },
    });
    renderWithProviders(client, <WebhooksPage />, '/settings/webhooks');
    const row = await screen.findByRole('row', { name: /hooks\.example\.com/ });
    await user.click(within(row).getByRole('button', { name: 'Deliveries of https://hooks.example.com/seology' }));
    const log = await screen.findByRole('region', { name: /Delivery log/ });
    await user.click(await within(log).findByRole('button', { name: /^Send fix\.failed from .* again$/ }));
    expect(await screen.findByText('fix.failed queued again.')).toBeInTheDocument();
    expect(requests.some((r) => r.method === 'POST' && r.url === '/api/webhooks/wh-1/deliveries/d-failed/redeliver')).toBe(true);
    expect(await within(log).findAllByRole('button', { name: /^Send fix\.failed from .* again$/ })).toHaveLength(2);
  });

  it('does not offer a test for a disabled endpoint and explains why it was disabled', async () => {
    const { client } = createTestClient({
      'GET /api/webhooks': () => json(200, [{ ...HOOK, active: false, disabledAt: NOW, disabledReason: 'Five deliveries in a row failed.', failureCount: 5 }]),
    });
    renderWithProviders(client, <WebhooksPage />, '/settings/webhooks');
    const row = await screen.findByRole('row', { name: /hooks\.example\.com/ });
    expect(within(row).getByText('Disabled after failures')).toBeInTheDocument();
    expect(within(row).getByText('Five deliveries in a row failed.')).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: /Send a test delivery/ })).toBeDisabled();
    expect(within(row).getByRole('button', { name: 'Enable https://hooks.example.com/seology' })).toBeInTheDocument();
  });
});
