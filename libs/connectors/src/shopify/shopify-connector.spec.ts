import {
  AuthError,
  ConflictError,
  PlatformError,
  RateLimitError,
  ShopifyConnector,
  UnsupportedChangeError,
  ValidationError,
  extractSeoFromHtml,
  normaliseShop,
  type ResourceRef,
  type ShopifyConnectorOptions,
} from '../index';
import { startShopifyContractServer, type ShopifyContractServer, type ShopifyContractServerOptions } from '../testing';

const LOCAL = { allowHosts: ['127.0.0.1'] };
const TOKEN = 'shpat_test_0123456789';

function seed(extra: Partial<ShopifyContractServerOptions> = {}): ShopifyContractServerOptions {
  return {
    shopName: 'Acme Outdoor',
    accessToken: TOKEN,
    products: [
      {
        id: 1,
        handle: 'trail-shoe',
        title: 'Trail Shoe',
        descriptionHtml: '<p>Grippy.</p>',
        media: [
          { id: 11, url: 'https://cdn.shopify.com/s/files/1/0001/products/trail-shoe.jpg?v=17', alt: '' },
          { id: 12, url: 'https://cdn.shopify.com/s/files/1/0001/products/trail-shoe-side.jpg?v=17', alt: 'Side view' },
        ],
      },
      { id: 2, handle: 'rain-jacket', title: 'Rain Jacket', seo: { title: 'Rain Jacket | Acme', description: 'Stay dry.' } },
    ],
    collections: [{ id: 3, handle: 'footwear', title: 'Footwear' }],
    pages: [{ id: 4, handle: 'about-us', title: 'About us', body: '<p>Since 1990.</p>' }],
    blogs: [{ id: 5, handle: 'news', title: 'News' }],
    articles: [{ id: 6, blog: 'news', handle: 'spring-sale', title: 'Spring sale' }],
    ...extra,
  };
}

const open: ShopifyContractServer[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function harness(serverOpts: Partial<ShopifyContractServerOptions> = {}, connectorOpts: Partial<ShopifyConnectorOptions> = {}) {
  const server = await startShopifyContractServer(seed(serverOpts));
  open.push(server);
  const sleeps: number[] = [];
  // Retries record their backoff instead of waiting it out.
  const recordSleep = (ms: number) => {
    sleeps.push(ms);
    return Promise.resolve();
  };
  const connector = new ShopifyConnector({
    shop: 'contract-test',
    accessToken: TOKEN,
    endpoint: server.graphqlUrl,
    ssrfPolicy: LOCAL,
    ...connectorOpts,
    retry: { sleep: recordSleep, random: () => 0.5, ...connectorOpts.retry },
  });
  return { server, connector, sleeps };
}

const ref = (server: ShopifyContractServer, kind: 'product' | 'collection' | 'page' | 'article', id: number, path: string): ResourceRef => ({
  platform: 'shopify',
  kind,
  id: `gid://shopify/${(kind[0] ?? '').toUpperCase()}${kind.slice(1)}/${id}`,
  url: `${server.url}${path}`,
});

async function storefront(url: string) {
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), seo: extractSeoFromHtml(await res.text(), url) };
}

describe('ShopifyConnector.verify', () => {
  it('reports the shop name for a valid token', async () => {
    const { connector } = await harness();
    await expect(connector.verify()).resolves.toEqual({ ok: true, siteName: 'Acme Outdoor' });
  });

  it('explains a rejected token', async () => {
    const { server } = await harness();
    const bad = new ShopifyConnector({ shop: 'contract-test.myshopify.com', accessToken: 'shpat_wrong', endpoint: server.graphqlUrl, ssrfPolicy: LOCAL });
    await expect(bad.verify()).resolves.toEqual({
      ok: false,
      reason: 'Shopify rejected the access token for contract-test.myshopify.com ([API] Invalid API key or access token (unrecognized login or wrong password))',
    });
    expect(server.stats.unauthorized).toBe(1);
  });

  it('only accepts store names that cannot point anywhere else', () => {
    expect(normaliseShop('https://Acme-Outdoor.myshopify.com/admin')).toBe('acme-outdoor.myshopify.com');
    expect(() => normaliseShop('evil.example.com#')).toThrow(/not a Shopify store name/);
    expect(() => normaliseShop('127.0.0.1')).toThrow(/not a Shopify store name/);
  });
});

