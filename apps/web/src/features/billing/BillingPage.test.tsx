import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { createTestClient, errorBody, json, TEST_USER } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { BillingPage } from './BillingPage';

const USAGE = {
  plan: 'FREE',
  year: 2026,
  month: 11,
  meters: {
    fixesApplied: { used: 8, limit: 10 },
    apiCalls: { used: 120, limit: 1000 },
    aiTokens: { used: 0, limit: 20000 },
    sites: { used: 1, limit: 1 },
    teamSeats: { used: 1, limit: 1 },
  },
};

describe('Billing', () => {
  it('shows the plan and every meter against its limit, and upgrades through Checkout', async () => {
    const user = userEvent.setup();
    const redirect = vi.fn();
    const { client, requests } = createTestClient({
      'GET /api/billing': () => json(200, { billingEnabled: true, plan: 'FREE', subscription: null, purchasablePlans: ['STARTER', 'PRO', 'AGENCY'] }),
      'GET /api/usage': () => json(200, USAGE),
      'POST /api/billing/checkout': () => json(200, { url: 'https://checkout.stripe.test/c/pay/cs_123', id: 'cs_123' }),
    });
    renderWithProviders(client, <BillingPage redirect={redirect} />, '/billing');

    expect(await screen.findByTestId('current-plan')).toHaveTextContent('Free');
    const sites = await screen.findByRole('meter', { name: 'Sites' });
    expect(sites).toHaveAttribute('aria-valuetext', '1 of 1, limit reached');
    expect(screen.getByRole('meter', { name: /^Fixes applied/ })).toHaveAttribute('aria-valuetext', '8 of 10');
    expect(screen.getAllByText('Limit reached: upgrade to keep going.')).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Upgrade to Pro' }));
    await vi.waitFor(() => expect(redirect).toHaveBeenCalledWith('https://checkout.stripe.test/c/pay/cs_123'));
    expect(requests.find((r) => r.url === '/api/billing/checkout')?.body).toEqual({ plan: 'PRO' });
  });

  it('opens the portal for a subscriber and explains a checkout that failed', async () => {
    const user = userEvent.setup();
    const redirect = vi.fn();
    const { client } = createTestClient({
      'GET /api/billing': () =>
        json(200, {
          billingEnabled: true,
          plan: 'STARTER',
          subscription: { status: 'PAST_DUE', plan: 'STARTER', currentPeriodStart: null, currentPeriodEnd: '2026-12-01T00:00:00.000Z', trialEnd: null, cancelAtPeriodEnd: false, graceUntil: '2026-12-08T00:00:00.000Z' },
          purchasablePlans: ['STARTER', 'PRO', 'AGENCY'],
        }),
      'GET /api/usage': () => json(200, { ...USAGE, plan: 'STARTER' }),
      'POST /api/billing/portal': () => json(200, { url: 'https://billing.stripe.test/p/session', id: 'bps_1' }),
    });
    renderWithProviders(client, <BillingPage redirect={redirect} />, '/billing?checkout=cancelled');

    expect(await screen.findByText('Checkout cancelled.')).toBeInTheDocument();
    expect(await screen.findByText('Payment overdue')).toBeInTheDocument();
    expect(screen.getByText('Your last payment failed.')).toBeInTheDocument();
    // A subscriber changes plans in the portal, not through a second checkout.
    expect(screen.queryByRole('button', { name: /Upgrade to/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Manage subscription' }));
    await vi.waitFor(() => expect(redirect).toHaveBeenCalledWith('https://billing.stripe.test/p/session'));
  });

  it('says when online payments are off, and shows usage errors in words', async () => {
    const { client } = createTestClient({
      'GET /api/billing': () => json(200, { billingEnabled: false, plan: 'PRO', subscription: null, purchasablePlans: [] }),
      'GET /api/usage': () => errorBody(500, 'Seology could not complete the request (500). Try again in a moment.'),
    });
    renderWithProviders(client, <BillingPage redirect={vi.fn()} />, '/billing');
    expect(await screen.findByText(/Online payments are not set up/)).toBeInTheDocument();
    const usage = screen.getByRole('region', { name: 'Usage' });
    expect(await within(usage).findByText(/could not complete the request/)).toBeInTheDocument();
    // Every plan's limits are still shown, without a checkout, and the page says how an administrator sets a plan.
    const plans = screen.getByRole('region', { name: 'Plans' });
    expect(within(plans).getByText('1,000 sites')).toBeInTheDocument();
    expect(within(plans).queryByRole('button')).not.toBeInTheDocument();
    expect(within(plans).getAllByText('Set by an administrator')).toHaveLength(4);
    const how = screen.getByRole('region', { name: 'How plans change on this server' });
    expect(within(how).getByText(/PATCH \/api\/admin\/users\/:id\/plan/)).toBeInTheDocument();
    expect(within(how).getByText(/curl -X PATCH .*\/api\/admin\/users\/user-1\/plan/)).toBeInTheDocument();
    // Not an administrator: no form.
    expect(within(how).queryByRole('form', { name: 'Set a plan' })).not.toBeInTheDocument();
  });

  it('lets an administrator set a plan when payments are off', async () => {
    const user = userEvent.setup();
    const { client, requests } = createTestClient({
      'GET /api/auth/me': () => json(200, { ...TEST_USER, role: 'ADMIN' }),
      'GET /api/billing': () => json(200, { billingEnabled: false, plan: 'FREE', subscription: null, purchasablePlans: [] }),
      'GET /api/usage': () => json(200, USAGE),
      'PATCH /api/admin/users/user-2/plan': () => json(200, { id: 'user-2', email: 'grace@example.com', plan: 'STARTER' }),
    });
    renderWithProviders(client, <BillingPage redirect={vi.fn()} />, '/billing');
    const form = await screen.findByRole('form', { name: 'Set a plan' });
    const id = within(form).getByLabelText(/User id/);
    expect(id).toHaveValue('user-1');
    await user.clear(id);
    await user.type(id, 'user-2');
    await user.selectOptions(within(form).getByLabelText('Plan'), 'STARTER');
    await user.click(within(form).getByRole('button', { name: 'Set plan' }));
    expect(await screen.findByText('grace@example.com is now on Starter.')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'PATCH')).toMatchObject({ url: '/api/admin/users/user-2/plan', body: { plan: 'STARTER' } });
  });
});
