import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { SelectField, TextField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { Pagination } from '../../components/Pagination';
import { SiteScope, siteEyebrow } from '../../components/SiteScope';
import { SiteTabs } from '../../components/SiteTabs';
import { LoadingState } from '../../components/Spinner';
import { RelativeTime } from '../../components/Time';
import { formatNumber } from '../../lib/format';
import { pageViewPath } from '../pages/api';
import { TrafficRankingNote, trafficCell, useHasSearchData } from '../search-console/TrafficRankingNote';
import type { Site } from '../sites/site-meta';
import { IssueGroups } from './IssueGroups';
import { DEFAULT_FILTERS, ISSUES_PAGE_SIZE, useChecks, useExportIssuesCsv, useIssues, type GroupSort, type IssueFilters, type IssueSort, type Severity } from './api';
import { GROUP_SORTS } from './IssueGroups';
import { SEVERITIES, SEVERITY_LABEL, SEVERITY_TONE, STATUSES, STATUS_META, pagePath } from './issue-meta';

const SORTS: { value: `${IssueSort}:${'asc' | 'desc'}`; label: string }[] = [
  { value: 'impactScore:desc', label: 'Most impact first' },
  { value: 'severity:desc', label: 'Most severe first' },
  { value: 'estimatedTraffic:desc', label: 'Most search traffic first' },
  { value: 'lastSeenAt:desc', label: 'Recently seen first' },
  { value: 'firstSeenAt:desc', label: 'Newest first' },
  { value: 'firstSeenAt:asc', label: 'Oldest first' },
  { value: 'pageUrl:asc', label: 'Page (A–Z)' },
  { value: 'type:asc', label: 'Type (A–Z)' },
];

/** Filters live in the address, so the back button from an issue returns to the same list. */
function readFilters(params: URLSearchParams): IssueFilters {
  const sort = params.get('sort');
  const order = params.get('order');
  return {
    severity: (SEVERITIES as string[]).includes(params.get('severity') ?? '') ? (params.get('severity') as IssueFilters['severity']) : '',
    status: params.has('status') ? ((STATUSES as string[]).includes(params.get('status') ?? '') ? (params.get('status') as IssueFilters['status']) : '') : DEFAULT_FILTERS.status,
    type: params.get('type') ?? '',
    url: params.get('url') ?? '',
    q: params.get('q') ?? '',
    sort: SORTS.some((s) => s.value.startsWith(`${sort}:`)) ? (sort as IssueSort) : DEFAULT_FILTERS.sort,
    order: order === 'asc' || order === 'desc' ? order : DEFAULT_FILTERS.order,
    page: Math.max(1, Number(params.get('page')) || 1),
  };
}

function writeFilters(filters: IssueFilters): URLSearchParams {
  const params = new URLSearchParams({ view: 'pages' });
  if (filters.severity) params.set('severity', filters.severity);
  if (filters.status !== DEFAULT_FILTERS.status) params.set('status', filters.status);
  if (filters.type) params.set('type', filters.type);
  if (filters.url) params.set('url', filters.url);
  if (filters.q) params.set('q', filters.q);
  if (filters.sort !== DEFAULT_FILTERS.sort || filters.order !== DEFAULT_FILTERS.order) {
    params.set('sort', filters.sort);
    params.set('order', filters.order);
  }
  if (filters.page > 1) params.set('page', String(filters.page));
  return params;
}

export function IssuesPage() {
  return <SiteScope title="Issues">{(site) => <IssuesViews site={site} />}</SiteScope>;
}

/** Grouped by check by default; the per-page list (?view=pages) is one click away. */
function IssuesViews({ site }: { site: Site }) {
  const [params, setParams] = useSearchParams();
  if (params.get('view') === 'pages') return <Issues site={site} />;
  const severity = (SEVERITIES as string[]).includes(params.get('severity') ?? '') ? (params.get('severity') as Severity) : '';
  const sort = GROUP_SORTS.some((s) => s.value === params.get('sort')) ? (params.get('sort') as GroupSort) : 'count';
  const write = (next: { severity: Severity | ''; sort: GroupSort }) =>
    setParams({ ...(next.severity ? { severity: next.severity } : {}), ...(next.sort !== 'count' ? { sort: next.sort } : {}) }, { replace: true });
  return (
    <>
      <PageHeader eyebrow={siteEyebrow(site)} title="Issues" description={`Everything the audit found on ${site.domain}, by kind of issue.`} />
      <SiteTabs siteId={site.id} />
      <ViewSwitch siteId={site.id} current="groups" />
      <TrafficRankingNote siteId={site.id} />
      <IssueGroups site={site} severity={severity} sort={sort} onSeverity={(s) => write({ severity: s, sort })} onSort={(next) => write({ severity, sort: next })} />
    </>
  );
}

function ViewSwitch({ siteId, current }: { siteId: string; current: 'groups' | 'pages' }) {
  return (
    <nav className="view-switch" aria-label="Issue views">
      <Link to={`/sites/${siteId}/issues`} aria-current={current === 'groups' ? 'page' : undefined}>
        By kind of issue
      </Link>
      <Link to={`/sites/${siteId}/issues?view=pages`} aria-current={current === 'pages' ? 'page' : undefined}>
        Every issue, page by page
      </Link>
      <Link to={`/sites/${siteId}/pages`}>Crawled pages</Link>
    </nav>
  );
}

function Issues({ site }: { site: Site }) {
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const issues = useIssues(site.id, filters);
  const checks = useChecks();
  const exportCsv = useExportIssuesCsv(site.id);
  const hasSearchData = useHasSearchData(site.id);
  // Text filters apply on submit, not on every key press.
  const [text, setText] = useState({ q: filters.q, url: filters.url });

  const update = (patch: Partial<IssueFilters>) => setParams(writeFilters({ ...filters, page: 1, ...patch }), { replace: true });
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    update({ q: text.q, url: text.url });
  };
  const onExport = () =>
    exportCsv.mutate(filters, {
      onSuccess: (csv) => {
        const link = document.createElement('a');
        link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
        link.download = `${site.domain.replace(/[^a-z0-9.-]+/gi, '_')}-issues.csv`;
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 1000);
      },
    });

  const typeOptions = [{ value: '', label: 'All types' }, ...(checks.data ?? []).map((check) => ({ value: check.id, label: check.title }))];
  const filtered = Boolean(filters.severity || filters.type || filters.url || filters.q || filters.status !== DEFAULT_FILTERS.status);

  return (
    <>
      <PageHeader
        eyebrow={siteEyebrow(site)}
        title="Issues"
        description={`Everything the audit found on ${site.domain}.`}
        actions={
          <Button onClick={onExport} loading={exportCsv.isPending}>
            Export CSV
          </Button>
        }
      />
      <SiteTabs siteId={site.id} />
      <ViewSwitch siteId={site.id} current="pages" />
      <TrafficRankingNote siteId={site.id} />
      {exportCsv.isError ? (
        <Alert tone="error" title="Could not export the issues">
          {errorMessage(exportCsv.error)}
        </Alert>
      ) : null}

      <form className="filters" aria-label="Filter issues" onSubmit={onSearch}>
        <TextField label="Search" type="search" value={text.q} onChange={(e) => setText((t) => ({ ...t, q: e.target.value }))} placeholder="Title or description" />
        <TextField label="Page address contains" value={text.url} onChange={(e) => setText((t) => ({ ...t, url: e.target.value }))} placeholder="/blog/" />
        <SelectField
          label="Severity"
          value={filters.severity}
          onChange={(e) => update({ severity: e.target.value as IssueFilters['severity'] })}
          options={[{ value: '', label: 'All severities' }, ...SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABEL[s] }))]}
        />
        <SelectField
          label="Status"
          value={filters.status}
          onChange={(e) => update({ status: e.target.value as IssueFilters['status'] })}
          options={[{ value: '', label: 'Any status' }, ...STATUSES.map((s) => ({ value: s, label: STATUS_META[s].label }))]}
        />
        <SelectField label="Type" value={filters.type} onChange={(e) => update({ type: e.target.value })} options={typeOptions} />
        <SelectField
          label="Sort"
          value={`${filters.sort}:${filters.order}`}
          onChange={(e) => {
            const [sort, order] = e.target.value.split(':') as [IssueSort, 'asc' | 'desc'];
            update({ sort, order });
          }}
          options={SORTS}
        />
        <div className="filters__actions">
          <Button type="submit">Apply</Button>
          {filtered ? (
            <Button
              variant="ghost"
              onClick={() => {
                setText({ q: '', url: '' });
                setParams(new URLSearchParams({ view: 'pages' }), { replace: true });
              }}
            >
              Clear filters
            </Button>
          ) : null}
        </div>
      </form>

      {issues.isPending ? (
        <LoadingState label="Loading issues…" />
      ) : issues.isError ? (
        <ErrorState title="Could not load the issues" error={issues.error} onRetry={() => void issues.refetch()} />
      ) : issues.data.items.length === 0 ? (
        filtered ? (
          <EmptyState title="No issues match these filters">Try another severity or status, or clear the filters.</EmptyState>
        ) : (
          <EmptyState title={site.lastCrawlAt ? 'No open issues' : 'No issues yet'} action={<Link to={`/sites/${site.id}/crawls`}>Go to crawls</Link>}>
            {site.lastCrawlAt ? 'The last crawl found nothing to fix. Nice work.' : 'Issues appear after the first crawl of the site.'}
          </EmptyState>
        )
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {formatNumber(issues.data.total)} {issues.data.total === 1 ? 'issue' : 'issues'}
          </p>
          <div className="table-wrap">
            <table className="table table--responsive">
              <caption className="visually-hidden">Issues of {site.domain}</caption>
              <thead>
                <tr>
                  <th scope="col">Issue</th>
                  <th scope="col">Severity</th>
                  <th scope="col">Page</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Impact
                  </th>
                  <th scope="col" className="num">
                    Impressions (28 days)
                  </th>
                  <th scope="col" className="num">
                    Clicks (28 days)
                  </th>
                  <th scope="col">Last seen</th>
                </tr>
              </thead>
              <tbody>
                {issues.data.items.map((issue) => (
                  <tr key={issue.id}>
                    <td data-label="Issue">
                      <Link to={`/sites/${site.id}/issues/${issue.id}`} state={{ back: `?${params.toString()}` }}>
                        {issue.title}
                      </Link>
                    </td>
                    <td data-label="Severity">
                      <Badge tone={SEVERITY_TONE[issue.severity]}>{SEVERITY_LABEL[issue.severity]}</Badge>
                    </td>
                    <td data-label="Page" className="cell-url" title={issue.pageUrl}>
                      <Link to={pageViewPath(site.id, issue.pageUrl)}>{pagePath(issue.pageUrl)}</Link>
                    </td>
                    <td data-label="Status">
                      <Badge tone={STATUS_META[issue.status].tone}>{STATUS_META[issue.status].label}</Badge>
                    </td>
                    <td data-label="Impact" className="num">
                      {formatNumber(issue.impactScore)}
                    </td>
                    <td data-label="Impressions (28 days)" className="num">
                      {trafficCell(issue.estimatedTraffic, hasSearchData)}
                    </td>
                    <td data-label="Clicks (28 days)" className="num">
                      {trafficCell(issue.searchClicks, hasSearchData)}
                    </td>
                    <td data-label="Last seen">
                      <RelativeTime value={issue.lastSeenAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={filters.page} pageSize={ISSUES_PAGE_SIZE} total={issues.data.total} onPageChange={(page) => setParams(writeFilters({ ...filters, page }))} noun="issues" />
        </>
      )}
    </>
  );
}
