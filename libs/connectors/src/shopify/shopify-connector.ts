import { ConnectorError, InvalidInputError, NotFoundError, PlatformError, UnsupportedChangeError } from '../errors';
import { createDefaultTransport, type SsrfPolicyLike } from '../http/default-transport';
import { retryOptions, type RetryOptions } from '../http/retry';
import { DEFAULT_TIMEOUT_MS, type HttpTransport } from '../http/transport';
import {
  emptySeoFields,
  type AppliedChange,
  type ConnectorCapabilities,
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
} from '../types';
import { decodeCursor, encodeCursor } from '../util/cursor';
import { appliedChangeOf, revertStoredChange } from '../util/stored-change';
import { normalizePageUrl, pathSegments, sameSiteHost, toSitePath } from '../util/url';
import { isNoindex } from '../util/robots';
import { assertNoUserErrors, ShopifyGraphql, type ThrottleStats, type UserErrorJson } from './shopify-graphql';
import {
  ARTICLE_UPDATE,
  COLLECTION_UPDATE,
  FILE_UPDATE,
  FIND_QUERIES,
  FIND_REDIRECT,
  LIST_QUERIES,
  METAFIELDS_DELETE,
  METAFIELDS_SET,
  PAGE_UPDATE,
  PRODUCT_UPDATE,
  READ_QUERIES,
  REDIRECT_CREATE,
  REDIRECT_DELETE,
  REDIRECT_UPDATE,
  SHOP_QUERY,
} from './shopify-queries';

export interface ShopifyConnectorOptions {
  /** "my-store" or "my-store.myshopify.com". */
  shop: string;
  /** Admin API access token (custom app or OAuth). */
  accessToken: string;
  /** Default "2025-01". */
  apiVersion?: string;
  /** Full GraphQL endpoint; replaces https://{shop}.myshopify.com/admin/api/{version}/graphql.json (tests). */
  endpoint?: string;
  /** Defaults to the SSRF-checked transport built from `ssrfPolicy`. */
  transport?: HttpTransport;
  ssrfPolicy?: SsrfPolicyLike;
  /** HTTP-level retries (429/5xx); its `sleep` is also used for throttle waits. */
  retry?: Partial<RetryOptions>;
  /** Items per listing page, 1..250. Default 50. */
  pageSize?: number;
  timeoutMs?: number;
  throttle?: {
    /** THROTTLED answers tolerated for one call. Default 20. */
    maxRetries?: number;
    /** Points to leave in the bucket for other work of the same app. Default 0. */
    reserve?: number;
  };
  now?: () => number;
}

type ShopifyKind = 'product' | 'collection' | 'page' | 'article';
const KINDS: readonly ShopifyKind[] = ['product', 'collection', 'page', 'article'];
const GID_TYPE: Record<ShopifyKind, string> = { product: 'Product', collection: 'Collection', page: 'Page', article: 'Article' };
const COMMON_FIELDS: SeoField[] = ['title', 'metaDescription', 'h1', 'robots', 'redirect'];
const BY_KIND: Record<ShopifyKind, SeoField[]> = {
  product: [...COMMON_FIELDS, 'imageAlt'],
  collection: COMMON_FIELDS,
  page: COMMON_FIELDS,
  article: COMMON_FIELDS,
};
const UNSUPPORTED: Partial<Record<SeoField, string>> = {
  canonical: 'Shopify themes output the canonical URL themselves; the Admin API has no per-resource canonical setting',
  ogTitle: 'Shopify themes build og:title from the SEO title; set the title instead',
  ogDescription: 'Shopify themes build og:description from the SEO description; set the meta description instead',
  jsonLd: 'Structured data on Shopify comes from the theme; the Admin API cannot set it per resource',
};

interface Node {
  id: string;
  handle: string;
  title: string;
  blog?: { handle: string } | null;
}
interface Connection<T> {
  edges: Array<{ cursor?: string; node: T }>;
  pageInfo?: { hasNextPage: boolean; endCursor: string | null };
}
interface MediaNode {
  id?: string;
  alt?: string | null;
  image?: { url: string } | null;
}
interface ReadNode extends Node {
  seo?: { title: string | null; description: string | null };
  titleTag?: { value: string } | null;
  descriptionTag?: { value: string } | null;
  hidden?: { value: string } | null;
  media?: Connection<MediaNode>;
}
interface ShopInfo {
  name: string;
  myshopifyDomain: string;
  primaryDomain: { url: string; host: string };
}
interface Redirect {
  id: string;
  path: string;
  target: string;
}

