import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { createTestApp, signUpUser, type TestApp, teardown } from '../testing/test-app';
import type { NotificationDto, NotificationPageDto } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';
import { openNotificationStream as openStream } from './testing/sse-client';

describe('notifications (e2e: API + worker, live over SSE)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    const { WorkerModule } = await import('../worker/worker.module');
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
  });
  afterAll(async () => {
    await teardown([
      ['worker', () => worker?.close()],
      ['API and test database', () => t?.close()],
    ]);
  });

  it('refuses a stream without a valid access token', async () => {
    expect((await openStream(port, '')).status).toBe(401);
    expect((await openStream(port, '?access_token=not-a-jwt')).status).toBe(401);
  });

  it('refuses the stream to an access token whose session was signed out', async () => {
    const user = await signUpUser(t);
    await t.http().post('/api/auth/signout').send({ refreshToken: user.refreshToken }).expect(204);
    expect((await openStream(port, `?access_token=${user.accessToken}`)).status).toBe(401);
  });

  it('pushes notifications created in the API and in the worker process to the user\'s stream only', async () => {
    const alice = await signUpUser(t);
    const bob = await signUpUser(t);
    const stream = await openStream(port, `?access_token=${alice.accessToken}`);
    const bobStream = await openStream(port, `?access_token=${bob.accessToken}`);
    try {
      expect(stream.status).toBe(200);
      const fromApi = stream.next('notification');
      await t.app.get(NotificationsService).notify(alice.id, { type: 'crawl.completed', title: 'Crawl finished', message: 'example.com: 12 pages, 3 new issues', link: '/sites/x' });
      const first = JSON.parse((await fromApi).data) as NotificationDto;
      expect(first).toMatchObject({ type: 'crawl.completed', title: 'Crawl finished', icon: 'radar', color: 'blue', read: false, link: '/sites/x' });

      // The worker's own Nest context (its own Redis connection), as a job handler would call it.
      const fromWorker = stream.next('notification');
      await worker.get(NotificationsService).notify(alice.id, { type: 'fix.failed', title: 'Fix failed', message: 'The title could not be written', color: 'orange' });
      expect(JSON.parse((await fromWorker).data) as NotificationDto).toMatchObject({ type: 'fix.failed', icon: 'x-circle', color: 'orange' });

      await new Promise((r) => setTimeout(r, 200));
      expect(bobStream.events.filter((e) => e.event === 'notification')).toHaveLength(0);
    } finally {
      stream.close();
      bobStream.close();
    }
  });

  it('lists with an unread filter and pagination, marks read, and keeps other users out', async () => {
    const user = await signUpUser(t);
    const other = await signUpUser(t);
    const service = t.app.get(NotificationsService);
    const types = ['plan.awaiting_approval', 'fix.applied', 'fix.rolled_back', 'quota.warning', 'quota.exceeded', 'payment.failed', 'invitation.received'] as const;
    for (const type of types) await service.notify(user.id, { type, title: type, message: `about ${type}` });

    const all = (await t.http().get('/api/notifications?pageSize=5').set(user.auth).expect(200)).body as NotificationPageDto;
    expect(all).toMatchObject({ total: 7, unread: 7, page: 1, pageSize: 5 });
    expect(all.items).toHaveLength(5);
    expect(all.items.every((n) => n.icon && n.color)).toBe(true);
    const second = (await t.http().get('/api/notifications?pageSize=5&page=2').set(user.auth)).body as NotificationPageDto;
    expect(second.items).toHaveLength(2);

    const id = all.items[0]!.id;
    await t.http().post(`/api/notifications/${id}/read`).set(other.auth).expect(404);
    const read = (await t.http().post(`/api/notifications/${id}/read`).set(user.auth).expect(200)).body as NotificationDto;
    expect(read.read).toBe(true);
    expect(read.readAt).not.toBeNull();
    const unread = (await t.http().get('/api/notifications?unread=true&pageSize=100').set(user.auth)).body as NotificationPageDto;
    expect(unread.total).toBe(6);
    expect(unread.items.some((n) => n.id === id)).toBe(false);

    expect((await t.http().post('/api/notifications/read-all').set(user.auth).expect(200)).body).toEqual({ updated: 6 });
    expect(((await t.http().get('/api/notifications?unread=true').set(user.auth)).body as NotificationPageDto).total).toBe(0);
    expect(((await t.http().get('/api/notifications').set(other.auth)).body as NotificationPageDto).total).toBe(0);
    // Marking read is not worth an audit entry.
    expect(await t.prisma.auditLog.count({ where: { userId: user.id } })).toBe(0);
  });
});
