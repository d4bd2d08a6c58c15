import { Socket, type AddressInfo } from 'node:net';
import { formatFigures, runSecuritySweeps, type SweepReports } from '@seology/scripts/security/sweeps';
import type { OpenApiDocument } from '@seology/scripts/security/fuzz';
import { sweepTenancy } from '@seology/scripts/security/tenancy-sweep';
import type { ConnectionDto } from '../connections/dto/connection.dto';
import { createTestApp, signUpUser, teardown, type TestApp } from '../testing/test-app';

/**
 * The repository's security sweeps (scripts/security) against a real app, reduced: the fuzz over every
 * fifth operation (malformed-input.e2e-spec runs all of it), the cross-tenant sweep and the SSRF corpus
 * in full, private and metadata ranges included. Every outgoing TCP connection of this process is
 * watched: the SSRF targets must be refused by the guard before anything connects, so a connection
 * toward one is refused here, before it leaves the process, and reported.
 */
describe('security sweeps (e2e)', () => {
  let t: TestApp;
  let baseUrl: string;
  let reports: SweepReports;
  const attempted: string[] = [];
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to put the prototype back, and called with .apply(this) while watched
  const connect = Socket.prototype.connect;
  // Postgres, Redis and the app's own port are the only places this process may connect to.
  const allowedPorts = new Set<number>([5432, 6379]);

  jest.setTimeout(240_000);

  beforeAll(async () => {
    // One allow-listed loopback address, as an operator with one local site would set it: the victim's
    // site. It must not widen to the rest of 127/8 or to other spellings of loopback.
    // Billing on (with secrets no Stripe knows), as in malformed-input.e2e-spec, so its routes parse what they get.
    t = await createTestApp({ SSRF_ALLOW_HOSTS: '127.0.0.77', STRIPE_SECRET_KEY: 'sk_test_fuzz', STRIPE_WEBHOOK_SECRET: 'whsec_fuzz' });
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    baseUrl = `http://127.0.0.1:${port}`;
    allowedPorts.add(port);
    Socket.prototype.connect = function watched(this: Socket, ...args: unknown[]) {
      // net.connect() hands over [options, callback] already normalised; direct callers pass (options) or (port, host).
      const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
      const options = (typeof first === 'object' && first !== null ? first : { port: first, host: args[1] }) as { port?: number | string; host?: string; path?: string };
      if (!options.path && !(allowedPorts.has(Number(options.port)) && ['127.0.0.1', 'localhost', '::1', undefined].includes(options.host))) {
        attempted.push(`${options.host ?? '?'}:${options.port ?? '?'}`);
        process.nextTick(() => this.destroy(new Error('connection refused by the test: SSRF target')));
        return this;
      }
      return (connect as (...a: unknown[]) => Socket).apply(this, args);
    };
    // Private and metadata targets too: the watch above refuses any connection before it leaves this process.
    reports = await runSecuritySweeps({ baseUrl, siteUrl: 'http://127.0.0.77:9/', fuzzEvery: 5, includePrivateSsrf: true });
    console.log(formatFigures(reports));
  });
  afterAll(() => teardown([
    ['connect', () => {
      Socket.prototype.connect = connect;
      return Promise.resolve();
    }],
    ['app', () => t?.close()],
  ]));

  it('sets up the victim\'s resources it sweeps over', () => {
    expect(reports.setupProblems).toEqual([]);
  });

  it('fuzz: no 5xx and every refused input in the common error body', () => {
    expect(reports.fuzz.requests).toBeGreaterThan(100);
    expect(reports.fuzz.findings).toEqual([]);
  });

  it('tenancy: another user\'s ids in every path leak nothing and answer no 2xx', () => {
    expect(reports.tenancy.requests).toBeGreaterThan(50);
    expect(reports.tenancy.leaks).toEqual([]);
    expect(reports.tenancy.errors).toEqual([]);
  });

  it('tenancy: the sweep does see a leak where there is one (the owner\'s own ids, as a control)', async () => {
    const owner = await signUpUser(t, 'control');
    const site = (await t.http().post('/api/connections').set(owner.auth).send({ siteUrl: 'http://127.0.0.77:9/', platform: 'CUSTOM', displayName: 'control-marker' }).expect(201)).body as ConnectionDto;
    const doc = (await t.http().get('/api/openapi.json').expect(200)).body as OpenApiDocument;
    const own = await sweepTenancy(baseUrl, doc, owner.auth, { connection: site.id }, ['control-marker']);
    expect(own.leaks.map((l) => `${l.method} ${l.path}`)).toContain(`GET /api/connections/${site.id}`);
  });

  it('SSRF: every target refused with 400, and nothing connected toward one', () => {
    expect(reports.ssrf.requests).toBeGreaterThan(200);
    expect({ accepted: reports.ssrf.accepted, inconclusive: reports.ssrf.inconclusive, errors: reports.ssrf.errors }).toEqual({ accepted: [], inconclusive: [], errors: [] });
    expect(reports.ssrf.refused).toBe(reports.ssrf.requests);
    expect(attempted).toEqual([]);
  });

  it('the watch itself works: a direct fetch toward a private address is stopped before it leaves, and recorded', async () => {
    const before = attempted.length;
    await fetch('http://10.255.0.1:81/', { signal: AbortSignal.timeout(2_000) }).catch(() => undefined);
    expect(attempted.slice(before)).toEqual(['10.255.0.1:81']);
  });
});
