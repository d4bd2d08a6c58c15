import type { AuditResult, FetchedPage, Finding, PageOutcome, ResourceRef, ResourceResult, SiteFiles } from '@seology/audit';
import type { AuditFactory, AuditPort } from '../audit-port';

interface FakeState {
  pages: Array<{ url: string; finalUrl: string; status: number; depth: number; from: string | null; inSitemap: boolean; error?: string; html: boolean }>;
  robotsBlocked: Array<[string, string]>;
  resources: Array<[string, ResourceResult]>;
  siteFiles: { robotsStatus: number; llmsStatus: number; sitemapUrls: string[] } | null;
}

/**
 * A minimal stand-in for the audit, implementing the crawler-facing contract: extracts <a href>
 * and <img src> with a regular expression, reports a missing <title>, and records everything it
 * is told so tests can assert on it.
 */
export class FakeAudit implements AuditPort {
  state: FakeState = { pages: [], robotsBlocked: [], resources: [], siteFiles: null };
  /** Last FetchedPage per URL, including the html, for assertions in tests only. */
  readonly fetched = new Map<string, FetchedPage>();
  finished = false;

  setSiteFiles(files: SiteFiles): void {
    this.state.siteFiles = { robotsStatus: files.robotsTxt.status, llmsStatus: files.llmsTxt.status, sitemapUrls: [...files.sitemapUrls] };
  }

  addPage(page: FetchedPage): PageOutcome {
    this.fetched.set(page.url, page);
    this.state.pages.push({
      url: page.url,
      finalUrl: page.finalUrl,
      status: page.status,
      depth: page.depth,
      from: page.discoveredFrom,
      inSitemap: page.inSitemap,
      error: page.error,
      html: page.html !== null,
    });
    const links: string[] = [];
    const resources: ResourceRef[] = [];
    const findings: Finding[] = [];
    const html = page.html ?? '';
    for (const m of html.matchAll(/<a\s[^>]*href\s*=\s*["']([^"']*)["']/gi)) {
      try {
        const u = new URL(m[1] ?? '', page.finalUrl);
        u.hash = '';
        if (u.protocol === 'http:' || u.protocol === 'https:') {
          links.push(u.href);
          if (u.origin !== new URL(page.finalUrl).origin) resources.push({ url: u.href, kind: 'external-link' });
        }
      } catch {
        /* malformed href: ignored, as a browser would */
      }
    }
    for (const m of html.matchAll(/<img\s[^>]*src\s*=\s*["']([^"']*)["']/gi)) {
      try {
        resources.push({ url: new URL(m[1] ?? '', page.finalUrl).href, kind: 'image' });
      } catch {
        /* ignored */
      }
    }
    const title = /<title>([^<]*)<\/title>/i.exec(html)?.[1] ?? null;
    if (page.html !== null && title === null) findings.push({ checkId: 'title-missing', url: page.url, selector: 'head', message: 'No <title>.', evidence: null });
    return {
      links,
      resources,
      findings,
      summary: {
        url: page.url,
        finalUrl: page.finalUrl,
        status: page.status,
        depth: page.depth,
        title,
        description: null,
        canonical: null,
        h1: null,
        lang: null,
        wordCount: 0,
        contentHash: null,
        indexable: page.status === 200,
        bodyBytes: page.bodyBytes,
        ttfbMs: page.ttfbMs,
        totalMs: page.totalMs,
      },
    };
  }

  addResourceResult(url: string, result: ResourceResult): void {
    this.state.resources.push([url, result]);
  }

  addRobotsBlocked(url: string, fromUrl: string): void {
    this.state.robotsBlocked.push([url, fromUrl]);
  }

  finish(): AuditResult {
    this.finished = true;
    const countsByCheck: Record<string, number> = {};
    const missing = this.state.pages.filter((p) => p.html).length;
    if (missing > 0) countsByCheck['title-missing'] = missing;
    return { findings: [], healthScore: 100, countsByCheck, pagesAudited: this.state.pages.length };
  }

  snapshot(): unknown {
    return JSON.parse(JSON.stringify(this.state));
  }

  static restore(snapshot: unknown): FakeAudit {
    const a = new FakeAudit();
    a.state = JSON.parse(JSON.stringify(snapshot)) as FakeState;
    return a;
  }

  pageUrls(): string[] {
    return this.state.pages.map((p) => p.url);
  }

  page(url: string): FakeState['pages'][number] | undefined {
    return this.state.pages.find((p) => p.url === url);
  }
}

export function fakeAuditFactory(onCreate?: (a: FakeAudit) => void): AuditFactory {
  return {
    create() {
      const a = new FakeAudit();
      onCreate?.(a);
      return a;
    },
    restore(snapshot) {
      const a = FakeAudit.restore(snapshot);
      onCreate?.(a);
      return a;
    },
  };
}
