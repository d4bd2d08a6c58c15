import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { ConnectionDto } from '../../connections/dto/connection.dto';
import { createTestApp, signUpUser, type TestApp } from '../../testing/test-app';

/** A built dashboard in miniature: the page and one hashed asset, as Vite writes them. */
function fakeDashboard(): string {
  const dir = mkdtempSync(join(tmpdir(), 'seology-dist-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/index-abc.js"></script></head><body><div id="root"></div></body></html>');
  writeFileSync(join(dir, 'assets/index-abc.js'), 'console.log("dashboard");');
  // A file where an API route is: the API must answer, never the dashboard's files.
  mkdirSync(join(dir, 'api'));
  writeFileSync(join(dir, 'api/health'), 'not the health check');
  return dir;
}

function directives(csp: string | undefined): Record<string, string> {
  return Object.fromEntries(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name = '', ...values] = d.split(/\s+/);
        return [name, values.join(' ')];
      }),
  );
}

describe('security headers and CORS (e2e)', () => {
  let t: TestApp;
  let dist: string;

  beforeAll(async () => {
    dist = fakeDashboard();
    t = await createTestApp({ WEB_DIST_DIR: dist, CORS_ORIGINS: 'https://tools.example', SSRF_ALLOW_HOSTS: '127.0.0.1' });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('answers API paths from the API, never from the dashboard files (which are not even looked up)', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.text).not.toContain('not the health check');
    await t.http().get('/assets/index-abc.js').expect(200).expect('Cache-Control', 'public, max-age=3600');
  });

  it('serves the dashboard with a strict CSP: nothing inline, nothing from elsewhere, no framing', async () => {
    for (const path of ['/', '/sites/abc/issues', '/assets/index-abc.js']) {
      const res = await t.http().get(path).expect(200);
      expect(directives(res.headers['content-security-policy'])).toEqual({
        'default-src': "'self'",
        'script-src': "'self'",
        'style-src': "'self'",
        'img-src': "'self' data:",
        'font-src': "'self'",
        'connect-src': "'self'",
        'object-src': "'none'",
        'base-uri': "'none'",
        'form-action': "'self'",
        'frame-ancestors': "'none'",
      });
      expect(res.headers).toMatchObject({
        'x-frame-options': 'DENY',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'strict-origin-when-cross-origin',
        'cross-origin-resource-policy': 'same-origin',
        'cross-origin-opener-policy': 'same-origin',
      });
      // Plain http without a proxy saying otherwise: no HSTS, and no powered-by banner.
      expect(res.headers).not.toHaveProperty('strict-transport-security');
      expect(res.headers).not.toHaveProperty('x-powered-by');
    }
  });

  it('answers the API with a policy that loads nothing, and the JSON still works', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(directives(res.headers['content-security-policy'])).toEqual({ 'default-src': "'none'", 'frame-ancestors': "'none'" });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    const error = await t.http().get('/api/connections').expect(401);
    expect(directives(error.headers['content-security-policy'])['default-src']).toBe("'none'");
  });

  it('serves the OpenAPI docs page and document; only the docs allow Swagger UI its inline styles', async () => {
    const page = await t.http().get('/api/docs/').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const csp = directives(page.headers['content-security-policy']);
    expect(csp['script-src']).toBe("'self'");
    expect(csp['style-src']).toBe("'self' 'unsafe-inline'");
    expect(csp['frame-ancestors']).toBe("'none'");
    // Every script the page loads is a file of the same origin (the policy has no 'unsafe-inline' for scripts).
    expect(page.text).not.toMatch(/<script>(?!\s*<\/script>)/);
    const init = await t.http().get('/api/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toContain('SwaggerUIBundle');
    const document = await t.http().get('/api/openapi.json').expect(200);
    expect((document.body as OpenAPIObject).info.title).toBe('Seology API');
  });

  it("keeps the snippet loadable by customers' sites: CORS *, cross-origin resource policy, caching", async () => {
    const user = await signUpUser(t, 'snippet-headers');
    const connection = (await t.http().post('/api/connections').set(user.auth).send({ siteUrl: 'http://127.0.0.1:9/', platform: 'CUSTOM', executionMode: 'APPROVE' }).expect(201)).body as ConnectionDto;
    const { snippetKey } = await t.prisma.connection.findUniqueOrThrow({ where: { id: connection.id } });
    const res = await t.http().get(`/api/snippet/${snippetKey}.js`).set('Origin', 'https://customer.example').expect(200);
    expect(res.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
      'cache-control': 'public, max-age=300',
      'x-content-type-options': 'nosniff',
    });
    expect(res.headers['content-type']).toMatch(/^application\/javascript/);
    expect(res.headers.etag).toBeTruthy();
    await t.http().get(`/api/snippet/${snippetKey}.js`).set('If-None-Match', res.headers.etag as string).expect(304);
  });

  it('sends HSTS when a trusted proxy (loopback by default) says the request came over https', async () => {
    const res = await t.http().get('/api/health').set('X-Forwarded-Proto', 'https').expect(200);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('lets only the allow-listed origins call the API cross-origin, without credentials', async () => {
    const allowed = await t.http().options('/api/connections').set('Origin', 'https://tools.example').set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://tools.example');
    expect(allowed.headers['access-control-allow-headers']).toMatch(/Authorization/);
    expect(allowed.headers).not.toHaveProperty('access-control-allow-credentials');
    const user = await signUpUser(t, 'cors');
    const call = await t.http().get('/api/connections').set('Origin', 'https://tools.example').set(user.auth).expect(200);
    expect(call.headers['access-control-allow-origin']).toBe('https://tools.example');

    const refused = await t.http().options('/api/connections').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(refused.headers).not.toHaveProperty('access-control-allow-origin');
    const simple = await t.http().get('/api/health').set('Origin', 'https://evil.example').expect(200);
    expect(simple.headers).not.toHaveProperty('access-control-allow-origin');
  });
});

describe('security headers behind https, CORS closed (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    // The environment of the file's first app is still set: clear what it added.
    t = await createTestApp({ APP_URL: 'https://app.seology.test', CORS_ORIGINS: '', WEB_DIST_DIR: '' });
  });
  afterAll(() => t.close());

  it('sends HSTS on every answer and upgrades insecure requests when APP_URL is https', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(directives(res.headers['content-security-policy'])).toHaveProperty('upgrade-insecure-requests');
  });

  it('answers no origin cross-origin when CORS_ORIGINS is empty', async () => {
    const preflight = await t.http().options('/api/connections').set('Origin', 'https://tools.example').set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers).not.toHaveProperty('access-control-allow-origin');
    const get = await t.http().get('/api/health').set('Origin', 'https://tools.example').expect(200);
    expect(get.headers).not.toHaveProperty('access-control-allow-origin');
  });
});
