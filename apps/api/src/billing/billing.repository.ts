import { Injectable } from '@nestjs/common';
import type { Plan, Prisma, Subscription, User } from '@prisma/client';
import { randomUUID } from 'node:crypto';
import { PrismaService } from '../prisma/prisma.service';

export type Tx = Prisma.TransactionClient;

@Injectable()
export class BillingRepository {
  constructor(private readonly prisma: PrismaService) {}

  findUserWithSubscription(userId: string): Promise<(User & { subscription: Subscription | null }) | null> {
    return this.prisma.user.findUnique({ where: { id: userId }, include: { subscription: true } });
  }

  /** Stores the Stripe customer only if none is stored yet; returns the one that is stored afterwards. */
  async keepFirstCustomerId(userId: string, customerId: string): Promise<string> {
    await this.prisma.user.updateMany({ where: { id: userId, stripeCustomerId: null }, data: { stripeCustomerId: customerId } });
    const user = await this.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { stripeCustomerId: true } });
    return user.stripeCustomerId!;
  }


  /**
   * Runs `effect` in the same transaction that records the event id. A second delivery of the same
   * event (also a concurrent one: its insert waits for the first transaction) inserts nothing and
   * runs nothing.
   */
  async processEventOnce<T>(event: { id: string; type: string }, effect: (tx: Tx) => Promise<T>): Promise<{ duplicate: boolean; result?: T }> {
    return this.prisma.$transaction(
      async (tx) => {
        const inserted = await tx.$executeRaw`
          INSERT INTO "StripeEvent" ("id", "type", "processedAt") VALUES (${event.id}, ${event.type}, now()) ON CONFLICT ("id") DO NOTHING`;
        if (inserted === 0) return { duplicate: true };
        return { duplicate: false, result: await effect(tx) };
      },
      { timeout: 20_000, maxWait: 20_000 },
    );
  }

  async findUserIdForStripe(tx: Tx, customerId: string | null, userIdHint: string | null): Promise<string | null> {
    if (customerId) {
      const user = await tx.user.findUnique({ where: { stripeCustomerId: customerId }, select: { id: true } });
      if (user) return user.id;
    }
    if (userIdHint) {
      const user = await tx.user.findUnique({ where: { id: userIdHint }, select: { id: true, stripeCustomerId: true } });
      if (user) {
        if (customerId && !user.stripeCustomerId) await tx.user.update({ where: { id: user.id }, data: { stripeCustomerId: customerId } });
        return user.id;
      }
    }
    return null;
  }

  /** The user's subscription row, created if missing and locked until the transaction ends (events for one user apply one at a time). */
  async lockSubscription(tx: Tx, userId: string): Promise<Subscription> {
    await tx.$executeRaw`
      INSERT INTO "Subscription" ("id", "userId", "plan", "status", "updatedAt") VALUES (${randomUUID()}, ${userId}, 'FREE', 'INCOMPLETE', now())
      ON CONFLICT ("userId") DO NOTHING`;
    await tx.$queryRaw`SELECT "id" FROM "Subscription" WHERE "userId" = ${userId} FOR UPDATE`;
    return tx.subscription.findUniqueOrThrow({ where: { userId } });
  }

  updateSubscription(tx: Tx, userId: string, data: Prisma.SubscriptionUncheckedUpdateInput): Promise<Subscription> {
    return tx.subscription.update({ where: { userId }, data });
  }

  /** Sets the plan and returns the one it replaced (the row is locked by the update until the transaction ends). */
  async setPlanInTx(tx: Tx, userId: string, plan: Plan): Promise<Plan> {
    const [previous] = await tx.$queryRaw<{ plan: Plan }[]>`SELECT "plan" FROM "User" WHERE "id" = ${userId} FOR UPDATE`;
    await tx.user.update({ where: { id: userId }, data: { plan } });
    return previous?.plan ?? plan;
  }

  findUserEmail(tx: Tx, userId: string): Promise<{ email: string } | null> {
    return tx.user.findUnique({ where: { id: userId }, select: { email: true } });
  }

  setPlanOfUser(userId: string, plan: Plan): Promise<User | null> {
    return this.prisma.user.update({ where: { id: userId }, data: { plan } }).catch((error: unknown) => {
      if ((error as { code?: string }).code === 'P2025') return null;
      throw error;
    });
  }
}
