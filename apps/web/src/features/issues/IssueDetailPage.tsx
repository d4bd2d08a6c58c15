import { Link, useLocation, useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client';
import { Alert } from '../../components/Alert';
import { useNotify } from '../../components/Announcer';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { CopyButton } from '../../components/CopyButton';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useHeadingFocusHandoff } from '../../components/useHeadingFocusHandoff';
import { BackLink, SiteScope } from '../../components/SiteScope';
import { SiteTabs } from '../../components/SiteTabs';
import { LoadingState } from '../../components/Spinner';
import { RelativeTime } from '../../components/Time';
import { formatNumber } from '../../lib/format';
import type { Site } from '../sites/site-meta';
import { useIssue, useSetIssueIgnored, type IssueDetail } from './api';
import { SEVERITY_LABEL, SEVERITY_TONE, STATUS_META } from './issue-meta';

export function IssueDetailPage() {
  return <SiteScope title="Issue">{(site) => <IssueScreen site={site} />}</SiteScope>;
}

function IssueScreen({ site }: { site: Site }) {
  const { issueId = '' } = useParams();
  const location = useLocation();
  const back = (location.state as { back?: string } | null)?.back ?? '';
  const issue = useIssue(issueId);
  useHeadingFocusHandoff(issue.isSuccess);
  const eyebrow = <BackLink to={`/sites/${site.id}/issues${back}`} label="Issues" />;

  if (issue.isPending) {
    return (
      <>
        <PageHeader title="Issue" eyebrow={eyebrow} />
        <LoadingState label="Loading the issue…" />
      </>
    );
  }
  if (issue.isError || issue.data.connectionId !== site.id) {
    const notFound = !issue.isError || (issue.error instanceof ApiError && issue.error.status === 404);
    return (
      <>
        <PageHeader title={notFound ? 'Issue not found' : 'Issue'} eyebrow={eyebrow} />
        {notFound ? (
          <Alert tone="error" title="This issue does not exist on this site.">
            <Link to={`/sites/${site.id}/issues`}>Back to the issues</Link>
          </Alert>
        ) : (
          <ErrorState title="Could not load the issue" error={issue.error} onRetry={() => void issue.refetch()} />
        )}
      </>
    );
  }
  return <IssueBody site={site} issue={issue.data} eyebrow={eyebrow} />;
}

function IssueBody({ site, issue, eyebrow }: { site: Site; issue: IssueDetail; eyebrow: React.ReactNode }) {
  const notify = useNotify();
  const setIgnored = useSetIssueIgnored(issue.id);
  const ignored = issue.status === 'IGNORED';
  const status = STATUS_META[issue.status];
  return (
    <>
      <PageHeader
        eyebrow={eyebrow}
        title={issue.title}
        description={
          <>
            <Badge tone={SEVERITY_TONE[issue.severity]}>{SEVERITY_LABEL[issue.severity]}</Badge> <Badge tone={status.tone}>{status.label}</Badge>
          </>
        }
        actions={
          <Button
            loading={setIgnored.isPending}
            onClick={() => setIgnored.mutate(!ignored, { onSuccess: () => notify(ignored ? 'The issue is open again.' : 'The issue is ignored; crawls will not reopen it.') })}
          >
            {ignored ? 'Stop ignoring' : 'Ignore issue'}
          </Button>
        }
      />
      <SiteTabs siteId={site.id} />
      {setIgnored.isError ? (
        <Alert tone="error" title={ignored ? 'Could not stop ignoring the issue' : 'Could not ignore the issue'}>
          {errorMessage(setIgnored.error)}
        </Alert>
      ) : null}

      <section className="card" aria-labelledby="where-title">
        <h2 id="where-title" className="card__title">
          Where
        </h2>
        <dl className="issue-facts">
          <div>
            <dt>Page</dt>
            <dd>
              <a href={issue.pageUrl} target="_blank" rel="noopener noreferrer">
                {issue.pageUrl} <span className="visually-hidden">(opens in a new tab)</span>
              </a>
            </dd>
          </div>
          <div>
            <dt>Element</dt>
            <dd>
              {issue.elementSelector ? (
                <span className="secret-row">
                  <code className="code-inline" aria-label="CSS selector">
                    {issue.elementSelector}
                  </code>
                  <CopyButton text={issue.elementSelector} what="CSS selector" />
                </span>
              ) : (
                <span className="muted">The whole page</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Impact</dt>
            <dd>{formatNumber(issue.impactScore)} of 100</dd>
          </div>
          <div>
            <dt>First seen</dt>
            <dd>
              <RelativeTime value={issue.firstSeenAt} />
            </dd>
          </div>
          <div>
            <dt>Last seen</dt>
            <dd>
              <RelativeTime value={issue.lastSeenAt} />
            </dd>
          </div>
        </dl>
        <h3 className="card__subtitle">What was found</h3>
        <p className="card__text">{issue.description}</p>
        {issue.evidence ? (
          <>
            <h3 className="card__subtitle">Evidence</h3>
            <pre className="evidence" aria-label="Evidence">
              {issue.evidence}
            </pre>
          </>
        ) : null}
      </section>

      <section className="card" aria-labelledby="fix-title">
        <h2 id="fix-title" className="card__title">
          How to fix it
        </h2>
        {issue.check ? (
          <>
            <p className="card__text">{issue.check.explanation}</p>
            <p className="card__text">{issue.check.howToFix}</p>
          </>
        ) : (
          <p className="muted">This check has no guidance in the catalogue.</p>
        )}
        {issue.fixable ? (
          <p className="card__text">
            Seology can fix this for you: see <Link to={`/sites/${site.id}/fixes`}>the site’s fixes</Link>.
          </p>
        ) : null}
      </section>
    </>
  );
}
