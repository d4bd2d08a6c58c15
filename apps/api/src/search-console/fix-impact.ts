/** Equal windows before and after a fix, measured as soon as enough days after it are complete. */
export const IMPACT_WINDOWS = [7, 28, 90] as const;

export interface DayTotals {
  clicks: number;
  impressions: number;
  /** Σ position × impressions, so positions average by exposure. */
  weightedPosition: number;
}

export interface WindowImpact {
  days: number;
  before: { start: string; end: string };
  after: { start: string; end: string };
  page: PeriodChange;
  controls: PeriodChange;
  /** Difference-in-differences: the page's change net of what the control pages did over the same days. */
  effect: { clicksPct: number | null; impressionsPct: number | null; ctrPoints: number | null; position: number | null };
}

export interface PeriodChange {
  clicks: [number, number];
  impressions: [number, number];
  ctr: [number | null, number | null];
  position: [number | null, number | null];
}

export type ImpactConfidence = 'too-early' | 'not-enough-data' | 'no-measurable-change' | 'possible' | 'likely';

export interface FixImpact {
  measuredThrough: string;
  controlPages: number;
  expected: string;
  windows: WindowImpact[];
  confidence: ImpactConfidence;
  /** Plain words for the fix's page, e.g. "+12% clicks, likely due to the fix". */
  summary: string;
}

const DAY_MS = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);
const shift = (d: Date, days: number) => new Date(d.getTime() + days * DAY_MS);

/** What a change of this field usually does, said before any data comes in. */
export function expectedEffect(fixType: string): string {
  switch (fixType) {
    case 'title':
    case 'metaDescription':
    case 'ogTitle':
    case 'ogDescription':
      return 'A better snippet: more clicks for the same impressions (CTR up), position about the same.';
    case 'canonical':
    case 'robots':
    case 'redirect':
      return 'Search engines index the right URL: impressions move to it over weeks.';
    default:
      return 'A small quality gain: little change in clicks or impressions is expected.';
  }
}

function sum(series: Map<string, DayTotals>, start: Date, end: Date): DayTotals {
  const total = { clicks: 0, impressions: 0, weightedPosition: 0 };
  for (let d = start; d <= end; d = shift(d, 1)) {
    const day = series.get(iso(d));
    if (!day) continue;
    total.clicks += day.clicks;
    total.impressions += day.impressions;
    total.weightedPosition += day.weightedPosition;
  }
  return total;
}

function change(before: DayTotals, after: DayTotals): PeriodChange {
  const ctr = (t: DayTotals) => (t.impressions ? t.clicks / t.impressions : null);
  const position = (t: DayTotals) => (t.impressions ? t.weightedPosition / t.impressions : null);
  return { clicks: [before.clicks, after.clicks], impressions: [before.impressions, after.impressions], ctr: [ctr(before), ctr(after)], position: [position(before), position(after)] };
}

/** Relative change of the page divided by that of the controls (a log difference-in-differences), in %. */
function ratioEffect(page: [number, number], controls: [number, number]): number | null {
  if (!page[0] || !controls[0] || !controls[1]) return null;
  return Math.round(((page[1] / page[0]) / (controls[1] / controls[0]) - 1) * 1000) / 10;
}

function pointEffect(page: [number | null, number | null], controls: [number | null, number | null], scale: number): number | null {
  if (page[0] === null || page[1] === null || controls[0] === null || controls[1] === null) return null;
  return Math.round((page[1] - page[0] - (controls[1] - controls[0])) * scale * 100) / 100;
}

/** Clicks before and after in the widest window below which a change cannot be told from noise. */
const MIN_CLICKS = 20;

/**
 * The fix's effect on its page against comparable pages of the same site that no fix touched over the
 * same days (`controls`, summed per day). The day the fix was applied belongs to neither window.
 */
export function measureFixImpact(input: { appliedAt: Date; fixType: string; through: Date; page: Map<string, DayTotals>; controls: Map<string, DayTotals>; controlPages: number }): FixImpact {
  const applied = new Date(iso(input.appliedAt));
  const windows: WindowImpact[] = [];
  for (const days of IMPACT_WINDOWS) {
    const afterEnd = shift(applied, days);
    if (afterEnd > input.through) break;
    const before = { start: shift(applied, -days), end: shift(applied, -1) };
    const after = { start: shift(applied, 1), end: afterEnd };
    const page = change(sum(input.page, before.start, before.end), sum(input.page, after.start, after.end));
    const controls = change(sum(input.controls, before.start, before.end), sum(input.controls, after.start, after.end));
    windows.push({
      days,
      before: { start: iso(before.start), end: iso(before.end) },
      after: { start: iso(after.start), end: iso(after.end) },
      page,
      controls,
      effect: {
        clicksPct: ratioEffect(page.clicks, controls.clicks),
        impressionsPct: ratioEffect(page.impressions, controls.impressions),
        ctrPoints: pointEffect(page.ctr, controls.ctr, 100),
        position: pointEffect(page.position, controls.position, 1),
      },
    });
  }
  const base = { measuredThrough: iso(input.through), controlPages: input.controlPages, expected: expectedEffect(input.fixType), windows };
  const widest = windows.at(-1);
  if (!widest) return { ...base, confidence: 'too-early', summary: `Too early: the first measurement needs ${IMPACT_WINDOWS[0]} complete days after the fix.` };
  const clicks = widest.page.clicks[0] + widest.page.clicks[1];
  if (input.controlPages === 0 || clicks < MIN_CLICKS || widest.effect.clicksPct === null) {
    return { ...base, confidence: 'not-enough-data', summary: `Not enough data yet: ${clicks} clicks over ${widest.days} days before and after${input.controlPages ? '' : ', and no unchanged pages to compare with'}.` };
  }
  const pct = widest.effect.clicksPct;
  const signed = `${pct > 0 ? '+' : ''}${pct}% clicks`;
  if (Math.abs(pct) < 5) {
    const [controlsBefore, controlsAfter] = widest.controls.clicks;
    const site = controlsBefore ? Math.round((controlsAfter / controlsBefore - 1) * 1000) / 10 : null;
    const moved = site !== null && Math.abs(site) >= 5 ? ` (the comparable pages moved ${site > 0 ? '+' : ''}${site}% too)` : '';
    return { ...base, confidence: 'no-measurable-change', summary: `No measurable change over ${widest.days} days${moved}.` };
  }
  const likely = Math.abs(pct) >= 10 && clicks >= 5 * MIN_CLICKS;
  return { ...base, confidence: likely ? 'likely' : 'possible', summary: `${signed} over ${widest.days} days, ${likely ? 'likely' : 'possibly'} due to the fix.` };
}
