import type { PlanName } from '@seology/contracts';

/**
 * How long a report's files are kept, by the site owner's plan when the report was made. Housekeeping
 * (PURGE_EXPIRED_REPORTS, daily) deletes reports past their `expiresAt`.
 */
export const REPORT_RETENTION_DAYS: Record<PlanName, number> = {
  FREE: 30,
  STARTER: 90,
  PRO: 365,
  AGENCY: 730,
  ENTERPRISE: 1825,
};

/** Completed Job rows are deleted after this many days (failed and cancelled ones stay for inspection). */
export const COMPLETED_JOB_RETENTION_DAYS = 7;
/** Metric rows (health score and Search Console) older than this many days are deleted. */
export const METRIC_RETENTION_DAYS = 730;

export function reportExpiry(plan: PlanName, createdAt: Date): Date {
  return new Date(createdAt.getTime() + REPORT_RETENTION_DAYS[plan] * 86_400_000);
}

/** Plans whose reports carry the account's own name and logo instead of Seology's. */
export function plansWithBranding(plan: PlanName): boolean {
  return plan === 'AGENCY' || plan === 'ENTERPRISE';
}
