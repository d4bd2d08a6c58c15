import type { ApiErrorBody } from '@seology/contracts';
import { createTestApp, signUpUser, type TestApp } from '../testing/test-app';
import { AuditService } from '../audit/audit.service';
import type { AuthResponseDto } from '../auth/dto/auth.dto';
import type { UsageOverviewDto } from '../usage/dto/usage.dto';
import { BillingScheduler } from './billing.scheduler';
import type { AdminUserPlanDto, BillingOverviewDto, RedirectUrlDto, WebhookAckDto } from './dto/billing.dto';
import { signWebhook, startStripeContractServer, stripeEvent, type StripeContractServer } from './testing/stripe-contract-server';

const WEBHOOK_SECRET = 'whsec_test_0123456789abcdef0123456789abcdef';

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

function subscription(customer: string, status: string, price: string, extra: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return {
    id: `sub_of_${customer}`, object: 'subscription', customer, status, cancel_at_period_end: false, trial_end: null, metadata: {},
    items: { object: 'list', data: [{ id: 'si_1', price: { id: price }, current_period_start: now, current_period_end: now + 30 * 86_400 }] },
    ...extra,
  };
}

describe('billing without Stripe (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    for (const key of ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_API_BASE', 'STRIPE_PRICE_STARTER', 'STRIPE_PRICE_PRO', 'STRIPE_PRICE_AGENCY']) delete process.env[key];
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('says billing is not configured and lets an admin set plans instead', async () => {
    const user = await signUpUser(t);
    const overview = (await t.http().get('/api/billing').set(user.auth).expect(200)).body as BillingOverviewDto;
    expect(overview).toMatchObject({ billingEnabled: false, plan: 'FREE', subscription: null, purchasablePlans: [] });
    const checkout = (await t.http().post('/api/billing/checkout').set(user.auth).send({ plan: 'PRO' }).expect(503)).body as ApiErrorBody;
    expect(checkout).toMatchObject({ code: 'BILLING_DISABLED' });
    expect(checkout.message).toContain('Billing is not configured');
    await t.http().post('/api/billing/portal').set(user.auth).expect(503);
    const hook = (await t.http().post('/api/billing/webhook').set('stripe-signature', 't=1,v1=x').send({ id: 'evt_1' }).expect(503)).body as ApiErrorBody;
    expect(hook.message).toContain('Billing is not configured');

    const refused = (await t.http().patch(`/api/admin/users/${user.id}/plan`).set(user.auth).send({ plan: 'PRO' }).expect(403)).body as ApiErrorBody;
    expect(refused.message).toContain('ADMIN');
    const admin = await signUpUser(t, 'admin');
    await t.prisma.user.update({ where: { id: admin.id }, data: { role: 'ADMIN' } });
    const signedIn = (await t.http().post('/api/auth/signin').send({ email: admin.email, password: 'correct horse battery' }).expect(200)).body as AuthResponseDto;
    const adminAuth = { Authorization: `Bearer ${signedIn.accessToken}` };
    await t.http().patch(`/api/admin/users/${user.id}/plan`).set(adminAuth).send({ plan: 'GOLD' }).expect(400);
    await t.http().patch('/api/admin/users/nobody/plan').set(adminAuth).send({ plan: 'PRO' }).expect(404);
    const set = (await t.http().patch(`/api/admin/users/${user.id}/plan`).set(adminAuth).send({ plan: 'PRO' }).expect(200)).body as AdminUserPlanDto;
    expect(set).toMatchObject({ id: user.id, plan: 'PRO' });
    expect(((await t.http().get('/api/billing').set(user.auth)).body as BillingOverviewDto).plan).toBe('PRO');
    expect(((await t.http().get('/api/usage').set(user.auth)).body as UsageOverviewDto).meters.sites.limit).toBe(10);
  });
});

