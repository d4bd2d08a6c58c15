/**
 * What the journeys reach of the environment global-setup.ts started: addresses (from environment
 * variables it set) and the stateful services it holds in the runner process, through its control server.
 */
import type { SearchAnalyticsRow } from '@seology/connectors/testing';
import { DEMO_SITE_CREDENTIALS } from '@seology/scripts/demo-site-content';
import type { GoogleSetup } from './global-setup';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests with "npx playwright test --config apps/web/playwright.config.ts"`);
  return value;
}

export const env = {
  /** The API (and the dashboard it serves), e.g. http://127.0.0.1:41234 */
  base: required('E2E_BASE_URL'),
  /** The throw-away database's connection string (for set-up that has no screen, like making an admin). */
  databaseUrl: required('E2E_DATABASE_URL'),
  /** A small static site of our own, with a trailing slash. */
  customerSiteUrl: required('E2E_CUSTOMER_SITE_URL'),
  /** The demo WordPress site's public address, with a trailing slash. */
  demoSiteUrl: required('E2E_DEMO_SITE_URL'),
  demoCredentials: DEMO_SITE_CREDENTIALS,
};
const CONTROL = required('E2E_CONTROL_URL');

async function control<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${CONTROL}${route}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route} on the test environment answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** Starts the worker with the API's configuration and waits until it processes the queues. Idempotent. */
export async function startWorker(): Promise<void> {
  await control('POST', '/worker');
}

/** The bodies of every email sent to `email` so far, oldest first. */
export function inboxFor(email: string): Promise<string[]> {
  return control<string[]>('GET', `/inbox?email=${encodeURIComponent(email)}`);
}

/** Waits until `email` has received at least `count` emails (they are sent by a queue, so not at once). */
export async function waitForInbox(email: string, count = 1, timeoutMs = 20_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const mails = await inboxFor(email);
    if (mails.length >= count) return mails;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`expected ${count} email(s) to ${email} within ${timeoutMs / 1000}s, got ${(await inboxFor(email)).length}`);
}

/** The bakery publishes `count` new recipes with the usual gaps (see scripts/demo-site-content.ts); their paths. */
export function publishDemoRecipes(count: number): Promise<string[]> {
  return control<string[]>('POST', '/demo-site/recipes', { count });
}

/** The Google contract server (Search Console and OAuth) the API talks to. */
export const google = {
  /** What the consenting Google account can see and the rows per property. */
  async configure(setup: { sites?: GoogleSetup['sites']; data?: Record<string, SearchAnalyticsRow[]>; firstIncompleteDate?: string | null }): Promise<void> {
    await control('POST', '/google', setup);
  },
  /** The token endpoint's requests and the revoked tokens so far. */
  state(): Promise<{ tokenRequests: { grantType: string }[]; revokedTokens: string[] }> {
    return control('GET', '/google');
  },
  /** The user removed Seology's access in their Google account: refresh tokens answer invalid_grant. */
  async revokeConsent(): Promise<void> {
    await control('POST', '/google/revoke-consent');
  },
};
