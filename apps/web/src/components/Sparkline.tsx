import { Line, LineChart, YAxis } from 'recharts';

export interface SparkPoint {
  date: string;
  value: number;
}

/**
 * A small trend line for a table cell. The picture is decorative for assistive technology; `label`
 * carries the same information in words (first and last value, direction).
 */
export function Sparkline({ points, label, width = 120, height = 32, min = 0, max = 100 }: { points: SparkPoint[]; label: string; width?: number; height?: number; min?: number; max?: number }) {
  const first = points[0]?.value;
  const last = points[points.length - 1]?.value;
  const trend = first === undefined || last === undefined || last === first ? 'flat' : last > first ? 'up' : 'down';
  return (
    <span className={`sparkline sparkline--${trend}`} role="img" aria-label={label}>
      <LineChart width={width} height={height} data={points} margin={{ top: 3, right: 3, bottom: 3, left: 3 }} aria-hidden="true" accessibilityLayer={false}>
        <YAxis hide domain={[min, max]} />
        <Line type="monotone" dataKey="value" stroke="currentColor" strokeWidth={2} dot={points.length === 1} isAnimationActive={false} />
      </LineChart>
    </span>
  );
}
