/**
 * The WordPress connector against a real WordPress 6.1 (Debian's package, default theme, no SEO
 * plugin), under plain permalinks (WordPress's default) and pretty ones: everything the contract
 * server tests claim, proven on WordPress itself, including that a rollback leaves the database
 * tables it touched as they were.
 */
import { ConflictError, WordPressConnector, type AppliedChange, type ResourceRef } from '../index';
import { describeWithRealWordPress, diffTableDumps, startRealWordPress, type Permalinks, type RealWordPress, type TableDiff, type TableDump } from '../testing';
import { present } from '../testing/present';

const LOCAL = { allowHosts: ['127.0.0.1'] };
const describeReal = describeWithRealWordPress(describe);

/** What WordPress changes by itself on every save, and which a rollback cannot (and need not) undo. */
function meaningful(diffs: TableDiff[]): TableDiff[] {
  const own = new Set(['post_modified', 'post_modified_gmt']);
  return diffs
    .filter((d) => !(d.table === 'wp_posts' && (d.before ?? d.after)?.['post_type'] === 'revision'))
    .filter((d) => !(d.table === 'wp_postmeta' && d.before === null && revisionIds.has(d.after?.['post_id'] ?? '')))
    .map((d) => ({ ...d, columns: d.columns.filter((c) => !(d.table === 'wp_posts' && own.has(c))) }))
    .filter((d) => d.columns.length > 0);
}
const revisionIds = new Set<string>();

async function dump(wp: RealWordPress): Promise<Record<string, TableDump>> {
  const tables = await wp.dumpTables(['wp_posts', 'wp_postmeta', 'wp_options', 'wp_terms', 'wp_term_relationships', 'wp_comments']);
  for (const row of present(tables['wp_posts'], 'the wp_posts dump').rows) if (row['post_type'] === 'revision' && row['ID'] !== null) revisionIds.add(row['ID'] ?? '');
  return tables;
}