describe('billing with Stripe (e2e against a local Stripe contract server)', () => {
  let t: TestApp;
  let stripe: StripeContractServer;

  beforeAll(async () => {
    stripe = await startStripeContractServer({ prices: ['price_starter', 'price_pro'] });
    t = await createTestApp({
      STRIPE_SECRET_KEY: stripe.secretKey,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: stripe.baseUrl,
      STRIPE_PRICE_STARTER: 'price_starter',
      STRIPE_PRICE_PRO: 'price_pro',
      STRIPE_PRICE_AGENCY: 'price_agency_unknown_to_stripe',
      APP_URL: 'https://app.seology.test',
    });
  });
  afterAll(async () => {
    await t?.close();
    await stripe?.close();
  });

  function deliver(event: Record<string, unknown>, secret = WEBHOOK_SECRET, timestamp?: number) {
    const { body, signature } = signWebhook(event, secret, timestamp);
    return t.http().post('/api/billing/webhook').set('content-type', 'application/json').set('stripe-signature', signature).send(body);
  }

  it('returns the Checkout URL from Stripe, creating the customer once', async () => {
    const user = await signUpUser(t);
    await t.http().post('/api/billing/portal').set(user.auth).expect(409);
    const [a, b] = await Promise.all([
      t.http().post('/api/billing/checkout').set(user.auth).send({ plan: 'STARTER' }).expect(200),
      t.http().post('/api/billing/checkout').set(user.auth).send({ plan: 'PRO' }).expect(200),
    ]);
    expect((a.body as RedirectUrlDto).url).toMatch(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/);
    expect((b.body as RedirectUrlDto).url).toMatch(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/);
    const stored = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.stripeCustomerId).toMatch(/^cus_/);
    const mine = [...stripe.customers.values()].filter((c) => c.metadata.userId === user.id);
    expect(mine).toHaveLength(1);
    const sessions = stripe.requests.filter((r) => r.path === '/v1/checkout/sessions' && r.form.client_reference_id === user.id);
    expect(sessions).toHaveLength(2);
    expect(sessions.every((r) => r.form.customer === stored.stripeCustomerId && r.form.mode === 'subscription')).toBe(true);
    expect(sessions.map((r) => r.form['line_items[0][price]']).sort()).toEqual(['price_pro', 'price_starter']);

    const portal = (await t.http().post('/api/billing/portal').set(user.auth).expect(200)).body as RedirectUrlDto;
    expect(portal.url).toMatch(/^https:\/\/billing\.stripe\.test\/p\/session\/bps_/);

    // Stripe's error body is passed on, readable.
    const refused = (await t.http().post('/api/billing/checkout').set(user.auth).send({ plan: 'AGENCY' }).expect(502)).body as ApiErrorBody;
    expect(refused).toMatchObject({ code: 'STRIPE_ERROR' });
    expect(refused.message).toContain("No such price: 'price_agency_unknown_to_stripe'");
    await t.http().post('/api/billing/checkout').set(user.auth).send({ plan: 'ENTERPRISE' }).expect(400);
  });

  it('applies events delivered 10 times, concurrently and out of order, exactly once and in order', async () => {
    const user = await signUpUser(t);
    await t.http().post('/api/billing/checkout').set(user.auth).send({ plan: 'STARTER' }).expect(200);
    const { stripeCustomerId: customer } = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    const now = Math.floor(Date.now() / 1000);
    const events = [
      stripeEvent('checkout.session.completed', { id: 'cs_1', object: 'checkout.session', customer, subscription: `sub_of_${customer}`, client_reference_id: user.id }, now - 40),
      stripeEvent('customer.subscription.created', subscription(customer!, 'incomplete', 'price_starter'), now - 30),
      stripeEvent('customer.subscription.updated', subscription(customer!, 'active', 'price_starter'), now - 20),
      stripeEvent('customer.subscription.updated', subscription(customer!, 'active', 'price_pro', { cancel_at_period_end: true }), now - 10),
    ];
    const deliveries = shuffled(events.flatMap((e) => Array.from({ length: 10 }, () => e)));
    const answers = await Promise.all(deliveries.map((e) => deliver(e)));
    expect(answers.map((a) => a.status)).toEqual(deliveries.map(() => 200));
    expect(answers.filter((a) => (a.body as WebhookAckDto).duplicate === false)).toHaveLength(events.length);
    expect(await t.prisma.stripeEvent.count({ where: { id: { in: events.map((e) => e.id as string) } } })).toBe(events.length);

    const sub = await t.prisma.subscription.findUniqueOrThrow({ where: { userId: user.id } });
    expect(sub).toMatchObject({ status: 'ACTIVE', plan: 'PRO', cancelAtPeriodEnd: true, stripeSubscriptionId: `sub_of_${customer}`, stripePriceId: 'price_pro' });
    expect(sub.lastEventAt?.getTime()).toBe((now - 10) * 1000);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).plan).toBe('PRO');
    const overview = (await t.http().get('/api/billing').set(user.auth).expect(200)).body as BillingOverviewDto;
    expect(overview).toMatchObject({ billingEnabled: true, plan: 'PRO', subscription: { status: 'ACTIVE', plan: 'PRO', cancelAtPeriodEnd: true, graceUntil: null } });
    expect(overview.subscription!.currentPeriodEnd).not.toBeNull();

    // A failed payment, delivered 10 times at once: one grace period, one notification, one email.
    const failed = stripeEvent('invoice.payment_failed', { id: 'in_1', object: 'invoice', customer }, now - 5);
    const failedAnswers = await Promise.all(Array.from({ length: 10 }, () => deliver(failed)));
    expect(failedAnswers.every((a) => a.status === 200)).toBe(true);
    expect(await t.prisma.stripeEvent.count({ where: { id: failed.id as string } })).toBe(1);
    const pastDue = await t.prisma.subscription.findUniqueOrThrow({ where: { userId: user.id } });
    expect(pastDue.status).toBe('PAST_DUE');
    expect(pastDue.graceUntil!.getTime()).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);
    expect(pastDue.graceUntil!.getTime()).toBeLessThanOrEqual(Date.now() + 7 * 86_400_000);
    expect(await t.prisma.notification.count({ where: { userId: user.id, type: 'payment.failed' } })).toBe(1);
    const emails = await t.prisma.job.findMany({ where: { type: 'SEND_EMAIL', userId: user.id } });
    expect(emails).toHaveLength(1);
    expect(emails[0]!.payload).toMatchObject({ to: user.email, subject: 'Your Seology payment failed' });
    expect(((await t.http().get('/api/billing').set(user.auth)).body as BillingOverviewDto).plan).toBe('PRO'); // still inside the grace period

    // A late invoice.paid from before the failure changes nothing; a newer one clears the grace period.
    await deliver(stripeEvent('invoice.paid', { id: 'in_0', object: 'invoice', customer }, now - 15)).expect(200);
    expect((await t.prisma.subscription.findUniqueOrThrow({ where: { userId: user.id } })).status).toBe('PAST_DUE');
    await deliver(stripeEvent('invoice.paid', { id: 'in_1', object: 'invoice', customer }, now - 1)).expect(200);
    const paid = await t.prisma.subscription.findUniqueOrThrow({ where: { userId: user.id } });
    expect(paid).toMatchObject({ status: 'ACTIVE', graceUntil: null });

    // Deleted: back to FREE.
    await deliver(stripeEvent('customer.subscription.deleted', subscription(customer!, 'canceled', 'price_pro'), now)).expect(200);
    expect(await t.prisma.subscription.findUniqueOrThrow({ where: { userId: user.id } })).toMatchObject({ status: 'CANCELED' });
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).plan).toBe('FREE');
  });

  it('falls back to FREE when the grace period after a failed payment has passed', async () => {
    const user = await signUpUser(t);
    await t.http().post('/api/billing/checkout').set(user.auth).send({ plan: 'STARTER' }).expect(200);
    const { stripeCustomerId: customer } = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    const now = Math.floor(Date.now() / 1000);
    await deliver(stripeEvent('customer.subscription.created', subscription(customer!, 'active', 'price_starter'), now - 20)).expect(200);
    await deliver(stripeEvent('invoice.payment_failed', { id: 'in_2', object: 'invoice', customer }, now - 10)).expect(200);
    expect((await t.http().get('/api/usage').set(user.auth)).body).toMatchObject({ plan: 'STARTER', meters: { sites: { limit: 3 } } });
    await t.prisma.subscription.update({ where: { userId: user.id }, data: { graceUntil: new Date(Date.now() - 1000) } });
    expect((await t.http().get('/api/usage').set(user.auth)).body).toMatchObject({ plan: 'FREE', meters: { sites: { limit: 1 } } });
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).plan).toBe('FREE');
    expect((await t.http().get('/api/billing').set(user.auth)).body).toMatchObject({ plan: 'FREE', subscription: { status: 'PAST_DUE' } });
  });

  it('the hourly sweep moves lapsed grace periods to FREE without waiting for a read, and only those', async () => {
    const lapsed = await signUpUser(t);
    const inGrace = await signUpUser(t);
    for (const [user, graceUntil] of [[lapsed, new Date(Date.now() - 1000)], [inGrace, new Date(Date.now() + 86_400_000)]] as const) {
      await t.prisma.user.update({ where: { id: user.id }, data: { plan: 'PRO' } });
      await t.prisma.subscription.create({ data: { userId: user.id, plan: 'PRO', status: 'PAST_DUE', graceUntil } });
    }
    const sweep = t.app.get(BillingScheduler);
    expect(await sweep.endLapsedGracePeriods()).toBeGreaterThanOrEqual(1);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: lapsed.id } })).plan).toBe('FREE');
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: inGrace.id } })).plan).toBe('PRO');
    expect(await sweep.endLapsedGracePeriods()).toBe(0);
  });

  it('audits the plan changes of the hourly sweep and of the lazy fall-back, once each, even with sweeps running at once', async () => {
    const swept = await signUpUser(t);
    const readLater = await signUpUser(t);
    for (const user of [swept, readLater]) {
      await t.prisma.user.update({ where: { id: user.id }, data: { plan: 'PRO' } });
      await t.prisma.subscription.create({ data: { userId: user.id, plan: 'PRO', status: 'PAST_DUE', graceUntil: new Date(Date.now() + 86_400_000) } });
    }
    // The lazy path: the first limit check after the grace period moves the user to FREE.
    await t.prisma.subscription.update({ where: { userId: readLater.id }, data: { graceUntil: new Date(Date.now() - 1000) } });
    expect((await t.http().get('/api/usage').set(readLater.auth)).body).toMatchObject({ plan: 'FREE' });
    await t.http().get('/api/usage').set(readLater.auth).expect(200);

    await t.prisma.subscription.update({ where: { userId: swept.id }, data: { graceUntil: new Date(Date.now() - 1000) } });
    const sweep = t.app.get(BillingScheduler);
    await Promise.all([sweep.endLapsedGracePeriods(), sweep.endLapsedGracePeriods(), sweep.endLapsedGracePeriods()]);

    for (const user of [swept, readLater]) {
      const entries = await t.prisma.auditLog.findMany({ where: { userId: user.id, action: 'user.plan.change' } });
      expect(entries.map((e) => [e.actorType, e.before, e.after, (e.metadata as { source?: string }).source])).toEqual([
        ['SYSTEM', { plan: 'PRO' }, { plan: 'FREE' }, 'grace-period-ended'],
      ]);
    }
    expect(await t.app.get(AuditService).verify()).toMatchObject({ valid: true });
  });

  it('audits every plan change a webhook makes, once, in the transaction that makes it', async () => {
    const user = await signUpUser(t);
    await t.http().post('/api/billing/checkout').set(user.auth).send({ plan: 'PRO' }).expect(200);
    const { stripeCustomerId: customer } = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    const now = Math.floor(Date.now() / 1000);
    const created = stripeEvent('customer.subscription.created', subscription(customer!, 'active', 'price_pro'), now - 10);
    await Promise.all([deliver(created).expect(200), deliver(created).expect(200)]);
    await deliver(stripeEvent('customer.subscription.updated', subscription(customer!, 'active', 'price_pro', { cancel_at_period_end: true }), now - 5)).expect(200);
    const deleted = stripeEvent('customer.subscription.deleted', subscription(customer!, 'canceled', 'price_pro'), now);
    await deliver(deleted).expect(200);

    const entries = await t.prisma.auditLog.findMany({ where: { userId: user.id, action: 'user.plan.change' }, orderBy: { seq: 'asc' } });
    expect(entries.map((e) => [e.actorType, e.before, e.after])).toEqual([
      ['SYSTEM', { plan: 'FREE' }, { plan: 'PRO' }],
      ['SYSTEM', { plan: 'PRO' }, { plan: 'FREE' }],
    ]);
    expect(entries.map((e) => (e.metadata as { stripeEventId: string }).stripeEventId)).toEqual([created.id, deleted.id]);
    expect(await t.app.get(AuditService).verify()).toMatchObject({ valid: true });
  });

  it('refuses stale, future-dated, forged and altered signatures and records nothing', async () => {
    const event = stripeEvent('invoice.paid', { id: 'in_x', object: 'invoice', customer: 'cus_nobody' }, Math.floor(Date.now() / 1000));
    const stale = (await deliver(event, WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 600).expect(400)).body as ApiErrorBody;
    expect(stale).toMatchObject({ code: 'WEBHOOK_SIGNATURE_STALE' });
    expect(stale.message).toContain('more than 300 seconds old');
    const future = (await deliver(event, WEBHOOK_SECRET, Math.floor(Date.now() / 1000) + 3600).expect(400)).body as ApiErrorBody;
    expect(future).toMatchObject({ code: 'WEBHOOK_SIGNATURE_STALE' });
    expect(future.message).toContain('more than 300 seconds in the future');
    // Inside the tolerance both ways is still fine (clocks drift a little).
    const skewed = stripeEvent('invoice.paid', { id: 'in_skew', object: 'invoice', customer: 'cus_nobody' }, Math.floor(Date.now() / 1000));
    await deliver(skewed, WEBHOOK_SECRET, Math.floor(Date.now() / 1000) + 120).expect(200);
    const forged = (await deliver(event, 'whsec_someone_else').expect(400)).body as ApiErrorBody;
    expect(forged).toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID' });
    expect(forged.message).toContain('does not match');
    const { signature } = signWebhook(event, WEBHOOK_SECRET);
    const altered = JSON.stringify({ ...event, type: 'customer.subscription.deleted' });
    await t.http().post('/api/billing/webhook').set('content-type', 'application/json').set('stripe-signature', signature).send(altered).expect(400);
    const unsigned = (await t.http().post('/api/billing/webhook').set('content-type', 'application/json').send(JSON.stringify(event)).expect(400)).body as ApiErrorBody;
    expect(unsigned.message).toContain('Stripe-Signature header is missing');
    expect(await t.prisma.stripeEvent.count({ where: { id: event.id as string } })).toBe(0);
    // The genuine delivery still goes through (unknown customer: recorded, no effect).
    expect((await deliver(event).expect(200)).body).toEqual({ received: true, duplicate: false });
  });
});
