/**
 * The middle test tier (`*.int-spec.ts`): the product's services with their real repositories on a
 * private Postgres database and Redis key prefix, without HTTP and without queue processors. A test
 * calls a service or a job handler directly and reads the database; jobs the services enqueue stay
 * queued (nothing runs them), so each step happens when the test says so.
 */
import { Module, type INestApplicationContext, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { JobPayloads, JobTypeName } from '@seology/contracts';
import { randomBytes } from 'node:crypto';
import type { Actor } from '../common/decorators/auth.decorators';
import type { JobContext } from '../jobs/job-handler.decorator';
import { createTestEnv, teardown, type TestEnv } from './test-app';

export interface ServiceContext extends TestEnv {
  services: INestApplicationContext;
  get<T>(type: Type<T>): T;
  /** A new user with this plan, and the actor its requests would carry. */
  createUser(plan?: 'FREE' | 'PRO' | 'AGENCY'): Promise<Actor>;
}

export async function createServiceContext(overrides: Record<string, string> = {}): Promise<ServiceContext> {
  const env = await createTestEnv(overrides);
  // Imported after the environment is set: modules read configuration when they are created.
  const { CoreModule } = await import('../core.module');
  const { FEATURE_MODULES } = await import('../app.module');
  @Module({ imports: [CoreModule, ...FEATURE_MODULES] })
  class ServicesModule {}
  let services: INestApplicationContext;
  try {
    services = await NestFactory.createApplicationContext(ServicesModule, { logger: ['error'] });
  } catch (error) {
    await env.close();
    throw error;
  }
  return {
    ...env,
    services,
    get: <T>(type: Type<T>) => services.get(type),
    async createUser(plan = 'PRO') {
      const email = `int-${randomBytes(4).toString('hex')}@example.com`;
      const user = await env.prisma.user.create({ data: { email, plan } });
      return { userId: user.id, email, role: 'USER', via: 'jwt' };
    },
    async close() {
      await teardown([
        ['services', () => services.close()],
        ['test database', () => env.close()],
      ]);
    },
  };
}

/** What the job runner hands a handler, for a job the test runs itself (first attempt, not cancelled). */
export function jobContext<T extends JobTypeName>(type: T, payload: JobPayloads[T], ids: { userId?: string; connectionId?: string } = {}): JobContext<T> {
  return {
    jobId: `int_${randomBytes(6).toString('hex')}`,
    type,
    payload,
    attempt: 1,
    userId: ids.userId ?? null,
    connectionId: ids.connectionId ?? null,
    signal: new AbortController().signal,
    reportProgress: () => Promise.resolve(),
  };
}
