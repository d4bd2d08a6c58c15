import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_USER, createTestClient, errorBody, json } from '../../test/fake-api';
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

  it('forgets a site that was deleted and goes back to adding one', async () => {
    window.localStorage.setItem('seology.onboarding.site', 'site-gone');
    const { client, requests } = createTestClient({
      'GET /api/auth/me': () => json(200, { ...TEST_USER, onboardingStep: 3 }),
      'GET /api/connections/site-gone': () => errorBody(404, 'No site with this id.'),
      'PATCH /api/auth/me/onboarding': () => json(200, TEST_USER),
    });
    renderWithProviders(client, <OnboardingPage />, '/onboarding');

    expect(await screen.findByText('Step 2 of 8: Add your site')).toBeInTheDocument();
    expect(await screen.findByText('The site being set up no longer exists. Add a site to continue.')).toBeInTheDocument();
    expect(screen.queryByText('No site with this id.')).not.toBeInTheDocument();
    expect(window.localStorage.getItem('seology.onboarding.site')).toBeNull();
    expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({ step: 1 });
  });

  it('after a reload, follows the site\'s latest crawl and says why it failed', async () => {
    window.localStorage.setItem('seology.onboarding.site', 'site-1');
    const failed = {
      id: 'crawl-1', connectionId: 'site-1', status: 'FAILED', pagesCrawled: 0, pagesQueued: 0, issuesFound: 0, newIssues: 0, resolvedIssues: 0,
      healthScore: null, durationMs: 1200, stats: {}, resumable: false, error: 'https://bakery.example/ did not answer (connection refused)',
      createdAt: '2026-01-01T00:00:00.000Z', startedAt: '2026-01-01T00:00:00.000Z', completedAt: '2026-01-01T00:00:01.000Z',
    };
    const { client, requests } = createTestClient({
      'GET /api/auth/me': () => json(200, { ...TEST_USER, onboardingStep: 5 }),
      'GET /api/connections/site-1': () => json(200, SITE),
      'GET /api/connections/site-1/crawls': () => json(200, { items: [failed], total: 1, page: 1, pageSize: 5 }),
      'GET /api/crawls/crawl-1': () => json(200, failed),
    });
    renderWithProviders(client, <OnboardingPage />, '/onboarding');

    const alert = await screen.findByText(/The first crawl failed/);
    expect(alert.closest('.alert') ?? alert.parentElement).toHaveTextContent('did not answer (connection refused)');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeEnabled();
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
  });
});
