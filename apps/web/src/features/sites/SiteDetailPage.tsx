import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorMessage, type Schemas } from '../../api/client';
import { Alert } from '../../components/Alert';
import { useNotify } from '../../components/Announcer';
import { Badge, type BadgeTone } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ConfirmDialog, mutationDialogProps } from '../../components/ConfirmDialog';
import { CopyButton } from '../../components/CopyButton';
import { DetailLoadError, ErrorState } from '../../components/ErrorState';
import { RadioGroup } from '../../components/Field';
import { ArrowLeftIcon } from '../../components/icons';
import { SiteTabs } from '../../components/SiteTabs';
import { canOnSite } from '../teams/permissions';
import { CrawlProgress } from '../crawls/CrawlProgress';
import { renderNoteOf } from '../crawls/crawl-meta';
import { ImpactSummarySection } from '../search-console/ImpactSummarySection';
import { SearchConsoleSection } from '../search-console/SearchConsoleSection';
import { PageHeader } from '../../components/PageHeader';
import { LoadingState } from '../../components/Spinner';
import { RelativeTime } from '../../components/Time';
import { formatDuration, formatNumber, humanise } from '../../lib/format';
import { useCancelCrawl, useCrawls, useDeleteSite, useOpenIssues, useSite, useStartCrawl, useUpdateSite } from './api';
import { AutomaticModePreview } from './AutomaticModePreview';
import { CrawlSettingsSection } from './CrawlSettingsSection';
import { CredentialsSection } from './CredentialsSection';
import { ScoreValue } from './SitesPage';
import { EXECUTION_MODE_LABELS, EXECUTION_MODE_OPTIONS, HEALTH, PLATFORM_LABELS, siteName, type ExecutionMode, type Site } from './site-meta';

type Crawl = Schemas['CrawlDto'];
type Issue = Schemas['IssueDto'];

const CRAWL_STATUS: Record<Crawl['status'], { label: string; tone: BadgeTone }> = {
  QUEUED: { label: 'Queued', tone: 'neutral' },
  RUNNING: { label: 'Running', tone: 'info' },
  COMPLETED: { label: 'Completed', tone: 'success' },
  FAILED: { label: 'Failed', tone: 'danger' },
  CANCELLED: { label: 'Cancelled', tone: 'neutral' },
};

const SEVERITY: Record<Issue['severity'], BadgeTone> = {
  CRITICAL: 'danger',
  HIGH: 'danger',
  MEDIUM: 'warning',
  LOW: 'info',
  INFO: 'neutral',
};

const CONNECTION_STATUS: Record<Site['status'], { label: string; tone: BadgeTone }> = {
  PENDING: { label: 'Not verified yet', tone: 'neutral' },
  CONNECTED: { label: 'Connected', tone: 'success' },
  ERROR: { label: 'Connection error', tone: 'danger' },
  DISCONNECTED: { label: 'Disconnected', tone: 'warning' },
};

export function SiteDetailPage() {
  const { siteId = '' } = useParams();
  const site = useSite(siteId);

  if (site.isPending) {
    return (
      <>
        <PageHeader title="Site" eyebrow={<BackToSites />} />
        <LoadingState label="Loading the site…" />
      </>
    );
  }
  if (site.isError) {
    return (
      <DetailLoadError
        error={site.error}
        onRetry={() => void site.refetch()}
        noun="Site"
        eyebrow={<BackToSites />}
        notFoundMessage="This site does not exist or you no longer have access to it."
        back={{ to: '/sites', label: 'Back to your sites' }}
      />
    );
  }
  return <SiteDetail site={site.data} />;
}

function BackToSites() {
  return (
    <Link to="/sites" className="back-link">
      <ArrowLeftIcon /> Sites
    </Link>
  );
}

