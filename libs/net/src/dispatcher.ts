import type { Agent, buildConnector } from 'undici';
import { undici } from './undici-lazy';
import { parseHostStrict } from './host';
import type { SsrfPolicy } from './policy';
import { resolveTarget, systemLookup, type LookupFn } from './resolve';

const RETRY_NEXT = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT']);

export interface SafeDispatcherOptions {
  /** Maximum sockets per origin (keep-alive pool size). Default 8. */
  connections?: number;
  /** Idle keep-alive sockets are closed after this long. Default 10 s. */
  keepAliveTimeoutMs?: number;
  /** TCP/TLS connect timeout. Default 10 s. */
  connectTimeoutMs?: number;
  /** Time allowed to receive response headers. Default 30 s. */
  headersTimeoutMs?: number;
  /** Maximum idle time between body chunks. Default 30 s. */
  bodyTimeoutMs?: number;
  /** DNS resolution used for the connect-time check; defaults to the system resolver. */
  lookup?: LookupFn;
  /** Set false only for tests against self-signed certificates. */
  rejectUnauthorized?: boolean;
  /** Called with the exact address each new socket is opened to (observability and tests). */
  onConnect?: (info: { hostname: string; address: string; port: number; protocol: string }) => void;
}

/**
 * An undici Agent whose connector resolves the host itself, checks every address against the
 * policy and then opens the socket to that already-checked address. Nothing resolves the name a
 * second time, so a DNS answer that changes between check and connect (rebinding) cannot redirect
 * the connection. IP-literal hosts go through the same check (Node never calls a lookup for them).
 * TLS still verifies the certificate against the original host name (SNI and identity check).
 */
export function createSafeDispatcher(policy: SsrfPolicy, opts: SafeDispatcherOptions = {}): Agent {
  const lookup = opts.lookup ?? systemLookup;
  const base = undici().buildConnector({
    timeout: opts.connectTimeoutMs ?? 10_000,
    keepAlive: true,
    ...(opts.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
  });
  const connect: buildConnector.connector = (options, callback) => {
    let target;
    try {
      target = parseHostStrict(options.hostname);
    } catch (e) {
      callback(e as Error, null);
      return;
    }
    resolveTarget(target, policy, lookup).then(
      (addresses) => {
        const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
        // Every address was checked above; on a refused/unreachable one, the next is tried, as a
        // browser would (e.g. "localhost" answering ::1 first for a server bound to 127.0.0.1).
        const attempt = (i: number) => {
          const address = addresses[i];
          // resolveTarget answers at least one address or throws; guard anyway rather than connect to nothing.
          if (address === undefined) return callback(new Error(`${target.hostname}: no checked address to connect to`), null);
          opts.onConnect?.({ hostname: target.hostname, address, port, protocol: options.protocol });
          // `host` keeps the original name so the connector derives SNI and certificate checks from it.
          base({ ...options, hostname: address, host: options.host ?? `${options.hostname}:${port}` }, (...args) => {
            const err: NodeJS.ErrnoException | null = args[0];
            if (err && i + 1 < addresses.length && RETRY_NEXT.has(err.code ?? '')) return attempt(i + 1);
            callback(...args);
          });
        };
        attempt(0);
      },
      (err: Error) => callback(err, null),
    );
  };
  return new (undici().Agent)({
    connect,
    connections: opts.connections ?? 8,
    pipelining: 1,
    keepAliveTimeout: opts.keepAliveTimeoutMs ?? 10_000,
    keepAliveMaxTimeout: Math.max(opts.keepAliveTimeoutMs ?? 10_000, 60_000),
    headersTimeout: opts.headersTimeoutMs ?? 30_000,
    bodyTimeout: opts.bodyTimeoutMs ?? 30_000,
  });
}
