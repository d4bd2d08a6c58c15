import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultQueue, listen, queryOf, readBody, send, sendHtml, type InjectedFault, type RecordedRequest } from './http-server';
import { restRouteUrl } from '../wordpress/wordpress-discovery';
import { renderPublicPage, type ThemeChrome } from './public-page';

/**
 * An in-memory WordPress speaking the documented REST API (wp/v2), application-password Basic
 * auth, WordPress's status codes and `{ code, message, data: { status } }` error bodies, pagination
 * headers, registered post meta for Yoast SEO / Rank Math, the Redirection plugin's routes, and the
 * public HTML of every item at its permalink.
 */

export type WpRole = 'administrator' | 'editor' | 'subscriber';
export type WpPlugin = 'yoast' | 'rankmath' | 'redirection';

export interface WpSeedUser {
  username: string;
  /** As WordPress shows it ("abcd EFGH 1234 ..."); spaces and case of the groups do not matter for checks. */
  applicationPassword: string;
  role?: WpRole;
}

export interface WpSeedItem {
  id?: number;
  slug: string;
  title: string;
  content?: string;
  excerpt?: string;
  status?: 'publish' | 'draft' | 'private';
  /** ISO date; used in post permalinks (/YYYY/MM/slug/). */
  date?: string;
  /** Parent page id (pages only). */
  parent?: number;
  meta?: Record<string, unknown>;
}

export interface WpSeedMedia {
  id?: number;
  slug: string;
  title?: string;
  /** Path under wp-content/uploads, e.g. "2024/05/photo.jpg". */
  file: string;
  altText?: string;
}

export interface WpSeedRedirect {
  url: string;
  target: string;
}

export interface WordPressContractServerOptions {
  /** Port on 127.0.0.1; ephemeral when omitted. */
  port?: number;
  siteName?: string;
  /** The theme's markup around the content; comments are printed on posts only, as WordPress does. None by default. */
  theme?: ThemeChrome;
  plugins?: WpPlugin[];
  /**
   * Whether the SEO plugin's post meta is registered with show_in_rest. Real Yoast does not do this
   * by itself; sites add it. Default true.
   */
  exposeSeoMeta?: boolean;
  /** Simulates hosts that drop the Authorization header before PHP sees it. */
  stripAuthorization?: boolean;
  users?: WpSeedUser[];
  posts?: WpSeedItem[];
  pages?: WpSeedItem[];
  media?: WpSeedMedia[];
  redirects?: WpSeedRedirect[];
  /** Page shown at "/" (Settings → Reading → a static page). */
  frontPageId?: number;
  /**
   * Settings → Permalinks. 'plain' (WordPress's default): items live at /?p=ID, /?page_id=ID and
   * /?attachment_id=ID, and the REST API only at /index.php?rest_route=/ (/wp-json/ is an ordinary
   * page). 'pretty' (default here): /YYYY/MM/slug/, /parent/slug/ and /wp-json/. Either way every
   * page announces the root in `Link: <…>; rel="https://api.w.org/"` and a <link> in <head>, and
   * ?rest_route= answers too, as in WordPress.
   */
  permalinks?: 'plain' | 'pretty';
}

export type WpPostType = 'post' | 'page' | 'attachment';

export interface WpRecord {
  id: number;
  type: WpPostType;
  slug: string;
  title: string;
  content: string;
  excerpt: string;
  status: string;
  date: string;
  modified: string;
  parent: number;
  author: number;
  meta: Record<string, unknown>;
  altText: string;
  file: string;
}

export interface WpRedirectRecord {
  id: number;
  url: string;
  target: string;
  enabled: boolean;
  groupId: number;
}

export interface WordPressContractServer {
  /** Site URL, e.g. "http://127.0.0.1:PORT" (no trailing slash). */
  url: string;
  posts: Map<number, WpRecord>;
  redirects: Map<number, WpRedirectRecord>;
  requests: RecordedRequest[];
  /** Answers the next matching API request(s) with this instead. */
  inject(fault: InjectedFault): void;
  /** Simulates publishing a post or page, or uploading media, in wp-admin. Returns its id. */
  addItem(type: 'post' | 'page', item: WpSeedItem): number;
  addItem(type: 'attachment', item: WpSeedMedia): number;
  /** Simulates an edit made in wp-admin by someone else. */
  editItem(id: number, patch: Partial<Pick<WpRecord, 'title' | 'content' | 'excerpt' | 'altText' | 'slug' | 'status'>> & { meta?: Record<string, unknown> }): void;
  /** Permalink of an item. */
  linkOf(id: number): string;
  close(): Promise<void>;
}

