import { ConflictError, InvalidInputError, SnippetConnector, UnsupportedChangeError, renderSnippet, type ResourceRef } from '../index';
import { createInMemorySnippetStore, renderPublicPage, startStaticSiteServer, type InMemorySnippetStore, type StaticSiteServer } from '../testing';
import { documentFromHtml, runSnippet } from '../testing/fake-dom';

const LOCAL = { allowHosts: ['127.0.0.1'] };
const KEY = 'site_7f3a9c21';

const home = (withTag: boolean) =>
  renderPublicPage({
    title: 'Example Outdoor',
    h1: 'Welcome',
    headHtml: withTag ? `<script async src="https://cdn.seology.example/s/${KEY}.js"></script>` : '<script src="/app.js"></script>',
  });
const product = renderPublicPage({
  title: 'Trail shoe',
  metaDescription: 'Original description',
  h1: 'Trail shoe',
  images: [{ src: '/img/shoe.jpg', alt: null }],
});

const servers: StaticSiteServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

async function harness(withTag = true) {
  const site = await startStaticSiteServer({ '/': home(withTag), '/products/trail': product });
  servers.push(site);
  const store = createInMemorySnippetStore();
  const connector = new SnippetConnector({ siteKey: KEY, siteUrl: `${site.url}/`, store, ssrfPolicy: LOCAL, retry: { sleep: () => Promise.resolve() } });
  return { site, store, connector };
}

async function liveView(site: StaticSiteServer, store: InMemorySnippetStore, path: string) {
  const url = `${site.url}${path}`;
  const html = await (await fetch(url)).text();
  return runSnippet(renderSnippet(await store.listActive()), url, documentFromHtml(html, url)).doc;
}

describe('SnippetConnector.verify', () => {
  it('finds the script tag with the site key on the home page', async () => {
    const { connector } = await harness(true);
    await expect(connector.verify()).resolves.toEqual({ ok: true, siteName: 'Example Outdoor' });
  });

  it('says so when the tag is missing', async () => {
    const { connector, site } = await harness(false);
    await expect(connector.verify()).resolves.toEqual({ ok: false, reason: `The Seology snippet for site key '${KEY}' was not found on ${site.url}/` });
  });

  it('accepts a data-site-key attribute and does not accept a key that merely starts the same', async () => {
    const { connector, site } = await harness(false);
    site.setPage('/', `<html><head><script src="/x.js" data-site-key="${KEY}"></script></head></html>`);
    expect((await connector.verify()).ok).toBe(true);
    site.setPage('/', `<html><head><script src="https://cdn.seology.example/s/${KEY}0.js"></script></head></html>`);
    expect((await connector.verify()).ok).toBe(false);
  });

  it('reports an error page and refuses internal addresses by default', async () => {
    const { site, store } = await harness(true);
    site.setPage('/', { status: 503, html: 'down' });
    const c = new SnippetConnector({ siteKey: KEY, siteUrl: site.url, store, ssrfPolicy: LOCAL, retry: { maxRetries: 1, sleep: () => Promise.resolve() } });
    await expect(c.verify()).resolves.toEqual({ ok: false, reason: `${site.url}/ answered 503 after 2 attempts` });
    const strict = new SnippetConnector({ siteKey: KEY, siteUrl: site.url, store });
    const r = await strict.verify();
    expect(!r.ok && r.reason).toMatch(/^Refused to connect to 127\.0\.0\.1:\d+/);
  });
});

