import { Badge, type BadgeTone } from '../../components/Badge';
import { formatNumber } from '../../lib/format';
import type { FixImpact } from './api';

export const CONFIDENCE: Record<FixImpact['confidence'], { label: string; tone: BadgeTone }> = {
  likely: { label: 'Likely due to the fix', tone: 'success' },
  possible: { label: 'Possibly due to the fix', tone: 'info' },
  'no-measurable-change': { label: 'No measurable change', tone: 'neutral' },
  'not-enough-data': { label: 'Not enough data', tone: 'neutral' },
  'too-early': { label: 'Too early', tone: 'neutral' },
};

type Window = FixImpact['windows'][number];

const signed = (value: number | null | undefined, unit: string) => (value == null ? '—' : `${value > 0 ? '+' : ''}${value}${unit}`);
const ctr = (value: number | null | undefined) => (value == null ? '—' : `${(value * 100).toFixed(1)}%`);
const position = (value: number | null | undefined) => (value == null ? '—' : value.toFixed(1));
const pair = (values: (number | null)[], show: (v: number | null) => string) => `${show(values[0] ?? null)} → ${show(values[1] ?? null)}`;
const count = (v: number | null) => (v == null ? '—' : formatNumber(v));

const monthDay = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
/** "2026-10-27".."2026-11-02" -> "Oct 27 – Nov 2" (the year is in "data through"). */
const range = (r: { start: string; end: string }) => `${monthDay.format(new Date(`${r.start}T00:00:00Z`))} – ${monthDay.format(new Date(`${r.end}T00:00:00Z`))}`;

function WindowRow({ window }: { window: Window }) {
  return (
    <tr>
      <th scope="row" data-label="Window">
        {window.days} days
        <span className="cell-note fix-impact__dates">
          {range(window.before)} vs {range(window.after)}
        </span>
      </th>
      <td data-label="Clicks (page)" className="num">
        {pair(window.page.clicks, count)}
      </td>
      <td data-label="Clicks (control pages)" className="num">
        {pair(window.controls.clicks, count)}
      </td>
      <td data-label="CTR (page)" className="num">
        {pair(window.page.ctr, ctr)}
        <span className="cell-note fix-impact__dates">position {pair(window.page.position, position)}</span>
      </td>
      <td data-label="Net effect" className="num fix-impact__effect">
        {signed(window.effect.clicksPct, '% clicks')}
        <span className="cell-note fix-impact__dates">{signed(window.effect.ctrPoints, ' pt CTR')}</span>
      </td>
    </tr>
  );
}

/** A fix's measured effect: the plain-words verdict first, the before/after windows against the control pages on demand. */
export function FixImpactView({ impact, headingLevel = 4 }: { impact: FixImpact; headingLevel?: 3 | 4 }) {
  const confidence = CONFIDENCE[impact.confidence];
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div className="fix-impact">
      <Heading className="fix-impact__title">Search impact</Heading>
      <p className="fix-impact__summary">
        <Badge tone={confidence.tone}>{confidence.label}</Badge> {impact.summary}
      </p>
      <details className="fix-impact__details">
        <summary>How this was measured</summary>
        <p className="muted">
          Expected: {impact.expected} Compared with {impact.controlPages} comparable {impact.controlPages === 1 ? 'page' : 'pages'} of the site that no fix changed
          (difference-in-differences), with Search Console data through {impact.measuredThrough}.
        </p>
        {impact.windows.length ? (
          <div className="table-wrap">
            <table className="table table--responsive table--compact">
              <caption className="visually-hidden">Before and after the fix, in equal windows</caption>
              <thead>
                <tr>
                  <th scope="col">Before vs after</th>
                  <th scope="col" className="num">
                    Clicks (page)
                  </th>
                  <th scope="col" className="num">
                    Clicks (control pages)
                  </th>
                  <th scope="col" className="num">
                    CTR (page)
                  </th>
                  <th scope="col" className="num">
                    Net effect
                  </th>
                </tr>
              </thead>
              <tbody>
                {impact.windows.map((w) => (
                  <WindowRow key={w.days} window={w} />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </details>
    </div>
  );
}