describeReal.each<Permalinks>(['plain', 'pretty'])('WordPressConnector on a real WordPress (%s permalinks)', (permalinks) => {
  let wp: RealWordPress;
  let connector: WordPressConnector;
  const found: string[] = [];

  beforeAll(async () => {
    wp = await startRealWordPress({ permalinks });
    connector = new WordPressConnector({ siteUrl: wp.url, username: wp.username, applicationPassword: wp.applicationPassword, ssrfPolicy: LOCAL, perPage: 5, onApiRoot: (r) => void found.push(r) });
  }, 120000);
  afterAll(() => wp?.stop());

  const link = (id: number) => wp.php<string>('return get_permalink($args["id"]);', { id });
  const ref = (kind: 'post' | 'page' | 'media', id: number, url = ''): ResourceRef => ({ platform: 'wordpress', kind, id: String(id), url });

  it('verifies the connection through the REST root the site announces', async () => {
    await expect(connector.verify()).resolves.toEqual({ ok: true, siteName: 'Trail Supply Co' });
    const root = permalinks === 'plain' ? `${wp.url}/index.php?rest_route=/` : `${wp.url}/wp-json/`;
    expect(found).toEqual([root]);
    expect(connector.apiRoot).toBe(root);
  });

  it('refuses a wrong application password with a reason to act on', async () => {
    const wrong = new WordPressConnector({ siteUrl: wp.url, username: wp.username, applicationPassword: 'abcd abcd abcd abcd abcd abcd', ssrfPolicy: LOCAL, retry: { maxRetries: 0 } });
    const result = await wrong.verify();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^WordPress did not accept the login of 'admin': check the username and the application password/);
  });

  it('reports what a stock WordPress lets it change: titles and image alt, nothing that needs an SEO plugin', async () => {
    const caps = await connector.capabilities();
    expect(caps.byKind).toEqual({ post: ['h1', 'imageAlt'], page: ['h1', 'imageAlt'], media: ['imageAlt'] });
    expect(caps.unsupported.metaDescription).toMatch(/install the Seology plugin/);
    expect(caps.unsupported.redirect).toMatch(/Neither the Seology plugin nor the Redirection plugin is active/);
  });

  it('lists every published post, page and image, page by page', async () => {
    const ids: Record<string, string[]> = { post: [], page: [], media: [] };
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await connector.listResources(cursor ? { cursor } : {});
      for (const item of page.items) ids[item.kind]?.push(item.id);
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    const expectedPosts = [wp.content.helloWorldId, ...wp.content.posts.map((p) => p.id)].map(String).sort();
    expect([...(ids.post ?? [])].sort()).toEqual(expectedPosts);
    expect([...(ids.page ?? [])].sort()).toEqual(wp.content.pages.map((p) => String(p.id)).sort());
    expect([...(ids.media ?? [])].sort()).toEqual(wp.content.images.map((i) => String(i.id)).sort());
    // 13 posts at 5 a page, then pages and media: more than one page per kind.
    expect(pages).toBeGreaterThanOrEqual(5);
  });

  it('finds posts, pages and images by their public URLs', async () => {
    const post = present(wp.content.posts[3], 'posts[3]');
    await expect(connector.findResourceByUrl(await link(post.id))).resolves.toMatchObject({ kind: 'post', id: String(post.id), title: post.title });
    const page = present(wp.content.pages[1], 'pages[1]');
    await expect(connector.findResourceByUrl(await link(page.id))).resolves.toMatchObject({ kind: 'page', id: String(page.id) });
    const image = present(wp.content.images[0], 'images[0]');
    await expect(connector.findResourceByUrl(image.url)).resolves.toMatchObject({ kind: 'media', id: String(image.id) });
    await expect(connector.findResourceByUrl(await link(image.id))).resolves.toMatchObject({ kind: 'media', id: String(image.id) });
  });

  it('answers null for URLs that are not one post: home with latest posts, archives, login, comment replies, other sites', async () => {
    const post = present(wp.content.posts[0], 'posts[0]');
    const reply = present(wp.content.comments[0], 'comments[0]');
    const category = present(wp.content.categories[0], 'categories[0]');
    const urls = [
      `${wp.url}/`,
      await wp.php<string>('return get_category_link($args["id"]);', { id: category.id }),
      `${wp.url}/wp-login.php`,
      `${wp.url}/wp-login.php?action=lostpassword`,
      `${(await link(post.id))}${permalinks === 'plain' ? '&' : '?'}replytocom=${reply.id}`,
      `${wp.url}/?s=tent`,
      'https://elsewhere.example/2024/05/choosing-a-tent-for-windy-ridges/',
    ];
    for (const url of urls) await expect(connector.findResourceByUrl(url).then((r) => [url, r])).resolves.toEqual([url, null]);
  });

  it('finds the static front page at the home URL, and nothing there once it lists posts again', async () => {
    const about = present(wp.content.pages[1], 'pages[1]');
    await wp.php('update_option("show_on_front", "page"); update_option("page_on_front", $args["id"]); return null;', { id: about.id });
    try {
      await expect(connector.findResourceByUrl(`${wp.url}/`)).resolves.toMatchObject({ kind: 'page', id: String(about.id) });
      // An archive under the home path is still not the front page.
      await expect(connector.findResourceByUrl(`${wp.url}/?cat=${present(wp.content.categories[0], 'categories[0]').id}`)).resolves.toBeNull();
    } finally {
      await wp.php('update_option("show_on_front", "posts"); update_option("page_on_front", 0); return null;');
    }
    await expect(connector.findResourceByUrl(`${wp.url}/`)).resolves.toBeNull();
  });

  it('reads the title and the images of a post as stored', async () => {
    const post = present(wp.content.posts[1], 'posts[1]');
    const image = present(wp.content.images[1], 'images[1]');
    const fields = await connector.readSeoFields(ref('post', post.id));
    expect(fields.h1).toBe(post.title);
    expect(fields.metaDescription).toBeNull();
    expect(fields.images).toEqual([{ id: String(image.id), src: image.url, alt: 'A green tent pitched by a lake' }]);
    const media = await connector.readSeoFields(ref('media', image.id));
    expect(media.images).toEqual([{ id: String(image.id), src: image.url, alt: 'A green tent pitched by a lake' }]);
  });

  /** Applies, checks the live page and the stored value, reverts, and diffs the tables before and after. */
  async function roundTrip(target: ResourceRef, change: { field: 'h1' | 'imageAlt'; value: string; target?: string }, live: (html: string) => void) {
    const before = await dump(wp);
    const applied = await connector.applyChange(target, change);
    expect(applied.after).toBe(change.value);
    await expect(connector.readStoredValue(target, change)).resolves.toBe(change.value);
    // An attachment's permalink is its attachment page, which shows the image with its alt.
    const page = await fetch(await link(Number(target.id)));
    expect(page.status).toBe(200);
    live(await page.text());
    const reverted = await connector.revertChange(target, applied);
    expect(reverted).toMatchObject({ restored: applied.before, replaced: change.value, forced: false });
    await expect(connector.readStoredValue(target, change)).resolves.toBe(applied.before);
    return { applied, diffs: meaningful(diffTableDumps(before, await dump(wp))) };
  }

  it('changes a post title, shows it live, and rolls it back leaving the tables as they were', async () => {
    const post = present(wp.content.posts[4], 'posts[4]');
    const { applied, diffs } = await roundTrip(ref('post', post.id), { field: 'h1', value: 'Reading a trail map: contour lines & symbols' }, (html) => {
      // wptexturize writes & as &#038;.
      expect(html).toContain('<title>Reading a trail map: contour lines &#038; symbols &#8211; Trail Supply Co</title>');
    });
    expect(applied.before).toBe(post.title);
    expect(diffs).toEqual([]);
  });

  it('changes a page title and rolls it back exactly', async () => {
    const page = present(wp.content.pages[2], 'pages[2]');
    const { diffs } = await roundTrip(ref('page', page.id), { field: 'h1', value: 'Contact the shop' }, (html) => expect(html).toContain('<title>Contact the shop &#8211; Trail Supply Co</title>'));
    expect(diffs).toEqual([]);
  });

  it('sets the alt of an image inside post content and rolls it back to the exact markup', async () => {
    const post = present(wp.content.posts[0], 'posts[0]');
    const image = present(wp.content.images[0], 'images[0]');
    const contentBefore = (await wp.sql('SELECT post_content FROM wp_posts WHERE ID = ?', [post.id]))[0]?.post_content;
    const { applied, diffs } = await roundTrip(ref('post', post.id), { field: 'imageAlt', target: String(image.id), value: 'Trail map of the ridge loop' }, (html) => {
      expect(html).toMatch(new RegExp(`<img[^>]*alt="Trail map of the ridge loop"[^>]*wp-image-${image.id}`));
    });
    expect(applied.before).toBe('');
    expect(diffs).toEqual([]);
    const contentAfter = (await wp.sql('SELECT post_content FROM wp_posts WHERE ID = ?', [post.id]))[0]?.post_content;
    expect(contentAfter).toBe(contentBefore);
  });

  it('changes the alt text of a media item that had one and rolls it back exactly', async () => {
    const image = present(wp.content.images[1], 'images[1]');
    const { applied, diffs } = await roundTrip(ref('media', image.id), { field: 'imageAlt', value: 'Two-person tent by a lake at dawn' }, (html) => expect(html).toContain('alt="Two-person tent by a lake at dawn"'));
    expect(applied.before).toBe('A green tent pitched by a lake');
    expect(diffs).toEqual([]);
  });

  it('rolls back a media alt that had no meta row to an empty one: the core REST API cannot delete it', async () => {
    const image = present(wp.content.images[0], 'images[0]');
    const { applied, diffs } = await roundTrip(ref('media', image.id), { field: 'imageAlt', value: 'Trail map' }, () => undefined);
    // WordPress answers alt_text "" whether the row is missing or empty, and offers no way to delete it.
    expect(applied.before).toBe('');
    expect(diffs.map((d) => [d.table, d.before, d.after?.['meta_key'], d.after?.['meta_value']])).toEqual([['wp_postmeta', null, '_wp_attachment_image_alt', '']]);
    await wp.sql("DELETE FROM wp_postmeta WHERE post_id = ? AND meta_key = '_wp_attachment_image_alt'", [image.id]);
  });

  it('refuses to roll back over a change made in WordPress meanwhile, unless forced', async () => {
    const post = present(wp.content.posts[5], 'posts[5]');
    const target = ref('post', post.id);
    const applied: AppliedChange = await connector.applyChange(target, { field: 'h1', value: 'Cooking on a camp stove, safely' });
    await wp.php('wp_update_post(["ID" => $args["id"], "post_title" => "Edited by the owner"]); return null;', { id: post.id });
    const conflict = await connector.revertChange(target, applied).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(ConflictError);
    expect(conflict).toMatchObject({ expected: 'Cooking on a camp stove, safely', actual: 'Edited by the owner' });
    await expect(connector.revertChange(target, applied, { force: true })).resolves.toMatchObject({ restored: post.title, replaced: 'Edited by the owner', forced: true });
    const [row] = await wp.sql('SELECT post_title FROM wp_posts WHERE ID = ?', [post.id]);
    expect(row?.post_title).toBe(post.title);
  });
});
