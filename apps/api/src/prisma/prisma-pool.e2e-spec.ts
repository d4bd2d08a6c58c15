import { Prisma } from '@prisma/client';
import { loadConfig } from '../config/app-config';
import { createTestEnv, type TestEnv } from '../testing/test-app';
import { PrismaService } from './prisma.service';

describe('PrismaService raw statements (e2e, real Postgres)', () => {
  let env: TestEnv;
  let prisma: PrismaService;

  beforeAll(async () => {
    env = await createTestEnv();
    prisma = new PrismaService(loadConfig());
  });
  afterAll(async () => {
    await prisma?.onModuleDestroy();
    await env?.close();
  });

  it('survives the server closing its idle connections (a restart or an administrator) and answers the next statement', async () => {
    const backend = async () => (await prisma.rows<{ pid: number }>(Prisma.sql`SELECT pg_backend_pid() AS pid`))[0]!.pid;
    const before = await backend();
    // Ends the pool's idle connection from outside, as a Postgres restart does; unhandled, pg's 'error' event would crash the process.
    const ended = await env.prisma.$queryRaw<{ ended: boolean }[]>`SELECT pg_terminate_backend(${before}::int) AS ended`;
    expect(ended[0]!.ended).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await backend();
    expect(after).not.toBe(before);
  });
});
