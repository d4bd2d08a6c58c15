/**
 * The Seology plugin for WordPress (integrations/wordpress/seology) on a real WordPress: activation,
 * head output alone and beside the Yoast SEO and Rank Math stand-ins, capability checks, and the
 * connector's apply and exact revert of every plugin field, checked by diffing the database tables.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeWithRealWordPress, diffTableDumps, startRealWordPress, type RealWordPress, type TableDiff } from '../testing/real-wordpress';
import type { AppliedChange, ResourceRef, SeoChange } from '../types';
import { WordPressConnector } from './wordpress-connector';
import { present } from '../testing/present';

const PLUGIN_DIR = join(__dirname, '../../../../integrations/wordpress/seology');
const STANDINS = join(__dirname, '../testing/wordpress-plugins');
const SEOLOGY = 'seology/seology.php';
const YOAST = 'yoast-seo-standin/yoast-seo-standin.php';
const RANK_MATH = 'rank-math-standin/rank-math-standin.php';
const TABLES = ['wp_posts', 'wp_postmeta', 'wp_terms', 'wp_termmeta', 'wp_term_taxonomy', 'wp_options', 'wp_seology_redirects'];

const describeReal = describeWithRealWordPress(describe);

interface Credentials {
  username: string;
  applicationPassword: string;
}

function connectorFor(wp: RealWordPress, who: Credentials = wp): WordPressConnector {
  return new WordPressConnector({
    siteUrl: wp.url,
    username: who.username,
    applicationPassword: who.applicationPassword,
    apiRoot: wp.permalinks === 'plain' ? `${wp.url}/?rest_route=/` : `${wp.url}/wp-json/`,
    ssrfPolicy: { allowHosts: ['127.0.0.1'] },
    retry: { maxRetries: 0 },
  });
}

async function rest(wp: RealWordPress, who: Credentials, method: string, route: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${wp.url}/?rest_route=/${route}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${who.username}:${who.applicationPassword}`).toString('base64')}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function head(url: string): Promise<string> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  const html = await res.text();
  return html.slice(0, html.indexOf('</head>'));
}

const count = (html: string, re: RegExp) => (html.match(new RegExp(re.source, 'g')) ?? []).length;

/** Table differences that are not WordPress's own bookkeeping (transients, cron, revisions, modified times). */
function meaningful(diffs: TableDiff[]): TableDiff[] {
  return diffs.filter((d) => {
    const row = d.after ?? d.before;
    if (d.table === 'wp_options') return !/^(_site)?_transient_|^cron$/.test(row?.option_name ?? '');
    if (d.table === 'wp_posts') {
      if (row?.post_type === 'revision') return false;
      return d.columns.some((c) => !['post_modified', 'post_modified_gmt'].includes(c));
    }
    return true;
  });
}

async function activate(wp: RealWordPress, plugins: string[], on: boolean): Promise<void> {
  await wp.php(on ? 'foreach ($args["p"] as $p) { $r = activate_plugin($p); if (is_wp_error($r)) throw new RuntimeException($r->get_error_message()); } return true;' : 'deactivate_plugins($args["p"]); return true;', { p: plugins });
}

/** Applies each change, checks what it wrote, reverts them in reverse order, and checks the tables are as before. */
async function applyAndRevert(wp: RealWordPress, connector: WordPressConnector, ref: ResourceRef, changes: SeoChange[], check: (applied: AppliedChange[]) => void | Promise<void>): Promise<void> {
  const before = await wp.dumpTables(TABLES);
  const applied: AppliedChange[] = [];
  for (const change of changes) applied.push(await connector.applyChange(ref, change));
  expect(meaningful(diffTableDumps(before, await wp.dumpTables(TABLES))).length).toBeGreaterThan(0);
  await check(applied);
  for (const a of [...applied].reverse()) await connector.revertChange(ref, a);
  expect(meaningful(diffTableDumps(before, await wp.dumpTables(TABLES)))).toEqual([]);
}

const ALL_CHANGES: SeoChange[] = [
  { field: 'title', value: 'Windy ridge tents, tested' },
  { field: 'metaDescription', value: 'Which tents stood up to 80 km/h gusts on an exposed ridge, and why.' },
  { field: 'canonical', value: 'https://example.org/tents/windy-ridges/' },
  { field: 'robots', value: 'noindex,nofollow' },
  { field: 'ogTitle', value: 'Tents for windy ridges' },
  { field: 'ogDescription', value: 'Our field test of six tents in strong wind.' },
  { field: 'jsonLd', value: '{"@context":"https://schema.org","@type":"Article","headline":"Tents </script> for wind"}' },
];

