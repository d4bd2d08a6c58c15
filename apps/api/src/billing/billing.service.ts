import { HttpStatus, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { Plan } from '@prisma/client';
import Stripe from 'stripe';
import { AppConfig } from '../config/app-config';
import type { Actor } from '../common/decorators/auth.decorators';
import { ApiError } from '../common/filters/http-error.filter';
import { UsageService } from '../usage/usage.service';
import { BillingRepository } from './billing.repository';
import { AdminUserPlanDto, BillingOverviewDto, CreateCheckoutDto, PURCHASABLE_PLANS, RedirectUrlDto, SetPlanDto, type PurchasablePlan } from './dto/billing.dto';
import { STRIPE_CLIENT } from './stripe.client';

export const BILLING_DISABLED_MESSAGE =
  'Billing is not configured on this server (STRIPE_SECRET_KEY is not set). An administrator can set plans with PATCH /api/admin/users/:id/plan.';

/** Checkout, the customer portal and the billing overview. Webhook events are applied by StripeWebhookService. */
@Injectable()
export class BillingService {
  private readonly logger = new Logger(BillingService.name);

  constructor(
    @Inject(STRIPE_CLIENT) private readonly stripe: Stripe | null,
    private readonly billing: BillingRepository,
    private readonly usage: UsageService,
    private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.stripe !== null;
  }

  /** Stripe price id → plan, from STRIPE_PRICE_*; the one mapping both Checkout and webhooks use. */
  priceIdOf(plan: PurchasablePlan): string | undefined {
    const byPlan: Record<PurchasablePlan, string | undefined> = {
      STARTER: this.config.STRIPE_PRICE_STARTER,
      PRO: this.config.STRIPE_PRICE_PRO,
      AGENCY: this.config.STRIPE_PRICE_AGENCY,
    };
    return byPlan[plan];
  }

  planOfPrice(priceId: string | null | undefined): Plan | null {
    if (!priceId) return null;
    return PURCHASABLE_PLANS.find((plan) => this.priceIdOf(plan) === priceId) ?? null;
  }

  async overview(actor: Actor): Promise<BillingOverviewDto> {
    const plan = await this.usage.planOf(actor.userId);
    const user = await this.billing.findUserWithSubscription(actor.userId);
    const sub = user?.subscription ?? null;
    return {
      billingEnabled: this.enabled,
      plan,
      subscription: sub
        ? {
            status: sub.status,
            plan: sub.plan,
            currentPeriodStart: sub.currentPeriodStart,
            currentPeriodEnd: sub.currentPeriodEnd,
            trialEnd: sub.trialEnd,
            cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
            graceUntil: sub.graceUntil,
          }
        : null,
      purchasablePlans: this.enabled ? PURCHASABLE_PLANS.filter((p) => this.priceIdOf(p)) : [],
    };
  }

  async createCheckout(actor: Actor, dto: CreateCheckoutDto): Promise<RedirectUrlDto> {
    const stripe = this.requireStripe();
    const price = this.priceIdOf(dto.plan);
    if (!price) {
      throw new ApiError(HttpStatus.CONFLICT, `The ${dto.plan} plan cannot be bought yet: STRIPE_PRICE_${dto.plan} is not configured.`, 'PLAN_NOT_PURCHASABLE');
    }
    const customer = await this.customerOf(stripe, actor);
    const base = this.config.APP_URL.replace(/\/$/, '');
    const session = await this.callStripe(() =>
      stripe.checkout.sessions.create({
        mode: 'subscription',
        customer,
        client_reference_id: actor.userId,
        line_items: [{ price, quantity: 1 }],
        success_url: `${base}/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${base}/billing?checkout=cancelled`,
        subscription_data: { metadata: { userId: actor.userId } },
        metadata: { userId: actor.userId, plan: dto.plan },
      }),
    );
    if (!session.url) throw new ApiError(HttpStatus.BAD_GATEWAY, 'Stripe created a checkout session without a URL.', 'STRIPE_ERROR');
    return { id: session.id, url: session.url };
  }

  async createPortal(actor: Actor): Promise<RedirectUrlDto> {
    const stripe = this.requireStripe();
    const user = await this.billing.findUserWithSubscription(actor.userId);
    if (!user?.stripeCustomerId) {
      throw new ApiError(HttpStatus.CONFLICT, 'You have no billing account yet: subscribe to a plan first.', 'NO_BILLING_ACCOUNT');
    }
    const session = await this.callStripe(() =>
      stripe.billingPortal.sessions.create({ customer: user.stripeCustomerId!, return_url: `${this.config.APP_URL.replace(/\/$/, '')}/billing` }),
    );
    return { id: session.id, url: session.url };
  }

  /** Admin override, the way to change plans when billing is off (and for contract customers). */
  async setPlan(userId: string, dto: SetPlanDto): Promise<AdminUserPlanDto> {
    const user = await this.billing.setPlanOfUser(userId, dto.plan);
    if (!user) throw new NotFoundException('No user with this id.');
    this.logger.log(`plan of user ${userId} set to ${dto.plan} by an administrator`);
    return { id: user.id, email: user.email, plan: user.plan };
  }

  requireStripe(): Stripe {
    if (!this.stripe) throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, BILLING_DISABLED_MESSAGE, 'BILLING_DISABLED');
    return this.stripe;
  }

  /**
   * The user's Stripe customer, created once. The idempotency key makes concurrent first checkouts
   * get the same customer from Stripe; the conditional update keeps the first one stored.
   */
  private async customerOf(stripe: Stripe, actor: Actor): Promise<string> {
    const user = await this.billing.findUserWithSubscription(actor.userId);
    if (!user) throw new NotFoundException('Your account no longer exists.');
    if (user.stripeCustomerId) return user.stripeCustomerId;
    const customer = await this.callStripe(() =>
      stripe.customers.create({ email: user.email, metadata: { userId: user.id } }, { idempotencyKey: `seology-customer-${user.id}` }),
    );
    return this.billing.keepFirstCustomerId(user.id, customer.id);
  }

  /** Stripe's own message is actionable (bad price id, deleted customer), so it is passed on as a 502. */
  private async callStripe<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof Stripe.errors.StripeError) {
        this.logger.warn(`Stripe refused a request: ${error.type} ${error.message}`);
        const unreachable = error instanceof Stripe.errors.StripeConnectionError;
        throw new ApiError(
          unreachable ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY,
          unreachable ? 'Stripe cannot be reached right now; try again in a minute.' : `Stripe refused the request: ${error.message}`,
          'STRIPE_ERROR',
          { type: error.type },
        );
      }
      throw error;
    }
  }
}

