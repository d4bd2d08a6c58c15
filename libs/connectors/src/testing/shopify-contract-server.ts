import type { ServerResponse } from 'node:http';
import { FaultQueue, listen, queryOf, readBody, send, sendHtml, type InjectedFault, type RecordedRequest } from './http-server';
import { executeShopify, fieldError, parseAndValidate, queryCost } from './shopify-admin-schema';
import { escapeHtml, renderPublicPage } from './public-page';

/**
 * An in-memory Shopify store answering the Admin GraphQL API at /admin/api/{version}/graphql.json:
 * X-Shopify-Access-Token auth (401 with Shopify's body otherwise), documents validated against and
 * executed on the schema of the subset used (graphql-js, see shopify-admin-schema.ts), with top-level
 * `errors` for invalid documents and `userErrors` for refused mutations, cost-based throttling with a
 * leaky bucket (requestedQueryCost / actualQueryCost / throttleStatus in `extensions.cost`,
 * THROTTLED errors when the bucket cannot cover a query), cursor connections, userErrors on
 * mutations, and the storefront HTML of every product, collection, page and article.
 */

export interface ShopifySeedMedia {
  id?: number;
  url: string;
  alt?: string;
}
export interface ShopifySeedMetafield {
  namespace: string;
  key: string;
  type?: string;
  value: string;
}
export interface ShopifySeedProduct {
  id?: number;
  handle: string;
  title: string;
  descriptionHtml?: string;
  seo?: { title?: string | null; description?: string | null };
  media?: ShopifySeedMedia[];
  metafields?: ShopifySeedMetafield[];
}
export interface ShopifySeedCollection {
  id?: number;
  handle: string;
  title: string;
  descriptionHtml?: string;
  seo?: { title?: string | null; description?: string | null };
  metafields?: ShopifySeedMetafield[];
}
export interface ShopifySeedPage {
  id?: number;
  handle: string;
  title: string;
  body?: string;
  metafields?: ShopifySeedMetafield[];
}
export interface ShopifySeedArticle {
  id?: number;
  blog: string;
  handle: string;
  title: string;
  body?: string;
  metafields?: ShopifySeedMetafield[];
}

export interface ShopifyThrottleOptions {
  /** Bucket size (Shopify standard plan: 2000 points for the GraphQL Admin API). */
  maximumAvailable?: number;
  /** Points restored per second (standard: 100). */
  restoreRate?: number;
  /** Largest cost one query may have (Shopify: 1000). */
  maxQueryCost?: number;
}

export interface ShopifyContractServerOptions {
  shopName?: string;
  /** "<shop>.myshopify.com" reported by the API. */
  myshopifyDomain?: string;
  accessToken: string;
  apiVersion?: string;
  throttle?: ShopifyThrottleOptions;
  products?: ShopifySeedProduct[];
  collections?: ShopifySeedCollection[];
  pages?: ShopifySeedPage[];
  blogs?: Array<{ id?: number; handle: string; title: string }>;
  articles?: ShopifySeedArticle[];
  redirects?: Array<{ path: string; target: string }>;
}

export interface ShopifyMetafieldRecord {
  id: number;
  namespace: string;
  key: string;
  type: string;
  value: string;
}
interface Owner {
  gid: string;
  metafields: ShopifyMetafieldRecord[];
}
export interface ShopifyMediaRecord {
  id: number;
  url: string;
  alt: string;
}
export interface ShopifyProductRecord extends Owner {
  id: number;
  handle: string;
  title: string;
  descriptionHtml: string;
  media: ShopifyMediaRecord[];
}
export interface ShopifyCollectionRecord extends Owner {
  id: number;
  handle: string;
  title: string;
  descriptionHtml: string;
}
export interface ShopifyPageRecord extends Owner {
  id: number;
  handle: string;
  title: string;
  body: string;
}
export interface ShopifyBlogRecord {
  id: number;
  handle: string;
  title: string;
}
export interface ShopifyArticleRecord extends Owner {
  id: number;
  blogId: number;
  handle: string;
  title: string;
  body: string;
}
export interface ShopifyRedirectRecord {
  id: number;
  path: string;
  target: string;
}

export interface ShopifyStats {
  graphqlRequests: number;
  throttled: number;
  unauthorized: number;
  /** Calls per operation name ("(anonymous)" when unnamed). */
  operations: Record<string, number>;
}

export interface ShopifyContractServer {
  /** Storefront origin (also the primaryDomain.url), "http://127.0.0.1:PORT". */
  url: string;
  /** GraphQL endpoint for the configured API version. */
  graphqlUrl: string;
  products: Map<number, ShopifyProductRecord>;
  collections: Map<number, ShopifyCollectionRecord>;
  pages: Map<number, ShopifyPageRecord>;
  blogs: Map<number, ShopifyBlogRecord>;
  articles: Map<number, ShopifyArticleRecord>;
  redirects: Map<number, ShopifyRedirectRecord>;
  stats: ShopifyStats;
  requests: RecordedRequest[];
  /** Current bucket level after restoring for elapsed time. */
  bucketLevel(): number;
  /** Answers the next matching GraphQL request(s) with this instead. */
  inject(fault: InjectedFault): void;
  /**
   * Holds every matching GraphQL request this long before executing it (a slow store). The request
   * still runs when its client went away meanwhile, as a real server would. `0` turns it off.
   */
  slowDown(ms: number, match?: (req: { label: string }) => boolean): void;
  /** Reads a metafield of any owner by GID, as the admin would see it. */
  metafield(ownerGid: string, namespace: string, key: string): string | null;
  /** Sets (value) or deletes (null) a metafield, as an edit in the admin would. */
  setMetafield(ownerGid: string, namespace: string, key: string, value: string | null, type?: string): void;
  close(): Promise<void>;
}

