import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { systemLookup, type LookupFn, type SsrfPolicy } from '@seology/net';

const SITE_DIR = resolve(__dirname, 'fixture-site');
const REPO_ROOT = resolve(__dirname, '../../../..');

/** Host name the fixture is served under (the test lookup resolves it to loopback; the policy allows only it). */
export const FIXTURE_HOST = 'spa.test';
/** A name that resolves to loopback and is NOT allowed: a DNS-rebinding stand-in. */
export const REBIND_HOST = 'internal.test';

export interface LoggedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
}

export interface InternalServer {
  port: number;
  /** Everything the internal server received: must stay empty when rendering is safe. */
  requests: LoggedRequest[];
}

export interface RenderFixtureSite {
  /** http://spa.test:<port> */
  origin: string;
  port: number;
  /** Resolves spa.test and internal.test to 127.0.0.1, anything else through the system. */
  lookup: LookupFn;
  /** Allows the fixture host only: loopback by IP, localhost and internal.test stay refused. */
  policy: SsrfPolicy;
  /** Every request the fixture site received, in order. */
  requests: LoggedRequest[];
  /** A server on loopback the /internal page tries to reach (pass its port as ?port=). */
  internal: InternalServer;
  /** Most /api/slow requests that were open at once. */
  peakSlow(): number;
  /** Paths requested so far that match the pattern. */
  requested(pattern: RegExp): string[];
  close(): Promise<void>;
}

export interface FixtureSiteOptions {
  /** Pages /gen/1 … /gen/N (benchmarks). Default 200. */
  generatedPages?: number;
  /** Listen address. Default 127.0.0.1. */
  host?: string;
  /** Serve /sitemap.xml listing these paths (a crawler finds the pages without rendering). Default: no sitemap. */
  sitemapPaths?: string[];
  /** Body of /robots.txt. Default: allow everything. */
  robotsTxt?: string;
}

function sourceHash(): string {
  const hash = createHash('sha1');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else hash.update(name).update(readFileSync(full));
    }
  };
  walk(SITE_DIR);
  return hash.digest('hex').slice(0, 12);
}

/** Builds the React app with Vite once per source version (about a second) and returns the output directory. */
export function buildRenderFixture(): string {
  const out = join(tmpdir(), `seology-render-fixture-${sourceHash()}`);
  if (existsSync(join(out, 'index.html'))) return out;
  const staging = mkdtempSync(join(tmpdir(), 'seology-render-fixture-build-'));
  execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(SITE_DIR, 'vite.config.mjs')], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'production', RENDER_FIXTURE_OUT: staging, RENDER_FIXTURE_CACHE: join(staging, '.vite-cache') },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  rmSync(join(staging, '.vite-cache'), { recursive: true, force: true });
  try {
    renameSync(staging, out);
  } catch {
    // Another process built it meanwhile.
    rmSync(staging, { recursive: true, force: true });
  }
  return out;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.html': 'text/html; charset=utf-8' };

function listen(server: http.Server, host: string): Promise<number> {
  return new Promise((resolveListen) => server.listen(0, host, () => resolveListen((server.address() as AddressInfo).port)));
}

/**
 * Serves the built SPA (every unknown path gets index.html, as SPA hosts do) plus the endpoints its
 * pages call: /api/products, /api/hang (never answered), /api/tick, /api/slow?ms=, and images, fonts
 * and media (so a test can see whether they were requested). Also starts the "internal" server.
 */
export async function startRenderFixtureSite(options: FixtureSiteOptions = {}): Promise<RenderFixtureSite> {
  const dist = buildRenderFixture();
  const generated = options.generatedPages ?? 200;
  const host = options.host ?? '127.0.0.1';
  const index = readFileSync(join(dist, 'index.html'), 'utf8').replace('<head>', `<head><script>window.__FIXTURE_GENERATED__ = ${generated};</script>`);
  const requests: LoggedRequest[] = [];
  const hanging = new Set<http.ServerResponse>();
  let slowOpen = 0;
  let slowPeak = 0;

  const site = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fixture');
    const path = url.pathname;
    requests.push({ method: req.method ?? '', path: `${path}${url.search}`, headers: req.headers });
    if (path.startsWith('/assets/')) {
      const file = join(dist, path);
      if (!file.startsWith(join(dist, 'assets')) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(readFileSync(file));
      return;
    }
    if (path === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(options.robotsTxt ?? 'User-agent: *\nAllow: /\n');
      return;
    }
    if (path === '/sitemap.xml' && options.sitemapPaths) {
      const origin = `http://${req.headers.host ?? `${FIXTURE_HOST}:${port}`}`;
      const urls = options.sitemapPaths.map((p) => `<url><loc>${origin}${p}</loc></url>`).join('');
      res.writeHead(200, { 'content-type': 'application/xml' }).end(`<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls}</urlset>`);
      return;
    }
    if (path === '/api/products') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(['widget', 'gadget', 'gizmo']));
      return;
    }
    if (path === '/api/hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (path === '/api/tick') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('tick');
      return;
    }
    if (path === '/api/slow') {
      slowOpen++;
      slowPeak = Math.max(slowPeak, slowOpen);
      const ms = Math.min(10_000, Number(url.searchParams.get('ms') ?? '300') || 300);
      setTimeout(() => {
        slowOpen--;
        res.writeHead(200, { 'content-type': 'text/plain' }).end(`answered after ${ms} ms`);
      }, ms);
      return;
    }
    if (path.startsWith('/img/') || path.startsWith('/fonts/') || path.startsWith('/media/')) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.alloc(1024));
      return;
    }
    if (path === '/sitemap.xml' || path === '/llms.txt' || path.startsWith('/favicon')) {
      res.writeHead(404).end();
      return;
    }
    const gen = /^\/gen\/(\d+)$/.exec(path);
    const known = ['/', '/products', '/products/widget', '/products/gadget', '/products/gizmo', '/about', '/throws', '/never-settles', '/internal', '/media', '/crash', '/loop', '/slow'];
    const found = known.includes(path) || (gen !== null && Number(gen[1]) >= 1 && Number(gen[1]) <= generated);
    res.writeHead(found ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(index);
  });

  const internalRequests: LoggedRequest[] = [];
  const internal = http.createServer((req, res) => {
    internalRequests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' }).end('internal secret');
  });
  internal.on('upgrade', (req, socket) => {
    internalRequests.push({ method: 'UPGRADE', path: req.url ?? '', headers: req.headers });
    socket.destroy();
  });

  const port = await listen(site, host);
  const internalPort = await listen(internal, '127.0.0.1');
  const lookup: LookupFn = async (hostname) => {
    const h = hostname.toLowerCase();
    if (h === FIXTURE_HOST || h === REBIND_HOST) return [{ address: '127.0.0.1', family: 4 }];
    return systemLookup(hostname);
  };
  return {
    origin: `http://${FIXTURE_HOST}:${port}`,
    port,
    lookup,
    policy: { allowHosts: [FIXTURE_HOST] },
    requests,
    internal: { port: internalPort, requests: internalRequests },
    peakSlow: () => slowPeak,
    requested: (pattern) => requests.map((r) => r.path).filter((p) => pattern.test(p)),
    close: async () => {
      for (const res of hanging) res.destroy();
      await Promise.all(
        [site, internal].map(
          (s) =>
            new Promise<void>((done) => {
              s.closeAllConnections();
              s.close(() => done());
            }),
        ),
      );
    },
  };
}
