import {
  ConnectorError,
  InvalidInputError,
  NotFoundError,
  UnsupportedChangeError,
  ValidationError,
} from '../errors';
import { createDefaultTransport, type SsrfPolicyLike } from '../http/default-transport';
import { retryOptions, type RetryOptions } from '../http/retry';
import { DEFAULT_TIMEOUT_MS, type HttpTransport } from '../http/transport';
import {
  emptySeoFields,
  type AppliedChange,
  type ConnectorCapabilities,
  type ImageAlt,
  type ListResourcesOptions,
  type PlatformConnector,
  type ResourceKind,
  type ResourcePage,
  type ResourceRef,
  type RevertOptions,
  type RevertedChange,
  type SeoChange,
  type SeoField,
  type SeoFields,
  type VerifyResult,
  type WordPressSetup,
} from '../types';
import { decodeCursor, encodeCursor } from '../util/cursor';
import { appliedChangeOf, revertStoredChange } from '../util/stored-change';
import { decodeEntities, findImgTags, attr, imgAlt, replaceTag, withAlt, type ImgTag } from '../util/html-img';
import { parseRobots } from '../util/robots';
import { hostOf, normalizePageUrl, pathSegments, samePage, sameSiteHost, toSitePath } from '../util/url';
import { WordPressApi, type WpItem } from './wordpress-api';
import {
  COMPANION_FIELD,
  COMPANION_NAMESPACE,
  CompanionClient,
  isCompanionField,
  seoFieldsOf,
  type CompanionKind,
  type CompanionRedirect,
  type CompanionSeoField,
  type CompanionStatus,
} from './wordpress-companion';
import {
  PLUGIN_LABEL,
  PLUGIN_NAMESPACE,
  SEO_META_KEYS,
  robotsFromYoastNoindex,
  yoastNoindexFromRobots,
  type WpSeoPlugin,
} from './wordpress-seo-plugins';

export interface WordPressConnectorOptions {
  /** The site's public address, e.g. "https://example.com" (a sub-directory install keeps its path). */
  siteUrl: string;
  username: string;
  /** An application password (Users → Profile → Application Passwords); spaces are allowed. */
  applicationPassword: string;
  /**
   * The REST root found earlier for this site (e.g. "https://example.com/index.php?rest_route=/").
   * When absent, or when it stops answering the REST API, the root is discovered from the site
   * (its `Link: <…>; rel="https://api.w.org/"` header or <link>, then /wp-json/, then /?rest_route=/).
   */
  apiRoot?: string;
  /** Told each root discovered, so the caller can store it with the connection for next time. */
  onApiRoot?: (root: string) => void | Promise<void>;
  /** Defaults to the SSRF-checked transport built from `ssrfPolicy`. */
  transport?: HttpTransport;
  ssrfPolicy?: SsrfPolicyLike;
  retry?: Partial<RetryOptions>;
  /** Items per listing page, 1..100. Default 50. */
  perPage?: number;
  timeoutMs?: number;
  /** Which SEO plugin's fields to write; "auto" picks the one whose fields the site exposes. */
  seoPlugin?: 'auto' | WpSeoPlugin | 'none';
  /** Redirection plugin group new redirects go into. Default 1 ("Redirections"). */
  redirectGroupId?: number;
}

/** Kinds WordPress's own REST API has routes for; terms and the home page need the Seology plugin. */
type CoreKind = 'post' | 'page' | 'media';
type WpKind = CoreKind | 'term' | 'home';
const WP_KINDS: readonly CoreKind[] = ['post', 'page', 'media'];
const ALL_KINDS: readonly WpKind[] = [...WP_KINDS, 'term', 'home'];
const ROUTE: Record<CoreKind, string> = { post: 'wp/v2/posts', page: 'wp/v2/pages', media: 'wp/v2/media' };
const LIST_STATUS: Record<CoreKind, string> = { post: 'publish', page: 'publish', media: 'inherit' };
const TERM_ROUTES = ['wp/v2/categories', 'wp/v2/tags'] as const;
const LIST_FIELDS = 'id,link,slug,title,type,source_url';
const META_FIELDS = ['title', 'metaDescription', 'canonical', 'robots', 'ogTitle', 'ogDescription'] as const satisfies readonly SeoField[];
const FIELD_LABEL: Record<(typeof META_FIELDS)[number] | 'jsonLd', string> = {
  title: 'SEO title',
  metaDescription: 'meta description',
  canonical: 'canonical URL',
  robots: 'robots directive',
  ogTitle: 'Open Graph title',
  ogDescription: 'Open Graph description',
  jsonLd: 'JSON-LD block',
};

interface SiteInfo {
  name: string | null;
  namespaces: string[];
  /** Registered meta key → JSON schema type, per post type, from the routes' OPTIONS schema. */
  meta: Record<'post' | 'page', Map<string, string>>;
  plugin: Record<'post' | 'page', WpSeoPlugin | null>;
  redirection: boolean;
  /** The Seology plugin's status when it is active and the user may read it. */
  companion: CompanionStatus | null;
}

