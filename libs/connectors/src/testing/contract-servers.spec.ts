/**
 * The contract servers stand in for WordPress and Shopify in every connector test, so their own
 * answers are pinned here against the documented shapes.
 */
import { startShopifyContractServer, startWordPressContractServer, type ShopifyContractServer, type WordPressContractServer } from './index';
import { parse, type OperationDefinitionNode } from 'graphql';
import { parseAndValidate, queryCost } from './shopify-admin-schema';

const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

describe('WordPress contract server', () => {
  let wp: WordPressContractServer;
  const admin = basic('admin', 'aaaa bbbb cccc dddd eeee ffff');
  beforeAll(async () => {
    wp = await startWordPressContractServer({
      plugins: ['yoast'],
      users: [
        { username: 'admin', applicationPassword: 'aaaa bbbb cccc dddd eeee ffff' },
        { username: 'sub', applicationPassword: 'gggg hhhh iiii jjjj kkkk llll', role: 'subscriber' },
      ],
      posts: Array.from({ length: 5 }, (_, i) => ({ id: i + 1, slug: `post-${i + 1}`, title: `Post ${i + 1}`, date: `2024-01-0${i + 1}T00:00:00` })),
    });
  });
  afterAll(() => wp.close());

  const api = (path: string, init: RequestInit = {}) => fetch(`${wp.url}/wp-json${path}`, init);

  it('paginates with X-WP-Total, X-WP-TotalPages and Link', async () => {
    const res = await api('/wp/v2/posts?per_page=2&page=2&orderby=id&order=asc');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-wp-total')).toBe('5');
    expect(res.headers.get('x-wp-totalpages')).toBe('3');
    expect(res.headers.get('link')).toMatch(/[?&]page=1[&>].*rel="prev", <.*[?&]page=3[&>].*rel="next"/);
    expect(((await res.json()) as Array<{ id: number }>).map((p) => p.id)).toEqual([3, 4]);
  });

  it('answers documented error bodies', async () => {
    const cases: Array<[Promise<Response>, number, string]> = [
      [api('/wp/v2/posts?per_page=500'), 400, 'rest_invalid_param'],
      [api('/wp/v2/posts?page=9'), 400, 'rest_post_invalid_page_number'],
      [api('/wp/v2/posts/999'), 404, 'rest_post_invalid_id'],
      [api('/wp/v2/nope'), 404, 'rest_no_route'],
      [api('/wp/v2/users/me'), 401, 'rest_not_logged_in'],
      [api('/wp/v2/posts/1', { method: 'POST', body: '{"title":"x"}', headers: { 'content-type': 'application/json' } }), 401, 'rest_cannot_edit'],
      [api('/wp/v2/posts/1', { method: 'POST', body: '{"title":"x"}', headers: { 'content-type': 'application/json', authorization: basic('sub', 'gggghhhhiiiijjjjkkkkllll') } }), 403, 'rest_cannot_edit'],
      [api('/wp/v2/posts', { headers: { authorization: basic('admin', 'wrong') } }), 401, 'incorrect_password'],
      [api('/wp/v2/posts', { headers: { authorization: basic('nobody', 'x') } }), 401, 'invalid_username'],
      [
        api('/wp/v2/posts/1', { method: 'POST', body: '{"meta":{"_yoast_wpseo_title":5}}', headers: { 'content-type': 'application/json', authorization: admin } }),
        400,
        'rest_invalid_param',
      ],
    ];
    for (const [pending, status, code] of cases) {
      const res = await pending;
      const body = (await res.json()) as { code: string; message: string; data: { status: number } };
      expect([res.status, body.code, body.data.status]).toEqual([status, code, status]);
      expect(typeof body.message).toBe('string');
    }
    const invalid = (await (await api('/wp/v2/posts?per_page=500')).json()) as { data: { params: Record<string, string> } };
    expect(invalid.data.params).toEqual({ per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' });
  });

  it('serves the raw fields only with context=edit, and the ?rest_route= form of the API', async () => {
    const view = (await (await api('/wp/v2/posts/1')).json()) as { title: { raw?: string; rendered: string } };
    expect(view.title.raw).toBeUndefined();
    const edit = (await (await api('/wp/v2/posts/1?context=edit', { headers: { authorization: admin } })).json()) as { title: { raw: string }; meta: Record<string, unknown> };
    expect(edit.title.raw).toBe('Post 1');
    expect(edit.meta).toHaveProperty('_yoast_wpseo_title', '');
    const plain = await fetch(`${wp.url}/?rest_route=/wp/v2/posts/2`);
    expect(((await plain.json()) as { id: number }).id).toBe(2);
  });

  it('renders the public page of a post at its permalink', async () => {
    wp.editItem(1, { meta: { _yoast_wpseo_metadesc: 'Desc & more' } });
    const res = await fetch(wp.linkOf(1));
    const html = await res.text();
    expect(wp.linkOf(1)).toBe(`${wp.url}/2024/01/post-1/`);
    expect(html).toContain('<title>Post 1 – Contract Test Site</title>');
    expect(html).toContain('<meta name="description" content="Desc &amp; more">');
    expect(html).toContain('<script type="application/ld+json">');
  });
});

describe('Shopify contract server', () => {
  let shop: ShopifyContractServer;
  beforeAll(async () => {
    shop = await startShopifyContractServer({
      accessToken: 'tok',
      throttle: { maximumAvailable: 100, restoreRate: 10 },
      products: Array.from({ length: 3 }, (_, i) => ({ id: i + 1, handle: `p${i + 1}`, title: `P${i + 1}` })),
    });
  });
  afterAll(() => shop.close());

  const gql = async (query: string, variables: Record<string, unknown> = {}, token = 'tok') => {
    const res = await fetch(shop.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-shopify-access-token': token }, body: JSON.stringify({ query, variables }) });
    return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown>; errors?: unknown; extensions?: { cost: Record<string, unknown> } } };
  };

  it('rejects a wrong token with 401 and Shopify\'s body', async () => {
    const r = await gql('{ shop { name } }', {}, 'bad');
    expect(r).toEqual({ status: 401, body: { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' } });
  });

  it('reports requested and actual cost with the throttle status', async () => {
    const r = await gql('query Q($n: Int!) { products(first: $n) { edges { cursor node { id title } } pageInfo { hasNextPage endCursor } } }', { n: 10 });
    expect(r.body.extensions?.cost).toMatchObject({ requestedQueryCost: 12, actualQueryCost: 5, throttleStatus: { maximumAvailable: 100, restoreRate: 10 } });
    const conn = r.body.data?.['products'] as { edges: Array<{ cursor: string }>; pageInfo: { hasNextPage: boolean } };
    expect(conn.edges).toHaveLength(3);
    expect(conn.pageInfo.hasNextPage).toBe(false);
  });

  it('pages with after: endCursor', async () => {
    const q = 'query Q($after: String) { products(first: 2, after: $after) { nodes { handle } pageInfo { hasNextPage endCursor } } }';
    const first = (await gql(q)).body.data?.['products'] as { nodes: Array<{ handle: string }>; pageInfo: { hasNextPage: boolean; endCursor: string } };
    expect([first.nodes.map((n) => n.handle), first.pageInfo.hasNextPage]).toEqual([['p1', 'p2'], true]);
    const second = (await gql(q, { after: first.pageInfo.endCursor })).body.data?.['products'] as { nodes: Array<{ handle: string }>; pageInfo: { hasNextPage: boolean } };
    expect([second.nodes.map((n) => n.handle), second.pageInfo.hasNextPage]).toEqual([['p3'], false]);
  });

  it('fails validation for fields the schema does not have, like the real API', async () => {
    const r = await gql('{ shop { name nonsense } }');
    expect(r.body.data).toBeUndefined();
    expect(r.body.errors).toEqual([expect.objectContaining({ message: "Field 'nonsense' doesn't exist on type 'Shop'", extensions: expect.objectContaining({ code: 'undefinedField' }) as unknown })]);
  });

  it('returns userErrors for invalid mutations', async () => {
    const m = 'mutation M($r: UrlRedirectInput!) { urlRedirectCreate(urlRedirect: $r) { urlRedirect { id } userErrors { field message code } } }';
    await gql(m, { r: { path: '/a', target: '/b' } });
    const dup = await gql(m, { r: { path: '/a', target: '/c' } });
    expect(dup.body.data?.['urlRedirectCreate']).toEqual({ urlRedirect: null, userErrors: [{ field: ['path'], message: 'Path has already been taken', code: 'TAKEN' }] });
  });

  it('answers THROTTLED with the documented shape once the bucket is empty', async () => {
    const small = await startShopifyContractServer({ accessToken: 'tok', throttle: { maximumAvailable: 5, restoreRate: 1 } });
    try {
      const call = () =>
        fetch(small.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-shopify-access-token': 'tok' }, body: JSON.stringify({ query: '{ products(first: 3) { nodes { id } } }' }) }).then(
          (r) => r.json() as Promise<{ errors?: Array<{ extensions: { code: string } }>; extensions: { cost: { requestedQueryCost: number; throttleStatus: { currentlyAvailable: number } } } }>,
        );
      const ok = await call();
      expect(ok.errors).toBeUndefined();
      const throttled = await call();
      expect(throttled.errors?.[0]?.extensions.code).toBe('THROTTLED');
      expect(throttled.extensions.cost.requestedQueryCost).toBe(5);
      expect(throttled.extensions.cost.throttleStatus.currentlyAvailable).toBeLessThan(5);
      expect(small.stats.throttled).toBe(1);
    } finally {
      await small.close();
    }
  });
});

describe('Shopify Admin schema (graphql-js)', () => {
  const operationOf = (query: string) => parse(query).definitions[0] as OperationDefinitionNode;

  it('accepts the documents the connector sends: aliases, fragments, variables with defaults', () => {
    const checked = parseAndValidate(`
      # a comment
      query Q($id: ID!, $n: Int = 5) { a: product(id: $id) { ...F ... on Product { id } media(first: $n) { nodes { ... on MediaImage { alt } } } } s: shop { name } }
      fragment F on Product { title }
    `, null);
    expect(checked).toMatchObject({ ok: true, parsed: { operation: { name: { value: 'Q' } } } });
  });

  it('prices connections by page size and mutations at 10 plus payload', () => {
    const q = '{ products(first: 50) { edges { node { id seo { title } } } } }';
    expect(queryCost(parse(q), operationOf(q), {})).toBe(2 + 50 * 2);
    const m = 'mutation { productUpdate(product: {id: "x"}) { product { id } userErrors { field } } }';
    expect(queryCost(parse(m), operationOf(m), {})).toBe(10 + 1 + 1 + 1);
  });

  it('reports syntax errors with a position, and arguments the field does not take as Shopify words them', () => {
    expect(parseAndValidate('{ shop { name }', null)).toEqual({ ok: false, errors: [{ message: 'Parse error on "Syntax Error: Expected Name, found <EOF>."', locations: [{ line: 1, column: 16 }], extensions: { code: 'PARSE_ERROR' } }] });
    expect(parseAndValidate('{ shop(id: 1) { name } }', null)).toMatchObject({ ok: false, errors: [{ message: "Field 'shop' doesn't accept argument 'id'", extensions: { code: 'argumentNotAccepted' } }] });
  });
});
