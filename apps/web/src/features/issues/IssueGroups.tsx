import { Link } from 'react-router-dom';
import { Badge } from '../../components/Badge';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { SelectField } from '../../components/Field';
import { LoadingState } from '../../components/Spinner';
import { formatNumber } from '../../lib/format';
import { pageViewPath } from '../pages/api';
import type { Site } from '../sites/site-meta';
import { useHasSearchData } from '../search-console/TrafficRankingNote';
import { useChecks, useIssueGroups, type GroupSort, type IssueGroup, type Severity } from './api';
import { SEVERITIES, SEVERITY_LABEL, SEVERITY_TONE, pagePath } from './issue-meta';

export const GROUP_SORTS: { value: GroupSort; label: string }[] = [
  { value: 'count', label: 'Most issues first' },
  { value: 'severity', label: 'Most severe first' },
  { value: 'affectedPages', label: 'Most pages first' },
  { value: 'estimatedTraffic', label: 'Most search traffic first' },
];

/** Open issues grouped by check: what is wrong, how widely, how much Seology can fix, and how to fix the rest. */
export function IssueGroups({ site, severity, sort, onSeverity, onSort }: { site: Site; severity: Severity | ''; sort: GroupSort; onSeverity: (severity: Severity | '') => void; onSort: (sort: GroupSort) => void }) {
  const groups = useIssueGroups(site.id, severity, sort);
  const checks = useChecks();
  const hasSearchData = useHasSearchData(site.id);
  const checkById = new Map((checks.data ?? []).map((c) => [c.id, c]));

  return (
    <>
      <div className="filters" role="group" aria-label="Filter issue groups">
        <SelectField
          label="Severity"
          value={severity}
          onChange={(e) => onSeverity(e.target.value as Severity | '')}
          options={[{ value: '', label: 'All severities' }, ...SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABEL[s] }))]}
        />
        <SelectField label="Sort" value={sort} onChange={(e) => onSort(e.target.value as GroupSort)} options={GROUP_SORTS} />
      </div>
      {groups.isPending ? (
        <LoadingState label="Loading issues…" />
      ) : groups.isError ? (
        <ErrorState title="Could not load the issues" error={groups.error} onRetry={() => void groups.refetch()} />
      ) : groups.data.items.length === 0 ? (
        <EmptyState title={site.lastCrawlAt ? 'No open issues' : 'No issues yet'} action={<Link to={`/sites/${site.id}/crawls`}>Go to crawls</Link>}>
          {site.lastCrawlAt ? 'The last crawl found nothing to fix here.' : 'Issues appear after the first crawl of the site.'}
        </EmptyState>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {formatNumber(groups.data.total)} {groups.data.total === 1 ? 'kind of issue' : 'kinds of issue'}, {formatNumber(groups.data.items.reduce((n, g) => n + g.count, 0))} in all
          </p>
          <ul className="issue-groups" aria-label={`Issues of ${site.domain} by check`}>
            {groups.data.items.map((group) => (
              <IssueGroupRow key={group.checkId} site={site} group={group} check={checkById.get(group.checkId)} hasSearchData={hasSearchData} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function IssueGroupRow({ site, group, check, hasSearchData }: { site: Site; group: IssueGroup; check: { explanation: string; howToFix: string } | undefined; hasSearchData: boolean }) {
  const severity = group.severity;
  const allPages = `/sites/${site.id}/issues?${new URLSearchParams({ view: 'pages', type: group.checkId }).toString()}`;
  return (
    <li className="issue-group card">
      <details>
        <summary className="issue-group__summary">
          <span className="issue-group__title">{group.title}</span>
          <Badge tone={SEVERITY_TONE[severity]}>{SEVERITY_LABEL[severity]}</Badge>
          <span className="issue-group__counts">
            {formatNumber(group.count)} {group.count === 1 ? 'issue' : 'issues'} on {formatNumber(group.affectedPages)} {group.affectedPages === 1 ? 'page' : 'pages'}
          </span>
          {hasSearchData ? <span className="issue-group__traffic">{formatNumber(group.estimatedTraffic)} impressions (28 days)</span> : null}
          <span className="issue-group__fixable">{group.fixableByRule > 0 ? `Seology can fix ${formatNumber(group.fixableByRule)}` : 'Fix by hand'}</span>
        </summary>
        <div className="issue-group__body">
          {check ? (
            <>
              <h3 className="issue-group__heading">Why it matters</h3>
              <p>{check.explanation}</p>
              <h3 className="issue-group__heading">How to fix it</h3>
              <p>{check.howToFix}</p>
            </>
          ) : null}
          {group.openFixes > 0 ? <p>{formatNumber(group.openFixes)} proposed or approved {group.openFixes === 1 ? 'fix is' : 'fixes are'} waiting to be applied.</p> : null}
          <h3 className="issue-group__heading">Example pages</h3>
          <ul className="issue-group__pages">
            {group.examplePages.map((url) => (
              <li key={url}>
                <Link to={pageViewPath(site.id, url)} title={url}>
                  {pagePath(url)}
                </Link>
              </li>
            ))}
          </ul>
          <Link to={allPages}>
            See all {formatNumber(group.count)} {group.count === 1 ? 'issue' : 'issues'} of this kind
          </Link>
        </div>
      </details>
    </li>
  );
}