function SiteDetail({ site }: { site: Site }) {
  const notify = useNotify();
  const startCrawl = useStartCrawl(site.id);
  const health = HEALTH[site.healthStatus];
  const status = CONNECTION_STATUS[site.status];

  return (
    <>
      <PageHeader
        eyebrow={<BackToSites />}
        title={siteName(site)}
        description={
          <>
            <a href={site.siteUrl} target="_blank" rel="noopener noreferrer">
              {site.siteUrl}{' '}
              <span className="visually-hidden">(opens in a new tab)</span>
            </a>{' '}
            · {PLATFORM_LABELS[site.platform]}
            {' · '}<Link to={`/assistant/${site.id}`}>Ask the AI assistant about its issues</Link>
          </>
        }
        actions={
          // The team role decides (shared permission matrix); a viewer gets no crawl control at all.
          canOnSite(site, 'crawl:run') ? (
            <Button
              variant="primary"
              loading={startCrawl.isPending}
              onClick={() => startCrawl.mutate(undefined, { onSuccess: () => notify(`Crawl of ${site.domain} queued.`) })}
            >
              Start crawl
            </Button>
          ) : undefined
        }
      />
      <SiteTabs siteId={site.id} />
      {startCrawl.isError ? (
        <Alert tone="error" title="Could not start a crawl">
          {errorMessage(startCrawl.error)}
        </Alert>
      ) : null}

      <section className="card" aria-labelledby="overview-title">
        <h2 id="overview-title" className="card__title">
          Overview
        </h2>
        <dl className="stats">
          <div className="stat">
            <dt>Health</dt>
            <dd>
              <Badge tone={health.tone}>{health.label}</Badge>
            </dd>
          </div>
          <div className="stat">
            <dt>Health score</dt>
            <dd>{site.healthScore == null ? <span className="muted">—</span> : <ScoreValue score={site.healthScore} />}</dd>
          </div>
          <div className="stat">
            <dt>Pages</dt>
            <dd className="stat__number">{formatNumber(site.pageCount)}</dd>
          </div>
          <div className="stat">
            <dt>Open issues</dt>
            <dd className="stat__number">{formatNumber(site.issueCount)}</dd>
          </div>
          <div className="stat">
            <dt>Last crawl</dt>
            <dd>
              <RelativeTime value={site.lastCrawlAt} fallback="Never" />
            </dd>
          </div>
          <div className="stat">
            <dt>Next crawl</dt>
            <dd>
              <RelativeTime value={site.nextCrawlAt} fallback="Not scheduled" />
            </dd>
          </div>
          <div className="stat">
            <dt>Connection</dt>
            <dd>
              <Badge tone={status.tone}>{status.label}</Badge>
            </dd>
          </div>
        </dl>
      </section>

      <ImpactSummarySection site={site} />
      <CrawlsSection site={site} />
      <IssuesSection site={site} />
      <SearchConsoleSection site={site} />
      {site.platform === 'CUSTOM' ? <SnippetSection site={site} /> : null}
      {canOnSite(site, 'site:manage') && site.platform !== 'CUSTOM' ? <CredentialsSection site={{ ...site, platform: site.platform }} /> : null}
      {canOnSite(site, 'site:manage') ? <CrawlSettingsSection site={site} /> : null}
      {canOnSite(site, 'site:manage') ? <SettingsSection site={site} /> : null}
    </>
  );
}

