import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { Alert } from '../../components/Alert';
import { Badge, type BadgeTone } from '../../components/Badge';
import { useNotify } from '../../components/Announcer';
import { Button } from '../../components/Button';
import { CopyButton } from '../../components/CopyButton';
import { SelectField, TextField } from '../../components/Field';
import { useCurrentUser } from '../../auth/auth-context';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { LoadingState } from '../../components/Spinner';
import { RelativeTime } from '../../components/Time';
import { formatNumber } from '../../lib/format';
import { PLAN_LABELS, PLAN_LIMITS, PLANS, type PlanName } from './plans';
import { useBilling, useCheckout, usePortal, useSetUserPlan, useUsage, type BillingOverview, type PurchasablePlan, type UsageOverview } from './api';

const SUBSCRIPTION_STATUS: Record<NonNullable<BillingOverview['subscription']>['status'], { label: string; tone: BadgeTone }> = {
  TRIALING: { label: 'Trial', tone: 'info' },
  ACTIVE: { label: 'Active', tone: 'success' },
  PAST_DUE: { label: 'Payment overdue', tone: 'danger' },
  CANCELED: { label: 'Cancelled', tone: 'neutral' },
  UNPAID: { label: 'Unpaid', tone: 'danger' },
  INCOMPLETE: { label: 'Incomplete', tone: 'warning' },
  INCOMPLETE_EXPIRED: { label: 'Expired', tone: 'neutral' },
  PAUSED: { label: 'Paused', tone: 'warning' },
};

const METERS: { key: keyof UsageOverview['meters']; label: string; monthly: boolean }[] = [
  { key: 'sites', label: 'Sites', monthly: false },
  { key: 'teamSeats', label: 'Team seats', monthly: false },
  { key: 'fixesApplied', label: 'Fixes applied', monthly: true },
  { key: 'apiCalls', label: 'API calls', monthly: true },
  { key: 'aiTokens', label: 'AI tokens', monthly: true },
];

/** Leaving the dashboard for Stripe; a function so tests can watch it. */
export type Redirect = (url: string) => void;
const browserRedirect: Redirect = (url) => window.location.assign(url);

export function BillingPage({ redirect = browserRedirect }: { redirect?: Redirect }) {
  const [params] = useSearchParams();
  const checkout = params.get('checkout');
  const billing = useBilling();
  const usage = useUsage();
  return (
    <>
      <PageHeader title="Billing and usage" description="Your plan, what you have used this month, and upgrades." />
      {checkout === 'success' ? (
        <Alert tone="success" title="Thank you! Your payment went through.">
          Your new plan applies as soon as Stripe confirms it, usually within a minute. Reload this page if it still shows the old plan.
        </Alert>
      ) : checkout === 'cancelled' ? (
        <Alert tone="info" title="Checkout cancelled.">
          Nothing was charged. Your plan is unchanged.
        </Alert>
      ) : null}
      {billing.isPending ? (
        <LoadingState label="Loading your plan…" />
      ) : billing.isError ? (
        <ErrorState title="Could not load your plan" error={billing.error} onRetry={() => void billing.refetch()} />
      ) : (
        <PlanSection billing={billing.data} redirect={redirect} />
      )}
      <section className="card" aria-labelledby="usage-title">
        <h2 id="usage-title" className="card__title">
          Usage
        </h2>
        {usage.isPending ? (
          <LoadingState label="Loading your usage…" />
        ) : usage.isError ? (
          <ErrorState title="Could not load your usage" error={usage.error} onRetry={() => void usage.refetch()} />
        ) : (
          <UsageMeters usage={usage.data} />
        )}
      </section>
      {billing.data ? <UpgradeSection billing={billing.data} redirect={redirect} /> : null}
      {billing.data && !billing.data.billingEnabled ? <AdminPlanSection current={billing.data.plan} /> : null}
    </>
  );
}

