import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client';
import { Alert } from '../../components/Alert';
import { useNotify } from '../../components/Announcer';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { CopyButton } from '../../components/CopyButton';
import { ErrorState } from '../../components/ErrorState';
import { RadioGroup } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { useHeadingFocusHandoff } from '../../components/useHeadingFocusHandoff';
import { LoadingState } from '../../components/Spinner';
import { formatNumber } from '../../lib/format';
import { RelativeTime } from '../../components/Time';
import { isActiveCrawl, isAwaitingAnalysis, useLiveCrawl, useStartSiteCrawl } from '../crawls/api';
import { CrawlProgress } from '../crawls/CrawlProgress';
import { useIssues, DEFAULT_FILTERS } from '../issues/api';
import { SEVERITY_LABEL, SEVERITY_TONE, pagePath } from '../issues/issue-meta';
import { AddSiteForm } from '../sites/AddSiteForm';
import { useCrawls, useSite, useUpdateSite } from '../sites/api';
import { scheduleLabel } from '../sites/crawl-settings';
import { EXECUTION_MODE_OPTIONS, PLATFORM_LABELS, siteName, type ExecutionMode, type Site } from '../sites/site-meta';
import { LAST_STEP, ONBOARDING_STEPS, onboardingSite, useConnectionCheck, useMe, useNewestSite, useSaveOnboarding } from './api';

/**
 * The first-run wizard. The step reached is saved on the account (so it resumes anywhere) and the site
 * being set up in this browser; skipping keeps the step, finishing marks onboarding completed.
 */
export function OnboardingPage() {
  const me = useMe();
  useHeadingFocusHandoff(me.isSuccess);
  if (me.isPending) {
    return (
      <>
        <PageHeader title="Get started" />
        <LoadingState label="Loading…" />
      </>
    );
  }
  if (me.isError) {
    return (
      <>
        <PageHeader title="Get started" />
        <ErrorState title="Could not load your account" error={me.error} onRetry={() => void me.refetch()} />
      </>
    );
  }
  return <Wizard initialStep={me.data.onboardingCompleted ? 0 : me.data.onboardingStep} />;
}

function Wizard({ initialStep }: { initialStep: number }) {
  const navigate = useNavigate();
  const notify = useNotify();
  const save = useSaveOnboarding();
  const [step, setStep] = useState(Math.min(Math.max(initialStep, 0), LAST_STEP));
  const [siteId, setSiteId] = useState<string | null>(() => onboardingSite.load());
  const newest = useNewestSite(!siteId && step >= 2);
  const resolvedSiteId = siteId ?? newest.data?.items[0]?.id ?? null;

  const go = (next: number, completed?: boolean) => {
    setStep(next);
    save.mutate({ step: next, ...(completed === undefined ? {} : { completed }) });
  };
  const skip = () => {
    save.mutate({ step }, { onSettled: () => void navigate('/sites') });
    notify('Setup skipped. Resume it any time from “Get started”.');
  };

  let body: React.ReactNode;
  if (step >= 2 && step < LAST_STEP && !resolvedSiteId) {
    body = newest.isPending && !siteId ? <LoadingState label="Loading your site…" /> : <NoSite onBack={() => go(1)} />;
  } else {
    switch (step) {
      case 0:
        body = <Welcome onNext={() => go(1)} />;
        break;
      case 1:
        body = (
          <AddSiteForm
            onCreated={(site) => {
              onboardingSite.save(site.id);
              setSiteId(site.id);
              notify(`${siteName(site)} was added.`);
              go(2);
            }}
          />
        );
        break;
      case LAST_STEP:
        body = <Done siteId={resolvedSiteId} />;
        break;
      default:
        body = (
          <SiteStep
            step={step}
            siteId={resolvedSiteId!}
            onNext={() => go(step + 1, step + 1 === LAST_STEP ? true : undefined)}
            onGone={() => {
              // The site was deleted (here or elsewhere): forget it and start again from "Add a site".
              onboardingSite.save(null);
              setSiteId(null);
              notify('The site being set up no longer exists. Add a site to continue.');
              go(1);
            }}
          />
        );
    }
  }

  return (
    <>
      <PageHeader
        title="Get started"
        description={`Step ${step + 1} of ${ONBOARDING_STEPS.length}: ${ONBOARDING_STEPS[step]}`}
        actions={
          step < LAST_STEP ? (
            <Button variant="ghost" onClick={skip}>
              Skip for now
            </Button>
          ) : undefined
        }
      />
      <ol className="stepper" aria-label="Setup steps">
        {ONBOARDING_STEPS.map((label, index) => (
          <li key={label} className={`stepper__step${index === step ? ' stepper__step--current' : index < step ? ' stepper__step--done' : ''}`} aria-current={index === step ? 'step' : undefined}>
            <span className="stepper__number" aria-hidden="true">
              {index + 1}
            </span>
            <span className="stepper__label">{label}</span>
          </li>
        ))}
      </ol>
      {save.isError ? (
        <Alert tone="warning" title="Your progress could not be saved">
          {errorMessage(save.error)} You can carry on; setup may resume at an earlier step next time.
        </Alert>
      ) : null}
      <section className="card wizard" aria-labelledby="wizard-step-title">
        <h2 id="wizard-step-title" className="card__title">
          {ONBOARDING_STEPS[step]}
        </h2>
        {body}
        {step > 0 && step < LAST_STEP ? (
          <div className="wizard__back">
            <Button variant="ghost" size="sm" onClick={() => go(step - 1)}>
              Back
            </Button>
          </div>
        ) : null}
      </section>
    </>
  );
}

