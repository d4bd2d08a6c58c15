import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_USER, createTestClient, json } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { OnboardingPage } from './OnboardingPage';

const SITE = {
  id: 'site-1', domain: 'bakery.example', siteUrl: 'https://bakery.example/', displayName: 'Corner Bakery', platform: 'CUSTOM', status: 'PENDING',
  executionMode: 'APPROVE', hasCredentials: false, snippetKey: 'sk_site_abc', crawlSettings: {}, healthStatus: 'unknown', healthScore: null, pageCount: 0,
  issueCount: 0, lastCrawlAt: null, role: 'OWNER', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
};

afterEach(() => window.localStorage.clear());

describe('Onboarding wizard', () => {
  it('resumes at the saved step with the site being set up, and saves each step reached', async () => {
    const user = userEvent.setup();
    window.localStorage.setItem('seology.onboarding.site', 'site-1');
    const { client, requests } = createTestClient({
      'GET /api/auth/me': () => json(200, { ...TEST_USER, onboardingStep: 2 }),
      'GET /api/connections/site-1': () => json(200, SITE),
      'PATCH /api/auth/me/onboarding': ({ body }) => json(200, { ...TEST_USER, onboardingStep: (body as { step: number }).step }),
      'POST /api/connections/site-1/check': () => json(200, { ok: false, siteName: null, reason: "The Seology snippet for site key 'sk_site_abc' was not found on https://bakery.example/" }),
    });
    renderWithProviders(client, <OnboardingPage />, '/onboarding');

    expect(await screen.findByText('Step 3 of 8: Connect it')).toBeInTheDocument();
    // A snippet site gets the line to paste into its pages.
    expect(await screen.findByLabelText('Snippet')).toHaveTextContent('/api/snippet/sk_site_abc.js');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('Step 4 of 8: Check the connection')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({ step: 3 });
    // The check runs at once and says what to do about a missing snippet.
    expect(await screen.findByText(/snippet for site key 'sk_site_abc' was not found/)).toHaveTextContent('Add the snippet to your pages and check again');
  });

  it('can be skipped, keeping the step so it can be resumed', async () => {
    const user = userEvent.setup();
    const { client, requests } = createTestClient({
      'GET /api/auth/me': () => json(200, TEST_USER),
      'PATCH /api/auth/me/onboarding': () => json(200, TEST_USER),
    });
    renderWithProviders(client, <OnboardingPage />, '/onboarding');

    await user.click(await screen.findByRole('button', { name: 'Let’s start' }));
    expect(await screen.findByRole('textbox', { name: /Site URL/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Skip for now' }));
    expect(await screen.findByText('Sites list')).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'PATCH').map((r) => r.body)).toEqual([{ step: 1 }, { step: 1 }]);
  });
});