function PlanSection({ billing, redirect }: { billing: BillingOverview; redirect: Redirect }) {
  const portal = usePortal(redirect);
  const subscription = billing.subscription;
  const status = subscription ? SUBSCRIPTION_STATUS[subscription.status] : null;
  return (
    <section className="card" aria-labelledby="plan-title">
      <h2 id="plan-title" className="card__title">
        Current plan
      </h2>
      <dl className="stats">
        <div className="stat">
          <dt>Plan</dt>
          <dd className="stat__number" data-testid="current-plan">
            {PLAN_LABELS[billing.plan]}
          </dd>
        </div>
        {subscription && status ? (
          <>
            <div className="stat">
              <dt>Subscription</dt>
              <dd>
                <Badge tone={status.tone}>{status.label}</Badge>
              </dd>
            </div>
            {subscription.currentPeriodEnd ? (
              <div className="stat">
                <dt>{subscription.cancelAtPeriodEnd ? 'Ends on' : 'Renews on'}</dt>
                <dd>
                  <RelativeTime value={subscription.currentPeriodEnd} />
                </dd>
              </div>
            ) : null}
          </>
        ) : null}
      </dl>
      {subscription?.graceUntil ? (
        <Alert tone="warning" title="Your last payment failed.">
          You keep your plan until <RelativeTime value={subscription.graceUntil} />; after that it falls back to Free. Update your card in the billing portal.
        </Alert>
      ) : null}
      {!billing.billingEnabled ? (
        <p className="card__text muted">
          Online payments are not set up on this Seology server. An administrator sets your plan: <a href="#change-plan">how</a>.
        </p>
      ) : subscription ? (
        <div className="form-actions">
          <Button variant="secondary" loading={portal.isPending} onClick={() => portal.mutate()}>
            Manage subscription
          </Button>
          <span className="muted">Change card, download invoices or cancel in Stripe’s billing portal.</span>
        </div>
      ) : null}
      {portal.isError ? (
        <Alert tone="error" title="Could not open the billing portal">
          {errorMessage(portal.error)}
        </Alert>
      ) : null}
    </section>
  );
}

function meterTone(used: number, limit: number): 'ok' | 'warning' | 'full' {
  if (limit <= 0) return 'full';
  const ratio = used / limit;
  return ratio >= 1 ? 'full' : ratio >= 0.8 ? 'warning' : 'ok';
}

