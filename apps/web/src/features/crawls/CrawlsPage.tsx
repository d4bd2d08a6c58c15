import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { Alert } from '../../components/Alert';
import { useNotify } from '../../components/Announcer';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { SelectField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { Pagination } from '../../components/Pagination';
import { SiteScope, siteEyebrow } from '../../components/SiteScope';
import { SiteTabs } from '../../components/SiteTabs';
import { LoadingState } from '../../components/Spinner';
import { RelativeTime } from '../../components/Time';
import { formatDateTime, formatDuration, formatNumber, humanise } from '../../lib/format';
import { pagePath } from '../issues/issue-meta';
import type { Site } from '../sites/site-meta';
import { CRAWL_PAGE_SIZE, isActiveCrawl, isAwaitingAnalysis, useCrawlDiff, useCrawlHistory, useFollowAnalysis, useStartSiteCrawl, type Crawl, type CrawlDiff } from './api';
import { CRAWL_STATUS } from './crawl-meta';
import { CrawlProgress } from './CrawlProgress';
import { IssueClassesChart } from './IssueClassesChart';

export function CrawlsPage() {
  return <SiteScope title="Crawls">{(site) => <Crawls site={site} />}</SiteScope>;
}

function Crawls({ site }: { site: Site }) {
  const notify = useNotify();
  const [page, setPage] = useState(1);
  const history = useCrawlHistory(site.id, page);
  const start = useStartSiteCrawl(site.id);
  const active = history.data?.items.find(isActiveCrawl);
  const completed = (history.data?.items ?? []).filter((crawl) => crawl.status === 'COMPLETED');
  const analysing = isAwaitingAnalysis(site, completed[0]);
  useFollowAnalysis(site.id, analysing);

  return (
    <>
      <PageHeader
        eyebrow={siteEyebrow(site)}
        title="Crawls"
        description={`Every audit of ${site.domain}, and what changed between two of them.`}
        actions={
          <Button variant="primary" loading={start.isPending} disabled={Boolean(active)} onClick={() => start.mutate(undefined, { onSuccess: () => notify(`Crawl of ${site.domain} started.`) })}>
            Start crawl
          </Button>
        }
      />
      <SiteTabs siteId={site.id} />
      {start.isError ? (
        <Alert tone="error" title="Could not start a crawl">
          {errorMessage(start.error)}
        </Alert>
      ) : null}
      {active ? (
        <section className="card" aria-labelledby="live-title">
          <h2 id="live-title" className="card__title">
            Crawl in progress
          </h2>
          <CrawlProgress site={site} crawlId={active.id} initial={active} />
        </section>
      ) : null}
      {analysing ? (
        <p className="muted" role="status">
          Analysing the latest crawl: its issue counts and fixes appear in a moment.
        </p>
      ) : null}

      {history.data && history.data.items.some((crawl) => crawl.status === 'COMPLETED') ? (
        <section className="card" aria-labelledby="classes-title">
          <h2 id="classes-title" className="card__title">
            Errors, warnings and notices
          </h2>
          <p className="card__text muted">The issues each crawl found (its “Issues” below), by severity: errors are critical and high, warnings medium, notices low and info.</p>
          <IssueClassesChart crawls={history.data.items} />
        </section>
      ) : null}

      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title" className="card__title">
          History
        </h2>
        {history.isPending ? (
          <LoadingState label="Loading crawls…" />
        ) : history.isError ? (
          <ErrorState title="Could not load the crawls" error={history.error} onRetry={() => void history.refetch()} />
        ) : history.data.items.length === 0 ? (
          <EmptyState title="No crawls yet">Start a crawl to audit every page of the site.</EmptyState>
        ) : (
          <>
            <div className="table-wrap">
              <table className="table table--responsive table--compact">
                <caption className="visually-hidden">Crawl history of {site.domain}</caption>
                <thead>
                  <tr>
                    <th scope="col">Started</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="num">
                      Pages
                    </th>
                    <th scope="col" className="num">
                      Issues
                    </th>
                    <th scope="col" className="num">
                      New / resolved
                    </th>
                    <th scope="col" className="num">
                      Score
                    </th>
                    <th scope="col">Duration</th>
                  </tr>
                </thead>
                <tbody>
                  {history.data.items.map((crawl) => (
                    <tr key={crawl.id}>
                      <td data-label="Started">
                        <RelativeTime value={crawl.startedAt ?? crawl.createdAt} />
                      </td>
                      <td data-label="Status">
                        <Badge tone={CRAWL_STATUS[crawl.status].tone}>{CRAWL_STATUS[crawl.status].label}</Badge>
                        {crawl.error ? <p className="wrap-note">{crawl.error}</p> : null}
                      </td>
                      <td data-label="Pages" className="num">
                        {formatNumber(crawl.pagesCrawled)}
                      </td>
                      <td data-label="Issues" className="num">
                        {formatNumber(crawl.issuesFound)}
                      </td>
                      <td data-label="New / resolved" className="num">
                        +{formatNumber(crawl.newIssues)} / −{formatNumber(crawl.resolvedIssues)}
                      </td>
                      <td data-label="Score" className="num">
                        {crawl.healthScore ?? '—'}
                      </td>
                      <td data-label="Duration">{crawl.durationMs == null ? '—' : formatDuration(crawl.durationMs)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination page={page} pageSize={CRAWL_PAGE_SIZE} total={history.data.total} onPageChange={setPage} noun="crawls" />
          </>
        )}
      </section>

      {completed.length > 0 && !analysing ? <DiffSection crawls={completed} /> : null}
    </>
  );
}

const crawlLabel = (crawl: Crawl) => `${formatDateTime(crawl.completedAt ?? crawl.createdAt)} (${formatNumber(crawl.issuesFound)} issues)`;

function DiffSection({ crawls }: { crawls: Crawl[] }) {
  // Until a crawl is picked, the newest one is compared: it changes when a new crawl completes.
  const [picked, setPicked] = useState<string | null>(null);
  const crawlId = picked && crawls.some((c) => c.id === picked) ? picked : crawls[0]!.id;
  const setCrawlId = (id: string) => setPicked(id);
  const [against, setAgainst] = useState('');
  const diff = useCrawlDiff(crawlId, against || undefined);
  return (
    <section className="card" aria-labelledby="diff-title">
      <h2 id="diff-title" className="card__title">
        Compare crawls
      </h2>
      <div className="filters filters--compact">
        <SelectField label="Crawl" value={crawlId} onChange={(e) => setCrawlId(e.target.value)} options={crawls.map((c) => ({ value: c.id, label: crawlLabel(c) }))} />
        <SelectField
          label="Compared with"
          value={against}
          onChange={(e) => setAgainst(e.target.value)}
          options={[{ value: '', label: 'The crawl before it' }, ...crawls.filter((c) => c.id !== crawlId).map((c) => ({ value: c.id, label: crawlLabel(c) }))]}
        />
      </div>
      {diff.isPending ? (
        <LoadingState label="Comparing…" />
      ) : diff.isError ? (
        <ErrorState title="Could not compare the crawls" error={diff.error} onRetry={() => void diff.refetch()} />
      ) : (
        <DiffView diff={diff.data} />
      )}
    </section>
  );
}

function DiffView({ diff }: { diff: CrawlDiff }) {
  if (!diff.againstCrawlId) return <p className="muted">This is the first completed crawl: there is nothing earlier to compare it with.</p>;
  const empty = !diff.newIssueCount && !diff.resolvedIssueCount && !diff.pagesAdded.length && !diff.pagesRemoved.length && !diff.pagesChanged.length;
  if (empty) return <p className="muted">Nothing changed between these two crawls.</p>;
  return (
    <div className="diff" data-testid="crawl-diff">
      <DiffList title={`New issues (${formatNumber(diff.newIssueCount)})`} tone="danger" items={diff.newIssues.map((i) => `${i.title} — ${pagePath(i.pageUrl)}`)} />
      <DiffList title={`Resolved issues (${formatNumber(diff.resolvedIssueCount)})`} tone="success" items={diff.resolvedIssues.map((i) => `${i.title} — ${pagePath(i.pageUrl)}`)} />
      <DiffList title={`Pages added (${diff.pagesAdded.length})`} tone="info" items={diff.pagesAdded.map(pagePath)} />
      <DiffList title={`Pages removed (${diff.pagesRemoved.length})`} tone="warning" items={diff.pagesRemoved.map(pagePath)} />
      <DiffList title={`Pages changed (${diff.pagesChanged.length})`} tone="neutral" items={diff.pagesChanged.map((p) => `${pagePath(p.url)}: ${p.fields.map(humanise).join(', ')}`)} />
    </div>
  );
}

function DiffList({ title, items, tone }: { title: string; items: string[]; tone: 'danger' | 'success' | 'info' | 'warning' | 'neutral' }) {
  if (items.length === 0) return null;
  return (
    <div className={`diff__group diff__group--${tone}`}>
      <h3 className="card__subtitle">{title}</h3>
      <ul className="diff__list">
        {items.map((item, index) => (
          <li key={`${index}-${item}`}>{item}</li>
        ))}
      </ul>
    </div>
  );
}