interface RedirectionItem {
  id: number;
  url: string;
  action_data?: { url?: string } | string | null;
  enabled?: boolean;
  match_type?: string;
  action_type?: string;
}

/** Where the stored value came from, so the write goes to the same place. */
type Slot =
  | { kind: 'title'; item: WpItem }
  | { kind: 'meta'; key: string; type: string; item: WpItem }
  | { kind: 'media-alt'; item: WpItem }
  | { kind: 'content-img'; item: WpItem; tag: ImgTag; target: string }
  | { kind: 'redirect'; path: string; existing: RedirectionItem | null }
  | { kind: 'companion'; on: CompanionKind; field: CompanionSeoField }
  | { kind: 'companion-redirect'; path: string; existing: CompanionRedirect | null }
  | { kind: 'companion-media-alt' };

interface Stored {
  value: string | null;
  slot: Slot;
}

interface WpCursor extends Record<string, unknown> {
  k: CoreKind;
  p: number;
}

export class WordPressConnector implements PlatformConnector {
  readonly platform = 'wordpress' as const;
  private readonly api: WordPressApi;
  private readonly transport: HttpTransport;
  private readonly siteUrl: URL;
  private readonly perPage: number;
  private readonly companion: CompanionClient;
  private siteInfo: Promise<SiteInfo> | null = null;

