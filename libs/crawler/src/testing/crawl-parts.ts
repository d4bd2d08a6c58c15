import { CrawlCounters } from '../crawl-state';
import { Fetcher } from '../fetcher';
import { HostGates } from '../host-gate';
import { RobotsCache } from '../robots';
import { CrawlScope } from '../scope';
import { createNormalizer } from '../url-normalize';

/**
 * The real collaborators a crawl part is built from (fetcher, robots cache, host gates, scope,
 * counters) for a site on 127.0.0.1, so each part can be tested alone against a real HTTP server.
 */
export function crawlParts(startUrl: string, opts: { requestsPerSecond?: number; timeoutMs?: number; headers?: Record<string, string> } = {}) {
  const counters = new CrawlCounters();
  const stop = new AbortController();
  const hard = new AbortController();
  const fetcher = new Fetcher({
    userAgent: 'SeologyBot/1.0 (+https://seology.ai/bot)',
    siteHeaders: opts.headers ?? {},
    timeoutMs: opts.timeoutMs ?? 5_000,
    maxRedirects: 10,
    policy: { allowHosts: ['127.0.0.1'] },
    connections: 4,
  });
  const gates = new HostGates(4, opts.requestsPerSecond ?? 0, () => counters.requests++);
  const robots = new RobotsCache(fetcher, { agent: 'SeologyBot', onUnreachable: 'disallow', maxCrawlDelayMs: 30_000, obey: true }, (url, fn) => gates.run(url, hard.signal, fn));
  const normalize = createNormalizer();
  const scope = new CrawlScope(startUrl);
  return { counters, stop, hard, fetcher, gates, robots, normalize, scope, deps: { fetcher, robots, gates, scope, counters, stop: stop.signal, hard: hard.signal } };
}
