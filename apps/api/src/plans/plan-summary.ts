import type { FixRisk, Prisma, PrismaClient } from '@prisma/client';
import { scoreGainOf, type HealthInput } from '@seology/audit';

export interface PlanSummaryFix {
  risk: FixRisk;
  type: string;
  /** The fixed issue's impact score (0-100). */
  impactScore: number;
  /** The fixed issue's check and page, to score the site without it. */
  checkId?: string;
  pageUrl?: string;
}

/** The latest crawl's score inputs, as the crawl stored them in its stats; null for crawls made before they were kept. */
export function healthInputOf(stats: unknown): HealthInput | null {
  const input = (stats as { healthInput?: HealthInput } | null)?.healthInput;
  return input && typeof input.pagesAudited === 'number' && input.pagesAffectedByCheck ? input : null;
}

/** The score inputs of the site's latest completed crawl (proposing a plan and re-describing it both need them). */
export async function latestHealthInput(prisma: Pick<PrismaClient, 'crawl'>, connectionId: string): Promise<HealthInput | null> {
  const crawl = await prisma.crawl.findFirst({ where: { connectionId, status: 'COMPLETED' }, orderBy: { completedAt: 'desc' }, select: { stats: true } });
  return healthInputOf(crawl?.stats ?? null);
}

/**
 * The health score points the fixes give back: by the score's own formula on the latest crawl
 * (what a re-crawl after them shows, other things equal), or, without that crawl's inputs, a rough
 * estimate from the issues' impact.
 */
function expectedScoreGain(fixes: PlanSummaryFix[], health: HealthInput | null): { expectedScoreGain: number; scoreGainBasis: string } {
  if (health) {
    const fixed = fixes.flatMap((f) => (f.checkId && f.pageUrl ? [{ checkId: f.checkId, pageUrl: f.pageUrl }] : []));
    return { expectedScoreGain: scoreGainOf(health, fixed), scoreGainBasis: 'health-score formula on the latest crawl' };
  }
  return { expectedScoreGain: Math.round(fixes.reduce((s, f) => s + f.impactScore, 0) / 10), scoreGainBasis: 'estimate from the issues\' impact' };
}

/**
 * A plan's title, description and estimated impact, from the fixes it holds. Written when the plan
 * is proposed and again when a partial approval leaves fixes out, so "15 fixes" never stays on a
 * plan of 10.
 */
export function describePlan(domain: string, fixes: PlanSummaryFix[], leftOut = 0, health: HealthInput | null = null): { title: string; description: string; estimatedImpact: Prisma.InputJsonObject } {
  const byRisk = { LOW: 0, MEDIUM: 0, HIGH: 0 };
  const byType: Record<string, number> = {};
  for (const f of fixes) {
    byRisk[f.risk]++;
    byType[f.type] = (byType[f.type] ?? 0) + 1;
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : word.endsWith('x') ? 'es' : 's'}`;
  const kept = leftOut
    ? ` ${plural(leftOut, 'fix')} left the plan at approval and stay${leftOut === 1 ? 's' : ''} proposed.`
    : ' nothing is applied until the plan is approved.';
  return {
    title: `${plural(fixes.length, 'fix')} for ${domain}`,
    description:
      `Proposed after the latest analysis: ${Object.entries(byType).map(([t, n]) => `${n} ${t}`).join(', ')}. ` +
      `${byRisk.HIGH} high-risk change${byRisk.HIGH === 1 ? '' : 's'} included;${kept}`,
    estimatedImpact: { fixes: fixes.length, byRisk, byType, ...expectedScoreGain(fixes, health) },
  };
}