type Slot =
  | { kind: 'seo'; which: 'title' | 'description'; node: ReadNode }
  | { kind: 'metafield'; ownerId: string; namespace: string; key: string; type: string }
  | { kind: 'resource-title'; node: ReadNode }
  | { kind: 'media-alt'; mediaId: string }
  | { kind: 'redirect'; path: string; existing: Redirect | null };

interface Stored {
  value: string | null;
  slot: Slot;
}

interface ShopifyCursor extends Record<string, unknown> {
  k: ShopifyKind;
  a: string | null;
}

export class ShopifyConnector implements PlatformConnector {
  readonly platform = 'shopify' as const;
  private readonly gql: ShopifyGraphql;
  private readonly shopDomain: string;
  private readonly pageSize: number;
  private shopInfo: Promise<ShopInfo> | null = null;

  constructor(opts: ShopifyConnectorOptions) {
    this.shopDomain = normaliseShop(opts.shop);
    this.pageSize = Math.min(250, Math.max(1, Math.floor(opts.pageSize ?? 50)));
    const version = opts.apiVersion ?? '2025-01';
    if (!/^(\d{4}-\d{2}|unstable)$/.test(version)) throw new InvalidInputError('shopify', `"${version}" is not a Shopify API version`);
    const retry = retryOptions(opts.retry);
    this.gql = new ShopifyGraphql({
      endpoint: opts.endpoint ?? `https://${this.shopDomain}/admin/api/${version}/graphql.json`,
      accessToken: opts.accessToken,
      shopLabel: this.shopDomain,
      transport: opts.transport ?? createDefaultTransport(opts.ssrfPolicy),
      retry,
      timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxThrottleRetries: opts.throttle?.maxRetries ?? 20,
      reserve: opts.throttle?.reserve ?? 0,
      now: opts.now ?? Date.now,
    });
  }

  /** Bucket statistics: how often Shopify throttled us and how long we waited for it. */
  get throttleStats(): Readonly<ThrottleStats> {
    return this.gql.stats;
  }

  async verify(): Promise<VerifyResult> {
    try {
      this.shopInfo = null;
      const shop = await this.shop();
      return { ok: true, siteName: shop.name };
    } catch (e) {
      return { ok: false, reason: e instanceof ConnectorError ? e.message : `Unexpected error: ${(e as Error)?.message ?? String(e)}` };
    }
  }

  capabilities(): Promise<ConnectorCapabilities> {
    const byKind: Partial<Record<ResourceKind, SeoField[]>> = {};
    for (const k of KINDS) byKind[k] = [...BY_KIND[k]];
    return Promise.resolve({
      platform: 'shopify',
      fields: [...new Set(Object.values(byKind).flat())] as SeoField[],
      byKind,
      unsupported: { ...UNSUPPORTED },
    });
  }

  async listResources(opts: ListResourcesOptions = {}): Promise<ResourcePage> {
    const kinds = (opts.kinds ?? KINDS).filter((k): k is ShopifyKind => (KINDS as readonly string[]).includes(k));
    if (kinds.length === 0) return { items: [], nextCursor: null };
    let index = 0;
    let after: string | null = null;
    if (opts.cursor) {
      const c = decodeCursor<ShopifyCursor>('shopify', opts.cursor, (v): v is ShopifyCursor => typeof v['k'] === 'string' && (v['a'] === null || typeof v['a'] === 'string'));
      index = kinds.indexOf(c.k);
      if (index < 0) throw new InvalidInputError('shopify', `The listing cursor is for ${c.k} items, which were not asked for`);
      after = c.a;
    }
    const shop = await this.shop();
    while (index < kinds.length) {
      const kind = kinds[index];
      if (kind === undefined) break;
      const field = kind === 'product' ? 'products' : kind === 'collection' ? 'collections' : kind === 'page' ? 'pages' : 'articles';
      const perNode = kind === 'article' ? 2 : 1;
      const data = await this.gql.request<Record<string, Connection<Node>>>(
        opName(LIST_QUERIES[kind]),
        LIST_QUERIES[kind],
        { first: this.pageSize, after },
        2 + this.pageSize * perNode,
      );
      const conn = data[field];
      if (conn === undefined) throw new PlatformError('shopify', `Shopify answered without ${field}`, 200);
      const items = conn.edges.map((e) => this.toRef(kind, e.node, shop));
      const nextKind = kinds[index + 1];
      const next: ShopifyCursor | null = conn.pageInfo?.hasNextPage
        ? { k: kind, a: conn.pageInfo.endCursor }
        : nextKind !== undefined
          ? { k: nextKind, a: null }
          : null;
      if (items.length > 0 || next === null) return { items, nextCursor: next ? encodeCursor(next) : null };
      if (next.k === kind) after = next.a;
      else {
        index++;
        after = null;
      }
    }
    return { items: [], nextCursor: null };
  }

