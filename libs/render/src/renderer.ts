import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import type { Dispatcher } from 'undici';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import type { RenderedSnapshot } from '@seology/audit';
import { createCachedLookup, createSafeDispatcher, STRICT_POLICY, type LookupFn, type SsrfPolicy } from '@seology/net';
import { assertChromium, chromiumPath, CHROMIUM_BASE_ARGS } from './chromium';
import { findProcessByArg, treeRssBytes } from './process-tree';
import { RequestRouter, type PrefetchedDocument } from './request-router';
import { SnapshotLog, type BlockReason } from './snapshot-log';

export interface RendererOptions {
  /** Chromium to drive. Default: CHROMIUM_PATH, else /usr/bin/chromium. Never downloaded. */
  executablePath?: string;
  /** Pages rendered at once (each is a Chromium renderer process). Default 2. */
  maxPages?: number;
  /** Per-page time budget; when it runs out the HTML of that moment is taken (`timedOut`). Default 15 s. */
  timeoutMs?: number;
  /** After the load event, the network must be quiet this long to count as settled. Default 500 ms. */
  settleMs?: number;
  /** The browser is replaced after this many pages (Chromium's memory only grows). Default 200. */
  restartAfterPages?: number;
  /** The browser is replaced once its process tree's resident memory passes this. Default 1.5 GiB. */
  maxBrowserRssBytes?: number;
  /** V8 heap cap of each page: a page allocating without bound crashes its renderer here, not the machine. Default 512 MiB. */
  jsHeapMb?: number;
  /** How long a page's context may take to close before the browser counts as in trouble and is replaced. Default 5 s. */
  closeGraceMs?: number;
  /** Non-public destinations the page may reach: the same policy as the crawl. Default: none. */
  policy?: SsrfPolicy;
  /** DNS used for the SSRF checks and connections (tests, custom resolvers). */
  lookup?: LookupFn;
  /** Cap on each response the page receives. Default 10 MiB. */
  maxResponseBytes?: number;
  /** Requests one page may make before the rest are refused ('over-budget'). Default 300. */
  maxRequestsPerPage?: number;
  viewport?: { width: number; height: number };
}

export interface RenderRequestOptions {
  /** Sent with requests to the site's own hosts only. */
  headers?: Record<string, string>;
  /** Set in the page's cookie jar for the page's host (object or "a=1; b=2"). */
  cookies?: Record<string, string> | string;
  userAgent?: string;
  /** The response the crawler already has for this URL: the browser gets it instead of a second request. */
  document?: PrefetchedDocument;
  /** Overrides the renderer's policy for this page (the crawl's own). */
  policy?: SsrfPolicy;
  /** Hosts that get `headers` and cookies. Default: the page's host. */
  isSameSite?: (url: URL) => boolean;
  /** Runs each request of the page (the crawl's per-host politeness). */
  schedule?: <T>(url: URL, fetch: () => Promise<T>) => Promise<T>;
  /** A reason to refuse a request before it is made (robots.txt), or null. */
  refuse?: (url: URL) => Promise<BlockReason | null>;
  /** Overrides the renderer's per-page budget. */
  timeoutMs?: number;
}

export type RestartReason = 'pages' | 'memory' | 'stuck' | 'died';

export interface RendererStats {
  rendered: number;
  crashed: number;
  timedOut: number;
  /** Renders running right now, and the most there ever were at once. */
  active: number;
  peakActive: number;
  browserLaunches: number;
  /** Why each browser after the first was launched: the page count, the memory cap, a context that would not close, or it died. */
  restarts: Record<RestartReason, number>;
  /**
   * Connections that reached the dead-end proxy instead of the network: Chromium's own background
   * services (update and time checks) end there; a page's requests never do, the routing answers them.
   */
  deadEndConnections: number;
}

export interface PageRenderer {
  render(url: string, options?: RenderRequestOptions): Promise<RenderedSnapshot>;
  /** Resident memory of the browser's process tree in bytes (0 when no browser runs). */
  browserRssBytes(): number;
  stats(): RendererStats;
  close(): Promise<void>;
}

interface BrowserHandle {
  browser: Browser;
  marker: string;
  pid: number | null;
  dead: boolean;
}

/** The render a prepared context currently serves. */
interface Wiring {
  router: RequestRouter | null;
  log: SnapshotLog | null;
}

