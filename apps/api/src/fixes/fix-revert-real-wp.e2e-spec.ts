/**
 * Never stranded, proven on a real WordPress: the site answers 503 right after Seology's write, so
 * verification and the automatic revert both fail; the fix waits in REVERT_PENDING while delayed
 * ROLLBACK_FIX jobs retry, and once the site answers again the change is reverted by itself (checked
 * in WordPress's own database).
 */
import type { INestApplicationContext } from '@nestjs/common';
import { describeWithRealWordPress, startRealWordPress, type RealWordPress } from '@seology/connectors/testing';
import type { ConnectionDto } from '../connections/dto/connection.dto';
import { createTestApp, signUpUser, type TestApp, until } from '../testing/test-app';
import { startTestWorker } from '../testing/test-worker';
import type { FixBody } from './testing/fixes-e2e';

const describeReal = describeWithRealWordPress(describe);

describeReal('a fix stranded by a site that went down right after the write (e2e: API + worker + real WordPress)', () => {
  let wp: RealWordPress;
  let t: TestApp;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    wp = await startRealWordPress({ permalinks: 'pretty', posts: 2 });
    t = await createTestApp({ SSRF_ALLOW_HOSTS: '127.0.0.1', ANTHROPIC_API_KEY: '', REVERT_RETRY_BASE_MS: '500', REVERT_RETRY_MAX_DELAY_MS: '2000', REVERT_RETRY_WINDOW_MS: '600000' });
    worker = await startTestWorker();
  }, 180_000);
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await wp?.stop();
  });

  it('enters REVERT_PENDING with the reason, retries with backoff, and reverts the change once the site answers', async () => {
    const user = await signUpUser(t);
    const connection = (await t.http().post('/api/connections').set(user.auth)
      .send({ siteUrl: `${wp.url}/`, platform: 'WORDPRESS', executionMode: 'APPROVE', wordpress: { username: wp.username, applicationPassword: wp.applicationPassword } }).expect(201)).body as ConnectionDto;
    const post = wp.content.posts[0]!;
    const titleOf = async () => (await wp.sql('SELECT post_title FROM wp_posts WHERE ID = ?', [post.id]))[0]?.['post_title'];
    const original = await titleOf();
    expect(original).toBe(post.title);
    const fix = await t.prisma.fix.create({
      data: { connectionId: connection.id, userId: user.id, type: 'h1', risk: 'LOW', pageUrl: post.link, beforeValue: post.title, afterValue: 'Trail notes: what to pack for a first night out' },
    });

    wp.failAfterNextWrite('always', 503);
    await t.http().post(`/api/fixes/${fix.id}/approve`).set(user.auth).expect(200);
    const pending = await until(async () => (await t.http().get(`/api/fixes/${fix.id}`).set(user.auth).expect(200)).body as FixBody & { revertRetryUntil: string | null; rollbackPossible: boolean }, (f) => f.status === 'REVERT_PENDING' || f.status === 'FAILED' || f.status === 'APPLIED', 90_000);
    expect(pending.status).toBe('REVERT_PENDING');
    expect(pending.failureReason).toMatch(/keeps trying to revert it until/);
    expect(pending.revertRetryUntil).not.toBeNull();
    expect(pending.rollbackPossible).toBe(true);
    // Stranded for now: the write reached WordPress, the site does not answer.
    expect(await titleOf()).toBe('Trail notes: what to pack for a first night out');
    // The notification follows the state change (quota released and the retry scheduled first): wait for it, then count.
    const notified = () => t.prisma.notification.count({ where: { userId: user.id, type: 'fix.revert_pending' } });
    await until(notified, (n) => n > 0, 10_000);
    expect(await notified()).toBe(1);
    // Its quota is back: the fix did not go live as intended.
    expect((await t.prisma.usageRecord.findFirst({ where: { userId: user.id } }))?.fixesApplied ?? 0).toBe(0);
    // Retries are delayed ROLLBACK_FIX jobs (in the database and the queue, not in a process's memory).
    await until(() => t.prisma.job.count({ where: { type: 'ROLLBACK_FIX', payload: { path: ['fixId'], equals: fix.id } } }), (n) => n >= 2, 30_000);

    wp.clearFaults();
    const reverted = await until(async () => (await t.http().get(`/api/fixes/${fix.id}`).set(user.auth).expect(200)).body as FixBody, (f) => f.status !== 'REVERT_PENDING', 60_000);
    expect(reverted.status).toBe('ROLLED_BACK');
    expect(await titleOf()).toBe(original);
    const delays = (await t.prisma.job.findMany({ where: { type: 'ROLLBACK_FIX', payload: { path: ['fixId'], equals: fix.id } }, orderBy: { createdAt: 'asc' } }))
      .map((j) => (j.scheduledFor?.getTime() ?? 0) - j.createdAt.getTime());
    // Exponential backoff from 500 ms, capped at 2 s, counted from each job's creation (delayMs); createdAt
    // is the database's time of the insert, a few milliseconds after the delay was applied.
    expect(delays[0]).toBeGreaterThanOrEqual(300);
    expect(delays[0]).toBeLessThanOrEqual(500);
    expect(delays.every((d) => d <= 2_100)).toBe(true);
    if (delays.length >= 2) expect(delays[1]).toBeGreaterThan(delays[0]!);
  }, 240_000);
});
