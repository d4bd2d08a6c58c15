import { errorMessage } from '../../api/client';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ProgressBar } from '../../components/ProgressBar';
import { formatNumber } from '../../lib/format';
import { crawlProgress, isActiveCrawl, isAwaitingAnalysis, useCancelSiteCrawl, useFollowAnalysis, useLiveCrawl, type Crawl } from './api';
import { CRAWL_STATUS, renderNoteOf } from './crawl-meta';

/**
 * A crawl followed live: status, pages crawled of those found so far, and a cancel button while it runs;
 * after it completes, the analysis of its results is waited for before the final counts are shown.
 */
export function CrawlProgress({ site, crawlId, initial }: { site: { id: string; lastAnalysisAt?: string | null }; crawlId: string; initial?: Crawl }) {
  const siteId = site.id;
  const live = useLiveCrawl(crawlId);
  const cancel = useCancelSiteCrawl(siteId);
  const crawl = live.data ?? initial;
  const analysing = isAwaitingAnalysis(site, crawl);
  useFollowAnalysis(siteId, analysing, crawlId);
  if (!crawl) return <p className="muted">Loading the crawl…</p>;
  const meta = CRAWL_STATUS[crawl.status];
  const active = isActiveCrawl(crawl);
  const known = crawl.pagesCrawled + crawl.pagesQueued;
  const renderNote = renderNoteOf(crawl.stats);
  return (
    <div className="crawl-progress" data-testid="crawl-progress">
      <div className="crawl-progress__head">
        <Badge tone={meta.tone}>{meta.label}</Badge>
        <span aria-live="polite">
          {crawl.status === 'QUEUED'
            ? 'Waiting for a free crawler…'
            : active
              ? `${formatNumber(crawl.pagesCrawled)} of ${formatNumber(known)} pages found so far`
              : crawl.status === 'COMPLETED'
                ? analysing
                  ? `${formatNumber(crawl.pagesCrawled)} pages crawled; analysing the results…`
                  : `${formatNumber(crawl.pagesCrawled)} pages crawled, ${formatNumber(crawl.issuesFound)} issues found`
                : null}
        </span>
        {active ? (
          <Button size="sm" variant="ghost" loading={cancel.isPending} onClick={() => cancel.mutate(crawl.id)}>
            Cancel crawl
          </Button>
        ) : null}
      </div>
      <ProgressBar value={crawlProgress(crawl)} label="Crawl progress" />
      {crawl.error ? <p className="wrap-note">{crawl.error}</p> : null}
      {renderNote ? <p className="wrap-note" data-testid="render-verdict">{renderNote}</p> : null}
      {cancel.isError ? (
        <Alert tone="error" title="Could not cancel the crawl">
          {errorMessage(cancel.error)}
        </Alert>
      ) : null}
      {live.isError ? <p className="wrap-note">Live progress paused: {errorMessage(live.error)}</p> : null}
    </div>
  );
}
