import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local server speaking the parts of Google's OAuth 2.0 endpoints and the Search Console API that
 * Seology uses, in their documented wire formats, so the official clients can be exercised offline:
 * - `GET /o/oauth2/v2/auth` answers as if the user consented: 302 to `redirect_uri?code=…&state=…&scope=…`.
 * - `POST /token` (form-encoded) for `authorization_code` and `refresh_token`; `invalid_grant` once consent is revoked.
 * - `POST /revoke?token=…`.
 * - `GET /webmasters/v3/sites` → `{ siteEntry: [{ siteUrl, permissionLevel }] }`.
 * - `POST /webmasters/v3/sites/{siteUrl}/searchAnalytics/query` with dimensions, `rowLimit` (≤ 25,000),
 *   `startRow` paging, `dataState` (`final` leaves out days still being collected, `all` includes them and
 *   says from which day in `metadata.first_incomplete_date`), and Google's JSON error bodies (401, 403, 429).
 */
export interface SearchAnalyticsRow {
  /** YYYY-MM-DD */
  date: string;
  page: string;
  query: string;
  clicks: number;
  impressions: number;
  /** Average position of this page for this query on this day. */
  position: number;
}

export interface AnalyticsRequest {
  siteUrl: string;
  startDate: string;
  endDate: string;
  dimensions: string[];
  rowLimit: number;
  startRow: number;
  dataState: string;
}

export interface SearchConsoleContractServer {
  origin: string;
  clientId: string;
  clientSecret: string;
  /** Properties the consenting Google account can see. */
  sites: { siteUrl: string; permissionLevel: string }[];
  /** Rows per property; the server aggregates them by the requested dimensions. */
  data: Map<string, SearchAnalyticsRow[]>;
  /** First day Google is still collecting (YYYY-MM-DD): excluded with dataState `final`. */
  firstIncompleteDate: string | null;
  /** N analytics queries answer 429 RESOURCE_EXHAUSTED, once `quotaFailuresAfter` more have succeeded. */
  quotaFailures: number;
  quotaFailuresAfter: number;
  /** API calls an access token serves before it answers 401 (as if its hour had passed); null: no limit. */
  accessTokenUses: number | null;
  /** Seconds an access token lives (`expires_in`). */
  accessTokenTtlSeconds: number;
  analyticsRequests: AnalyticsRequest[];
  tokenRequests: { grantType: string }[];
  revokedTokens: string[];
  /** The user removed Seology's access in their Google account: refresh tokens answer invalid_grant. */
  revokeConsent(): void;
  /** Every access token issued so far stops working (as after its hour), refresh tokens still do. */
  expireAccessTokens(): void;
  close(): Promise<void>;
}

const MAX_ROW_LIMIT = 25_000;

function token(prefix: string): string {
  return `${prefix}${randomBytes(16).toString('base64url')}`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += (chunk as Buffer).toString();
  return body;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(body));
}

/** Google APIs' error body: `{ error: { code, message, errors: [{ message, domain, reason }], status } }`. */
function apiError(res: ServerResponse, code: number, status: string, reason: string, message: string): void {
  json(res, code, { error: { code, message, errors: [{ message, domain: 'global', reason }], status } });
}

function aggregate(rows: SearchAnalyticsRow[], dimensions: string[]) {
  const groups = new Map<string, { keys: string[]; clicks: number; impressions: number; weightedPosition: number }>();
  for (const row of rows) {
    const keys = dimensions.map((d) => String(row[d as 'date' | 'page' | 'query']));
    const id = JSON.stringify(keys);
    const group = groups.get(id) ?? { keys, clicks: 0, impressions: 0, weightedPosition: 0 };
    group.clicks += row.clicks;
    group.impressions += row.impressions;
    group.weightedPosition += row.position * row.impressions;
    groups.set(id, group);
  }
  return [...groups.values()]
    .sort((a, b) => b.clicks - a.clicks || b.impressions - a.impressions || a.keys.join('\u0000').localeCompare(b.keys.join('\u0000')))
    .map((g) => ({
      keys: g.keys,
      clicks: g.clicks,
      impressions: g.impressions,
      ctr: g.impressions ? g.clicks / g.impressions : 0,
      position: g.impressions ? g.weightedPosition / g.impressions : 0,
    }));
}

