import { PlatformError, WordPressConnector } from '../index';
import { startWordPressContractServer, type WordPressContractServer } from '../testing';
import { listen, send, sendHtml, type Listening } from '../testing/http-server';
import { announcedRestRoot, restRouteUrl } from './wordpress-discovery';

const LOCAL = { allowHosts: ['127.0.0.1'] };
const USER = { username: 'editor-bot', applicationPassword: 'abcd EFGH ijkl MNOP qrst UVWX' };
const NO_WAIT = { sleep: () => Promise.resolve() };

describe('restRouteUrl', () => {
  it('appends the route to a /wp-json/ root and adds the query', () => {
    expect(restRouteUrl('https://example.com/wp-json/', 'wp/v2/posts', { per_page: 10, page: 2, skip: undefined })).toBe('https://example.com/wp-json/wp/v2/posts?per_page=10&page=2');
    expect(restRouteUrl('https://example.com/blog/wp-json', '/wp/v2/posts/5')).toBe('https://example.com/blog/wp-json/wp/v2/posts/5');
  });

  it('puts the route into rest_route, slashes readable, other parameters after it', () => {
    expect(restRouteUrl('http://127.0.0.1:8080/index.php?rest_route=/', 'wp/v2/posts', { per_page: 10, 'filterBy[url]': '/a b' })).toBe(
      'http://127.0.0.1:8080/index.php?rest_route=/wp/v2/posts&per_page=10&filterBy%5Burl%5D=%2Fa+b',
    );
    expect(restRouteUrl('https://example.com/?rest_route=/', '')).toBe('https://example.com/?rest_route=/');
    // A route never smuggles a second parameter in.
    expect(restRouteUrl('https://example.com/?rest_route=/', 'wp/v2/posts&x=1')).toBe('https://example.com/?rest_route=/wp/v2/posts%26x%3D1');
  });
});

describe('announcedRestRoot', () => {
  const page = (headers: Record<string, string>, body = '') => ({ headers, body, url: 'https://example.com/shop/' });

  it('reads the api.w.org relation among several links in the Link header', () => {
    expect(
      announcedRestRoot(page({ link: '<https://example.com/index.php?rest_route=/>; rel="https://api.w.org/", <https://example.com/index.php?rest_route=/wp/v2/pages/2>; rel="alternate"; type="application/json"' })),
    ).toBe('https://example.com/index.php?rest_route=/');
    expect(announcedRestRoot(page({ link: '<https://example.com/?p=2>; rel=shortlink, </wp-json/>; rel="https://api.w.org/"' }))).toBe('https://example.com/wp-json/');
  });

  it('falls back to the <link> in the HTML, decoding &amp; and resolving relative addresses', () => {
    const html = `<head><link rel='stylesheet' href='/x.css'><link rel="https://api.w.org/" href="/index.php?rest_route=/&amp;lang=en" /></head>`;
    expect(announcedRestRoot(page({}, html))).toBe('https://example.com/index.php?rest_route=/&lang=en');
  });

  it('is null when the page announces nothing', () => {
    expect(announcedRestRoot(page({ link: '<https://example.com/?p=2>; rel=shortlink' }, '<link rel="canonical" href="/">'))).toBeNull();
  });
});