/** A resolver object: fields are values or functions of the field's arguments; `__typename` picks the type of an interface. */
type ShopifyObject = { __typename: string } & Record<string, unknown>;

const gid = (type: string, id: number) => `gid://shopify/${type}/${id}`;
/** A String or ID argument (the schema's validation guarantees the type); '' when the argument is absent. */
const stringArg = (value: unknown): string => (typeof value === 'string' ? value : '');
const UNAUTHORIZED_BODY = { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' };

export async function startShopifyContractServer(opts: ShopifyContractServerOptions): Promise<ShopifyContractServer> {
  const shopName = opts.shopName ?? 'Contract Test Store';
  const myshopifyDomain = opts.myshopifyDomain ?? 'contract-test.myshopify.com';
  const apiVersion = opts.apiVersion ?? '2025-01';
  const maxAvail = opts.throttle?.maximumAvailable ?? 2000;
  const restoreRate = opts.throttle?.restoreRate ?? 100;
  const maxQueryCost = opts.throttle?.maxQueryCost ?? 1000;
  let level = maxAvail;
  let levelAt = Date.now();
  const refill = () => {
    const now = Date.now();
    level = Math.min(maxAvail, level + ((now - levelAt) / 1000) * restoreRate);
    levelAt = now;
    return level;
  };
  const throttleStatus = () => ({ maximumAvailable: maxAvail, currentlyAvailable: Math.floor(refill()), restoreRate });

  let nextId = 1000;
  const newId = (want?: number) => {
    const id = want ?? nextId;
    nextId = Math.max(nextId, id + 1);
    return id;
  };
  let nextMetafieldId = 1;
  const mf = (m: ShopifySeedMetafield): ShopifyMetafieldRecord => ({
    id: nextMetafieldId++,
    namespace: m.namespace,
    key: m.key,
    type: m.type ?? 'single_line_text_field',
    value: m.value,
  });
  const seoMetafields = (seo?: { title?: string | null; description?: string | null }): ShopifySeedMetafield[] => [
    ...(seo?.title ? [{ namespace: 'global', key: 'title_tag', value: seo.title }] : []),
    ...(seo?.description ? [{ namespace: 'global', key: 'description_tag', value: seo.description }] : []),
  ];

  const products = new Map<number, ShopifyProductRecord>();
  const collections = new Map<number, ShopifyCollectionRecord>();
  const pages = new Map<number, ShopifyPageRecord>();
  const blogs = new Map<number, ShopifyBlogRecord>();
  const articles = new Map<number, ShopifyArticleRecord>();
  const redirects = new Map<number, ShopifyRedirectRecord>();
  const media = new Map<number, { product: ShopifyProductRecord; record: ShopifyMediaRecord }>();

  for (const p of opts.products ?? []) {
    const id = newId(p.id);
    const rec: ShopifyProductRecord = {
      id,
      gid: gid('Product', id),
      handle: p.handle,
      title: p.title,
      descriptionHtml: p.descriptionHtml ?? '',
      media: [],
      metafields: [...seoMetafields(p.seo), ...(p.metafields ?? [])].map(mf),
    };
    for (const m of p.media ?? []) {
      const mid = newId(m.id);
      const mr = { id: mid, url: m.url, alt: m.alt ?? '' };
      rec.media.push(mr);
      media.set(mid, { product: rec, record: mr });
    }
    products.set(id, rec);
  }
  for (const c of opts.collections ?? []) {
    const id = newId(c.id);
    collections.set(id, {
      id,
      gid: gid('Collection', id),
      handle: c.handle,
      title: c.title,
      descriptionHtml: c.descriptionHtml ?? '',
      metafields: [...seoMetafields(c.seo), ...(c.metafields ?? [])].map(mf),
    });
  }
  for (const p of opts.pages ?? []) {
    const id = newId(p.id);
    pages.set(id, { id, gid: gid('Page', id), handle: p.handle, title: p.title, body: p.body ?? '', metafields: (p.metafields ?? []).map(mf) });
  }
  for (const b of opts.blogs ?? []) {
    const id = newId(b.id);
    blogs.set(id, { id, handle: b.handle, title: b.title });
  }
  for (const a of opts.articles ?? []) {
    let blog = [...blogs.values()].find((b) => b.handle === a.blog);
    if (!blog) {
      const id = newId();
      blog = { id, handle: a.blog, title: a.blog };
      blogs.set(id, blog);
    }
    const id = newId(a.id);
    articles.set(id, { id, gid: gid('Article', id), blogId: blog.id, handle: a.handle, title: a.title, body: a.body ?? '', metafields: (a.metafields ?? []).map(mf) });
  }
  for (const r of opts.redirects ?? []) {
    const id = newId();
    redirects.set(id, { id, path: r.path, target: r.target });
  }

  const stats: ShopifyStats = { graphqlRequests: 0, throttled: 0, unauthorized: 0, operations: {} };
  const requests: RecordedRequest[] = [];
  const faults = new FaultQueue();
  let latency: { ms: number; match?: (req: { label: string }) => boolean } = { ms: 0 };
  let origin = '';

  const owners = (): Owner[] => [...products.values(), ...collections.values(), ...pages.values(), ...articles.values()];
  const ownerByGid = (g: string) => owners().find((o) => o.gid === g) ?? null;
  const getMf = (o: Owner, ns: string, key: string) => o.metafields.find((m) => m.namespace === ns && m.key === key) ?? null;
  const setMf = (o: Owner, ns: string, key: string, value: string | null, type = 'single_line_text_field'): ShopifyMetafieldRecord | null => {
    const existing = getMf(o, ns, key);
    if (value === null || value === '') {
      if (existing) o.metafields.splice(o.metafields.indexOf(existing), 1);
      return null;
    }
    if (existing) {
      existing.value = value;
      return existing;
    }
    const rec = { id: nextMetafieldId++, namespace: ns, key, type, value };
    o.metafields.push(rec);
    return rec;
  };

  // ---- GraphQL object builders -----------------------------------------------------------------

  const parseGid = (value: unknown, type: string): number | null => {
    const m = typeof value === 'string' ? new RegExp(`^gid://shopify/${type}/(\\d+)$`).exec(value) : null;
    return m ? Number(m[1]) : null;
  };

  const connection = <T>(items: T[], args: Record<string, unknown>, toNode: (t: T) => ShopifyObject, cursorOf: (t: T) => string): ShopifyObject => {
    const first = args['first'] as number | null | undefined;
    const last = args['last'] as number | null | undefined;
    if (first == null && last == null) throw fieldError('you must provide one of first or last', 'BAD_REQUEST');
    const n = (first ?? last) as number;
    if (!Number.isInteger(n) || n < 0 || n > 250) throw fieldError('The maximum number of records that can be requested is 250', 'BAD_REQUEST');
    let list = items;
    if (args['reverse'] === true) list = [...list].reverse();
    const after = args['after'];
    if (typeof after === 'string') {
      const idx = list.findIndex((t) => cursorOf(t) === after);
      if (idx < 0) throw fieldError('Invalid cursor for current pagination sort.', 'BAD_REQUEST');
      list = list.slice(idx + 1);
    }
    const slice = first != null ? list.slice(0, n) : list.slice(Math.max(0, list.length - n));
    const hasNext = first != null ? list.length > n : false;
    const lastItem = slice[slice.length - 1];
    const endCursor = lastItem !== undefined ? cursorOf(lastItem) : null;
    return {
      __typename: 'Connection',
      edges: slice.map((t) => ({ __typename: 'Edge', cursor: cursorOf(t), node: toNode(t) })),
      nodes: slice.map(toNode),
      pageInfo: {
        __typename: 'PageInfo',
        hasNextPage: hasNext,
        hasPreviousPage: typeof after === 'string',
        startCursor: slice[0] !== undefined ? cursorOf(slice[0]) : null,
        endCursor,
      },
    };
  };
  const cursor = (id: number) => Buffer.from(JSON.stringify({ last_id: id }), 'utf8').toString('base64');

  /** Shopify search syntax subset: `field:value`, `field:'quoted value'`, free words match the title. */
  const matchesQuery = (q: unknown, fields: Record<string, string>): boolean => {
    if (typeof q !== 'string' || q.trim() === '') return true;
    const re = /(\w+):(?:'([^']*)'|"([^"]*)"|(\S+))|(\S+)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(q)) !== null) {
      if (m[5] !== undefined) {
        if (!(fields['title'] ?? '').toLowerCase().includes(m[5].toLowerCase())) return false;
        continue;
      }
      const want = (m[2] ?? m[3] ?? m[4] ?? '').toLowerCase();
      const have = m[1] !== undefined ? fields[m[1]] : undefined;
      if (have === undefined || have.toLowerCase() !== want) return false;
    }
    return true;
  };

  const metafieldObj = (owner: Owner, m: ShopifyMetafieldRecord): ShopifyObject => ({
    __typename: 'Metafield',
    id: gid('Metafield', m.id),
    namespace: m.namespace,
    key: m.key,
    type: m.type,
    value: m.value,
    ownerType: owner.gid.split('/')[3]?.toUpperCase() ?? null,
  });
  const metafieldFields = (owner: Owner) => ({
    metafield: (a: Record<string, unknown>) => {
      const m = getMf(owner, stringArg(a['namespace']), stringArg(a['key']));
      return m ? metafieldObj(owner, m) : null;
    },
    metafields: (a: Record<string, unknown>) =>
      connection(
        owner.metafields.filter((m) => a['namespace'] == null || m.namespace === a['namespace']),
        a,
        (m) => metafieldObj(owner, m),
        (m) => cursor(m.id),
      ),
  });
  const seoObj = (owner: Owner): ShopifyObject => ({
    __typename: 'SEO',
    title: getMf(owner, 'global', 'title_tag')?.value ?? null,
    description: getMf(owner, 'global', 'description_tag')?.value ?? null,
  });
  const imageObj = (url: string, alt: string): ShopifyObject => ({ __typename: 'Image', id: null, url, altText: alt === '' ? null : alt, width: 1200, height: 800 });
  const mediaObj = (m: ShopifyMediaRecord): ShopifyObject => ({
    __typename: 'MediaImage',
    id: gid('MediaImage', m.id),
    alt: m.alt,
    mediaContentType: 'IMAGE',
    status: 'READY',
    fileStatus: 'READY',
    image: imageObj(m.url, m.alt),
    preview: { __typename: 'MediaPreviewImage', image: imageObj(m.url, m.alt), status: 'READY' },
  });
  const productObj = (p: ShopifyProductRecord): ShopifyObject => ({
    __typename: 'Product',
    id: p.gid,
    handle: p.handle,
    title: p.title,
    descriptionHtml: p.descriptionHtml,
    status: 'ACTIVE',
    onlineStoreUrl: `${origin}/products/${p.handle}`,
    seo: seoObj(p),
    media: (a: Record<string, unknown>) => connection(p.media, a, mediaObj, (m) => cursor(m.id)),
    featuredMedia: p.media[0] ? mediaObj(p.media[0]) : null,
    ...metafieldFields(p),
  });
  const collectionObj = (c: ShopifyCollectionRecord): ShopifyObject => ({
    __typename: 'Collection',
    id: c.gid,
    handle: c.handle,
    title: c.title,
    descriptionHtml: c.descriptionHtml,
    seo: seoObj(c),
    image: null,
    ...metafieldFields(c),
  });
  const pageObj = (p: ShopifyPageRecord): ShopifyObject => ({
    __typename: 'Page',
    id: p.gid,
    handle: p.handle,
    title: p.title,
    body: p.body,
    isPublished: true,
    ...metafieldFields(p),
  });
  const blogObj = (b: ShopifyBlogRecord): ShopifyObject => ({ __typename: 'Blog', id: gid('Blog', b.id), handle: b.handle, title: b.title });
  const articleObj = (a: ShopifyArticleRecord): ShopifyObject => ({
    __typename: 'Article',
    id: a.gid,
    handle: a.handle,
    title: a.title,
    body: a.body,
    isPublished: true,
    blog: blogObj(blogs.get(a.blogId) as ShopifyBlogRecord),
    image: null,
    ...metafieldFields(a),
  });
  const redirectObj = (r: ShopifyRedirectRecord): ShopifyObject => ({ __typename: 'UrlRedirect', id: gid('UrlRedirect', r.id), path: r.path, target: r.target });

  type UserError = { field: string[] | null; message: string; code?: string };
  const userError = (typename: string, e: UserError): ShopifyObject => ({ __typename: typename, field: e.field, message: e.message, code: e.code ?? null });

  const titleErrors = (title: unknown, field: string[]): UserError[] => {
    if (title === undefined) return [];
    if (typeof title !== 'string' || title.trim() === '') return [{ field, message: "Title can't be blank", code: 'BLANK' }];
    if (title.length > 255) return [{ field, message: 'Title is too long (maximum is 255 characters)', code: 'TOO_LONG' }];
    return [];
  };
  const applySeo = (owner: Owner, seo: unknown) => {
    if (!seo || typeof seo !== 'object') return;
    const s = seo as { title?: unknown; description?: unknown };
    if ('title' in s) setMf(owner, 'global', 'title_tag', typeof s.title === 'string' ? s.title : null);
    if ('description' in s) setMf(owner, 'global', 'description_tag', typeof s.description === 'string' ? s.description : null, 'multi_line_text_field');
  };

  const queryRoot: ShopifyObject = {
    __typename: 'QueryRoot',
    shop: {
      __typename: 'Shop',
      id: gid('Shop', 1),
      name: shopName,
      myshopifyDomain,
      currencyCode: 'USD',
      primaryDomain: { __typename: 'Domain', id: gid('Domain', 1), get host() { return new URL(origin).host; }, get url() { return origin; }, sslEnabled: false },
    },
    products: (a: Record<string, unknown>) =>
      connection([...products.values()].filter((p) => matchesQuery(a['query'], { handle: p.handle, title: p.title, id: String(p.id) })), a, productObj, (p) => cursor(p.id)),
    product: (a: Record<string, unknown>) => {
      const id = parseGid(a['id'], 'Product');
      const p = id === null ? undefined : products.get(id);
      return p ? productObj(p) : null;
    },
    collections: (a: Record<string, unknown>) =>
      connection([...collections.values()].filter((c) => matchesQuery(a['query'], { handle: c.handle, title: c.title, id: String(c.id) })), a, collectionObj, (c) => cursor(c.id)),
    collection: (a: Record<string, unknown>) => {
      const id = parseGid(a['id'], 'Collection');
      const c = id === null ? undefined : collections.get(id);
      return c ? collectionObj(c) : null;
    },
    pages: (a: Record<string, unknown>) =>
      connection([...pages.values()].filter((p) => matchesQuery(a['query'], { handle: p.handle, title: p.title, id: String(p.id) })), a, pageObj, (p) => cursor(p.id)),
    page: (a: Record<string, unknown>) => {
      const id = parseGid(a['id'], 'Page');
      const p = id === null ? undefined : pages.get(id);
      return p ? pageObj(p) : null;
    },
    blogs: (a: Record<string, unknown>) => connection([...blogs.values()], a, blogObj, (b) => cursor(b.id)),
    articles: (a: Record<string, unknown>) =>
      connection(
        [...articles.values()].filter((x) => matchesQuery(a['query'], { handle: x.handle, title: x.title, id: String(x.id), blog_id: String(x.blogId) })),
        a,
        articleObj,
        (x) => cursor(x.id),
      ),
    article: (a: Record<string, unknown>) => {
      const id = parseGid(a['id'], 'Article');
      const x = id === null ? undefined : articles.get(id);
      return x ? articleObj(x) : null;
    },
    urlRedirects: (a: Record<string, unknown>) =>
      connection([...redirects.values()].filter((r) => matchesQuery(a['query'], { path: r.path, target: r.target, id: String(r.id) })), a, redirectObj, (r) => cursor(r.id)),
  };

  const mutationRoot: ShopifyObject = {
    __typename: 'Mutation',
    productUpdate: (a: Record<string, unknown>) => {
      const input = (a['product'] ?? a['input']) as Record<string, unknown> | null;
      const id = parseGid(input?.['id'], 'Product');
      const p = id === null ? undefined : products.get(id);
      const payload = (product: ShopifyProductRecord | null, errors: UserError[]): ShopifyObject => ({
        __typename: 'ProductUpdatePayload',
        product: product ? productObj(product) : null,
        userErrors: errors.map((e) => userError('UserError', e)),
      });
      if (!p) return payload(null, [{ field: ['id'], message: 'Product does not exist' }]);
      const errors = titleErrors(input?.['title'], ['title']);
      if (errors.length) return payload(null, errors);
      if (typeof input?.['title'] === 'string') p.title = input['title'];
      if (typeof input?.['descriptionHtml'] === 'string') p.descriptionHtml = input['descriptionHtml'];
      applySeo(p, input?.['seo']);
      return payload(p, []);
    },
    collectionUpdate: (a: Record<string, unknown>) => {
      const input = a['input'] as Record<string, unknown> | null;
      const id = parseGid(input?.['id'], 'Collection');
      const c = id === null ? undefined : collections.get(id);
      const payload = (col: ShopifyCollectionRecord | null, errors: UserError[]): ShopifyObject => ({
        __typename: 'CollectionUpdatePayload',
        collection: col ? collectionObj(col) : null,
        userErrors: errors.map((e) => userError('UserError', e)),
      });
      if (!c) return payload(null, [{ field: ['id'], message: 'Collection does not exist' }]);
      const errors = titleErrors(input?.['title'], ['title']);
      if (errors.length) return payload(null, errors);
      if (typeof input?.['title'] === 'string') c.title = input['title'];
      applySeo(c, input?.['seo']);
      return payload(c, []);
    },
    pageUpdate: (a: Record<string, unknown>) => {
      const id = parseGid(a['id'], 'Page');
      const p = id === null ? undefined : pages.get(id);
      const input = a['page'] as Record<string, unknown> | null;
      const payload = (page: ShopifyPageRecord | null, errors: UserError[]): ShopifyObject => ({
        __typename: 'PageUpdatePayload',
        page: page ? pageObj(page) : null,
        userErrors: errors.map((e) => userError('PageUpdateUserError', e)),
      });
      if (!p) return payload(null, [{ field: ['id'], message: 'Page does not exist', code: 'NOT_FOUND' }]);
      const errors = titleErrors(input?.['title'], ['page', 'title']);
      if (errors.length) return payload(null, errors);
      if (typeof input?.['title'] === 'string') p.title = input['title'];
      if (typeof input?.['body'] === 'string') p.body = input['body'];
      return payload(p, []);
    },
    articleUpdate: (a: Record<string, unknown>) => {
      const id = parseGid(a['id'], 'Article');
      const x = id === null ? undefined : articles.get(id);
      const input = a['article'] as Record<string, unknown> | null;
      const payload = (art: ShopifyArticleRecord | null, errors: UserError[]): ShopifyObject => ({
        __typename: 'ArticleUpdatePayload',
        article: art ? articleObj(art) : null,
        userErrors: errors.map((e) => userError('ArticleUpdateUserError', e)),
      });
      if (!x) return payload(null, [{ field: ['id'], message: 'Article does not exist', code: 'NOT_FOUND' }]);
      const errors = titleErrors(input?.['title'], ['article', 'title']);
      if (errors.length) return payload(null, errors);
      if (typeof input?.['title'] === 'string') x.title = input['title'];
      return payload(x, []);
    },
    metafieldsSet: (a: Record<string, unknown>) => {
      const inputs = Array.isArray(a['metafields']) ? (a['metafields'] as Array<Record<string, unknown>>) : [];
      const errors: UserError[] = [];
      inputs.forEach((m, i) => {
        const owner = ownerByGid(stringArg(m['ownerId']));
        if (!owner) errors.push({ field: ['metafields', String(i), 'ownerId'], message: 'Owner does not exist.', code: 'INVALID' });
        if (typeof m['value'] !== 'string' || m['value'] === '') errors.push({ field: ['metafields', String(i), 'value'], message: "Value can't be blank.", code: 'BLANK' });
        if (typeof m['type'] !== 'string') errors.push({ field: ['metafields', String(i), 'type'], message: "Type can't be blank.", code: 'BLANK' });
        else if (m['type'] === 'number_integer' && !/^-?\d+$/.test(String(m['value']))) {
          errors.push({ field: ['metafields', String(i), 'value'], message: 'Value must be an integer.', code: 'INVALID_VALUE' });
        }
      });
      if (errors.length) return { __typename: 'MetafieldsSetPayload', metafields: null, userErrors: errors.map((e) => userError('MetafieldsSetUserError', e)) };
      const set = inputs.map((m) => {
        const owner = ownerByGid(String(m['ownerId'])) as Owner;
        return metafieldObj(owner, setMf(owner, String(m['namespace']), String(m['key']), String(m['value']), String(m['type'])) as ShopifyMetafieldRecord);
      });
      return { __typename: 'MetafieldsSetPayload', metafields: set, userErrors: [] };
    },
    metafieldsDelete: (a: Record<string, unknown>) => {
      const inputs = Array.isArray(a['metafields']) ? (a['metafields'] as Array<Record<string, unknown>>) : [];
      const deleted = inputs.map((m) => {
        const owner = ownerByGid(stringArg(m['ownerId']));
        const existing = owner ? getMf(owner, String(m['namespace']), String(m['key'])) : null;
        if (!owner || !existing) return null;
        setMf(owner, existing.namespace, existing.key, null);
        return { __typename: 'MetafieldIdentifier', ownerId: owner.gid, namespace: existing.namespace, key: existing.key };
      });
      return { __typename: 'MetafieldsDeletePayload', deletedMetafields: deleted, userErrors: [] };
    },
    fileUpdate: (a: Record<string, unknown>) => {
      const inputs = Array.isArray(a['files']) ? (a['files'] as Array<Record<string, unknown>>) : a['files'] ? [a['files'] as Record<string, unknown>] : [];
      const errors: UserError[] = [];
      inputs.forEach((f, i) => {
        const id = parseGid(f['id'], 'MediaImage');
        if (id === null || !media.has(id)) errors.push({ field: ['files', String(i), 'id'], message: `File id ${String(f['id'])} does not exist.`, code: 'FILE_DOES_NOT_EXIST' });
        if (typeof f['alt'] === 'string' && f['alt'].length > 512) {
          errors.push({ field: ['files', String(i), 'alt'], message: 'The alt value exceeds the maximum limit of 512 characters.', code: 'ALT_VALUE_LIMIT_EXCEEDED' });
        }
      });
      if (errors.length) return { __typename: 'FileUpdatePayload', files: null, userErrors: errors.map((e) => userError('FilesUserError', e)) };
      const files = inputs.map((f) => {
        const rec = (media.get(parseGid(f['id'], 'MediaImage') as number) as { record: ShopifyMediaRecord }).record;
        if (typeof f['alt'] === 'string') rec.alt = f['alt'];
        return mediaObj(rec);
      });
      return { __typename: 'FileUpdatePayload', files, userErrors: [] };
    },
    urlRedirectCreate: (a: Record<string, unknown>) => {
      const input = (a['urlRedirect'] ?? {}) as Record<string, unknown>;
      const errs = redirectErrors(input, null);
      if (errs.length) return { __typename: 'UrlRedirectCreatePayload', urlRedirect: null, userErrors: errs.map((e) => userError('UrlRedirectUserError', e)) };
      const id = newId();
      const rec = { id, path: String(input['path']), target: String(input['target']) };
      redirects.set(id, rec);
      return { __typename: 'UrlRedirectCreatePayload', urlRedirect: redirectObj(rec), userErrors: [] };
    },
    urlRedirectUpdate: (a: Record<string, unknown>) => {
      const id = parseGid(a['id'], 'UrlRedirect');
      const rec = id === null ? undefined : redirects.get(id);
      const input = (a['urlRedirect'] ?? {}) as Record<string, unknown>;
      if (!rec) {
        return { __typename: 'UrlRedirectUpdatePayload', urlRedirect: null, userErrors: [userError('UrlRedirectUserError', { field: ['id'], message: 'Redirect does not exist', code: 'DOES_NOT_EXIST' })] };
      }
      const errs = redirectErrors({ path: input['path'] ?? rec.path, target: input['target'] ?? rec.target }, rec.id);
      if (errs.length) return { __typename: 'UrlRedirectUpdatePayload', urlRedirect: null, userErrors: errs.map((e) => userError('UrlRedirectUserError', e)) };
      if (typeof input['path'] === 'string') rec.path = input['path'];
      if (typeof input['target'] === 'string') rec.target = input['target'];
      return { __typename: 'UrlRedirectUpdatePayload', urlRedirect: redirectObj(rec), userErrors: [] };
    },
    urlRedirectDelete: (a: Record<string, unknown>) => {
      const id = parseGid(a['id'], 'UrlRedirect');
      if (id === null || !redirects.has(id)) {
        return { __typename: 'UrlRedirectDeletePayload', deletedUrlRedirectId: null, userErrors: [userError('UrlRedirectUserError', { field: ['id'], message: 'Redirect does not exist', code: 'DOES_NOT_EXIST' })] };
      }
      redirects.delete(id);
      return { __typename: 'UrlRedirectDeletePayload', deletedUrlRedirectId: gid('UrlRedirect', id), userErrors: [] };
    },
  };

  function redirectErrors(input: Record<string, unknown>, selfId: number | null): UserError[] {
    const path = input['path'];
    const target = input['target'];
    const out: UserError[] = [];
    if (typeof path !== 'string' || path.trim() === '') out.push({ field: ['path'], message: "Path can't be blank", code: 'BLANK' });
    else if ([...redirects.values()].some((r) => r.id !== selfId && r.path.toLowerCase() === path.toLowerCase())) {
      out.push({ field: ['path'], message: 'Path has already been taken', code: 'TAKEN' });
    }
    if (typeof target !== 'string' || target.trim() === '') out.push({ field: ['target'], message: "Target can't be blank", code: 'BLANK' });
    else if (typeof path === 'string' && target === path) out.push({ field: ['target'], message: "Target can't be the same as path", code: 'INVALID' });
    return out;
  }

  // ---- HTTP -------------------------------------------------------------------------------------

  const handleGraphql = async (req: import('node:http').IncomingMessage, res: ServerResponse, record: RecordedRequest) => {
    const raw = await readBody(req);
    stats.graphqlRequests++;
    if (req.headers['x-shopify-access-token'] !== opts.accessToken) {
      stats.unauthorized++;
      return send(res, 401, UNAUTHORIZED_BODY);
    }
    record.principal = 'token';
    let body: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      return send(res, 400, { errors: 'Bad Request: could not parse the JSON body' });
    }
    if (typeof body.query !== 'string') return send(res, 400, { errors: { query: 'Required parameter missing or invalid' } });
    const variables = body.variables && typeof body.variables === 'object' ? (body.variables as Record<string, unknown>) : {};
    const opName = typeof body.operationName === 'string' ? body.operationName : null;
    // Syntax and schema errors: top-level errors, no data, nothing charged (as Shopify answers an invalid document).
    const checked = parseAndValidate(body.query, opName);
    if (!checked.ok) return send(res, 200, { errors: checked.errors });
    const { parsed } = checked;
    const op = parsed.operation;
    record.label = op?.name?.value ?? '(anonymous)';
    stats.operations[record.label] = (stats.operations[record.label] ?? 0) + 1;

    if (latency.ms > 0 && (!latency.match || latency.match({ label: record.label }))) await new Promise((r) => setTimeout(r, latency.ms));
    const fault = faults.take({ method: 'POST', path: record.path, label: record.label });
    if (fault) return send(res, fault.status, fault.body ?? { errors: 'Injected fault' }, fault.headers ?? {});

    const requested = op ? queryCost(parsed.document, op, variables) : 0;
    if (requested > maxQueryCost) {
      return send(res, 200, {
        errors: [{ message: `Query cost is ${requested}, which exceeds the single query max cost limit (${maxQueryCost}).`, extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: maxQueryCost } }],
        extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: throttleStatus() } },
      });
    }
    refill();
    if (requested > level) {
      stats.throttled++;
      return send(res, 200, {
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }],
        extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: throttleStatus() } },
      });
    }
    level -= requested;
    const result = await executeShopify(parsed, { query: queryRoot, mutation: mutationRoot }, variables, opName);
    const data = result.data;
    const actual = op && data ? Math.min(requested, queryCost(parsed.document, op, variables, data)) : 0;
    level = Math.min(maxAvail, level + (requested - actual));
    send(res, 200, { ...result, extensions: { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: throttleStatus() } } }, { 'x-shopify-api-version': apiVersion });
  };

  const storefront = (method: string, url: URL, res: ServerResponse) => {
    const seg = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const render = (o: { owner: Owner; title: string; descriptionHtml: string; canonicalPath: string; images: ShopifyMediaRecord[]; type: string }) => {
      const seo = seoObj(o.owner);
      const title = (seo['title'] as string | null) ?? `${o.title} – ${shopName}`;
      const description = (seo['description'] as string | null) ?? (stripTags(o.descriptionHtml).slice(0, 160) || null);
      const noindex = getMf(o.owner, 'seo', 'hidden')?.value === '1';
      const canonical = `${origin}${o.canonicalPath}`;
      const jsonLd = JSON.stringify({ '@context': 'https://schema.org', '@type': o.type, name: o.title, url: canonical, ...(o.images.length ? { image: o.images.map((m) => m.url) } : {}) });
      const html = renderPublicPage({
        title,
        metaDescription: description,
        canonical,
        robots: noindex ? 'noindex' : null,
        ogTitle: (seo['title'] as string | null) ?? o.title,
        ogDescription: description,
        h1: o.title,
        bodyHtml: o.descriptionHtml,
        images: o.images.map((m) => ({ src: m.url, alt: m.alt })),
        jsonLd: [jsonLd],
      });
      sendHtml(res, 200, method === 'HEAD' ? '' : html);
    };
    const byHandle = <T extends { handle: string }>(m: Map<number, T>, h: string | undefined) => [...m.values()].find((x) => x.handle === h);
    if (seg.length === 0) {
      // The theme's home page links every product, collection, page and article, so a crawl from "/" finds them.
      const link = (path: string, text: string) => `<li><a href="${path}">${escapeHtml(text)}</a></li>`;
      const links = [
        ...[...products.values()].map((p) => link(`/products/${p.handle}`, p.title)),
        ...[...collections.values()].map((c) => link(`/collections/${c.handle}`, c.title)),
        ...[...pages.values()].map((p) => link(`/pages/${p.handle}`, p.title)),
        ...[...articles.values()].map((a) => link(`/blogs/${blogs.get(a.blogId)?.handle ?? 'news'}/${a.handle}`, a.title)),
      ];
      const html = renderPublicPage({ title: shopName, canonical: `${origin}/`, h1: shopName, bodyHtml: `<ul>${links.join('')}</ul>` });
      return sendHtml(res, 200, method === 'HEAD' ? '' : html);
    }
    let productHandle: string | undefined;
    if (seg[0] === 'products' && seg.length === 2) productHandle = seg[1];
    if (seg[0] === 'collections' && seg[2] === 'products' && seg.length === 4) productHandle = seg[3];
    if (productHandle !== undefined) {
      const p = byHandle(products, productHandle);
      if (p) return render({ owner: p, title: p.title, descriptionHtml: p.descriptionHtml, canonicalPath: `/products/${p.handle}`, images: p.media, type: 'Product' });
    }
    if (seg[0] === 'collections' && seg.length === 2) {
      const c = byHandle(collections, seg[1]);
      if (c) return render({ owner: c, title: c.title, descriptionHtml: c.descriptionHtml, canonicalPath: `/collections/${c.handle}`, images: [], type: 'CollectionPage' });
    }
    if (seg[0] === 'pages' && seg.length === 2) {
      const p = byHandle(pages, seg[1]);
      if (p) return render({ owner: p, title: p.title, descriptionHtml: p.body, canonicalPath: `/pages/${p.handle}`, images: [], type: 'WebPage' });
    }
    if (seg[0] === 'blogs' && seg.length === 3) {
      const blog = byHandle(blogs, seg[1]);
      const a = blog ? [...articles.values()].find((x) => x.blogId === blog.id && x.handle === seg[2]) : undefined;
      if (a && blog) return render({ owner: a, title: a.title, descriptionHtml: a.body, canonicalPath: `/blogs/${blog.handle}/${a.handle}`, images: [], type: 'BlogPosting' });
    }
    // Shopify applies URL redirects only to paths that would otherwise be a 404.
    const r = [...redirects.values()].find((x) => x.path.toLowerCase() === url.pathname.toLowerCase());
    if (r) return send(res, 301, '', { location: new URL(r.target, origin).href });
    sendHtml(res, 404, renderPublicPage({ title: `404 Not Found – ${shopName}`, h1: '404 Page Not Found' }));
  };

  const listening = await listen(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const record: RecordedRequest = { method, path: url.pathname, query: queryOf(url), status: 0, principal: null, label: 'storefront' };
    requests.push(record);
    res.on('finish', () => {
      record.status = res.statusCode;
    });
    const api = /^\/admin\/api\/(\d{4}-\d{2}|unstable)\/graphql\.json$/.exec(url.pathname);
    if (api) {
      if (method !== 'POST') return send(res, 405, { errors: 'Method Not Allowed' });
      record.label = 'graphql';
      return handleGraphql(req, res, record);
    }
    if (url.pathname.startsWith('/admin/')) return send(res, 404, { errors: 'Not Found' });
    return storefront(method, url, res);
  });
  origin = listening.origin;

  return {
    url: origin,
    graphqlUrl: `${origin}/admin/api/${apiVersion}/graphql.json`,
    products,
    collections,
    pages,
    blogs,
    articles,
    redirects,
    stats,
    requests,
    bucketLevel: () => refill(),
    inject: (f) => faults.add(f),
    slowDown: (ms, match) => {
      latency = { ms, match };
    },
    metafield: (ownerGid, ns, key) => {
      const o = ownerByGid(ownerGid);
      return o ? (getMf(o, ns, key)?.value ?? null) : null;
    },
    setMetafield: (ownerGid, ns, key, value, type) => {
      const o = ownerByGid(ownerGid);
      if (!o) throw new Error(`no owner ${ownerGid}`);
      setMf(o, ns, key, value, type);
    },
    close: () => listening.close(),
  };
}

function stripTags(s: string): string {
  return s.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
}
