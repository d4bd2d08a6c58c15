import { BadRequestException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type { Plan, Prisma, Subscription, SubscriptionStatus } from '@prisma/client';
import Stripe from 'stripe';
import { AppConfig } from '../config/app-config';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../common/filters/http-error.filter';
import { EmailService } from '../email/email.service';
import { NotificationsService } from '../notifications/notifications.service';
import { BillingRepository, type Tx } from './billing.repository';
import { BillingService } from './billing.service';
import type { WebhookAckDto } from './dto/billing.dto';
import { STRIPE_CLIENT } from './stripe.client';
import { planGranted, statusOfStripe } from './subscription-state';

export const GRACE_PERIOD_MS = 7 * 86_400_000;
/** Seconds a signed webhook stays acceptable; older deliveries are treated as replays. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * The fields we read from a subscription object. Stripe moved the period fields onto the items in
 * newer API versions, so both places are read.
 */
interface SubscriptionObject {
  id: string;
  customer: string | { id: string };
  status: string;
  cancel_at_period_end?: boolean;
  trial_end?: number | null;
  current_period_start?: number;
  current_period_end?: number;
  metadata?: Record<string, string>;
  items?: { data?: { price?: { id?: string }; current_period_start?: number; current_period_end?: number }[] };
}

interface InvoiceObject {
  id: string;
  customer: string | { id: string } | null;
}

interface CheckoutSessionObject {
  id: string;
  customer: string | { id: string } | null;
  subscription: string | { id: string } | null;
  client_reference_id?: string | null;
  metadata?: Record<string, string> | null;
}

/** What to tell the user once the transaction has committed. */
interface PaymentFailedNotice {
  userId: string;
  to: string | null;
  message: string;
}

type Outcome = { applied: boolean; reason?: string; paymentFailed?: PaymentFailedNotice };

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}

/** The `t=` timestamp of a Stripe-Signature header (seconds); NaN when absent. */
function signedAt(header: string): number {
  const part = header.split(',').find((p) => p.trim().startsWith('t='));
  return part ? Number(part.trim().slice(2)) : Number.NaN;
}

function dateOf(seconds: number | null | undefined): Date | null {
  return typeof seconds === 'number' ? new Date(seconds * 1000) : null;
}

/**
 * Applies Stripe webhook events exactly once and in order. Each event's id is recorded in the
 * transaction that applies it; the subscription row is locked while an event is applied, and an
 * event older than the newest one applied (`lastEventAt`) no longer changes the status.
 */
@Injectable()
export class StripeWebhookService {
  private readonly logger = new Logger(StripeWebhookService.name);

  constructor(
    @Inject(STRIPE_CLIENT) private readonly stripe: Stripe | null,
    private readonly billing: BillingService,
    private readonly repository: BillingRepository,
    private readonly email: EmailService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async receive(rawBody: Buffer | undefined, signature: string | undefined): Promise<WebhookAckDto> {
    const stripe = this.billing.requireStripe();
    const secret = this.config.STRIPE_WEBHOOK_SECRET;
    if (!secret) {
      throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'Stripe webhooks are not configured on this server (STRIPE_WEBHOOK_SECRET is not set).', 'BILLING_DISABLED');
    }
    if (!rawBody || rawBody.length === 0) throw new BadRequestException('The webhook body is empty; Stripe sends the event as JSON.');
    if (!signature) throw new BadRequestException('The Stripe-Signature header is missing; only events signed by Stripe are accepted.');
    const event = this.verify(stripe, rawBody, signature, secret);
    return this.apply(event);
  }

