import { Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { impactScore } from '@seology/audit';
import { IMPACT_WINDOWS, measureFixImpact } from './fix-impact';
import { EncryptionService } from '../common/crypto/encryption.service';
import { PermanentJobError } from '../jobs/job-handler.decorator';
import { GoogleSearchConsoleClient, SearchConsoleQuotaError, SearchConsoleRevokedError, type AnalyticsQuery } from './google-search-console.client';
import { SearchConsoleRepository, type SearchMetricRow } from './search-console.repository';
import { TRAFFIC_WINDOW_DAYS, trafficWeightedImpact } from './traffic-priority';

/** Search Console's largest page of rows. */
export const SEARCH_ANALYTICS_ROW_LIMIT = 25_000;
/** Search Console keeps 16 months of data: the backfill on connect asks for all of it. */
export const BACKFILL_MONTHS = 16;
/** Days per request window: small enough that an interrupted backfill loses little, large enough to stay far below the quota. */
const WINDOW_DAYS = 30;
/** Site-wide totals, then per page, then per query, each per day. */
const DIMENSION_SETS: AnalyticsQuery['dimensions'][] = [['date'], ['date', 'page'], ['date', 'query']];

export const REFRESH_TOKEN_CONTEXT = 'search-console:refresh-token';

export type SyncOutcome =
  | { status: 'synced'; from: string; to: string; syncedThrough: string | null; requests: number; rows: number }
  | { status: 'skipped'; reason: string };

const DAY_MS = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);

