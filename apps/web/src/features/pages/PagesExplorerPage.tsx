import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { SelectField, TextField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { SiteScope, siteEyebrow } from '../../components/SiteScope';
import { SiteTabs } from '../../components/SiteTabs';
import { LoadingState } from '../../components/Spinner';
import { formatNumber } from '../../lib/format';
import { pagePath } from '../issues/issue-meta';
import { TrafficRankingNote, trafficCell } from '../search-console/TrafficRankingNote';
import type { Site } from '../sites/site-meta';
import { DEFAULT_EXPLORER_FILTERS, pageViewPath, useCrawledPages, type ExplorerFilters, type PageSort } from './api';

const SORTS: { value: `${PageSort}:${'asc' | 'desc'}`; label: string }[] = [
  { value: 'url:asc', label: 'Address (A–Z)' },
  { value: 'issueCount:desc', label: 'Most issues first' },
  { value: 'impressions:desc', label: 'Most impressions first' },
  { value: 'clicks:desc', label: 'Most clicks first' },
  { value: 'inlinks:asc', label: 'Fewest inlinks first' },
  { value: 'inlinks:desc', label: 'Most inlinks first' },
  { value: 'depth:desc', label: 'Deepest first' },
  { value: 'status:desc', label: 'Status (highest first)' },
  { value: 'totalMs:desc', label: 'Slowest first' },
  { value: 'title:asc', label: 'Title (A–Z)' },
];

function readFilters(params: URLSearchParams): ExplorerFilters {
  const pick = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => ((allowed as readonly string[]).includes(params.get(name) ?? '') ? (params.get(name) as T) : fallback);
  const sort = SORTS.find((s) => s.value === `${params.get('sort')}:${params.get('order')}`)?.value ?? SORTS[0]!.value;
  const [sortField, order] = sort.split(':') as [PageSort, 'asc' | 'desc'];
  return {
    statusClass: pick('statusClass', ['2xx', '3xx', '4xx', '5xx', 'error'] as const, ''),
    indexable: pick('indexable', ['true', 'false'] as const, ''),
    hasIssues: pick('hasIssues', ['true', 'false'] as const, ''),
    q: params.get('q') ?? '',
    sort: sortField,
    order,
  };
}

function writeFilters(filters: ExplorerFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters) as [keyof ExplorerFilters, string][]) if (value && value !== DEFAULT_EXPLORER_FILTERS[key]) out[key] = value;
  if (out.sort || out.order) Object.assign(out, { sort: filters.sort, order: filters.order });
  return out;
}

export function PagesExplorerPage() {
  return <SiteScope title="Crawled pages">{(site) => <Explorer site={site} />}</SiteScope>;
}

function statusTone(status: number) {
  if (status === 0 || status >= 500) return 'danger' as const;
  if (status >= 400) return 'danger' as const;
  if (status >= 300) return 'info' as const;
  return 'success' as const;
}

