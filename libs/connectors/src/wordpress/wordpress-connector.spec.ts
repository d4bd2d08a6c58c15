import {
  AuthError,
  ConflictError,
  NotFoundError,
  PermissionError,
  PlatformError,
  RateLimitError,
  UnsupportedChangeError,
  ValidationError,
  WordPressConnector,
  extractSeoFromHtml,
  type ResourceRef,
  type WordPressConnectorOptions,
} from '../index';
import { startWordPressContractServer, type WordPressContractServer, type WordPressContractServerOptions } from '../testing';

/** The test policy: contract servers listen on loopback, which the SSRF policy blocks unless listed. */
const LOCAL = { allowHosts: ['127.0.0.1'] };

const USER = { username: 'editor-bot', applicationPassword: 'abcd EFGH ijkl MNOP qrst UVWX' };

const POST_CONTENT =
  '<!-- wp:paragraph --><p>Intro text.</p><!-- /wp:paragraph -->\n' +
  '<!-- wp:image {"id":50} --><figure class="wp-block-image"><img src="/wp-content/uploads/2024/05/hero-1024x768.jpg" class="wp-image-50"/></figure><!-- /wp:image -->\n' +
  '<p><img class="inline" src="https://cdn.example.com/x.png" alt=\'Old &amp; tired\'></p>';

function seed(extra: Partial<WordPressContractServerOptions> = {}): WordPressContractServerOptions {
  return {
    siteName: 'Garden & Home',
    plugins: ['yoast', 'redirection'],
    users: [USER, { username: 'reader', applicationPassword: 'zzzz zzzz zzzz zzzz zzzz zzzz', role: 'subscriber' }],
    posts: [
      { id: 10, slug: 'hello-world', title: 'Hello world', content: POST_CONTENT, date: '2024-05-06T10:00:00' },
      { id: 11, slug: 'tomato-care', title: 'Tomato care', content: '<p>Water daily.</p>', date: '2024-06-01T10:00:00' },
    ],
    pages: [
      { id: 20, slug: 'services', title: 'Services' },
      { id: 21, slug: 'pruning', title: 'Pruning', parent: 20 },
    ],
    media: [{ id: 50, slug: 'hero', title: 'Hero', file: '2024/05/hero.jpg', altText: '' }],
    ...extra,
  };
}

interface Harness {
  server: WordPressContractServer;
  connector: WordPressConnector;
  sleeps: number[];
}

const open: WordPressContractServer[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function harness(serverOpts: Partial<WordPressContractServerOptions> = {}, connectorOpts: Partial<WordPressConnectorOptions> = {}): Promise<Harness> {
  const server = await startWordPressContractServer(seed(serverOpts));
  open.push(server);
  const sleeps: number[] = [];
  // Retries record their backoff instead of waiting it out.
  const recordSleep = (ms: number) => {
    sleeps.push(ms);
    return Promise.resolve();
  };
  const connector = new WordPressConnector({
    siteUrl: server.url,
    username: USER.username,
    applicationPassword: USER.applicationPassword,
    ssrfPolicy: LOCAL,
    ...connectorOpts,
    retry: { sleep: recordSleep, random: () => 0.5, ...connectorOpts.retry },
  });
  return { server, connector, sleeps };
}

async function publicSeo(url: string) {
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), seo: extractSeoFromHtml(await res.text(), url) };
}

const postRef = (server: WordPressContractServer, id = 10): ResourceRef => ({ platform: 'wordpress', kind: 'post', id: String(id), url: server.linkOf(id) });

