import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatDateTime, userTimeZone } from '../lib/format';
import { RelativeTime } from './Time';

describe('RelativeTime', () => {
  it('shows the relative time and the absolute one with its zone; the tooltip names the full time zone', () => {
    const value = new Date(Date.now() - 3 * 60_000).toISOString();
    const { container } = render(<RelativeTime value={value} />);
    const time = container.querySelector('time')!;
    expect(time).toHaveTextContent('3 minutes ago');
    expect(time).toHaveAttribute('dateTime', value);
    expect(time).toHaveAttribute('title', `${formatDateTime(value)} (${userTimeZone()})`);
    expect(screen.getByText(`(${formatDateTime(value)})`)).toBeInTheDocument();
    // The absolute time carries the zone's short name, e.g. "UTC" or "GMT+1".
    expect(formatDateTime(value)).toMatch(/(UTC|GMT[+-]?\d*(:\d\d)?|[A-Z]{2,5})$/);
  });

  it('shows the fallback without a value', () => {
    render(<RelativeTime value={null} fallback="Never" />);
    expect(screen.getByText('Never')).toBeInTheDocument();
  });
});