  async findResourceByUrl(url: string): Promise<ResourceRef | null> {
    const norm = normalizePageUrl(url);
    if (norm === null) return null;
    const u = new URL(norm);
    const shop = await this.shop();
    if (!sameSiteHost(u.host, shop.primaryDomain.host) && !sameSiteHost(u.host, shop.myshopifyDomain)) return null;
    const segs = pathSegments(u.pathname);
    // Shopify Markets serves translated storefronts under a locale prefix ("/fr/products/x").
    if (segs.length > 1 && /^[a-z]{2}(-[a-z]{2,4})?$/i.test(segs[0] ?? '') && ['products', 'collections', 'pages', 'blogs'].includes(segs[1] ?? '')) segs.shift();
    let kind: ShopifyKind | null = null;
    let handle = '';
    let blog: string | null = null;
    if (segs[0] === 'products' && segs.length === 2) [kind, handle] = ['product', segs[1] ?? ''];
    else if (segs[0] === 'collections' && segs[2] === 'products' && segs.length === 4) [kind, handle] = ['product', segs[3] ?? ''];
    else if (segs[0] === 'collections' && segs.length === 2) [kind, handle] = ['collection', segs[1] ?? ''];
    else if (segs[0] === 'pages' && segs.length === 2) [kind, handle] = ['page', segs[1] ?? ''];
    else if (segs[0] === 'blogs' && segs.length === 3) [kind, handle, blog] = ['article', segs[2] ?? '', segs[1] ?? null];
    if (kind === null) return null;
    const field = kind === 'product' ? 'products' : kind === 'collection' ? 'collections' : kind === 'page' ? 'pages' : 'articles';
    const data = await this.gql.request<Record<string, Connection<Node>>>(
      opName(FIND_QUERIES[kind]),
      FIND_QUERIES[kind],
      { query: `handle:${searchQuote(handle)}` },
      kind === 'article' ? 22 : 7,
    );
    const hit = (data[field]?.edges ?? []).map((e) => e.node).find((n) => n.handle === handle && (blog === null || n.blog?.handle === blog));
    return hit ? this.toRef(kind, hit, shop) : null;
  }

  async readSeoFields(ref: ResourceRef): Promise<SeoFields> {
    const kind = this.kindOf(ref);
    const node = await this.readNode(kind, ref.id);
    const out = emptySeoFields();
    out.h1 = node.title;
    if (kind === 'product' || kind === 'collection') {
      out.title = node.seo?.title || null;
      out.metaDescription = node.seo?.description || null;
    } else {
      out.title = node.titleTag?.value || null;
      out.metaDescription = node.descriptionTag?.value || null;
    }
    out.robots = node.hidden?.value === '1' ? 'noindex' : null;
    out.images = (node.media?.edges ?? [])
      .map((e) => e.node)
      .filter((m): m is MediaNode & { id: string } => typeof m.id === 'string')
      .map((m) => ({ id: m.id, src: m.image?.url ?? '', alt: m.alt ?? null }));
    return out;
  }

  async applyChange(ref: ResourceRef, change: SeoChange): Promise<AppliedChange> {
    const kind = this.kindOf(ref);
    this.assertCapable(kind, change.field);
    if (typeof change.value !== 'string') throw new InvalidInputError('shopify', 'The change value must be a string');
    const current = await this.readStored(kind, ref, change.field, change.target);
    const desired = change.field === 'robots' ? (isNoindex(change.value) ? '1' : null) : change.value;
    const after = await this.writeStored(kind, ref, current.slot, desired);
    return appliedChangeOf('shopify', ref, change, current, after);
  }