interface PreparedPage {
  context: BrowserContext;
  page: Page;
  wiring: Wiring;
}

/** Chromium removes RTCPeerConnection only by policy; the page's scripts should not find it at all. */
const WEBRTC_OFF = `(() => {
  for (const k of ['RTCPeerConnection', 'webkitRTCPeerConnection', 'RTCDataChannel', 'RTCSessionDescription', 'RTCIceCandidate']) {
    try { Object.defineProperty(window, k, { value: undefined, configurable: false, writable: false }); } catch {}
  }
})();`;

/** Resolves once the page's main thread got to run a frame and a task (or 100 ms passed while it was free). */
const PAGE_TURN = `new Promise((resolve) => {
  let done = false;
  const finish = () => { if (!done) { done = true; resolve(true); } };
  requestAnimationFrame(() => setTimeout(finish, 0));
  setTimeout(finish, 100);
})`;

/** How long a page that did not answer (a script that never yields) gets to hand over its HTML. */
const CONTENT_GRACE_MS = 2_000;
const CLOSE_GRACE_MS = 5_000;
const MEMORY_CHECK_INTERVAL_MS = 2_000;

function sleep(ms: number): Promise<'timer'> {
  return new Promise((resolve) => setTimeout(() => resolve('timer'), Math.max(0, ms)).unref());
}

function cookieList(c: RenderRequestOptions['cookies']): Array<{ name: string; value: string }> {
  if (c === undefined) return [];
  if (typeof c !== 'string') return Object.entries(c).map(([name, value]) => ({ name, value }));
  const out: Array<{ name: string; value: string }> = [];
  for (const part of c.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    out.push({ name: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() });
  }
  return out;
}

/**
 * A listener that takes every connection and closes it at once. Chromium is told to use it as its
 * proxy, so a request that ever slipped past the routing (which answers everything itself) would
 * end here instead of on the network, and be counted.
 */