describe('WordPressConnector.verify', () => {
  it('accepts a valid application password and reports the site name', async () => {
    const { connector } = await harness();
    await expect(connector.verify()).resolves.toEqual({ ok: true, siteName: 'Garden & Home' });
  });

  it('names the user when the application password is wrong', async () => {
    const { server } = await harness();
    const bad = new WordPressConnector({ siteUrl: server.url, username: 'editor-bot', applicationPassword: 'wrong wrong wrong', ssrfPolicy: LOCAL });
    await expect(bad.verify()).resolves.toEqual({ ok: false, reason: "WordPress rejected the application password for user 'editor-bot'" });
    expect(server.requests.some((r) => r.label === '/wp/v2/users/me' && r.status === 401)).toBe(true);
  });

  it('says when the user does not exist', async () => {
    const { server } = await harness();
    const bad = new WordPressConnector({ siteUrl: server.url, username: 'ghost', applicationPassword: USER.applicationPassword, ssrfPolicy: LOCAL });
    const r = await bad.verify();
    expect(r).toEqual({ ok: false, reason: "WordPress has no user 'ghost'" });
  });

  it('explains a stripped Authorization header', async () => {
    const { connector } = await harness({ stripAuthorization: true });
    const r = await connector.verify();
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/stripping the Authorization header.*rest_not_logged_in/);
  });

  it('refuses a user who cannot edit anything', async () => {
    const { server } = await harness();
    const reader = new WordPressConnector({ siteUrl: server.url, username: 'reader', applicationPassword: 'zzzzzzzzzzzzzzzzzzzzzzzz', ssrfPolicy: LOCAL });
    await expect(reader.verify()).resolves.toEqual({ ok: false, reason: "WordPress user 'reader' can log in but cannot edit posts, pages or media" });
  });

  it('refuses a loopback site URL unless the SSRF policy allows it, without sending anything', async () => {
    const { server } = await harness();
    const before = server.requests.length;
    const strict = new WordPressConnector({ siteUrl: server.url, username: USER.username, applicationPassword: USER.applicationPassword });
    const r = await strict.verify();
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/^Refused to connect to 127\.0\.0\.1:\d+: /);
    expect(server.requests.length).toBe(before);
  });

  it('reports an unreachable site instead of throwing', async () => {
    const { server } = await harness();
    const url = server.url;
    await open.pop()!.close();
    const c = new WordPressConnector({ siteUrl: url, username: 'a', applicationPassword: 'b', retry: { maxRetries: 0 }, ssrfPolicy: LOCAL });
    const r = await c.verify();
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/^Could not reach 127\.0\.0\.1:\d+/);
  });
});

describe('WordPressConnector without pretty permalinks', () => {
  it('uses the ?rest_route= form of the API when given that root', async () => {
    const { server } = await harness();
    const c = new WordPressConnector({ siteUrl: server.url, apiRoot: `${server.url}/?rest_route=/`, username: USER.username, applicationPassword: USER.applicationPassword, ssrfPolicy: LOCAL });
    const applied = await c.applyChange(postRef(server), { field: 'title', value: 'Via rest_route' });
    expect(applied.after).toBe('Via rest_route');
    const calls = server.requests.filter((r) => r.path === '/');
    expect(calls.length).toBeGreaterThan(0);
    expect(server.requests.some((r) => r.path.startsWith('/wp-json'))).toBe(false);
  });
});

describe('WordPressConnector.listResources', () => {
  it('walks every page of every kind with page/per_page and X-WP-TotalPages', async () => {
    const posts = Array.from({ length: 7 }, (_, i) => ({ id: 100 + i, slug: `post-${i}`, title: `Post ${i}` }));
    const { connector, server } = await harness({ posts, pages: [{ id: 200, slug: 'about', title: 'About' }], media: [] }, { perPage: 3 });
    const seen: ResourceRef[] = [];
    let cursor: string | undefined;
    let calls = 0;
    do {
      const page = await connector.listResources({ cursor, kinds: ['post', 'page', 'media'] });
      calls++;
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && calls < 20);
    expect(seen.map((r) => `${r.kind}:${r.id}`)).toEqual([...posts.map((p) => `post:${p.id}`), 'page:200']);
    expect(new Set(seen.map((r) => r.url)).size).toBe(8);
    expect(seen[0]).toEqual({ platform: 'wordpress', kind: 'post', id: '100', url: server.linkOf(100), title: 'Post 0' });
    const listCalls = server.requests.filter((r) => r.label === '/wp/v2/posts');
    expect(listCalls.map((r) => [r.query['page'], r.query['per_page']])).toEqual([
      ['1', '3'],
      ['2', '3'],
      ['3', '3'],
    ]);
    // 3 pages of posts, 1 of pages, and a last call that finds no media and ends the walk.
    expect(calls).toBe(5);
    expect(server.requests.filter((r) => r.label === '/wp/v2/media')).toHaveLength(1);
  });

  it('rejects a cursor it did not make', async () => {
    const { connector } = await harness();
    await expect(connector.listResources({ cursor: 'not-a-cursor' })).rejects.toThrow(/cursor/);
  });
});

