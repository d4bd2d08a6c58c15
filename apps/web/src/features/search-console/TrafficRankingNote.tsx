import { Link } from 'react-router-dom';
import { formatNumber } from '../../lib/format';
import { useSearchConsoleStatus } from './api';

/**
 * Why the list is ranked as it is. With Search Console data the ranking weighs each page's search
 * traffic; without it the note says so and where to connect.
 */
export function TrafficRankingNote({ siteId }: { siteId: string }) {
  const status = useSearchConsoleStatus(siteId);
  if (!status.data) return null;
  const { priorities, connected } = status.data;
  if (priorities.basis === 'search-traffic') return <p className="muted ranking-note">{priorities.reason}</p>;
  return (
    <p className="muted ranking-note" role="note">
      {priorities.reason}{' '}
      <Link to={`/sites/${siteId}#search-console`}>{connected ? 'See the Search Console connection' : 'Connect Search Console to rank by traffic'}</Link>
    </p>
  );
}

/** Whether the site has Search Console numbers to show (its first sync completed). */
export function useHasSearchData(siteId: string): boolean {
  return Boolean(useSearchConsoleStatus(siteId).data?.syncedThrough);
}

/** A Search Console count, or a dash while the site has none (not the same as zero). */
export function trafficCell(value: number | null | undefined, hasData: boolean): string {
  if (!hasData || value == null) return '—';
  return formatNumber(value);
}
