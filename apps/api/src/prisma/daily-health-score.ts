import type { PrismaService } from './prisma.service';

/**
 * The day's health score on the site's metrics: one row per site and day (source `crawl`), written by
 * the crawl analysis and by the daily metrics sweep alike.
 */
export async function recordDailyHealthScore(prisma: PrismaService, connectionId: string, date: Date, healthScore: number | null): Promise<void> {
  await prisma.metric.upsert({
    where: { connectionId_date_pageUrl_query_source: { connectionId, date, pageUrl: '', query: '', source: 'crawl' } },
    create: { connectionId, date, healthScore },
    update: { healthScore },
  });
}
