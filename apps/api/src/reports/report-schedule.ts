/** When scheduled reports run and which days they cover. Pure: tested without a clock or a database. */
export type ReportFrequencyName = 'WEEKLY' | 'MONTHLY';

const DAY = 86_400_000;
const startOfUtcDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

/** The next run strictly after `after`: weekly reports go out on Mondays at 06:00 UTC, monthly ones on the 1st at 06:00 UTC. */
export function nextReportRun(frequency: ReportFrequencyName, after: Date): Date {
  if (frequency === 'WEEKLY') {
    const day = startOfUtcDay(after);
    const daysToMonday = (8 - day.getUTCDay()) % 7;
    let run = new Date(day.getTime() + daysToMonday * DAY + 6 * 3_600_000);
    if (run.getTime() <= after.getTime()) run = new Date(run.getTime() + 7 * DAY);
    return run;
  }
  let run = new Date(Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), 1, 6));
  if (run.getTime() <= after.getTime()) run = new Date(Date.UTC(after.getUTCFullYear(), after.getUTCMonth() + 1, 1, 6));
  return run;
}

/** The period a run at `runAt` reports on: the seven days before its day, or the previous calendar month (`to` is exclusive). */
export function scheduledReportPeriod(frequency: ReportFrequencyName, runAt: Date): { from: Date; to: Date } {
  const to = frequency === 'WEEKLY' ? startOfUtcDay(runAt) : new Date(Date.UTC(runAt.getUTCFullYear(), runAt.getUTCMonth(), 1));
  const from = frequency === 'WEEKLY' ? new Date(to.getTime() - 7 * DAY) : new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 1, 1));
  return { from, to };
}