function Welcome({ onNext }: { onNext: () => void }) {
  return (
    <>
      <p className="card__text">Seology audits every page of your site, explains what hurts your search ranking and fixes it, with your approval and an undo button.</p>
      <p className="card__text">Setup takes about five minutes: add your site, connect it, choose how fixes are applied, then run the first crawl.</p>
      <div className="form-actions">
        <Button variant="primary" onClick={onNext}>
          Let’s start
        </Button>
      </div>
    </>
  );
}

function NoSite({ onBack }: { onBack: () => void }) {
  return (
    <Alert tone="warning" title="There is no site to set up yet">
      <Button size="sm" onClick={onBack}>
        Add a site
      </Button>
    </Alert>
  );
}

function SiteStep({ step, siteId, onNext, onGone }: { step: number; siteId: string; onNext: () => void; onGone: () => void }) {
  const site = useSite(siteId);
  const gone = site.error instanceof ApiError && site.error.status === 404;
  useEffect(() => {
    if (gone) onGone();
  }, [gone, onGone]);
  if (site.isPending || gone) return <LoadingState label="Loading your site…" />;
  if (site.isError) return <ErrorState title="Could not load your site" error={site.error} onRetry={() => void site.refetch()} />;
  switch (step) {
    case 2:
      return <Connect site={site.data} onNext={onNext} />;
    case 3:
      return <Verify site={site.data} onNext={onNext} />;
    case 4:
      return <Mode site={site.data} onNext={onNext} />;
    case 5:
      return <FirstCrawl site={site.data} onNext={onNext} />;
    default:
      return <FirstIssues site={site.data} onNext={onNext} />;
  }
}

function snippetTag(site: Site): string {
  return `<script src="${window.location.origin}/api/snippet/${site.snippetKey}.js" async></script>`;
}

function Connect({ site, onNext }: { site: Site; onNext: () => void }) {
  return (
    <>
      {site.platform === 'CUSTOM' ? (
        <>
          <p className="card__text">Copy this line into the &lt;head&gt; of every page of {site.domain} (most site builders have a “custom code” or “header scripts” setting). It applies the fixes you approve.</p>
          <div className="secret-row">
            <code className="secret-value" aria-label="Snippet">
              {snippetTag(site)}
            </code>
            <CopyButton text={snippetTag(site)} what="snippet" />
          </div>
        </>
      ) : site.platform === 'WORDPRESS' ? (
        <p className="card__text">
          {site.hasCredentials ? 'The WordPress application password is stored encrypted.' : 'No application password is stored yet.'} Seology writes fixes through the WordPress REST API as
          that user; you can revoke the password in WordPress (Users → Profile → Application passwords) at any time.
        </p>
      ) : (
        <p className="card__text">
          {site.hasCredentials ? 'The Shopify access token is stored encrypted.' : 'No access token is stored yet.'} Seology writes fixes through the Shopify Admin API; uninstalling the custom app
          revokes it.
        </p>
      )}
      <p className="card__text">
        <Badge tone="neutral">{PLATFORM_LABELS[site.platform]}</Badge> {site.siteUrl}
      </p>
      <div className="form-actions">
        <Button variant="primary" onClick={onNext}>
          Continue
        </Button>
      </div>
    </>
  );
}

