import { decideRendering, shouldRenderSite, type PageOutcome, type PageRenderRecord, type RenderVerdict } from '@seology/audit';
import type { CrawlRenderOptions } from '@seology/crawler';
import type { SsrfPolicy } from '@seology/net';
import { assertChromium, chromiumPath, ChromiumUnavailableError, createRenderer, type PageRenderer } from '@seology/render';

export type RenderMode = 'off' | 'on' | 'auto';

/** What a crawl's stats keep about rendering (`stats.render`); the dashboard shows `summary`. */
export interface CrawlRenderStats {
  mode: RenderMode;
  /** Pages past the sample were rendered (always for 'on'); false when rendering was unavailable or not needed. */
  rendered: boolean;
  summary: string;
  /** The `auto` decision, when the sample was complete. */
  verdict?: Omit<RenderVerdict, 'summary'>;
}

/**
 * Rendering for one crawl job: the crawler's render options (a Chromium renderer under the crawl's
 * SSRF policy, and for `auto` the audit's decision over the sample), and what to store afterwards.
 * `close()` must run once the crawl is over, whatever happened (the browser is a process of its own).
 */
export class CrawlRendering {
  private verdict: RenderVerdict | null = null;
  /** Records of the rendered pages while no decision was taken (a site smaller than the sample). */
  private readonly undecided: PageRenderRecord[] = [];
  private unavailable: string | null = null;
  private readonly renderer: PageRenderer | null;

  constructor(
    readonly mode: RenderMode,
    private readonly startUrl: string,
    policy: SsrfPolicy,
    open: (policy: SsrfPolicy) => PageRenderer = openRenderer,
  ) {
    let renderer: PageRenderer | null = null;
    if (mode !== 'off') {
      try {
        renderer = open(policy);
      } catch (error) {
        // No browser on this machine: the crawl still runs and audits the raw HTML, and says why.
        if (!(error instanceof ChromiumUnavailableError)) throw error;
        this.unavailable = error.message;
      }
    }
    this.renderer = renderer;
  }

  /** Options for crawlSite, undefined when nothing is rendered. */
  crawlOptions(): CrawlRenderOptions | undefined {
    if (this.renderer === null || this.mode === 'off') return undefined;
    if (this.mode === 'on') return { renderer: this.renderer, mode: 'on' };
    return {
      renderer: this.renderer,
      mode: 'auto',
      decide: (sample) => {
        this.verdict = decideRendering(
          sample.map((s) => ({ url: s.url, rawHtml: s.rawHtml, rendered: s.rendered })),
          { startUrl: this.startUrl },
        );
        return this.verdict.render;
      },
    };
  }

  /** Every audited page of the crawl; keeps the rendered sample pages' records until the decision. */
  observe(outcome: PageOutcome): void {
    if (this.mode === 'auto' && this.verdict === null && outcome.summary.render !== undefined) this.undecided.push(outcome.summary.render);
  }

  /** Null for 'off' (nothing to say). */
  stats(): CrawlRenderStats | null {
    if (this.mode === 'off') return null;
    if (this.unavailable !== null) return { mode: this.mode, rendered: false, summary: `Rendering unavailable: ${this.unavailable}` };
    if (this.mode === 'on') return { mode: 'on', rendered: true, summary: 'Rendering on: every page was rendered with JavaScript.' };
    // A site with fewer pages than the sample was rendered whole; decide from what it showed.
    if (this.verdict === null && this.undecided.length > 0) this.verdict = shouldRenderSite(this.undecided);
    if (this.verdict === null) {
      return { mode: 'auto', rendered: false, summary: 'Rendering not decided: the crawl ended before any sample page was rendered.' };
    }
    const { summary, ...verdict } = this.verdict;
    return { mode: 'auto', rendered: verdict.render, summary, verdict };
  }

  async close(): Promise<void> {
    await this.renderer?.close();
  }
}

function openRenderer(policy: SsrfPolicy): PageRenderer {
  const path = chromiumPath();
  assertChromium(path, 'JavaScript rendering runs');
  return createRenderer({ executablePath: path, policy });
}
