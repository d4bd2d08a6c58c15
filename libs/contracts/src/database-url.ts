/** Splits a postgres:// URL into the discrete fields the pg adapter wants. */
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
  const url = new URL(databaseUrl);
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new Error(`DATABASE_URL must start with postgresql:// (got ${url.protocol}//)`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) throw new Error('DATABASE_URL names no database');
  return {
    host: url.hostname || '127.0.0.1',
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username || 'postgres'),
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database,
  };
}
