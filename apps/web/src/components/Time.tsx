import { formatDateTime, formatRelative, userTimeZone } from '../lib/format';

/**
 * A timestamp as "3 minutes ago" followed by the exact time with its zone ("Dec 3, 2026, 4:20 PM
 * GMT+1"), so relative and absolute are both on screen; the tooltip names the full zone.
 */
export function RelativeTime({ value, fallback = '—' }: { value: string | null | undefined; fallback?: string }) {
  if (!value) return <span className="muted">{fallback}</span>;
  const absolute = formatDateTime(value);
  return (
    <span className="time">
      <time dateTime={value} title={`${absolute} (${userTimeZone()})`}>
        {formatRelative(value)}
      </time>{' '}
      <span className="time__absolute">({absolute})</span>
    </span>
  );
}
