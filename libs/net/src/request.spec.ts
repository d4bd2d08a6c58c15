import * as zlib from 'node:zlib';
import { fetch as undiciFetch } from 'undici';
import { createSafeDispatcher, RequestError, resolveAndCheck, safeRequest, SsrfError, STRICT_POLICY, type LookupFn } from './index';
import { startServer, type LocalServer } from './testing/local-server';

const allowLocal = { allowHosts: ['127.0.0.1'] };

/** What the /echo route answers (see the server below). */
interface EchoedAuth {
  method: string;
  body: string;
  auth: string | null;
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe('safeRequest against a local server', () => {
  let server: LocalServer;
  let trap: LocalServer;

  beforeAll(async () => {
    // The trap stands in for an internal service: any connection to it is an SSRF.
    trap = await startServer((_req, res) => res.end('internal secrets'), '127.0.0.2');
    server = await startServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      switch (u.pathname) {
        case '/hello':
          res.setHeader('content-type', 'text/plain');
          res.setHeader('x-multi', ['a', 'b']);
          res.end('hello world');
          return;
        case '/to-private':
          res.writeHead(302, { location: 'http://10.0.0.1/' }).end();
          return;
        case '/to-mapped-metadata':
          res.writeHead(301, { location: 'http://[::ffff:169.254.169.254]/latest/meta-data/' }).end();
          return;
        case '/to-trap':
          res.writeHead(307, { location: `${trap.origin}/steal` }).end();
          return;
        case '/to-decimal-loopback':
          res.writeHead(302, { location: `http://2130706434:${trap.port}/` }).end();
          return;
        case '/to-file':
          res.writeHead(302, { location: 'file:///etc/passwd' }).end();
          return;
        case '/chain': {
          const n = Number(u.searchParams.get('n'));
          if (n > 0) res.writeHead(301, { location: `/chain?n=${n - 1}` }).end();
          else res.end('end of chain');
          return;
        }
        case '/loop-a':
          res.writeHead(302, { location: '/loop-b' }).end();
          return;
        case '/loop-b':
          res.writeHead(302, { location: '/loop-a' }).end();
          return;
        case '/post-303':
          res.writeHead(303, { location: '/echo' }).end();
          return;
        case '/post-307':
          res.writeHead(307, { location: '/echo' }).end();
          return;
        case '/echo': {
          const chunks: Buffer[] = [];
          req.on('data', (c: Buffer) => chunks.push(c));
          req.on('end', () => res.end(JSON.stringify({ method: req.method, body: Buffer.concat(chunks).toString(), auth: req.headers.authorization ?? null })));
          return;
        }
        case '/cross-origin':
          res.writeHead(302, { location: `http://localhost:${server.port}/echo` }).end();
          return;
        case '/hang':
          return; // never answers
        case '/drip':
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.write('x');
          return; // headers and a byte, then silence
        case '/big': {
          res.writeHead(200, { 'content-type': 'application/octet-stream' });
          const chunk = Buffer.alloc(64 * 1024, 97);
          let sent = 0;
          const pump = () => {
            while (sent < 20 * 1024 * 1024) {
              sent += chunk.length;
              if (!res.write(chunk)) return void res.once('drain', pump);
            }
            res.end();
          };
          res.on('close', () => ((res as unknown as { sentBytes: number }).sentBytes = sent));
          bigSent.push(() => sent);
          pump();
          return;
        }
        case '/gzip':
          res.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync('gzip body ' + 'z'.repeat(1000)));
          return;
        case '/br':
          res.writeHead(200, { 'content-encoding': 'br' }).end(zlib.brotliCompressSync('brotli body'));
          return;
        case '/deflate':
          res.writeHead(200, { 'content-encoding': 'deflate' }).end(zlib.deflateSync('zlib deflate body'));
          return;
        case '/deflate-raw':
          res.writeHead(200, { 'content-encoding': 'deflate' }).end(zlib.deflateRawSync('raw deflate body'));
          return;
        case '/bomb':
          // 50 MB of zeros compresses to ~50 KB; the cap must apply to the decoded size.
          res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb);
          return;
        case '/bad-gzip':
          res.writeHead(200, { 'content-encoding': 'gzip' }).end(Buffer.from('definitely not gzip'));
          return;
        default:
          res.writeHead(404).end('not found');
      }
    });
  });
  const bigSent: Array<() => number> = [];
  const bomb = zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024));

  afterAll(async () => {
    await server.close();
    await trap.close();
  });

  it('fetches from an allow-listed local server and flattens headers', async () => {
    const res = await safeRequest(`${server.origin}/hello`, { policy: allowLocal });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('hello world');
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.headers['x-multi']).toBe('a, b');
    expect(res.redirects).toEqual([]);
    expect(res.url).toBe(`${server.origin}/hello`);
  });

  it('refuses the same server without an allow-list entry, before connecting', async () => {
    const before = server.connections;
    const err = await rejection(safeRequest(`${server.origin}/hello`));
    expect(err).toBeInstanceOf(SsrfError);
    expect(err.message).toBe('127.0.0.1 is a loopback address; refused');
    expect(server.connections).toBe(before);
  });

  it('refuses a redirect hop to http://10.0.0.1/ and records the hop', async () => {
    const err = (await rejection(safeRequest(`${server.origin}/to-private`, { policy: allowLocal }))) as SsrfError;
    expect(err).toBeInstanceOf(SsrfError);
    expect(err.details.addressClass).toBe('private');
    expect(err.redirects).toEqual([{ url: `${server.origin}/to-private`, status: 302, location: 'http://10.0.0.1/' }]);
  });

  it('refuses a redirect hop to a mapped-IPv6 metadata address', async () => {
    const err = (await rejection(safeRequest(`${server.origin}/to-mapped-metadata`, { policy: allowLocal }))) as SsrfError;
    expect(err).toBeInstanceOf(SsrfError);
    expect(err.details.addressClass).toBe('metadata');
  });

  it('never connects to an internal host reached through a redirect (plain or decimal spelling)', async () => {
    for (const path of ['/to-trap', '/to-decimal-loopback']) {
      const err = await rejection(safeRequest(`${server.origin}${path}`, { policy: allowLocal }));
      expect(err).toBeInstanceOf(SsrfError);
      expect((err as SsrfError).details.address).toBe('127.0.0.2');
    }
    expect(trap.connections).toBe(0);
  });

  it('refuses a redirect to a non-http scheme', async () => {
    const err = (await rejection(safeRequest(`${server.origin}/to-file`, { policy: allowLocal }))) as SsrfError;
    expect(err.code).toBe('unsupported-protocol');
  });

  it('follows a redirect chain by hand and records every hop', async () => {
    const res = await safeRequest(`${server.origin}/chain?n=3`, { policy: allowLocal });
    expect(res.body.toString()).toBe('end of chain');
    expect(res.redirects.map((h) => [h.status, new URL(h.location).search])).toEqual([
      [301, '?n=2'],
      [301, '?n=1'],
      [301, '?n=0'],
    ]);
    expect(res.url).toBe(`${server.origin}/chain?n=0`);
  });

  it('stops after maxRedirects', async () => {
    const err = (await rejection(safeRequest(`${server.origin}/chain?n=20`, { policy: allowLocal, maxRedirects: 4 }))) as RequestError;
    expect(err).toBeInstanceOf(RequestError);
    expect(err.code).toBe('too-many-redirects');
    expect(err.redirects).toHaveLength(5);
  });

  it('detects a redirect loop', async () => {
    const err = (await rejection(safeRequest(`${server.origin}/loop-a`, { policy: allowLocal }))) as RequestError;
    expect(err.code).toBe('redirect-loop');
    expect(err.redirects.map((h) => new URL(h.url).pathname)).toEqual(['/loop-a', '/loop-b']);
  });

  it('returns the 3xx itself in manual mode', async () => {
    const res = await safeRequest(`${server.origin}/chain?n=1`, { policy: allowLocal, redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/chain?n=0');
  });

  it('turns POST into GET on 303 and keeps method and body on 307', async () => {
    const a = await safeRequest(`${server.origin}/post-303`, { policy: allowLocal, method: 'POST', body: 'payload' });
    expect(JSON.parse(a.body.toString())).toMatchObject({ method: 'GET', body: '' });
    const b = await safeRequest(`${server.origin}/post-307`, { policy: allowLocal, method: 'POST', body: 'payload' });
    expect(JSON.parse(b.body.toString())).toMatchObject({ method: 'POST', body: 'payload' });
  });

  it('drops credentials when a redirect changes origin', async () => {
    const lookup: LookupFn = () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
    const policy = { allowHosts: ['127.0.0.1', 'localhost'] };
    const res = await safeRequest(`${server.origin}/cross-origin`, { policy, lookup, headers: { Authorization: 'Bearer secret' } });
    expect((JSON.parse(res.body.toString()) as EchoedAuth).auth).toBeNull();
    const same = await safeRequest(`${server.origin}/echo`, { policy, headers: { Authorization: 'Bearer secret' } });
    expect((JSON.parse(same.body.toString()) as EchoedAuth).auth).toBe('Bearer secret');
  });

  it('times out a server that never answers', async () => {
    const t0 = Date.now();
    const err = (await rejection(safeRequest(`${server.origin}/hang`, { policy: allowLocal, timeoutMs: 300 }))) as RequestError;
    expect(err).toBeInstanceOf(RequestError);
    expect(err.code).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('times out a body that stalls after the headers', async () => {
    const err = (await rejection(safeRequest(`${server.origin}/drip`, { policy: allowLocal, timeoutMs: 300 }))) as RequestError;
    expect(err.code).toBe('timeout');
  });

  it('honours an external abort signal', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const err = (await rejection(safeRequest(`${server.origin}/hang`, { policy: allowLocal, signal: ac.signal }))) as RequestError;
    expect(err.code).toBe('aborted');
  });

  it('stops reading at maxBytes: error by default, truncated body on request', async () => {
    const err = (await rejection(safeRequest(`${server.origin}/big`, { policy: allowLocal, maxBytes: 100_000 }))) as RequestError;
    expect(err.code).toBe('too-large');
    const res = await safeRequest(`${server.origin}/big`, { policy: allowLocal, maxBytes: 100_000, onTooLarge: 'truncate' });
    expect(res.truncated).toBe(true);
    expect(res.body.length).toBe(100_000);
    await new Promise((r) => setTimeout(r, 100));
    // The server could not push the whole 20 MB: the client stopped reading and closed the socket.
    for (const sent of bigSent) expect(sent()).toBeLessThan(20 * 1024 * 1024);
  });

  it('decodes gzip, brotli, zlib deflate and raw deflate', async () => {
    expect((await safeRequest(`${server.origin}/gzip`, { policy: allowLocal })).body.toString()).toBe('gzip body ' + 'z'.repeat(1000));
    expect((await safeRequest(`${server.origin}/br`, { policy: allowLocal })).body.toString()).toBe('brotli body');
    expect((await safeRequest(`${server.origin}/deflate`, { policy: allowLocal })).body.toString()).toBe('zlib deflate body');
    expect((await safeRequest(`${server.origin}/deflate-raw`, { policy: allowLocal })).body.toString()).toBe('raw deflate body');
    expect(server.requests.at(-1)?.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('caps the decoded size of a decompression bomb', async () => {
    const res = await safeRequest(`${server.origin}/bomb`, { policy: allowLocal, maxBytes: 1_000_000, onTooLarge: 'truncate' });
    expect(res.truncated).toBe(true);
    expect(res.bytes).toBe(1_000_000);
  });

  it('reports a corrupt compressed body as a decode error', async () => {
    const err = (await rejection(safeRequest(`${server.origin}/bad-gzip`, { policy: allowLocal }))) as RequestError;
    expect(err.code).toBe('decode');
  });

  it('skips the body when shouldReadBody says so', async () => {
    const res = await safeRequest(`${server.origin}/big`, { policy: allowLocal, shouldReadBody: (_s, h) => h['content-type'] === 'text/html' });
    expect(res.status).toBe(200);
    expect(res.bytes).toBe(0);
  });
});

describe('safe dispatcher: DNS rebinding and connect-time checks', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startServer((req, res) => res.end(`host=${req.headers.host}`));
  });
  afterAll(() => server.close());

  it('a lookup answering public for the check and private afterwards never leads to a private connect', async () => {
    let calls = 0;
    const rebinding: LookupFn = () => {
      calls++;
      return Promise.resolve([{ address: calls === 1 ? '93.184.216.34' : '127.0.0.1', family: 4 }]);
    };
    const connects: string[] = [];
    const dispatcher = createSafeDispatcher(STRICT_POLICY, { lookup: rebinding, onConnect: (c) => connects.push(c.address) });
    const url = `http://rebind.example:${server.port}/`;
    await expect(resolveAndCheck(url, STRICT_POLICY, { lookup: rebinding })).resolves.toMatchObject({ addresses: ['93.184.216.34'] });
    const err = await rejection(undiciFetch(url, { dispatcher }));
    const root = (err as Error & { cause?: unknown }).cause ?? err;
    expect(root).toBeInstanceOf(SsrfError);
    expect((root as SsrfError).message).toBe('rebind.example resolves to 127.0.0.1, a loopback address; refused');
    expect(connects).toEqual([]);
    expect(server.connections).toBe(0);
    await dispatcher.close();
  });

  it('safeRequest with a rebinding resolver: the pre-check passes, the connect-time check refuses', async () => {
    let calls = 0;
    const rebinding: LookupFn = () => Promise.resolve([{ address: ++calls === 1 ? '93.184.216.34' : '127.0.0.1', family: 4 }]);
    const err = await rejection(safeRequest(`http://rebind2.example:${server.port}/`, { lookup: rebinding, timeoutMs: 2000 }));
    expect(err).toBeInstanceOf(SsrfError);
    expect(calls).toBe(2);
    expect(server.connections).toBe(0);
  });

  it('connects to exactly the address it checked and sends the original Host', async () => {
    let calls = 0;
    const lookup: LookupFn = () => {
      calls++;
      return Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
    };
    const connects: string[] = [];
    const dispatcher = createSafeDispatcher({ allowHosts: ['app.test'] }, { lookup, onConnect: (c) => connects.push(c.address) });
    const res = await undiciFetch(`http://app.test:${server.port}/`, { dispatcher });
    expect(await res.text()).toBe(`host=app.test:${server.port}`);
    const before = server.connections - connects.length;
    for (let i = 0; i < 5; i++) await (await undiciFetch(`http://app.test:${server.port}/again`, { dispatcher })).text();
    // Keep-alive reuses sockets; every socket opened was resolved once and went to the checked address.
    expect(connects.length).toBeLessThanOrEqual(2);
    expect(new Set(connects)).toEqual(new Set(['127.0.0.1']));
    expect(calls).toBe(connects.length);
    expect(server.connections - before).toBe(connects.length);
    await dispatcher.close();
  });

  it('checks IP-literal hosts at connect time too (Node would skip the lookup for them)', async () => {
    const before = server.connections;
    const dispatcher = createSafeDispatcher(STRICT_POLICY);
    const err = await rejection(undiciFetch(`http://0x7f.1:${server.port}/`, { dispatcher }));
    expect(((err as Error & { cause?: unknown }).cause ?? err)).toBeInstanceOf(SsrfError);
    expect(server.connections).toBe(before);
    await dispatcher.close();
  });

  it('refuses when one of several resolved addresses is private', async () => {
    const lookup: LookupFn = () =>
      Promise.resolve([
        { address: '93.184.216.34', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ]);
    const before = server.connections;
    const err = await rejection(safeRequest(`http://multi.example:${server.port}/`, { lookup }));
    expect(err).toBeInstanceOf(SsrfError);
    expect(server.connections).toBe(before);
  });
});

describe('safe dispatcher: multiple checked addresses', () => {
  it('falls back to the next checked address when the first refuses the connection', async () => {
    const server = await startServer((_req, res) => res.end('second address'));
    // Nothing listens on 127.0.0.3 at that port, so the first address refuses the connection.
    const lookup: LookupFn = () =>
      Promise.resolve([
        { address: '127.0.0.3', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ]);
    const attempts: string[] = [];
    const dispatcher = createSafeDispatcher({ allowHosts: ['two.test'] }, { lookup, onConnect: (c) => attempts.push(c.address) });
    const res = await undiciFetch(`http://two.test:${server.port}/`, { dispatcher });
    expect(await res.text()).toBe('second address');
    expect(attempts).toEqual(['127.0.0.3', '127.0.0.1']);
    await dispatcher.close();
    await server.close();
  });
});