  async readStoredValue(ref: ResourceRef, change: Pick<SeoChange, 'field' | 'target'>): Promise<string | null> {
    const kind = this.kindOf(ref);
    this.assertCapable(kind, change.field);
    return (await this.readStored(kind, ref, change.field, change.target)).value;
  }

  async revertChange(ref: ResourceRef, applied: AppliedChange, opts: RevertOptions = {}): Promise<RevertedChange> {
    return revertStoredChange(
      'shopify',
      'Shopify',
      ref,
      applied,
      opts,
      () => this.readStored(this.kindOf(ref), ref, applied.field, applied.target),
      (slot, value) => this.writeStored(this.kindOf(ref), ref, slot, value),
    );
  }

  // ---------------------------------------------------------------------------------------------

  private shop(): Promise<ShopInfo> {
    if (!this.shopInfo) {
      this.shopInfo = this.gql.request<{ shop: ShopInfo }>('SeologyShop', SHOP_QUERY, {}, 2).then((d) => d.shop);
      this.shopInfo.catch(() => {
        this.shopInfo = null;
      });
    }
    return this.shopInfo;
  }

  private toRef(kind: ShopifyKind, n: Node, shop: ShopInfo): ResourceRef {
    const base = shop.primaryDomain.url.replace(/\/+$/, '');
    const path =
      kind === 'product'
        ? `/products/${n.handle}`
        : kind === 'collection'
          ? `/collections/${n.handle}`
          : kind === 'page'
            ? `/pages/${n.handle}`
            : `/blogs/${n.blog?.handle ?? 'news'}/${n.handle}`;
    return { platform: 'shopify', kind, id: n.id, url: `${base}${path}`, title: n.title };
  }

  private kindOf(ref: ResourceRef): ShopifyKind {
    const kind = ref.kind as ShopifyKind;
    if (ref.platform !== 'shopify' || !KINDS.includes(kind) || !new RegExp(`^gid://shopify/${GID_TYPE[kind]}/\\d+$`).test(ref.id)) {
      throw new InvalidInputError('shopify', `Not a Shopify resource reference: ${ref.platform} ${ref.kind} ${ref.id}`);
    }
    return kind;
  }

  private assertCapable(kind: ShopifyKind, field: SeoField): void {
    if (BY_KIND[kind].includes(field)) return;
    throw new UnsupportedChangeError('shopify', field, kind, UNSUPPORTED[field] ?? `Shopify ${kind}s have no ${field} that Seology can change`);
  }

  private async readNode(kind: ShopifyKind, id: string): Promise<ReadNode> {
    const data = await this.gql.request<Record<string, ReadNode | null>>(opName(READ_QUERIES[kind]), READ_QUERIES[kind], { id }, kind === 'product' ? 105 : 4);
    const node = data[kind];
    if (!node) throw new NotFoundError('shopify', `Shopify has no ${kind} ${id}`, null);
    return node;
  }

  private async readStored(kind: ShopifyKind, ref: ResourceRef, field: SeoField, target: string | undefined): Promise<Stored> {
    if (field === 'redirect') return this.readRedirect(target);
    const node = await this.readNode(kind, ref.id);
    switch (field) {
      case 'h1':
        return { value: node.title, slot: { kind: 'resource-title', node } };
      case 'title':
      case 'metaDescription': {
        const which = field === 'title' ? 'title' : 'description';
        if (kind === 'product' || kind === 'collection') return { value: node.seo?.[which] ?? null, slot: { kind: 'seo', which, node } };
        const key = field === 'title' ? 'title_tag' : 'description_tag';
        const tag = field === 'title' ? node.titleTag : node.descriptionTag;
        return {
          value: tag?.value ?? null,
          slot: { kind: 'metafield', ownerId: node.id, namespace: 'global', key, type: field === 'title' ? 'single_line_text_field' : 'multi_line_text_field' },
        };
      }
      case 'robots':
        return { value: node.hidden?.value ?? null, slot: { kind: 'metafield', ownerId: node.id, namespace: 'seo', key: 'hidden', type: 'number_integer' } };
      case 'imageAlt': {
        const media = this.findMedia(node, target);
        if (!media) throw new NotFoundError('shopify', `Shopify ${kind} ${ref.id} has no image matching "${target}"`, null);
        return { value: media.alt ?? '', slot: { kind: 'media-alt', mediaId: media.id as string } };
      }
      default:
        throw new UnsupportedChangeError('shopify', field, kind, UNSUPPORTED[field] ?? `Shopify ${kind}s have no ${field}`);
    }
  }

