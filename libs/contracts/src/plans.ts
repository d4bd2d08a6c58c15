/** Every plan's limits, in one place. Billing, quotas, crawls and teams all read them from here. */
export const PLANS = ['FREE', 'STARTER', 'PRO', 'AGENCY', 'ENTERPRISE'] as const;
export type PlanName = (typeof PLANS)[number];

/** How a plan is named to people (API messages, dashboard, emails). */
export const PLAN_LABELS: Record<PlanName, string> = { FREE: 'Free', STARTER: 'Starter', PRO: 'Pro', AGENCY: 'Agency', ENTERPRISE: 'Enterprise' };

export interface PlanLimits {
  sites: number;
  fixesPerMonth: number;
  pagesPerCrawl: number;
  apiCallsPerMonth: number;
  teamSeats: number;
  /** Shortest interval between scheduled crawls, in hours. */
  minCrawlFrequencyHours: number;
  /** Claude tokens per month for proposals and chat. */
  aiTokensPerMonth: number;
}

export const PLAN_LIMITS: Record<PlanName, PlanLimits> = {
  FREE: { sites: 1, fixesPerMonth: 10, pagesPerCrawl: 100, apiCallsPerMonth: 1_000, teamSeats: 1, minCrawlFrequencyHours: 168, aiTokensPerMonth: 20_000 },
  STARTER: { sites: 3, fixesPerMonth: 100, pagesPerCrawl: 500, apiCallsPerMonth: 10_000, teamSeats: 2, minCrawlFrequencyHours: 24, aiTokensPerMonth: 200_000 },
  PRO: { sites: 10, fixesPerMonth: 1_000, pagesPerCrawl: 5_000, apiCallsPerMonth: 100_000, teamSeats: 5, minCrawlFrequencyHours: 24, aiTokensPerMonth: 2_000_000 },
  AGENCY: { sites: 50, fixesPerMonth: 10_000, pagesPerCrawl: 20_000, apiCallsPerMonth: 1_000_000, teamSeats: 20, minCrawlFrequencyHours: 6, aiTokensPerMonth: 10_000_000 },
  ENTERPRISE: { sites: 1_000, fixesPerMonth: 100_000, pagesPerCrawl: 100_000, apiCallsPerMonth: 10_000_000, teamSeats: 100, minCrawlFrequencyHours: 1, aiTokensPerMonth: 100_000_000 },
};

/** Monthly meters kept in UsageRecord, and the limit each one is held to. */
export const USAGE_METERS = {
  fixesApplied: 'fixesPerMonth',
  apiCalls: 'apiCallsPerMonth',
  aiTokens: 'aiTokensPerMonth',
} as const satisfies Record<string, keyof PlanLimits>;
export type UsageMeter = keyof typeof USAGE_METERS;