describe('ShopifyConnector.listResources', () => {
  it('follows pageInfo.endCursor through every kind', async () => {
    const products = Array.from({ length: 5 }, (_, i) => ({ id: 100 + i, handle: `p-${i}`, title: `P ${i}` }));
    const { connector, server } = await harness({ products }, { pageSize: 2 });
    const seen: ResourceRef[] = [];
    let cursor: string | undefined;
    let calls = 0;
    do {
      const page = await connector.listResources({ cursor });
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      calls++;
    } while (cursor && calls < 20);
    expect(seen.map((r) => r.id)).toEqual([
      ...products.map((p) => `gid://shopify/Product/${p.id}`),
      'gid://shopify/Collection/3',
      'gid://shopify/Page/4',
      'gid://shopify/Article/6',
    ]);
    expect(seen.find((r) => r.kind === 'article')?.url).toBe(`${server.url}/blogs/news/spring-sale`);
    expect(seen[0]?.url).toBe(`${server.url}/products/p-0`);
    expect(server.stats.operations['SeologyListProducts']).toBe(3);
    expect(calls).toBe(6);
  });
});

describe('ShopifyConnector.findResourceByUrl', () => {
  it('maps storefront URLs to resources', async () => {
    const { connector, server } = await harness();
    await expect(connector.findResourceByUrl(`${server.url}/products/trail-shoe?variant=1#reviews`)).resolves.toMatchObject({ kind: 'product', id: 'gid://shopify/Product/1' });
    await expect(connector.findResourceByUrl(`${server.url}/collections/footwear/products/trail-shoe`)).resolves.toMatchObject({ id: 'gid://shopify/Product/1' });
    await expect(connector.findResourceByUrl(`${server.url}/fr/products/trail-shoe/`)).resolves.toMatchObject({ id: 'gid://shopify/Product/1' });
    await expect(connector.findResourceByUrl(`${server.url}/collections/footwear`)).resolves.toMatchObject({ kind: 'collection' });
    await expect(connector.findResourceByUrl(`${server.url}/pages/about-us`)).resolves.toMatchObject({ kind: 'page', id: 'gid://shopify/Page/4' });
    await expect(connector.findResourceByUrl(`${server.url}/blogs/news/spring-sale`)).resolves.toMatchObject({ kind: 'article' });
  });

  it('returns null for unknown handles, other blogs and other hosts', async () => {
    const { connector, server } = await harness();
    await expect(connector.findResourceByUrl(`${server.url}/products/no-such-thing`)).resolves.toBeNull();
    await expect(connector.findResourceByUrl(`${server.url}/blogs/journal/spring-sale`)).resolves.toBeNull();
    await expect(connector.findResourceByUrl(`${server.url}/cart`)).resolves.toBeNull();
    await expect(connector.findResourceByUrl('https://other-shop.example/products/trail-shoe')).resolves.toBeNull();
  });
});

