/**
 * What every browser test watches on a page: uncaught errors, console errors, and Content-Security-Policy
 * violations (the `securitypolicyviolation` event, reported before any of the page's scripts run), plus
 * the access token the dashboard obtained, read from the API's answers: the dashboard keeps it in memory
 * only, so no storage holds it.
 */
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

/** Plain functions (closures over the page's watchers), so tests may destructure them. */
export interface WatchedPage {
  /** Throws with every error seen since the last call. */
  noPageErrors(this: void): void;
  /** The access token the page last used or received (sign-in, sign-up or refresh answer). */
  accessToken(this: void): string;
}

/** A journey's browser context and its one watched page. */
export interface JourneyPage extends WatchedPage {
  context: BrowserContext;
  page: Page;
}

export interface JourneyPageOptions extends Pick<BrowserContextOptions, 'viewport' | 'timezoneId' | 'acceptDownloads'> {
  /** Let the page read and write the clipboard (copy buttons). */
  clipboard?: boolean;
  /** How long locators wait (10 s unless said). */
  timeoutMs?: number;
}

/**
 * The context every journey starts from: the dashboard's origin, US English, reduced motion, a
 * watched page with a bounded default wait.
 */
export async function openJourneyPage(browser: Browser, baseURL: string, options: JourneyPageOptions): Promise<JourneyPage> {
  const { clipboard, timeoutMs, ...contextOptions } = options;
  const context = await browser.newContext({ baseURL, locale: 'en-US', reducedMotion: 'reduce', ...contextOptions });
  if (clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs ?? 10_000);
  return { context, page, ...(await watchPage(page)) };
}

const AUTH_ANSWERS = /\/api\/auth\/(signin|signup|refresh)$/;

export async function watchPage(page: Page): Promise<WatchedPage> {
  const errors: string[] = [];
  let token = '';
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // A 4xx the dashboard handles (a validation message, a refused refresh) is an answer, not an error.
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) errors.push(`console: ${message.text()}`);
  });
  // The token the page sends is the one it holds: read it from each API request's Authorization
  // header (synchronous, always there), not only from answer bodies, which the browser may no longer
  // hold by the time they are asked for (seen after a reload).
  page.on('request', (request) => {
    const authorization = request.headers()['authorization'];
    if (authorization?.startsWith('Bearer ') && new URL(request.url()).pathname.startsWith('/api/')) token = authorization.slice('Bearer '.length);
  });
  page.on('response', (response) => {
    if (!AUTH_ANSWERS.test(new URL(response.url()).pathname) || !response.ok()) return;
    response
      .json()
      .then((body: { accessToken?: string }) => {
        if (body.accessToken) token = body.accessToken;
      })
      .catch(() => undefined);
  });
  return {
    noPageErrors: () => {
      if (errors.length > 0) throw new Error(`errors in the page: ${errors.splice(0).join(' | ')}`);
    },
    accessToken: () => {
      if (!token) throw new Error('the page has not signed in');
      return token;
    },
  };
}

/**
 * Signs a new account up through the dashboard's form and returns its email and access token (read
 * from the API's answer, so no race with the page's own handling), once the dashboard has left the
 * sign-up page.
 */
export async function signUpInBrowser(page: Page, name: string, emailPrefix: string, password = 'correct horse battery staple'): Promise<{ email: string; token: string }> {
  const email = `${emailPrefix}-${randomBytes(3).toString('hex')}@example.com`;
  await page.goto('/signup');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  const [signedUp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/signup'),
    page.getByRole('button', { name: 'Create account' }).click(),
  ]);
  const { accessToken } = (await signedUp.json()) as { accessToken: string };
  await page.waitForURL((url) => url.pathname !== '/signup');
  return { email, token: accessToken };
}