export async function startSearchConsoleContractServer(): Promise<SearchConsoleContractServer> {
  const clientId = `${randomBytes(6).toString('hex')}.apps.googleusercontent.com`;
  const clientSecret = token('GOCSPX-');
  const codes = new Map<string, { redirectUri: string; scope: string }>();
  const refreshTokens = new Map<string, { scope: string; revoked: boolean }>();
  const accessTokens = new Map<string, { expiresAt: number; uses: number }>();

  const state: Omit<SearchConsoleContractServer, 'origin' | 'close'> = {
    clientId,
    clientSecret,
    sites: [],
    data: new Map(),
    firstIncompleteDate: null,
    quotaFailures: 0,
    quotaFailuresAfter: 0,
    accessTokenUses: null,
    accessTokenTtlSeconds: 3599,
    analyticsRequests: [],
    tokenRequests: [],
    revokedTokens: [],
    revokeConsent() {
      for (const grant of refreshTokens.values()) grant.revoked = true;
      accessTokens.clear();
    },
    expireAccessTokens() {
      for (const access of accessTokens.values()) access.expiresAt = 0;
    },
  };

  function issueAccessToken(): string {
    const access = token('ya29.');
    accessTokens.set(access, { expiresAt: Date.now() + state.accessTokenTtlSeconds * 1000, uses: 0 });
    return access;
  }

  async function tokenEndpoint(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
    state.tokenRequests.push({ grantType: form.grant_type ?? '' });
    if (form.client_id !== clientId || form.client_secret !== clientSecret) {
      return json(res, 401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
    }
    if (form.grant_type === 'authorization_code') {
      const grant = form.code ? codes.get(form.code) : undefined;
      if (!grant || grant.redirectUri !== form.redirect_uri) return json(res, 400, { error: 'invalid_grant', error_description: 'Malformed auth code.' });
      codes.delete(form.code!);
      const refresh = token('1//');
      refreshTokens.set(refresh, { scope: grant.scope, revoked: false });
      return json(res, 200, { access_token: issueAccessToken(), expires_in: state.accessTokenTtlSeconds, refresh_token: refresh, scope: grant.scope, token_type: 'Bearer' });
    }
    if (form.grant_type === 'refresh_token') {
      const grant = form.refresh_token ? refreshTokens.get(form.refresh_token) : undefined;
      if (!grant || grant.revoked) return json(res, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
      return json(res, 200, { access_token: issueAccessToken(), expires_in: state.accessTokenTtlSeconds, scope: grant.scope, token_type: 'Bearer' });
    }
    return json(res, 400, { error: 'unsupported_grant_type', error_description: `Invalid grant_type: ${form.grant_type ?? ''}` });
  }

  function authorized(req: IncomingMessage, res: ServerResponse): boolean {
    const access = accessTokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (access && state.accessTokenUses !== null && access.uses >= state.accessTokenUses) access.expiresAt = 0;
    if (access && access.expiresAt > Date.now()) {
      access.uses += 1;
      return true;
    }
    res.setHeader('www-authenticate', 'Bearer realm="https://accounts.google.com/", error="invalid_token"');
    apiError(res, 401, 'UNAUTHENTICATED', 'authError', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
    return false;
  }

  async function searchAnalytics(siteUrl: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = JSON.parse((await readBody(req)) || '{}') as Partial<AnalyticsRequest>;
    const request: AnalyticsRequest = {
      siteUrl,
      startDate: body.startDate ?? '',
      endDate: body.endDate ?? '',
      dimensions: body.dimensions ?? [],
      rowLimit: body.rowLimit ?? 1000,
      startRow: body.startRow ?? 0,
      dataState: body.dataState ?? 'final',
    };
    state.analyticsRequests.push(request);
    if (!state.sites.some((s) => s.siteUrl === siteUrl)) {
      return apiError(res, 403, 'PERMISSION_DENIED', 'forbidden', `User does not have sufficient permission for site '${siteUrl}'. See also: https://support.google.com/webmasters/answer/2451999.`);
    }
    if (state.quotaFailuresAfter > 0) state.quotaFailuresAfter -= 1;
    else if (state.quotaFailures > 0) {
      state.quotaFailures -= 1;
      return apiError(res, 429, 'RESOURCE_EXHAUSTED', 'rateLimitExceeded', "Quota exceeded for quota metric 'Queries per minute per user' of service 'searchconsole.googleapis.com'.");
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(request.startDate) || !/^\d{4}-\d{2}-\d{2}$/.test(request.endDate)) {
      return apiError(res, 400, 'INVALID_ARGUMENT', 'badRequest', 'startDate and endDate are required, in YYYY-MM-DD format.');
    }
    if (request.rowLimit < 1 || request.rowLimit > MAX_ROW_LIMIT) {
      return apiError(res, 400, 'INVALID_ARGUMENT', 'badRequest', `Invalid value at 'row_limit' (${request.rowLimit}); must be between 1 and ${MAX_ROW_LIMIT}.`);
    }
    const complete = (date: string) => request.dataState === 'all' || !state.firstIncompleteDate || date < state.firstIncompleteDate;
    const rows = (state.data.get(siteUrl) ?? []).filter((r) => r.date >= request.startDate && r.date <= request.endDate && complete(r.date));
    const page = aggregate(rows, request.dimensions).slice(request.startRow, request.startRow + request.rowLimit);
    json(res, 200, {
      // Like Google, an empty result has no `rows` at all.
      ...(page.length ? { rows: page } : {}),
      responseAggregationType: request.dimensions.includes('page') ? 'byPage' : 'byProperty',
      ...(request.dataState === 'all' && state.firstIncompleteDate ? { metadata: { first_incomplete_date: state.firstIncompleteDate } } : {}),
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://contract.local');
    if (req.method === 'GET' && url.pathname === '/o/oauth2/v2/auth') {
      const redirectUri = url.searchParams.get('redirect_uri') ?? '';
      if (url.searchParams.get('client_id') !== clientId) return json(res, 401, { error: 'invalid_client' });
      if (url.searchParams.get('access_type') !== 'offline') return json(res, 400, { error: 'invalid_request', error_description: 'Seology must ask for offline access' });
      const code = token('4/');
      const scope = url.searchParams.get('scope') ?? '';
      codes.set(code, { redirectUri, scope });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('scope', scope);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.toString() });
      return void res.end();
    }
    if (req.method === 'POST' && url.pathname === '/token') return tokenEndpoint(req, res);
    if (req.method === 'POST' && url.pathname === '/revoke') {
      const revoked = url.searchParams.get('token') ?? '';
      const grant = refreshTokens.get(revoked);
      if (!grant && !accessTokens.has(revoked)) return json(res, 400, { error: 'invalid_token', error_description: 'Token expired or revoked' });
      if (grant) grant.revoked = true;
      state.revokedTokens.push(revoked);
      return json(res, 200, {});
    }
    if (url.pathname.startsWith('/webmasters/v3/') && !authorized(req, res)) return;
    if (req.method === 'GET' && url.pathname === '/webmasters/v3/sites') return json(res, 200, state.sites.length ? { siteEntry: state.sites } : {});
    const analytics = url.pathname.match(/^\/webmasters\/v3\/sites\/([^/]+)\/searchAnalytics\/query$/);
    if (req.method === 'POST' && analytics) return searchAnalytics(decodeURIComponent(analytics[1]!), req, res);
    apiError(res, 404, 'NOT_FOUND', 'notFound', `No route ${req.method ?? ''} ${url.pathname}`);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => apiError(res, 500, 'INTERNAL', 'backendError', String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
