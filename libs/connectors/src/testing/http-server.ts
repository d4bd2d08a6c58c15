import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  status: number;
  /** Authenticated user or token label, null when anonymous or refused. */
  principal: string | null;
  /** Free-form label for what the request was (WordPress route, GraphQL operation name). */
  label: string;
}

/** A canned answer replacing the next matching requests (rate limits, outages, odd bodies). */
export interface InjectedFault {
  status: number;
  headers?: Record<string, string>;
  /** Object bodies are sent as JSON, strings as they are. */
  body?: unknown;
  /** How many matching requests get this answer. Default 1. */
  times?: number;
  /** Only requests for which this returns true are affected. Default: every API request. */
  match?: (req: { method: string; path: string; label: string }) => boolean;
}

export class FaultQueue {
  private readonly faults: Array<InjectedFault & { left: number }> = [];
  add(f: InjectedFault): void {
    this.faults.push({ ...f, left: f.times ?? 1 });
  }
  take(req: { method: string; path: string; label: string }): InjectedFault | null {
    const i = this.faults.findIndex((f) => f.left > 0 && (!f.match || f.match(req)));
    if (i < 0) return null;
    const f = this.faults[i];
    if (f === undefined) return null;
    f.left--;
    if (f.left <= 0) this.faults.splice(i, 1);
    return f;
  }
  clear(): void {
    this.faults.length = 0;
  }
}

export interface Listening {
  server: Server;
  /** "http://127.0.0.1:PORT" without a trailing slash. */
  origin: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts a server on 127.0.0.1, on an ephemeral port unless one is given (the local demo site uses a
 * fixed one); handler errors become 500s instead of hanging. The handler may be sync or async.
 */
export async function listen(handler: (req: IncomingMessage, res: ServerResponse) => unknown, port = 0): Promise<Listening> {
  const server = createServer((req, res) => {
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((e: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`contract server error: ${(e as Error)?.stack ?? String(e)}`);
        } else res.destroy();
      });
  });
  // Keep-alive sockets from clients would otherwise hold close() open until they time out.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    server,
    origin: `http://127.0.0.1:${bound}`,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export async function readBody(req: IncomingMessage, limit = 5 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const isText = typeof body === 'string';
  const payload = body === undefined ? '' : isText ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
    ...headers,
    'content-length': String(Buffer.byteLength(payload)),
  });
  res.end(payload);
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers, 'content-length': String(Buffer.byteLength(html)) });
  res.end(html);
}

export function queryOf(url: URL): Record<string, string> {
  const q: Record<string, string> = {};
  url.searchParams.forEach((v, k) => {
    q[k] = v;
  });
  return q;
}