export function UsageMeters({ usage }: { usage: UsageOverview }) {
  const month = new Date(Date.UTC(usage.year, usage.month - 1, 1)).toLocaleDateString(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return (
    <>
      <p className="card__text">Monthly meters count {month} and start again on the first of the month.</p>
      <ul className="meters">
        {METERS.map(({ key, label, monthly }) => {
          const { used, limit } = usage.meters[key];
          const tone = meterTone(used, limit);
          const percent = limit > 0 ? Math.min(100, (used / limit) * 100) : 100;
          return (
            <li key={key} className={`meter meter--${tone}`}>
              <div className="meter__head">
                <span className="meter__label" id={`meter-${key}`}>
                  {label}
                  {monthly ? <span className="muted"> this month</span> : null}
                </span>
                <span className="meter__value">
                  {formatNumber(used)} of {formatNumber(limit)}
                </span>
              </div>
              <div
                className="meter__track"
                role="meter"
                aria-labelledby={`meter-${key}`}
                aria-valuemin={0}
                aria-valuemax={limit}
                aria-valuenow={Math.min(used, limit)}
                aria-valuetext={`${formatNumber(used)} of ${formatNumber(limit)}${tone === 'full' ? ', limit reached' : ''}`}
              >
                <div className="meter__bar" style={{ width: `${percent}%` }} />
              </div>
              {tone === 'full' ? <p className="meter__note">Limit reached: upgrade to keep going.</p> : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}

function UpgradeSection({ billing, redirect }: { billing: BillingOverview; redirect: Redirect }) {
  const checkout = useCheckout(redirect);
  // Without Stripe every plan is still shown, so people see what an upgrade allows; an administrator sets it.
  const plans: string[] = billing.billingEnabled ? billing.purchasablePlans : [...PLANS];
  if (plans.length === 0) return null;
  const currentIndex = PLANS.indexOf(billing.plan);
  return (
    <section className="card" aria-labelledby="upgrade-title">
      <h2 id="upgrade-title" className="card__title">
        Plans
      </h2>
      {checkout.isError ? (
        <Alert tone="error" title="Could not start the checkout">
          {errorMessage(checkout.error)}
        </Alert>
      ) : null}
      <ul className="plan-grid">
        {plans.map((plan) => {
          const limits = PLAN_LIMITS[plan as PlanName];
          const isCurrent = plan === billing.plan;
          const isLower = PLANS.indexOf(plan as PlanName) < currentIndex;
          return (
            <li key={plan} className={`plan-card ${isCurrent ? 'plan-card--current' : ''}`}>
              <h3 className="plan-card__name">{PLAN_LABELS[plan as PlanName]}</h3>
              <ul className="plan-card__limits">
                <li>{formatNumber(limits.sites)} sites</li>
                <li>{formatNumber(limits.teamSeats)} team seats</li>
                <li>{formatNumber(limits.fixesPerMonth)} fixes a month</li>
                <li>{formatNumber(limits.pagesPerCrawl)} pages per crawl</li>
                <li>{formatNumber(limits.apiCallsPerMonth)} API calls a month</li>
                <li>{formatNumber(limits.aiTokensPerMonth)} AI tokens a month</li>
                <li>Re-crawls {limits.minCrawlFrequencyHours >= 168 ? 'weekly' : limits.minCrawlFrequencyHours >= 24 ? 'daily' : `every ${limits.minCrawlFrequencyHours} h`} at most</li>
              </ul>
              {isCurrent ? (
                <Badge tone="success">Your plan</Badge>
              ) : !billing.billingEnabled ? (
                <span className="muted">Set by an administrator</span>
              ) : billing.subscription && billing.subscription.status !== 'CANCELED' ? (
                <span className="muted">Change plans in the billing portal.</span>
              ) : (
                <Button
                  variant={isLower ? 'secondary' : 'primary'}
                  loading={checkout.isPending && checkout.variables === plan}
                  disabled={checkout.isPending}
                  onClick={() => checkout.mutate(plan as PurchasablePlan)}
                >
                  {isLower ? 'Switch' : 'Upgrade'} to {PLAN_LABELS[plan as PlanName]}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      {billing.billingEnabled ? <p className="muted">Payment happens on Stripe’s secure checkout page; you come back here afterwards.</p> : null}
    </section>
  );
}

/**
 * With Stripe off, plans are set by a platform administrator through PATCH /api/admin/users/:id/plan.
 * Everyone sees how (and their own user id to send along); administrators get the form.
 */
function AdminPlanSection({ current }: { current: PlanName }) {
  const user = useCurrentUser();
  const notify = useNotify();
  const setPlan = useSetUserPlan();
  const [userId, setUserId] = useState(user.id);
  const [plan, setPlanChoice] = useState<PlanName>(current);
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const command = `curl -X PATCH ${origin}/api/admin/users/${user.id}/plan -H "authorization: Bearer $ADMIN_ACCESS_TOKEN" -H "content-type: application/json" -d '{"plan":"STARTER"}'`;
  return (
    <section className="card" aria-labelledby="change-plan-title" id="change-plan">
      <h2 id="change-plan-title" className="card__title">
        How plans change on this server
      </h2>
      <p className="card__text">
        Online payments (Stripe) are off here, so a platform administrator sets each account’s plan with <code className="mono">PATCH /api/admin/users/:id/plan</code>, signed in as an
        administrator (the access token from <code className="mono">POST /api/auth/signin</code>). Your user id is <code className="mono">{user.id}</code>.
      </p>
      <div className="copy-row">
        <code className="mono wrap-note">{command}</code> <CopyButton text={command} what="the command" />
      </div>
      {user.role === 'ADMIN' ? (
        <form
          className="form form--wide"
          aria-label="Set a plan"
          onSubmit={(event) => {
            event.preventDefault();
            setPlan.mutate({ userId: userId.trim(), plan }, { onSuccess: (result) => notify(`${result.email} is now on ${PLAN_LABELS[result.plan]}.`) });
          }}
        >
          <p className="card__text">You are an administrator: set a plan here.</p>
          <div className="form-row">
            <TextField label="User id" value={userId} onChange={(e) => setUserId(e.target.value)} hint="Your own id is filled in; people find theirs on this page." required />
            <SelectField label="Plan" value={plan} onChange={(e) => setPlanChoice(e.target.value as PlanName)} options={PLANS.map((p) => ({ value: p, label: PLAN_LABELS[p] }))} />
          </div>
          {setPlan.isError ? (
            <Alert tone="error" title="Could not set the plan">
              {errorMessage(setPlan.error)}
            </Alert>
          ) : null}
          <div className="form-actions">
            <Button type="submit" variant="primary" loading={setPlan.isPending} disabled={!userId.trim()}>
              Set plan
            </Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
