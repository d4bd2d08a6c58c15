/**
 * Splits a postgres:// URL into the discrete fields the pg adapter wants. A `?host=` parameter wins
 * over the URL's host, as in libpq: `postgresql://app@/seology?host=/var/run/postgresql` is the unix
 * socket in that directory (pg connects to a socket when host starts with `/`).
 */
export function pgConnectionFields(databaseUrl: string | undefined): {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
} {
  if (!databaseUrl) {
    throw new Error('DATABASE_URL is not set (expected postgresql://user:password@host:port/database)');
  }
  // libpq accepts `user@/db` (no host, given by ?host=); WHATWG URL does not, so a placeholder stands in.
  const url = new URL(databaseUrl.replace(/^(postgres(?:ql)?:\/\/[^/@]*@)\//, '$1localhost/'));
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new Error(`DATABASE_URL must start with postgresql:// (got ${url.protocol}//)`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) throw new Error('DATABASE_URL names no database');
  return {
    host: url.searchParams.get('host') || url.hostname || '127.0.0.1',
    port: Number(url.searchParams.get('port') || url.port || 5432),
    user: decodeURIComponent(url.username || 'postgres'),
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database,
  };
}