interface MetaDef {
  type: 'string' | 'array';
  default: unknown;
}

const YOAST_META: Record<string, MetaDef> = {
  '_yoast_wpseo_title': { type: 'string', default: '' },
  '_yoast_wpseo_metadesc': { type: 'string', default: '' },
  '_yoast_wpseo_canonical': { type: 'string', default: '' },
  '_yoast_wpseo_meta-robots-noindex': { type: 'string', default: '' },
  '_yoast_wpseo_opengraph-title': { type: 'string', default: '' },
  '_yoast_wpseo_opengraph-description': { type: 'string', default: '' },
};
const RANKMATH_META: Record<string, MetaDef> = {
  rank_math_title: { type: 'string', default: '' },
  rank_math_description: { type: 'string', default: '' },
  rank_math_canonical_url: { type: 'string', default: '' },
  rank_math_robots: { type: 'array', default: [] },
  rank_math_facebook_title: { type: 'string', default: '' },
  rank_math_facebook_description: { type: 'string', default: '' },
};

const ROLE_CAPS: Record<WpRole, Record<string, boolean>> = {
  administrator: { read: true, edit_posts: true, edit_pages: true, edit_others_posts: true, edit_others_pages: true, upload_files: true, manage_options: true, edit_published_posts: true, edit_published_pages: true },
  editor: { read: true, edit_posts: true, edit_pages: true, edit_others_posts: true, edit_others_pages: true, upload_files: true, edit_published_posts: true, edit_published_pages: true },
  subscriber: { read: true },
};

const COLLECTION: Record<string, WpPostType> = { posts: 'post', pages: 'page', media: 'attachment' };
const TRANSPARENT_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

class WpHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

interface User {
  id: number;
  username: string;
  password: string;
  role: WpRole;
}

