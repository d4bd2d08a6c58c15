/**
 * The benchmark site, run in its own process (forked by run.ts) so its CPU and memory are not
 * counted against the crawler. Pages are generated on request from their number.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generatePage, type SiteShape } from './site-generator';

export interface ServerStats {
  requests: number;
  pages: number;
  images: number;
  bytes: number;
  connections: number;
}

export function startBenchServer(pages: number, port = 0): Promise<{ port: number; stats: ServerStats; close: () => void }> {
  const stats: ServerStats = { requests: 0, pages: 0, images: 0, bytes: 0, connections: 0 };
  let shape: SiteShape;
  const png = Buffer.alloc(2048, 1);
  // Strings go to the socket as they are (no intermediate Buffer copy): the server shares the
  // machine's cores with the crawler, so its own overhead is kept small.
  const send = (res: http.ServerResponse, status: number, type: string, body: string | Buffer, head = false) => {
    const length = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
    res.writeHead(status, { 'content-type': type, 'content-length': String(length), 'cache-control': 'max-age=600' });
    res.end(head ? undefined : body);
    stats.bytes += head ? 0 : length;
  };
  const server = http.createServer((req, res) => {
    stats.requests++;
    const url = req.url ?? '/';
    const head = req.method === 'HEAD';
    let m: RegExpExecArray | null = /^\/p\/(\d+)$/.exec(url);
    if (url === '/' || m) {
      const n = m ? Number(m[1]) : 0;
      if (n >= pages) return send(res, 404, 'text/html; charset=utf-8', '<html><head><title>Not found</title></head><body>Not found</body></html>', head);
      stats.pages++;
      return send(res, 200, 'text/html; charset=utf-8', generatePage(shape, n), head);
    }
    if (url.startsWith('/img/')) {
      stats.images++;
      return send(res, 200, 'image/png', png, head);
    }
    if (url.startsWith('/ext/')) return send(res, 200, 'text/html', '<html><head><title>Partner</title></head><body>partner</body></html>', head);
    if ((m = /^\/old\/(\d+)$/.exec(url))) {
      res.writeHead(301, { location: `/p/${m[1]}`, 'content-length': '0' }).end();
      return;
    }
    if (url === '/robots.txt') return send(res, 200, 'text/plain', `User-agent: *\nDisallow: /private/\n\nSitemap: ${shape.origin}/sitemap.xml\n`, head);
    if (url === '/llms.txt') return send(res, 200, 'text/plain', '# Bench Shop\n> A generated shop used for benchmarks.\n', head);
    if (url === '/sitemap.xml') {
      const files = Math.ceil(pages / 50_000);
      let xml = '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">';
      for (let i = 0; i < files; i++) xml += `<sitemap><loc>${shape.origin}/sitemap-${i}.xml</loc></sitemap>`;
      return send(res, 200, 'application/xml', `${xml}</sitemapindex>`, head);
    }
    if ((m = /^\/sitemap-(\d+)\.xml$/.exec(url))) {
      const start = Number(m[1]) * 50_000;
      const parts = ['<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'];
      for (let n = start; n < Math.min(pages, start + 50_000); n++) parts.push(`<url><loc>${n === 0 ? `${shape.origin}/` : `${shape.origin}/p/${n}`}</loc></url>`);
      parts.push('</urlset>');
      return send(res, 200, 'application/xml', parts.join(''), head);
    }
    return send(res, 404, 'text/html; charset=utf-8', '<html><head><title>Not found</title></head><body>Not found</body></html>', head);
  });
  server.keepAliveTimeout = 30_000;
  server.on('connection', () => stats.connections++);
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const p = (server.address() as AddressInfo).port;
      shape = { pages, origin: `http://127.0.0.1:${p}`, externalOrigin: `http://localhost:${p}`, imagePool: 1000, externalPool: 200, targetBytes: 90 * 1024 };
      resolve({ port: p, stats, close: () => server.close() });
    });
  });
}
