import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Hit {
  method: string;
  path: string;
  at: number;
  headers: http.IncomingHttpHeaders;
}

export type Route =
  | string
  | { status?: number; headers?: Record<string, string | string[]>; body?: string | Buffer }
  | ((req: http.IncomingMessage, res: http.ServerResponse, site: TestSite) => void);

export interface TestSite {
  origin: string;
  port: number;
  hits: Hit[];
  connections: number;
  /** Hits for a path (path+query as requested). */
  hitsFor(path: string): Hit[];
  paths(): string[];
  close(): Promise<void>;
}

/** A real HTTP site on 127.0.0.1: routes by path+query (then by path), 404 otherwise; records every request. */
export async function startSite(routes: Record<string, Route>, host = '127.0.0.1'): Promise<TestSite> {
  const hits: Hit[] = [];
  const counter = { connections: 0 };
  // Assigned once the server listens; the request handler closes over it.
  // eslint-disable-next-line prefer-const
  let site: TestSite;
  const server = http.createServer((req, res) => {
    const full = req.url ?? '/';
    const path = full.split('?')[0] ?? full;
    hits.push({ method: req.method ?? 'GET', path: full, at: Date.now(), headers: req.headers });
    const route = routes[full] ?? routes[path];
    if (route === undefined) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><head><title>Not found</title></head><body>nope</body></html>');
      return;
    }
    if (typeof route === 'function') return route(req, res, site);
    if (typeof route === 'string') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(route);
      return;
    }
    res.writeHead(route.status ?? 200, route.headers ?? { 'content-type': 'text/html; charset=utf-8' });
    res.end(req.method === 'HEAD' ? undefined : route.body);
  });
  server.on('connection', () => counter.connections++);
  await new Promise<void>((r) => server.listen(0, host, r));
  const port = (server.address() as AddressInfo).port;
  site = {
    origin: `http://${host}:${port}`,
    port,
    hits,
    get connections() {
      return counter.connections;
    },
    hitsFor: (p) => hits.filter((h) => h.path === p),
    paths: () => hits.map((h) => h.path),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  return site;
}

/** A small HTML page with a title and the given links. */
export function page(title: string, links: string[] = [], extra = ''): string {
  return `<!doctype html><html><head><title>${title}</title></head><body><h1>${title}</h1>${links.map((l) => `<a href="${l}">${l}</a>`).join('')}${extra}</body></html>`;
}
