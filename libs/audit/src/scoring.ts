import { CHECKS, getCheck } from './catalogue';
import type { CheckDefinition, Severity } from './model';

/**
 * Impact of one finding (0..100), stored with every issue and used to rank them:
 *
 *   severityFactor: CRITICAL 1.0, HIGH 0.7, MEDIUM 0.4, LOW 0.2, INFO 0
 *   impactScore(check) = round(100 × severityFactor × weight / 10)
 */
export const SEVERITY_FACTOR: Readonly<Record<Severity, number>> = Object.freeze({
  CRITICAL: 1,
  HIGH: 0.7,
  MEDIUM: 0.4,
  LOW: 0.2,
  INFO: 0,
});

/**
 * Health score (reproduced in docs/checks.md, keep both in sync): 100 minus points lost per check,
 *
 *   lost(check)      = SCORE_POINTS[severity] × weight / 10 × reach(check)
 *   reach(check)     = min(1, counted(check) / pagesAudited); 1 for whole-site checks once they fire
 *   counted(check)   = pagesAffected − (1 − BEYOND_KNEE_WEIGHT) × Σ max(0, pages(cause) − knee)
 *   knee             = max(CAUSE_KNEE_PAGES, CAUSE_KNEE_SHARE × pagesAudited)
 *   lost(severity)   = min(SEVERITY_CAP[severity], Σ lost(check) of that severity)
 *   health           = round(max(0, 100 − Σ lost(severity)))          0 when no page answered 2xx
 *
 * A cause is one check with one message and value (as template findings group them). A cause on
 * many pages comes from a template and is one fix, so it counts once: in full on up to 3 pages or a
 * tenth of the pages (whichever is more), and each page beyond that a tenth. A cause on every page
 * of a large site therefore costs 19% of its check's points, not 100%, while causes that differ page by page (a broken link, a too-long title)
 * count every page in full. A sum (not a product), continuous and monotone, so each page fixed gives
 * back what the breakdown says: its check's points / pagesAudited, a tenth of that above the knee.
 * The caps keep a pile of cosmetic checks from outweighing one real problem.
 */
export const SCORE_POINTS: Readonly<Record<Severity, number>> = Object.freeze({
  CRITICAL: 100,
  HIGH: 40,
  MEDIUM: 40,
  LOW: 10,
  INFO: 0,
});

export const SEVERITY_CAP: Readonly<Record<Severity, number>> = Object.freeze({
  CRITICAL: 100,
  HIGH: 70,
  MEDIUM: 40,
  LOW: 15,
  INFO: 0,
});

/** Share of the audited pages (and pages at least, as templates need 3) on which one cause counts in full. */
export const CAUSE_KNEE_SHARE = 0.1;
export const CAUSE_KNEE_PAGES = 3;
/** What each page of a cause beyond the knee counts (one template fix, not one fix per page). */
export const BEYOND_KNEE_WEIGHT = 0.1;

/** Pages on which one cause counts in full (see the formula above). */
export function causeKnee(pagesAudited: number): number {
  return Math.max(CAUSE_KNEE_PAGES, CAUSE_KNEE_SHARE * pagesAudited);
}

export function impactScoreOf(check: Pick<CheckDefinition, 'severity' | 'weight'>): number {
  return Math.round((100 * SEVERITY_FACTOR[check.severity] * check.weight) / 10);
}

/** 0..100 impact of a finding of this check; 0 for unknown ids. */
export function impactScore(checkId: string): number {
  const check = getCheck(checkId);
  return check === undefined ? 0 : impactScoreOf(check);
}

/** Points a check costs the health score when every page has it (before the severity cap). */
export function scorePointsOf(check: Pick<CheckDefinition, 'severity' | 'weight'>): number {
  return (SCORE_POINTS[check.severity] * check.weight) / 10;
}

export interface HealthInput {
  pagesAudited: number;
  /** Distinct pages with at least one finding, per check id. */
  pagesAffectedByCheck: Readonly<Record<string, number>>;
  /** Pages that answered 2xx. Without any the site is down and scores 0. Absent: not known, not applied. */
  pagesOk?: number;
  /**
   * Distinct pages of each cause (check, message and value) on more pages than causeKnee(): the
   * audit result's widespreadCauses. Absent: every page counts in full.
   */
  widespreadCauses?: ReadonlyArray<{ checkId: string; pages: number }>;
}

