import type { Fix } from '@prisma/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { startShopifyContractServer, type ShopifyContractServer } from '@seology/connectors/testing';
import type { ConnectionDto } from '../connections/dto/connection.dto';
import { createTestApp, signUpUser, teardown, type TestApp, until } from '../testing/test-app';

const ROOT = resolve(__dirname, '../../../..');
const TOKEN = 'shpat_0123456789abcdef0123456789abcdef';
const PRODUCTS = ['alpine-boot', 'canyon-sandal', 'forest-runner', 'ridge-hiker'];
/** Every write a fix makes on a product (the SEO description goes through productUpdate). */
const isMutation = (label: string) => /Update|Set|Delete|Create/.test(label);

/** A real worker process, as `npm start` runs it, with this test's database, Redis prefix and short job locks. */
function startWorker(log: string[]): ChildProcess {
  const child = spawn(process.execPath, ['scripts/run-ts.js', 'apps/api/src/worker/main.ts'], {
    cwd: ROOT,
    // BullMQ's defaults (30 s lock, 30 s stalled check) would leave a killed worker's job untouched for up to a minute.
    // Shutdown bounded well inside the teardown's 15 s, whatever job a worker is still running then.
    env: { ...process.env, JOB_LOCK_DURATION_MS: '3000', JOB_STALLED_INTERVAL_MS: '1000', WORKER_SHUTDOWN_TIMEOUT_MS: '5000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tag = `[worker ${child.pid}] `;
  child.stdout?.on('data', (d: Buffer) => log.push(tag + d.toString()));
  child.stderr?.on('data', (d: Buffer) => log.push(tag + d.toString()));
  return child;
}

function stopped(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

describe('APPLY_PLAN survives a killed worker (e2e: real worker processes + Shopify contract server)', () => {
  let shop: ShopifyContractServer;
  let t: TestApp;
  const workers: ChildProcess[] = [];
  const log: string[] = [];

  beforeAll(async () => {
    shop = await startShopifyContractServer({
      shopName: 'Acme Outdoor',
      accessToken: TOKEN,
      products: PRODUCTS.map((handle, i) => ({ id: i + 1, handle, title: handle.replace('-', ' '), seo: { description: `Short ${i}.` } })),
    });
    t = await createTestApp({ SSRF_ALLOW_HOSTS: '127.0.0.1', ANTHROPIC_API_KEY: '', SHOPIFY_API_BASE: shop.url });
  });
  afterAll(() => teardown([
    ['workers', async () => {
      for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGTERM');
      await Promise.all(workers.map(stopped));
    }],
    ['app', () => t?.close()],
    ['store', () => shop?.close()],
  ]));

  // Two worker boots (TypeScript transpiled on load), a 3 s lock to expire and slowed writes: more than the default 60 s on a loaded machine.
  jest.setTimeout(120_000);

  it('SIGKILL after the first fix, a second worker finishes the plan, and every change is written exactly once', async () => {
    const user = await signUpUser(t);
    await t.prisma.user.update({ where: { id: user.id }, data: { plan: 'PRO' } });
    const connection = (await t.http().post('/api/connections').set(user.auth)
      .send({ siteUrl: `${shop.url}/`, platform: 'SHOPIFY', executionMode: 'PLAN', shopify: { shopDomain: 'contract-test.myshopify.com', accessToken: TOKEN } })
      .expect(201)).body as ConnectionDto;
    // The plan as the analysis would have proposed it (created directly: this test is about execution).
    const plan = await t.prisma.pendingPlan.create({ data: { userId: user.id, connectionId: connection.id, title: `${PRODUCTS.length} fixes`, estimatedImpact: { fixes: PRODUCTS.length } } });
    const fixes: Fix[] = [];
    for (const [i, handle] of PRODUCTS.entries()) {
      fixes.push(await t.prisma.fix.create({
        data: {
          connectionId: connection.id, userId: user.id, planId: plan.id, type: 'metaDescription', risk: 'LOW', status: 'PROPOSED',
          pageUrl: `${shop.url}/products/${handle}`, beforeValue: `Short ${i}.`,
          afterValue: `The ${handle.replace('-', ' ')} from Acme Outdoor: made for long days on rough ground, with a grippy sole and a snug fit.`,
        },
      }));
    }
    const gid = (i: number) => `gid://shopify/Product/${i + 1}`;

    // Every write takes 1.5 s at the store, so the kill lands while the second fix's write is in flight.
    shop.slowDown(1500, (req) => isMutation(req.label));
    const first = startWorker(log);
    workers.push(first);
    await t.http().post(`/api/plans/${plan.id}/approve`).set(user.auth).expect(200);

    const mutations = () => shop.requests.filter((r) => isMutation(r.label));
    await until(
      async () => ({ applied: await t.prisma.fix.count({ where: { planId: plan.id, status: 'APPLIED' } }), sent: mutations().length }),
      (s) => s.applied >= 1 && s.sent >= 2,
      60_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${log.join('')}`);
    });
    first.kill('SIGKILL');
    await stopped(first);
    const atKill = await t.prisma.fix.findMany({ where: { planId: plan.id }, select: { id: true, status: true } });
    expect(atKill.filter((f) => f.status === 'APPLIED')).toHaveLength(1);
    expect((await t.prisma.pendingPlan.findUniqueOrThrow({ where: { id: plan.id } })).status).toBe('EXECUTING');
    // The in-flight write still lands at the store after its client died, as it would on Shopify.
    await until(() => shop.metafield(gid(1), 'global', 'description_tag'), (v) => v === fixes[1]!.afterValue, 10_000);

    const second = startWorker(log);
    workers.push(second);
    const done = await until(
      () => t.prisma.pendingPlan.findUniqueOrThrow({ where: { id: plan.id } }),
      (p) => p.status === 'COMPLETED' || p.status === 'FAILED',
      90_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${log.join('')}`);
    });
    expect(done.status).toBe('COMPLETED');
    // The crashed run counts as an attempt: the APPLY_PLAN job row says it ran twice.
    const job = await t.prisma.job.findFirstOrThrow({ where: { type: 'APPLY_PLAN', payload: { path: ['planId'], equals: plan.id } } });
    expect(job).toMatchObject({ status: 'COMPLETED', attempts: 2 });
    const results = done.results as Record<string, { status: string }>;
    expect(fixes.map((f) => results[f.id]?.status)).toEqual(PRODUCTS.map(() => 'APPLIED'));

    // Exactly once: one write per fix, and every product shows its new description.
    expect(mutations().map((r) => r.label)).toEqual(PRODUCTS.map(() => 'SeologyProductUpdate'));
    for (const [i, fix] of fixes.entries()) expect(shop.metafield(gid(i), 'global', 'description_tag')).toBe(fix.afterValue);
    const rows = await t.prisma.fix.findMany({ where: { planId: plan.id } });
    expect(rows.every((f) => f.status === 'APPLIED' && f.verifiedAt !== null)).toBe(true);
    // The fix whose write was cut off still knows the exact value it replaced, so its rollback restores it.
    const interrupted = rows.find((f) => f.id === fixes[1]!.id)!;
    expect(interrupted.rollbackData).toMatchObject({ before: 'Short 1.', after: fixes[1]!.afterValue });
    shop.slowDown(0);
    await t.http().post(`/api/fixes/${interrupted.id}/rollback`).set(user.auth).send({}).expect(200);
    await until(() => t.prisma.fix.findUniqueOrThrow({ where: { id: interrupted.id } }), (f) => f.status === 'ROLLED_BACK', 30_000);
    expect(shop.metafield(gid(1), 'global', 'description_tag')).toBe('Short 1.');
  });
});
