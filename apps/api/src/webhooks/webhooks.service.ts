import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Prisma, Webhook, WebhookDelivery } from '@prisma/client';
import { isSsrfError, parseUrlStrict, resolveAndCheck } from '@seology/net';
import { randomBytes, randomUUID } from 'node:crypto';
import { EncryptionService } from '../common/crypto/encryption.service';
import type { Actor } from '../common/decorators/auth.decorators';
import { PaginationQueryDto, toPage, type Page } from '../common/dto/pagination.dto';
import { AppConfig } from '../config/app-config';
import { JobsService } from '../jobs/jobs.service';
import { CreateWebhookDto, CreatedWebhookDto, UpdateWebhookDto, WebhookDeliveryDto, WebhookDto } from './dto/webhook.dto';
import { DELIVERY_MAX_ATTEMPTS, type WebhookEvent } from './webhook-events';
import { WebhooksRepository } from './webhooks.repository';

/** Binds the secret's ciphertext to its owner: a ciphertext copied to another user's row does not decrypt. */
export const webhookSecretContext = (userId: string) => `webhook-secret:${userId}`;

@Injectable()
export class WebhooksService {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly encryption: EncryptionService,
    private readonly jobs: JobsService,
    private readonly config: AppConfig,
  ) {}

  /** The secret is returned here and never again; only its ciphertext is stored. */
  async create(actor: Actor, dto: CreateWebhookDto): Promise<CreatedWebhookDto> {
    const url = await this.checkTarget(dto.url);
    const secret = newSecret();
    const webhook = await this.webhooks.create({
      userId: actor.userId,
      url,
      description: dto.description ?? null,
      events: [...new Set(dto.events)],
      secret: this.encryption.encrypt(secret, webhookSecretContext(actor.userId)),
    });
    return { ...toWebhookDto(webhook), secret };
  }

  async list(actor: Actor): Promise<WebhookDto[]> {
    return (await this.webhooks.listOfUser(actor.userId)).map(toWebhookDto);
  }

  async get(actor: Actor, id: string): Promise<WebhookDto> {
    return toWebhookDto(await this.getOwned(actor, id));
  }

  async update(actor: Actor, id: string, dto: UpdateWebhookDto): Promise<WebhookDto> {
    const webhook = await this.getOwned(actor, id);
    const url = dto.url !== undefined ? await this.checkTarget(dto.url) : undefined;
    const reenable = dto.active === true && (!webhook.active || webhook.disabledAt !== null);
    return toWebhookDto(
      await this.webhooks.update(webhook.id, {
        ...(url !== undefined ? { url } : {}),
        ...(dto.events !== undefined ? { events: [...new Set(dto.events)] } : {}),
        ...(dto.description !== undefined ? { description: dto.description } : {}),
        ...(dto.active === false ? { active: false } : {}),
        ...(reenable ? { active: true, disabledAt: null, disabledReason: null, failureCount: 0 } : {}),
      }),
    );
  }

  /** A new signing secret, returned once; deliveries from now on are signed with it only. */
  async rotateSecret(actor: Actor, id: string): Promise<CreatedWebhookDto> {
    const webhook = await this.getOwned(actor, id);
    const secret = newSecret();
    const updated = await this.webhooks.update(webhook.id, { secret: this.encryption.encrypt(secret, webhookSecretContext(webhook.userId)) });
    return { ...toWebhookDto(updated), secret };
  }

  async remove(actor: Actor, id: string): Promise<void> {
    if (!(await this.webhooks.deleteOfUser(id, actor.userId))) throw new NotFoundException('No webhook with this id.');
  }

  /** Sends a `ping` event to this endpoint now, whatever it subscribes to; the delivery shows up in its log. */
  async ping(actor: Actor, id: string): Promise<WebhookDeliveryDto> {
    const webhook = await this.getOwned(actor, id);
    if (!webhook.active || webhook.disabledAt) {
      throw new ConflictException('This webhook is disabled; enable it (PATCH active: true) before testing it.');
    }
    const delivery = await this.enqueueDelivery(webhook, 'ping', { message: 'Test delivery from Seology', webhookId: webhook.id });
    return toDeliveryDto(delivery);
  }

  /**
   * Sends a past delivery's event again: a new delivery (its own `Seology-Delivery` id and retries)
   * of the same payload, whose `id` stays the event's, so a receiver can still tell it has seen it.
   */
  async redeliver(actor: Actor, id: string, deliveryId: string): Promise<WebhookDeliveryDto> {
    const webhook = await this.getOwned(actor, id);
    const original = await this.webhooks.findDeliveryOfWebhook(webhook.id, deliveryId);
    if (!original) throw new NotFoundException('No delivery with this id for this webhook.');
    if (!webhook.active || webhook.disabledAt) {
      throw new ConflictException('This webhook is disabled; enable it (PATCH active: true) before redelivering.');
    }
    if (original.status === 'PENDING') throw new ConflictException('This delivery is still being attempted; wait for its result before sending it again.');
    return toDeliveryDto(await this.queueDelivery(webhook, original.event, randomUUID(), original.payload as Prisma.InputJsonObject));
  }

  async deliveries(actor: Actor, id: string, query: PaginationQueryDto): Promise<Page<WebhookDeliveryDto>> {
    const webhook = await this.getOwned(actor, id);
    const [items, total] = await this.webhooks.deliveriesPage(webhook.id, query.skip, query.pageSize);
    return toPage(items.map(toDeliveryDto), total, query);
  }

  /**
   * Queues one delivery of `event` to every enabled endpoint of the user subscribed to it (and of the
   * team, for team resources). Returns the deliveries created; none when nobody listens.
   */
  async emit(userId: string, event: WebhookEvent, data: Record<string, unknown>, options: { teamId?: string | null } = {}): Promise<WebhookDeliveryDto[]> {
    const targets = await this.webhooks.findSubscribed(userId, event, options.teamId);
    const deliveries: WebhookDeliveryDto[] = [];
    for (const webhook of targets) deliveries.push(toDeliveryDto(await this.enqueueDelivery(webhook, event, data)));
    return deliveries;
  }

  /**
   * Refuses URLs that are not http(s) or whose host resolves to a private, loopback, link-local or
   * metadata address. Checked again before every delivery, since DNS can change after creation.
   */
  private async checkTarget(input: string): Promise<string> {
    try {
      const target = parseUrlStrict(input.trim());
      await resolveAndCheck(target.url, { allowHosts: this.config.ssrfAllowHosts });
      return target.url.href;
    } catch (error) {
      if (isSsrfError(error)) throw new BadRequestException(`url cannot be used: ${error.message}.`);
      throw error;
    }
  }

  /** A new event's first delivery: the `Seology-Delivery` id is the event's id. */
  private enqueueDelivery(webhook: Webhook, event: string, data: Record<string, unknown>): Promise<WebhookDelivery> {
    const eventId = randomUUID();
    return this.queueDelivery(webhook, event, eventId, { id: eventId, type: event, createdAt: new Date().toISOString(), data: data as never });
  }

  /** One delivery row (`deliveryId` is its `Seology-Delivery` header) and the job that attempts it. */
  private async queueDelivery(webhook: Webhook, event: string, deliveryId: string, payload: Prisma.InputJsonObject): Promise<WebhookDelivery> {
    const delivery = await this.webhooks.createDelivery({ webhookId: webhook.id, event, eventId: deliveryId, payload });
    await this.jobs.enqueue('DELIVER_WEBHOOK', { deliveryId: delivery.id }, {
      userId: webhook.userId, priority: 5, dedupeKey: `webhook-delivery:${delivery.id}`, maxAttempts: DELIVERY_MAX_ATTEMPTS,
    });
    return delivery;
  }

  private async getOwned(actor: Actor, id: string): Promise<Webhook> {
    const webhook = await this.webhooks.findOfUser(id, actor.userId);
    if (!webhook) throw new NotFoundException('No webhook with this id.');
    return webhook;
  }
}

function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export function toWebhookDto(webhook: Webhook): WebhookDto {
  return {
    id: webhook.id,
    url: webhook.url,
    description: webhook.description,
    events: webhook.events,
    active: webhook.active,
    failureCount: webhook.failureCount,
    disabledAt: webhook.disabledAt,
    disabledReason: webhook.disabledReason,
    lastDeliveryAt: webhook.lastDeliveryAt,
    createdAt: webhook.createdAt,
    updatedAt: webhook.updatedAt,
  };
}

export function toDeliveryDto(delivery: WebhookDelivery): WebhookDeliveryDto {
  return {
    id: delivery.id,
    webhookId: delivery.webhookId,
    event: delivery.event,
    eventId: delivery.eventId,
    status: delivery.status,
    attempts: delivery.attempts,
    responseStatus: delivery.responseStatus,
    responseBody: delivery.responseBody,
    error: delivery.error,
    durationMs: delivery.durationMs,
    deliveredAt: delivery.deliveredAt,
    payload: delivery.payload,
    createdAt: delivery.createdAt,
    updatedAt: delivery.updatedAt,
  };
}
