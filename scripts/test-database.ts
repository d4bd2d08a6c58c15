/**
 * Test databases: one migrated template per migration set (named by a hash of prisma/migrations),
 * and one throw-away copy per test file made with CREATE DATABASE ... TEMPLATE (a few ms), so test
 * files never share data with each other or with the running app.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { pgConnectionFields } from '../libs/contracts/src/database-url';
import { ensureDatabase, migrateDeploy } from './db';

const root = path.resolve(__dirname, '..');
export const TEST_PG_BASE = process.env.TEST_DATABASE_BASE_URL ?? 'postgresql://postgres@127.0.0.1:5432';

function migrationsHash(): string {
  const dir = path.join(root, 'prisma/migrations');
  const hash = createHash('sha1');
  for (const entry of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, entry, 'migration.sql');
    if (fs.existsSync(file)) hash.update(entry).update(fs.readFileSync(file));
  }
  return hash.digest('hex').slice(0, 12);
}

export function templateName(): string {
  return `seology_test_tpl_${migrationsHash()}`;
}

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ ...pgConnectionFields(`${TEST_PG_BASE}/postgres`) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates and migrates the template once; concurrent callers wait on an advisory lock. */
export async function ensureTemplateDatabase(): Promise<string> {
  const name = templateName();
  await admin(async (client) => {
    await client.query('SELECT pg_advisory_lock(727274)');
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount) return;
      const building = `${name}_building`;
      await client.query(`DROP DATABASE IF EXISTS "${building}"`);
      await ensureDatabase(`${TEST_PG_BASE}/${building}`);
      migrateDeploy(`${TEST_PG_BASE}/${building}`);
      await client.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
      // Templates of older migration sets are dead weight.
      const old = await client.query("SELECT datname FROM pg_database WHERE datname LIKE 'seology_test_tpl_%' AND datname <> $1", [name]);
      for (const row of old.rows as { datname: string }[]) {
        await client.query(`DROP DATABASE IF EXISTS "${row.datname}"`).catch(() => undefined);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(727274)');
    }
  });
  return name;
}

export async function createTestDatabase(): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const template = await ensureTemplateDatabase();
  const name = `seology_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    name,
    url: `${TEST_PG_BASE}/${name}`,
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** Removes databases left behind by test runs that were killed before cleaning up (older than an hour). */
export async function dropStaleTestDatabases(): Promise<void> {
  await admin(async (client) => {
    const rows = await client.query("SELECT datname FROM pg_database WHERE datname LIKE 'seology_t_%'");
    const cutoff = Date.now() - 3_600_000;
    for (const { datname } of rows.rows as { datname: string }[]) {
      const created = parseInt(datname.split('_')[2] ?? '', 36);
      if (Number.isFinite(created) && created < cutoff) {
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
      }
    }
  });
}
