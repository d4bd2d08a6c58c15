import { SEVERITY_CLASSES, type SeverityClass } from '@seology/contracts';
import { formatDateTime, formatNumber } from '../../lib/format';
import type { Crawl } from './api';

type Counts = NonNullable<Crawl['issueClasses']>;
type Analysed = Crawl & { issueClasses: Counts };

const SEVERITY_WORDS: Record<string, string> = { CRITICAL: 'critical', HIGH: 'high', MEDIUM: 'medium', LOW: 'low', INFO: 'info' };
const CLASSES: { key: SeverityClass; label: string }[] = [
  { key: 'errors', label: 'Errors' },
  { key: 'warnings', label: 'Warnings' },
  { key: 'notices', label: 'Notices' },
];
/** "critical and high severity": which severities a class holds, said in the legend. */
export function classMeaning(key: SeverityClass): string {
  const words = SEVERITY_CLASSES[key].map((s) => SEVERITY_WORDS[s] ?? s.toLowerCase());
  return `${words.join(' and ')} severity`;
}

const total = (c: Counts) => c.errors + c.warnings + c.notices;
const shortDate = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric' });

function change(now: number, before: number | undefined): string {
  if (before === undefined) return '';
  const delta = now - before;
  return delta === 0 ? 'no change' : `${delta > 0 ? '+' : '−'}${formatNumber(Math.abs(delta))}`;
}

/**
 * Errors, warnings and notices of each completed crawl (newest on the right), the same issues as the
 * history's "Issues" column, with the change since the crawl before. `crawls` come newest first.
 */
export function IssueClassesChart({ crawls }: { crawls: Crawl[] }) {
  const points = crawls.filter((c): c is Analysed => c.status === 'COMPLETED' && c.issueClasses != null).reverse();
  const latest = points.at(-1);
  if (!latest) return <p className="muted">Errors, warnings and notices appear here once a crawl has been analysed.</p>;
  const previous = points.at(-2);
  const max = Math.max(1, ...points.map((c) => total(c.issueClasses)));
  return (
    <div className="class-chart" data-testid="issue-classes-chart">
      <ul className="class-chart__trend" aria-label={previous ? 'Errors, warnings and notices of the latest crawl, and the change since the crawl before' : 'Errors, warnings and notices of the latest crawl'}>
        {CLASSES.map(({ key, label }) => (
          <li key={key} className={`class-chart__figure class-chart__figure--${key}`}>
            <span className="class-chart__swatch" aria-hidden="true" />
            <span className="class-chart__name">{label}</span>
            <strong className="class-chart__count">{formatNumber(latest.issueClasses[key])}</strong>
            {previous ? <span className="class-chart__change">{change(latest.issueClasses[key], previous.issueClasses[key])}</span> : null}
            <span className="class-chart__meaning">{classMeaning(key)}</span>
          </li>
        ))}
      </ul>
      <div className="class-chart__plot" aria-hidden="true">
        {points.map((crawl) => {
          const sum = total(crawl.issueClasses);
          return (
            <div key={crawl.id} className="class-chart__col" title={`${formatDateTime(crawl.completedAt ?? crawl.createdAt)}: ${sum} issues`}>
              <div className="class-chart__stack" style={{ height: `calc((100% - 20px) * ${sum / max})` }}>
                {CLASSES.map(({ key }) =>
                  crawl.issueClasses[key] ? <span key={key} className={`class-chart__seg class-chart__seg--${key}`} style={{ flexGrow: crawl.issueClasses[key] }} /> : null,
                )}
              </div>
              <span className="class-chart__date">{shortDate.format(new Date(crawl.completedAt ?? crawl.createdAt))}</span>
            </div>
          );
        })}
      </div>
      {/* A table ignores a 1px width, so the hidden wrapper holds it (else it widens a phone's page). */}
      <div className="visually-hidden">
      <table>
        <caption>Errors, warnings and notices per crawl, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Crawl</th>
            {CLASSES.map(({ key, label }) => (
              <th key={key} scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {points.map((crawl) => (
            <tr key={crawl.id}>
              <th scope="row">{formatDateTime(crawl.completedAt ?? crawl.createdAt)}</th>
              {CLASSES.map(({ key }) => (
                <td key={key}>{crawl.issueClasses[key]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </div>
  );
}