  private verify(stripe: Stripe, rawBody: Buffer, signature: string, secret: string): Stripe.Event {
    try {
      const event = stripe.webhooks.constructEvent(rawBody, signature, secret, WEBHOOK_TOLERANCE_SECONDS);
      // The SDK only bounds the age; a timestamp far ahead would keep a captured delivery replayable for that long.
      if (signedAt(signature) - Date.now() / 1000 > WEBHOOK_TOLERANCE_SECONDS) {
        throw new ApiError(
          HttpStatus.BAD_REQUEST,
          `The webhook signature timestamp is more than ${WEBHOOK_TOLERANCE_SECONDS} seconds in the future; refusing an event signed with a wrong or forged clock.`,
          'WEBHOOK_SIGNATURE_STALE',
        );
      }
      return event;
    } catch (error) {
      if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
        const stale = /tolerance/i.test(error.message);
        throw new ApiError(
          HttpStatus.BAD_REQUEST,
          stale
            ? `The webhook signature timestamp is more than ${WEBHOOK_TOLERANCE_SECONDS} seconds old; refusing a replayed or delayed event.`
            : 'The Stripe-Signature header does not match the payload and the webhook secret; the event was not sent by Stripe or was altered.',
          stale ? 'WEBHOOK_SIGNATURE_STALE' : 'WEBHOOK_SIGNATURE_INVALID',
        );
      }
      throw error;
    }
  }

  async apply(event: Stripe.Event): Promise<WebhookAckDto> {
    const { duplicate, result } = await this.repository.processEventOnce(event, (tx) => this.effect(tx, event));
    if (duplicate) return { received: true, duplicate: true };
    if (result && !result.applied && result.reason) this.logger.log(`event ${event.id} (${event.type}) recorded without effect: ${result.reason}`);
    // Told after the commit, by the one delivery that applied the event: a rolled-back event must not have told anyone anything.
    if (result?.paymentFailed) await this.tellPaymentFailed(result.paymentFailed);
    return { received: true, duplicate: false };
  }

  private async effect(tx: Tx, event: Stripe.Event): Promise<Outcome> {
    const eventAt = new Date(event.created * 1000);
    const object = event.data.object as unknown;
    switch (event.type) {
      case 'customer.subscription.created':
      case 'customer.subscription.updated':
      case 'customer.subscription.deleted':
        return this.applySubscription(tx, event, object as SubscriptionObject, eventAt, event.type === 'customer.subscription.deleted');
      case 'checkout.session.completed':
        return this.applyCheckoutCompleted(tx, object as CheckoutSessionObject);
      case 'invoice.payment_failed':
        return this.applyPaymentFailed(tx, object as InvoiceObject, eventAt);
      case 'invoice.paid':
        return this.applyInvoicePaid(tx, event, object as InvoiceObject, eventAt);
      default:
        return { applied: false, reason: 'event type not handled' };
    }
  }

  private async applySubscription(tx: Tx, event: Stripe.Event, sub: SubscriptionObject, eventAt: Date, deleted: boolean): Promise<Outcome> {
    const customerId = idOf(sub.customer);
    const userId = await this.repository.findUserIdForStripe(tx, customerId, sub.metadata?.userId ?? null);
    if (!userId) return { applied: false, reason: `no user for customer ${customerId}` };
    const current = await this.repository.lockSubscription(tx, userId);
    const item = sub.items?.data?.[0];
    const priceId = item?.price?.id ?? null;
    const identity: Prisma.SubscriptionUncheckedUpdateInput = {
      stripeSubscriptionId: sub.id,
      stripeCustomerId: customerId,
      stripePriceId: priceId,
      plan: this.billing.planOfPrice(priceId) ?? current.plan,
    };
    if (this.isStale(current, eventAt)) {
      // Late event: it may still tell us which subscription this is, never what state it is in.
      if (!current.stripePriceId) await this.repository.updateSubscription(tx, userId, identity);
      return { applied: false, reason: 'older than the newest applied event' };
    }
    const status = deleted ? 'CANCELED' : statusOfStripe(sub.status);
    const graceUntil = status === 'ACTIVE' || status === 'TRIALING' || status === 'CANCELED' ? null : current.graceUntil;
    const updated = await this.repository.updateSubscription(tx, userId, {
      ...identity,
      status,
      currentPeriodStart: dateOf(item?.current_period_start ?? sub.current_period_start),
      currentPeriodEnd: dateOf(item?.current_period_end ?? sub.current_period_end),
      trialEnd: dateOf(sub.trial_end),
      cancelAtPeriodEnd: Boolean(sub.cancel_at_period_end),
      graceUntil,
      lastEventAt: eventAt,
    });
    await this.setPlan(tx, event, userId, planGranted(updated.status, updated.plan, updated.graceUntil, new Date()));
    return { applied: true };
  }

  /** Links the customer and subscription to the user; the state itself comes with customer.subscription.* events. */
  private async applyCheckoutCompleted(tx: Tx, session: CheckoutSessionObject): Promise<Outcome> {
    const customerId = idOf(session.customer);
    const userId = await this.repository.findUserIdForStripe(tx, customerId, session.client_reference_id ?? session.metadata?.userId ?? null);
    if (!userId) return { applied: false, reason: `no user for customer ${customerId}` };
    const current = await this.repository.lockSubscription(tx, userId);
    const subscriptionId = idOf(session.subscription);
    if (subscriptionId && !current.stripeSubscriptionId) {
      await this.repository.updateSubscription(tx, userId, { stripeSubscriptionId: subscriptionId, stripeCustomerId: customerId });
    }
    return { applied: true };
  }

  private async applyPaymentFailed(tx: Tx, invoice: InvoiceObject, eventAt: Date): Promise<Outcome> {
    const customerId = idOf(invoice.customer);
    const userId = await this.repository.findUserIdForStripe(tx, customerId, null);
    if (!userId) return { applied: false, reason: `no user for customer ${customerId}` };
    const current = await this.repository.lockSubscription(tx, userId);
    if (this.isStale(current, eventAt)) return { applied: false, reason: 'older than the newest applied event' };
    // A second failed retry inside the same grace period does not extend it.
    const graceUntil = current.graceUntil ?? new Date(Date.now() + GRACE_PERIOD_MS);
    await this.repository.updateSubscription(tx, userId, { status: 'PAST_DUE', graceUntil, lastEventAt: eventAt });
    const until = graceUntil.toISOString().slice(0, 10);
    const message = `We could not charge your payment method for your ${current.plan} plan. Update it before ${until} to keep your plan; after that the account falls back to FREE.`;
    const user = await this.repository.findUserEmail(tx, userId);
    return { applied: true, paymentFailed: { userId, to: user?.email ?? null, message } };
  }

  private async tellPaymentFailed(notice: PaymentFailedNotice): Promise<void> {
    await this.notifications.notify(notice.userId, { type: 'payment.failed', title: 'Payment failed', message: notice.message, link: '/billing' });
    if (notice.to) {
      await this.email.queue(
        { to: notice.to, subject: 'Your Seology payment failed', text: `${notice.message}\n\nManage billing: ${this.config.APP_URL.replace(/\/$/, '')}/billing` },
        notice.userId,
      );
    }
  }

  private async applyInvoicePaid(tx: Tx, event: Stripe.Event, invoice: InvoiceObject, eventAt: Date): Promise<Outcome> {
    const customerId = idOf(invoice.customer);
    const userId = await this.repository.findUserIdForStripe(tx, customerId, null);
    if (!userId) return { applied: false, reason: `no user for customer ${customerId}` };
    const current = await this.repository.lockSubscription(tx, userId);
    if (this.isStale(current, eventAt)) return { applied: false, reason: 'older than the newest applied event' };
    const status: SubscriptionStatus = current.status === 'PAST_DUE' || current.status === 'UNPAID' || current.status === 'INCOMPLETE' ? 'ACTIVE' : current.status;
    const updated = await this.repository.updateSubscription(tx, userId, { status, graceUntil: null, lastEventAt: eventAt });
    await this.setPlan(tx, event, userId, planGranted(updated.status, updated.plan, null, new Date()));
    return { applied: true };
  }

  /** A plan change is audited in the transaction that makes it, so neither exists without the other. */
  private async setPlan(tx: Tx, event: Stripe.Event, userId: string, plan: Plan): Promise<void> {
    const previous = await this.repository.setPlanInTx(tx, userId, plan);
    if (previous === plan) return;
    await this.audit.recordInTx(tx, {
      system: true,
      userId,
      teamId: null,
      action: 'user.plan.change',
      resourceType: 'user',
      resourceId: userId,
      before: { plan: previous },
      after: { plan },
      metadata: { source: 'stripe', stripeEventId: event.id, stripeEventType: event.type },
    });
  }

  private isStale(current: Subscription, eventAt: Date): boolean {
    return current.lastEventAt !== null && eventAt < current.lastEventAt;
  }
}