export interface HealthBreakdown {
  score: number;
  /** Points lost per severity after the cap. */
  lostBySeverity: Record<Severity, number>;
  /** Points lost per check before the severity cap (what fixing that check gives back, cap permitting). */
  lostByCheck: Record<string, number>;
}

export function healthBreakdown(input: HealthInput, checks: readonly CheckDefinition[] = CHECKS): HealthBreakdown {
  const raw: Record<Severity, number> = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, INFO: 0 };
  const lostByCheck: Record<string, number> = {};
  const knee = causeKnee(input.pagesAudited);
  const beyondKnee = new Map<string, number>();
  for (const cause of input.widespreadCauses ?? []) {
    if (cause.pages > knee) beyondKnee.set(cause.checkId, (beyondKnee.get(cause.checkId) ?? 0) + cause.pages - knee);
  }
  for (const check of checks) {
    const affected = input.pagesAffectedByCheck[check.id] ?? 0;
    if (affected <= 0) continue;
    const counted = Math.max(0, affected - (1 - BEYOND_KNEE_WEIGHT) * (beyondKnee.get(check.id) ?? 0));
    const reach = check.affects === 'site' ? 1 : input.pagesAudited > 0 ? Math.min(1, counted / input.pagesAudited) : 1;
    const lost = scorePointsOf(check) * reach;
    if (lost <= 0) continue;
    lostByCheck[check.id] = lost;
    raw[check.severity] += lost;
  }
  const lostBySeverity = { ...raw };
  let total = 0;
  for (const severity of Object.keys(raw) as Severity[]) {
    lostBySeverity[severity] = Math.min(SEVERITY_CAP[severity], raw[severity]);
    total += lostBySeverity[severity];
  }
  const down = input.pagesAudited === 0 || input.pagesOk === 0;
  return { score: down ? 0 : Math.round(Math.max(0, 100 - total)), lostBySeverity, lostByCheck };
}

export function computeHealthScore(input: HealthInput, checks: readonly CheckDefinition[] = CHECKS): number {
  return healthBreakdown(input, checks).score;
}

/**
 * What fixing `fixed` (an issue of a check on a page each) gives back to the health score, by the
 * formula above: each page comes off its check and off the widest causes of that check first (the
 * cautious reading, since a page of a template cause above the knee gives back only a tenth), and the
 * site is scored again. Whole-site checks are gone once fixed. The same rounding as the score itself,
 * so "+N" is the move a person will see after the fixes and a re-crawl, other things equal.
 */
export function scoreGainOf(input: HealthInput, fixed: ReadonlyArray<{ checkId: string; pageUrl: string }>, checks: readonly CheckDefinition[] = CHECKS): number {
  const pagesByCheck = new Map<string, Set<string>>();
  for (const f of fixed) {
    const pages = pagesByCheck.get(f.checkId) ?? new Set<string>();
    pages.add(f.pageUrl);
    pagesByCheck.set(f.checkId, pages);
  }
  const affected: Record<string, number> = { ...input.pagesAffectedByCheck };
  const causes = (input.widespreadCauses ?? []).map((c) => ({ ...c }));
  for (const [checkId, pages] of pagesByCheck) {
    if (checks.find((c) => c.id === checkId)?.affects === 'site') {
      affected[checkId] = 0;
      continue;
    }
    affected[checkId] = Math.max(0, (affected[checkId] ?? 0) - pages.size);
    let left = pages.size;
    for (const cause of causes.filter((c) => c.checkId === checkId).sort((a, b) => b.pages - a.pages)) {
      const taken = Math.min(left, cause.pages);
      cause.pages -= taken;
      left -= taken;
      if (left === 0) break;
    }
  }
  return computeHealthScore({ ...input, pagesAffectedByCheck: affected, widespreadCauses: causes }, checks) - computeHealthScore(input, checks);
}
