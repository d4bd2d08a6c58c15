import { Injectable } from '@nestjs/common';
import type { Prisma, Webhook, WebhookDelivery } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';

@Injectable()
export class WebhooksRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: Prisma.WebhookUncheckedCreateInput): Promise<Webhook> {
    return this.prisma.webhook.create({ data });
  }

  findOfUser(id: string, userId: string): Promise<Webhook | null> {
    return this.prisma.webhook.findFirst({ where: { id, userId } });
  }

  listOfUser(userId: string): Promise<Webhook[]> {
    return this.prisma.webhook.findMany({ where: { userId }, orderBy: { createdAt: 'desc' } });
  }

  update(id: string, data: Prisma.WebhookUncheckedUpdateInput): Promise<Webhook> {
    return this.prisma.webhook.update({ where: { id }, data });
  }

  async deleteOfUser(id: string, userId: string): Promise<boolean> {
    const { count } = await this.prisma.webhook.deleteMany({ where: { id, userId } });
    return count === 1;
  }

  /** Enabled endpoints of the user (and of the team, when given) subscribed to the event. */
  findSubscribed(userId: string, event: string, teamId?: string | null): Promise<Webhook[]> {
    return this.prisma.webhook.findMany({
      where: { active: true, disabledAt: null, events: { has: event }, OR: [{ userId, teamId: null }, ...(teamId ? [{ teamId }] : [])] },
    });
  }

  createDelivery(data: Prisma.WebhookDeliveryUncheckedCreateInput): Promise<WebhookDelivery> {
    return this.prisma.webhookDelivery.create({ data });
  }

  findDeliveryOfWebhook(webhookId: string, id: string): Promise<WebhookDelivery | null> {
    return this.prisma.webhookDelivery.findFirst({ where: { id, webhookId } });
  }

  findDelivery(id: string): Promise<(WebhookDelivery & { webhook: Webhook }) | null> {
    return this.prisma.webhookDelivery.findUnique({ where: { id }, include: { webhook: true } });
  }

  updateDelivery(id: string, data: Prisma.WebhookDeliveryUncheckedUpdateInput): Promise<WebhookDelivery> {
    return this.prisma.webhookDelivery.update({ where: { id }, data });
  }

  async deliveriesPage(webhookId: string, skip: number, take: number): Promise<[WebhookDelivery[], number]> {
    return this.prisma.$transaction([
      this.prisma.webhookDelivery.findMany({ where: { webhookId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip, take }),
      this.prisma.webhookDelivery.count({ where: { webhookId } }),
    ]);
  }

  async recordSuccess(webhookId: string): Promise<void> {
    await this.prisma.webhook.update({ where: { id: webhookId }, data: { failureCount: 0, lastDeliveryAt: new Date() } });
  }

  /** Atomic, so deliveries failing at the same moment each count once; returns the new count. */
  async recordExhaustedDelivery(webhookId: string): Promise<number> {
    const webhook = await this.prisma.webhook.update({
      where: { id: webhookId },
      data: { failureCount: { increment: 1 }, lastDeliveryAt: new Date() },
      select: { failureCount: true },
    });
    return webhook.failureCount;
  }

  /** True for the one caller that actually disabled it (so the owner is notified once). */
  async disable(webhookId: string, reason: string): Promise<boolean> {
    const { count } = await this.prisma.webhook.updateMany({
      where: { id: webhookId, disabledAt: null },
      data: { active: false, disabledAt: new Date(), disabledReason: reason },
    });
    return count === 1;
  }
}
