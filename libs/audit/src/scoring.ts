import { CHECKS, getCheck } from './catalogue';
import type { CheckDefinition, Severity } from './model';

/**
 * Scoring model (reproduced in docs/checks.md, keep both in sync):
 *
 *   severityFactor: CRITICAL 1.0, HIGH 0.7, MEDIUM 0.4, LOW 0.2, INFO 0
 *   impactScore(check) = round(100 × severityFactor × weight / 10)          (0..100)
 *   reach(check)       = pagesAffected / pagesAudited  (capped at 1; checks with affects='site' count as 1 once they fire)
 *   health             = round(100 × Π over checks (1 − impactScore/100 × reach))
 *
 * A product keeps the score bounded, lets one catastrophic issue (every page 5xx) reach 0, and makes
 * many small issues erode the score gradually rather than subtracting past zero.
 */
export const SEVERITY_FACTOR: Readonly<Record<Severity, number>> = Object.freeze({
  CRITICAL: 1,
  HIGH: 0.7,
  MEDIUM: 0.4,
  LOW: 0.2,
  INFO: 0,
});

export function impactScoreOf(check: Pick<CheckDefinition, 'severity' | 'weight'>): number {
  return Math.round((100 * SEVERITY_FACTOR[check.severity] * check.weight) / 10);
}

/** 0..100 impact of a finding of this check; 0 for unknown ids. */
export function impactScore(checkId: string): number {
  const check = getCheck(checkId);
  return check === undefined ? 0 : impactScoreOf(check);
}

export interface HealthInput {
  pagesAudited: number;
  /** Distinct pages with at least one finding, per check id. */
  pagesAffectedByCheck: Readonly<Record<string, number>>;
}

export function computeHealthScore(input: HealthInput, checks: readonly CheckDefinition[] = CHECKS): number {
  let product = 1;
  for (const check of checks) {
    const affected = input.pagesAffectedByCheck[check.id] ?? 0;
    if (affected <= 0) continue;
    let reach: number;
    if (check.affects === 'site') reach = 1;
    else reach = input.pagesAudited > 0 ? Math.min(1, affected / input.pagesAudited) : 1;
    product *= 1 - (impactScoreOf(check) / 100) * reach;
  }
  return Math.round(100 * Math.max(0, product));
}