function CrawlsSection({ site }: { site: Site }) {
  const crawls = useCrawls(site.id);
  const cancel = useCancelCrawl(site.id);
  return (
    <section className="card" aria-labelledby="crawls-title">
      <h2 id="crawls-title" className="card__title">
        Recent crawls
      </h2>
      {cancel.isError ? (
        <Alert tone="error" title="Could not cancel the crawl">
          {errorMessage(cancel.error)}
        </Alert>
      ) : null}
      {crawls.isPending ? (
        <LoadingState label="Loading crawls…" />
      ) : crawls.isError ? (
        <ErrorState title="Could not load crawls" error={crawls.error} onRetry={() => void crawls.refetch()} />
      ) : crawls.data.items.length === 0 ? (
        <p className="muted">No crawls yet. Start one to audit every page of the site.</p>
      ) : (
        <>
        {crawls.data.items[0]?.status === 'RUNNING' ? <CrawlProgress site={site} crawlId={crawls.data.items[0].id} initial={crawls.data.items[0]} /> : null}
        <div className="table-wrap">
          <table className="table table--responsive table--compact">
            <caption className="visually-hidden">Recent crawls of {site.domain}</caption>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Pages
                </th>
                <th scope="col" className="num">
                  Issues found
                </th>
                <th scope="col">Duration</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {crawls.data.items.map((crawl) => {
                const meta = CRAWL_STATUS[crawl.status];
                const active = crawl.status === 'QUEUED' || crawl.status === 'RUNNING';
                return (
                  <tr key={crawl.id}>
                    <td data-label="Started">
                      <RelativeTime value={crawl.startedAt ?? crawl.createdAt} />
                    </td>
                    <td data-label="Status">
                      <Badge tone={meta.tone}>{meta.label}</Badge>
                      {crawl.error ? <p className="cell-note">{crawl.error}</p> : null}
                      {renderNoteOf(crawl.stats) ? <p className="cell-note cell-note--wrap" data-testid="render-verdict">{renderNoteOf(crawl.stats)}</p> : null}
                    </td>
                    <td data-label="Pages" className="num">
                      {formatNumber(crawl.pagesCrawled)}
                    </td>
                    <td data-label="Issues found" className="num">
                      {formatNumber(crawl.issuesFound)}
                      {crawl.newIssues || crawl.resolvedIssues ? (
                        <span className="cell-note">
                          {' '}
                          (+{crawl.newIssues} new, −{crawl.resolvedIssues} resolved)
                        </span>
                      ) : null}
                    </td>
                    <td data-label="Duration">{crawl.durationMs == null ? <span className="muted">—</span> : formatDuration(crawl.durationMs)}</td>
                    <td className="actions">
                      {active && canOnSite(site, 'crawl:run') ? (
                        <Button
                          size="sm"
                          variant="ghost"
                          loading={cancel.isPending && cancel.variables === crawl.id}
                          onClick={() => cancel.mutate(crawl.id)}
                          aria-label="Cancel crawl"
                        >
                          Cancel
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p>
          <Link to={`/sites/${site.id}/crawls`}>Crawl history and comparisons</Link>
        </p>
        </>
      )}
    </section>
  );
}

function IssuesSection({ site }: { site: Site }) {
  const issues = useOpenIssues(site.id);
  return (
    <section className="card" aria-labelledby="issues-title">
      <h2 id="issues-title" className="card__title">
        Top open issues
      </h2>
      {issues.isPending ? (
        <LoadingState label="Loading issues…" />
      ) : issues.isError ? (
        <ErrorState title="Could not load issues" error={issues.error} onRetry={() => void issues.refetch()} />
      ) : issues.data.items.length === 0 ? (
        <p className="muted">{site.lastCrawlAt ? 'No open issues. Nice work.' : 'Issues appear here after the first crawl.'}</p>
      ) : (
        <>
          <ul className="issue-list">
            {issues.data.items.map((issue) => (
              <li key={issue.id} className="issue">
                <Badge tone={SEVERITY[issue.severity]}>{humanise(issue.severity)}</Badge>
                <div className="issue__text">
                  <p className="issue__title">
                    <Link to={`/sites/${site.id}/issues/${issue.id}`}>{issue.title}</Link>
                  </p>
                  <p className="issue__page">{issue.pageUrl}</p>
                </div>
              </li>
            ))}
          </ul>
          {issues.data.total > issues.data.items.length ? (
            <p className="muted">
              The {issues.data.items.length} with the most impact of {formatNumber(issues.data.total)} open issues. <Link to={`/sites/${site.id}/issues`}>See all issues</Link>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

function SnippetSection({ site }: { site: Site }) {
  return (
    <section className="card" aria-labelledby="snippet-title">
      <h2 id="snippet-title" className="card__title">
        Snippet site key
      </h2>
      <p className="card__text">This key identifies {site.domain} to the Seology snippet that applies fixes on your pages. It is public: it is safe in your HTML.</p>
      <div className="secret-row">
        <code className="secret-value" aria-label="Site key">
          {site.snippetKey}
        </code>
        <CopyButton text={site.snippetKey} what="site key" />
      </div>
    </section>
  );
}

function SettingsSection({ site }: { site: Site }) {
  const notify = useNotify();
  const navigate = useNavigate();
  const update = useUpdateSite(site.id);
  const remove = useDeleteSite(site.id);
  const [mode, setMode] = useState<ExecutionMode>(site.executionMode);
  const [confirming, setConfirming] = useState(false);
  const [confirmingAutomatic, setConfirmingAutomatic] = useState(false);

  useEffect(() => setMode(site.executionMode), [site.executionMode]);

  const saveMode = () =>
    update.mutate(
      { executionMode: mode },
      {
        onSuccess: (updated) => {
          setConfirmingAutomatic(false);
          notify(`Execution mode changed to “${EXECUTION_MODE_LABELS[updated.executionMode]}”.`);
        },
      },
    );
  const onSave = (event: FormEvent) => {
    event.preventDefault();
    // Automatic mode changes the live site without asking: show what that means first.
    if (mode === 'AUTOMATIC') setConfirmingAutomatic(true);
    else saveMode();
  };

  return (
    <section className="card" aria-labelledby="settings-title">
      <h2 id="settings-title" className="card__title">
        Settings
      </h2>
      <form onSubmit={onSave} className="form form--wide" aria-label="Execution mode">
        <RadioGroup
          legend="Execution mode"
          name="executionMode"
          cards
          value={mode}
          options={EXECUTION_MODE_OPTIONS}
          onChange={(next) => setMode(next)}
          hint={`Currently: ${EXECUTION_MODE_LABELS[site.executionMode]}.`}
        />
        {update.isError ? (
          <Alert tone="error" title="Could not save the execution mode">
            {errorMessage(update.error)}
          </Alert>
        ) : null}
        <div className="form-actions">
          <Button type="submit" variant="primary" loading={update.isPending} disabled={mode === site.executionMode}>
            Save execution mode
          </Button>
        </div>
      </form>

      <ConfirmDialog
        open={confirmingAutomatic}
        title={`Let Seology fix ${siteName(site)} automatically?`}
        confirmLabel="Switch to automatic"
        tone="primary"
        {...mutationDialogProps(update, () => setConfirmingAutomatic(false))}
        onConfirm={saveMode}
      >
        <AutomaticModePreview site={site} />
      </ConfirmDialog>

      <div className="danger-zone">
        <div>
          <h3 className="danger-zone__title">Delete this site</h3>
          <p className="danger-zone__text">Removes the site and its crawls, issues and history from Seology.</p>
        </div>
        <Button variant="danger" onClick={() => setConfirming(true)}>
          Delete site
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Delete ${siteName(site)}?`}
        confirmLabel="Delete site"
        {...mutationDialogProps(remove, () => setConfirming(false))}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              setConfirming(false);
              notify(`${siteName(site)} was deleted.`);
              void navigate('/sites', { replace: true });
            },
          })
        }
      >
        <p>
          Seology forgets {site.domain}: its crawls, issues and history are deleted. This cannot be undone.
        </p>
      </ConfirmDialog>
    </section>
  );
}
