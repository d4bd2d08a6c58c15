import { Link, useSearchParams } from 'react-router-dom';
import { Badge } from '../../components/Badge';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { BackLink, SiteScope, siteEyebrow } from '../../components/SiteScope';
import { SiteTabs } from '../../components/SiteTabs';
import { LoadingState } from '../../components/Spinner';
import { RelativeTime } from '../../components/Time';
import { formatNumber, humanise } from '../../lib/format';
import { SEVERITY_LABEL, SEVERITY_TONE, STATUS_META, pagePath } from '../issues/issue-meta';
import { FixImpactView } from '../search-console/FixImpactView';
import type { Site } from '../sites/site-meta';
import { usePageDetail, type PageDetail } from './api';

/** "metaDescription" -> "Meta description": the field a fix changes, as people say it. */
function fieldLabel(field: string): string {
  return humanise(field.replace(/([a-z])([A-Z])/g, '$1_$2'));
}

export function PageViewPage() {
  return <SiteScope title="Page">{(site) => <PageView site={site} />}</SiteScope>;
}

function PageView({ site }: { site: Site }) {
  const [params] = useSearchParams();
  const url = params.get('url') ?? '';
  const detail = usePageDetail(site.id, url);
  return (
    <>
      <BackLink to={`/sites/${site.id}/pages`} label="All crawled pages" />
      <PageHeader eyebrow={siteEyebrow(site)} title={pagePath(url)} description={url} />
      <SiteTabs siteId={site.id} />
      {!url ? (
        <EmptyState title="No page chosen">Pick a page from the crawled pages or an issue.</EmptyState>
      ) : detail.isPending ? (
        <LoadingState label="Loading the page…" />
      ) : detail.isError ? (
        <ErrorState title="Could not load this page" error={detail.error} onRetry={() => void detail.refetch()} />
      ) : (
        <PageFacts site={site} detail={detail.data} />
      )}
    </>
  );
}

function PageFacts({ site, detail }: { site: Site; detail: PageDetail }) {
  const { page, issues, fixes, history } = detail;
  const open = issues.filter((i) => i.status === 'OPEN' || i.status === 'FIXING').length;
  return (
    <div className="page-view">
      <section className="card" aria-labelledby="page-facts">
        <h2 id="page-facts">As the latest crawl saw it</h2>
        <dl className="facts">
          <div><dt>Status</dt><dd>{page.status === 0 ? 'No answer' : page.status}</dd></div>
          <div><dt>Indexable</dt><dd>{page.indexable ? 'Yes' : 'No'}</dd></div>
          <div><dt>Inlinks</dt><dd>{formatNumber(page.inlinks)}</dd></div>
          <div><dt>Depth</dt><dd>{page.depth} {page.depth === 1 ? 'click' : 'clicks'} from the start page</dd></div>
          <div><dt>Title</dt><dd>{page.title ?? <span className="muted">none</span>}</dd></div>
          <div><dt>Description</dt><dd>{page.description ?? <span className="muted">none</span>}</dd></div>
          <div><dt>Words</dt><dd>{formatNumber(page.wordCount)}</dd></div>
          {page.impressions != null ? <div><dt>Search (28 days)</dt><dd>{formatNumber(page.impressions)} impressions, {formatNumber(page.clicks ?? 0)} clicks</dd></div> : null}
          <div><dt>Crawled</dt><dd><RelativeTime value={page.crawledAt} /></dd></div>
        </dl>
      </section>

      <section className="card" aria-labelledby="page-issues">
        <h2 id="page-issues">Issues ({formatNumber(open)} open of {formatNumber(issues.length)})</h2>
        {issues.length === 0 ? (
          <p className="muted">No issue was ever found on this page.</p>
        ) : (
          <ul className="plain-list">
            {issues.map((issue) => (
              <li key={issue.id}>
                <Link to={`/sites/${site.id}/issues/${issue.id}`}>{issue.title}</Link>{' '}
                <Badge tone={SEVERITY_TONE[issue.severity]}>{SEVERITY_LABEL[issue.severity]}</Badge>{' '}
                <Badge tone={STATUS_META[issue.status].tone}>{STATUS_META[issue.status].label}</Badge>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="page-fixes">
        <h2 id="page-fixes">Fixes</h2>
        {fixes.length === 0 ? (
          <p className="muted">No fix was proposed for this page yet.</p>
        ) : (
          <ul className="plain-list">
            {fixes.map((fix) => (
              <li key={fix.id}>
                <strong>{fieldLabel(fix.type)}</strong>: {fix.beforeValue ? <>“{fix.beforeValue}” → </> : null}“{fix.afterValue}”
                <ol className="fix-history" aria-label={`History of the ${fieldLabel(fix.type)} fix`}>
                  {fix.history.map((event) => (
                    <li key={`${event.event}-${event.at}`}>
                      {humanise(event.event)} <RelativeTime value={event.at} />
                      {event.detail ? <span className="muted"> — {event.detail}</span> : null}
                    </li>
                  ))}
                </ol>
                {fix.impact ? <FixImpactView impact={fix.impact} headingLevel={3} /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="page-history">
        <h2 id="page-history">In past crawls</h2>
        <div className="table-wrap">
          <table className="table table--responsive">
            <caption className="visually-hidden">This page in past crawls</caption>
            <thead>
              <tr>
                <th scope="col">Crawled</th>
                <th scope="col">Status</th>
                <th scope="col">Indexable</th>
                <th scope="col" className="num">Open issues</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.crawlId}>
                  <td data-label="Crawled"><RelativeTime value={h.crawledAt} /></td>
                  <td data-label="Status">{h.status === 0 ? 'No answer' : h.status}</td>
                  <td data-label="Indexable">{h.indexable ? 'Yes' : 'No'}</td>
                  <td data-label="Open issues" className="num">{formatNumber(h.issueCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
