import { Link } from 'react-router-dom';
import { formatNumber } from '../../lib/format';
import { useBilling } from './api';
import { PLAN_LABELS, PLAN_LIMITS, PLANS, type PlanName } from './plans';

type Limit = 'sites' | 'teamSeats' | 'fixesPerMonth' | 'pagesPerCrawl' | 'apiCallsPerMonth' | 'aiTokensPerMonth';
const NOUNS: Record<Limit, [string, string]> = {
  sites: ['site', 'sites'],
  teamSeats: ['team seat', 'team seats'],
  fixesPerMonth: ['fix a month', 'fixes a month'],
  pagesPerCrawl: ['page per crawl', 'pages per crawl'],
  apiCallsPerMonth: ['API call a month', 'API calls a month'],
  aiTokensPerMonth: ['AI token a month', 'AI tokens a month'],
};

export function limitText(limit: Limit, value: number): string {
  const [one, many] = NOUNS[limit];
  return `${formatNumber(value)} ${value === 1 ? one : many}`;
}

/** The plans above `plan` that raise `limit`, cheapest first. */
export function higherPlans(plan: PlanName, limit: Limit): { plan: PlanName; value: number }[] {
  const current = PLAN_LIMITS[plan][limit];
  return PLANS.slice(PLANS.indexOf(plan) + 1)
    .filter((p) => PLAN_LIMITS[p][limit] > current)
    .map((p) => ({ plan: p, value: PLAN_LIMITS[p][limit] }));
}

/** "Starter allows 2 team seats, Pro 5, Agency 20 and Enterprise 100." */
export function upgradeSentence(plan: PlanName, limit: Limit): string {
  const [first, ...rest] = higherPlans(plan, limit);
  if (!first) return 'No plan allows more.';
  const others = rest.map((p) => `${PLAN_LABELS[p.plan]} ${formatNumber(p.value)}`);
  const tail = others.length > 1 ? `, ${others.slice(0, -1).join(', ')} and ${others.at(-1)}` : others.length ? ` and ${others[0]}` : '';
  return `${PLAN_LABELS[first.plan]} allows ${limitText(limit, first.value)}${tail}.`;
}

/** Where a plan is changed: Stripe's checkout on the Billing page, or an administrator when payments are off. */
export function HowToUpgrade() {
  const billing = useBilling();
  if (!billing.data) return null;
  return billing.data.billingEnabled ? (
    <>
      <Link to="/billing">Upgrade on the Billing page</Link>.
    </>
  ) : (
    <>
      Online payments are off on this server: an administrator sets plans (<Link to="/billing#change-plan">how</Link>).
    </>
  );
}

/**
 * Why a control is off, what an upgrade would allow and how to get it, for a limit of `plan`.
 * `whose` names the plan whose limit applies ("Your plan", "The team owner’s plan").
 */
export function UpgradeHint({ plan, limit, whose = 'Your plan', children }: { plan: PlanName; limit: Limit; whose?: string; children?: React.ReactNode }) {
  return (
    <p className="upgrade-hint" data-testid={`upgrade-hint-${limit}`}>
      {children ? <>{children} </> : null}
      {whose} ({PLAN_LABELS[plan]}) allows {limitText(limit, PLAN_LIMITS[plan][limit])}. {upgradeSentence(plan, limit)} <HowToUpgrade />
    </p>
  );
}
