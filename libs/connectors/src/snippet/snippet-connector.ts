import { ConflictError, ConnectorError, InvalidInputError, PlatformError, UnsupportedChangeError } from '../errors';
import { createDefaultTransport, type SsrfPolicyLike } from '../http/default-transport';
import { retryOptions, sendWithRetry, type RetryOptions } from '../http/retry';
import { DEFAULT_TIMEOUT_MS, type HttpTransport } from '../http/transport';
import {
  type AppliedChange,
  type ConnectorCapabilities,
  type ListResourcesOptions,
  type PlatformConnector,
  type ResourcePage,
  type ResourceRef,
  type RevertOptions,
  type RevertedChange,
  type SeoChange,
  type SeoField,
  type SeoFields,
  type VerifyResult,
} from '../types';
import { decodeCursor, encodeCursor } from '../util/cursor';
import { readPageSeo } from '@seology/audit';
import { normalizePageUrl, sameSiteHost } from '../util/url';
import { SNIPPET_FIELDS, snippetPageKey, type SnippetFix } from './snippet-renderer';

/**
 * Where snippet fixes live (the API backs this with the database). "Active" fixes are the ones the
 * served snippet applies.
 */
export interface SnippetFixStore {
  listActive(): Promise<SnippetFix[]>;
  /** Stores a new active fix and returns it with its id. */
  activate(fix: Omit<SnippetFix, 'id'>): Promise<SnippetFix>;
  /** Makes a fix inactive; a no-op when it already is. */
  deactivate(id: string): Promise<void>;
}

export interface SnippetConnectorOptions {
  /** The key in the site's script tag (…/snippet/{siteKey}.js or data-site-key="{siteKey}"). */
  siteKey: string;
  /** The site's home page, where verify() looks for the script tag. */
  siteUrl: string;
  store: SnippetFixStore;
  /** Pages known for the site (from the crawl). Without it, the pages that have active fixes are listed. */
  listPages?: (cursor: string | null) => Promise<{ urls: string[]; nextCursor: string | null }>;
  transport?: HttpTransport;
  ssrfPolicy?: SsrfPolicyLike;
  retry?: Partial<RetryOptions>;
  timeoutMs?: number;
  /** Largest page read when verifying or reading fields. Default 5 MiB. */
  maxPageBytes?: number;
}

const UNSUPPORTED: Partial<Record<SeoField, string>> = {
  h1: 'The snippet changes head tags and image alts only; it does not rewrite visible page content',
  redirect: 'A script in the page cannot send an HTTP redirect; add the redirect on the web server or CDN',
};
const LIST_PAGE_SIZE = 100;

interface OffsetCursor extends Record<string, unknown> {
  o?: number;
  c?: string | null;
}

/**
 * The "any site" platform: fixes are records the served snippet applies in the browser. Applying a
 * change activates a fix record, reverting deactivates it (and reactivates what it replaced), so
 * the fix engine handles these sites exactly like CMS ones.
 */
export class SnippetConnector implements PlatformConnector {
  readonly platform = 'snippet' as const;
  private readonly site: URL;
  private readonly transport: HttpTransport;
  private readonly retry: RetryOptions;

  constructor(private readonly opts: SnippetConnectorOptions) {
    try {
      this.site = new URL(opts.siteUrl);
    } catch {
      throw new InvalidInputError('snippet', `"${opts.siteUrl}" is not a valid site URL`);
    }
    if (this.site.protocol !== 'http:' && this.site.protocol !== 'https:') {
      throw new InvalidInputError('snippet', `The site URL must start with http:// or https:// (got "${opts.siteUrl}")`);
    }
    if (!/^[A-Za-z0-9_-]{4,128}$/.test(opts.siteKey)) throw new InvalidInputError('snippet', 'The site key must be 4-128 letters, digits, "-" or "_"');
    this.transport = opts.transport ?? createDefaultTransport(opts.ssrfPolicy);
    this.retry = retryOptions(opts.retry);
  }

  async verify(): Promise<VerifyResult> {
    let page: { html: string; url: string };
    try {
      page = await this.fetchPage(this.site.href);
    } catch (e) {
      return { ok: false, reason: e instanceof ConnectorError ? e.message : `Unexpected error: ${(e as Error)?.message ?? String(e)}` };
    }
    const snap = readPageSeo(page.html, page.url);
    const key = this.opts.siteKey;
    const present = snap.scripts.some((s) => {
      if (s.attrs['data-site-key'] === key || s.attrs['data-seology-key'] === key) return true;
      if (!s.src) return false;
      let src = s.src;
      try {
        src = decodeURIComponent(s.src);
      } catch {
        // compare undecoded
      }
      return new RegExp(`(^|[^A-Za-z0-9_-])${key}([^A-Za-z0-9_-]|$)`).test(src);
    });
    if (!present) return { ok: false, reason: `The Seology snippet for site key '${key}' was not found on ${page.url}` };
    return snap.title ? { ok: true, siteName: snap.title } : { ok: true };
  }

