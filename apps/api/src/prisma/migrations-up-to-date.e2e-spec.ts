import { Client } from 'pg';
import { pgConnectionFields } from '@seology/contracts';
import { migrationsUpToDate } from '@seology/scripts/db';
import { createTestDatabase } from '@seology/scripts/test-database';

/** `npm start` skips `prisma migrate deploy` only when this says the database has nothing to apply. */
describe('migrationsUpToDate (the start-up skip)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: Client;
  beforeEach(async () => {
    db = await createTestDatabase();
    client = new Client(pgConnectionFields(db.url));
    await client.connect();
  });
  afterEach(async () => {
    await client.end();
    await db.drop();
  });
  const newest = async () => (await client.query<{ migration_name: string }>('SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1')).rows[0]!.migration_name;

  it('is true for a database migrated with every migration', async () => {
    await expect(migrationsUpToDate(db.url)).resolves.toBe(true);
  });

  it('is false when a migration has not been applied', async () => {
    await client.query('DELETE FROM _prisma_migrations WHERE migration_name = $1', [await newest()]);
    await expect(migrationsUpToDate(db.url)).resolves.toBe(false);
  });

  it('is false when an applied migration file was edited since (checksum differs)', async () => {
    await client.query("UPDATE _prisma_migrations SET checksum = repeat('0', 64) WHERE migration_name = $1", [await newest()]);
    await expect(migrationsUpToDate(db.url)).resolves.toBe(false);
  });

  it('is false while a migration is failed or half-applied, so Prisma reports it', async () => {
    await client.query(
      "INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES ('failed-one', repeat('1', 64), '29990101000000_broken', now(), 0)",
    );
    await expect(migrationsUpToDate(db.url)).resolves.toBe(false);
  });

  it('is false for a database without the migrations table', async () => {
    await client.query('DROP TABLE _prisma_migrations');
    await expect(migrationsUpToDate(db.url)).resolves.toBe(false);
  });
});
