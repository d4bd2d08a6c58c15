import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
import { pgConnectionFields } from './libs/contracts/src/database-url';

// The native schema engine cannot be downloaded on our build machines, so the CLI runs the
// WebAssembly engine through the pg driver adapter. The connection is passed as separate fields
// (not a connection string) because the adapter creates its shadow database by overriding
// `database`, which a connection string would shadow.
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'node scripts/run-ts.js prisma/seed.ts' },
  // Built inside the promise, as an async function would: a missing or malformed DATABASE_URL rejects
  // the promise the CLI awaits instead of throwing where the factory is called.
  adapter: () => new Promise((resolve) => resolve(new PrismaPg(pgConnectionFields(process.env.DATABASE_URL)))),
});
