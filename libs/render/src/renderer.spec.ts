import { readFileSync } from 'node:fs';
import { findChromium } from './chromium';
import { processTree } from './process-tree';
import { createRenderer, type PageRenderer } from './renderer';
import { startRenderFixtureSite, type RenderFixtureSite } from './testing';

const chromium = findChromium();
if (chromium === null) {
  // Only a machine without a browser skips: CI installs Debian's chromium.
  console.warn(`renderer tests skipped: no Chromium at ${process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'} (apt-get install chromium, or set CHROMIUM_PATH)`);
}
const describeWithChromium = chromium === null ? describe.skip : describe;

function title(html: string): string | null {
  return /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? null;
}

describeWithChromium('createRenderer (real Chromium, React fixture site)', () => {
  let site: RenderFixtureSite;
  let renderer: PageRenderer;

  beforeAll(async () => {
    site = await startRenderFixtureSite();
    renderer = createRenderer({ policy: site.policy, lookup: site.lookup, timeoutMs: 6_000, jsHeapMb: 64 });
  });

  afterAll(async () => {
    await renderer?.close();
    await site?.close();
  });

  it('builds the head, headings, links and content that the served HTML does not have', async () => {
    const served = await fetch(`http://127.0.0.1:${site.port}/`).then((r) => r.text());
    expect(title(served)).toBeNull();
    expect(served).not.toContain('href="/products"');

    const snap = await renderer.render(`${site.origin}/`);
    expect(snap.crashed).toBe(false);
    expect(snap.timedOut).toBe(false);
    expect(title(snap.html)).toBe('Render fixture home');
    expect(snap.html).toMatch(/<meta name="description" content="A single-page app whose head/);
    expect(snap.html).toContain(`<link rel="canonical" href="${site.origin}/">`);
    expect(snap.html).toContain('<meta name="robots" content="index,follow">');
    expect(snap.html).toContain('<h1>Welcome to the render fixture</h1>');
    expect(snap.html).toContain('<a href="/products/widget">');
    expect(snap.finalUrl).toBe(`${site.origin}/`);
    expect(snap.errors).toEqual([]);
  });

  it('waits for content loaded by an API call after the first render', async () => {
    const snap = await renderer.render(`${site.origin}/products`);
    expect(snap.html).toContain('3 products loaded from the API.');
    expect(snap.html).toContain('<a href="/products/gizmo">');
  });

  it('serves a prefetched document instead of requesting the page again', async () => {
    const before = site.requested(/^\/about$/).length;
    const snap = await renderer.render(`${site.origin}/about`, {
      document: { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: await fetch(`http://127.0.0.1:${site.port}/about`).then((r) => r.text()) },
    });
    // One request: the fetch above; the browser got that body.
    expect(site.requested(/^\/about$/).length).toBe(before + 1);
    expect(title(snap.html)).toBe('About');
  });

  it('never lets the page reach an internal address: nothing arrives there, every attempt is listed as blocked', async () => {
    const port = site.internal.port;
    const snap = await renderer.render(`${site.origin}/internal?port=${port}`);
    expect(snap.html).toContain('Internal probes finished.');
    expect(site.internal.requests).toEqual([]);
    const blocked = snap.blockedRequests.filter((b) => b.reason === 'ssrf').map((b) => b.url);
    expect(blocked).toEqual(
      expect.arrayContaining([
        `http://127.0.0.1:${port}/secret`,
        `http://localhost:${port}/secret-localhost`,
        `http://internal.test:${port}/secret-rebind`,
        'http://169.254.169.254/latest/meta-data/',
        `http://[::1]:${port}/secret-v6`,
        `http://127.0.0.1:${port}/secret.js`,
        `http://127.0.0.1:${port}/secret-frame`,
        `ws://127.0.0.1:${port}/socket`,
      ]),
    );
  });

  it('does not download images, fonts or media', async () => {
    const snap = await renderer.render(`${site.origin}/media`);
    expect(snap.html).toContain('A page with an image, a font and a video.');
    expect(site.requested(/^\/(img|fonts|media)\//)).toEqual([]);
    expect(snap.blockedRequests.filter((b) => b.reason === 'resource-type').map((b) => new URL(b.url).pathname).sort()).toEqual(
      ['/fonts/fixture.woff2', '/img/photo.jpg', '/media/clip.mp4', '/media/sound.mp3'],
    );
  });

  it('reports uncaught page errors and keeps what was rendered', async () => {
    const snap = await renderer.render(`${site.origin}/throws`);
    expect(snap.errors).toEqual([expect.stringContaining('fixture: uncaught error after render')]);
    expect(snap.html).toContain('This page throws after it rendered.');
    expect(snap.crashed).toBe(false);
  });

  it('takes the HTML of the moment when the network never settles, within the budget plus a little', async () => {
    const started = Date.now();
    const snap = await renderer.render(`${site.origin}/never-settles`, { timeoutMs: 2_500 });
    const took = Date.now() - started;
    expect(snap.timedOut).toBe(true);
    expect(snap.crashed).toBe(false);
    expect(snap.html).toContain('Partial content rendered before the network settles.');
    expect(took).toBeGreaterThanOrEqual(2_500);
    expect(took).toBeLessThan(2_500 + 3_000);
  });

  it('a page that exhausts its memory crashes its renderer; the next page renders', async () => {
    const snap = await renderer.render(`${site.origin}/crash`);
    expect(snap.crashed).toBe(true);
    expect(snap.html).toBe('');
    expect(snap.errors.join(' ')).toMatch(/crashed the renderer/);
    const next = await renderer.render(`${site.origin}/about`);
    expect(next.crashed).toBe(false);
    expect(title(next.html)).toBe('About');
  });

  it('a script that never yields is given up on; the next page renders', async () => {
    const snap = await renderer.render(`${site.origin}/loop`, { timeoutMs: 2_000 });
    expect(snap.crashed).toBe(true);
    expect(snap.html).toBe('');
    // Given up on, whichever way the spin met the renderer on a machine under load: the budget ran out
    // first, the page settled and its HTML could not be read once the script spun, or Chromium ended the
    // hung renderer. Either way reported with its reason, never waited on.
    expect(snap.errors.join(' ')).toMatch(/never yields|crashed the renderer|page closed/);
    const next = await renderer.render(`${site.origin}/`);
    expect(title(next.html)).toBe('Render fixture home');
  });

  it('sends the crawl headers and cookies to the site only', async () => {
    const before = site.requests.length;
    await renderer.render(`${site.origin}/products`, { headers: { 'X-Crawl': 'yes' }, cookies: { session: 'abc' }, userAgent: 'SeologyBot/1.0 (test)' });
    const api = site.requests.slice(before).find((r) => r.path === '/api/products');
    expect(api?.headers['x-crawl']).toBe('yes');
    expect(api?.headers['cookie']).toContain('session=abc');
    expect(api?.headers['user-agent']).toBe('SeologyBot/1.0 (test)');
  });
});

describeWithChromium('renderer pool', () => {
  let site: RenderFixtureSite;

  beforeAll(async () => {
    site = await startRenderFixtureSite();
  });

  afterAll(async () => {
    await site?.close();
  });

  it('never renders more than maxPages at once, and restarts the browser after restartAfterPages', async () => {
    // A generous close grace and memory cap: on a loaded machine a context slow to close (or a big
    // process tree) would otherwise rightly replace the browser too, and this test is about the page count.
    const renderer = createRenderer({ policy: site.policy, lookup: site.lookup, maxPages: 2, restartAfterPages: 3, closeGraceMs: 60_000, maxBrowserRssBytes: 64 * 1024 ** 3 });
    try {
      const snaps = await Promise.all(Array.from({ length: 7 }, (_, i) => renderer.render(`${site.origin}/slow?ms=1500&i=${i}`)));
      expect(snaps.filter((s) => !s.html.includes('Slow answer: answered after 1500 ms')).map((s) => ({ ...s, html: s.html.slice(-300) }))).toEqual([]);
      // Counted at the server: each page holds one /api/slow request open while it renders (1.5 s, so
      // two renders overlap there even when a loaded machine is slow to set up the second one).
      expect(site.peakSlow()).toBe(2);
      expect(renderer.stats().peakActive).toBe(2);
      // 7 pages, 3 per browser: replaced twice for the page count, for nothing else.
      expect(renderer.stats().restarts).toEqual({ pages: 2, memory: 0, stuck: 0, died: 0 });
      expect(renderer.stats().browserLaunches).toBe(3);
    } finally {
      await renderer.close();
    }
  });

  it('replaces a browser that was killed, and one whose process tree passes the memory cap', async () => {
    const renderer = createRenderer({ policy: site.policy, lookup: site.lookup, maxPages: 1 });
    try {
      expect(title((await renderer.render(`${site.origin}/about`)).html)).toBe('About');
      const browsers = processTree(process.pid).filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').some((a) => a.startsWith('--seology-renderer='));
        } catch {
          return false;
        }
      });
      expect(browsers.length).toBeGreaterThan(0);
      expect(renderer.browserRssBytes()).toBeGreaterThan(50 * 1024 * 1024);
      for (const pid of browsers) process.kill(pid, 'SIGKILL');
      await new Promise((r) => setTimeout(r, 500));
      expect(title((await renderer.render(`${site.origin}/about`)).html)).toBe('About');
      expect(renderer.stats().browserLaunches).toBe(2);
    } finally {
      await renderer.close();
    }

    const capped = createRenderer({ policy: site.policy, lookup: site.lookup, maxPages: 1, maxBrowserRssBytes: 1 });
    try {
      expect(title((await capped.render(`${site.origin}/about`)).html)).toBe('About');
      expect(title((await capped.render(`${site.origin}/`)).html)).toBe('Render fixture home');
      expect(capped.stats().browserLaunches).toBe(2);
    } finally {
      await capped.close();
    }
  });
});