describe('SnippetConnector apply / read / revert', () => {
  it('activates a fix the served snippet applies, and deactivates it on revert', async () => {
    const { connector, store, site } = await harness();
    const ref = (await connector.findResourceByUrl(`${site.url}/products/trail/#top`)) as ResourceRef;
    expect(ref).toMatchObject({ platform: 'snippet', kind: 'page', url: `${site.url}/products/trail` });

    const applied = await connector.applyChange(ref, { field: 'metaDescription', value: 'Grippy trail shoe for wet rock.' });
    expect([applied.before, applied.after]).toEqual([null, 'Grippy trail shoe for wet rock.']);
    expect(await store.listActive()).toEqual([expect.objectContaining({ field: 'metaDescription', value: 'Grippy trail shoe for wet rock.' })]);
    expect((await connector.readSeoFields(ref)).metaDescription).toBe('Grippy trail shoe for wet rock.');
    const live = await liveView(site, store, '/products/trail');
    expect(live.find('meta', 'name', 'description')[0]?.getAttribute('content')).toBe('Grippy trail shoe for wet rock.');

    await connector.revertChange(ref, applied);
    expect(await store.listActive()).toEqual([]);
    expect((await connector.readSeoFields(ref)).metaDescription).toBe('Original description');
  });

  it('restores the fix it replaced', async () => {
    const { connector, store, site } = await harness();
    const ref = (await connector.findResourceByUrl(`${site.url}/products/trail`)) as ResourceRef;
    await connector.applyChange(ref, { field: 'imageAlt', target: '/img/shoe.jpg', value: 'First alt' });
    const second = await connector.applyChange(ref, { field: 'imageAlt', target: '/img/shoe.jpg', value: 'Better alt' });
    expect(second.before).toBe('First alt');
    expect((await store.listActive()).map((f) => f.value)).toEqual(['Better alt']);
    expect((await connector.readSeoFields(ref)).images).toEqual([{ id: null, src: `${site.url}/img/shoe.jpg`, alt: 'Better alt' }]);
    await connector.revertChange(ref, second);
    expect((await store.listActive()).map((f) => f.value)).toEqual(['First alt']);
    const live = await liveView(site, store, '/products/trail');
    expect(live.getElementsByTagName('img')[0]?.getAttribute('alt')).toBe('First alt');
  });

  it('refuses to revert a value someone else replaced, unless forced', async () => {
    const { connector, store, site } = await harness();
    const ref = (await connector.findResourceByUrl(`${site.url}/products/trail`)) as ResourceRef;
    const applied = await connector.applyChange(ref, { field: 'title', value: 'Ours' });
    const mine = (await store.listActive())[0];
    if (!mine) throw new Error('the applied change left no active snippet');
    await store.activate({ pageUrl: ref.url, field: 'title', target: null, value: 'Theirs' });
    await store.deactivate(mine.id);
    const err = await connector.revertChange(ref, applied).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err).toMatchObject({ field: 'title', expected: 'Ours', actual: 'Theirs' });
    expect((await store.listActive()).map((f) => f.value)).toEqual(['Theirs']);
    await expect(connector.revertChange(ref, applied, { force: true })).resolves.toMatchObject({ restored: null, replaced: 'Theirs', forced: true });
    expect(await store.listActive()).toEqual([]);
  });

  it('keeps JSON-LD blocks apart by target and validates them', async () => {
    const { connector, store, site } = await harness();
    const ref = (await connector.findResourceByUrl(`${site.url}/products/trail`)) as ResourceRef;
    await connector.applyChange(ref, { field: 'jsonLd', target: 'product', value: '{"@type":"Product"}' });
    await connector.applyChange(ref, { field: 'jsonLd', target: 'faq', value: '{"@type":"FAQPage"}' });
    expect((await store.listActive()).map((f) => f.target)).toEqual(['product', 'faq']);
    await expect(connector.applyChange(ref, { field: 'jsonLd', value: '{oops' })).rejects.toBeInstanceOf(InvalidInputError);
    const live = await liveView(site, store, '/products/trail');
    expect(live.find('script', 'type', 'application/ld+json').map((s) => (JSON.parse(s.text) as { '@type': string })['@type']).sort()).toEqual(['FAQPage', 'Product']);
  });

  it('refuses h1 and redirects with the reason, and pages of other sites', async () => {
    const { connector, site } = await harness();
    const ref = (await connector.findResourceByUrl(`${site.url}/products/trail`)) as ResourceRef;
    await expect(connector.applyChange(ref, { field: 'redirect', target: '/a', value: '/b' })).rejects.toBeInstanceOf(UnsupportedChangeError);
    expect((await connector.capabilities()).unsupported.h1).toMatch(/does not rewrite visible page content/);
    await expect(connector.findResourceByUrl('https://elsewhere.example/products/trail')).resolves.toBeNull();
  });
});

describe('SnippetConnector.listResources', () => {
  it('lists the pages that have active fixes when no page source is given', async () => {
    const { connector, site } = await harness();
    const a = (await connector.findResourceByUrl(`${site.url}/b`)) as ResourceRef;
    const b = (await connector.findResourceByUrl(`${site.url}/a/`)) as ResourceRef;
    await connector.applyChange(a, { field: 'title', value: 'B' });
    await connector.applyChange(b, { field: 'title', value: 'A' });
    await connector.applyChange(b, { field: 'metaDescription', value: 'A' });
    const page = await connector.listResources();
    expect(page.items.map((r) => r.url)).toEqual([`${site.url}/a`, `${site.url}/b`]);
    expect(page.nextCursor).toBeNull();
  });

  it('pages through a crawl-backed page source', async () => {
    const { store, site } = await harness();
    const all = Array.from({ length: 5 }, (_, i) => `${site.url}/p${i}`);
    const connector = new SnippetConnector({
      siteKey: KEY,
      siteUrl: site.url,
      store,
      ssrfPolicy: LOCAL,
      listPages: (cursor) => {
        const start = cursor ? Number(cursor) : 0;
        return Promise.resolve({ urls: all.slice(start, start + 2), nextCursor: start + 2 < all.length ? String(start + 2) : null });
      },
    });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await connector.listResources({ cursor });
      seen.push(...page.items.map((r) => r.url));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all);
  });
});
