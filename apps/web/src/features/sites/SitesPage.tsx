import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import type { Schemas } from '../../api/client';
import { useApi } from '../../app/api-context';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { GlobeIcon, PlusIcon } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { Pagination } from '../../components/Pagination';
import { LoadingState } from '../../components/Spinner';
import { RelativeTime } from '../../components/Time';
import { formatNumber } from '../../lib/format';
import { useUsage } from '../billing/api';
import { UpgradeHint } from '../billing/upgrade';
import { SITES_PAGE_SIZE, useSites } from './api';
import { HEALTH, PLATFORM_LABELS, siteName, type Site } from './site-meta';

// The charting library is large; only the Sites list needs it, so it loads with the first trend.
const Sparkline = lazy(() => import('../../components/Sparkline').then((module) => ({ default: module.Sparkline })));

export const TREND_DAYS = 30;
type HealthPoint = Schemas['HealthPointDto'];

/** Daily health scores of the sites on the page, one request for the whole page. */
function useHealthTrends(ids: string[]) {
  const api = useApi();
  return useQuery({
    queryKey: ['sites', 'trends', TREND_DAYS, ids],
    queryFn: ({ signal }) => api.get('/api/connections/health-trends', { query: { ids, days: TREND_DAYS }, signal }),
    enabled: ids.length > 0,
    staleTime: 5 * 60_000,
  });
}

export function readPage(params: URLSearchParams): number {
  const page = Number(params.get('page') ?? '1');
  return Number.isInteger(page) && page > 0 ? page : 1;
}

export function SitesPage() {
  const [params, setParams] = useSearchParams();
  const page = readPage(params);
  const sites = useSites(page);
  const location = useLocation();
  const highlighted = (location.state as { added?: string } | null)?.added;
  const trends = useHealthTrends(sites.data?.items.map((site) => site.id) ?? []);
  const trendOf = (id: string): HealthPoint[] | undefined => trends.data?.items.find((item) => item.connectionId === id)?.points;

  // Sites count against the signed-in user's plan: at the limit, adding one is off and the reason shown.
  const usage = useUsage();
  const sitesMeter = usage.data?.meters.sites;
  const full = Boolean(sitesMeter && sitesMeter.used >= sitesMeter.limit);
  const addButton = full ? (
    <Button variant="primary" disabled aria-describedby="sites-full">
      <PlusIcon />
      <span>Add site</span>
    </Button>
  ) : (
    <Link to="/sites/new" className="btn btn--primary">
      <PlusIcon />
      <span>Add site</span>
    </Link>
  );

  return (
    <>
      <PageHeader title="Sites" description="Every site you connected, its health and what the last crawl found." actions={sites.data?.total ? addButton : undefined} />
      {full && usage.data ? (
        <UpgradeHint plan={usage.data.plan} limit="sites">
          <span id="sites-full">
            <strong>You have connected {formatNumber(usage.data.meters.sites.used)} of {formatNumber(usage.data.meters.sites.limit)} sites</strong>: remove one to add another, or upgrade.
          </span>
        </UpgradeHint>
      ) : null}
      {sites.isPending ? (
        <LoadingState label="Loading your sites…" />
      ) : sites.isError ? (
        <ErrorState title="Could not load your sites" error={sites.error} onRetry={() => void sites.refetch()} />
      ) : sites.data.total === 0 ? (
        <EmptyState title="No sites yet" icon={<GlobeIcon />} action={addButton}>
          <p>Connect your first site: Seology crawls it, checks every page for more than a hundred SEO problems and proposes fixes.</p>
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap" aria-busy={sites.isFetching && sites.isPlaceholderData}>
            <table className="table table--responsive">
              <caption className="visually-hidden">Your sites</caption>
              <thead>
                <tr>
                  <th scope="col">Site</th>
                  <th scope="col">Health</th>
                  <th scope="col" className="num">
                    Score
                  </th>
                  <th scope="col" className="num">
                    Pages
                  </th>
                  <th scope="col" className="num">
                    Open issues
                  </th>
                  <th scope="col">Trend ({TREND_DAYS} days)</th>
                  <th scope="col">Last crawl</th>
                </tr>
              </thead>
              <tbody>
                {sites.data.items.map((site) => (
                  <SiteRow key={site.id} site={site} highlighted={site.id === highlighted} trend={trends.isPending ? 'loading' : trendOf(site.id)} />
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={page}
            pageSize={SITES_PAGE_SIZE}
            total={sites.data.total}
            noun="sites"
            onPageChange={(next) => setParams(next === 1 ? {} : { page: String(next) })}
          />
        </>
      )}
    </>
  );
}

function SiteRow({ site, highlighted, trend }: { site: Site; highlighted: boolean; trend: HealthPoint[] | 'loading' | undefined }) {
  const health = HEALTH[site.healthStatus];
  return (
    <tr className={highlighted ? 'row--highlight' : undefined}>
      <th scope="row" data-label="Site">
        <Link to={`/sites/${site.id}`} className="site-cell">
          <span className="site-cell__name">{siteName(site)}</span>
          <span className="site-cell__meta">
            {site.displayName ? `${site.domain} · ` : ''}
            {PLATFORM_LABELS[site.platform]}
          </span>
        </Link>
      </th>
      <td data-label="Health">
        <Badge tone={health.tone}>{health.label}</Badge>
      </td>
      <td data-label="Score" className="num">
        {site.healthScore == null ? <span className="muted">—</span> : <ScoreValue score={site.healthScore} />}
      </td>
      <td data-label="Pages" className="num">
        {formatNumber(site.pageCount)}
      </td>
      <td data-label="Open issues" className="num">
        {formatNumber(site.issueCount)}
      </td>
      <td data-label="Trend">
        <HealthTrend site={site} trend={trend} />
      </td>
      <td data-label="Last crawl">
        <RelativeTime value={site.lastCrawlAt} fallback="Never" />
      </td>
    </tr>
  );
}

export function ScoreValue({ score }: { score: number }) {
  const rounded = Math.round(score);
  const tone = rounded >= 80 ? 'good' : rounded >= 50 ? 'fair' : 'poor';
  return (
    <span className={`score score--${tone}`}>
      {rounded}
      <span className="score__max"> / 100</span>
    </span>
  );
}

function HealthTrend({ site, trend }: { site: Site; trend: HealthPoint[] | 'loading' | undefined }) {
  if (trend === 'loading') return <span className="muted">…</span>;
  if (!trend || trend.length < 2) return <span className="muted">{trend?.length === 1 ? 'Health history starts today' : 'No history yet'}</span>;
  const first = trend[0]!.healthScore;
  const last = trend[trend.length - 1]!.healthScore;
  const direction = last > first ? 'up' : last < first ? 'down' : 'unchanged';
  const label = `Health score of ${siteName(site)} over ${trend.length} days: ${direction}, from ${first} to ${last}.`;
  return (
    <Suspense fallback={<span className="muted">…</span>}>
      <Sparkline points={trend.map((point) => ({ date: point.date, value: point.healthScore }))} label={label} />
    </Suspense>
  );
}
