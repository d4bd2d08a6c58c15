import { Injectable } from '@nestjs/common';
import { searchconsole, type searchconsole_v1 } from '@googleapis/searchconsole';
import { OAuth2Client } from 'google-auth-library';
import { AppConfig } from '../config/app-config';

/** The only scope Seology asks for: read Search Console data, never change it. */
export const SEARCH_CONSOLE_SCOPE = 'https://www.googleapis.com/auth/webmasters.readonly';

/** Google refused the refresh token (`invalid_grant`): consent was withdrawn or the token expired. Retrying cannot help. */
export class SearchConsoleRevokedError extends Error {}

/** Google answered 429 (or 5xx) after every back-off: the job should try again later from where it stopped. */
export class SearchConsoleQuotaError extends Error {}

export interface SearchConsoleProperty {
  siteUrl: string;
  permissionLevel: string;
}

export interface AnalyticsQuery {
  startDate: string;
  endDate: string;
  dimensions: ('date' | 'page' | 'query')[];
  rowLimit: number;
  startRow: number;
}

export interface AnalyticsPage {
  rows: { keys: string[]; clicks: number; impressions: number; ctr: number; position: number }[];
  /** First day still being collected, when Google says so (dataState `all`). */
  firstIncompleteDate: string | null;
}

/** One authorised conversation with Google for one refresh token: the access token is fetched once and refreshed when it expires. */
export interface SearchConsoleSession {
  listProperties(): Promise<SearchConsoleProperty[]>;
  query(propertyUrl: string, query: AnalyticsQuery): Promise<AnalyticsPage>;
}

interface GoogleErrorShape {
  status?: number;
  response?: { status?: number; data?: unknown; headers?: { get?(name: string): string | null } | Record<string, string> };
  message?: string;
}

function statusOf(error: unknown): number | undefined {
  const e = error as GoogleErrorShape;
  return e.response?.status ?? e.status;
}

function isInvalidGrant(error: unknown): boolean {
  const data = (error as GoogleErrorShape).response?.data as { error?: unknown } | undefined;
  return data?.error === 'invalid_grant' || /invalid_grant/.test((error as GoogleErrorShape).message ?? '');
}

function retryAfterMs(error: unknown): number | null {
  const headers = (error as GoogleErrorShape).response?.headers;
  const raw = headers && typeof (headers as { get?: unknown }).get === 'function'
    ? (headers as { get(name: string): string | null }).get('retry-after')
    : (headers as Record<string, string> | undefined)?.['retry-after'];
  const seconds = raw ? Number(raw) : NaN;
  return Number.isFinite(seconds) ? seconds * 1000 : null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Google's official clients (`google-auth-library`, `@googleapis/searchconsole`), pointed at Google unless
 * GOOGLE_OAUTH_BASE / SEARCH_CONSOLE_API_BASE say otherwise. Google's errors become the two the sync acts on.
 */
@Injectable()
export class GoogleSearchConsoleClient {
  constructor(private readonly config: AppConfig) {}

  get configured(): boolean {
    return Boolean(this.config.GOOGLE_CLIENT_ID && this.config.GOOGLE_CLIENT_SECRET);
  }

  private oauthClient(): OAuth2Client {
    const base = this.config.GOOGLE_OAUTH_BASE?.replace(/\/$/, '');
    return new OAuth2Client({
      clientId: this.config.GOOGLE_CLIENT_ID,
      clientSecret: this.config.GOOGLE_CLIENT_SECRET,
      redirectUri: this.config.googleRedirectUri,
      // Node's own fetch: gaxios would otherwise load node-fetch through a dynamic import, which a VM
      // without ESM support (Jest) refuses, and which is one more HTTP stack to trust.
      transporterOptions: { fetchImplementation: fetch },
      // An access token Google stops accepting before its stated expiry (clock skew, password change) is refreshed once and the call retried.
      forceRefreshOnFailure: true,
      ...(base ? { endpoints: { oauth2AuthBaseUrl: `${base}/o/oauth2/v2/auth`, oauth2TokenUrl: `${base}/token`, oauth2RevokeUrl: `${base}/revoke` } } : {}),
    });
  }

  /** Google's consent screen; `prompt=consent` so a refresh token comes back even when the user consented before. */
  authorizationUrl(state: string): string {
    return this.oauthClient().generateAuthUrl({ access_type: 'offline', prompt: 'consent', scope: [SEARCH_CONSOLE_SCOPE], state, include_granted_scopes: true });
  }

  /** Trades the one-time code from the callback for a refresh token. */
  async exchangeCode(code: string): Promise<{ refreshToken: string | null; scope: string }> {
    const { tokens } = await this.oauthClient().getToken(code);
    return { refreshToken: tokens.refresh_token ?? null, scope: tokens.scope ?? '' };
  }

  /** Withdraws the consent at Google; a token Google no longer knows counts as revoked. */
  async revoke(refreshToken: string): Promise<void> {
    try {
      await this.oauthClient().revokeToken(refreshToken);
    } catch (error) {
      if (statusOf(error) !== 400) throw error;
    }
  }

  session(refreshToken: string): SearchConsoleSession {
    const auth = this.oauthClient();
    auth.setCredentials({ refresh_token: refreshToken });
    const api = searchconsole({ version: 'v1', auth, ...(this.config.SEARCH_CONSOLE_API_BASE ? { rootUrl: this.config.SEARCH_CONSOLE_API_BASE.replace(/\/?$/, '/') } : {}) });
    // gaxios's own retry would hammer a 429 after 100 ms; Seology backs off itself (withBackoff).
    const call = <T>(fn: () => Promise<T>) => this.withBackoff(fn);
    return {
      listProperties: () =>
        call(async () => {
          const { data } = await api.sites.list({}, { retry: false });
          return (data.siteEntry ?? []).map((s) => ({ siteUrl: s.siteUrl ?? '', permissionLevel: s.permissionLevel ?? '' })).filter((s) => s.siteUrl);
        }),
      query: (propertyUrl, query) =>
        call(async () => {
          const requestBody: searchconsole_v1.Schema$SearchAnalyticsQueryRequest = { ...query, dataState: 'all', type: 'web' };
          const { data } = await api.searchanalytics.query({ siteUrl: propertyUrl, requestBody }, { retry: false });
          const metadata = (data as { metadata?: { first_incomplete_date?: string; firstIncompleteDate?: string } }).metadata;
          return {
            rows: (data.rows ?? []).map((r) => ({ keys: r.keys ?? [], clicks: r.clicks ?? 0, impressions: r.impressions ?? 0, ctr: r.ctr ?? 0, position: r.position ?? 0 })),
            firstIncompleteDate: metadata?.first_incomplete_date ?? metadata?.firstIncompleteDate ?? null,
          };
        }),
    };
  }

  /** Up to 4 tries on 429 and 5xx, waiting Retry-After or SEARCH_CONSOLE_BACKOFF_MS doubled each time. */
  private async withBackoff<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (error) {
        if (isInvalidGrant(error)) throw new SearchConsoleRevokedError('Google no longer accepts this site\'s Search Console consent (invalid_grant): connect Search Console again.');
        const status = statusOf(error);
        const retryable = status === 429 || (status !== undefined && status >= 500);
        if (!retryable) throw error;
        if (attempt >= 4) throw new SearchConsoleQuotaError(`Search Console answered ${status} ${attempt} times in a row; the sync resumes from its last complete window on the next attempt.`);
        await sleep(retryAfterMs(error) ?? this.config.SEARCH_CONSOLE_BACKOFF_MS * 2 ** (attempt - 1));
      }
    }
  }
}
