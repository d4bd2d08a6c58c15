import { formatDateTime, formatRelative } from '../lib/format';

/** A timestamp as "3 minutes ago", with the exact date in the tooltip and the machine-readable value. */
export function RelativeTime({ value, fallback = '—' }: { value: string | null | undefined; fallback?: string }) {
  if (!value) return <span className="muted">{fallback}</span>;
  return (
    <time dateTime={value} title={formatDateTime(value)}>
      {formatRelative(value)}
    </time>
  );
}
