import { nextReportRun, scheduledReportPeriod } from './report-schedule';

const at = (iso: string) => new Date(iso);

describe('report schedule', () => {
  it('sends weekly reports on the next Monday at 06:00 UTC, never at the instant given', () => {
    expect(nextReportRun('WEEKLY', at('2026-12-03T16:00:00Z')).toISOString()).toBe('2026-12-07T06:00:00.000Z'); // Thursday → Monday
    expect(nextReportRun('WEEKLY', at('2026-12-07T05:59:59Z')).toISOString()).toBe('2026-12-07T06:00:00.000Z'); // Monday before 06:00
    expect(nextReportRun('WEEKLY', at('2026-12-07T06:00:00Z')).toISOString()).toBe('2026-12-14T06:00:00.000Z'); // exactly at the run
    expect(nextReportRun('WEEKLY', at('2026-12-06T23:00:00Z')).toISOString()).toBe('2026-12-07T06:00:00.000Z'); // Sunday
  });

  it('sends monthly reports on the 1st at 06:00 UTC, across the year end', () => {
    expect(nextReportRun('MONTHLY', at('2026-12-03T16:00:00Z')).toISOString()).toBe('2027-01-01T06:00:00.000Z');
    expect(nextReportRun('MONTHLY', at('2026-12-01T05:00:00Z')).toISOString()).toBe('2026-12-01T06:00:00.000Z');
    expect(nextReportRun('MONTHLY', at('2026-12-01T06:00:00Z')).toISOString()).toBe('2027-01-01T06:00:00.000Z');
  });

  it('covers the seven days before a weekly run and the previous calendar month for a monthly one (end exclusive)', () => {
    expect(scheduledReportPeriod('WEEKLY', at('2026-12-07T06:00:00Z'))).toEqual({ from: at('2026-11-30T00:00:00Z'), to: at('2026-12-07T00:00:00Z') });
    expect(scheduledReportPeriod('MONTHLY', at('2026-12-01T06:00:00Z'))).toEqual({ from: at('2026-11-01T00:00:00Z'), to: at('2026-12-01T00:00:00Z') });
    expect(scheduledReportPeriod('MONTHLY', at('2027-01-01T06:00:00Z'))).toEqual({ from: at('2026-12-01T00:00:00Z'), to: at('2027-01-01T00:00:00Z') });
  });
});
