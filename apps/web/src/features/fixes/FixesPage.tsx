import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { Alert } from '../../components/Alert';
import { useNotify } from '../../components/Announcer';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ConfirmDialog, mutationDialogProps } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { TextField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { Pagination } from '../../components/Pagination';
import { SiteScope, siteEyebrow } from '../../components/SiteScope';
import { SiteTabs } from '../../components/SiteTabs';
import { LoadingState } from '../../components/Spinner';
import { RelativeTime } from '../../components/Time';
import { useCrawlHistory } from '../crawls/api';
import { PLAN_STATUS } from '../plans/plan-meta';
import { usePlans } from '../plans/api';
import { EXECUTION_MODE_LABELS, type Site } from '../sites/site-meta';
import { canOnSite } from '../teams/permissions';
import { FIXES_PAGE_SIZE, daysLeft, useApproveFixes, useFollowNewProposals, useFixes, useRejectFixes, useRollbackFix, type Fix, type FixStatus } from './api';
import { FixCard } from './FixCard';

/**
 * Each view is a set of states. "Approved" follows a fix from approval to its outcome (applied, or failed
 * with the reason), so an approved fix never disappears from the view it was approved in.
 */
const VIEWS: { id: string; statuses: FixStatus[]; label: string; empty: string }[] = [
  { id: 'proposed', statuses: ['PROPOSED'], label: 'Awaiting approval', empty: 'Nothing awaits your approval' },
  { id: 'approved', statuses: ['APPROVED', 'APPLYING', 'APPLIED', 'ROLLING_BACK', 'REVERT_PENDING', 'FAILED'], label: 'Approved', empty: 'No approved fixes' },
  { id: 'manual', statuses: ['MANUAL'], label: 'Make by hand', empty: 'Nothing to change by hand' },
  { id: 'rolled-back', statuses: ['ROLLED_BACK'], label: 'Rolled back', empty: 'No rolled-back fixes' },
  { id: 'rejected', statuses: ['REJECTED'], label: 'Rejected', empty: 'No rejected fixes' },
  { id: 'all', statuses: [], label: 'All', empty: 'No fixes yet' },
];
type View = (typeof VIEWS)[number];

export function FixesPage() {
  return <SiteScope title="Fixes">{(site) => <Fixes site={site} />}</SiteScope>;
}

function Fixes({ site }: { site: Site }) {
  const [view, setView] = useState<View>(VIEWS[0]!);
  const [page, setPage] = useState(1);
  const crawls = useCrawlHistory(site.id, 1);
  useFollowNewProposals(site.id, crawls.data?.items[0]);
  return (
    <>
      <PageHeader eyebrow={siteEyebrow(site)} title="Fixes" description={`Mode: ${EXECUTION_MODE_LABELS[site.executionMode]}. Proposals come after each crawl.`} />
      <SiteTabs siteId={site.id} />
      <PlansSection site={site} />
      <div className="segmented fix-views" role="group" aria-label="Show fixes">
        {VIEWS.map((v) => (
          <button
            key={v.id}
            type="button"
            className="segmented__option"
            aria-pressed={view.id === v.id}
            onClick={() => {
              setView(v);
              setPage(1);
            }}
          >
            {v.label}
          </button>
        ))}
      </div>
      <FixList site={site} view={view} page={page} onPage={setPage} />
    </>
  );
}

function PlansSection({ site }: { site: Site }) {
  const plans = usePlans(site.id, 1);
  if (plans.isPending || (plans.data && plans.data.items.length === 0 && site.executionMode !== 'PLAN')) return null;
  return (
    <section className="card" aria-labelledby="plans-title">
      <h2 id="plans-title" className="card__title">
        Plans
      </h2>
      {plans.isError ? (
        <ErrorState title="Could not load the plans" error={plans.error} onRetry={() => void plans.refetch()} />
      ) : plans.data.items.length === 0 ? (
        <p className="muted">In plan mode, each crawl’s fixes are grouped into a plan you approve or reject as a whole. None yet.</p>
      ) : (
        <ul className="plan-list">
          {plans.data.items.map((plan) => (
            <li key={plan.id} className="plan-list__item">
              <Link to={`/sites/${site.id}/plans/${plan.id}`}>{plan.title}</Link> <Badge tone={PLAN_STATUS[plan.status].tone}>{PLAN_STATUS[plan.status].label}</Badge>{' '}
              <span className="muted">
                <RelativeTime value={plan.createdAt} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function FixList({ site, view, page, onPage }: { site: Site; view: View; page: number; onPage: (page: number) => void }) {
  const notify = useNotify();
  const fixes = useFixes(site.id, view.statuses, page);
  const approve = useApproveFixes(site.id);
  const reject = useRejectFixes(site.id);
  const rollback = useRollbackFix(site.id);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [rejecting, setRejecting] = useState<string[] | null>(null);
  const [reason, setReason] = useState('');
  const [rollingBack, setRollingBack] = useState<{ fix: Fix; force: boolean } | null>(null);
  // Approving, rejecting and rolling back need fix:approve in the site's team (a viewer only reads).
  const mayApprove = canOnSite(site, 'fix:approve');

  if (fixes.isPending) return <LoadingState label="Loading fixes…" />;
  if (fixes.isError) return <ErrorState title="Could not load the fixes" error={fixes.error} onRetry={() => void fixes.refetch()} />;
  const items = fixes.data.items;
  const proposed = items.filter((fix) => fix.status === 'PROPOSED');
  const chosen = proposed.filter((fix) => selected.has(fix.id)).map((fix) => fix.id);
  const toggle = (id: string) => setSelected((current) => new Set(current.has(id) ? [...current].filter((x) => x !== id) : [...current, id]));
  const doApprove = (ids: string[]) =>
    approve.mutate(ids, {
      onSuccess: (done) => {
        setSelected(new Set());
        notify(done.length === 1 ? 'Fix approved; it is being applied.' : `${done.length} fixes approved; they are being applied.`);
      },
    });

  if (items.length === 0) {
    return (
      <EmptyState title={view.empty}>
        {site.lastCrawlAt ? 'Proposals appear after each crawl that finds something Seology can fix.' : 'Proposals appear after the first crawl.'}
      </EmptyState>
    );
  }
  return (
    <>
      {approve.isError ? (
        <Alert tone="error" title="Could not approve">
          {errorMessage(approve.error)}
        </Alert>
      ) : null}
      {rollback.isError ? (
        <Alert tone="error" title="Could not roll back">
          {errorMessage(rollback.error)}
        </Alert>
      ) : null}
      {proposed.length > 1 && mayApprove ? (
        <div className="bulk-bar">
          <label className="choice">
            <input
              type="checkbox"
              checked={chosen.length === proposed.length}
              onChange={(e) => setSelected(new Set(e.target.checked ? proposed.map((f) => f.id) : []))}
            />
            <span>Select all {proposed.length}</span>
          </label>
          <Button size="sm" variant="primary" disabled={chosen.length === 0} loading={approve.isPending && chosen.length > 0} onClick={() => doApprove(chosen)}>
            Approve selected ({chosen.length})
          </Button>
          <Button size="sm" disabled={chosen.length === 0} onClick={() => setRejecting(chosen)}>
            Reject selected
          </Button>
        </div>
      ) : null}
      <div className="fix-list">
        {items.map((fix) => {
          const days = daysLeft(fix.rollbackDeadline);
          return (
            <FixCard
              key={fix.id}
              fix={fix}
              select={
                fix.status === 'PROPOSED' && proposed.length > 1 && mayApprove ? (
                  <input type="checkbox" className="fix-card__check" aria-label={`Select fix on ${fix.pageUrl}`} checked={selected.has(fix.id)} onChange={() => toggle(fix.id)} />
                ) : undefined
              }
              actions={
                !mayApprove ? undefined : fix.status === 'PROPOSED' ? (
                  <>
                    <Button size="sm" variant="primary" loading={approve.isPending && approve.variables?.length === 1 && approve.variables[0] === fix.id} onClick={() => doApprove([fix.id])}>
                      Approve
                    </Button>
                    <Button size="sm" onClick={() => setRejecting([fix.id])}>
                      Reject
                    </Button>
                  </>
                ) : fix.rollbackPossible && days !== null && days > 0 ? (
                  <Button size="sm" onClick={() => setRollingBack({ fix, force: false })}>
                    Roll back
                  </Button>
                ) : undefined
              }
            >
              {fix.status === 'APPLIED' && fix.rollbackConflict ? (
                <Alert tone="warning" title="The page changed after this fix was applied">
                  <p>
                    Seology expected “{fix.rollbackConflict.expected ?? '(empty)'}” but the live value is “{fix.rollbackConflict.actual ?? '(empty)'}”. Rolling back now would overwrite that
                    newer edit.
                  </p>
                  {mayApprove ? (
                    <Button size="sm" variant="danger" onClick={() => setRollingBack({ fix, force: true })}>
                      Roll back anyway
                    </Button>
                  ) : null}
                </Alert>
              ) : null}
            </FixCard>
          );
        })}
      </div>
      <Pagination page={page} pageSize={FIXES_PAGE_SIZE} total={fixes.data.total} onPageChange={onPage} noun="fixes" />

      <ConfirmDialog
        open={rejecting !== null}
        title={rejecting && rejecting.length > 1 ? `Reject ${rejecting.length} fixes?` : 'Reject this fix?'}
        confirmLabel="Reject"
        {...mutationDialogProps(reject, () => setRejecting(null))}
        onConfirm={() => {
          if (!rejecting || reason.trim() === '') return;
          reject.mutate(
            { ids: rejecting, reason: reason.trim() },
            {
              onSuccess: (done) => {
                setRejecting(null);
                setReason('');
                setSelected(new Set());
                notify(done.length === 1 ? 'Fix rejected.' : `${done.length} fixes rejected.`);
              },
            },
          );
        }}
      >
        <TextField label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} required hint="Kept in the fix’s history. Seology will not propose this change again." />
      </ConfirmDialog>

      <ConfirmDialog
        open={rollingBack !== null}
        title={rollingBack?.force ? 'Overwrite the newer edit?' : 'Roll back this fix?'}
        confirmLabel={rollingBack?.force ? 'Roll back anyway' : 'Roll back'}
        {...mutationDialogProps(rollback, () => setRollingBack(null))}
        onConfirm={() => {
          if (!rollingBack) return;
          rollback.mutate(
            { id: rollingBack.fix.id, force: rollingBack.force },
            {
              onSuccess: () => {
                setRollingBack(null);
                notify('Rolling back the fix…');
              },
            },
          );
        }}
      >
        {rollingBack?.force ? (
          <p>Someone changed this value on the site after Seology applied the fix. Rolling back restores “{rollingBack.fix.beforeValue ?? '(empty)'}” and loses their edit.</p>
        ) : (
          <p>Seology puts back the value the page had before: “{rollingBack?.fix.beforeValue ?? '(empty)'}”. If the page changed since, you are asked before anything is overwritten.</p>
        )}
      </ConfirmDialog>
    </>
  );
}