describeReal('Seology plugin for WordPress on a real WordPress', () => {
  let wp: RealWordPress;
  let author: Credentials & { id: number; postId: number };

  beforeAll(async () => {
    wp = await startRealWordPress({ permalinks: 'plain', posts: 3, plugins: [PLUGIN_DIR, join(STANDINS, 'yoast-seo-standin'), join(STANDINS, 'rank-math-standin')] });
    await activate(wp, [SEOLOGY, YOAST, RANK_MATH], false);
    author = await wp.php(
      `$id = wp_insert_user(['user_login' => 'writer', 'user_pass' => wp_generate_password(), 'user_email' => 'writer@example.org', 'role' => 'author']);
       [$password] = WP_Application_Passwords::create_new_application_password($id, ['name' => 'seology']);
       $post = wp_insert_post(['post_title' => 'Writer post', 'post_status' => 'publish', 'post_author' => $id]);
       return ['username' => 'writer', 'applicationPassword' => $password, 'id' => $id, 'postId' => $post];`,
    );
  }, 180000);
  afterAll(async () => {
    await wp?.stop();
  });

  it('activates without a PHP notice, creates its table, and pages render without one', async () => {
    const result = await wp.php<{ errors: string[]; table: string | null; active: boolean }>(
      `$errors = [];
       set_error_handler(function ($no, $msg, $file, $line) use (&$errors) { $errors[] = "$msg at $file:$line"; return true; }, E_ALL);
       $r = activate_plugin($args['p']);
       if (is_wp_error($r)) $errors[] = $r->get_error_message();
       restore_error_handler();
       global $wpdb;
       return ['errors' => $errors, 'table' => $wpdb->get_var("SHOW TABLES LIKE '{$wpdb->prefix}seology_redirects'"), 'active' => is_plugin_active($args['p'])];`,
      { p: SEOLOGY },
    );
    expect(result).toEqual({ errors: [], table: 'wp_seology_redirects', active: true });
    const logBefore = readFileSync(join(wp.dir, 'php-server.log'), 'utf8').length;
    for (const url of [`${wp.url}/`, present(wp.content.posts[0], 'posts[0]').link, present(wp.content.pages[0], 'pages[0]').link, present(wp.content.categories[0], 'categories[0]').link]) await head(url);
    const status = await rest(wp, wp, 'GET', 'seology/v1/status');
    expect(status.status).toBe(200);
    const log = readFileSync(join(wp.dir, 'php-server.log'), 'utf8').slice(logBefore);
    expect(log).not.toMatch(/PHP (Warning|Notice|Deprecated|Fatal|Parse)/);
  });

  it('reports its status: no SEO plugin, every field on every kind for an administrator', async () => {
    const { json } = await rest(wp, wp, 'GET', 'seology/v1/status');
    const all = ['title', 'description', 'canonical', 'robots', 'og_title', 'og_description', 'json_ld'];
    expect(json).toEqual({
      version: '1.1.0',
      seo_plugin: 'none',
      redirects: 'seology',
      front_page: { lists_posts: true, page_id: 0, url: `${wp.url}/` },
      fields: { post: all, page: all, term: all, home: all },
      media_alt: true,
    });
    const caps = await connectorFor(wp).capabilities();
    expect(caps.wordpress).toEqual({ companionPlugin: '1.1.0', seoPlugin: null, redirects: 'seology' });
    expect(caps.byKind.post).toEqual(['h1', 'imageAlt', 'title', 'metaDescription', 'canonical', 'robots', 'ogTitle', 'ogDescription', 'jsonLd', 'redirect']);
    expect(caps.byKind.term).toEqual(['title', 'metaDescription', 'canonical', 'robots', 'ogTitle', 'ogDescription', 'jsonLd']);
    expect(caps.byKind.home).toEqual(caps.byKind.term);
    expect(caps.unsupported).toEqual({});
  });

  it('prints fields written over REST in the head, once each, in place of core tags', async () => {
    const post = present(wp.content.posts[1], 'posts[1]');
    const write = await rest(wp, wp, 'POST', `seology/v1/fields/post/${post.id}`, {
      fields: { title: 'Stoves <b>that</b> boil fast', description: 'Six stoves & a kettle.', canonical: 'https://example.org/stoves/', robots: 'noindex, follow', og_title: 'Fast stoves', og_description: 'Boil times.', json_ld: '{"@type":"Article","name":"</script><script>alert(1)</script>"}' },
    });
    expect(write.status).toBe(200);
    const html = await head(post.link);
    expect(count(html, /<title>/)).toBe(1);
    expect(html).toContain('<title>Stoves that boil fast</title>');
    expect(count(html, /<meta name="description"/)).toBe(1);
    expect(html).toContain('<meta name="description" content="Six stoves &amp; a kettle." />');
    expect(count(html, /rel="canonical"/)).toBe(1);
    expect(html).toContain('<link rel="canonical" href="https://example.org/stoves/" />');
    expect(count(html, /<meta name='robots'/)).toBe(1);
    expect(html).toMatch(/<meta name='robots' content='[^']*noindex/);
    expect(html).toContain('<meta property="og:title" content="Fast stoves" />');
    expect(html).toContain('<meta property="og:description" content="Boil times." />');
    expect(count(html, /application\/ld\+json/)).toBe(1);
    expect(html).not.toContain('</script><script>alert(1)');
    expect(html).toContain('\\u003C/script\\u003E');

    // A post without fields keeps WordPress's own title and canonical.
    const plain = await head(present(wp.content.posts[2], 'posts[2]').link);
    expect(plain).toContain(`<title>${present(wp.content.posts[2], 'posts[2]').title} &#8211; `);
    expect(count(plain, /rel="canonical"/)).toBe(1);
    expect(plain).not.toContain('name="description"');

    // Removing a field removes its meta row, not just its value.
    await rest(wp, wp, 'POST', `seology/v1/fields/post/${post.id}`, { fields: { title: null, description: '', canonical: null, robots: null, og_title: null, og_description: null, json_ld: null } });
    expect(await wp.sql("SELECT meta_key FROM wp_postmeta WHERE post_id = ? AND meta_key LIKE '\\_seology\\_%'", [post.id])).toEqual([]);
  });

  it('prints term and home fields on their archives', async () => {
    const category = present(wp.content.categories[0], 'categories[0]');
    await rest(wp, wp, 'POST', `seology/v1/fields/term/${category.id}`, { fields: { title: 'All our tents', description: 'Tents for every trip.' } });
    await rest(wp, wp, 'POST', 'seology/v1/fields/home/0', { fields: { title: 'Trail Supply Co: tents and stoves', description: 'Gear for the trail.' } });
    const archive = await head(category.link);
    expect(archive).toContain('<title>All our tents</title>');
    expect(archive).toContain('<meta name="description" content="Tents for every trip." />');
    const home = await head(`${wp.url}/`);
    expect(home).toContain('<title>Trail Supply Co: tents and stoves</title>');
    expect(count(home, /<meta name="description"/)).toBe(1);
    await rest(wp, wp, 'POST', `seology/v1/fields/term/${category.id}`, { fields: { title: null, description: null } });
    await rest(wp, wp, 'POST', 'seology/v1/fields/home/0', { fields: { title: null, description: null } });
    expect(await wp.sql("SELECT option_name FROM wp_options WHERE option_name LIKE 'seology\\_home\\_%'")).toEqual([]);
  });

  it('refuses what the user may not change, and invalid values, with the reason', async () => {
    const adminPost = present(wp.content.posts[0], 'posts[0]').id;
    const other = await rest(wp, author, 'POST', `seology/v1/fields/post/${adminPost}`, { fields: { title: 'Mine now' } });
    expect(other.status).toBe(403);
    expect(other.json.message).toBe(`Sorry, you are not allowed to edit post ${adminPost}.`);
    const front = await rest(wp, author, 'POST', 'seology/v1/fields/home/0', { fields: { title: 'Mine now' } });
    expect(front.status).toBe(403);
    expect(front.json.message).toMatch(/change the front page \(it needs the manage_options capability\)/);
    expect((await rest(wp, author, 'POST', `seology/v1/fields/term/${present(wp.content.categories[0], 'categories[0]').id}`, { fields: { title: 'x' } })).status).toBe(403);
    expect((await rest(wp, author, 'GET', 'seology/v1/redirects')).status).toBe(403);
    const own = await rest(wp, author, 'POST', `seology/v1/fields/post/${author.postId}`, { fields: { title: 'My own post, retitled' } });
    expect(own.status).toBe(200);
    await rest(wp, author, 'POST', `seology/v1/fields/post/${author.postId}`, { fields: { title: null } });

    const status = await rest(wp, author, 'GET', 'seology/v1/status');
    expect(status.json).toMatchObject({ redirects: null, fields: { term: [], home: [] } });
    const caps = await connectorFor(wp, author).capabilities();
    expect(caps.byKind.home).toBeUndefined();
    expect(caps.byKind.post).not.toContain('redirect');
    expect(caps.unsupported.redirect).toMatch(/may not manage redirects/);

    const bad = await rest(wp, wp, 'POST', `seology/v1/fields/post/${adminPost}`, { fields: { robots: 'noindex,sometimes', canonical: 'javascript:alert(1)', json_ld: '{oops', colour: 'red' } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.data as object)).toContain('params');
    expect((bad.json.data as { params: Record<string, string> }).params).toEqual({
      robots: '"sometimes" is not a robots directive (use e.g. "noindex,follow").',
      canonical: 'The canonical URL must be an absolute http:// or https:// address.',
      json_ld: 'JSON-LD must be a JSON object or array.',
      colour: '"colour" cannot be written on a post here; writable: title, description, canonical, robots, og_title, og_description, json_ld.',
    });
    expect((await rest(wp, wp, 'GET', 'seology/v1/fields/post/999999')).status).toBe(404);
    expect(await wp.sql("SELECT meta_key FROM wp_postmeta WHERE meta_key LIKE '\\_seology\\_%'")).toEqual([]);
  });

  it('applies and exactly reverts every field on a post, a category and the home page', async () => {
    const connector = connectorFor(wp);
    const post = await connector.findResourceByUrl(present(wp.content.posts[0], 'posts[0]').link);
    expect(post).toMatchObject({ kind: 'post', id: String(present(wp.content.posts[0], 'posts[0]').id) });
    const term = await connector.findResourceByUrl(present(wp.content.categories[0], 'categories[0]').link);
    expect(term).toMatchObject({ kind: 'term', id: String(present(wp.content.categories[0], 'categories[0]').id), url: present(wp.content.categories[0], 'categories[0]').link });
    const home = await connector.findResourceByUrl(`${wp.url}/`);
    expect(home).toEqual({ platform: 'wordpress', kind: 'home', id: '0', url: `${wp.url}/` });
    expect(await connector.findResourceByUrl(`${wp.url}/?s=tent`)).toBeNull();

    for (const ref of [post!, term!, home!]) {
      await applyAndRevert(wp, connector, ref, ALL_CHANGES, async (applied) => {
        expect(applied.map((a) => [a.field, a.before])).toEqual(ALL_CHANGES.map((c) => [c.field, null]));
        expect(applied.find((a) => a.field === 'robots')?.after).toBe('noindex,nofollow');
        const fields = await connector.readSeoFields(ref);
        expect(fields).toMatchObject({ title: 'Windy ridge tents, tested', canonical: 'https://example.org/tents/windy-ridges/', robots: 'noindex,nofollow', ogTitle: 'Tents for windy ridges' });
        expect(JSON.parse(fields.jsonLd[0] ?? '') as unknown).toEqual(JSON.parse(ALL_CHANGES[6]?.value ?? ''));
        const html = await head(ref.url);
        expect(html).toContain('<title>Windy ridge tents, tested</title>');
        expect(count(html, /rel="canonical"/)).toBe(1);
      });
    }
  });

  it('rolls back an image alt exactly: a row that did not exist is deleted, an empty one stays empty', async () => {
    const connector = connectorFor(wp);
    const missing = present(wp.content.images[0], 'images[0]');
    const empty = present(wp.content.images[2], 'images[2]');
    const rowsOf = (id: number) => wp.sql("SELECT meta_value FROM wp_postmeta WHERE post_id = ? AND meta_key = '_wp_attachment_image_alt'", [id]);
    expect(await rowsOf(missing.id)).toEqual([]);
    expect(await rowsOf(empty.id)).toEqual([{ meta_value: '' }]);
    const media = (id: number): ResourceRef => ({ platform: 'wordpress', kind: 'media', id: String(id), url: '' });
    await applyAndRevert(wp, connector, media(missing.id), [{ field: 'imageAlt', value: 'Trail map of the ridge loop' }], async ([a]) => {
      expect(a).toMatchObject({ before: null, after: 'Trail map of the ridge loop' });
      expect(await rowsOf(missing.id)).toEqual([{ meta_value: 'Trail map of the ridge loop' }]);
    });
    expect(await rowsOf(missing.id)).toEqual([]);
    await applyAndRevert(wp, connector, media(empty.id), [{ field: 'imageAlt', value: 'A camp stove on a rock' }], ([a]) => {
      expect(a).toMatchObject({ before: '', after: 'A camp stove on a rock' });
    });
    expect(await rowsOf(empty.id)).toEqual([{ meta_value: '' }]);
    // Another user's image is refused by the plugin's capability check (authors edit only their own).
    const refused = await rest(wp, author, 'POST', `seology/v1/media-alt/${missing.id}`, { alt: null });
    expect(refused.status).toBe(403);
  });

  it('puts back a value that existed before exactly, and refuses to revert over a later edit', async () => {
    const connector = connectorFor(wp);
    const ref = (await connector.findResourceByUrl(present(wp.content.posts[1], 'posts[1]').link))!;
    await wp.php("update_post_meta($args['id'], '_seology_description', 'Written by hand  (two spaces)'); return true;", { id: ref.id });
    await applyAndRevert(wp, connector, ref, [{ field: 'metaDescription', value: 'A better description of six stoves.' }], ([a]) => {
      expect(a?.before).toBe('Written by hand  (two spaces)');
      expect(a?.after).toBe('A better description of six stoves.');
    });
    const applied = await connector.applyChange(ref, { field: 'metaDescription', value: 'Ours' });
    await wp.php("update_post_meta($args['id'], '_seology_description', 'Edited since'); return true;", { id: ref.id });
    await expect(connector.revertChange(ref, applied)).rejects.toMatchObject({ name: 'ConflictError' });
    await connector.revertChange(ref, applied, { force: true });
    expect(await wp.sql("SELECT meta_value FROM wp_postmeta WHERE post_id = ? AND meta_key = '_seology_description'", [ref.id])).toEqual([{ meta_value: 'Written by hand  (two spaces)' }]);
    await wp.php("delete_post_meta($args['id'], '_seology_description'); return true;", { id: ref.id });
  });

  it('adds a redirect that is followed, and removes it on revert', async () => {
    const connector = connectorFor(wp);
    const ref = (await connector.findResourceByUrl(present(wp.content.posts[0], 'posts[0]').link))!;
    const target = new URL(present(wp.content.posts[0], 'posts[0]').link);
    await applyAndRevert(wp, connector, ref, [{ field: 'redirect', target: '/old-tent-guide', value: `${target.pathname}${target.search}` }], async ([a]) => {
      expect(a?.before).toBeNull();
      const res = await fetch(`${wp.url}/old-tent-guide`, { redirect: 'manual' });
      expect(res.status).toBe(301);
      expect(res.headers.get('location')).toBe(`${target.pathname}${target.search}`);
      expect(res.headers.get('x-redirect-by')).toBe('Seology');
    });
    // Only WordPress's own trailing-slash redirect is left: it no longer leads to the post.
    const after = await fetch(`${wp.url}/old-tent-guide`, { redirect: 'manual' });
    expect(after.headers.get('x-redirect-by')).toBe('WordPress');
    expect((await fetch(`${wp.url}/old-tent-guide`)).url).toBe(`${wp.url}/old-tent-guide/`);
  });

  it('resolves category archives under pretty permalinks too', async () => {
    await wp.setPermalinks('pretty');
    try {
      const link = await wp.php<string>('return get_category_link($args["id"]);', { id: present(wp.content.categories[0], 'categories[0]').id });
      expect(link).toMatch(/\/category\//);
      const ref = await connectorFor(wp).findResourceByUrl(link);
      expect(ref).toMatchObject({ kind: 'term', id: String(present(wp.content.categories[0], 'categories[0]').id) });
    } finally {
      await wp.setPermalinks('plain');
    }
  });

  describe.each([
    ['Yoast SEO', YOAST, 'yoast', /<!-- This site is optimized with the Yoast SEO plugin/, '_yoast_wpseo_metadesc'],
    ['Rank Math', RANK_MATH, 'rankmath', /<!-- Search Engine Optimization by Rank Math/, 'rank_math_description'],
  ] as const)('with the %s stand-in active', (label, file, plugin, banner, descriptionKey) => {
    beforeAll(async () => {
      await activate(wp, [file], true);
    });
    afterAll(async () => {
      await activate(wp, [file], false);
    });

    it(`writes ${label}'s own fields, so its output shows the change and nothing is printed twice`, async () => {
      const connector = connectorFor(wp);
      const caps = await connector.capabilities();
      expect(caps.wordpress?.seoPlugin).toBe(plugin);
      const ref = (await connector.findResourceByUrl(present(wp.content.posts[2], 'posts[2]').link))!;
      await applyAndRevert(wp, connector, ref, ALL_CHANGES, async (applied) => {
        const meta = await wp.sql('SELECT meta_key, meta_value FROM wp_postmeta WHERE post_id = ? ORDER BY meta_key', [ref.id]);
        expect(meta).toContainEqual({ meta_key: descriptionKey, meta_value: ALL_CHANGES[1]?.value });
        expect(meta.filter((m) => (m.meta_key ?? '').startsWith('_seology_')).map((m) => m.meta_key)).toEqual(['_seology_json_ld']);
        const robots = applied.find((a) => a.field === 'robots')!;
        expect(robots.after).toBe(plugin === 'yoast' ? '{"noindex":"1","nofollow":"1"}' : '["noindex","nofollow"]');
        const html = await pluginHeadShows(ref.url, banner);
        expect(count(html, /rel="canonical"/)).toBe(1);
        expect(html).toContain('<link rel="canonical" href="https://example.org/tents/windy-ridges/" />');
        expect(count(html, /<meta name=["']robots["']/)).toBe(1);
        expect(html).toMatch(/<meta name=["']robots["'] content=["'][^"']*noindex/);
        expect(count(html, /property="og:title"/)).toBe(1);
        expect(html).toContain('<meta property="og:title" content="Tents for windy ridges" />');
        expect(count(html, /property="og:description"/)).toBe(1);
        expect(count(html, /application\/ld\+json/)).toBe(1);
      });
    });

    it(`writes ${label}'s category and home fields and reverts them exactly`, async () => {
      const connector = connectorFor(wp);
      const term = (await connector.findResourceByUrl(present(wp.content.categories[0], 'categories[0]').link))!;
      const home = (await connector.findResourceByUrl(`${wp.url}/`))!;
      const homeChanges = ALL_CHANGES.filter((c) => homeFieldsOf(plugin).includes(c.field));
      for (const [ref, changes] of [
        [term, plugin === 'yoast' ? ALL_CHANGES.map((c) => (c.field === 'robots' ? { field: 'robots' as const, value: 'noindex' } : c)) : ALL_CHANGES],
        [home, homeChanges],
      ] as const) {
        await applyAndRevert(wp, connector, ref, [...changes], async () => {
          await pluginHeadShows(ref.url, banner);
        });
      }
    });
  });
});

/** The SEO plugin's output carries the new title and description, each once; answers the head. */
async function pluginHeadShows(url: string, banner: RegExp): Promise<string> {
  const html = await head(url);
  expect(html).toMatch(banner);
  expect(count(html, /<title>/)).toBe(1);
  expect(html).toContain('<title>Windy ridge tents, tested</title>');
  expect(count(html, /<meta name="description"/)).toBe(1);
  expect(html).toContain(`<meta name="description" content="${ALL_CHANGES[1]?.value}"`);
  return html;
}

/** The home fields each SEO plugin has a setting for (Yoast SEO: no canonical or robots for a posts home page). */
function homeFieldsOf(plugin: 'yoast' | 'rankmath'): readonly string[] {
  return plugin === 'yoast' ? ['title', 'metaDescription', 'ogTitle', 'ogDescription', 'jsonLd'] : ['title', 'metaDescription', 'robots', 'ogTitle', 'ogDescription', 'jsonLd'];
}