  capabilities(): Promise<ConnectorCapabilities> {
    const fields = [...SNIPPET_FIELDS] as SeoField[];
    return Promise.resolve({ platform: 'snippet', fields, byKind: { page: fields }, unsupported: { ...UNSUPPORTED } });
  }

  async listResources(opts: ListResourcesOptions = {}): Promise<ResourcePage> {
    if (opts.kinds && !opts.kinds.includes('page')) return { items: [], nextCursor: null };
    const cursor = opts.cursor
      ? decodeCursor<OffsetCursor>('snippet', opts.cursor, (v): v is OffsetCursor => typeof v['o'] === 'number' || typeof v['c'] === 'string' || v['c'] === null)
      : {};
    if (this.opts.listPages) {
      const page = await this.opts.listPages(typeof cursor.c === 'string' ? cursor.c : null);
      const items = page.urls.map((u) => this.refFor(u)).filter((r): r is ResourceRef => r !== null);
      return { items, nextCursor: page.nextCursor === null ? null : encodeCursor({ c: page.nextCursor }) };
    }
    const urls = [...new Map((await this.opts.store.listActive()).map((f) => [snippetPageKey(f.pageUrl), f.pageUrl])).entries()]
      .filter(([k]) => k !== null)
      .sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1))
      .map(([, u]) => u);
    const offset = typeof cursor.o === 'number' ? cursor.o : 0;
    const items = urls
      .slice(offset, offset + LIST_PAGE_SIZE)
      .map((u) => this.refFor(u))
      .filter((r): r is ResourceRef => r !== null);
    return { items, nextCursor: offset + LIST_PAGE_SIZE < urls.length ? encodeCursor({ o: offset + LIST_PAGE_SIZE }) : null };
  }

  findResourceByUrl(url: string): Promise<ResourceRef | null> {
    return Promise.resolve(this.refFor(url));
  }

  /** What a visitor's browser ends up with: the live page's own values with the active fixes on top. */
  async readSeoFields(ref: ResourceRef): Promise<SeoFields> {
    const key = this.keyOf(ref);
    const page = await this.fetchPage(ref.url);
    const snap = readPageSeo(page.html, page.url);
    const out: SeoFields = {
      title: snap.title,
      metaDescription: snap.metaDescription,
      h1: snap.h1[0] ?? null,
      canonical: snap.canonical,
      robots: snap.robots,
      ogTitle: snap.ogTitle,
      ogDescription: snap.ogDescription,
      images: snap.images.map((i) => ({ id: null, src: i.src, alt: i.alt })),
      jsonLd: [...snap.jsonLd],
    };
    for (const f of (await this.opts.store.listActive()).filter((x) => this.appliesTo(x, key))) {
      switch (f.field) {
        case 'title':
        case 'metaDescription':
        case 'canonical':
        case 'robots':
        case 'ogTitle':
        case 'ogDescription':
          out[f.field] = f.value;
          break;
        case 'jsonLd':
          out.jsonLd.push(f.value);
          break;
        case 'imageAlt':
          for (const img of out.images) if (imageMatches(img.src, f.target ?? '', page.url)) img.alt = f.value;
          break;
        default:
          break;
      }
    }
    return out;
  }

  async applyChange(ref: ResourceRef, change: SeoChange): Promise<AppliedChange> {
    const key = this.keyOf(ref);
    this.assertCapable(change.field);
    if (typeof change.value !== 'string') throw new InvalidInputError('snippet', 'The change value must be a string');
    const target = this.targetOf(change.field, change.target);
    if (change.field === 'jsonLd') {
      try {
        JSON.parse(change.value);
      } catch {
        throw new InvalidInputError('snippet', 'The JSON-LD value is not valid JSON');
      }
    }
    const current = await this.activeFor(key, change.field, target);
    const created = await this.opts.store.activate({ pageUrl: ref.url, field: change.field, target, value: change.value });
    // Activate first, then retire the old ones: a snippet served in between has a fix either way.
    for (const old of current) if (old.id !== created.id) await this.opts.store.deactivate(old.id);
    return {
      platform: 'snippet',
      ref,
      field: change.field,
      ...(change.target !== undefined ? { target: change.target } : {}),
      value: change.value,
      before: current.at(-1)?.value ?? null,
      after: created.value,
      appliedAt: new Date().toISOString(),
      meta: { fixId: created.id },
    };
  }

  async revertChange(ref: ResourceRef, applied: AppliedChange, opts: RevertOptions = {}): Promise<RevertedChange> {
    if (applied.platform !== 'snippet' || applied.ref.id !== ref.id) throw new InvalidInputError('snippet', 'This change was not applied to this page');
    const key = this.keyOf(ref);
    const target = this.targetOf(applied.field, applied.target);
    const current = await this.activeFor(key, applied.field, target);
    const live = current.at(-1)?.value ?? null;
    const changed = live !== applied.after;
    if (changed && !opts.force) throw new ConflictError('snippet', applied.field, applied.after, live, applied.target);
    if (applied.before !== null) await this.opts.store.activate({ pageUrl: ref.url, field: applied.field, target, value: applied.before });
    for (const f of current) await this.opts.store.deactivate(f.id);
    return {
      field: applied.field,
      ...(applied.target !== undefined ? { target: applied.target } : {}),
      restored: applied.before,
      replaced: live,
      forced: changed,
    };
  }

  // ---------------------------------------------------------------------------------------------

  private refFor(url: string): ResourceRef | null {
    const norm = normalizePageUrl(url);
    if (norm === null) return null;
    const u = new URL(norm);
    if (!sameSiteHost(u.host, this.site.host)) return null;
    return { platform: 'snippet', kind: 'page', id: snippetPageKey(norm) as string, url: norm };
  }

  private keyOf(ref: ResourceRef): string {
    const key = ref.platform === 'snippet' && ref.kind === 'page' ? snippetPageKey(ref.url) : null;
    if (key === null || key !== ref.id) throw new InvalidInputError('snippet', `Not a snippet page reference: ${ref.platform} ${ref.kind} ${ref.id}`);
    return key;
  }

  private assertCapable(field: SeoField): void {
    if ((SNIPPET_FIELDS as readonly string[]).includes(field)) return;
    throw new UnsupportedChangeError('snippet', field, 'page', UNSUPPORTED[field] ?? `The snippet cannot change ${field}`);
  }

  private targetOf(field: SeoField, target: string | undefined): string | null {
    const t = target?.trim() ?? '';
    if (field === 'imageAlt') {
      if (t === '') throw new InvalidInputError('snippet', 'An image alt change needs a target: the image src or a CSS selector');
      return t;
    }
    if (field === 'jsonLd') return t === '' ? 'seology' : t;
    return null;
  }

  /** Fixes that the snippet applies on this page: same path, and either no query or the same query. */
  private appliesTo(f: SnippetFix, key: string): boolean {
    const k = snippetPageKey(f.pageUrl);
    if (k === null) return false;
    return k === key || k === key.replace(/\?.*$/, '');
  }

  private async activeFor(key: string, field: SeoField, target: string | null): Promise<SnippetFix[]> {
    const slotTarget = field === 'jsonLd' ? (target ?? 'seology') : target;
    return (await this.opts.store.listActive()).filter(
      (f) => snippetPageKey(f.pageUrl) === key && f.field === field && (f.field === 'jsonLd' ? (f.target || 'seology') : (f.target ?? null)) === slotTarget,
    );
  }

  private async fetchPage(url: string): Promise<{ html: string; url: string }> {
    const { response, attempts } = await sendWithRetry(
      this.transport,
      {
        url,
        method: 'GET',
        headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5', 'user-agent': 'Seology/1.0 (+snippet check)' },
        timeoutMs: this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        maxBytes: this.opts.maxPageBytes ?? 5 * 1024 * 1024,
        maxRedirects: 5,
      },
      this.retry,
      'snippet',
    );
    if (response.status < 200 || response.status >= 300) {
      throw new PlatformError('snippet', `${url} answered ${response.status}${attempts > 1 ? ` after ${attempts} attempts` : ''}`, response.status);
    }
    return { html: response.body, url: response.url };
  }
}

function imageMatches(src: string, target: string, pageUrl: string): boolean {
  const t = target.trim();
  if (!(/^(https?:)?\/\//i.test(t) || t.startsWith('/'))) return false; // CSS selectors need a DOM
  const bare = (u: string) => {
    try {
      const x = new URL(u, pageUrl);
      return `${x.origin}${x.pathname}`;
    } catch {
      return u;
    }
  };
  return bare(src) === bare(t);
}
