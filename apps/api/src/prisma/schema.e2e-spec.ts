import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { pgConnectionFields } from '@seology/contracts';
import { createTestDatabase } from '@seology/scripts/test-database';
import { verifySchema } from '@seology/scripts/verify-schema';

const root = resolve(__dirname, '../../../..');

/** Everything about a database's structure that Prisma's schema describes, as comparable text. */
async function describeStructure(url: string): Promise<Record<string, string[]>> {
  const client = new Client(pgConnectionFields(url));
  await client.connect();
  try {
    const q = async (sql: string) => (await client.query(sql)).rows.map((r: Record<string, unknown>) => Object.values(r).join(' | ')).sort();
    return {
      columns: await q(`SELECT table_name, column_name, data_type, udt_name, is_nullable, coalesce(column_default, '') FROM information_schema.columns
                        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`),
      indexes: await q(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`),
      enums: await q(`SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid`),
      constraints: await q(`SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
                            WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'`),
    };
  } finally {
    await client.end();
  }
}

describe('database schema', () => {
  const dbs: { drop: () => Promise<void> }[] = [];
  afterAll(() => Promise.all(dbs.map((d) => d.drop())));

  it('the migrations produce exactly the database that schema.prisma describes', async () => {
    const migrated = await createTestDatabase();
    const fromSchema = await createTestDatabase();
    dbs.push(migrated, fromSchema);
    const sql = execFileSync(resolve(root, 'node_modules/.bin/prisma'), ['migrate', 'diff', '--from-empty', '--to-schema-datamodel', 'prisma/schema.prisma', '--script'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: fromSchema.url },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Rebuild the second database from the schema file alone (dropping what the template put there).
    const client = new Client(pgConnectionFields(fromSchema.url));
    await client.connect();
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    await client.query(sql);
    await client.end();
    const [a, b] = await Promise.all([describeStructure(migrated.url), describeStructure(fromSchema.url)]);
    expect(a).toEqual(b);
  });

  it('the newest migration snapshot is the current schema (run npm run db:migration -- <name> after editing it)', () => {
    expect(readFileSync(resolve(root, 'prisma/migrations/schema.snapshot.prisma'), 'utf8')).toBe(readFileSync(resolve(root, 'prisma/schema.prisma'), 'utf8'));
  });

  it('the live, migrated database has every model, enum, index, unique constraint and cascade of the brief', async () => {
    const db = await createTestDatabase();
    dbs.push(db);
    expect(await verifySchema(db.url)).toEqual([]);
  });

  it('the verifier notices what is missing', async () => {
    const db = await createTestDatabase();
    dbs.push(db);
    const client = new Client(pgConnectionFields(db.url));
    await client.connect();
    await client.query('DROP INDEX "Job_status_priority_idx"; ALTER TABLE "Notification" DROP COLUMN "icon"; DROP TABLE "CSRFToken";');
    await client.end();
    expect(await verifySchema(db.url)).toEqual(
      expect.arrayContaining(['missing table CSRFToken', 'missing column Notification.icon', 'missing index Job(status, priority)']),
    );
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit log in the database itself', async () => {
    const db = await createTestDatabase();
    dbs.push(db);
    const client = new Client(pgConnectionFields(db.url));
    await client.connect();
    try {
      await client.query(`INSERT INTO "AuditLog" (id, seq, action, "prevHash", hash) VALUES ('a1', 1, 'test', '0', 'h')`);
      await expect(client.query(`UPDATE "AuditLog" SET action = 'forged'`)).rejects.toThrow(/append-only: UPDATE refused/);
      await expect(client.query(`DELETE FROM "AuditLog"`)).rejects.toThrow(/append-only: DELETE refused/);
      await expect(client.query(`TRUNCATE "AuditLog"`)).rejects.toThrow(/append-only: TRUNCATE refused/);
      expect((await client.query('SELECT action FROM "AuditLog"')).rows).toEqual([{ action: 'test' }]);
    } finally {
      await client.end();
    }
  });
});
