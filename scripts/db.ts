/**
 * Database tooling that works offline (see prisma/README.md):
 *   db.ts prepare             create the database named by DATABASE_URL if missing, apply migrations
 *                             (skipped when every migration is already applied, unchanged)
 *   db.ts new-migration NAME  write prisma/migrations/<ts>_<NAME>/migration.sql from the schema change
 *   db.ts check-snapshot      exit 1 when schema.prisma changed without a migration
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { pgConnectionFields } from '../libs/contracts/src/database-url';

const root = path.resolve(__dirname, '..');
const schemaPath = path.join(root, 'prisma/schema.prisma');
const migrationsDir = path.join(root, 'prisma/migrations');
// The schema as of the newest migration: the next migration is the diff from it to schema.prisma.
const snapshotPath = path.join(migrationsDir, 'schema.snapshot.prisma');
const prismaBin = path.join(root, 'node_modules/.bin/prisma');

export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const fields = pgConnectionFields(databaseUrl);
  const admin = new Client({ ...fields, database: 'postgres' });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [fields.database]);
    if (found.rowCount) return false;
    await admin.query(`CREATE DATABASE "${fields.database.replace(/"/g, '""')}"`);
    return true;
  } finally {
    await admin.end();
  }
}

function prisma(args: string[], env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync(prismaBin, args, { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function migrateDeploy(databaseUrl: string): void {
  prisma(['migrate', 'deploy'], { ...process.env, DATABASE_URL: databaseUrl });
}

/**
 * True when the database has every migration in prisma/migrations applied, finished and with the
 * checksum of the file as it is now, and no failed or half-applied one. `prisma migrate deploy`
 * answers the same question, but its process then stays alive for 10 s (a timer the WebAssembly
 * schema engine leaves behind, and the pg pool's idle timeout), which every start paid. Anything
 * unusual (no migrations table, a failed row, an edited file) returns false so Prisma decides.
 */
export async function migrationsUpToDate(databaseUrl: string): Promise<boolean> {
  const local = fs.readdirSync(migrationsDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  const client = new Client(pgConnectionFields(databaseUrl));
  await client.connect();
  try {
    const table = await client.query<{ name: string | null }>("SELECT to_regclass('public._prisma_migrations') AS name");
    if (!table.rows[0]?.name) return false;
    const rows = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations',
    );
    if (rows.rows.some((row) => row.finished_at === null && row.rolled_back_at === null)) return false;
    const applied = new Map(rows.rows.filter((row) => row.finished_at !== null && row.rolled_back_at === null).map((row) => [row.migration_name, row.checksum]));
    return local.every((name) => {
      const sql = fs.readFileSync(path.join(migrationsDir, name, 'migration.sql'));
      return applied.get(name) === createHash('sha256').update(sql).digest('hex');
    });
  } finally {
    await client.end();
  }
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

async function newMigration(name: string): Promise<void> {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) {
    throw new Error('migration name must be snake_case in the past tense, e.g. added_scopes_to_api_keys');
  }
  const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/seology_dev';
  await ensureDatabase(databaseUrl);
  const from = fs.existsSync(snapshotPath)
    ? ['--from-schema-datamodel', snapshotPath]
    : ['--from-empty'];
  const sql = prisma(['migrate', 'diff', ...from, '--to-schema-datamodel', schemaPath, '--script'], {
    ...process.env,
    DATABASE_URL: databaseUrl,
  });
  if (!/^(CREATE|ALTER|DROP)/m.test(sql)) {
    console.log('schema.prisma matches the newest migration: nothing to write.');
    return;
  }
  const dir = path.join(migrationsDir, `${timestamp()}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'migration.sql'), sql);
  fs.copyFileSync(schemaPath, snapshotPath);
  console.log(`wrote ${path.relative(root, dir)}/migration.sql; apply it with npm run db:migrate`);
}

async function main(): Promise<void> {
  const [command, arg] = process.argv.slice(2);
  switch (command) {
    case 'prepare': {
      const databaseUrl = process.env.DATABASE_URL;
      if (!databaseUrl) throw new Error('DATABASE_URL is not set');
      const created = await ensureDatabase(databaseUrl);
      const name = pgConnectionFields(databaseUrl).database;
      if (!created && (await migrationsUpToDate(databaseUrl))) {
        console.log(`database ${name} is up to date`);
        return;
      }
      migrateDeploy(databaseUrl);
      console.log(`database ${name} ${created ? 'created and ' : ''}migrated`);
      return;
    }
    case 'new-migration':
      if (!arg) throw new Error('usage: npm run db:migration -- <name_in_past_tense>');
      return newMigration(arg);
    case 'check-snapshot':
      if (fs.readFileSync(schemaPath, 'utf8') !== fs.readFileSync(snapshotPath, 'utf8')) {
        console.error('prisma/schema.prisma changed without a migration: run npm run db:migration -- <name>');
        process.exit(1);
      }
      return;
    default:
      throw new Error('usage: db.ts prepare | new-migration <name> | check-snapshot');
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