describe('WordPressConnector REST discovery', () => {
  const open: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    while (open.length) await open.pop()!.close();
  });

  async function contractServer(permalinks: 'plain' | 'pretty'): Promise<WordPressContractServer> {
    const server = await startWordPressContractServer({
      permalinks,
      users: [USER],
      posts: [{ id: 10, slug: 'hello-world', title: 'Hello world', date: '2024-05-06T10:00:00' }],
      pages: [{ id: 2, slug: 'home', title: 'Home' }],
      frontPageId: 2,
    });
    open.push(server);
    return server;
  }

  it('connects to a site with plain permalinks through the root its Link header announces, and reports it', async () => {
    const server = await contractServer('plain');
    const found: string[] = [];
    const connector = new WordPressConnector({ siteUrl: server.url, ...USER, ssrfPolicy: LOCAL, onApiRoot: (root) => void found.push(root) });
    await expect(connector.verify()).resolves.toEqual({ ok: true, siteName: 'Contract Test Site' });
    expect(found).toEqual([`${server.url}/index.php?rest_route=/`]);
    expect(connector.apiRoot).toBe(`${server.url}/index.php?rest_route=/`);
    const ref = await connector.findResourceByUrl(`${server.url}/?p=10`);
    expect(ref).toMatchObject({ kind: 'post', id: '10', url: `${server.url}/?p=10` });
    const applied = await connector.applyChange(ref!, { field: 'h1', value: 'Hello again' });
    expect(applied.after).toBe('Hello again');
    // Every API call went to rest_route; /wp-json/ (an ordinary page here) was never asked.
    expect(server.requests.some((r) => r.path.startsWith('/wp-json'))).toBe(false);
    expect(server.requests.filter((r) => r.label === '/wp/v2/posts/10').every((r) => r.path === '/index.php')).toBe(true);
  });

  it('uses /wp-json/ where the site announces it', async () => {
    const server = await contractServer('pretty');
    const connector = new WordPressConnector({ siteUrl: server.url, ...USER, ssrfPolicy: LOCAL });
    await expect(connector.verify()).resolves.toMatchObject({ ok: true });
    expect(connector.apiRoot).toBe(`${server.url}/wp-json/`);
  });

  it('starts from a stored root without discovering again', async () => {
    const server = await contractServer('plain');
    const found: string[] = [];
    const connector = new WordPressConnector({ siteUrl: server.url, ...USER, ssrfPolicy: LOCAL, apiRoot: `${server.url}/index.php?rest_route=/`, onApiRoot: (r) => void found.push(r) });
    await expect(connector.verify()).resolves.toMatchObject({ ok: true });
    expect(found).toEqual([]);
    expect(server.requests.some((r) => r.label === 'public')).toBe(false);
  });

  it('re-discovers when the stored root stops answering the REST API (permalinks switched off), then carries on', async () => {
    const server = await contractServer('plain');
    const found: string[] = [];
    const connector = new WordPressConnector({ siteUrl: server.url, ...USER, ssrfPolicy: LOCAL, apiRoot: `${server.url}/wp-json/`, onApiRoot: (r) => void found.push(r) });
    const fields = await connector.readSeoFields({ platform: 'wordpress', kind: 'post', id: '10', url: `${server.url}/?p=10` });
    expect(fields.h1).toBe('Hello world');
    expect(found).toEqual([`${server.url}/index.php?rest_route=/`]);
    expect(connector.apiRoot).toBe(`${server.url}/index.php?rest_route=/`);
  });

  describe('on a site that announces nothing', () => {
    let site: Listening;
    let plainOnly = true;
    beforeAll(async () => {
      site = await listen((req, res) => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const route = url.searchParams.get('rest_route');
        if (route === '/') return send(res, 200, { name: 'Quiet site', namespaces: ['wp/v2'], routes: {} });
        if (url.pathname.startsWith('/wp-json') && !plainOnly) return send(res, 200, { name: 'Quiet site', namespaces: ['wp/v2'], routes: {} });
        // A theme answering every unknown address with its home page, as WordPress does for /wp-json/ without rewrite rules.
        return sendHtml(res, 200, '<!doctype html><title>Quiet site</title><h1>Welcome</h1>');
      });
    });
    afterAll(() => site.close());

    it('tries /wp-json/, then /?rest_route=/', async () => {
      plainOnly = true;
      const connector = new WordPressConnector({ siteUrl: site.origin, username: 'u', applicationPassword: 'p', ssrfPolicy: LOCAL, retry: NO_WAIT });
      await connector.capabilities().catch(() => undefined);
      expect(connector.apiRoot).toBe(`${site.origin}/?rest_route=/`);
      plainOnly = false;
      const pretty = new WordPressConnector({ siteUrl: site.origin, username: 'u', applicationPassword: 'p', ssrfPolicy: LOCAL, retry: NO_WAIT });
      await pretty.capabilities().catch(() => undefined);
      expect(pretty.apiRoot).toBe(`${site.origin}/wp-json/`);
    });
  });

  it('says what it tried when the site has no REST API', async () => {
    const site = await listen((_req, res) => sendHtml(res, 200, '<!doctype html><title>Not WordPress</title>'));
    open.push(site);
    const connector = new WordPressConnector({ siteUrl: site.origin, username: 'u', applicationPassword: 'p', ssrfPolicy: LOCAL, retry: NO_WAIT });
    const result = await connector.verify();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^Could not find the WordPress REST API of http:\/\/127\.0\.0\.1:\d+\/: the home page \(HTTP 200\) announces no REST API root, and neither \/wp-json\/ nor \/\?rest_route=\/ answered/);
    await expect(connector.capabilities()).rejects.toBeInstanceOf(PlatformError);
  });
});
