import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { extractSeoFromHtml } from '@seology/connectors';
import { startShopifyContractServer, type ShopifyContractServer } from '@seology/connectors/testing';
import type { Page } from '../common/dto/pagination.dto';
import type { ConnectionDto } from '../connections/dto/connection.dto';
import type { CrawlDto } from '../crawls/dto/crawl.dto';
import { createTestApp, signUpUser, teardown, type TestApp, until } from '../testing/test-app';

interface FixBody {
  id: string;
  type: string;
  status: string;
  risk: string;
  pageUrl: string;
  target: string | null;
  beforeValue: string | null;
  afterValue: string;
  failureReason: string | null;
  verifiedAt: string | null;
}

const TOKEN = 'shpat_0123456789abcdef0123456789abcdef';
const SHOE_GID = 'gid://shopify/Product/1';

/**
 * A storefront with fixable problems: a product with a too short meta description and a file name
 * as image alt text, and an About page linking a deleted product (a 404) and a product with "Read more".
 * The bucket is tiny (Shopify's holds 2000 points): a product read requests 105, so the second read of a fix waits for it.
 */
function startStore(): Promise<ShopifyContractServer> {
  return startShopifyContractServer({
    shopName: 'Acme Outdoor',
    accessToken: TOKEN,
    throttle: { maximumAvailable: 110, restoreRate: 10 },
    products: [
      {
        id: 1,
        handle: 'trail-running-shoe',
        title: 'Trail Running Shoe',
        descriptionHtml: '<p>A light trail running shoe with a grippy outsole for muddy forest paths and rocky climbs, built to last for seasons.</p>',
        seo: { title: 'Trail Running Shoe for Muddy Paths | Acme Outdoor', description: 'Trail shoe.' },
        media: [{ id: 11, url: '/cdn/shop/files/trail-running-shoe.jpg', alt: 'trail-running-shoe.jpg' }],
      },
      {
        id: 2,
        handle: 'rain-jacket',
        title: 'Rain Jacket',
        descriptionHtml: '<p>A packable rain jacket.</p>',
        seo: { title: 'Packable Rain Jacket for Hiking | Acme Outdoor', description: 'A packable rain jacket that keeps you dry on long hikes, with taped seams and a hood that stays put in the wind.' },
      },
    ],
    pages: [
      {
        id: 4,
        handle: 'about-us',
        title: 'About us',
        body: '<p>Acme Outdoor makes gear for muddy trails. <a href="/products/old-trail-shoe">Our first trail shoe</a> started it all. ' +
          'Stay dry with our <a href="/products/rain-jacket">Read more</a>.</p>',
      },
    ],
  });
}