async function startSinkhole(): Promise<{ server: Server; port: number; connections: () => number }> {
  let connections = 0;
  const server = createServer((socket: Socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.unref();
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { server, port, connections: () => connections };
}

class ChromiumPageRenderer implements PageRenderer {
  private readonly executablePath: string;
  private readonly maxPages: number;
  private readonly timeoutMs: number;
  private readonly settleMs: number;
  private readonly restartAfterPages: number;
  private readonly maxRss: number;
  private readonly jsHeapMb: number;
  private readonly closeGraceMs: number;
  private readonly policy: SsrfPolicy;
  private readonly lookup: LookupFn;
  private readonly maxResponseBytes: number;
  private readonly maxRequests: number;
  private readonly viewport: { width: number; height: number };
  private readonly dispatchers = new Map<SsrfPolicy, Dispatcher>();

  private active = 0;
  private peakActive = 0;
  private waiters: Array<() => void> = [];
  /** Set when the browser must be replaced: no render starts until those running have finished. */
  private draining = false;
  private drainReason: Exclude<RestartReason, 'died'> = 'pages';
  private current: BrowserHandle | null = null;
  private launching: Promise<BrowserHandle> | null = null;
  private pagesOnBrowser = 0;
  private spares: Array<{ handle: BrowserHandle; userAgent: string | undefined; ready: Promise<PreparedPage | null> }> = [];
  private sinkhole: Promise<{ server: Server; port: number; connections: () => number }> | null = null;
  private lastMemoryCheck = 0;
  private closed = false;
  private readonly counts = { rendered: 0, crashed: 0, timedOut: 0, browserLaunches: 0 };
  private readonly restarts: Record<RestartReason, number> = { pages: 0, memory: 0, stuck: 0, died: 0 };

  constructor(options: RendererOptions) {
    this.executablePath = options.executablePath ?? chromiumPath();
    this.maxPages = Math.max(1, options.maxPages ?? 2);
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.settleMs = options.settleMs ?? 500;
    this.restartAfterPages = Math.max(1, options.restartAfterPages ?? 200);
    this.maxRss = options.maxBrowserRssBytes ?? 1.5 * 1024 ** 3;
    this.jsHeapMb = options.jsHeapMb ?? 512;
    this.closeGraceMs = options.closeGraceMs ?? CLOSE_GRACE_MS;
    this.policy = options.policy ?? STRICT_POLICY;
    this.lookup = createCachedLookup(options.lookup);
    this.maxResponseBytes = options.maxResponseBytes ?? 10 * 1024 * 1024;
    this.maxRequests = options.maxRequestsPerPage ?? 300;
    this.viewport = options.viewport ?? { width: 1280, height: 800 };
  }

  stats(): RendererStats {
    return { ...this.counts, restarts: { ...this.restarts }, active: this.active, peakActive: this.peakActive, deadEndConnections: this.escaped() };
  }

  private sinkholeConnections: (() => number) | null = null;
  private escaped(): number {
    return this.sinkholeConnections?.() ?? 0;
  }

  browserRssBytes(): number {
    const pid = this.current?.pid ?? null;
    return pid !== null && this.current?.dead === false ? treeRssBytes(pid) : 0;
  }

  async render(url: string, options: RenderRequestOptions = {}): Promise<RenderedSnapshot> {
    if (this.closed) throw new Error('the renderer is closed');
    await this.acquire();
    try {
      const handle = await this.browserFor();
      return await this.renderOn(handle, url, options);
    } finally {
      this.release();
    }
  }

  private async acquire(): Promise<void> {
    for (;;) {
      if (this.pagesOnBrowser >= this.restartAfterPages) this.drain('pages');
      if (this.active < this.maxPages && !(this.draining && this.active > 0)) break;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    this.active++;
    if (this.active > this.peakActive) this.peakActive = this.active;
    this.pagesOnBrowser++;
  }

  private release(): void {
    this.active--;
    this.checkMemory();
    this.wake();
  }

  /** The current browser is replaced once the pages on it are done; the first reason given is kept. */
  private drain(reason: Exclude<RestartReason, 'died'>): void {
    if (!this.draining) this.drainReason = reason;
    this.draining = true;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** The browser is replaced (once the pages on it are done) when its process tree holds too much memory. */
  private checkMemory(): void {
    const handle = this.current;
    const now = performance.now();
    if (handle === null || handle.dead || handle.pid === null || now - this.lastMemoryCheck < MEMORY_CHECK_INTERVAL_MS) return;
    this.lastMemoryCheck = now;
    if (treeRssBytes(handle.pid) > this.maxRss) this.drain('memory');
  }

  private async browserFor(): Promise<BrowserHandle> {
    if (this.launching !== null) return this.launching;
    const current = this.current;
    // Replaced only by a render running alone (acquire() drains the others first), or when it died.
    if (current !== null && !current.dead && !(this.draining && this.active === 1)) return current;
    const launching = (async () => {
      if (current !== null) {
        this.restarts[current.dead ? 'died' : this.drainReason]++;
        this.current = null;
        current.dead = true;
        this.spares = this.spares.filter((sp) => sp.handle !== current);
        await this.closeBrowser(current);
      }
      const handle = await this.launch();
      this.current = handle;
      this.pagesOnBrowser = this.active;
      this.draining = false;
      return handle;
    })();
    this.launching = launching;
    try {
      return await launching;
    } finally {
      this.launching = null;
      this.wake();
    }
  }

  private async launch(): Promise<BrowserHandle> {
    assertChromium(this.executablePath, 'Pages are rendered');
    this.sinkhole ??= startSinkhole();
    const sinkhole = await this.sinkhole;
    this.sinkholeConnections = sinkhole.connections;
    const marker = `--seology-renderer=${randomUUID()}`;
    const browser = await chromium.launch({
      executablePath: this.executablePath,
      headless: true,
      timeout: 30_000,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [
        ...CHROMIUM_BASE_ARGS,
        marker,
        // Everything is answered by the routing; whatever is not goes to a dead end, loopback included.
        `--proxy-server=http://127.0.0.1:${sinkhole.port}`,
        '--proxy-bypass-list=<-loopback>',
        '--dns-prefetch-disable',
        '--disable-features=NetworkPrediction,WebRtcHideLocalIpsWithMdns,MediaRouter,OptimizationHints',
        '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
        '--webrtc-ip-handling-policy=disable_non_proxied_udp',
        '--disable-dev-shm-usage',
        '--mute-audio',
        `--js-flags=--max-old-space-size=${this.jsHeapMb}`,
      ],
    });
    this.counts.browserLaunches++;
    const handle: BrowserHandle = { browser, marker, pid: findProcessByArg(marker), dead: false };
    browser.on('disconnected', () => {
      handle.dead = true;
    });
    return handle;
  }

  private async closeBrowser(handle: BrowserHandle): Promise<void> {
    const pid = handle.pid;
    const result = await Promise.race([handle.browser.close().then(() => 'closed' as const, () => 'closed' as const), sleep(CLOSE_GRACE_MS)]);
    if (result === 'timer' && pid !== null) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  private dispatcherFor(policy: SsrfPolicy): Dispatcher {
    let d = this.dispatchers.get(policy);
    if (!d) {
      d = createSafeDispatcher(policy, { lookup: this.lookup, connections: 4 });
      this.dispatchers.set(policy, d);
    }
    return d;
  }

  /**
   * A context with its page, set up before it is needed (a new context, the WebRTC script, the
   * routing, the page: about a quarter of a page's time), so a render starts by navigating. The
   * routing and WebSocket refusals call whatever render is wired in at the time.
   */
  private async prepare(handle: BrowserHandle, userAgent: string | undefined): Promise<PreparedPage> {
    const context = await handle.browser.newContext({ userAgent, serviceWorkers: 'block', viewport: this.viewport, acceptDownloads: false, javaScriptEnabled: true });
    try {
      const wiring: Wiring = { router: null, log: null };
      await context.addInitScript({ content: WEBRTC_OFF });
      await context.routeWebSocket(/.*/, (ws) => {
        wiring.log?.blocked(ws.url(), 'ssrf');
        void ws.close({ code: 1008, reason: 'refused' }).catch(() => undefined);
      });
      await context.route('**/*', (route) => (wiring.router !== null ? wiring.router.handle(route) : route.abort('blockedbyclient').catch(() => undefined)));
      const page = await context.newPage();
      return { context, page, wiring };
    } catch (e) {
      await context.close().catch(() => undefined);
      throw e;
    }
  }

  private async take(handle: BrowserHandle, userAgent: string | undefined): Promise<PreparedPage> {
    const i = this.spares.findIndex((s) => s.handle === handle && s.userAgent === userAgent);
    if (i >= 0) {
      const [spare] = this.spares.splice(i, 1);
      const ready = spare === undefined ? null : await spare.ready;
      if (ready !== null) return ready;
    }
    return this.prepare(handle, userAgent);
  }

  private prepareSpare(handle: BrowserHandle, userAgent: string | undefined): void {
    if (this.closed || handle.dead || this.draining || this.current !== handle) return;
    if (this.spares.filter((s) => s.handle === handle).length >= this.maxPages) return;
    this.spares.push({ handle, userAgent, ready: this.prepare(handle, userAgent).catch(() => null) });
  }

  private async renderOn(handle: BrowserHandle, url: string, options: RenderRequestOptions): Promise<RenderedSnapshot> {
    const started = performance.now();
    const budget = options.timeoutMs ?? this.timeoutMs;
    const deadline = started + budget;
    const log = new SnapshotLog();
    const pageUrl = new URL(url);
    const policy = options.policy ?? this.policy;
    const refused = new WeakSet<Request>();
    const result = (html: string, finalUrl: string, timedOut: boolean, crashed: boolean): RenderedSnapshot => {
      this.counts.rendered++;
      if (crashed) this.counts.crashed++;
      if (timedOut) this.counts.timedOut++;
      return {
        html: crashed ? '' : html,
        finalUrl,
        ms: Math.round(performance.now() - started),
        timedOut,
        crashed,
        errors: log.errors,
        failedRequests: log.failedRequests,
        blockedRequests: log.blockedRequests,
      };
    };

    let prepared: PreparedPage;
    try {
      prepared = await this.take(handle, options.userAgent);
    } catch (e) {
      // The browser went away between pages: the next render gets a new one.
      handle.dead = true;
      log.error(`browser unavailable: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      return result('', url, false, true);
    }
    const { context, page: p, wiring } = prepared;
    // The next page's context is set up while this one renders (mostly waiting on the network).
    this.prepareSpare(handle, options.userAgent);
    const router = new RequestRouter({
      pageUrl,
      policy,
      dispatcher: this.dispatcherFor(policy),
      lookup: this.lookup,
      deadline,
      maxResponseBytes: this.maxResponseBytes,
      maxRequests: this.maxRequests,
      log,
      refused,
      document: options.document,
      siteHeaders: Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
      isSameSite: options.isSameSite ?? ((u) => u.hostname === pageUrl.hostname),
      schedule: options.schedule,
      refuse: options.refuse,
    });
    wiring.router = router;
    wiring.log = log;
    try {
      const cookies = cookieList(options.cookies);
      if (cookies.length > 0) await context.addCookies(cookies.map((c) => ({ ...c, url: pageUrl.origin })));
      p.on('pageerror', (e) => log.error(e.message));
      p.on('requestfailed', (r) => {
        if (!refused.has(r)) log.failed(r.url(), r.failure()?.errorText ?? 'failed');
      });
      let crashedFlag = false;
      const crashed = new Promise<'crash'>((resolve) => {
        p.once('crash', () => {
          crashedFlag = true;
          resolve('crash');
        });
        p.once('close', () => resolve('crash'));
      });

      let timedOut = false;
      const navigation = p.goto(url, { waitUntil: 'load', timeout: budget }).then(
        () => 'loaded' as const,
        (e: unknown) => (e instanceof Error && e.name === 'TimeoutError' ? ('timeout' as const) : e instanceof Error ? e : new Error(String(e))),
      );
      const first = await Promise.race([navigation, crashed, sleep(deadline - performance.now())]);
      if (first === 'crash') {
        log.error(crashedFlag ? 'the page crashed the renderer' : 'the page closed');
        return result('', p.url() || url, false, true);
      }
      if (first instanceof Error) {
        // The document itself could not be had (refused, unreachable): nothing was rendered.
        log.error(first.message.split('\n')[0] ?? first.message);
        return result('', url, false, false);
      }
      if (first === 'loaded') {
        // Network idle: no request of the page in flight for settleMs.
        for (;;) {
          const now = performance.now();
          if (now >= deadline) {
            timedOut = true;
            break;
          }
          if (router.inflight === 0 && now - router.lastActivity >= this.settleMs) {
            // Quiet network is not enough on a busy machine: the page's scripts may not have had the
            // CPU yet to start their requests. Settled once the page had a turn (a frame and a task)
            // and still nothing started.
            const before = router.lastActivity;
            const turn = await Promise.race([p.evaluate(PAGE_TURN).then(() => sleep(50), () => sleep(50)), crashed, sleep(deadline - now)]);
            if (turn === 'crash') {
              log.error('the page crashed the renderer');
              return result('', p.url() || url, false, true);
            }
            if (performance.now() >= deadline) {
              timedOut = true;
              break;
            }
            if (router.inflight === 0 && router.lastActivity === before) break;
            continue;
          }
          const r = await Promise.race([crashed, sleep(Math.min(50, deadline - now))]);
          if (r === 'crash') {
            log.error('the page crashed the renderer');
            return result('', p.url() || url, false, true);
          }
        }
      } else timedOut = true;

      const content = await Promise.race([
        p.content().then(
          (html) => ({ html }),
          (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
        ),
        crashed,
        sleep(CONTENT_GRACE_MS),
      ]);
      if (typeof content === 'object' && !(content instanceof Error)) return result(content.html, p.url() || url, timedOut, false);
      // A script that never yields (or a renderer that died) cannot hand over its DOM.
      log.error(content === 'timer' ? `the page did not hand over its HTML within ${CONTENT_GRACE_MS} ms (a script that never yields)` : content === 'crash' ? 'the page crashed the renderer' : content.message.split('\n')[0] ?? 'no content');
      return result('', p.url() || url, timedOut, true);
    } finally {
      const closing = await Promise.race([context.close().then(() => 'closed' as const, () => 'closed' as const), sleep(this.closeGraceMs)]);
      // A context that does not close is a browser in trouble: replace it before the next page.
      if (closing === 'timer') this.drain('stuck');
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const handle = this.launching ? await this.launching.catch(() => null) : this.current;
    this.current = null;
    this.spares = [];
    if (handle !== null) await this.closeBrowser(handle);
    for (const d of this.dispatchers.values()) await d.close().catch(() => undefined);
    this.dispatchers.clear();
    const sinkhole = this.sinkhole ? await this.sinkhole.catch(() => null) : null;
    if (sinkhole !== null) {
      await new Promise<void>((resolve) => sinkhole.server.close(() => resolve()));
    }
  }
}

/** A bounded pool of pages in one headless Chromium that renders URLs with every request routed through the SSRF-safe client. */
export function createRenderer(options: RendererOptions = {}): PageRenderer {
  return new ChromiumPageRenderer(options);
}
