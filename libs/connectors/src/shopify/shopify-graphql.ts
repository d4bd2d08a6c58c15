import { parseRetryAfter } from '@seology/net';
import {
  AuthError,
  ConnectorError,
  NotFoundError,
  PermissionError,
  PlatformError,
  RateLimitError,
  ValidationError,
  type FieldError,
} from '../errors';
import { sendWithRetry, type RetryOptions } from '../http/retry';
import type { HttpTransport } from '../http/transport';

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface QueryCost {
  requestedQueryCost?: number;
  actualQueryCost?: number | null;
  throttleStatus?: ThrottleStatus;
}

export interface GraphqlError {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; [k: string]: unknown };
}

interface GraphqlBody<T> {
  data?: T | null;
  errors?: GraphqlError[] | string | Record<string, unknown>;
  extensions?: { cost?: QueryCost };
}

export interface ThrottleStats {
  /** GraphQL responses received (throttled ones included). */
  responses: number;
  /** Responses whose errors said THROTTLED. */
  throttledResponses: number;
  /** Waits before sending because the local model of the bucket said it was too low. */
  preemptiveWaits: number;
  /** Total time spent waiting for the bucket, both kinds. */
  waitedMs: number;
}

export interface ShopifyGraphqlOptions {
  endpoint: string;
  accessToken: string;
  /** For messages: "my-store.myshopify.com". */
  shopLabel: string;
  transport: HttpTransport;
  retry: RetryOptions;
  timeoutMs: number;
  /** THROTTLED answers tolerated for one call before giving up. Default 20. */
  maxThrottleRetries: number;
  /** Points kept free on top of a query's cost, so other clients of the same app are not starved. Default 0. */
  reserve: number;
  now: () => number;
}

/**
 * Our model of the store's leaky bucket, fed by every response's throttleStatus. Costs reserved by
 * requests still in flight are subtracted from what the server last reported, because the server
 * has not charged them yet.
 */
class CostBucket {
  private status: ThrottleStatus | null = null;
  private available = 0;
  private at = 0;
  private inflight = 0;
  private readonly lastCost = new Map<string, number>();

  estimate(operation: string, hint: number): number {
    return this.lastCost.get(operation) ?? hint;
  }

  /** Milliseconds to wait before `cost` points are available (0 when unknown or enough). */
  waitFor(cost: number, reserve: number, now: number): number {
    if (!this.status || this.status.restoreRate <= 0) return 0;
    const need = Math.min(cost + reserve, this.status.maximumAvailable);
    const have = this.projected(now);
    return have >= need ? 0 : Math.ceil(((need - have) / this.status.restoreRate) * 1000);
  }

  reserve(cost: number, now: number): void {
    if (this.status) {
      this.available = this.projected(now) - cost;
      this.at = now;
    }
    this.inflight += cost;
  }

  settle(cost: number, operation: string, reported: QueryCost | undefined, now: number): void {
    this.inflight = Math.max(0, this.inflight - cost);
    if (reported?.requestedQueryCost !== undefined) this.lastCost.set(operation, reported.requestedQueryCost);
    const s = reported?.throttleStatus;
    if (s && Number.isFinite(s.currentlyAvailable) && Number.isFinite(s.restoreRate)) {
      this.status = s;
      this.available = s.currentlyAvailable - this.inflight;
      this.at = now;
    }
  }

  private projected(now: number): number {
    const s = this.status as ThrottleStatus;
    return Math.min(s.maximumAvailable, this.available + ((now - this.at) / 1000) * s.restoreRate);
  }
}

/** Admin GraphQL client: auth header, HTTP retries, cost-based throttling, errors → typed errors. */
export class ShopifyGraphql {
  readonly stats: ThrottleStats = { responses: 0, throttledResponses: 0, preemptiveWaits: 0, waitedMs: 0 };
  private readonly bucket = new CostBucket();
  private gateChain: Promise<void> = Promise.resolve();

  constructor(private readonly opts: ShopifyGraphqlOptions) {}

  async request<T>(operationName: string, query: string, variables: Record<string, unknown>, costHint: number): Promise<T> {
    for (let throttled = 0; ; ) {
      const cost = await this.gate(operationName, costHint);
      let body: GraphqlBody<T>;
      try {
        body = await this.send<T>(operationName, query, variables);
      } catch (e) {
        this.bucket.settle(cost, operationName, undefined, this.opts.now());
        throw e;
      }
      this.stats.responses++;
      const reported = body.extensions?.cost;
      this.bucket.settle(cost, operationName, reported, this.opts.now());
      const errors = Array.isArray(body.errors) ? body.errors : [];
      if (errors.some((e) => e.extensions?.code === 'THROTTLED')) {
        this.stats.throttledResponses++;
        if (++throttled > this.opts.maxThrottleRetries) {
          throw new RateLimitError('shopify', `Shopify kept throttling ${operationName} after ${throttled} attempts`, this.throttleWait(reported), throttled);
        }
        const wait = this.throttleWait(reported) ?? 1000;
        this.stats.waitedMs += wait;
        await this.opts.retry.sleep(wait);
        continue;
      }
      if (body.errors !== undefined && !Array.isArray(body.errors)) {
        throw new PlatformError('shopify', `Shopify answered with an error: ${JSON.stringify(body.errors)}`, 200);
      }
      if (errors.length > 0) throw this.graphqlError(operationName, errors);
      if (body.data === undefined || body.data === null) throw new PlatformError('shopify', `Shopify returned no data for ${operationName}`, 200);
      return body.data;
    }
  }