  private findMedia(node: ReadNode, target: string | undefined): MediaNode | null {
    if (!target || target.trim() === '') throw new InvalidInputError('shopify', 'An image alt change needs a target: the MediaImage id or the image URL');
    const media = (node.media?.edges ?? []).map((e) => e.node).filter((m) => typeof m.id === 'string');
    const t = target.trim();
    if (t.startsWith('gid://')) return media.find((m) => m.id === t) ?? null;
    // Themes request resized copies ("photo_600x.jpg", "?width=600") of the same file.
    const key = (u: string) => {
      let path = u;
      try {
        path = new URL(u, 'https://cdn.shopify.com').pathname;
      } catch {
        // compare as given
      }
      return path.replace(/_(\d+x\d*|\d*x\d+|pico|icon|thumb|small|compact|medium|large|grande|original|master)(@\d+x)?(?=\.[a-z0-9]+$)/i, '');
    };
    return media.find((m) => m.image?.url && key(m.image.url) === key(t)) ?? null;
  }

  private async writeStored(kind: ShopifyKind, ref: ResourceRef, slot: Slot, value: string | null): Promise<string | null> {
    switch (slot.kind) {
      case 'seo': {
        const seo = {
          title: slot.which === 'title' ? (value ?? '') : (slot.node.seo?.title ?? ''),
          description: slot.which === 'description' ? (value ?? '') : (slot.node.seo?.description ?? ''),
        };
        if (kind === 'product') {
          const d = await this.gql.request<{ productUpdate: { product: ReadNode | null; userErrors: UserErrorJson[] } }>(
            'SeologyProductUpdate',
            PRODUCT_UPDATE,
            { product: { id: ref.id, seo } },
            13,
          );
          assertNoUserErrors('productUpdate', d.productUpdate.userErrors);
          return d.productUpdate.product?.seo?.[slot.which] ?? null;
        }
        const d = await this.gql.request<{ collectionUpdate: { collection: ReadNode | null; userErrors: UserErrorJson[] } }>(
          'SeologyCollectionUpdate',
          COLLECTION_UPDATE,
          { input: { id: ref.id, seo } },
          13,
        );
        assertNoUserErrors('collectionUpdate', d.collectionUpdate.userErrors);
        return d.collectionUpdate.collection?.seo?.[slot.which] ?? null;
      }
      case 'metafield': {
        if (value === null) {
          const d = await this.gql.request<{ metafieldsDelete: { userErrors: UserErrorJson[] } }>(
            'SeologyMetafieldsDelete',
            METAFIELDS_DELETE,
            { metafields: [{ ownerId: slot.ownerId, namespace: slot.namespace, key: slot.key }] },
            11,
          );
          assertNoUserErrors('metafieldsDelete', d.metafieldsDelete.userErrors);
          return null;
        }
        const d = await this.gql.request<{ metafieldsSet: { metafields: Array<{ value: string }> | null; userErrors: UserErrorJson[] } }>(
          'SeologyMetafieldsSet',
          METAFIELDS_SET,
          { metafields: [{ ownerId: slot.ownerId, namespace: slot.namespace, key: slot.key, type: slot.type, value }] },
          11,
        );
        assertNoUserErrors('metafieldsSet', d.metafieldsSet.userErrors);
        return d.metafieldsSet.metafields?.[0]?.value ?? null;
      }
      case 'resource-title':
        return this.writeTitle(kind, ref.id, value ?? '');
      case 'media-alt': {
        const d = await this.gql.request<{ fileUpdate: { files: Array<{ alt: string | null }> | null; userErrors: UserErrorJson[] } }>(
          'SeologyFileUpdate',
          FILE_UPDATE,
          { files: [{ id: slot.mediaId, alt: value ?? '' }] },
          11,
        );
        assertNoUserErrors('fileUpdate', d.fileUpdate.userErrors);
        return d.fileUpdate.files?.[0]?.alt ?? '';
      }
      case 'redirect':
        return this.writeRedirect(slot, value);
    }
  }