describe('WordPressConnector.findResourceByUrl', () => {
  it('finds posts, child pages and media by their public URLs', async () => {
    const { connector, server } = await harness();
    const post = await connector.findResourceByUrl(`${server.url}/2024/05/hello-world#comments`);
    expect(post).toMatchObject({ kind: 'post', id: '10' });
    const child = await connector.findResourceByUrl(`${server.url.toUpperCase().replace('HTTP', 'http')}/services/pruning/`);
    expect(child).toMatchObject({ kind: 'page', id: '21' });
    const media = await connector.findResourceByUrl(`${server.url}/wp-content/uploads/2024/05/hero.jpg`);
    expect(media).toMatchObject({ kind: 'media', id: '50' });
    const plain = await connector.findResourceByUrl(`${server.url}/?p=11`);
    expect(plain).toMatchObject({ kind: 'post', id: '11' });
  });

  it('finds a static front page for an administrator (reading settings) and for an editor (from the home page itself)', async () => {
    const admin = await harness({ frontPageId: 20, users: [{ ...USER, role: 'administrator' }] });
    await expect(admin.connector.findResourceByUrl(`${admin.server.url}/`)).resolves.toMatchObject({ kind: 'page', id: '20' });
    const editor = await harness({ frontPageId: 20, users: [{ ...USER, role: 'editor' }] });
    await expect(editor.connector.findResourceByUrl(`${editor.server.url}/`)).resolves.toMatchObject({ kind: 'page', id: '20' });
    // The editor was refused the settings and read the home page instead.
    expect(editor.server.requests.some((r) => r.path.includes('/wp/v2/settings') && r.status === 403)).toBe(true);
  });

  it('finds nothing at a home page that lists the latest posts', async () => {
    const { connector, server } = await harness({ users: [{ ...USER, role: 'editor' }] });
    await expect(connector.findResourceByUrl(`${server.url}/`)).resolves.toBeNull();
  });

  it('returns null for unknown pages and other hosts', async () => {
    const { connector, server } = await harness();
    await expect(connector.findResourceByUrl(`${server.url}/2024/05/no-such-post/`)).resolves.toBeNull();
    await expect(connector.findResourceByUrl('https://elsewhere.example/2024/05/hello-world/')).resolves.toBeNull();
    // A post slug under the wrong date is a different URL.
    await expect(connector.findResourceByUrl(`${server.url}/2023/01/hello-world/`)).resolves.toBeNull();
  });
});

