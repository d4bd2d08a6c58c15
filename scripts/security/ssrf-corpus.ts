/**
 * Every URL-taking field of the API fed with hostile targets: IP literals in every spelling, local
 * names, and URLs that only look harmless. Each must be refused (4xx) at the API, where the SSRF guard
 * resolves and checks the address before anything connects; an accepted one is a finding.
 *
 * The default corpus only holds loopback and unspecified addresses, so even a guard that let one
 * through could only reach the API's own host. `includePrivate` adds private, link-local, metadata,
 * CGNAT and reserved ranges: use it only against an instance running in a network namespace with
 * nothing but loopback (e.g. `unshare -rn`), never one that can reach a real private network.
 */
import { HOSTILE_IP_URLS } from '../../libs/net/src/testing/hostile-urls';

const LOCAL_NAMES = [
  'http://localhost/', 'http://LOCALHOST:6379/', 'http://localhost./', 'http://ip6-localhost/', 'http://localhost.localdomain/',
  'http://127.0.0.1:6379/', 'http://127.0.0.1:5432/', 'http://[::1]:6379/', 'http://0.0.0.0:3000/',
  'http://user@127.0.0.1/', 'http://example.com@127.0.0.1/', 'gopher://127.0.0.1:6379/_INFO', 'file:///etc/passwd',
];

export function ssrfTargets(includePrivate = false): string[] {
  const ips = HOSTILE_IP_URLS.filter(([, cls]) => includePrivate || cls === 'loopback' || cls === 'unspecified').map(([url]) => url);
  return [...ips, ...LOCAL_NAMES];
}

export interface SsrfReport {
  targets: number;
  requests: number;
  /** 400: refused as a bad target. */
  refused: number;
  /** Another 4xx (quota, rate limit, permission): the target was not judged. Goal 0. */
  inconclusive: { field: string; url: string; status: number }[];
  /** 2xx answers: the API took the target. Goal 0. */
  accepted: { field: string; url: string; status: number }[];
  /** 5xx answers or no answer. Goal 0. */
  errors: { field: string; url: string; status: number; detail: string }[];
}

export interface SsrfProbeOptions {
  /** A webhook of the caller's whose url is then PATCHed with each target (created by the caller beforehand). */
  webhookId?: string;
  includePrivate?: boolean;
  timeoutMs?: number;
}

/** Sends every target to every URL field as `headers`' user; `baseUrl` without /api. */
export async function probeSsrf(baseUrl: string, headers: Record<string, string>, options: SsrfProbeOptions = {}): Promise<SsrfReport> {
  const targets = ssrfTargets(options.includePrivate);
  const fields: { field: string; method: string; path: string; body: (url: string) => unknown }[] = [
    { field: 'POST /api/connections siteUrl', method: 'POST', path: '/api/connections', body: (url) => ({ siteUrl: url, platform: 'CUSTOM' }) },
    { field: 'POST /api/webhooks url', method: 'POST', path: '/api/webhooks', body: (url) => ({ url, events: ['crawl.completed'] }) },
    ...(options.webhookId ? [{ field: 'PATCH /api/webhooks/:id url', method: 'PATCH', path: `/api/webhooks/${options.webhookId}`, body: (url: string) => ({ url }) }] : []),
  ];
  const report: SsrfReport = { targets: targets.length, requests: 0, refused: 0, inconclusive: [], accepted: [], errors: [] };
  for (const f of fields) {
    for (const url of targets) {
      let status = 599;
      let text = '';
      try {
        const res = await fetch(`${baseUrl}${f.path}`, {
          method: f.method,
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(f.body(url)),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
        status = res.status;
        text = await res.text();
      } catch (error) {
        text = error instanceof Error ? error.message : String(error);
      }
      report.requests += 1;
      if (status >= 200 && status < 300) {
        report.accepted.push({ field: f.field, url, status });
        // Removed again, so the next target is not judged against a used-up site or webhook quota.
        const id = (JSON.parse(text || '{}') as { id?: string }).id;
        if (f.method === 'POST' && id) await fetch(`${baseUrl}${f.path}/${id}`, { method: 'DELETE', headers }).catch(() => undefined);
      } else if (status >= 500) report.errors.push({ field: f.field, url, status, detail: text.slice(0, 160) });
      else if (status === 400) report.refused += 1;
      else report.inconclusive.push({ field: f.field, url, status });
    }
  }
  return report;
}
