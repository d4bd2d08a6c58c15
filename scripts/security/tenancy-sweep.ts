/**
 * Cross-tenant sweep: every operation of the OpenAPI document that takes an id in its path is called
 * by one user with the ids of another user's resources. Any 2xx is a leak (the style rule is 404 for
 * another tenant's resource), and so is any answer that carries one of the victim's marker strings.
 */
import type { OpenApiDocument } from './fuzz';

/** Resource ids of the victim, by the kind a path segment names. */
export type VictimIds = Partial<Record<'connection' | 'webhook' | 'team' | 'apiKey' | 'job' | 'crawl' | 'issue' | 'page' | 'fix' | 'plan' | 'conversation' | 'notification' | 'invitation' | 'delivery' | 'user', string>>;

/** Reachable by design without owning the resource (a public snippet, an invitation by its token). */
const PUBLIC_BY_DESIGN = [/^\/api\/snippet\//];

const KIND_OF_SEGMENT: Record<string, keyof VictimIds> = {
  connection: 'connection', connections: 'connection', webhooks: 'webhook', teams: 'team', 'api-keys': 'apiKey', jobs: 'job', crawls: 'crawl', issues: 'issue',
  pages: 'page', fixes: 'fix', plans: 'plan', conversations: 'conversation', notifications: 'notification', invitations: 'invitation',
  deliveries: 'delivery', members: 'user', users: 'user',
};

export interface TenancyReport {
  operations: number;
  requests: number;
  byStatus: Record<string, number>;
  skipped: string[];
  /** 2xx answers or answers carrying a victim's marker. Goal 0. */
  leaks: { method: string; path: string; status: number; detail: string }[];
  /** 5xx answers. Goal 0. */
  errors: { method: string; path: string; status: number; detail: string }[];
}

/** The path with every `{param}` replaced by the victim's id of the kind it names (a made-up id when the victim has none). */
export function fillWithVictimIds(path: string, ids: VictimIds): string {
  const segments = path.split('/');
  return segments.map((segment, i) => {
    const param = /^\{([^}]+)\}(.*)$/.exec(segment);
    if (!param) return segment;
    const named = param[1]!.replace(/Id$/, '');
    const kind = param[1] === 'id' ? KIND_OF_SEGMENT[segments[i - 1] ?? ''] : (KIND_OF_SEGMENT[named] ?? (named as keyof VictimIds));
    return `${encodeURIComponent((kind && ids[kind]) || 'c000000000000000000000000')}${param[2]}`;
  }).join('/');
}

export async function sweepTenancy(
  baseUrl: string,
  doc: OpenApiDocument,
  attacker: Record<string, string>,
  victim: VictimIds,
  markers: string[],
  timeoutMs = 10_000,
): Promise<TenancyReport> {
  const report: TenancyReport = { operations: 0, requests: 0, byStatus: {}, skipped: [], leaks: [], errors: [] };
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!path.includes('{')) continue;
    for (const method of Object.keys(ops)) {
      report.operations += 1;
      const target = fillWithVictimIds(path, victim);
      if (PUBLIC_BY_DESIGN.some((re) => re.test(path))) {
        report.skipped.push(`${method.toUpperCase()} ${path}`);
        continue;
      }
      let status = 599;
      let text = '';
      try {
        const res = await fetch(`${baseUrl}${target}`, {
          method: method.toUpperCase(),
          headers: { ...attacker, ...(['post', 'put', 'patch'].includes(method) ? { 'content-type': 'application/json' } : {}) },
          body: ['post', 'put', 'patch'].includes(method) ? '{}' : undefined,
          signal: AbortSignal.timeout(timeoutMs),
        });
        status = res.status;
        // Streams (SSE) are not read to their end: the status and first bytes say enough.
        text = (res.headers.get('content-type') ?? '').includes('event-stream') ? '' : await res.text();
        if (!text) await res.body?.cancel().catch(() => undefined);
      } catch (error) {
        text = error instanceof Error ? error.message : String(error);
      }
      report.requests += 1;
      report.byStatus[status] = (report.byStatus[status] ?? 0) + 1;
      const leaked = markers.find((m) => m && text.includes(m));
      if ((status >= 200 && status < 300) || leaked) report.leaks.push({ method: method.toUpperCase(), path: target, status, detail: leaked ? `answer contains "${leaked}"` : text.slice(0, 160) });
      else if (status >= 500) report.errors.push({ method: method.toUpperCase(), path: target, status, detail: text.slice(0, 160) });
    }
  }
  return report;
}