describe('fixes on Shopify (e2e: API + worker + Shopify Admin GraphQL contract server)', () => {
  let shop: ShopifyContractServer;
  let t: TestApp;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    shop = await startStore();
    t = await createTestApp({ SSRF_ALLOW_HOSTS: '127.0.0.1', ANTHROPIC_API_KEY: '', SHOPIFY_API_BASE: shop.url });
    const { WorkerModule } = await import('../worker/worker.module');
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
  });
  afterAll(() => teardown([['worker', () => worker?.close()], ['app', () => t?.close()], ['store', () => shop?.close()]]));

  const fixOf = (auth: Record<string, string>, id: string) => async () => (await t.http().get(`/api/fixes/${id}`).set(auth).expect(200)).body as FixBody;
  const settled = (f: FixBody) => !['APPROVED', 'APPLYING', 'ROLLING_BACK'].includes(f.status);
  const mutations = () => shop.requests.filter((r) => r.label !== 'storefront' && /Update|Set|Delete|Create/.test(r.label));
  const live = async (path: string) => {
    const res = await fetch(`${shop.url}${path}`, { redirect: 'manual' });
    return { status: res.status, location: res.headers.get('location'), seo: extractSeoFromHtml(await res.text(), `${shop.url}${path}`) };
  };

  it('crawl, propose, approve, APPLY_FIX through the worker, verify on the storefront, ROLLBACK_FIX to the exact before-state, throttled on the way', async () => {
    const user = await signUpUser(t);
    const connection = (await t.http().post('/api/connections').set(user.auth)
      .send({ siteUrl: `${shop.url}/`, platform: 'SHOPIFY', executionMode: 'APPROVE', displayName: 'Acme Outdoor', shopify: { shopDomain: 'contract-test.myshopify.com', accessToken: TOKEN } })
      .expect(201)).body as ConnectionDto;
    const crawl = (await t.http().post(`/api/connections/${connection.id}/crawls`).set(user.auth).expect(201)).body as CrawlDto;
    const analysed = await until(
      () => t.prisma.job.findFirst({ where: { type: 'ANALYZE_SITE', payload: { path: ['crawlId'], equals: crawl.id } } }),
      (j) => j?.status === 'COMPLETED' || j?.status === 'FAILED',
    );
    expect(analysed?.error ?? null).toBeNull();
    const fixes = ((await t.http().get(`/api/connections/${connection.id}/fixes?pageSize=100`).set(user.auth).expect(200)).body as Page<FixBody>).items;

    const shoeUrl = `${shop.url}/products/trail-running-shoe`;
    const description = fixes.find((f) => f.type === 'metaDescription' && f.pageUrl === shoeUrl);
    const alt = fixes.find((f) => f.type === 'imageAlt' && f.pageUrl === shoeUrl);
    const redirect = fixes.find((f) => f.type === 'redirect');
    const anchor = fixes.find((f) => f.type === 'anchorText');
    expect(description).toMatchObject({ status: 'PROPOSED', risk: 'LOW', beforeValue: 'Trail shoe.' });
    expect(alt).toMatchObject({ status: 'PROPOSED', risk: 'LOW', target: `${shop.url}/cdn/shop/files/trail-running-shoe.jpg`, beforeValue: 'trail-running-shoe.jpg', afterValue: 'Trail running shoe' });
    // The broken link gets a redirect to the product whose address matches best; HIGH risk, never applied without a person.
    expect(redirect).toMatchObject({
      status: 'PROPOSED', risk: 'HIGH', pageUrl: `${shop.url}/pages/about-us`,
      target: `${shop.url}/products/old-trail-shoe`, beforeValue: `${shop.url}/products/old-trail-shoe (404)`, afterValue: shoeUrl,
    });
    // Link text lives in the page body, which is not rewritten through the API: a manual recommendation.
    expect(anchor).toMatchObject({ status: 'MANUAL', manualReason: expect.stringMatching(/edit the link text/) as unknown, risk: 'MEDIUM', target: `${shop.url}/products/rain-jacket`, beforeValue: 'Read more', afterValue: 'Read more about Packable Rain Jacket for Hiking' });

    // Nothing was written by crawling and proposing.
    expect(mutations()).toHaveLength(0);
    const before = JSON.stringify({ products: [...shop.products.values()], redirects: [...shop.redirects.values()] });
    const liveBefore = await live('/products/trail-running-shoe');
    expect(liveBefore.seo.images).toEqual([{ src: `${shop.url}/cdn/shop/files/trail-running-shoe.jpg`, alt: 'trail-running-shoe.jpg' }]);

    const picked = [description!, alt!, redirect!];
    await t.http().post('/api/fixes/approve').set(user.auth).send({ ids: picked.map((f) => f.id) }).expect(200);
    for (const f of picked) {
      const done = await until(fixOf(user.auth, f.id), settled);
      expect({ type: done.type, status: done.status, failureReason: done.failureReason }).toEqual({ type: f.type, status: 'APPLIED', failureReason: null });
      expect(done.verifiedAt).not.toBeNull();
    }
    // Applied through the Admin API: one mutation per fix, the storefront shows it.
    expect(mutations().map((r) => r.label).sort()).toEqual(['SeologyFileUpdate', 'SeologyProductUpdate', 'SeologyRedirectCreate']);
    expect(shop.metafield(SHOE_GID, 'global', 'description_tag')).toBe(description!.afterValue);
    const liveAfter = await live('/products/trail-running-shoe');
    expect(liveAfter.seo.metaDescription).toBe(description!.afterValue);
    expect(liveAfter.seo.images).toEqual([{ src: `${shop.url}/cdn/shop/files/trail-running-shoe.jpg`, alt: 'Trail running shoe' }]);
    expect(await live('/products/old-trail-shoe')).toMatchObject({ status: 301, location: shoeUrl });
    // Cost-based throttling: the store answered THROTTLED and the client waited and retried instead of failing.
    expect(shop.stats.throttled).toBeGreaterThan(0);

    // A manual recommendation cannot be approved, and costs no quota.
    await t.http().post(`/api/fixes/${anchor!.id}/approve`).set(user.auth).expect(409);
    expect((await fixOf(user.auth, anchor!.id)()).status).toBe('MANUAL');

    for (const f of picked) await t.http().post(`/api/fixes/${f.id}/rollback`).set(user.auth).send({}).expect(200);
    for (const f of picked) expect((await until(fixOf(user.auth, f.id), settled)).status).toBe('ROLLED_BACK');
    expect(JSON.stringify({ products: [...shop.products.values()], redirects: [...shop.redirects.values()] })).toBe(before);
    const liveRolledBack = await live('/products/trail-running-shoe');
    expect(liveRolledBack.seo.metaDescription).toBe('Trail shoe.');
    expect(liveRolledBack.seo.images).toEqual(liveBefore.seo.images);
    expect((await live('/products/old-trail-shoe')).status).toBe(404);
  });
});