function Explorer({ site }: { site: Site }) {
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  // Keyset pages: the cursors of the pages before this one, so "Previous" needs no offset.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1) ?? null;
  const pages = useCrawledPages(site.id, filters, cursor);
  const [q, setQ] = useState(filters.q);

  const update = (patch: Partial<ExplorerFilters>) => {
    setCursors([]);
    setParams(writeFilters({ ...filters, ...patch }), { replace: true });
  };
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    update({ q });
  };

  return (
    <>
      <PageHeader eyebrow={siteEyebrow(site)} title="Crawled pages" description={`Every URL the latest crawl of ${site.domain} fetched: status, depth, inlinks, indexability and issues.`} />
      <SiteTabs siteId={site.id} />
      <TrafficRankingNote siteId={site.id} />
      <form className="filters" aria-label="Filter crawled pages" onSubmit={onSearch}>
        <TextField label="Address or title contains" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="/blog/" />
        <SelectField
          label="Status"
          value={filters.statusClass}
          onChange={(e) => update({ statusClass: e.target.value as ExplorerFilters['statusClass'] })}
          options={[
            { value: '', label: 'Any status' },
            { value: '2xx', label: 'OK (2xx)' },
            { value: '3xx', label: 'Redirect (3xx)' },
            { value: '4xx', label: 'Client error (4xx)' },
            { value: '5xx', label: 'Server error (5xx)' },
            { value: 'error', label: 'No answer' },
          ]}
        />
        <SelectField
          label="Indexable"
          value={filters.indexable}
          onChange={(e) => update({ indexable: e.target.value as ExplorerFilters['indexable'] })}
          options={[{ value: '', label: 'All pages' }, { value: 'true', label: 'Indexable' }, { value: 'false', label: 'Not indexable' }]}
        />
        <SelectField
          label="Issues"
          value={filters.hasIssues}
          onChange={(e) => update({ hasIssues: e.target.value as ExplorerFilters['hasIssues'] })}
          options={[{ value: '', label: 'With or without' }, { value: 'true', label: 'With open issues' }, { value: 'false', label: 'Without issues' }]}
        />
        <SelectField
          label="Sort"
          value={`${filters.sort}:${filters.order}`}
          onChange={(e) => {
            const [sort, order] = e.target.value.split(':') as [PageSort, 'asc' | 'desc'];
            update({ sort, order });
          }}
          options={SORTS}
        />
        <div className="filters__actions">
          <Button type="submit">Apply</Button>
        </div>
      </form>
      {pages.isPending ? (
        <LoadingState label="Loading pages…" />
      ) : pages.isError ? (
        <ErrorState title="Could not load the crawled pages" error={pages.error} onRetry={() => void pages.refetch()} />
      ) : pages.data.items.length === 0 ? (
        pages.data.crawlId ? (
          <EmptyState title="No pages match these filters">Try another status or clear the search.</EmptyState>
        ) : (
          <EmptyState title="No completed crawl yet" action={<Link to={`/sites/${site.id}/crawls`}>Go to crawls</Link>}>
            Pages appear here once a crawl of the site has finished.
          </EmptyState>
        )
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {formatNumber(pages.data.total)} {pages.data.total === 1 ? 'page' : 'pages'}
          </p>
          <div className="table-wrap">
            <table className="table table--responsive">
              <caption className="visually-hidden">Crawled pages of {site.domain}</caption>
              <thead>
                <tr>
                  <th scope="col">Page</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">Depth</th>
                  <th scope="col" className="num">Inlinks</th>
                  <th scope="col">Indexable</th>
                  <th scope="col" className="num">Issues</th>
                  <th scope="col" className="num">Impressions (28 days)</th>
                  <th scope="col" className="num">Clicks (28 days)</th>
                </tr>
              </thead>
              <tbody>
                {pages.data.items.map((page) => (
                  <tr key={page.id}>
                    <td data-label="Page" className="cell-url">
                      <Link to={pageViewPath(site.id, page.url)} title={page.url}>
                        {pagePath(page.url)}
                      </Link>
                      {page.title ? <div className="muted cell-sub">{page.title}</div> : null}
                    </td>
                    <td data-label="Status">
                      <Badge tone={statusTone(page.status)}>{page.status === 0 ? 'No answer' : page.status}</Badge>
                    </td>
                    <td data-label="Depth" className="num">{page.depth}</td>
                    <td data-label="Inlinks" className="num">{formatNumber(page.inlinks)}</td>
                    <td data-label="Indexable">{page.indexable ? 'Yes' : 'No'}</td>
                    <td data-label="Issues" className="num">{formatNumber(page.issueCount)}</td>
                    <td data-label="Impressions (28 days)" className="num">{trafficCell(page.impressions, page.impressions != null)}</td>
                    <td data-label="Clicks (28 days)" className="num">{trafficCell(page.clicks, page.clicks != null)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pagination" aria-label="Pages of results">
            <Button variant="ghost" disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
              Previous
            </Button>
            <Button variant="ghost" disabled={!pages.data.nextCursor} onClick={() => pages.data.nextCursor && setCursors((c) => [...c, pages.data.nextCursor!])}>
              Next
            </Button>
          </nav>
        </>
      )}
    </>
  );
}
