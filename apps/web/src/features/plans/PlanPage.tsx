import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client';
import { Alert } from '../../components/Alert';
import { useNotify } from '../../components/Announcer';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ConfirmDialog, mutationDialogProps } from '../../components/ConfirmDialog';
import { ErrorState } from '../../components/ErrorState';
import { TextField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { useHeadingFocusHandoff } from '../../components/useHeadingFocusHandoff';
import { ProgressBar } from '../../components/ProgressBar';
import { BackLink, SiteScope } from '../../components/SiteScope';
import { SiteTabs } from '../../components/SiteTabs';
import { LoadingState } from '../../components/Spinner';
import { formatNumber } from '../../lib/format';
import { useToggleSet } from '../../lib/use-toggle-set';
import { useUsage } from '../billing/api';
import { UpgradeHint } from '../billing/upgrade';
import { FixCard } from '../fixes/FixCard';
import type { Site } from '../sites/site-meta';
import { planProgress, useDecidePlan, usePlan, type PlanDetail } from './api';
import { PLAN_STATUS } from './plan-meta';

export function PlanPage() {
  return <SiteScope title="Plan">{(site) => <PlanScreen site={site} />}</SiteScope>;
}

function PlanScreen({ site }: { site: Site }) {
  const { planId = '' } = useParams();
  const plan = usePlan(planId);
  useHeadingFocusHandoff(plan.isSuccess);
  const eyebrow = <BackLink to={`/sites/${site.id}/fixes`} label="Fixes" />;
  if (plan.isPending) {
    return (
      <>
        <PageHeader title="Plan" eyebrow={eyebrow} />
        <LoadingState label="Loading the plan…" />
      </>
    );
  }
  if (plan.isError || plan.data.connectionId !== site.id) {
    const notFound = !plan.isError || (plan.error instanceof ApiError && plan.error.status === 404);
    return (
      <>
        <PageHeader title={notFound ? 'Plan not found' : 'Plan'} eyebrow={eyebrow} />
        {notFound ? (
          <Alert tone="error" title="This plan does not exist on this site.">
            <Link to={`/sites/${site.id}/fixes`}>Back to the fixes</Link>
          </Alert>
        ) : (
          <ErrorState title="Could not load the plan" error={plan.error} onRetry={() => void plan.refetch()} />
        )}
      </>
    );
  }
  return <PlanBody site={site} plan={plan.data} eyebrow={eyebrow} />;
}

function PlanBody({ site, plan, eyebrow }: { site: Site; plan: PlanDetail; eyebrow: React.ReactNode }) {
  const notify = useNotify();
  const decide = useDecidePlan(plan.id);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const proposed = plan.fixes.filter((fix) => fix.status === 'PROPOSED');
  const picking = plan.status === 'PENDING' && proposed.length > 0;
  // Every proposed fix is chosen until the person unticks some; the plan lists them most impactful first.
  const [chosen, toggle, setChosen] = useToggleSet<string>(proposed.map((fix) => fix.id));
  const chosenIds = proposed.filter((fix) => chosen.has(fix.id)).map((fix) => fix.id);
  const usage = useUsage();
  const fixMeter = usage.data?.meters.fixesApplied;
  const left = fixMeter ? Math.max(0, fixMeter.limit - fixMeter.used) : null;
  const approveChosen = () => {
    const all = chosenIds.length === proposed.length;
    decide.mutate(all ? { approve: true } : { approve: true, fixIds: chosenIds }, {
      onSuccess: (result) => {
        const approved = result.fixes.length;
        notify(
          !all
            ? `${approved} ${approved === 1 ? 'fix' : 'fixes'} approved; ${approved === 1 ? 'it is' : 'they are'} being applied.`
            : approved === proposed.length
              ? 'Plan approved; its fixes are being applied.'
              : `Plan approved for its ${approved} most impactful fixes, as many as this month allows; the other ${proposed.length - approved} stay proposed.`,
        );
      },
    });
  };
  const status = PLAN_STATUS[plan.status];
  const progress = planProgress(plan);
  const impact = plan.estimatedImpact as { expectedScoreGain?: number };
  const showProgress = plan.status === 'APPROVED' || plan.status === 'EXECUTING' || plan.status === 'COMPLETED' || plan.status === 'FAILED';
  return (
    <>
      <PageHeader
        eyebrow={eyebrow}
        title={plan.title}
        description={plan.description ?? undefined}
        actions={
          plan.status === 'PENDING' ? (
            <>
              <Button onClick={() => setRejecting(true)}>Reject plan</Button>
              <Button variant="primary" loading={decide.isPending && !rejecting} disabled={picking && chosenIds.length === 0} onClick={approveChosen}>
                {chosenIds.length === proposed.length ? 'Approve plan' : `Approve ${chosenIds.length} selected`}
              </Button>
            </>
          ) : undefined
        }
      />
      <SiteTabs siteId={site.id} />
      {decide.isError && !rejecting ? (
        <Alert tone="error" title="Could not approve the plan">
          {errorMessage(decide.error)}
          <FitQuota error={decide.error} plan={plan} onApprove={(fixIds) => decide.mutate({ approve: true, fixIds }, { onSuccess: () => notify(`${fixIds.length} fixes approved; they are being applied.`) })} />
        </Alert>
      ) : null}
      <section className="card" aria-labelledby="plan-summary">
        <h2 id="plan-summary" className="card__title">
          Summary
        </h2>
        <p>
          <Badge tone={status.tone}>{status.label}</Badge> {formatNumber(plan.fixes.length)} {plan.fixes.length === 1 ? 'fix' : 'fixes'}
          {typeof impact.expectedScoreGain === 'number' ? `, about +${formatNumber(impact.expectedScoreGain)} health score expected` : ''}.
        </p>
        {plan.rejectionReason ? <p className="wrap-note">Rejected: {plan.rejectionReason}</p> : null}
        {showProgress ? (
          <div aria-live="polite">
            <ProgressBar value={progress.total ? (progress.done / progress.total) * 100 : 0} label="Plan progress" />
            <p className="muted">
              {formatNumber(progress.done)} of {formatNumber(progress.total)} fixes done
            </p>
          </div>
        ) : null}
      </section>
      <section aria-labelledby="plan-fixes">
        <h2 id="plan-fixes" className="section-title">
          Fixes in this plan
        </h2>
        {picking ? (
          <div className="card plan-picker" data-testid="plan-picker">
            <p className="card__text">
              <strong>
                {formatNumber(chosenIds.length)} of {formatNumber(proposed.length)} selected
              </strong>{' '}
              to approve; the ones you untick leave the plan and stay proposed.
              {left !== null ? ` Your plan has ${formatNumber(left)} of ${formatNumber(fixMeter!.limit)} fixes left this month.` : ''}
            </p>
            <div className="form-actions">
              <Button size="sm" onClick={() => setChosen(new Set(proposed.map((fix) => fix.id)))} disabled={chosenIds.length === proposed.length}>
                Select all
              </Button>
              <Button size="sm" onClick={() => setChosen(new Set())} disabled={chosenIds.length === 0}>
                Select none
              </Button>
              {left !== null && left > 0 && left < proposed.length ? (
                <Button size="sm" onClick={() => setChosen(new Set(proposed.slice(0, left).map((fix) => fix.id)))}>
                  Select the {formatNumber(left)} most impactful that fit
                </Button>
              ) : null}
            </div>
            {left !== null && usage.data && chosenIds.length > left ? (
              <UpgradeHint plan={usage.data.plan} limit="fixesPerMonth">
                {left === 0
                  ? 'No fix is left this month, so approving is refused until next month or an upgrade.'
                  : `Approving ${formatNumber(chosenIds.length)} approves the ${formatNumber(left)} most impactful of them; the others stay proposed.`}
              </UpgradeHint>
            ) : null}
          </div>
        ) : null}
        <div className="fix-list">
          {plan.fixes.map((fix) => (
            <FixCard
              key={fix.id}
              fix={fix}
              select={
                picking && fix.status === 'PROPOSED' ? (
                  <input type="checkbox" className="fix-card__check" aria-label={`Approve the fix on ${fix.pageUrl}`} checked={chosen.has(fix.id)} onChange={(e) => toggle(fix.id, e.target.checked)} />
                ) : undefined
              }
            />
          ))}
        </div>
      </section>
      <ConfirmDialog
        open={rejecting}
        title="Reject this plan?"
        confirmLabel="Reject plan"
        {...mutationDialogProps(decide, () => setRejecting(false))}
        onConfirm={() => {
          if (reason.trim() === '') return;
          decide.mutate(
            { approve: false, reason: reason.trim() },
            {
              onSuccess: () => {
                setRejecting(false);
                notify('Plan rejected; none of its fixes will be applied.');
              },
            },
          );
        }}
      >
        <TextField label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} required hint="Kept in the plan’s history." />
      </ConfirmDialog>
    </>
  );
}

/**
 * After a 402, offers the part of the plan the month's quota still covers: its first fixes, which the
 * plan lists most impactful first. The rest stay proposed for next month or after an upgrade.
 */
function FitQuota({ error, plan, onApprove }: { error: unknown; plan: PlanDetail; onApprove: (fixIds: string[]) => void }) {
  if (!(error instanceof ApiError) || error.status !== 402) return null;
  const { limit, used } = (error.details ?? {}) as { limit?: number; used?: number };
  if (typeof limit !== 'number' || typeof used !== 'number') return null;
  const room = Math.max(0, limit - used);
  const fitting = plan.fixes.filter((fix) => fix.status === 'PROPOSED').slice(0, room).map((fix) => fix.id);
  if (!fitting.length) return null;
  return (
    <p>
      <Button size="sm" variant="primary" onClick={() => onApprove(fitting)}>
        Approve the {fitting.length} most impactful that fit
      </Button>{' '}
      The other {plan.fixes.length - fitting.length} stay proposed for next month or after an upgrade.
    </p>
  );
}
