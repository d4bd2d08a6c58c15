import { ResourceChecker } from './resource-checker';
import { crawlParts } from './testing/crawl-parts';
import { startSite, type TestSite } from './testing/site-server';
import type { ResourceResult } from '@seology/audit';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await (closers.pop() as () => Promise<void>)();
});

async function setup(routes: Parameters<typeof startSite>[0], maxResources = 100) {
  const site: TestSite = await startSite(routes);
  const parts = crawlParts(`${site.origin}/`);
  closers.push(() => site.close(), () => parts.fetcher.close());
  return { site, parts, checker: new ResourceChecker(parts.deps, maxResources) };
}

/** Runs one worker until the queue is empty; returns every result in order. */
async function runAll(checker: ResourceChecker): Promise<Array<[string, ResourceResult]>> {
  const results: Array<[string, ResourceResult]> = [];
  const failures: unknown[] = [];
  await checker.work({ crawling: () => false, waitForChange: () => Promise.resolve(), onResult: (u, r) => results.push([u, r]), onFatal: (e) => failures.push(e) });
  expect(failures).toEqual([]);
  return results;
}

describe('ResourceChecker', () => {
  it('queues images and external links once each, up to maxResources', async () => {
    const { checker } = await setup({}, 2);
    expect(
      checker.enqueue([
        { url: 'http://a.example/1.png', kind: 'image' },
        { url: 'http://a.example/1.png', kind: 'image' },
        { url: 'http://a.example/s.js', kind: 'script' },
        { url: 'http://b.example/', kind: 'external-link' },
        { url: 'http://c.example/', kind: 'external-link' },
      ]),
    ).toBe(2);
    expect(checker.queued).toBe(2);
    expect(checker.snapshot()).toEqual({ resourcesSeen: ['http://a.example/1.png', 'http://b.example/'], resourceQueue: [['http://a.example/1.png', 'image'], ['http://b.example/', 'external-link']] });
  });

  it('HEAD-checks, falls back to GET without reading the body on 405, and reports status, type and size', async () => {
    const { site, checker } = await setup({
      '/logo.png': { headers: { 'content-type': 'image/png', 'content-length': '1234' }, body: Buffer.alloc(1234) },
      '/no-head.png': (q, r) => {
        if (q.method === 'HEAD') r.writeHead(405).end();
        else r.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(10));
      },
    });
    checker.enqueue([
      { url: `${site.origin}/logo.png`, kind: 'image' },
      { url: `${site.origin}/no-head.png`, kind: 'image' },
      { url: `${site.origin}/missing.png`, kind: 'image' },
    ]);
    const results = await runAll(checker);
    expect(results).toEqual([
      [`${site.origin}/logo.png`, { status: 200, contentType: 'image/png', bytes: 1234, redirected: false }],
      [`${site.origin}/no-head.png`, expect.objectContaining({ status: 200, contentType: 'image/png' })],
      [`${site.origin}/missing.png`, expect.objectContaining({ status: 404 })],
    ]);
    expect(site.hitsFor('/logo.png').map((h) => h.method)).toEqual(['HEAD']);
    expect(site.hitsFor('/no-head.png').map((h) => h.method)).toEqual(['HEAD', 'GET']);
    expect(checker.queued + checker.inFlight).toBe(0);
  });

  it('skips a same-site resource robots.txt forbids, without a request', async () => {
    const { site, checker } = await setup({ '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow: /private/\n' } });
    expect(await checker.check(`${site.origin}/private/a.png`)).toBeNull();
    expect(site.hitsFor('/private/a.png')).toHaveLength(0);
    expect(await checker.check('not a url')).toEqual({ status: 0, error: 'invalid URL' });
    expect(await checker.check('ftp://example.com/x')).toBeNull();
  });

  it('tries a refused host once and reports its other URLs unreachable without a request', async () => {
    const { parts, checker } = await setup({});
    const dead = await startSite({});
    const origin = dead.origin;
    await dead.close();
    const first = await checker.check(`${origin}/a.png`);
    expect(first).toMatchObject({ status: 0, unreachable: true });
    const requests = parts.counters.requests;
    const second = await checker.check(`${origin}/b.png`);
    expect(second).toEqual({ status: 0, error: first?.error, unreachable: true });
    expect(parts.counters.requests).toBe(requests);
    expect(checker.unreachableHosts).toBe(1);
  });

  it('counts what the time budget left unchecked as skipped', async () => {
    const { site, checker } = await setup({ '/slow.png': () => undefined });
    checker.enqueue([
      { url: `${site.origin}/slow.png`, kind: 'image' },
      { url: `${site.origin}/never.png`, kind: 'image' },
    ]);
    // One worker: the slow check holds it until the budget aborts it; the second never starts.
    const stop = checker.startBudget(100);
    await runAll(checker);
    stop();
    checker.settleBudget();
    expect(checker.skipped).toBe(2);
    expect(site.hitsFor('/never.png')).toHaveLength(0);
  });

  it('restores what a state kept', async () => {
    const { site, checker } = await setup({ '/a.png': { headers: { 'content-type': 'image/png' }, body: 'x' } });
    checker.restore({ resourcesSeen: [`${site.origin}/a.png`], resourceQueue: [[`${site.origin}/a.png`, 'image']] });
    expect(checker.enqueue([{ url: `${site.origin}/a.png`, kind: 'image' }])).toBe(0);
    expect((await runAll(checker)).map(([u]) => u)).toEqual([`${site.origin}/a.png`]);
  });
});
