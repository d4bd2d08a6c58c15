/**
 * The real WordPress harness itself: install, the REST API under both permalink forms, two
 * instances side by side, injected outages and a stopped server.
 */
import { describeWithRealWordPress, diffTableDumps, startRealWordPress, type RealWordPress } from './real-wordpress';
import { present } from './present';

const describeReal = describeWithRealWordPress(describe);

const auth = (wp: RealWordPress) => ({ authorization: `Basic ${Buffer.from(`${wp.username}:${wp.applicationPassword}`).toString('base64')}` });

describeReal('real WordPress harness', () => {
  let plain: RealWordPress;
  let pretty: RealWordPress;

  beforeAll(async () => {
    [plain, pretty] = await Promise.all([startRealWordPress({ permalinks: 'plain', siteName: 'Plain Site' }), startRealWordPress({ permalinks: 'pretty', siteName: 'Pretty Site' })]);
    console.log(`real WordPress installed in ${plain.installMs} ms and ${pretty.installMs} ms (two at once)`);
  }, 120000);
  afterAll(async () => {
    await Promise.all([plain?.stop(), pretty?.stop()]);
  });

  it('announces the REST root in a Link header, at ?rest_route= under plain permalinks', async () => {
    const home = await fetch(`${plain.url}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('link')).toBe(`<${plain.url}/index.php?rest_route=/>; rel="https://api.w.org/"`);
    expect(await home.text()).toContain(`<link rel="https://api.w.org/" href="${plain.url}/index.php?rest_route=/" />`);

    const root = await fetch(`${plain.url}/?rest_route=/`);
    expect(root.status).toBe(200);
    expect(((await root.json()) as { name: string }).name).toBe('Plain Site');
    // Without rewrite rules /wp-json/ is not the API: WordPress answers the home page's HTML.
    const wpJson = await fetch(`${plain.url}/wp-json/`);
    expect(wpJson.status).toBe(200);
    expect(wpJson.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('serves /wp-json/ and pretty permalinks once a structure is set', async () => {
    const home = await fetch(`${pretty.url}/`);
    expect(home.headers.get('link')).toBe(`<${pretty.url}/wp-json/>; rel="https://api.w.org/"`);
    const root = await fetch(`${pretty.url}/wp-json/`);
    expect(root.status).toBe(200);
    expect(((await root.json()) as { name: string }).name).toBe('Pretty Site');
    const post = present(pretty.content.posts[0], 'posts[0]');
    expect(post.link).toMatch(new RegExp(`^${pretty.url}/2024/05/choosing-a-tent-for-windy-ridges/$`));
    const page = await fetch(post.link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`<title>${post.title} &#8211; Pretty Site</title>`);
  });

  it('authenticates the application password and pages posts like WordPress', async () => {
    const me = await fetch(`${plain.url}/?rest_route=/wp/v2/users/me&context=edit`, { headers: auth(plain) });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { roles: string[] }).roles).toEqual(['administrator']);
    const posts = await fetch(`${plain.url}/?rest_route=/wp/v2/posts&per_page=5&page=2`);
    expect(posts.headers.get('x-wp-total')).toBe(String(plain.content.posts.length + 1));
    expect(((await posts.json()) as unknown[]).length).toBe(5);
    const wrong = await fetch(`${plain.url}/?rest_route=/wp/v2/users/me`, { headers: { authorization: `Basic ${Buffer.from('admin:nope').toString('base64')}` } });
    expect(wrong.status).toBe(401);
    // WordPress 6.1 does not say why: a wrong application password leaves the request anonymous.
    expect(((await wrong.json()) as { code: string }).code).toBe('rest_not_logged_in');
  });

  it('keeps the two instances apart: own database, own site', async () => {
    expect(plain.database.name).not.toBe(pretty.database.name);
    await plain.sql("UPDATE wp_options SET option_value = ? WHERE option_name = 'blogdescription'", ['Only on the plain site']);
    const [plainOption] = await plain.sql("SELECT option_value FROM wp_options WHERE option_name = 'blogdescription'");
    const [prettyOption] = await pretty.sql("SELECT option_value FROM wp_options WHERE option_name = 'blogdescription'");
    expect(plainOption?.option_value).toBe('Only on the plain site');
    expect(prettyOption?.option_value).not.toBe('Only on the plain site');
    expect(((await (await fetch(`${pretty.url}/wp-json/`)).json()) as { description: string }).description).not.toBe('Only on the plain site');
  });

  it('seeds images with a missing, a set and an empty alt meta row', async () => {
    const missing = present(plain.content.images[0], 'images[0]');
    const set = present(plain.content.images[1], 'images[1]');
    const empty = present(plain.content.images[2], 'images[2]');
    const alts = await plain.sql("SELECT post_id, meta_value FROM wp_postmeta WHERE meta_key = '_wp_attachment_image_alt' ORDER BY post_id");
    expect(alts).toEqual([
      { post_id: String(set.id), meta_value: 'A green tent pitched by a lake' },
      { post_id: String(empty.id), meta_value: '' },
    ]);
    expect(alts.some((row) => row.post_id === String(missing.id))).toBe(false);
    const file = await fetch(set.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
  });

  it('dumps tables with NULLs and diffs them by primary key', async () => {
    const post = present(plain.content.posts[1], 'posts[1]');
    const before = await plain.dumpTables(['wp_posts', 'wp_postmeta']);
    expect(before.wp_posts?.primaryKey).toEqual(['ID']);
    await plain.php("update_post_meta($args['id'], 'seology_probe', 'x'); wp_update_post(['ID' => $args['id'], 'post_excerpt' => 'Changed']); return null;", { id: post.id });
    const after = await plain.dumpTables(['wp_posts', 'wp_postmeta']);
    const diffs = diffTableDumps(before, after);
    const postDiff = diffs.find((d) => d.table === 'wp_posts' && d.key === String(post.id));
    expect(postDiff?.columns).toEqual(expect.arrayContaining(['post_excerpt', 'post_modified', 'post_modified_gmt']));
    expect(diffs.some((d) => d.table === 'wp_postmeta' && d.before === null && d.after?.meta_key === 'seology_probe')).toBe(true);
    const [nullRow] = await plain.sql('SELECT NULL AS nothing, ? AS word', ['NULL']);
    expect(nullRow).toEqual({ nothing: null, word: 'NULL' });
  });

  it('answers 503 for the next requests, then serves again', async () => {
    plain.failNextRequests(2);
    expect((await fetch(`${plain.url}/?rest_route=/`)).status).toBe(503);
    expect((await fetch(`${plain.url}/`)).status).toBe(503);
    expect((await fetch(`${plain.url}/?rest_route=/`)).status).toBe(200);
    plain.failNextRequests('always', 500);
    for (let i = 0; i < 3; i++) expect((await fetch(`${plain.url}/`)).status).toBe(500);
    plain.clearFaults();
    expect((await fetch(`${plain.url}/`)).status).toBe(200);
  });

  it('starts the outage right after the next write, which itself succeeds', async () => {
    const post = present(plain.content.posts[2], 'posts[2]');
    plain.failAfterNextWrite('always');
    expect((await fetch(`${plain.url}/?rest_route=/`)).status).toBe(200);
    const write = await fetch(`${plain.url}/?rest_route=/wp/v2/posts/${post.id}`, { method: 'POST', headers: { ...auth(plain), 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Written before the outage' }) });
    expect(write.status).toBe(200);
    expect((await fetch(`${plain.url}/?rest_route=/wp/v2/posts/${post.id}`)).status).toBe(503);
    plain.clearFaults();
    const [row] = await plain.sql('SELECT post_title FROM wp_posts WHERE ID = ?', [post.id]);
    expect(row?.post_title).toBe('Written before the outage');
    expect(plain.requests().slice(-2).map((r) => [r.method, r.status])).toEqual([
      ['POST', 200],
      ['GET', 503],
    ]);
  });

  it('goes down and comes back on the same port', async () => {
    await plain.down();
    await expect(fetch(`${plain.url}/`)).rejects.toThrow();
    await plain.up();
    const home = await fetch(`${plain.url}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Plain Site');
  });

  it('switches permalinks on a running site', async () => {
    await plain.setPermalinks('pretty');
    try {
      expect((await fetch(`${plain.url}/wp-json/`)).status).toBe(200);
      expect((await fetch(`${plain.url}/`)).headers.get('link')).toContain('/wp-json/');
    } finally {
      await plain.setPermalinks('plain');
    }
    expect((await fetch(`${plain.url}/`)).headers.get('link')).toContain('?rest_route=/');
  });
});