  private async writeTitle(kind: ShopifyKind, id: string, title: string): Promise<string | null> {
    if (kind === 'product') {
      const d = await this.gql.request<{ productUpdate: { product: Node | null; userErrors: UserErrorJson[] } }>('SeologyProductUpdate', PRODUCT_UPDATE, { product: { id, title } }, 13);
      assertNoUserErrors('productUpdate', d.productUpdate.userErrors);
      return d.productUpdate.product?.title ?? null;
    }
    if (kind === 'collection') {
      const d = await this.gql.request<{ collectionUpdate: { collection: Node | null; userErrors: UserErrorJson[] } }>('SeologyCollectionUpdate', COLLECTION_UPDATE, { input: { id, title } }, 13);
      assertNoUserErrors('collectionUpdate', d.collectionUpdate.userErrors);
      return d.collectionUpdate.collection?.title ?? null;
    }
    if (kind === 'page') {
      const d = await this.gql.request<{ pageUpdate: { page: Node | null; userErrors: UserErrorJson[] } }>('SeologyPageUpdate', PAGE_UPDATE, { id, page: { title } }, 11);
      assertNoUserErrors('pageUpdate', d.pageUpdate.userErrors);
      return d.pageUpdate.page?.title ?? null;
    }
    const d = await this.gql.request<{ articleUpdate: { article: Node | null; userErrors: UserErrorJson[] } }>('SeologyArticleUpdate', ARTICLE_UPDATE, { id, article: { title } }, 11);
    assertNoUserErrors('articleUpdate', d.articleUpdate.userErrors);
    return d.articleUpdate.article?.title ?? null;
  }

  private async readRedirect(target: string | undefined): Promise<Stored> {
    const shop = await this.shop();
    const path = target === undefined ? null : toSitePath(target, shop.primaryDomain.host);
    if (path === null) throw new InvalidInputError('shopify', 'A redirect needs a target: the path on this store to redirect from');
    const d = await this.gql.request<{ urlRedirects: Connection<Redirect> }>('SeologyFindRedirect', FIND_REDIRECT, { query: `path:${searchQuote(path)}` }, 12);
    const existing = d.urlRedirects.edges.map((e) => e.node).find((r) => r.path.toLowerCase() === path.toLowerCase()) ?? null;
    return { value: existing?.target ?? null, slot: { kind: 'redirect', path, existing } };
  }

  private async writeRedirect(slot: Extract<Slot, { kind: 'redirect' }>, value: string | null): Promise<string | null> {
    if (value === null) {
      if (!slot.existing) return null;
      const d = await this.gql.request<{ urlRedirectDelete: { userErrors: UserErrorJson[] } }>('SeologyRedirectDelete', REDIRECT_DELETE, { id: slot.existing.id }, 10);
      assertNoUserErrors('urlRedirectDelete', d.urlRedirectDelete.userErrors);
      return null;
    }
    if (slot.existing) {
      const d = await this.gql.request<{ urlRedirectUpdate: { urlRedirect: Redirect | null; userErrors: UserErrorJson[] } }>(
        'SeologyRedirectUpdate',
        REDIRECT_UPDATE,
        { id: slot.existing.id, urlRedirect: { path: slot.path, target: value } },
        11,
      );
      assertNoUserErrors('urlRedirectUpdate', d.urlRedirectUpdate.userErrors);
      return d.urlRedirectUpdate.urlRedirect?.target ?? null;
    }
    const d = await this.gql.request<{ urlRedirectCreate: { urlRedirect: Redirect | null; userErrors: UserErrorJson[] } }>(
      'SeologyRedirectCreate',
      REDIRECT_CREATE,
      { urlRedirect: { path: slot.path, target: value } },
      11,
    );
    assertNoUserErrors('urlRedirectCreate', d.urlRedirectCreate.userErrors);
    return d.urlRedirectCreate.urlRedirect?.target ?? null;
  }
}

/** Accepts "my-store", "my-store.myshopify.com" or an admin URL; anything else is refused (it becomes a host name). */
export function normaliseShop(input: string): string {
  let s = input.trim().toLowerCase();
  s = s.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  if (s.endsWith('.myshopify.com')) s = s.slice(0, -'.myshopify.com'.length);
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(s)) {
    throw new InvalidInputError('shopify', `"${input}" is not a Shopify store name (expected "my-store" or "my-store.myshopify.com")`);
  }
  return `${s}.myshopify.com`;
}

function opName(doc: string): string {
  const m = /^(?:query|mutation)\s+(\w+)/.exec(doc.trim());
  return m ? (m[1] ?? '') : 'anonymous';
}

/** A value for Shopify's search syntax, quoted so spaces and colons stay part of it. */
function searchQuote(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
