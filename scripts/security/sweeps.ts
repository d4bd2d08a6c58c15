/**
 * The fuzz, the cross-tenant sweep and the SSRF corpus against one running API, with fresh accounts of
 * their own. Used by the command line (run.ts) and, reduced, by the API's e2e tests.
 */
import { randomBytes } from 'node:crypto';
import { fuzzApi, type FuzzReport, type OpenApiDocument } from './fuzz';
import { probeSsrf, type SsrfReport } from './ssrf-corpus';
import { sweepTenancy, type TenancyReport, type VictimIds } from './tenancy-sweep';

export interface SweepOptions {
  /** The API's origin, without /api. */
  baseUrl: string;
  /** A site the victim's connection and webhook point at; it must pass the instance's SSRF guard. */
  siteUrl: string;
  /** Fuzz every n-th operation only (1: all). */
  fuzzEvery?: number;
  includePrivateSsrf?: boolean;
}

export interface SweepReports {
  fuzz: FuzzReport;
  tenancy: TenancyReport;
  ssrf: SsrfReport;
  /** Victim resources that could not be created (their ids are then made up). */
  setupProblems: string[];
}

type Auth = Record<string, string>;

async function call(baseUrl: string, method: string, path: string, auth: Auth, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Not JSON: the status says enough.
  }
  return { status: res.status, body: parsed };
}

async function signUp(baseUrl: string, label: string): Promise<{ email: string; auth: Auth; id: string }> {
  const email = `${label}-${randomBytes(4).toString('hex')}@sweep.example.com`;
  const res = await call(baseUrl, 'POST', '/api/auth/signup', {}, { email, password: `sweep ${randomBytes(8).toString('hex')}`, name: `${label} sweep` });
  if (res.status !== 201) throw new Error(`sign-up of the ${label} failed with ${res.status}: ${JSON.stringify(res.body).slice(0, 200)}`);
  return { email, id: (res.body.user as { id: string }).id, auth: { Authorization: `Bearer ${res.body.accessToken as string}` } };
}

export async function runSecuritySweeps(options: SweepOptions): Promise<SweepReports> {
  const { baseUrl, siteUrl } = options;
  const doc = (await (await fetch(`${baseUrl}/api/openapi.json`)).json()) as OpenApiDocument;
  const victim = await signUp(baseUrl, 'victim');
  const attacker = await signUp(baseUrl, 'attacker');
  const prober = await signUp(baseUrl, 'prober');

  const marker = `victim-marker-${randomBytes(4).toString('hex')}`;
  const ids: VictimIds = { user: victim.id };
  const setupProblems: string[] = [];
  const create = async (kind: keyof VictimIds, path: string, body: unknown) => {
    const res = await call(baseUrl, 'POST', path, victim.auth, body);
    if (res.status >= 200 && res.status < 300 && typeof res.body.id === 'string') ids[kind] = res.body.id;
    else setupProblems.push(`${kind}: ${path} answered ${res.status}`);
  };
  await create('connection', '/api/connections', { siteUrl, platform: 'CUSTOM', displayName: marker });
  await create('webhook', '/api/webhooks', { url: `${siteUrl.replace(/\/?$/, '/')}${marker}`, events: ['crawl.completed'], description: marker });
  await create('team', '/api/teams', { name: marker });
  await create('apiKey', '/api/api-keys', { name: marker, scopes: ['connections:read'] });

  const every = Math.max(1, options.fuzzEvery ?? 1);
  const fuzzDoc: OpenApiDocument = { ...doc, paths: Object.fromEntries(Object.entries(doc.paths).filter((_, i) => i % every === 0)) };
  const fuzz = await fuzzApi(baseUrl, fuzzDoc, attacker.auth);
  const tenancy = await sweepTenancy(baseUrl, doc, attacker.auth, ids, [victim.email, marker]);

  const hook = await call(baseUrl, 'POST', '/api/webhooks', prober.auth, { url: `${siteUrl.replace(/\/?$/, '/')}probe`, events: ['crawl.completed'] });
  const ssrf = await probeSsrf(baseUrl, prober.auth, { webhookId: typeof hook.body.id === 'string' ? hook.body.id : undefined, includePrivate: options.includePrivateSsrf });
  if (typeof hook.body.id !== 'string') setupProblems.push(`prober webhook: answered ${hook.status}`);
  return { fuzz, tenancy, ssrf, setupProblems };
}

/** The figures, one line each; goals in brackets. */
export function formatFigures(r: SweepReports): string {
  const fiveXx = (byStatus: Record<string, number>) => Object.entries(byStatus).filter(([s]) => Number(s) >= 500).reduce((n, [, c]) => n + c, 0);
  const fourXx = (byStatus: Record<string, number>) => Object.entries(byStatus).filter(([s]) => Number(s) >= 400 && Number(s) < 500).reduce((n, [, c]) => n + c, 0);
  return [
    `fuzz:    ${r.fuzz.operations} operations, ${r.fuzz.requests} requests, ${fourXx(r.fuzz.byStatus)} 4xx, ${fiveXx(r.fuzz.byStatus) - r.fuzz.unconfigured} 5xx [0] (+${r.fuzz.unconfigured} 503 from features not configured here), ${r.fuzz.findings.length} findings [0], slowest ${r.fuzz.slowestMs} ms (${r.fuzz.slowest})`,
    `tenancy: ${r.tenancy.operations} operations with ids, ${r.tenancy.requests} requests, ${fourXx(r.tenancy.byStatus)} 4xx, ${fiveXx(r.tenancy.byStatus)} 5xx [0], ${r.tenancy.leaks.length} leaks [0], skipped ${r.tenancy.skipped.length} (public by design)`,
    `ssrf:    ${r.ssrf.targets} targets, ${r.ssrf.requests} requests, ${r.ssrf.refused} refused with 400, ${r.ssrf.accepted.length} accepted [0], ${r.ssrf.inconclusive.length} inconclusive [0], ${r.ssrf.errors.length} 5xx [0]`,
    ...(r.setupProblems.length ? [`setup:   ${r.setupProblems.join('; ')}`] : []),
  ].join('\n');
}

export function hasFindings(r: SweepReports): boolean {
  return r.fuzz.findings.length > 0 || r.tenancy.leaks.length > 0 || r.tenancy.errors.length > 0 || r.ssrf.accepted.length > 0 || r.ssrf.errors.length > 0 || r.ssrf.inconclusive.length > 0;
}