describe('ShopifyConnector read / apply / revert', () => {
  it('reads SEO, title and media alts', async () => {
    const { connector, server } = await harness();
    const f = await connector.readSeoFields(ref(server, 'product', 2, '/products/rain-jacket'));
    expect(f).toMatchObject({ title: 'Rain Jacket | Acme', metaDescription: 'Stay dry.', h1: 'Rain Jacket', robots: null, images: [] });
    const shoe = await connector.readSeoFields(ref(server, 'product', 1, '/products/trail-shoe'));
    expect(shoe.images).toEqual([
      { id: 'gid://shopify/MediaImage/11', src: 'https://cdn.shopify.com/s/files/1/0001/products/trail-shoe.jpg?v=17', alt: '' },
      { id: 'gid://shopify/MediaImage/12', src: 'https://cdn.shopify.com/s/files/1/0001/products/trail-shoe-side.jpg?v=17', alt: 'Side view' },
    ]);
  });

  it('sets a product SEO title via productUpdate, shows it on the storefront and restores "not set"', async () => {
    const { connector, server } = await harness();
    const r = ref(server, 'product', 1, '/products/trail-shoe');
    const applied = await connector.applyChange(r, { field: 'title', value: 'Trail Shoe – Waterproof Running Shoe' });
    expect([applied.before, applied.after]).toEqual([null, 'Trail Shoe – Waterproof Running Shoe']);
    expect((await storefront(r.url)).seo.title).toBe('Trail Shoe – Waterproof Running Shoe');
    await connector.revertChange(r, applied);
    expect(server.metafield(r.id, 'global', 'title_tag')).toBeNull();
    expect((await storefront(r.url)).seo.title).toBe('Trail Shoe – Acme Outdoor');
  });

  it('keeps the other SEO field when changing one', async () => {
    const { connector, server } = await harness();
    const r = ref(server, 'product', 2, '/products/rain-jacket');
    const applied = await connector.applyChange(r, { field: 'metaDescription', value: 'Packable, fully taped seams.' });
    expect(applied.before).toBe('Stay dry.');
    expect(server.metafield(r.id, 'global', 'title_tag')).toBe('Rain Jacket | Acme');
    await connector.revertChange(r, applied);
    expect(server.metafield(r.id, 'global', 'description_tag')).toBe('Stay dry.');
  });

  it('writes page SEO through the global title_tag/description_tag metafields', async () => {
    const { connector, server } = await harness();
    const r = ref(server, 'page', 4, '/pages/about-us');
    const applied = await connector.applyChange(r, { field: 'metaDescription', value: 'Family-run outdoor shop since 1990.' });
    expect(server.metafield(r.id, 'global', 'description_tag')).toBe('Family-run outdoor shop since 1990.');
    expect((await storefront(r.url)).seo.metaDescription).toBe('Family-run outdoor shop since 1990.');
    expect((await connector.readSeoFields(r)).metaDescription).toBe('Family-run outdoor shop since 1990.');
    await connector.revertChange(r, applied);
    expect(server.metafield(r.id, 'global', 'description_tag')).toBeNull();
    expect(server.stats.operations['SeologyMetafieldsDelete']).toBe(1);
  });

  it('changes image alt text with fileUpdate, matching a resized storefront URL', async () => {
    const { connector, server } = await harness();
    const r = ref(server, 'product', 1, '/products/trail-shoe');
    const applied = await connector.applyChange(r, {
      field: 'imageAlt',
      target: 'https://cdn.shopify.com/s/files/1/0001/products/trail-shoe_600x.jpg?v=17&width=600',
      value: 'Grey trail running shoe, side profile',
    });
    expect(applied).toMatchObject({ before: '', after: 'Grey trail running shoe, side profile' });
    expect(server.stats.operations['SeologyFileUpdate']).toBe(1);
    const live = await storefront(r.url);
    expect(live.seo.images.map((i) => i.alt)).toEqual(['Grey trail running shoe, side profile', 'Side view']);
    await connector.revertChange(r, applied);
    expect(server.products.get(1)?.media[0]?.alt).toBe('');
  });

  it('sets noindex through the seo.hidden metafield', async () => {
    const { connector, server } = await harness();
    const r = ref(server, 'collection', 3, '/collections/footwear');
    const applied = await connector.applyChange(r, { field: 'robots', value: 'noindex' });
    expect([applied.before, applied.after]).toEqual([null, '1']);
    expect((await storefront(r.url)).seo.robots).toBe('noindex');
    expect((await connector.readSeoFields(r)).robots).toBe('noindex');
    await connector.revertChange(r, applied);
    expect((await storefront(r.url)).seo.robots).toBeNull();
  });

  it('changes article and page titles (h1)', async () => {
    const { connector, server } = await harness();
    const a = ref(server, 'article', 6, '/blogs/news/spring-sale');
    const applied = await connector.applyChange(a, { field: 'h1', value: 'Spring sale: 30% off rain gear' });
    expect(applied.before).toBe('Spring sale');
    expect((await storefront(a.url)).seo.h1).toEqual(['Spring sale: 30% off rain gear']);
    await connector.revertChange(a, applied);
    expect(server.articles.get(6)?.title).toBe('Spring sale');
  });

  it('creates a URL redirect the storefront serves, and deletes it on revert', async () => {
    const { connector, server } = await harness();
    const r = ref(server, 'product', 1, '/products/trail-shoe');
    const applied = await connector.applyChange(r, { field: 'redirect', target: `${server.url}/products/old-trail-shoe`, value: '/products/trail-shoe' });
    expect([applied.before, applied.after]).toEqual([null, '/products/trail-shoe']);
    const live = await storefront(`${server.url}/products/old-trail-shoe`);
    expect([live.status, live.location]).toEqual([301, `${server.url}/products/trail-shoe`]);
    await connector.revertChange(r, applied);
    expect(server.redirects.size).toBe(0);
  });

  it('updates an existing redirect and restores its old target on revert', async () => {
    const { connector, server } = await harness({ redirects: [{ path: '/old', target: '/pages/about-us' }] });
    const r = ref(server, 'page', 4, '/pages/about-us');
    const applied = await connector.applyChange(r, { field: 'redirect', target: '/old', value: '/collections/footwear' });
    expect(applied.before).toBe('/pages/about-us');
    await connector.revertChange(r, applied);
    expect([...server.redirects.values()]).toEqual([expect.objectContaining({ path: '/old', target: '/pages/about-us' })]);
  });

  it('refuses to revert over a change made in the admin, unless forced', async () => {
    const { connector, server } = await harness();
    const r = ref(server, 'product', 2, '/products/rain-jacket');
    const applied = await connector.applyChange(r, { field: 'title', value: 'Ours' });
    server.setMetafield(r.id, 'global', 'title_tag', 'Merchant edit');
    const err = await connector.revertChange(r, applied).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err).toMatchObject({ field: 'title', expected: 'Ours', actual: 'Merchant edit' });
    expect(server.metafield(r.id, 'global', 'title_tag')).toBe('Merchant edit');
    await expect(connector.revertChange(r, applied, { force: true })).resolves.toMatchObject({ restored: 'Rain Jacket | Acme', forced: true });
    expect(server.metafield(r.id, 'global', 'title_tag')).toBe('Rain Jacket | Acme');
  });

  it('turns userErrors into a ValidationError naming the field', async () => {
    const { connector, server } = await harness();
    const err = await connector.applyChange(ref(server, 'product', 1, '/products/trail-shoe'), { field: 'h1', value: '   ' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err).toMatchObject({ field: 'title', platformMessage: "Title can't be blank", message: "Shopify refused productUpdate: title: Title can't be blank" });
    expect(server.products.get(1)?.title).toBe('Trail Shoe');
  });

  it('refuses fields Shopify cannot set, with the reason', async () => {
    const { connector, server } = await harness();
    const caps = await connector.capabilities();
    expect(caps.byKind.product).toContain('imageAlt');
    expect(caps.byKind.page).not.toContain('imageAlt');
    const err = await connector.applyChange(ref(server, 'product', 1, '/products/trail-shoe'), { field: 'canonical', value: 'https://x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsupportedChangeError);
    expect((err as Error).message).toMatch(/canonical/);
    expect(server.stats.graphqlRequests).toBe(0);
  });
});

describe('ShopifyConnector throttling', () => {
  it('gets a burst through a tiny bucket: THROTTLED answers are waited out and every call succeeds', async () => {
    const { connector, server } = await harness(
      { throttle: { maximumAvailable: 15, restoreRate: 50 } },
      { retry: { sleep: (ms) => new Promise((r) => setTimeout(r, ms)) } },
    );
    const r = ref(server, 'collection', 3, '/collections/footwear');
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 20 }, () => connector.readSeoFields(r)));
    const elapsed = Date.now() - started;
    expect(results.every((f) => f.h1 === 'Footwear')).toBe(true);
    // Each read costs 3 (collection + seo + metafield): 60 points through a 15-point bucket at 50/s.
    expect(server.stats.operations['SeologyReadCollection']).toBeGreaterThanOrEqual(20);
    expect(server.stats.throttled).toBeGreaterThan(0);
    expect(connector.throttleStats.throttledResponses).toBe(server.stats.throttled);
    expect(server.stats.operations['SeologyReadCollection']).toBe(20 + server.stats.throttled);
    expect(elapsed).toBeGreaterThanOrEqual(((60 - 15) / 50) * 1000 - 50);
  });

  it('waits before sending once it knows the bucket is low, so the server never has to throttle', async () => {
    const { connector, server } = await harness(
      { throttle: { maximumAvailable: 12, restoreRate: 20 } },
      { retry: { sleep: (ms) => new Promise((r) => setTimeout(r, ms)) } },
    );
    const r = ref(server, 'collection', 3, '/collections/footwear');
    for (let i = 0; i < 10; i++) await connector.readSeoFields(r);
    expect(server.stats.throttled).toBe(0);
    expect(connector.throttleStats.preemptiveWaits).toBeGreaterThan(0);
    expect(connector.throttleStats.waitedMs).toBeGreaterThanOrEqual(((30 - 12) / 20) * 1000 - 100);
  });

  it('gives up with a RateLimitError after too many THROTTLED answers', async () => {
    const { connector, server } = await harness({ throttle: { maximumAvailable: 2, restoreRate: 0.001 } }, { throttle: { maxRetries: 2 } });
    const err = await connector.readSeoFields(ref(server, 'collection', 3, '/collections/footwear')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect(server.stats.throttled).toBe(3);
  });

  it('retries HTTP 5xx and reports a PlatformError when they persist', async () => {
    const { connector, server, sleeps } = await harness({}, { retry: { maxRetries: 2 } });
    server.inject({ status: 503, body: { errors: 'Service Unavailable' }, times: 3 });
    const err = await connector.verify();
    expect(err).toEqual({ ok: false, reason: 'Shopify answered 503 after 3 attempt(s) (Service Unavailable)' });
    expect(sleeps).toHaveLength(2);
    server.inject({ status: 502, body: 'bad gateway', times: 1 });
    await expect(connector.readSeoFields(ref(server, 'page', 4, '/pages/about-us'))).resolves.toMatchObject({ h1: 'About us' });
  });

  it('honours Retry-After on HTTP 429', async () => {
    const { connector, server, sleeps } = await harness();
    server.inject({ status: 429, headers: { 'retry-after': '1.5' }, body: { errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' } });
    await expect(connector.verify()).resolves.toEqual({ ok: true, siteName: 'Acme Outdoor' });
    expect(sleeps[0]).toBeGreaterThanOrEqual(1500);
  });

  it('maps a bad token on a write to AuthError', async () => {
    const { server } = await harness();
    const bad = new ShopifyConnector({ shop: 'contract-test', accessToken: 'nope', endpoint: server.graphqlUrl, ssrfPolicy: LOCAL });
    await expect(bad.readSeoFields(ref(server, 'page', 4, '/pages/about-us'))).rejects.toBeInstanceOf(AuthError);
  });

  it('does not retry a query that exceeds the single-query cost limit', async () => {
    const { connector, server } = await harness({ throttle: { maxQueryCost: 50 } });
    const err = await connector.readSeoFields(ref(server, 'product', 1, '/products/trail-shoe')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformError);
    expect(err).toMatchObject({ platformCode: 'MAX_COST_EXCEEDED' });
    expect(server.stats.operations['SeologyReadProduct']).toBe(1);
  });
});