function utcToday(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * Copies a site's Search Console numbers into Metric, day by day. The cursor (`syncedThrough`) only moves
 * past days Google calls complete and only after a whole window is stored, so a run stopped by a quota
 * error, a crash or a cancel resumes where it stopped, and a partial day is fetched again until final.
 */
@Injectable()
export class SearchConsoleSyncService {
  constructor(
    private readonly repository: SearchConsoleRepository,
    private readonly google: GoogleSearchConsoleClient,
    private readonly encryption: EncryptionService,
  ) {}

  /**
   * Sets every issue's `estimatedTraffic` and `searchClicks` (its page's impressions and clicks in the last 28 complete days) and weighs
   * its impact score by that exposure. Runs after each sync and after each crawl, which rewrites scores
   * from the check catalogue. Without synced Search Console data the check score stands alone.
   */
  async reprioritise(connectionId: string): Promise<{ issues: number; basis: 'search-traffic' | 'check-score' }> {
    const link = await this.repository.findLink(connectionId);
    // Sites that never connected keep the crawl's catalogue scores; nothing to read or rewrite.
    if (!link) return { issues: 0, basis: 'check-score' };
    const issues = await this.repository.findSiteIssues(connectionId);
    const exposure = link?.status === 'ACTIVE' && link.syncedThrough ? await this.repository.findPageExposure(connectionId, link.syncedThrough, TRAFFIC_WINDOW_DAYS) : null;
    await this.repository.updateIssuePriorities(connectionId, issues.map((issue) => {
      const base = impactScore(issue.type);
      const page = exposure?.get(issue.pageUrl) ?? { impressions: 0, clicks: 0 };
      return { id: issue.id, estimatedTraffic: page.impressions, searchClicks: page.clicks, impactScore: exposure ? trafficWeightedImpact(base, page.impressions, page.clicks) : base };
    }));
    return { issues: issues.length, basis: exposure ? 'search-traffic' : 'check-score' };
  }

  /**
   * Difference-in-differences for every applied fix still inside its 90-day measurement: the page against
   * comparable pages of the site (¼× to 4× its impressions in the 28 days before) that no fix touched from
   * 90 days before it to now. Rolled-back fixes are not measured again; they keep what they had.
   */
  async measureFixes(connectionId: string, through: Date): Promise<number> {
    const longest = IMPACT_WINDOWS[IMPACT_WINDOWS.length - 1]!;
    const fixes = await this.repository.findFixesToMeasure(connectionId, addDays(through, -(longest + 1)));
    for (const fix of fixes) {
      const applied = new Date(isoDay(fix.appliedAt));
      const from = addDays(applied, -longest);
      const changed = await this.repository.findPagesChangedBetween(connectionId, from, through);
      const exclude = [...new Set([...changed, fix.pageUrl])];
      const page = await this.repository.findDailyTotals(connectionId, [fix.pageUrl], from, through);
      const before = [...page.entries()].filter(([d]) => d >= isoDay(addDays(applied, -28)) && d < isoDay(applied)).reduce((n, [, t]) => n + t.impressions, 0);
      let controls = await this.repository.findComparablePages(connectionId, addDays(applied, -28), addDays(applied, -1), exclude, before / 4, Math.max(before * 4, 1));
      // Too few look-alikes: every unchanged page with data serves, better than no comparison.
      if (controls.length < 3) controls = await this.repository.findComparablePages(connectionId, addDays(applied, -28), addDays(applied, -1), exclude, 0, 1e15);
      const impact = measureFixImpact({
        appliedAt: fix.appliedAt,
        fixType: fix.type,
        through,
        page,
        controls: await this.repository.findDailyTotals(connectionId, controls, from, through),
        controlPages: controls.length,
      });
      await this.repository.saveFixImpact(fix.id, impact as unknown as Prisma.InputJsonValue);
    }
    return fixes.length;
  }

  async sync(connectionId: string, signal?: AbortSignal, now = new Date()): Promise<SyncOutcome> {
    const link = await this.repository.findLink(connectionId);
    if (!link) return { status: 'skipped', reason: 'Search Console is not connected' };
    if (link.status === 'REVOKED') return { status: 'skipped', reason: 'Search Console consent was revoked' };
    if (!link.propertyUrl) return { status: 'skipped', reason: 'no Search Console property chosen' };
    const today = utcToday(now);
    const lastDay = addDays(today, -1);
    const start = link.syncedThrough ? addDays(link.syncedThrough, 1) : new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - BACKFILL_MONTHS, today.getUTCDate()));
    if (start > lastDay) return { status: 'skipped', reason: 'already up to date' };

    const session = this.google.session(this.encryption.decrypt(link.refreshToken, REFRESH_TOKEN_CONTEXT));
    let requests = 0;
    let stored = 0;
    let syncedThrough: Date | null = link.syncedThrough;
    try {
      for (let windowStart = start; windowStart <= lastDay; windowStart = addDays(windowStart, WINDOW_DAYS)) {
        signal?.throwIfAborted();
        const windowEnd = new Date(Math.min(addDays(windowStart, WINDOW_DAYS - 1).getTime(), lastDay.getTime()));
        let firstIncomplete: string | null = null;
        for (const dimensions of DIMENSION_SETS) {
          for (let startRow = 0; ; startRow += SEARCH_ANALYTICS_ROW_LIMIT) {
            const page = await session.query(link.propertyUrl, { startDate: isoDay(windowStart), endDate: isoDay(windowEnd), dimensions, rowLimit: SEARCH_ANALYTICS_ROW_LIMIT, startRow });
            requests++;
            firstIncomplete ??= page.firstIncompleteDate;
            const rows = page.rows.map((r): SearchMetricRow => ({
              date: r.keys[0]!,
              pageUrl: dimensions[1] === 'page' ? r.keys[1]! : '',
              query: dimensions[1] === 'query' ? r.keys[1]! : '',
              clicks: Math.round(r.clicks),
              impressions: Math.round(r.impressions),
              ctr: r.ctr,
              position: r.position,
            }));
            await this.repository.upsertMetrics(connectionId, rows);
            stored += rows.length;
            if (page.rows.length < SEARCH_ANALYTICS_ROW_LIMIT) break;
          }
        }
        const completeThrough = firstIncomplete ? new Date(Math.min(windowEnd.getTime(), addDays(new Date(firstIncomplete), -1).getTime())) : windowEnd;
        if (!syncedThrough || completeThrough > syncedThrough) {
          syncedThrough = completeThrough;
          await this.repository.advanceCursor(connectionId, completeThrough);
        }
      }
    } catch (error) {
      if (error instanceof SearchConsoleRevokedError) {
        await this.repository.markRevoked(connectionId, error.message);
        throw new PermanentJobError(error.message);
      }
      if (error instanceof SearchConsoleQuotaError) await this.repository.recordError(connectionId, error.message);
      throw error;
    }
    await this.reprioritise(connectionId);
    if (syncedThrough) await this.measureFixes(connectionId, syncedThrough);
    return { status: 'synced', from: isoDay(start), to: isoDay(lastDay), syncedThrough: syncedThrough ? isoDay(syncedThrough) : null, requests, rows: stored };
  }
}
