import { Injectable, Logger } from '@nestjs/common';
import type { Webhook } from '@prisma/client';
import { isSsrfError, safeRequest } from '@seology/net';
import { EncryptionService } from '../common/crypto/encryption.service';
import { AppConfig } from '../config/app-config';
import { JobHandler, PermanentJobError, type JobContext } from '../jobs/job-handler.decorator';
import { JobsRepository } from '../jobs/jobs.repository';
import { NotificationsService } from '../notifications/notifications.service';
import { webhookSignatureHeader } from './webhook-signature';
import { DELIVERY_MAX_ATTEMPTS, DISABLE_AFTER_FAILED_DELIVERIES, RESPONSE_BODY_LIMIT } from './webhook-events';
import { WebhooksRepository } from './webhooks.repository';
import { webhookSecretContext } from './webhooks.service';

const DELIVERY_TIMEOUT_MS = 10_000;

interface Outcome {
  status: number | null;
  body: string | null;
  error: string | null;
  /** Retrying cannot help (the target resolves to a refused address). */
  permanent: boolean;
}

@Injectable()
export class WebhookDeliveryJobHandlers {
  private readonly logger = new Logger(WebhookDeliveryJobHandlers.name);

  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly jobs: JobsRepository,
    private readonly encryption: EncryptionService,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  /**
   * One attempt at one delivery: signed POST of the stored payload. A non-2xx answer, a redirect or a
   * network error throws so BullMQ retries with backoff; when the last attempt fails the endpoint's
   * failure count goes up, and at DISABLE_AFTER_FAILED_DELIVERIES it is disabled and its owner told.
   */
  @JobHandler('DELIVER_WEBHOOK')
  async deliver(ctx: JobContext<'DELIVER_WEBHOOK'>): Promise<unknown> {
    const delivery = await this.webhooks.findDelivery(ctx.payload.deliveryId);
    if (!delivery) throw new PermanentJobError('the delivery (or its webhook) was deleted');
    if (delivery.status !== 'PENDING') return { skipped: `delivery already ${delivery.status}` };
    const webhook = delivery.webhook;
    if (!webhook.active || webhook.disabledAt) {
      await this.webhooks.updateDelivery(delivery.id, { status: 'FAILED', error: 'the endpoint was disabled before this delivery' });
      return { skipped: 'endpoint disabled' };
    }
    const maxAttempts = (await this.jobs.findById(ctx.jobId))?.maxAttempts ?? DELIVERY_MAX_ATTEMPTS;

    const secret = this.encryption.decrypt(webhook.secret, webhookSecretContext(webhook.userId));
    const body = JSON.stringify(delivery.payload);
    const timestamp = Math.floor(Date.now() / 1000);
    const started = performance.now();
    const outcome = await this.post(webhook, body, {
      'content-type': 'application/json',
      'user-agent': 'Seology-Webhooks/1.0',
      'seology-event': delivery.event,
      'seology-delivery': delivery.eventId,
      'seology-timestamp': String(timestamp),
      'seology-signature': webhookSignatureHeader(secret, timestamp, body),
    }, ctx.signal);
    const durationMs = Math.round(performance.now() - started);
    const base = { attempts: ctx.attempt, responseStatus: outcome.status, responseBody: outcome.body, durationMs };

    if (outcome.status !== null && outcome.status >= 200 && outcome.status < 300) {
      await this.webhooks.updateDelivery(delivery.id, { ...base, status: 'SUCCEEDED', error: null, deliveredAt: new Date() });
      await this.webhooks.recordSuccess(webhook.id);
      return { delivered: true, status: outcome.status, attempts: ctx.attempt };
    }

    const error = outcome.error ?? `the endpoint answered HTTP ${outcome.status}`;
    const exhausted = outcome.permanent || ctx.attempt >= maxAttempts;
    await this.webhooks.updateDelivery(delivery.id, { ...base, error, status: exhausted ? 'FAILED' : 'PENDING' });
    if (exhausted) await this.countExhaustedDelivery(webhook);
    if (outcome.permanent) throw new PermanentJobError(error);
    throw new Error(`webhook delivery failed (attempt ${ctx.attempt} of ${maxAttempts}): ${error}`);
  }

  private async post(webhook: Webhook, body: string, headers: Record<string, string>, signal: AbortSignal): Promise<Outcome> {
    try {
      const res = await safeRequest(webhook.url, {
        method: 'POST',
        headers,
        body,
        timeoutMs: DELIVERY_TIMEOUT_MS,
        maxBytes: 16 * 1024,
        onTooLarge: 'truncate',
        // A redirect is an answer, not a success: following it would send the signed payload elsewhere.
        redirect: 'manual',
        maxRedirects: 0,
        decompress: true,
        // The target is resolved and checked again here: a host that now points at a private address is refused.
        policy: { allowHosts: this.config.ssrfAllowHosts },
        signal,
      });
      return { status: res.status, body: res.body.toString('utf8').slice(0, RESPONSE_BODY_LIMIT), error: null, permanent: false };
    } catch (error) {
      return { status: null, body: null, error: (error as Error).message.slice(0, 1_000), permanent: isSsrfError(error) };
    }
  }

  private async countExhaustedDelivery(webhook: Webhook): Promise<void> {
    const failures = await this.webhooks.recordExhaustedDelivery(webhook.id);
    if (failures < DISABLE_AFTER_FAILED_DELIVERIES) return;
    const reason = `Disabled after ${failures} deliveries in a row failed every attempt.`;
    if (!(await this.webhooks.disable(webhook.id, reason))) return;
    this.logger.warn(`webhook ${webhook.id} disabled: ${reason}`);
    await this.notifications.notify(webhook.userId, {
      type: 'webhook.disabled',
      title: 'Webhook endpoint disabled',
      message: `${webhook.url} failed ${failures} deliveries in a row and will receive no more events until you enable it again.`,
      link: `/settings/webhooks/${webhook.id}`,
    });
  }
}