describe('WordPressConnector read / apply / revert', () => {
  it('reads Yoast fields, title and image alts', async () => {
    const { connector, server } = await harness();
    server.editItem(10, { meta: { _yoast_wpseo_metadesc: 'Existing description' } });
    const f = await connector.readSeoFields(postRef(server));
    expect(f.title).toBeNull();
    expect(f.metaDescription).toBe('Existing description');
    expect(f.h1).toBe('Hello world');
    expect(f.images).toEqual([
      { id: '50', src: `${server.url}/wp-content/uploads/2024/05/hero-1024x768.jpg`, alt: null },
      { id: null, src: 'https://cdn.example.com/x.png', alt: 'Old & tired' },
    ]);
    expect((JSON.parse(f.jsonLd[0] ?? '') as { '@graph': Array<{ '@type': string }> })['@graph'][0]?.['@type']).toBe('WebPage');
  });

  it('applies a title, shows it on the live page, and reverts to exactly the previous stored value', async () => {
    const { connector, server } = await harness();
    const ref = postRef(server);
    const applied = await connector.applyChange(ref, { field: 'title', value: 'Hello World Guide | Garden' });
    expect(applied).toMatchObject({ platform: 'wordpress', field: 'title', before: '', after: 'Hello World Guide | Garden' });
    expect((await connector.readSeoFields(ref)).title).toBe('Hello World Guide | Garden');
    expect((await publicSeo(ref.url)).seo.title).toBe('Hello World Guide | Garden');

    const reverted = await connector.revertChange(ref, applied);
    expect(reverted).toEqual({ field: 'title', restored: '', replaced: 'Hello World Guide | Garden', forced: false });
    expect(server.posts.get(10)?.meta['_yoast_wpseo_title']).toBe('');
    expect((await publicSeo(ref.url)).seo.title).toBe('Hello world – Garden & Home');
  });

  it('sets noindex through Yoast as "1" and restores the earlier forced index "2"', async () => {
    const { connector, server } = await harness();
    server.editItem(10, { meta: { '_yoast_wpseo_meta-robots-noindex': '2' } });
    const ref = postRef(server);
    const applied = await connector.applyChange(ref, { field: 'robots', value: 'noindex, follow' });
    expect([applied.before, applied.after]).toEqual(['2', '1']);
    expect((await connector.readSeoFields(ref)).robots).toBe('noindex');
    expect((await publicSeo(ref.url)).seo.robots).toMatch(/^noindex/);
    await connector.revertChange(ref, applied);
    expect(server.posts.get(10)?.meta['_yoast_wpseo_meta-robots-noindex']).toBe('2');
  });

  it('changes the alt of one image inside the post content and leaves the rest byte-identical', async () => {
    const { connector, server } = await harness();
    const ref = postRef(server);
    const applied = await connector.applyChange(ref, { field: 'imageAlt', target: `${server.url}/wp-content/uploads/2024/05/hero.jpg`, value: 'Raised "bed" <garden>' });
    expect(applied.before).toBeNull();
    const content = server.posts.get(10)!.content;
    expect(content).toBe(POST_CONTENT.replace('<img src="/wp-content', '<img alt="Raised &quot;bed&quot; &lt;garden&gt;" src="/wp-content'));
    const live = await publicSeo(ref.url);
    expect(live.seo.images.find((i) => i.src.includes('hero'))?.alt).toBe('Raised "bed" <garden>');

    const second = await connector.applyChange(ref, { field: 'imageAlt', target: 'https://cdn.example.com/x.png', value: 'Seedlings' });
    expect(second.before).toBe('Old & tired');
    await connector.revertChange(ref, second);
    await connector.revertChange(ref, applied);
    expect(server.posts.get(10)!.content).toBe(POST_CONTENT.replace("alt='Old &amp; tired'", 'alt="Old &amp; tired"'));
  });

  it('updates media alt_text and the post title (h1)', async () => {
    const { connector, server } = await harness();
    const media: ResourceRef = { platform: 'wordpress', kind: 'media', id: '50', url: server.linkOf(50) };
    const a = await connector.applyChange(media, { field: 'imageAlt', value: 'Hero shot of the garden' });
    expect([a.before, a.after]).toEqual(['', 'Hero shot of the garden']);
    const h = await connector.applyChange(postRef(server, 11), { field: 'h1', value: 'Tomato care: a full guide' });
    expect(h.before).toBe('Tomato care');
    expect((await publicSeo(server.linkOf(11))).seo.h1).toEqual(['Tomato care: a full guide']);
  });

  it('refuses to revert over someone else\'s edit, and restores with force', async () => {
    const { connector, server } = await harness();
    const ref = postRef(server);
    const applied = await connector.applyChange(ref, { field: 'metaDescription', value: 'Ours' });
    server.editItem(10, { meta: { _yoast_wpseo_metadesc: 'Theirs' } });
    const err = await connector.revertChange(ref, applied).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err).toMatchObject({ field: 'metaDescription', expected: 'Ours', actual: 'Theirs' });
    expect(server.posts.get(10)?.meta['_yoast_wpseo_metadesc']).toBe('Theirs');
    const forced = await connector.revertChange(ref, applied, { force: true });
    expect(forced).toMatchObject({ restored: '', replaced: 'Theirs', forced: true });
    expect(server.posts.get(10)?.meta['_yoast_wpseo_metadesc']).toBe('');
  });

  it('round-trips Rank Math robots, which is an array meta', async () => {
    const { connector, server } = await harness({ plugins: ['rankmath'] });
    server.editItem(11, { meta: { rank_math_robots: ['index', 'follow'] } });
    const ref = postRef(server, 11);
    const applied = await connector.applyChange(ref, { field: 'robots', value: 'noindex,nofollow' });
    expect(applied.before).toBe('["index","follow"]');
    expect(server.posts.get(11)?.meta['rank_math_robots']).toEqual(['noindex', 'nofollow']);
    expect((await connector.readSeoFields(ref)).robots).toBe('noindex,nofollow');
    await connector.revertChange(ref, applied);
    expect(server.posts.get(11)?.meta['rank_math_robots']).toEqual(['index', 'follow']);
  });

  it('creates a Redirection redirect, which the site then serves, and deletes it on revert', async () => {
    const { connector, server } = await harness();
    const ref = postRef(server);
    const applied = await connector.applyChange(ref, { field: 'redirect', target: '/old-hello', value: ref.url });
    expect([applied.before, applied.after]).toEqual([null, ref.url]);
    const live = await publicSeo(`${server.url}/old-hello`);
    expect([live.status, live.location]).toEqual([301, ref.url]);
    await connector.revertChange(ref, applied);
    expect(server.redirects.size).toBe(0);
    expect((await publicSeo(`${server.url}/old-hello`)).status).toBe(404);
  });
});

