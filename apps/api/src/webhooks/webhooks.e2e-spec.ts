import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiErrorBody } from '@seology/contracts';
import type { NotificationPageDto } from '../notifications/dto/notification.dto';
import { openNotificationStream } from '../notifications/testing/sse-client';
import { createTestApp, signUpUser, type TestApp, until, teardown } from '../testing/test-app';
import type { CreatedWebhookDto, WebhookDeliveryDto, WebhookDeliveryPageDto, WebhookDto } from './dto/webhook.dto';
import { verifyWebhookSignature } from './webhook-signature';
import { WebhooksService } from './webhooks.service';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on 127.0.0.1 answering each request with the status `respond` picks. */
function startReceiver(respond: (n: number) => number = () => 200) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = respond(received.length);
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status < 300 ? 'thanks' : `nope ${'x'.repeat(5_000)}`);
    });
  });
  return {
    received,
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`))),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

describe('outbound webhooks (e2e: API + worker + local receivers)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp({ SSRF_ALLOW_HOSTS: '127.0.0.1' });
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

  const deliveriesOf = async (auth: Record<string, string>, webhookId: string) =>
    ((await t.http().get(`/api/webhooks/${webhookId}/deliveries?pageSize=100`).set(auth).expect(200)).body as WebhookDeliveryPageDto).items;

  it('delivers a signed event the integrator can verify, and stores the secret encrypted', async () => {
    const receiver = startReceiver();
    const url = await receiver.listen();
    try {
      const user = await signUpUser(t);
      const created = (await t.http().post('/api/webhooks').set(user.auth).send({ url, events: ['crawl.completed', 'fix.applied'], description: 'CI' }).expect(201)).body as CreatedWebhookDto;
      expect(created.secret).toMatch(/^whsec_/);
      const row = await t.prisma.webhook.findUniqueOrThrow({ where: { id: created.id } });
      expect(row.secret).not.toContain(created.secret);
      expect(row.secret).toMatch(/^v1:/);
      // Typed as the create answer on purpose: the secret it carries must be missing from every read.
      const fetched = (await t.http().get(`/api/webhooks/${created.id}`).set(user.auth).expect(200)).body as Partial<CreatedWebhookDto>;
      expect(fetched.secret).toBeUndefined();
      expect(((await t.http().get('/api/webhooks').set(user.auth)).body as Partial<CreatedWebhookDto>[])[0]!.secret).toBeUndefined();

      const emitted = await t.app.get(WebhooksService).emit(user.id, 'crawl.completed', { connectionId: 'c1', crawlId: 'k1', pages: 12 });
      expect(emitted).toHaveLength(1);
      expect(await t.app.get(WebhooksService).emit(user.id, 'plan.completed', { planId: 'p1' })).toHaveLength(0);
      await until(() => receiver.received.length, (n) => n >= 1);

      const got = receiver.received[0]!;
      expect(got.headers['content-type']).toBe('application/json');
      expect(got.headers['seology-event']).toBe('crawl.completed');
      expect(got.headers['seology-delivery']).toBe(emitted[0]!.eventId);
      const timestamp = got.headers['seology-timestamp'] as string;
      const signature = got.headers['seology-signature'] as string;
      expect(signature).toMatch(/^v1=[0-9a-f]{64}$/);
      expect(verifyWebhookSignature(created.secret, timestamp, got.body, signature, 300)).toBe(true);
      expect(verifyWebhookSignature(created.secret, timestamp, got.body.replace('12', '13'), signature, 300)).toBe(false);
      expect(JSON.parse(got.body)).toMatchObject({ id: emitted[0]!.eventId, type: 'crawl.completed', data: { pages: 12 } });

      const [delivery] = await until(() => deliveriesOf(user.auth, created.id), (d) => d[0]?.status === 'SUCCEEDED');
      expect(delivery).toMatchObject({ status: 'SUCCEEDED', attempts: 1, responseStatus: 200, responseBody: 'thanks', error: null });
      expect(delivery!.durationMs).toBeGreaterThanOrEqual(0);

      // Test ping: delivered whatever the subscription.
      await t.http().post(`/api/webhooks/${created.id}/test`).set(user.auth).expect(202);
      await until(() => receiver.received.length, (n) => n >= 2);
      expect(receiver.received[1]!.headers['seology-event']).toBe('ping');

      // Rotation: a new secret, shown once; later deliveries verify with it and not with the old one.
      const rotated = (await t.http().post(`/api/webhooks/${created.id}/rotate-secret`).set(user.auth).expect(200)).body as CreatedWebhookDto;
      expect(rotated.secret).toMatch(/^whsec_/);
      expect(rotated.secret).not.toBe(created.secret);
      await t.http().post(`/api/webhooks/${created.id}/test`).set(user.auth).expect(202);
      await until(() => receiver.received.length, (n) => n >= 3);
      const third = receiver.received[2]!;
      const args = [third.headers['seology-timestamp'] as string, third.body, third.headers['seology-signature'] as string] as const;
      expect(verifyWebhookSignature(rotated.secret, ...args)).toBe(true);
      expect(verifyWebhookSignature(created.secret, ...args)).toBe(false);
      const audit = JSON.stringify(await t.prisma.auditLog.findMany({ where: { userId: user.id } }), (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
      expect(audit).toContain('webhook.rotateSecret');
      expect(audit).not.toContain(rotated.secret);
    } finally {
      await receiver.close();
    }
  });

  it('retries a receiver that fails twice and then accepts', async () => {
    const receiver = startReceiver((n) => (n <= 2 ? 503 : 200));
    const url = await receiver.listen();
    try {
      const user = await signUpUser(t);
      const hook = (await t.http().post('/api/webhooks').set(user.auth).send({ url, events: ['fix.failed'] }).expect(201)).body as CreatedWebhookDto;
      await t.app.get(WebhooksService).emit(user.id, 'fix.failed', { fixId: 'f1' });
      const [delivery] = await until(() => deliveriesOf(user.auth, hook.id), (d) => d[0]?.status === 'SUCCEEDED');
      expect(delivery).toMatchObject({ attempts: 3, responseStatus: 200 });
      expect(receiver.received).toHaveLength(3);
      // Same delivery id on every attempt, so receivers can de-duplicate.
      expect(new Set(receiver.received.map((r) => r.headers['seology-delivery'])).size).toBe(1);
      expect(((await t.http().get(`/api/webhooks/${hook.id}`).set(user.auth)).body as WebhookDto).failureCount).toBe(0);
    } finally {
      await receiver.close();
    }
  });

  it('sends a failed delivery again on request: a new delivery of the same event', async () => {
    let failing = true;
    const receiver = startReceiver(() => (failing ? 500 : 200));
    const url = await receiver.listen();
    try {
      const user = await signUpUser(t);
      const hook = (await t.http().post('/api/webhooks').set(user.auth).send({ url, events: ['fix.failed'] }).expect(201)).body as CreatedWebhookDto;
      await t.app.get(WebhooksService).emit(user.id, 'fix.failed', { fixId: 'f9' });
      const [failed] = await until(() => deliveriesOf(user.auth, hook.id), (d) => d[0]?.status === 'FAILED');
      const attempts = receiver.received.length;

      failing = false;
      const again = (await t.http().post(`/api/webhooks/${hook.id}/deliveries/${failed!.id}/redeliver`).set(user.auth).expect(202)).body as WebhookDeliveryDto;
      expect(again).toMatchObject({ event: 'fix.failed', status: 'PENDING' });
      expect(again.id).not.toBe(failed!.id);
      const done = await until(() => deliveriesOf(user.auth, hook.id), (d) => d.find((x) => x.id === again.id)?.status === 'SUCCEEDED');
      expect(done.find((x) => x.id === failed!.id)?.status).toBe('FAILED');
      expect(receiver.received).toHaveLength(attempts + 1);
      const [first, last] = [receiver.received[0]!, receiver.received[attempts]!];
      // The same event (identical payload and its id), under a delivery id of its own.
      expect(last.body).toBe(first.body);
      expect(last.headers['seology-delivery']).not.toBe(first.headers['seology-delivery']);
      expect(last.headers['seology-delivery']).toBe(again.eventId);

      const intruder = await signUpUser(t);
      await t.http().post(`/api/webhooks/${hook.id}/deliveries/${failed!.id}/redeliver`).set(intruder.auth).expect(404);
      await t.http().post(`/api/webhooks/${hook.id}/deliveries/no-such-delivery/redeliver`).set(user.auth).expect(404);
      await t.http().patch(`/api/webhooks/${hook.id}`).set(user.auth).send({ active: false }).expect(200);
      await t.http().post(`/api/webhooks/${hook.id}/deliveries/${failed!.id}/redeliver`).set(user.auth).expect(409);
    } finally {
      await receiver.close();
    }
  });

  it('disables an endpoint after 5 deliveries fail every attempt, and tells its owner', async () => {
    const receiver = startReceiver(() => 500);
    const url = await receiver.listen();
    try {
      const user = await signUpUser(t);
      const hook = (await t.http().post('/api/webhooks').set(user.auth).send({ url, events: ['issue.created'] }).expect(201)).body as CreatedWebhookDto;
      // The owner's dashboard is open: the notice is created by the worker's job handler and pushed through Redis.
      const stream = await openNotificationStream(port, `?access_token=${user.accessToken}`);
      const live = stream.next('notification', 60_000);
      for (let i = 0; i < 5; i++) await t.http().post(`/api/webhooks/${hook.id}/test`).set(user.auth).expect(202);
      const deliveries = await until(() => deliveriesOf(user.auth, hook.id), (d) => d.length === 5 && d.every((x) => x.status === 'FAILED'), 60_000);
      expect(deliveries.every((d) => d.attempts === 6 && d.responseStatus === 500)).toBe(true);
      expect(deliveries[0]!.responseBody!.length).toBeLessThanOrEqual(2_000);
      expect(receiver.received).toHaveLength(30);

      const disabled = await until(async () => (await t.http().get(`/api/webhooks/${hook.id}`).set(user.auth)).body as WebhookDto, (w) => w.disabledAt !== null);
      expect(disabled).toMatchObject({ active: false, failureCount: 5 });
      expect(disabled.disabledReason).toContain('5 deliveries');
      const notes = await until(async () => ((await t.http().get('/api/notifications').set(user.auth)).body as NotificationPageDto).items, (items) => items.length > 0);
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({ type: 'webhook.disabled', color: 'red' });
      expect(JSON.parse((await live).data)).toMatchObject({ id: notes[0]?.id, type: 'webhook.disabled' });
      stream.close();

      // Disabled: no new deliveries, no test pings, until re-enabled.
      expect(await t.app.get(WebhooksService).emit(user.id, 'issue.created', {})).toHaveLength(0);
      await t.http().post(`/api/webhooks/${hook.id}/test`).set(user.auth).expect(409);
      const enabled = (await t.http().patch(`/api/webhooks/${hook.id}`).set(user.auth).send({ active: true }).expect(200)).body as WebhookDto;
      expect(enabled).toMatchObject({ active: true, disabledAt: null, failureCount: 0 });
    } finally {
      await receiver.close();
    }
  });

  it('refuses private and metadata addresses at creation, and at delivery when the target moved', async () => {
    const user = await signUpUser(t);
    for (const url of ['http://10.0.0.1/hook', 'http://169.254.169.254/latest/meta-data/', 'http://[::ffff:10.0.0.1]/x', 'ftp://example.com/x']) {
      const res = await t.http().post('/api/webhooks').set(user.auth).send({ url, events: ['crawl.completed'] }).expect(400);
      expect((res.body as ApiErrorBody).message).toMatch(/^url cannot be used: /);
    }
    const bad = await t.http().post('/api/webhooks').set(user.auth).send({ url: 'http://169.254.169.254/', events: ['crawl.completed'] });
    expect((bad.body as ApiErrorBody).message).toMatch(/169\.254\.169\.254.*refused/);
    await t.http().post('/api/webhooks').set(user.auth).send({ url: 'http://127.0.0.1:9/x', events: ['nonsense'] }).expect(400);

    // The host now resolves somewhere private (simulated by pointing the stored URL there): refused, no retries.
    const hook = (await t.http().post('/api/webhooks').set(user.auth).send({ url: 'http://127.0.0.1:9/x', events: ['crawl.completed'] }).expect(201)).body as CreatedWebhookDto;
    await t.prisma.webhook.update({ where: { id: hook.id }, data: { url: 'http://10.0.0.1/hook' } });
    await t.http().post(`/api/webhooks/${hook.id}/test`).set(user.auth).expect(202);
    const [delivery] = await until(() => deliveriesOf(user.auth, hook.id), (d) => d[0]?.status === 'FAILED');
    expect(delivery).toMatchObject({ attempts: 1, responseStatus: null });
    expect(delivery!.error).toMatch(/10\.0\.0\.1.*refused/);
  });

  it('keeps other users out of webhooks and their deliveries', async () => {
    const owner = await signUpUser(t);
    const intruder = await signUpUser(t);
    const hook = (await t.http().post('/api/webhooks').set(owner.auth).send({ url: 'http://127.0.0.1:9/x', events: ['crawl.completed'] }).expect(201)).body as CreatedWebhookDto;
    await t.http().get(`/api/webhooks/${hook.id}`).set(intruder.auth).expect(404);
    await t.http().patch(`/api/webhooks/${hook.id}`).set(intruder.auth).send({ description: 'mine now' }).expect(404);
    await t.http().post(`/api/webhooks/${hook.id}/test`).set(intruder.auth).expect(404);
    await t.http().get(`/api/webhooks/${hook.id}/deliveries`).set(intruder.auth).expect(404);
    await t.http().post(`/api/webhooks/${hook.id}/rotate-secret`).set(intruder.auth).expect(404);
    await t.http().delete(`/api/webhooks/${hook.id}`).set(intruder.auth).expect(404);
    expect((await t.http().get('/api/webhooks').set(intruder.auth)).body).toEqual([]);
    expect(await t.app.get(WebhooksService).emit(intruder.id, 'crawl.completed', {})).toHaveLength(0);
    await t.http().delete(`/api/webhooks/${hook.id}`).set(owner.auth).expect(204);
    await t.http().get(`/api/webhooks/${hook.id}`).set(owner.auth).expect(404);
  });
});
