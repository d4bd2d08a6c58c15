import { checkResumeState, CrawlCounters, type CrawlState } from './crawl-state';

const page = (over: Partial<{ error: string; truncated: boolean; bodyBytes: number }> = {}) => ({ truncated: false, bodyBytes: 100, ...over });

describe('CrawlCounters', () => {
  it('counts pages, errors, truncations and bytes as pages reach the audit', () => {
    const c = new CrawlCounters();
    c.recordPage(page());
    c.recordPage(page({ error: 'timeout', bodyBytes: 0 }));
    c.recordPage(page({ truncated: true, bodyBytes: 50 }));
    expect({ pages: c.pages, thisRun: c.pagesThisRun, errors: c.errors, truncated: c.truncated, bytes: c.bytes }).toEqual({ pages: 3, thisRun: 3, errors: 1, truncated: 1, bytes: 150 });
  });

  it('carries the resumable counters over a resume, this run’s own from zero, elapsed time added up', () => {
    const first = new CrawlCounters();
    first.start(1_000);
    first.recordPage(page());
    first.requests = 7;
    first.retries = 2;
    first.robotsBlocked = 1;
    first.resourcesChecked = 3;
    const saved = first.snapshot(4_000);
    expect(saved).toEqual({ pages: 1, requests: 7, errors: 0, robotsBlocked: 1, resourcesChecked: 3, bytes: 100, elapsedMs: 3_000 });

    const second = new CrawlCounters();
    second.restore(saved);
    second.start(10_000);
    second.recordPage(page());
    expect(second.snapshot(12_000)).toMatchObject({ pages: 2, requests: 7, elapsedMs: 5_000 });
    const stats = second.stats({ resourcesSkipped: 4, unreachableHosts: 1 }, 12_000);
    expect(stats).toMatchObject({ pages: 2, pagesThisRun: 1, durationMs: 2_000, pagesPerSecond: 0.5, retries: 0, resourcesSkipped: 4, unreachableHosts: 1 });
    expect(second.progress('crawling', { pagesQueued: 5, inFlight: 2, resourcesQueued: 1, resourcesInFlight: 0 }, 12_000)).toEqual({
      pagesCrawled: 2,
      pagesQueued: 5,
      inFlight: 2,
      pagesPerSecond: 0.5,
      requests: 7,
      errors: 0,
      robotsBlocked: 1,
      resourcesChecked: 3,
      resourcesQueued: 1,
      resourcesInFlight: 0,
      elapsedMs: 5_000,
      phase: 'crawling',
    });
  });

  it('reports no rate before the run starts', () => {
    const c = new CrawlCounters();
    expect(c.progress('site-files', { pagesQueued: 0, inFlight: 0, resourcesQueued: 0, resourcesInFlight: 0 }).pagesPerSecond).toBe(0);
    expect(c.runMs()).toBe(0);
  });
});

describe('checkResumeState', () => {
  const state = { version: 1, startUrl: 'https://example.com/' } as CrawlState;
  it('accepts a state of this site and format', () => {
    expect(() => checkResumeState(state, 'https://example.com/')).not.toThrow();
  });
  it('refuses another site or another format', () => {
    expect(() => checkResumeState(state, 'https://other.example/')).toThrow('resume state is for https://example.com/, not https://other.example/');
    expect(() => checkResumeState({ ...state, version: 2 as 1 }, 'https://example.com/')).toThrow('unsupported crawl state version 2');
  });
});