export async function startWordPressContractServer(opts: WordPressContractServerOptions = {}): Promise<WordPressContractServer> {
  const siteName = opts.siteName ?? 'Contract Test Site';
  const plugins = new Set(opts.plugins ?? []);
  const exposeMeta = opts.exposeSeoMeta ?? true;
  const metaDefs: Record<string, MetaDef> = {
    ...(plugins.has('yoast') ? YOAST_META : {}),
    ...(plugins.has('rankmath') ? RANKMATH_META : {}),
  };
  const restMeta: Record<string, MetaDef> = exposeMeta ? metaDefs : {};
  const users: User[] = (opts.users ?? []).map((u, i) => ({
    id: i + 1,
    username: u.username,
    password: normalisePassword(u.applicationPassword),
    role: u.role ?? 'administrator',
  }));
  const posts = new Map<number, WpRecord>();
  const redirects = new Map<number, WpRedirectRecord>();
  const requests: RecordedRequest[] = [];
  const faults = new FaultQueue();
  let nextId = 1;
  let nextRedirectId = 1;
  const now = () => new Date().toISOString().slice(0, 19);

  const add = (type: WpPostType, s: WpSeedItem | WpSeedMedia): number => {
    const id = s.id ?? nextId;
    nextId = Math.max(nextId, id + 1);
    const item = s as WpSeedItem & WpSeedMedia;
    const date = (item.date ?? '2024-05-06T10:00:00').slice(0, 19);
    posts.set(id, {
      id,
      type,
      slug: s.slug,
      title: s.title ?? s.slug,
      content: item.content ?? '',
      excerpt: item.excerpt ?? '',
      status: type === 'attachment' ? 'inherit' : (item.status ?? 'publish'),
      date,
      modified: date,
      parent: item.parent ?? 0,
      author: 1,
      meta: { ...(item.meta ?? {}) },
      altText: item.altText ?? '',
      file: item.file ?? '',
    });
    return id;
  };
  for (const p of opts.posts ?? []) add('post', p);
  for (const p of opts.pages ?? []) add('page', p);
  for (const m of opts.media ?? []) add('attachment', m);
  for (const r of opts.redirects ?? []) {
    const id = nextRedirectId++;
    redirects.set(id, { id, url: r.url, target: r.target, enabled: true, groupId: 1 });
  }

  let origin = '';
  const plain = opts.permalinks === 'plain';
  const restRoot = () => (plain ? `${origin}/index.php?rest_route=/` : `${origin}/wp-json/`);
  const restUrl = (route: string, query?: Record<string, string>) => restRouteUrl(restRoot(), route, query);

  const pathOf = (rec: WpRecord): string => {
    if (plain) {
      if (rec.type === 'page' && opts.frontPageId === rec.id) return '/';
      return rec.type === 'post' ? `/?p=${rec.id}` : rec.type === 'page' ? `/?page_id=${rec.id}` : `/?attachment_id=${rec.id}`;
    }
    if (rec.type === 'post') return `/${rec.date.slice(0, 4)}/${rec.date.slice(5, 7)}/${rec.slug}/`;
    if (rec.type === 'page') {
      const chain: string[] = [];
      let cur: WpRecord | undefined = rec;
      const seen = new Set<number>();
      while (cur && !seen.has(cur.id)) {
        seen.add(cur.id);
        chain.unshift(cur.slug);
        cur = cur.parent ? posts.get(cur.parent) : undefined;
      }
      if (opts.frontPageId === rec.id) return '/';
      return `/${chain.join('/')}/`;
    }
    return `/${rec.slug}/`;
  };
  const linkOf = (rec: WpRecord) => `${origin}${pathOf(rec)}`;
  const restOf = (rec: WpRecord) => restUrl(`wp/v2/${rec.type === 'page' ? 'pages' : rec.type === 'post' ? 'posts' : 'media'}/${rec.id}`);
  const sourceUrl = (rec: WpRecord) => `${origin}/wp-content/uploads/${rec.file}`;

  const metaOf = (rec: WpRecord, defs: Record<string, MetaDef>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [k, d] of Object.entries(defs)) out[k] = rec.meta[k] !== undefined ? rec.meta[k] : d.default;
    return out;
  };

  const seo = (rec: WpRecord) => {
    const m = metaOf(rec, metaDefs);
    const str = (k: string) => (typeof m[k] === 'string' && m[k] !== '' ? m[k] : null);
    const fill = (t: string) => t.replace(/%%title%%/g, rec.title).replace(/%%sitename%%/g, siteName).replace(/%%sep%%/g, '–');
    let title = `${rec.title} – ${siteName}`;
    let description: string | null = null;
    let canonical = linkOf(rec);
    let noindex = false;
    let ogTitle: string | null = null;
    let ogDescription: string | null = null;
    if (plugins.has('yoast')) {
      title = str('_yoast_wpseo_title') ? fill(str('_yoast_wpseo_title') as string) : title;
      description = str('_yoast_wpseo_metadesc');
      canonical = str('_yoast_wpseo_canonical') ?? canonical;
      noindex = m['_yoast_wpseo_meta-robots-noindex'] === '1';
      ogTitle = str('_yoast_wpseo_opengraph-title') ?? title;
      ogDescription = str('_yoast_wpseo_opengraph-description') ?? description;
    } else if (plugins.has('rankmath')) {
      title = str('rank_math_title') ? fill(str('rank_math_title') as string) : title;
      description = str('rank_math_description');
      canonical = str('rank_math_canonical_url') ?? canonical;
      noindex = Array.isArray(m['rank_math_robots']) && (m['rank_math_robots'] as unknown[]).includes('noindex');
      ogTitle = str('rank_math_facebook_title') ?? title;
      ogDescription = str('rank_math_facebook_description') ?? description;
    }
    return { title, description, canonical, noindex, ogTitle, ogDescription };
  };

  const jsonLdOf = (rec: WpRecord) => {
    const s = seo(rec);
    return { '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage', '@id': linkOf(rec), url: linkOf(rec), name: s.title }] };
  };

  const rendered = (s: string) => s.replace(/&/g, '&#038;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

  const toJson = (rec: WpRecord, context: 'view' | 'edit'): Record<string, unknown> => {
    const edit = context === 'edit';
    const out: Record<string, unknown> = {
      id: rec.id,
      date: rec.date,
      date_gmt: rec.date,
      guid: { rendered: `${origin}/?p=${rec.id}`, ...(edit ? { raw: `${origin}/?p=${rec.id}` } : {}) },
      modified: rec.modified,
      modified_gmt: rec.modified,
      slug: rec.slug,
      status: rec.status,
      type: rec.type,
      link: linkOf(rec),
      title: { rendered: rendered(rec.title), ...(edit ? { raw: rec.title } : {}) },
      author: rec.author,
    };
    if (rec.type === 'attachment') {
      out['alt_text'] = rec.altText;
      out['caption'] = { rendered: '', ...(edit ? { raw: '' } : {}) };
      out['media_type'] = 'image';
      out['mime_type'] = rec.file.endsWith('.png') ? 'image/png' : 'image/jpeg';
      out['source_url'] = sourceUrl(rec);
      out['meta'] = {};
    } else {
      out['content'] = { rendered: rec.content, protected: false, ...(edit ? { raw: rec.content, block_version: 1 } : {}) };
      out['excerpt'] = { rendered: rec.excerpt ? `<p>${rec.excerpt}</p>\n` : '', protected: false, ...(edit ? { raw: rec.excerpt } : {}) };
      out['featured_media'] = 0;
      if (rec.type === 'page') out['parent'] = rec.parent;
      out['meta'] = metaOf(rec, restMeta);
    }
    if (plugins.has('yoast')) {
      const s = seo(rec);
      out['yoast_head_json'] = {
        title: s.title,
        ...(s.description ? { description: s.description } : {}),
        robots: { index: s.noindex ? 'noindex' : 'index', follow: 'follow' },
        canonical: s.canonical,
        og_title: s.ogTitle,
        ...(s.ogDescription ? { og_description: s.ogDescription } : {}),
        schema: jsonLdOf(rec),
      };
    }
    return out;
  };

  const authenticate = (req: IncomingMessage): User | null => {
    const header = opts.stripAuthorization ? undefined : req.headers['authorization'];
    if (!header) return null;
    const m = /^Basic\s+(.+)$/i.exec(header);
    if (!m) return null;
    const decoded = Buffer.from(m[1] ?? '', 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const username = colon >= 0 ? decoded.slice(0, colon) : decoded;
    const password = colon >= 0 ? decoded.slice(colon + 1) : '';
    const user = users.find((u) => u.username === username);
    if (!user) {
      throw new WpHttpError(401, 'invalid_username', 'Unknown username. Check again or try your email address.');
    }
    if (normalisePassword(password) !== user.password) {
      throw new WpHttpError(401, 'incorrect_password', 'The provided password is an invalid application password.');
    }
    return user;
  };

  const can = (user: User | null, cap: string) => (user ? ROLE_CAPS[user.role][cap] === true : false);
  const editCap = (type: WpPostType) => (type === 'page' ? 'edit_pages' : type === 'attachment' ? 'upload_files' : 'edit_posts');
  const requireCap = (user: User | null, cap: string, code: string, message: string) => {
    if (!can(user, cap)) throw new WpHttpError(user ? 403 : 401, code, message);
  };

  const typeLabel = (t: WpPostType) => (t === 'attachment' ? 'media' : `${t}s`);

  const listItems = (type: WpPostType, q: Record<string, string>, user: User | null, res: ServerResponse) => {
    const context = (q['context'] ?? 'view') as 'view' | 'edit';
    if (context === 'edit') requireCap(user, editCap(type), 'rest_forbidden_context', `Sorry, you are not allowed to edit ${typeLabel(type)} in this post type.`);
    const perPage = q['per_page'] === undefined ? 10 : Number(q['per_page']);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
      throw new WpHttpError(400, 'rest_invalid_param', 'Invalid parameter(s): per_page', {
        params: { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' },
      });
    }
    const page = q['page'] === undefined ? 1 : Number(q['page']);
    if (!Number.isInteger(page) || page < 1) {
      throw new WpHttpError(400, 'rest_invalid_param', 'Invalid parameter(s): page', { params: { page: 'page must be greater than or equal to 1' } });
    }
    const statuses = (q['status'] ?? (type === 'attachment' ? 'inherit' : 'publish')).split(',');
    if (statuses.some((s) => s !== 'publish' && s !== 'inherit') && !can(user, editCap(type))) {
      throw new WpHttpError(400, 'rest_invalid_param', 'Invalid parameter(s): status', { params: { status: 'Status is forbidden.' } });
    }
    let items = [...posts.values()].filter((p) => p.type === type && statuses.includes(p.status));
    if (q['slug']) {
      const slugs = q['slug'].split(',').map((s) => s.trim());
      items = items.filter((p) => slugs.includes(p.slug));
    }
    if (q['search']) {
      const words = q['search'].toLowerCase().split(/\s+/).filter(Boolean);
      items = items.filter((p) => {
        const hay = `${p.title} ${p.content} ${p.excerpt}`.toLowerCase();
        return words.every((w) => hay.includes(w));
      });
    }
    if (q['parent'] !== undefined) items = items.filter((p) => String(p.parent) === q['parent']);
    const orderby = q['orderby'] ?? (q['search'] ? 'relevance' : 'date');
    const dir = (q['order'] ?? 'desc') === 'asc' ? 1 : -1;
    items.sort((a, b) => {
      const c = orderby === 'id' ? a.id - b.id : orderby === 'title' ? a.title.localeCompare(b.title) : a.date.localeCompare(b.date) || a.id - b.id;
      return c * dir;
    });
    const total = items.length;
    const totalPages = Math.ceil(total / perPage);
    if (page > 1 && page > totalPages) {
      throw new WpHttpError(400, 'rest_post_invalid_page_number', 'The page number requested is larger than the number of pages available.');
    }
    const slice = items.slice((page - 1) * perPage, page * perPage).map((p) => pickFields(toJson(p, context), q['_fields']));
    const links: string[] = [];
    const linkQ = (p: number) => restUrl(`wp/v2/${typeLabel(type)}`, { ...q, page: String(p) });
    if (page > 1) links.push(`<${linkQ(page - 1)}>; rel="prev"`);
    if (page < totalPages) links.push(`<${linkQ(page + 1)}>; rel="next"`);
    send(res, 200, slice, {
      'x-wp-total': String(total),
      'x-wp-totalpages': String(totalPages),
      ...(links.length ? { link: links.join(', ') } : {}),
    });
  };

  const getRecord = (type: WpPostType, id: number): WpRecord => {
    const rec = posts.get(id);
    if (!rec || rec.type !== type) throw new WpHttpError(404, 'rest_post_invalid_id', 'Invalid post ID.');
    return rec;
  };

  const updateItem = (type: WpPostType, id: number, body: Record<string, unknown>, user: User | null): WpRecord => {
    const rec = getRecord(type, id);
    requireCap(user, editCap(type), 'rest_cannot_edit', 'Sorry, you are not allowed to edit this post.');
    const invalid: Record<string, string> = {};
    const text = (name: string): string | undefined => {
      const v = body[name];
      if (v === undefined) return undefined;
      if (typeof v === 'string') return v;
      if (v && typeof v === 'object' && typeof (v as { raw?: unknown }).raw === 'string') return (v as { raw: string }).raw;
      invalid[name] = `${name} is not of type object,string.`;
      return undefined;
    };
    const title = text('title');
    const content = type === 'attachment' ? undefined : text('content');
    const excerpt = type === 'attachment' ? undefined : text('excerpt');
    let altText: string | undefined;
    if (type === 'attachment' && body['alt_text'] !== undefined) {
      if (typeof body['alt_text'] === 'string') altText = body['alt_text'];
      else invalid['alt_text'] = 'alt_text is not of type string.';
    }
    const metaPatch: Record<string, unknown> = {};
    if (body['meta'] !== undefined && type !== 'attachment') {
      const m = body['meta'];
      if (!m || typeof m !== 'object' || Array.isArray(m)) invalid['meta'] = 'meta is not of type object.';
      else {
        for (const [k, v] of Object.entries(m as Record<string, unknown>)) {
          const def = restMeta[k];
          if (!def) continue; // WordPress ignores meta keys not registered for REST.
          if (v === null) {
            metaPatch[k] = undefined;
            continue;
          }
          const ok = def.type === 'array' ? Array.isArray(v) && v.every((x) => typeof x === 'string') : typeof v === 'string';
          if (!ok) invalid['meta'] = `meta.${k} is not of type ${def.type}.`;
          else metaPatch[k] = v;
        }
      }
    }
    if (Object.keys(invalid).length) {
      throw new WpHttpError(400, 'rest_invalid_param', `Invalid parameter(s): ${Object.keys(invalid).join(', ')}`, { params: invalid });
    }
    if (title !== undefined) rec.title = title;
    if (content !== undefined) rec.content = content;
    if (excerpt !== undefined) rec.excerpt = excerpt;
    if (altText !== undefined) rec.altText = stripTags(altText);
    for (const [k, v] of Object.entries(metaPatch)) {
      if (v === undefined) delete rec.meta[k];
      else rec.meta[k] = v;
    }
    rec.modified = now();
    return rec;
  };

  const redirectJson = (r: WpRedirectRecord) => ({
    id: r.id,
    url: r.url,
    match_url: r.url.toLowerCase(),
    match_data: { source: { flag_query: 'exact', flag_case: false, flag_trailing: false, flag_regex: false } },
    action_code: 301,
    action_type: 'url',
    action_data: { url: r.target },
    match_type: 'url',
    title: '',
    hits: 0,
    regex: false,
    group_id: r.groupId,
    position: 0,
    last_access: '-',
    enabled: r.enabled,
  });
  const redirectList = (filterUrl?: string) => {
    const items = [...redirects.values()].filter((r) => !filterUrl || r.url.toLowerCase().includes(filterUrl.toLowerCase()));
    return { items: items.map(redirectJson), total: items.length };
  };
  const readRedirectBody = (body: Record<string, unknown>) => {
    const url = body['url'];
    const data = body['action_data'];
    const target = data && typeof data === 'object' ? (data as { url?: unknown }).url : undefined;
    if (typeof url !== 'string' || url === '' || typeof target !== 'string') {
      throw new WpHttpError(400, 'redirect_create_failed', 'Invalid source or target URL');
    }
    return { url, target, groupId: typeof body['group_id'] === 'number' ? body['group_id'] : 1 };
  };

  const handleApi = async (method: string, route: string, q: Record<string, string>, req: IncomingMessage, res: ServerResponse, user: User | null) => {
    const rawBody = method === 'POST' || method === 'PUT' || method === 'PATCH' ? await readBody(req) : '';
    let body: Record<string, unknown> = {};
    if (rawBody) {
      try {
        const parsed = JSON.parse(rawBody) as unknown;
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
      } catch {
        throw new WpHttpError(400, 'rest_invalid_json', 'Invalid JSON body passed.');
      }
    }
    if (route === '/' || route === '') {
      const namespaces = ['oembed/1.0', 'wp/v2', 'wp-site-health/v1'];
      if (plugins.has('yoast')) namespaces.push('yoast/v1');
      if (plugins.has('rankmath')) namespaces.push('rankmath/v1');
      if (plugins.has('redirection')) namespaces.push('redirection/v1');
      return send(res, 200, {
        // WordPress stores the blog name HTML-escaped and returns it that way.
        name: siteName.replace(/&/g, '&amp;'),
        description: 'Just another WordPress site',
        url: origin,
        home: origin,
        gmt_offset: 0,
        timezone_string: '',
        namespaces,
        authentication: { 'application-passwords': { endpoints: { authorization: `${origin}/wp-admin/authorize-application.php` } } },
        routes: {},
      });
    }
    if (route === '/wp/v2/users/me') {
      if (!user) throw new WpHttpError(401, 'rest_not_logged_in', 'You are not currently logged in.');
      const edit = q['context'] === 'edit';
      return send(res, 200, {
        id: user.id,
        name: user.username,
        slug: user.username,
        link: `${origin}/author/${user.username}/`,
        ...(edit ? { username: user.username, roles: [user.role], capabilities: ROLE_CAPS[user.role] } : {}),
      });
    }
    if (route === '/wp/v2/settings') {
      requireCap(user, 'manage_options', 'rest_forbidden', 'Sorry, you are not allowed to do that.');
      return send(res, 200, {
        title: siteName,
        description: 'Just another WordPress site',
        url: origin,
        show_on_front: opts.frontPageId ? 'page' : 'posts',
        page_on_front: opts.frontPageId ?? 0,
      });
    }
    const coll = /^\/wp\/v2\/(posts|pages|media)$/.exec(route);
    if (coll) {
      const type = COLLECTION[coll[1] ?? ''];
      if (type === undefined) throw new WpHttpError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
      if (method === 'OPTIONS') {
        const metaProps: Record<string, unknown> = {};
        if (type !== 'attachment') {
          for (const [k, d] of Object.entries(restMeta)) {
            metaProps[k] = { type: d.type, ...(d.type === 'array' ? { items: { type: 'string' } } : {}), default: d.default, context: ['view', 'edit'] };
          }
        }
        return send(res, 200, {
          namespace: 'wp/v2',
          methods: ['GET', 'POST'],
          endpoints: [{ methods: ['GET'], args: {} }, { methods: ['POST'], args: {} }],
          schema: {
            $schema: 'http://json-schema.org/draft-04/schema#',
            title: type,
            type: 'object',
            properties: { id: { type: 'integer' }, title: { type: 'object' }, meta: { type: 'object', properties: metaProps } },
          },
        });
      }
      if (method === 'GET') return listItems(type, q, user, res);
      throw new WpHttpError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
    }
    const single = /^\/wp\/v2\/(posts|pages|media)\/(\d+)$/.exec(route);
    if (single) {
      const type = COLLECTION[single[1] ?? ''];
      if (type === undefined) throw new WpHttpError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
      const id = Number(single[2]);
      if (method === 'GET') {
        const rec = getRecord(type, id);
        const context = (q['context'] ?? 'view') as 'view' | 'edit';
        if (context === 'edit') requireCap(user, editCap(type), 'rest_forbidden_context', 'Sorry, you are not allowed to edit this post.');
        if (rec.status !== 'publish' && rec.status !== 'inherit') requireCap(user, editCap(type), 'rest_forbidden', 'Sorry, you are not allowed to do that.');
        return send(res, 200, pickFields(toJson(rec, context), q['_fields']));
      }
      if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
        const rec = updateItem(type, id, body, user);
        return send(res, 200, toJson(rec, 'edit'));
      }
      throw new WpHttpError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
    }
    if (plugins.has('redirection') && route.startsWith('/redirection/v1/')) {
      requireCap(user, 'manage_options', 'rest_forbidden', 'Sorry, you are not allowed to do that.');
      if (route === '/redirection/v1/redirect' && method === 'GET') return send(res, 200, redirectList(q['filterBy[url]']));
      if (route === '/redirection/v1/redirect' && method === 'POST') {
        const r = readRedirectBody(body);
        const id = nextRedirectId++;
        redirects.set(id, { id, url: r.url, target: r.target, enabled: true, groupId: r.groupId });
        return send(res, 200, redirectList());
      }
      const upd = /^\/redirection\/v1\/redirect\/(\d+)$/.exec(route);
      if (upd && method === 'POST') {
        const rec = redirects.get(Number(upd[1]));
        if (!rec) throw new WpHttpError(400, 'redirect_update_failed', 'Invalid redirect detail');
        const r = readRedirectBody(body);
        Object.assign(rec, { url: r.url, target: r.target, groupId: r.groupId });
        return send(res, 200, { item: redirectJson(rec) });
      }
      if (route === '/redirection/v1/bulk/redirect/delete' && method === 'POST') {
        const ids = Array.isArray(body['items']) ? body['items'] : String(q['items'] ?? '').split(',');
        for (const id of ids) redirects.delete(Number(id));
        return send(res, 200, redirectList());
      }
    }
    throw new WpHttpError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
  };

  const handlePublic = (method: string, url: URL, res: ServerResponse) => {
    const path = url.pathname;
    if (plugins.has('redirection')) {
      const r = [...redirects.values()].find((x) => x.enabled && stripSlash(x.url) === stripSlash(path));
      if (r) return send(res, 301, '', { location: new URL(r.target, origin).href, 'x-redirect-by': 'redirection' });
    }
    if (path.startsWith('/wp-content/uploads/')) {
      const file = path.slice('/wp-content/uploads/'.length);
      if ([...posts.values()].some((p) => p.type === 'attachment' && p.file === file)) {
        res.writeHead(200, { 'content-type': 'image/gif', 'content-length': String(TRANSPARENT_GIF.length) });
        return res.end(method === 'HEAD' ? undefined : TRANSPARENT_GIF);
      }
    }
    const p = url.searchParams.get('p') ?? url.searchParams.get('page_id') ?? url.searchParams.get('attachment_id');
    const rec = p
      ? posts.get(Number(p))
      : [...posts.values()].find((x) => (x.status === 'publish' || x.type === 'attachment') && stripSlash(pathOf(x)) === stripSlash(path));
    if (!rec || (rec.status !== 'publish' && rec.type !== 'attachment')) {
      return sendHtml(res, 404, renderPublicPage({ title: `Page not found – ${siteName}`, h1: 'Page not found', robots: 'noindex', headHtml: `<link rel="https://api.w.org/" href="${restRoot()}" />` }), {
        link: `<${restRoot()}>; rel="https://api.w.org/"`,
      });
    }
    const s = seo(rec);
    const html = renderPublicPage({
      title: s.title,
      metaDescription: s.description,
      canonical: s.canonical,
      robots: s.noindex ? 'noindex, follow' : 'index, follow, max-image-preview:large',
      ogTitle: plugins.has('yoast') || plugins.has('rankmath') ? s.ogTitle : null,
      ogDescription: plugins.has('yoast') || plugins.has('rankmath') ? s.ogDescription : null,
      h1: rec.title,
      bodyHtml: rec.type === 'attachment' ? '' : rec.content,
      ...(opts.theme ? { chrome: { ...opts.theme, comments: rec.type === 'post' ? opts.theme.comments : undefined } } : {}),
      images: rec.type === 'attachment' ? [{ src: sourceUrl(rec), alt: rec.altText }] : [],
      jsonLd: plugins.has('yoast') || plugins.has('rankmath') ? [JSON.stringify(jsonLdOf(rec))] : [],
      // As WordPress core does on singular views: the item's REST address and its shortlink.
      headHtml:
        `<link rel="https://api.w.org/" href="${restRoot()}" />` +
        (rec.type === 'attachment' ? '' : `\n<link rel="alternate" type="application/json" href="${restOf(rec)}">\n<link rel='shortlink' href='${origin}/?p=${rec.id}'>`),
    });
    const link = `<${restRoot()}>; rel="https://api.w.org/"${rec.type === 'attachment' ? '' : `, <${restOf(rec)}>; rel="alternate"; type="application/json"`}`;
    sendHtml(res, 200, method === 'HEAD' ? '' : html, { link });
  };

  const listening = await listen(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const q = queryOf(url);
    let route: string | null = null;
    // Without pretty permalinks WordPress has no rewrite rule for /wp-json/: it is an ordinary page.
    if (!plain && (url.pathname === '/wp-json' || url.pathname.startsWith('/wp-json/'))) route = url.pathname.slice('/wp-json'.length) || '/';
    else if (q['rest_route'] !== undefined) route = q['rest_route'] || '/';
    if (route !== null) {
      route = route.length > 1 ? route.replace(/\/+$/, '') : route;
      delete q['rest_route'];
    }
    const record: RecordedRequest = { method, path: url.pathname, query: q, status: 0, principal: null, label: route ?? 'public' };
    requests.push(record);
    res.on('finish', () => {
      record.status = res.statusCode;
    });
    if (route === null) return handlePublic(method, url, res);

    const fault = faults.take({ method, path: url.pathname, label: route });
    if (fault) {
      await readBody(req).catch(() => '');
      return send(res, fault.status, fault.body ?? { code: 'injected_fault', message: 'Injected fault', data: { status: fault.status } }, fault.headers ?? {});
    }
    try {
      // WordPress authenticates before routing, so bad credentials fail every route, even public ones.
      const user = authenticate(req);
      record.principal = user?.username ?? null;
      await handleApi(method, route, q, req, res, user);
    } catch (e) {
      if (e instanceof WpHttpError) {
        return send(res, e.status, { code: e.code, message: e.message, data: { status: e.status, ...e.extra } });
      }
      throw e;
    }
  }, opts.port ?? 0);
  origin = listening.origin;

  return {
    url: origin,
    posts,
    redirects,
    requests,
    inject: (f) => faults.add(f),
    addItem: (type: WpPostType, item: WpSeedItem | WpSeedMedia) => {
      if (item.id !== undefined && posts.has(item.id)) throw new Error(`item ${item.id} exists`);
      return add(type, item);
    },
    editItem: (id, patch) => {
      const rec = posts.get(id);
      if (!rec) throw new Error(`no item ${id}`);
      const { meta, ...rest } = patch;
      Object.assign(rec, rest);
      if (meta) Object.assign(rec.meta, meta);
      rec.modified = now();
    },
    linkOf: (id) => {
      const rec = posts.get(id);
      if (!rec) throw new Error(`no item ${id}`);
      return rec.type === 'attachment' ? sourceUrl(rec) : linkOf(rec);
    },
    close: () => listening.close(),
  };
}

/** WordPress compares application passwords on letters and digits only, case-sensitively. */
function normalisePassword(p: string): string {
  return p.replace(/[^a-z\d]/gi, '');
}

function stripSlash(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}

function stripTags(s: string): string {
  return s.replace(/<[^>]*>/g, '');
}

/** `_fields=a,b.c` keeps only those top-level fields (nested paths keep their top-level parent). */
function pickFields(obj: Record<string, unknown>, fields: string | undefined): Record<string, unknown> {
  if (!fields) return obj;
  const keep = new Set(fields.split(',').map((f) => f.trim().split('.')[0]));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj)) if (keep.has(k)) out[k] = obj[k];
  return out;
}