  constructor(private readonly opts: WordPressConnectorOptions) {
    let site: URL;
    try {
      site = new URL(opts.siteUrl);
    } catch {
      throw new InvalidInputError('wordpress', `"${opts.siteUrl}" is not a valid site URL`);
    }
    if (site.protocol !== 'http:' && site.protocol !== 'https:') {
      throw new InvalidInputError('wordpress', `The site URL must start with http:// or https:// (got "${opts.siteUrl}")`);
    }
    site.hash = '';
    site.search = '';
    if (!site.pathname.endsWith('/')) site.pathname += '/';
    this.siteUrl = site;
    this.perPage = Math.min(100, Math.max(1, Math.floor(opts.perPage ?? 50)));
    this.transport = opts.transport ?? createDefaultTransport(opts.ssrfPolicy);
    this.api = new WordPressApi({
      siteUrl: site,
      ...(opts.apiRoot ? { apiRoot: opts.apiRoot } : {}),
      ...(opts.onApiRoot ? { onApiRoot: opts.onApiRoot } : {}),
      username: opts.username,
      // WordPress ignores everything but letters and digits in application passwords.
      applicationPassword: opts.applicationPassword,
      transport: this.transport,
      retry: retryOptions(opts.retry),
      timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
    this.companion = new CompanionClient(this.api);
  }

  /** The REST root in use (as given, or as discovered); null until the first request. */
  get apiRoot(): string | null {
    return this.api.apiRoot;
  }

  async verify(): Promise<VerifyResult> {
    let name: string | null = null;
    try {
      const index = await this.api.call<{ name?: string; namespaces?: string[] }>('GET', '', { auth: false, subject: 'REST API index' });
      if (!index.data || !Array.isArray(index.data.namespaces) || !index.data.namespaces.includes('wp/v2')) {
        return { ok: false, reason: `${this.siteUrl.origin} does not expose the WordPress REST API (wp/v2)` };
      }
      name = typeof index.data.name === 'string' ? decodeEntities(index.data.name) : null;
    } catch (e) {
      return { ok: false, reason: reasonOf(e) };
    }
    try {
      const me = await this.api.call<{ id?: number; capabilities?: Record<string, boolean> }>('GET', 'wp/v2/users/me', {
        query: { context: 'edit' },
        subject: 'current user',
        action: 'view their own profile',
      });
      const caps = me.data.capabilities ?? {};
      if (!caps['edit_posts'] && !caps['edit_pages'] && !caps['upload_files']) {
        return { ok: false, reason: `WordPress user '${this.opts.username}' can log in but cannot edit posts, pages or media` };
      }
    } catch (e) {
      return { ok: false, reason: reasonOf(e) };
    }
    this.siteInfo = null;
    return name ? { ok: true, siteName: name } : { ok: true };
  }

  async capabilities(): Promise<ConnectorCapabilities> {
    const site = await this.site();
    const companion = site.companion;
    const byKind: Partial<Record<ResourceKind, SeoField[]>> = {
      post: this.fieldsFor(site, 'post'),
      page: this.fieldsFor(site, 'page'),
      media: ['imageAlt'],
    };
    if (companion) {
      const term = seoFieldsOf(companion.fields.term);
      const home = seoFieldsOf(companion.fields.home);
      if (term.length > 0) byKind.term = term;
      if (home.length > 0) byKind.home = home;
    }
    const fields = [...new Set(Object.values(byKind).flat())] as SeoField[];
    const unsupported: Partial<Record<SeoField, string>> = {};
    const anyPluginNs = (Object.keys(PLUGIN_NAMESPACE) as WpSeoPlugin[]).filter((p) => site.namespaces.includes(PLUGIN_NAMESPACE[p]));
    for (const f of [...META_FIELDS, 'jsonLd'] as const) {
      if (fields.includes(f)) continue;
      unsupported[f] = companion
        ? `The Seology plugin is active but user '${this.opts.username}' may not change ${FIELD_LABEL[f]} here`
        : anyPluginNs.length === 0
          ? `WordPress itself has no ${FIELD_LABEL[f]} setting: install the Seology plugin to let us write ${FIELD_LABEL[f]}s`
          : `${anyPluginNs.map((p) => PLUGIN_LABEL[p]).join(' and ')} does not let the REST API write its ${FIELD_LABEL[f]}: install the Seology plugin to let us write ${FIELD_LABEL[f]}s`;
    }
    if (!fields.includes('redirect')) {
      unsupported.redirect = companion
        ? `User '${this.opts.username}' may not manage redirects (the Seology plugin needs the manage_options capability for them)`
        : 'Neither the Seology plugin nor the Redirection plugin is active: install the Seology plugin to let us add redirects';
    }
    return { platform: 'wordpress', fields, byKind, unsupported, wordpress: this.setupOf(site) };
  }

  async listResources(opts: ListResourcesOptions = {}): Promise<ResourcePage> {
    const kinds = (opts.kinds ?? WP_KINDS).filter((k): k is CoreKind => (WP_KINDS as readonly string[]).includes(k));
    if (kinds.length === 0) return { items: [], nextCursor: null };
    let kindIndex = 0;
    let page = 1;
    if (opts.cursor) {
      const c = decodeCursor<WpCursor>('wordpress', opts.cursor, (v): v is WpCursor => typeof v['k'] === 'string' && typeof v['p'] === 'number');
      kindIndex = kinds.indexOf(c.k);
      if (kindIndex < 0) throw new InvalidInputError('wordpress', `The listing cursor is for ${c.k} items, which were not asked for`);
      page = Math.max(1, Math.floor(c.p));
    }
    while (kindIndex < kinds.length) {
      const kind = kinds[kindIndex];
      if (kind === undefined) break;
      let res;
      try {
        res = await this.api.call<WpItem[]>('GET', ROUTE[kind], {
          query: { page, per_page: this.perPage, status: LIST_STATUS[kind], orderby: 'id', order: 'asc', _fields: LIST_FIELDS },
          subject: `${kind} listing`,
          action: `list ${kind}s`,
        });
      } catch (e) {
        // Items deleted since the previous page can leave the cursor past the end of this kind.
        if (e instanceof ValidationError && e.platformCode === 'rest_post_invalid_page_number') {
          kindIndex++;
          page = 1;
          continue;
        }
        throw e;
      }
      const totalPages = parseInt(res.headers['x-wp-totalpages'] ?? '0', 10) || 0;
      const items = res.data.map((it) => this.toRef(kind, it));
      const nextKind = kinds[kindIndex + 1];
      const next: WpCursor | null = page < totalPages ? { k: kind, p: page + 1 } : nextKind !== undefined ? { k: nextKind, p: 1 } : null;
      if (items.length > 0 || next === null) return { items, nextCursor: next ? encodeCursor(next) : null };
      if (next.k === kind) page = next.p;
      else {
        kindIndex++;
        page = 1;
      }
    }
    return { items: [], nextCursor: null };
  }

  async findResourceByUrl(url: string): Promise<ResourceRef | null> {
    const norm = normalizePageUrl(url);
    if (norm === null) return null;
    const u = new URL(norm);
    if (!sameSiteHost(u.host, this.siteUrl.host)) return null;
    // A comment-reply link shows the post with a reply form; WordPress keeps it out of search itself.
    if (u.searchParams.has('replytocom')) return null;

    for (const [param, kinds] of [
      ['p', ['post', 'page']],
      ['page_id', ['page']],
      ['attachment_id', ['media']],
    ] as const) {
      const id = u.searchParams.get(param);
      if (id && /^\d+$/.test(id)) {
        for (const kind of kinds) {
          const item = await this.tryGet(kind, id);
          if (item) return this.toRef(kind, item);
        }
        return null;
      }
    }

    const site = await this.site();
    // Archives are resources only when the Seology plugin makes their fields writable.
    const termsWritable = (site.companion?.fields.term.length ?? 0) > 0;
    if (termsWritable) {
      const cat = u.searchParams.get('cat');
      const tag = u.searchParams.get('tag');
      if (cat !== null) return /^\d+$/.test(cat) ? this.findTerm('wp/v2/categories', { include: cat }, null) : null;
      if (tag !== null) return this.findTerm('wp/v2/tags', { slug: tag.toLowerCase() }, null);
    }

    const sitePath = this.siteUrl.pathname;
    const relative = u.pathname.startsWith(sitePath) ? u.pathname.slice(sitePath.length) : u.pathname.replace(/^\//, '');
    const segments = pathSegments(relative);
    // The home path with a query is something else under plain permalinks (?cat=, ?s=, ?feed=, ?paged=).
    if (segments.length === 0) {
      if (u.search !== '') return null;
      return site.companion ? this.companionFrontPage(site.companion, u) : this.frontPage();
    }

    const isUpload = segments.includes('wp-content') && segments.includes('uploads');
    const last = segments[segments.length - 1] ?? '';
    const kinds: CoreKind[] = isUpload ? ['media'] : ['post', 'page', 'media'];
    const slug = isUpload ? last.replace(/\.[a-z0-9]+$/i, '').replace(/-\d+x\d+$/, '').replace(/-scaled$/, '') : last;
    for (const kind of kinds) {
      const found = await this.api.call<WpItem[]>('GET', ROUTE[kind], {
        query: { slug: slug.toLowerCase(), status: LIST_STATUS[kind], per_page: 10, _fields: LIST_FIELDS },
        subject: `${kind} lookup`,
        action: `list ${kind}s`,
      });
      const hit = found.data.find((it) => this.matchesUrl(kind, it, norm));
      if (hit) return this.toRef(kind, hit);
    }
    if (termsWritable && !isUpload) {
      for (const route of TERM_ROUTES) {
        const term = await this.findTerm(route, { slug: last.toLowerCase() }, norm);
        if (term) return term;
      }
    }
    // Custom permalink structures may not end in the slug; a text search on it is the fallback.
    if (!isUpload) {
      const words = last.replace(/[-_]+/g, ' ').trim();
      if (words !== '') {
        for (const kind of ['post', 'page'] as const) {
          const found = await this.api.call<WpItem[]>('GET', ROUTE[kind], {
            query: { search: words, status: LIST_STATUS[kind], per_page: 20, _fields: LIST_FIELDS },
            subject: `${kind} search`,
            action: `list ${kind}s`,
          });
          const hit = found.data.find((it) => this.matchesUrl(kind, it, norm));
          if (hit) return this.toRef(kind, hit);
        }
      }
    }
    return null;
  }

  async readSeoFields(ref: ResourceRef): Promise<SeoFields> {
    const kind = this.kindOf(ref);
    if (kind === 'term' || kind === 'home') {
      await this.assertCompanion(kind);
      return this.companionSeoFields(kind, ref.id, emptySeoFields());
    }
    const item = await this.getItem(kind, ref.id);
    const out = emptySeoFields();
    if (kind === 'media') {
      out.h1 = item.title?.raw ?? null;
      out.images = [{ id: String(item.id), src: item.source_url ?? item.link, alt: item.alt_text ?? null }];
      return out;
    }
    const site = await this.site();
    out.h1 = item.title?.raw ?? null;
    out.images = this.imagesOf(item);
    if (site.companion) return this.companionSeoFields('post', ref.id, out);
    const plugin = site.plugin[kind];
    if (plugin) {
      const keys = SEO_META_KEYS[plugin];
      const meta = item.meta ?? {};
      const str = (f: SeoField): string | null => {
        const key = keys[f];
        if (!key || !site.meta[kind].has(key)) return null;
        const v = storedMeta(meta[key]);
        return v === '' ? null : v;
      };
      out.title = str('title');
      out.metaDescription = str('metaDescription');
      out.canonical = str('canonical');
      out.ogTitle = str('ogTitle');
      out.ogDescription = str('ogDescription');
      const robotsKey = keys.robots;
      if (robotsKey && site.meta[kind].has(robotsKey)) {
        const raw = meta[robotsKey];
        out.robots =
          plugin === 'yoast'
            ? robotsFromYoastNoindex(storedMeta(raw))
            : Array.isArray(raw)
              ? raw.length > 0
                ? raw.map(String).join(',')
                : null
              : storedMeta(raw) || null;
      }
    }
    const schema = item.yoast_head_json?.['schema'];
    if (schema && typeof schema === 'object') out.jsonLd = [JSON.stringify(schema)];
    return out;
  }

  async applyChange(ref: ResourceRef, change: SeoChange): Promise<AppliedChange> {
    const kind = this.kindOf(ref);
    await this.assertCapable(kind, change.field);
    if (typeof change.value !== 'string') throw new InvalidInputError('wordpress', 'The change value must be a string');
    const current = await this.readStored(kind, ref, change.field, change.target);
    const slot = current.slot;
    // The plugin knows its stores (Yoast keeps robots in three keys): it is sent the value, and answers the stored form.
    const after =
      slot.kind === 'companion'
        ? await this.companion.write(slot.on, ref.id, slot.field, change.value)
        : await this.writeStored(kind, ref, slot, this.toStored(slot, change.field, change.value));
    return appliedChangeOf('wordpress', ref, change, current, after);
  }

  async readStoredValue(ref: ResourceRef, change: Pick<SeoChange, 'field' | 'target'>): Promise<string | null> {
    const kind = this.kindOf(ref);
    await this.assertCapable(kind, change.field);
    return (await this.readStored(kind, ref, change.field, change.target)).value;
  }

  async revertChange(ref: ResourceRef, applied: AppliedChange, opts: RevertOptions = {}): Promise<RevertedChange> {
    return revertStoredChange(
      'wordpress',
      'WordPress',
      ref,
      applied,
      opts,
      () => this.readStored(this.kindOf(ref), ref, applied.field, applied.target),
      (slot, value) => this.writeStored(this.kindOf(ref), ref, slot, value),
    );
  }

  // ---------------------------------------------------------------------------------------------

  private site(): Promise<SiteInfo> {
    if (!this.siteInfo) {
      this.siteInfo = this.discover();
      this.siteInfo.catch(() => {
        this.siteInfo = null;
      });
    }
    return this.siteInfo;
  }

  private async discover(): Promise<SiteInfo> {
    const index = await this.api.call<{ name?: string; namespaces?: string[] }>('GET', '', { subject: 'REST API index' });
    const namespaces = Array.isArray(index.data.namespaces) ? index.data.namespaces.map(String) : [];
    const meta = { post: new Map<string, string>(), page: new Map<string, string>() };
    for (const kind of ['post', 'page'] as const) {
      try {
        // The route's OPTIONS schema lists the post meta registered with show_in_rest, with types.
        const res = await this.api.call<{ schema?: { properties?: { meta?: { properties?: Record<string, { type?: string | string[] }> } } } }>(
          'OPTIONS',
          ROUTE[kind],
          { subject: `${kind} schema`, action: `read the ${kind} schema` },
        );
        const props = res.data.schema?.properties?.meta?.properties ?? {};
        for (const [key, def] of Object.entries(props)) {
          const t = Array.isArray(def.type) ? (def.type.find((x) => x !== 'null') ?? 'string') : (def.type ?? 'string');
          meta[kind].set(key, t);
        }
      } catch (e) {
        if (!(e instanceof ConnectorError) || e.code === 'connection' || e.code === 'rate-limit') throw e;
      }
    }
    const pick = (kind: 'post' | 'page'): WpSeoPlugin | null => {
      const pref = this.opts.seoPlugin ?? 'auto';
      if (pref === 'none') return null;
      const candidates: WpSeoPlugin[] = pref === 'auto' ? ['yoast', 'rankmath'] : [pref];
      for (const p of candidates) {
        if (!namespaces.includes(PLUGIN_NAMESPACE[p])) continue;
        if (Object.values(SEO_META_KEYS[p]).some((k) => meta[kind].has(k))) return p;
      }
      return null;
    };
    return {
      name: typeof index.data.name === 'string' ? decodeEntities(index.data.name) : null,
      namespaces,
      meta,
      plugin: { post: pick('post'), page: pick('page') },
      redirection: namespaces.includes('redirection/v1'),
      companion: namespaces.includes(COMPANION_NAMESPACE) ? await this.companion.status() : null,
    };
  }

  private setupOf(site: SiteInfo): WordPressSetup {
    const c = site.companion;
    if (c) {
      return { companionPlugin: c.version, seoPlugin: c.seo_plugin === 'none' ? null : c.seo_plugin, redirects: c.redirects };
    }
    return { companionPlugin: null, seoPlugin: site.plugin.post ?? site.plugin.page, redirects: site.redirection ? 'redirection' : null };
  }

  private fieldsFor(site: SiteInfo, kind: 'post' | 'page'): SeoField[] {
    const fields: SeoField[] = ['h1', 'imageAlt'];
    if (site.companion) {
      fields.push(...seoFieldsOf(site.companion.fields[kind]));
      if (site.companion.redirects !== null) fields.push('redirect');
      return fields;
    }
    const plugin = site.plugin[kind];
    if (plugin) {
      for (const f of META_FIELDS) {
        const key = SEO_META_KEYS[plugin][f];
        if (key && site.meta[kind].has(key)) fields.push(f);
      }
    }
    if (site.redirection) fields.push('redirect');
    return fields;
  }

  /** Fills the fields the Seology plugin manages into `out`, from the plugin's values. */
  private async companionSeoFields(on: CompanionKind, id: string, out: SeoFields): Promise<SeoFields> {
    const { fields } = await this.companion.read(on, id);
    const value = (f: keyof typeof COMPANION_FIELD): string | null => fields[COMPANION_FIELD[f]]?.value ?? null;
    out.title = value('title');
    out.metaDescription = value('metaDescription');
    out.canonical = value('canonical');
    out.robots = value('robots');
    out.ogTitle = value('ogTitle');
    out.ogDescription = value('ogDescription');
    const jsonLd = value('jsonLd');
    out.jsonLd = jsonLd === null ? [] : [jsonLd];
    return out;
  }

  private async assertCompanion(kind: 'term' | 'home'): Promise<void> {
    const caps = await this.capabilities();
    if (caps.byKind[kind] === undefined) {
      throw new UnsupportedChangeError('wordpress', 'title', kind, `Seology can read and change a WordPress ${kind} only through the Seology plugin`);
    }
  }

  private async assertCapable(kind: WpKind, field: SeoField): Promise<void> {
    const caps = await this.capabilities();
    if (caps.byKind[kind]?.includes(field)) return;
    const reason = caps.unsupported[field] ?? `WordPress ${kind} items have no ${field} that Seology can change`;
    throw new UnsupportedChangeError('wordpress', field, kind, reason);
  }

  private kindOf(ref: ResourceRef): WpKind {
    if (ref.platform !== 'wordpress' || !(ALL_KINDS as readonly string[]).includes(ref.kind) || !/^\d+$/.test(ref.id)) {
      throw new InvalidInputError('wordpress', `Not a WordPress resource reference: ${ref.platform} ${ref.kind} ${ref.id}`);
    }
    return ref.kind as WpKind;
  }

  private toRef(kind: CoreKind, it: WpItem): ResourceRef {
    const title = it.title?.rendered ?? it.title?.raw;
    return {
      platform: 'wordpress',
      kind,
      id: String(it.id),
      url: kind === 'media' && it.source_url ? it.source_url : it.link,
      ...(title !== undefined ? { title: decodeEntities(title) } : {}),
    };
  }

  private matchesUrl(kind: CoreKind, it: WpItem, url: string): boolean {
    if (samePage(it.link, url)) return true;
    return kind === 'media' && it.source_url !== undefined && samePage(it.source_url, url);
  }

  /** A category or tag by id or slug; with `url`, only the one whose archive is at that address. */
  private async findTerm(route: string, query: Record<string, string>, url: string | null): Promise<ResourceRef | null> {
    const found = await this.api.call<Array<{ id: number; link: string; name?: string }>>('GET', route, {
      query: { ...query, per_page: 10, _fields: 'id,link,name' },
      subject: 'term lookup',
      action: 'list terms',
    });
    const hit = found.data.find((t) => url === null || samePage(t.link, url));
    if (!hit) return null;
    return { platform: 'wordpress', kind: 'term', id: String(hit.id), url: hit.link, ...(hit.name ? { title: decodeEntities(hit.name) } : {}) };
  }

  /** The front page as the Seology plugin reports it: a page, or the home page listing posts. */
  private async companionFrontPage(companion: CompanionStatus, u: URL): Promise<ResourceRef | null> {
    if (!companion.front_page.lists_posts) {
      const item = await this.tryGet('page', String(companion.front_page.page_id));
      return item ? this.toRef('page', item) : null;
    }
    // "/?s=…", "/?paged=2" or "/?replytocom=…" are other views at the same path.
    if (u.search !== '' || companion.fields.home.length === 0) return null;
    return { platform: 'wordpress', kind: 'home', id: '0', url: companion.front_page.url };
  }

  private async frontPage(): Promise<ResourceRef | null> {
    try {
      const s = await this.api.call<{ show_on_front?: string; page_on_front?: number }>('GET', 'wp/v2/settings', {
        subject: 'site settings',
        action: 'read the site settings',
      });
      if (s.data.show_on_front === 'page' && s.data.page_on_front) {
        const item = await this.tryGet('page', String(s.data.page_on_front));
        if (item) return this.toRef('page', item);
      }
      if (s.data.show_on_front !== undefined) return null;
    } catch (e) {
      // Reading settings needs manage_options, which editors do not have: the home page says instead.
      if (!(e instanceof ConnectorError) || (e.code !== 'permission' && e.code !== 'not-found')) throw e;
    }
    return this.frontPageFromHomeHtml();
  }

  /**
   * WordPress announces the REST address of the content it shows on singular views, the static front
   * page included: a `Link: <…/wp/v2/pages/2>; rel="alternate"; type="application/json"` header and
   * the same as a <link> in <head>, plus `<link rel="shortlink" href="…/?p=2">`. A home page listing
   * the latest posts has none of them, and is not a resource.
   */
  private async frontPageFromHomeHtml(): Promise<ResourceRef | null> {
    let res;
    try {
      res = await this.transport.request({ url: this.siteUrl.href, method: 'GET', timeoutMs: DEFAULT_TIMEOUT_MS, maxBytes: 2 * 1024 * 1024, maxRedirects: 3 });
    } catch {
      return null;
    }
    if (res.status !== 200) return null;
    const found = restAlternateOf(res.headers['link'] ?? '', res.body);
    if (found) {
      const item = await this.tryGet(found.kind, found.id);
      return item ? this.toRef(found.kind, item) : null;
    }
    const short = /<link\b[^>]*\brel=["']?shortlink\b[^>]*>/i.exec(res.body);
    const id = short ? /[?&](?:p|page_id)=(\d+)/.exec(short[0])?.[1] : undefined;
    if (id === undefined) return null;
    for (const kind of ['page', 'post'] as const) {
      const item = await this.tryGet(kind, id);
      if (item) return this.toRef(kind, item);
    }
    return null;
  }

  private async getItem(kind: CoreKind, id: string): Promise<WpItem> {
    const res = await this.api.call<WpItem>('GET', `${ROUTE[kind]}/${id}`, {
      query: { context: 'edit' },
      subject: `${kind} ${id}`,
      action: `edit ${kind} ${id}`,
    });
    return res.data;
  }

  private async tryGet(kind: CoreKind, id: string): Promise<WpItem | null> {
    try {
      return await this.getItem(kind, id);
    } catch (e) {
      if (e instanceof NotFoundError) return null;
      throw e;
    }
  }

  private imagesOf(item: WpItem): ImageAlt[] {
    return findImgTags(item.content?.raw ?? '').map((tag) => ({
      id: wpImageId(tag),
      src: this.absolute(attr(tag, 'src') ?? ''),
      alt: imgAlt(tag),
    }));
  }

  private absolute(src: string): string {
    try {
      return new URL(src, this.siteUrl).href;
    } catch {
      return src;
    }
  }

  private findImage(item: WpItem, target: string | undefined): ImgTag | null {
    if (target === undefined || target.trim() === '') {
      throw new InvalidInputError('wordpress', 'An image alt change needs a target: the attachment id or the image src');
    }
    const tags = findImgTags(item.content?.raw ?? '');
    const t = target.trim();
    if (/^\d+$/.test(t)) return tags.find((tag) => wpImageId(tag) === t) ?? null;
    const want = this.absolute(t);
    const exact = tags.find((tag) => this.absolute(attr(tag, 'src') ?? '') === want);
    if (exact) return exact;
    // WordPress inserts resized copies ("photo-1024x768.jpg") of the file the crawl may report.
    const base = (s: string) => s.replace(/[?#].*$/, '').replace(/-\d+x\d+(\.[a-z0-9]+)$/i, '$1').replace(/-scaled(\.[a-z0-9]+)$/i, '$1');
    return tags.find((tag) => base(this.absolute(attr(tag, 'src') ?? '')) === base(want)) ?? null;
  }

  private async readStored(kind: WpKind, ref: ResourceRef, field: SeoField, target: string | undefined): Promise<Stored> {
    if (field === 'redirect') return this.readRedirect(target);
    const site = await this.site();
    if (site.companion && isCompanionField(field) && kind !== 'media') {
      const on: CompanionKind = kind === 'term' || kind === 'home' ? kind : 'post';
      const read = await this.companion.read(on, ref.id);
      return { value: read.fields[COMPANION_FIELD[field]]?.stored ?? null, slot: { kind: 'companion', on, field } };
    }
    if (kind === 'term' || kind === 'home') {
      throw new UnsupportedChangeError('wordpress', field, kind, `The ${field} of a WordPress ${kind} cannot be changed by Seology`);
    }
    // Core answers alt_text "" whether the row is missing or empty; the plugin tells them apart, so a revert can delete it.
    if (kind === 'media' && field === 'imageAlt' && site.companion?.media_alt) {
      return { value: await this.companion.readMediaAlt(ref.id), slot: { kind: 'companion-media-alt' } };
    }
    const item = await this.getItem(kind, ref.id);
    if (field === 'h1') return { value: item.title?.raw ?? '', slot: { kind: 'title', item } };
    if (field === 'imageAlt') {
      if (kind === 'media') return { value: item.alt_text ?? '', slot: { kind: 'media-alt', item } };
      const tag = this.findImage(item, target);
      if (!tag) throw new NotFoundError('wordpress', `${kind} ${ref.id} has no image matching "${target}" in its content`, null);
      return { value: imgAlt(tag), slot: { kind: 'content-img', item, tag, target: target as string } };
    }
    const plugin = kind === 'media' ? null : site.plugin[kind];
    const key = plugin ? SEO_META_KEYS[plugin][field] : undefined;
    if (!plugin || !key || kind === 'media') {
      throw new UnsupportedChangeError('wordpress', field, kind, `WordPress ${kind} items have no ${field} that Seology can change`);
    }
    const type = site.meta[kind].get(key) ?? 'string';
    return { value: storedMeta(item.meta?.[key]), slot: { kind: 'meta', key, type, item } };
  }

  /** The value as the platform stores it, from the value the fix engine asked for. */
  private toStored(slot: Slot, field: SeoField, value: string): string {
    if (slot.kind === 'meta' && field === 'robots') {
      if (slot.key === SEO_META_KEYS.yoast.robots) return yoastNoindexFromRobots(value);
      const directives = parseRobots(value);
      return slot.type === 'array' ? JSON.stringify(directives) : directives.join(',');
    }
    return value;
  }

  /** Writes a value in its stored form (a revert puts back `before` this way). */
  private async writeStored(kind: WpKind, ref: ResourceRef, slot: Slot, value: string | null): Promise<string | null> {
    const post = (body: unknown) => {
      if (kind === 'term' || kind === 'home') throw new InvalidInputError('wordpress', `A WordPress ${kind} has no ${slot.kind} to write`);
      return this.api.call<WpItem>('POST', `${ROUTE[kind]}/${ref.id}`, {
        query: { context: 'edit' },
        body,
        subject: `${kind} ${ref.id}`,
        action: `edit ${kind} ${ref.id}`,
      });
    };
    switch (slot.kind) {
      case 'companion':
        return this.companion.restore(slot.on, ref.id, slot.field, value);
      case 'companion-redirect':
        return this.writeCompanionRedirect(slot, value);
      case 'companion-media-alt':
        return this.companion.writeMediaAlt(ref.id, value);
      case 'title': {
        const res = await post({ title: value ?? '' });
        return res.data.title?.raw ?? '';
      }
      case 'media-alt': {
        const res = await post({ alt_text: value ?? '' });
        return res.data.alt_text ?? '';
      }
      case 'meta': {
        const res = await post({ meta: { [slot.key]: value === null ? null : metaValue(value, slot.type) } });
        return storedMeta(res.data.meta?.[slot.key]);
      }
      case 'content-img': {
        const html = slot.item.content?.raw ?? '';
        const updated = replaceTag(html, slot.tag, withAlt(slot.tag, value));
        const res = await post({ content: updated });
        const tag = this.findImage(res.data, slot.target);
        return tag ? imgAlt(tag) : null;
      }
      case 'redirect':
        return this.writeRedirect(slot, value);
    }
  }

  private redirectPath(target: string | undefined): string {
    const path = target === undefined ? null : toSitePath(target, hostOf(this.siteUrl.href));
    if (path === null) throw new InvalidInputError('wordpress', 'A redirect needs a target: the path on this site to redirect from');
    return path;
  }

  private async readRedirect(target: string | undefined): Promise<Stored> {
    const path = this.redirectPath(target);
    const site = await this.site();
    if (site.companion?.redirects === 'seology' || (site.companion && !site.redirection)) {
      const existing = await this.companion.findRedirect(path);
      return { value: existing ? existing.target : null, slot: { kind: 'companion-redirect', path, existing } };
    }
    const res = await this.api.call<{ items?: RedirectionItem[] }>('GET', 'redirection/v1/redirect', {
      query: { 'filterBy[url]': path, per_page: 200 },
      subject: 'redirect list',
      action: 'manage redirects',
    });
    const existing = (res.data.items ?? []).find((r) => r.url === path && r.enabled !== false) ?? null;
    return { value: existing ? redirectTarget(existing) : null, slot: { kind: 'redirect', path, existing } };
  }

  private async writeCompanionRedirect(slot: Extract<Slot, { kind: 'companion-redirect' }>, value: string | null): Promise<string | null> {
    if (value === null) {
      if (slot.existing) await this.companion.deleteRedirect(slot.existing.id);
    } else {
      await this.companion.saveRedirect(slot.path, value);
    }
    return (await this.readRedirect(slot.path)).value;
  }

  private async writeRedirect(slot: Extract<Slot, { kind: 'redirect' }>, value: string | null): Promise<string | null> {
    const action = { subject: `redirect for ${slot.path}`, action: 'manage redirects' };
    if (value === null) {
      if (slot.existing) {
        await this.api.call('POST', 'redirection/v1/bulk/redirect/delete', { body: { items: [slot.existing.id] }, ...action });
      }
    } else {
      const body = {
        url: slot.path,
        match_type: 'url',
        action_type: 'url',
        action_code: 301,
        action_data: { url: value },
        group_id: this.opts.redirectGroupId ?? 1,
        regex: false,
      };
      if (slot.existing) await this.api.call('POST', `redirection/v1/redirect/${slot.existing.id}`, { body, ...action });
      else await this.api.call('POST', 'redirection/v1/redirect', { body: { id: 0, ...body }, ...action });
    }
    return (await this.readRedirect(slot.path)).value;
  }
}

function redirectTarget(r: RedirectionItem): string | null {
  if (typeof r.action_data === 'string') return r.action_data;
  return r.action_data?.url ?? null;
}

function wpImageId(tag: ImgTag): string | null {
  const m = /(?:^|\s)wp-image-(\d+)(?:\s|$)/.exec(attr(tag, 'class') ?? '');
  return m ? (m[1] ?? '') : (attr(tag, 'data-id') ?? null);
}

/** Meta value in its stored text form; arrays and objects as JSON so they compare and round-trip. */
function storedMeta(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function metaValue(stored: string, type: string): unknown {
  switch (type) {
    case 'array':
    case 'object':
      try {
        return JSON.parse(stored);
      } catch {
        return type === 'array' ? parseRobots(stored) : {};
      }
    case 'integer':
    case 'number':
      return Number(stored);
    case 'boolean':
      return stored === 'true' || stored === '1';
    default:
      return stored;
  }
}

function reasonOf(e: unknown): string {
  if (e instanceof ConnectorError) return e.message;
  return `Unexpected error: ${(e as Error)?.message ?? String(e)}`;
}

/** The post or page a WordPress response names as its REST alternate (Link header first, then <head>). */
function restAlternateOf(linkHeader: string, html: string): { kind: 'page' | 'post'; id: string } | null {
  const candidates: string[] = [];
  for (const part of linkHeader.split(',')) if (/rel="?alternate"?/i.test(part) && /application\/json/i.test(part)) candidates.push(part);
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) if (/\brel=["']?alternate\b/i.test(tag) && /application\/json/i.test(tag)) candidates.push(tag);
  for (const c of candidates) {
    let text = c.replace(/&amp;/g, '&');
    try {
      text = decodeURIComponent(text);
    } catch {
      // Not percent-encoded after all: match it as it is.
    }
    const m = /wp\/v2\/(pages|posts)\/(\d+)/.exec(text);
    if (m?.[2] !== undefined) return { kind: m[1] === 'pages' ? 'page' : 'post', id: m[2] };
  }
  return null;
}
