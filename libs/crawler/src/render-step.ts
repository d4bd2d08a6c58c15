import type { FetchedPage, RenderedSnapshot } from '@seology/audit';
import type { SsrfPolicy } from '@seology/net';
// Types only: the crawler runs without Chromium (and without loading playwright) unless a renderer is passed in.
import type { PageRenderer, RenderRequestOptions } from '@seology/render';

/** One sampled page of an `auto` crawl: what a crawler without JavaScript got and what the browser built. */
export interface RenderSample {
  url: string;
  /** The raw HTML as served (decoded), null when it was not kept. */
  rawHtml: string | null;
  rendered: RenderedSnapshot;
}

export interface CrawlRenderOptions {
  renderer: PageRenderer;
  /** 'on': every HTML page is rendered. 'auto': the first `sample` HTML pages are, then `decide` says whether the rest are. */
  mode: 'on' | 'auto';
  /** 'auto': HTML pages rendered before deciding. Default 10. */
  sample?: number;
  /**
   * 'auto': given the sample, whether the rest of the site is rendered as well. Without it only the
   * sample is rendered (the audit compares raw and rendered on those pages).
   */
  decide?: (sample: readonly RenderSample[]) => boolean;
  /** 'auto': told once, when the sample is complete, what was decided. */
  onDecision?: (renderRest: boolean, sample: readonly RenderSample[]) => void;
  /** Per-page budget; the renderer's own default otherwise. */
  timeoutMs?: number;
}

/** What the crawl lends the render step: its identity, its SSRF policy and its politeness. */
export interface RenderPorts {
  userAgent: string;
  /** Headers (cookies included) sent to the site's own hosts. */
  siteHeaders: Record<string, string>;
  policy: SsrfPolicy;
  isSameSite: (url: URL) => boolean;
  /** Runs a request under the host's gate (concurrency, rate, crawl-delay) and counts it. */
  gate: <T>(url: string, fn: () => Promise<T>) => Promise<T>;
  /** robots.txt of the request's origin allows it. */
  robotsAllows: (url: URL) => Promise<boolean>;
  decode: (body: Buffer, contentType: string | null) => string;
}

const DEFAULT_SAMPLE = 10;

/**
 * Fills `page.rendered` for HTML 2xx pages before the page goes to the audit. The browser gets the
 * response the crawler already has for the document (no second request for it); every other request
 * the page makes passes the crawl's robots rules and per-host gate. How many pages render at once is
 * the renderer pool's business; the crawl's page workers simply wait for it.
 */
export class RenderStep {
  private readonly sampleSize: number;
  private htmlPages = 0;
  private readonly sample: RenderSample[] = [];
  private sampleDone = 0;
  private decided: boolean | null = null;
  private readonly decision: Promise<boolean>;
  private resolveDecision: (v: boolean) => void = () => undefined;

  constructor(
    private readonly options: CrawlRenderOptions,
    private readonly ports: RenderPorts,
  ) {
    this.sampleSize = Math.max(0, options.sample ?? DEFAULT_SAMPLE);
    this.decision = new Promise<boolean>((resolve) => {
      this.resolveDecision = resolve;
    });
  }

  /** Whether pages past the sample are rendered: null until decided (always true in 'on' mode). */
  get renderingRest(): boolean | null {
    return this.options.mode === 'on' ? true : this.decided;
  }

  /** `body` is the undecoded HTML when the crawl holds bytes instead of `page.html` (audit threads). */
  async fill(page: FetchedPage, body: Buffer | null): Promise<void> {
    if (page.status < 200 || page.status >= 300 || page.error !== undefined) return;
    if (page.html === null && body === null) return;
    if (this.options.mode === 'on') {
      page.rendered = await this.render(page, body);
      return;
    }
    const n = ++this.htmlPages;
    if (n <= this.sampleSize) {
      let rendered: RenderedSnapshot | null = null;
      try {
        rendered = await this.render(page, body);
        page.rendered = rendered;
      } finally {
        this.sampleDone++;
        if (rendered !== null) {
          this.sample.push({ url: page.finalUrl, rawHtml: page.html ?? (body === null ? null : this.ports.decode(body, page.contentType)), rendered });
        }
        if (this.sampleDone === this.sampleSize) this.decide();
      }
      return;
    }
    if (await this.decision) page.rendered = await this.render(page, body);
  }

  private decide(): void {
    const renderRest = this.options.decide ? this.options.decide(this.sample) : false;
    this.decided = renderRest;
    this.options.onDecision?.(renderRest, this.sample);
    // The sample's HTML is not needed any more.
    this.sample.length = 0;
    this.resolveDecision(renderRest);
  }

  private render(page: FetchedPage, body: Buffer | null): Promise<RenderedSnapshot> {
    const p = this.ports;
    const request: RenderRequestOptions = {
      userAgent: p.userAgent,
      headers: p.siteHeaders,
      policy: p.policy,
      isSameSite: p.isSameSite,
      timeoutMs: this.options.timeoutMs,
      document: {
        status: page.status,
        headers:
          body !== null
            ? page.headers
            : // Already decoded: tell the browser so, whatever charset the server declared.
              { ...page.headers, 'content-type': 'text/html; charset=utf-8' },
        body: body ?? page.html ?? '',
      },
      schedule: (url, fetch) => p.gate(url.href, fetch),
      refuse: async (url) => ((await p.robotsAllows(url)) ? null : 'robots'),
    };
    return this.options.renderer.render(page.finalUrl, request);
  }
}