function Verify({ site, onNext }: { site: Site; onNext: () => void }) {
  const check = useConnectionCheck(site.id);
  const what =
    site.platform === 'CUSTOM'
      ? `Seology looks for the snippet on the home page of ${site.domain}.`
      : `Seology signs in to ${PLATFORM_LABELS[site.platform]} with the stored credentials, without changing anything.`;
  return (
    <>
      <p className="card__text">{what}</p>
      <div aria-live="polite">
        {check.isFetching ? (
          <LoadingState label="Checking the connection…" />
        ) : check.isError ? (
          <Alert tone="error" title="Could not check the connection">
            {errorMessage(check.error)}
          </Alert>
        ) : check.data?.ok ? (
          <Alert tone="success" title="Connected">
            Seology can reach {check.data.siteName ? `“${check.data.siteName}”` : site.domain}.
          </Alert>
        ) : (
          <Alert tone="warning" title="Not connected yet">
            {check.data?.reason}.{' '}
            {site.platform === 'CUSTOM'
              ? 'Add the snippet to your pages and check again; the crawl and the audit work without it.'
              : <>Correct them in <Link to={`/sites/${site.id}#credentials`}>the site’s credentials settings</Link> (saving checks them again), then come back here with “Get started”.</>}
          </Alert>
        )}
      </div>
      <div className="form-actions">
        <Button onClick={() => void check.refetch()} loading={check.isFetching}>
          Check again
        </Button>
        <Button variant="primary" onClick={onNext} disabled={check.isFetching}>
          Continue
        </Button>
      </div>
    </>
  );
}