describe('WordPressConnector capabilities', () => {
  it('offers only h1 and image alts without an SEO plugin, and refuses a title change with the reason', async () => {
    const { connector, server } = await harness({ plugins: [] });
    const caps = await connector.capabilities();
    expect(caps.byKind.post).toEqual(['h1', 'imageAlt']);
    expect(caps.byKind.media).toEqual(['imageAlt']);
    expect(caps.unsupported.title).toMatch(/install the Seology plugin to let us write SEO titles/);
    expect(caps.unsupported.redirect).toMatch(/install the Seology plugin to let us add redirects/);
    expect(caps.wordpress).toEqual({ companionPlugin: null, seoPlugin: null, redirects: null });
    const err = await connector.applyChange(postRef(server), { field: 'title', value: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsupportedChangeError);
  });

  it('detects Yoast fields that are not exposed to REST', async () => {
    const { connector } = await harness({ exposeSeoMeta: false });
    const caps = await connector.capabilities();
    expect(caps.fields).not.toContain('metaDescription');
    expect(caps.unsupported.metaDescription).toMatch(/Yoast SEO does not let the REST API write its meta description: install the Seology plugin/);
    expect(caps.fields).toContain('redirect');
  });
});

describe('WordPressConnector errors and retries', () => {
  it('waits out a 429 with Retry-After and then succeeds', async () => {
    const { connector, server, sleeps } = await harness();
    server.inject({ status: 429, headers: { 'retry-after': '2' }, body: { code: 'too_many_requests', message: 'Slow down', data: { status: 429 } }, match: (r) => r.label === '/wp/v2/posts/10' });
    const f = await connector.readSeoFields(postRef(server));
    expect(f.h1).toBe('Hello world');
    expect(sleeps.length).toBe(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(2000);
    expect(sleeps[0]).toBeLessThan(2300);
    expect(server.requests.filter((r) => r.label === '/wp/v2/posts/10').map((r) => r.status)).toEqual([429, 200]);
  });

  it('gives up on persistent 429 with a RateLimitError carrying Retry-After', async () => {
    const { connector, server } = await harness({}, { retry: { maxRetries: 1, sleep: () => Promise.resolve() } });
    server.inject({ status: 429, headers: { 'retry-after': '7' }, times: 5 });
    const err = await connector.readSeoFields(postRef(server)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err).toMatchObject({ retryAfterMs: 7000, attempts: 2 });
  });

  it('retries 5xx with growing backoff, then throws a PlatformError with the status and message', async () => {
    const { connector, server, sleeps } = await harness({}, { retry: { maxRetries: 3, baseDelayMs: 100 } });
    server.inject({ status: 503, body: { code: 'maintenance', message: 'Briefly unavailable for scheduled maintenance.', data: { status: 503 } }, times: 10 });
    const err = await connector.readSeoFields(postRef(server)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformError);
    expect(err).toMatchObject({ status: 503, platformCode: 'maintenance', platformMessage: 'Briefly unavailable for scheduled maintenance.' });
    expect(server.requests.filter((r) => r.status === 503)).toHaveLength(4);
    // random() is 0.5: 3/4 of each doubling step.
    expect(sleeps).toEqual([75, 150, 300]);
  });

  it('recovers when a 5xx is transient', async () => {
    const { connector, server } = await harness();
    server.inject({ status: 502, body: '<html>Bad gateway</html>', times: 2 });
    await expect(connector.readSeoFields(postRef(server))).resolves.toMatchObject({ h1: 'Hello world' });
  });

  it('maps 401, 403, 404 and 400 to typed errors', async () => {
    const { server, connector } = await harness();
    const wrong = new WordPressConnector({ siteUrl: server.url, username: USER.username, applicationPassword: 'nope', ssrfPolicy: LOCAL });
    await expect(wrong.readSeoFields(postRef(server))).rejects.toBeInstanceOf(AuthError);

    const reader = new WordPressConnector({ siteUrl: server.url, username: 'reader', applicationPassword: 'zzzzzzzzzzzzzzzzzzzzzzzz', ssrfPolicy: LOCAL });
    const forbidden = await reader.applyChange(postRef(server), { field: 'h1', value: 'x' }).catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(PermissionError);
    expect((forbidden as PermissionError).message).toMatch(/^WordPress user 'reader' is not allowed to edit post 10 \(rest_forbidden_context/);

    const missing = await connector.readSeoFields({ ...postRef(server), id: '999' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).message).toBe('WordPress has no post 999 (rest_post_invalid_id: Invalid post ID.)');

    server.inject({ status: 400, body: { code: 'rest_invalid_param', message: 'Invalid parameter(s): meta', data: { status: 400, params: { meta: 'meta._yoast_wpseo_title is not of type string.' } } } });
    const invalid = await connector.readSeoFields(postRef(server)).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(ValidationError);
    expect(invalid).toMatchObject({ field: 'meta', platformMessage: 'meta._yoast_wpseo_title is not of type string.' });
  });
});
