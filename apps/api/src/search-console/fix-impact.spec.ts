import { measureFixImpact, type DayTotals } from './fix-impact';

const day = (offset: number) => new Date(Date.UTC(2026, 5, 1) + offset * 86_400_000).toISOString().slice(0, 10);

/** Per-day totals from day -60 to -1 around a fix on day -30; clicks change from `before` to `after`. */
function series(before: number, after: number, pages = 1): Map<string, DayTotals> {
  const map = new Map<string, DayTotals>();
  for (let i = -60; i < 0; i++) map.set(day(i), { clicks: (i < -30 ? before : after) * pages, impressions: 1000 * pages, weightedPosition: 5000 * pages });
  return map;
}

const base = { appliedAt: new Date(`${day(-30)}T09:00:00Z`), fixType: 'title', through: new Date(day(-1)), controlPages: 4 };

describe('measureFixImpact', () => {
  it('credits the fix when its page rose and the controls stayed flat', () => {
    const impact = measureFixImpact({ ...base, page: series(20, 30), controls: series(20, 20, 4) });
    expect(impact.windows.map((w) => w.days)).toEqual([7, 28]);
    expect(impact.windows[1]!.effect).toEqual({ clicksPct: 50, impressionsPct: 0, ctrPoints: 1, position: 0 });
    expect(impact.summary).toBe('+50% clicks over 28 days, likely due to the fix.');
  });

  it('sees no effect when the whole site rose alike', () => {
    const impact = measureFixImpact({ ...base, page: series(20, 30), controls: series(20, 30, 4) });
    expect(impact.confidence).toBe('no-measurable-change');
    expect(impact.summary).toBe('No measurable change over 28 days (the comparable pages moved +50% too).');
  });

  it('says too early before 7 complete days, and not enough data on a page without clicks', () => {
    expect(measureFixImpact({ ...base, through: new Date(day(-25)), page: series(20, 30), controls: series(20, 20, 4) }).confidence).toBe('too-early');
    expect(measureFixImpact({ ...base, page: series(0, 0), controls: series(20, 20, 4) }).confidence).toBe('not-enough-data');
  });
});
