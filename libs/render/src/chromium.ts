import { existsSync } from 'node:fs';

/** Debian's `chromium` package; CHROMIUM_PATH overrides it. Browsers are never downloaded. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags every headless Chromium we start gets (report PDFs and page rendering alike). */
export const CHROMIUM_BASE_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** No browser to start: retrying cannot help until someone installs one. */
export class ChromiumUnavailableError extends Error {}

/** Where Chromium is expected: `CHROMIUM_PATH` when set, else Debian's path. */
export function chromiumPath(env: Record<string, string | undefined> = process.env): string {
  const configured = env['CHROMIUM_PATH'];
  return configured !== undefined && configured.trim() !== '' ? configured.trim() : DEFAULT_CHROMIUM_PATH;
}

/** The path when an executable is there, null otherwise (tests skip on null). */
export function findChromium(env: Record<string, string | undefined> = process.env): string | null {
  const path = chromiumPath(env);
  return existsSync(path) ? path : null;
}

/** Throws ChromiumUnavailableError naming the fix when `path` does not exist. */
export function assertChromium(path: string, purpose: string): void {
  if (!existsSync(path)) {
    throw new ChromiumUnavailableError(
      `${purpose} with headless Chromium, which was not found at ${path}: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
}
