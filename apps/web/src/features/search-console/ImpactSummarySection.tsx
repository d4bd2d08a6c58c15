import { Link } from 'react-router-dom';
import { Badge } from '../../components/Badge';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/Spinner';
import { formatNumber } from '../../lib/format';
import { fixTypeLabel } from '../fixes/FixCard';
import { pagePath } from '../issues/issue-meta';
import type { Site } from '../sites/site-meta';
import { useFixImpactSummary, useSearchConsoleStatus } from './api';
import { CONFIDENCE } from './FixImpactView';

/** The overview's answer to "did the fixes help?": measured fixes by verdict, the clearest first. */
export function ImpactSummarySection({ site }: { site: Site }) {
  const status = useSearchConsoleStatus(site.id);
  const connected = status.data?.connected ?? false;
  const summary = useFixImpactSummary(site.id, connected);
  if (!connected) return null;
  return (
    <section className="card" aria-labelledby="impact-title">
      <h2 id="impact-title" className="card__title">
        What the fixes did
      </h2>
      {summary.isPending ? (
        <LoadingState label="Loading measured fixes…" />
      ) : summary.isError ? (
        <ErrorState title="Could not load the fixes’ impact" error={summary.error} onRetry={() => void summary.refetch()} />
      ) : summary.data.measured === 0 ? (
        <p className="muted">No fix measured yet. Each applied fix is measured once 7 complete days of Search Console data follow it, then again at 28 and 90 days.</p>
      ) : (
        <>
          <dl className="stats">
            <div className="stat">
              <dt>Measured fixes</dt>
              <dd className="stat__number">{formatNumber(summary.data.measured)}</dd>
            </div>
            <div className="stat">
              <dt>Likely effect of the fix</dt>
              <dd className="stat__number">{formatNumber(summary.data.counts.likely)}</dd>
            </div>
            <div className="stat">
              <dt>Possibly</dt>
              <dd className="stat__number">{formatNumber(summary.data.counts.possible)}</dd>
            </div>
            <div className="stat">
              <dt>No measurable change</dt>
              <dd className="stat__number">{formatNumber(summary.data.counts.noMeasurableChange)}</dd>
            </div>
            <div className="stat">
              <dt>Too early or too little data</dt>
              <dd className="stat__number">{formatNumber(summary.data.counts.tooEarly + summary.data.counts.notEnoughData)}</dd>
            </div>
          </dl>
          <ul className="issue-list impact-list" aria-label="Measured fixes, clearest effect first">
            {summary.data.fixes.map((fix) => (
              <li key={fix.fixId} className="issue">
                <Badge tone={CONFIDENCE[fix.confidence].tone}>{CONFIDENCE[fix.confidence].label}</Badge>
                <div className="issue__text">
                  <p className="issue__title">
                    {fixTypeLabel(fix.type)} on <Link to={`/sites/${site.id}/page?url=${encodeURIComponent(fix.pageUrl)}`}>{pagePath(fix.pageUrl)}</Link>
                    {fix.status === 'ROLLED_BACK' ? <span className="cell-note"> (rolled back since)</span> : null}
                  </p>
                  <p className="issue__page">{fix.summary}</p>
                </div>
              </li>
            ))}
          </ul>
          <p>
            <Link to={`/sites/${site.id}/fixes`}>All fixes</Link>
          </p>
        </>
      )}
    </section>
  );
}