function Mode({ site, onNext }: { site: Site; onNext: () => void }) {
  const update = useUpdateSite(site.id);
  const [mode, setMode] = useState<ExecutionMode>(site.executionMode);
  return (
    <form
      className="form form--wide"
      onSubmit={(event) => {
        event.preventDefault();
        if (mode === site.executionMode) onNext();
        else update.mutate({ executionMode: mode }, { onSuccess: onNext });
      }}
    >
      <RadioGroup legend="How should Seology apply fixes?" name="onboardingMode" cards value={mode} options={EXECUTION_MODE_OPTIONS} onChange={(next) => setMode(next)} hint="You can change this any time in the site’s settings." />
      {update.isError ? (
        <Alert tone="error" title="Could not save the execution mode">
          {errorMessage(update.error)}
        </Alert>
      ) : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" loading={update.isPending}>
          Save and continue
        </Button>
      </div>
    </form>
  );
}

function FirstCrawl({ site, onNext }: { site: Site; onNext: () => void }) {
  const start = useStartSiteCrawl(site.id);
  // After a reload the wizard picks up the site's latest crawl instead of offering to start another.
  const latest = useCrawls(site.id);
  const [crawlId, setCrawlId] = useState<string | null>(null);
  const latestId = latest.data?.items[0]?.id ?? null;
  useEffect(() => {
    if (!crawlId && latestId) setCrawlId(latestId);
  }, [crawlId, latestId]);
  const live = useLiveCrawl(crawlId);
  const crawl = live.data;
  const completed = crawl?.status === 'COMPLETED';
  const ended = crawl ? !isActiveCrawl(crawl) && !completed : false;
  // The first issues are worth showing once the crawl's results are analysed (bounded: never waits forever).
  const succeeded = completed && !isAwaitingAnalysis(site, crawl);
  useEffect(() => {
    if (succeeded) document.getElementById('wizard-next')?.focus();
  }, [succeeded]);
  return (
    <>
      <p className="card__text">The crawler visits every page of {site.domain} like a search engine would and runs the audit checks on each. A small site takes a minute or two.</p>
      {crawlId ? <CrawlProgress site={site} crawlId={crawlId} initial={start.data} /> : null}
      {crawl?.status === 'FAILED' ? (
        <Alert tone="error" title="The first crawl failed">
          {crawl.error ?? 'The crawler stopped without a reason.'} Check that {site.siteUrl} opens in a browser, then try again.
        </Alert>
      ) : crawl?.status === 'CANCELLED' ? (
        <Alert tone="warning" title="The crawl was cancelled">
          Start it again to see the site’s issues.
        </Alert>
      ) : null}
      {start.isError ? (
        <Alert tone="error" title="Could not start the crawl">
          {errorMessage(start.error)}
        </Alert>
      ) : null}
      <div className="form-actions">
        {latest.isPending && !crawlId ? null : !crawlId || ended ? (
          <Button variant="primary" loading={start.isPending} onClick={() => start.mutate(undefined, { onSuccess: (started) => setCrawlId(started.id) })}>
            {crawlId ? 'Try again' : 'Start the first crawl'}
          </Button>
        ) : (
          <Button id="wizard-next" variant="primary" disabled={!succeeded} onClick={onNext}>
            {completed && !succeeded ? 'Analysing the results…' : 'See the issues'}
          </Button>
        )}
      </div>
    </>
  );
}

function FirstIssues({ site, onNext }: { site: Site; onNext: () => void }) {
  const issues = useIssues(site.id, { ...DEFAULT_FILTERS });
  return (
    <>
      {issues.isPending ? (
        <LoadingState label="Loading issues…" />
      ) : issues.isError ? (
        <ErrorState title="Could not load the issues" error={issues.error} onRetry={() => void issues.refetch()} />
      ) : issues.data.total === 0 ? (
        <p className="card__text">The crawl found no issues. Nice work.</p>
      ) : (
        <>
          <p className="card__text">
            The crawl found {formatNumber(issues.data.total)} open {issues.data.total === 1 ? 'issue' : 'issues'}. These have the most impact:
          </p>
          <ul className="issue-list">
            {issues.data.items.slice(0, 5).map((issue) => (
              <li key={issue.id} className="issue">
                <Badge tone={SEVERITY_TONE[issue.severity]}>{SEVERITY_LABEL[issue.severity]}</Badge>
                <div className="issue__text">
                  <p className="issue__title">
                    <Link to={`/sites/${site.id}/issues/${issue.id}`}>{issue.title}</Link>
                  </p>
                  <p className="issue__page">{pagePath(issue.pageUrl)}</p>
                </div>
              </li>
            ))}
          </ul>
          <p className="card__text">Fixes Seology can make are proposed on the site’s Fixes tab{site.executionMode === 'AUTOMATIC' ? ' and applied automatically' : ''}.</p>
        </>
      )}
      <div className="form-actions">
        <Button variant="primary" onClick={onNext}>
          Finish setup
        </Button>
      </div>
    </>
  );
}

/** The promise of re-crawls is only made when a schedule is set, and says when the next one is. */
function ScheduleNote({ siteId }: { siteId: string }) {
  const site = useSite(siteId);
  if (!site.isSuccess) return <p className="card__text">You are all set.</p>;
  const settings = <Link to={`/sites/${siteId}#crawl-settings-title`}>the site’s settings</Link>;
  return site.data.nextCrawlAt ? (
    <p className="card__text" data-testid="done-schedule">
      You are all set. Seology re-crawls {site.data.domain} {scheduleLabel(site.data.crawlFrequencyHours).toLowerCase()}, next <RelativeTime value={site.data.nextCrawlAt} />,
      and tells you when something needs a decision. Change the schedule in {settings}.
    </p>
  ) : (
    <p className="card__text" data-testid="done-schedule">
      You are all set. {site.data.domain} has no re-crawl schedule: Seology crawls it when you start a crawl. Set a schedule in {settings}.
    </p>
  );
}

function Done({ siteId }: { siteId: string | null }) {
  return (
    <>
      {siteId ? <ScheduleNote siteId={siteId} /> : <p className="card__text">You are all set.</p>}
      <div className="form-actions">
        {siteId ? (
          <>
            <Link className="btn btn--primary" to={`/sites/${siteId}/fixes`}>
              Review fixes
            </Link>
            <Link className="btn btn--secondary" to={`/sites/${siteId}/issues`}>
              All issues
            </Link>
          </>
        ) : (
          <Link className="btn btn--primary" to="/sites">
            Go to your sites
          </Link>
        )}
      </div>
    </>
  );
}