  /** Waits until the modelled bucket can pay for the query; serialised so concurrent calls queue fairly. */
  private gate(operation: string, hint: number): Promise<number> {
    const run = this.gateChain.then(async () => {
      const cost = this.bucket.estimate(operation, hint);
      const wait = this.bucket.waitFor(cost, this.opts.reserve, this.opts.now());
      if (wait > 0) {
        this.stats.preemptiveWaits++;
        this.stats.waitedMs += wait;
        await this.opts.retry.sleep(wait);
      }
      this.bucket.reserve(cost, this.opts.now());
      return cost;
    });
    this.gateChain = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Time for the bucket to refill enough for the rejected query, plus a little slack for clock skew. */
  private throttleWait(cost: QueryCost | undefined): number | null {
    const s = cost?.throttleStatus;
    if (!s || !(s.restoreRate > 0)) return null;
    const requested = cost?.requestedQueryCost ?? s.maximumAvailable;
    const deficit = Math.max(0, requested - s.currentlyAvailable);
    return Math.ceil((deficit / s.restoreRate) * 1000) + 50;
  }

  private async send<T>(operationName: string, query: string, variables: Record<string, unknown>): Promise<GraphqlBody<T>> {
    const { response, attempts } = await sendWithRetry(
      this.opts.transport,
      {
        url: this.opts.endpoint,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'x-shopify-access-token': this.opts.accessToken,
          'user-agent': 'Seology/1.0 (+connector)',
        },
        body: JSON.stringify({ query, variables, operationName }),
        timeoutMs: this.opts.timeoutMs,
        maxRedirects: 0,
      },
      this.opts.retry,
      'shopify',
    );
    if (response.status < 200 || response.status >= 300) throw this.httpError(response.status, response.body, response.headers, attempts);
    try {
      return JSON.parse(response.body) as GraphqlBody<T>;
    } catch {
      throw new PlatformError('shopify', `Shopify answered ${operationName} with something other than JSON`, response.status);
    }
  }

  private httpError(status: number, body: string, headers: Record<string, string>, attempts: number): ConnectorError {
    const shop = this.opts.shopLabel;
    const detail = shopifyMessage(body);
    const suffix = detail ? ` (${detail})` : '';
    if (status === 401) return new AuthError('shopify', `Shopify rejected the access token for ${shop}${suffix}`, 401);
    if (status === 402) return new PlatformError('shopify', `The Shopify store ${shop} is frozen until its bill is paid${suffix}`, 402, null, detail);
    if (status === 403) return new PermissionError('shopify', `The access token for ${shop} is not allowed to do this${suffix}`, 403);
    if (status === 404) return new NotFoundError('shopify', `Shopify has no store or API version at ${this.opts.endpoint}${suffix}`, 404);
    if (status === 423) return new PlatformError('shopify', `The Shopify store ${shop} is locked${suffix}`, 423, null, detail);
    if (status === 429) {
      return new RateLimitError('shopify', `Shopify kept answering 429 Too Many Requests after ${attempts} attempt(s)`, parseRetryAfter(headers['retry-after']), attempts);
    }
    if (status >= 500) return new PlatformError('shopify', `Shopify answered ${status} after ${attempts} attempt(s)${suffix}`, status, null, detail);
    return new PlatformError('shopify', `Shopify answered ${status}${suffix}`, status, null, detail);
  }

  private graphqlError(operation: string, errors: GraphqlError[]): ConnectorError {
    const first = errors[0];
    const code = first.extensions?.code ?? null;
    const messages = errors.map((e) => e.message).join('; ');
    if (code === 'ACCESS_DENIED') {
      return new PermissionError('shopify', `The access token for ${this.opts.shopLabel} lacks a permission ${operation} needs: ${messages}`, 200, code);
    }
    if (code === 'MAX_COST_EXCEEDED') {
      return new PlatformError('shopify', `${operation} is too expensive for Shopify's per-query limit: ${messages}`, 200, code, messages);
    }
    return new PlatformError('shopify', `Shopify refused ${operation}: ${messages}`, 200, code, messages);
  }
}

export interface UserErrorJson {
  field?: string[] | null;
  message: string;
  code?: string | null;
}

/** Mutation userErrors → ValidationError naming the field and Shopify's message. */
export function assertNoUserErrors(operation: string, userErrors: UserErrorJson[] | null | undefined): void {
  if (!userErrors || userErrors.length === 0) return;
  const fieldErrors: FieldError[] = userErrors.map((u) => ({ field: u.field ?? null, message: u.message, code: u.code ?? null }));
  const text = userErrors.map((u) => (u.field && u.field.length ? `${u.field.join('.')}: ${u.message}` : u.message)).join('; ');
  throw new ValidationError('shopify', `Shopify refused ${operation}: ${text}`, fieldErrors, 200, fieldErrors[0].code ?? null);
}

function shopifyMessage(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { errors?: unknown };
    if (typeof parsed.errors === 'string') return parsed.errors;
    if (parsed.errors !== undefined) return JSON.stringify(parsed.errors);
  } catch {
    // not JSON
  }
  const text = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, 200) : null;
}
