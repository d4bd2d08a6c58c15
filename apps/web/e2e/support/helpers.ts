/** Page helpers shared by the journeys. */
import * as path from 'node:path';
import { test, type BrowserContext, type Page } from '@playwright/test';
import { SCREENSHOTS } from './paths';

export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 390, height: 844 };

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  // Let transitions settle so the picture shows the screen, not a frame of an animation.
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: options.fullPage ?? true });
}

/**
 * After a failed step, a screenshot of each of the journey's pages goes to test-artifacts/screenshots
 * as FAILED-<prefix><step>.png (beside Playwright's own report, trace and screenshots).
 */
export function screenshotsOnFailure(pages: () => Record<string, Page | undefined>): void {
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a hook needs from this pattern: none here
  test.afterEach(async ({}, testInfo) => {
    if (testInfo.status === testInfo.expectedStatus) return;
    const step = testInfo.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    for (const [prefix, page] of Object.entries(pages())) {
      if (page && !page.isClosed()) await screenshot(page, `FAILED-${prefix}${step}`).catch(() => undefined);
    }
  });
}

export async function expectHeading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor({ state: 'visible' });
}

/** Focus management: after a client-side navigation the page's h1 has the focus. */
export async function expectHeadingFocused(page: Page, name: string | RegExp): Promise<void> {
  await expectHeading(page, name);
  await page.waitForFunction(() => document.activeElement?.matches('h1[data-page-heading]') === true, null, { timeout: 5000 });
}

/** Every form control on the screen has an accessible name (a <label>, aria-label or aria-labelledby). */
export async function expectLabelledControls(page: Page): Promise<void> {
  const unlabelled = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea'))
      .filter((el) => el.type !== 'hidden')
      .filter((el) => !(el.labels && el.labels.length > 0) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
      .map((el) => el.outerHTML.slice(0, 120)),
  );
  assert(unlabelled.length === 0, `form controls without a label: ${unlabelled.join(', ')}`);
}

/** The session cookies as the browser holds them (the refresh token is httpOnly: no page script sees it). */
export async function sessionCookies(context: BrowserContext): Promise<{ refresh: string | null; csrf: string | null; refreshHttpOnly: boolean; sameSite: string[] }> {
  const cookies = await context.cookies();
  const refresh = cookies.filter((c) => c.name === 'seology_refresh');
  const csrf = cookies.find((c) => c.name === 'seology_csrf');
  return {
    refresh: refresh[0]?.value ?? null,
    csrf: csrf?.value ?? null,
    refreshHttpOnly: refresh.length > 0 && refresh.every((c) => c.httpOnly),
    sameSite: [...refresh, ...(csrf ? [csrf] : [])].map((c) => c.sameSite),
  };
}

/** Nothing a script can read holds a credential: no storage entry and no readable cookie has a token in it. */
export async function expectNoTokenInReach(page: Page, tokens: string[]): Promise<void> {
  const readable = await page.evaluate(() => JSON.stringify({ local: { ...window.localStorage }, session: { ...window.sessionStorage }, cookie: document.cookie }));
  for (const token of tokens) assert(!readable.includes(token), `a token is within reach of page scripts: ${readable.slice(0, 300)}`);
  assert(!readable.includes('seology_refresh'), 'the refresh cookie is readable by page scripts');
}
