import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { useCurrentUser } from '../../auth/auth-context';
import { Alert } from '../../components/Alert';
import { useNotify } from '../../components/Announcer';
import { Badge, type BadgeTone } from '../../components/Badge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { SelectField } from '../../components/Field';
import { JobsIcon } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { Pagination } from '../../components/Pagination';
import { ProgressBar } from '../../components/ProgressBar';
import { LoadingState } from '../../components/Spinner';
import { RelativeTime } from '../../components/Time';
import { humanise } from '../../lib/format';
import { readPage } from '../sites/SitesPage';
import { JOBS_PAGE_SIZE, LIVE_STATUSES, useJobAction, useJobs, useSiteNames, type Job, type JobScope, type JobStatus } from './api';

export const JOB_STATUS: Record<JobStatus, { label: string; tone: BadgeTone }> = {
  PENDING: { label: 'Queued', tone: 'neutral' },
  RUNNING: { label: 'Running', tone: 'info' },
  RETRYING: { label: 'Retrying', tone: 'warning' },
  COMPLETED: { label: 'Completed', tone: 'success' },
  FAILED: { label: 'Failed', tone: 'danger' },
  CANCELLED: { label: 'Cancelled', tone: 'neutral' },
};

const STATUS_FILTERS: { value: string; label: string }[] = [
  { value: '', label: 'All statuses' },
  ...(Object.keys(JOB_STATUS) as JobStatus[]).map((status) => ({ value: status, label: JOB_STATUS[status].label })),
];

function isJobStatus(value: string | null): value is JobStatus {
  return value !== null && value in JOB_STATUS;
}

export function JobsPage() {
  const user = useCurrentUser();
  const isAdmin = user.role === 'ADMIN';
  const [params, setParams] = useSearchParams();
  const scope: JobScope = isAdmin && params.get('scope') === 'all' ? 'all' : 'mine';
  const page = readPage(params);
  const rawStatus = params.get('status');
  const status = isJobStatus(rawStatus) ? rawStatus : undefined;
  const jobs = useJobs(scope, page, status);
  const siteNames = useSiteNames();
  const action = useJobAction(scope);
  const notify = useNotify();

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };

  const run = (job: Job, kind: 'cancel' | 'retry') =>
    action.mutate(
      { job, action: kind },
      { onSuccess: () => notify(kind === 'retry' ? `${humanise(job.type)} job queued again.` : `${humanise(job.type)} job cancelled.`) },
    );

  return (
    <>
      <PageHeader
        title="Jobs"
        description="Background work on your sites: crawls, analyses and fixes. The list follows running jobs as they progress."
      />
      <div className="toolbar">
        {isAdmin ? (
          <div className="segmented" role="group" aria-label="Whose jobs">
            <button type="button" aria-pressed={scope === 'mine'} onClick={() => update({ scope: undefined })}>
              My jobs
            </button>
            <button type="button" aria-pressed={scope === 'all'} onClick={() => update({ scope: 'all' })}>
              All jobs
            </button>
          </div>
        ) : null}
        <SelectField inline label="Status" value={status ?? ''} options={STATUS_FILTERS} onChange={(event) => update({ status: event.target.value || undefined })} />
      </div>

      {action.isError ? (
        <Alert tone="error" title={action.variables?.action === 'retry' ? 'Could not retry the job' : 'Could not cancel the job'}>
          {errorMessage(action.error)}
        </Alert>
      ) : null}

      {jobs.isPending ? (
        <LoadingState label="Loading jobs…" />
      ) : jobs.isError ? (
        <ErrorState title="Could not load jobs" error={jobs.error} onRetry={() => void jobs.refetch()} />
      ) : jobs.data.items.length === 0 ? (
        <EmptyState title={status ? `No ${JOB_STATUS[status].label.toLowerCase()} jobs` : 'No jobs yet'} icon={<JobsIcon />}>
          <p>{status ? 'Try another status.' : 'Jobs appear here when you crawl a site or apply fixes.'}</p>
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table table--responsive">
              <caption className="visually-hidden">{scope === 'all' ? 'All jobs' : 'Your jobs'}</caption>
              <thead>
                <tr>
                  <th scope="col">Job</th>
                  <th scope="col">Site</th>
                  {scope === 'all' ? <th scope="col">User</th> : null}
                  <th scope="col">Status</th>
                  <th scope="col">Progress</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Created</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {jobs.data.items.map((job) => {
                  const meta = JOB_STATUS[job.status];
                  const live = LIVE_STATUSES.has(job.status);
                  const siteLabel = job.connectionId ? siteNames.data?.get(job.connectionId) : undefined;
                  return (
                    <tr key={job.id}>
                      <th scope="row" data-label="Job">
                        <span className="job-type">{humanise(job.type)}</span>
                        <span className="cell-note mono" title={job.id}>
                          {job.id.slice(0, 8)}
                        </span>
                      </th>
                      <td data-label="Site">
                        {job.connectionId ? (
                          siteLabel ? (
                            <Link to={`/sites/${job.connectionId}`}>{siteLabel}</Link>
                          ) : (
                            <span className="mono" title={job.connectionId}>
                              {job.connectionId.slice(0, 8)}
                            </span>
                          )
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                      {scope === 'all' ? (
                        <td data-label="User">
                          <span className="mono" title={job.userId ?? undefined}>
                            {job.userId ? job.userId.slice(0, 8) : '—'}
                          </span>
                        </td>
                      ) : null}
                      <td data-label="Status">
                        <Badge tone={meta.tone}>{meta.label}</Badge>
                        {job.error && (job.status === 'FAILED' || job.status === 'RETRYING') ? <p className="cell-note cell-note--error">{job.error}</p> : null}
                      </td>
                      <td data-label="Progress">
                        {job.status === 'COMPLETED' ? (
                          <span className="muted">Done</span>
                        ) : live || job.progress > 0 ? (
                          <ProgressBar value={job.progress} label={`Progress of ${humanise(job.type)} job ${job.id.slice(0, 8)}`} />
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                      <td data-label="Attempts">
                        {job.attempts} of {job.maxAttempts}
                      </td>
                      <td data-label="Created">
                        <RelativeTime value={job.createdAt} />
                      </td>
                      <td className="actions">
                        {live ? (
                          <Button
                            size="sm"
                            loading={action.isPending && action.variables?.job.id === job.id && action.variables.action === 'cancel'}
                            onClick={() => run(job, 'cancel')}
                            aria-label={`Cancel ${humanise(job.type)} job ${job.id.slice(0, 8)}`}
                          >
                            Cancel
                          </Button>
                        ) : null}
                        {scope === 'all' && (job.status === 'FAILED' || job.status === 'CANCELLED') ? (
                          <Button
                            size="sm"
                            loading={action.isPending && action.variables?.job.id === job.id && action.variables.action === 'retry'}
                            onClick={() => run(job, 'retry')}
                            aria-label={`Retry ${humanise(job.type)} job ${job.id.slice(0, 8)}`}
                          >
                            Retry
                          </Button>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Pagination page={page} pageSize={JOBS_PAGE_SIZE} total={jobs.data.total} noun="jobs" onPageChange={(next) => update({ page: next > 1 ? String(next) : undefined })} />
        </>
      )}
    </>
  );
}
