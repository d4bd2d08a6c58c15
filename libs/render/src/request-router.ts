import type { Dispatcher } from 'undici';
import type { Request, Route } from 'playwright-core';
import { isSsrfError, safeRequest, type LookupFn, type SsrfPolicy } from '@seology/net';
import type { BlockReason, SnapshotLog } from './snapshot-log';

/** The navigation's response, already fetched by the crawler: served to the browser instead of fetching the page again. */
export interface PrefetchedDocument {
  status: number;
  headers: Record<string, string>;
  /** Bytes as served (Chromium applies the charset of content-type), or decoded text. */
  body: Buffer | string;
}

export interface RouterOptions {
  pageUrl: URL;
  policy: SsrfPolicy;
  dispatcher: Dispatcher;
  lookup: LookupFn;
  deadline: number;
  maxResponseBytes: number;
  maxRequests: number;
  log: SnapshotLog;
  /** Requests the router refused itself (so Chromium's own 'requestfailed' does not report them twice). */
  refused: WeakSet<Request>;
  document?: PrefetchedDocument;
  /** Extra headers for the site's own hosts. */
  siteHeaders: Record<string, string>;
  isSameSite: (url: URL) => boolean;
  /** Runs each fetch (the crawler's per-host politeness); the fetch itself when absent. */
  schedule?: <T>(url: URL, fetch: () => Promise<T>) => Promise<T>;
  /** A reason to refuse the request before it is made (robots.txt), or null. */
  refuse?: (url: URL) => Promise<BlockReason | null>;
}

/** Resource types never fetched: they cost bandwidth and never change the DOM an audit reads. */
const SKIPPED_TYPES = new Set(['image', 'font', 'media']);
/** Request headers Chromium adds that the SSRF-safe client sets (or must not forward) itself. */
const DROP_REQUEST_HEADERS = new Set(['host', 'connection', 'content-length', 'accept-encoding', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);
/** Response headers that describe the wire, not the (already decoded) body handed to Chromium. */
const DROP_RESPONSE_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection', 'keep-alive']);

function sameDocument(a: URL, b: URL): boolean {
  return a.origin === b.origin && a.pathname === b.pathname && a.search === b.search;
}

function responseHeaders(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (!DROP_RESPONSE_HEADERS.has(k.toLowerCase())) out[k] = v;
  return out;
}

/**
 * Every request the page makes is answered here, never by Chromium's own network stack: the request
 * is made through the SSRF-safe client (addresses resolved and checked, then pinned for the
 * connection, so a DNS answer that changes between check and connect cannot reach the internal
 * network) and its response handed back with route.fulfill. Images, fonts and media are refused.
 */
export class RequestRouter {
  /** Requests being answered right now (the network-idle settle waits for 0). */
  inflight = 0;
  /** When the last request started or finished. */
  lastActivity = performance.now();
  private count = 0;
  private documentServed = false;

  constructor(private readonly o: RouterOptions) {}

  readonly handle = async (route: Route): Promise<void> => {
    const request = route.request();
    const rawUrl = request.url();
    const refuse = async (reason: BlockReason): Promise<void> => {
      this.o.log.blocked(rawUrl, reason);
      this.o.refused.add(request);
      await route.abort('blockedbyclient').catch(() => undefined);
    };
    if (SKIPPED_TYPES.has(request.resourceType())) return refuse('resource-type');
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      return refuse('ssrf');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return refuse('ssrf');
    const document = this.o.document;
    if (document && !this.documentServed && request.isNavigationRequest() && sameDocument(url, this.o.pageUrl)) {
      this.documentServed = true;
      await route.fulfill({ status: document.status, headers: responseHeaders(document.headers), body: document.body }).catch(() => undefined);
      return;
    }
    if (++this.count > this.o.maxRequests || performance.now() >= this.o.deadline) return refuse('over-budget');
    const refusal = this.o.refuse ? await this.o.refuse(url).catch(() => null) : null;
    if (refusal !== null) return refuse(refusal);

    this.inflight++;
    this.lastActivity = performance.now();
    try {
      const sameSite = this.o.isSameSite(url);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(await request.allHeaders())) {
        const name = k.toLowerCase();
        if (name.startsWith(':') || DROP_REQUEST_HEADERS.has(name)) continue;
        if (name === 'cookie' && !sameSite) continue;
        headers[name] = v;
      }
      if (sameSite) {
        for (const [k, v] of Object.entries(this.o.siteHeaders)) headers[k] = k === 'cookie' && headers[k] !== undefined ? `${headers[k]}; ${v}` : v;
      }
      const fetch = () =>
        safeRequest(url, {
          method: request.method(),
          headers,
          body: request.postDataBuffer(),
          policy: this.o.policy,
          dispatcher: this.o.dispatcher,
          lookup: this.o.lookup,
          timeoutMs: Math.max(1_000, this.o.deadline - performance.now()),
          maxBytes: this.o.maxResponseBytes,
          onTooLarge: 'truncate',
          // A navigation's redirect goes back to Chromium (so the page's URL is right) and comes here again, checked again.
          redirect: request.isNavigationRequest() ? 'manual' : 'follow',
          maxRedirects: 5,
        });
      const res = this.o.schedule ? await this.o.schedule(url, fetch) : await fetch();
      await route.fulfill({ status: res.status, headers: responseHeaders(res.headers), body: res.body }).catch(() => undefined);
    } catch (e) {
      this.o.refused.add(request);
      if (isSsrfError(e)) {
        this.o.log.blocked(rawUrl, 'ssrf');
        await route.abort('blockedbyclient').catch(() => undefined);
      } else {
        this.o.log.failed(rawUrl, e instanceof Error ? e.message : String(e));
        await route.abort('failed').catch(() => undefined);
      }
    } finally {
      this.inflight--;
      this.lastActivity = performance.now();
    }
  };
}
