import type { ReactNode } from 'react';
import { Badge, type BadgeTone } from '../../components/Badge';
import { humanise } from '../../lib/format';
import { pagePath } from '../issues/issue-meta';
import { FixImpactView } from '../search-console/FixImpactView';
import { CompanionPluginOffer } from '../sites/CompanionPluginOffer';
import { daysLeft, type Fix } from './api';

export const FIX_STATUS: Record<Fix['status'], { label: string; tone: BadgeTone }> = {
  PROPOSED: { label: 'Awaiting approval', tone: 'warning' },
  APPROVED: { label: 'Approved, queued', tone: 'info' },
  REJECTED: { label: 'Rejected', tone: 'neutral' },
  APPLYING: { label: 'Applying…', tone: 'info' },
  APPLIED: { label: 'Applied', tone: 'success' },
  FAILED: { label: 'Failed', tone: 'danger' },
  ROLLING_BACK: { label: 'Rolling back…', tone: 'info' },
  ROLLED_BACK: { label: 'Rolled back', tone: 'neutral' },
  MANUAL: { label: 'Make by hand', tone: 'neutral' },
  REVERT_PENDING: { label: 'Revert pending: retrying', tone: 'warning' },
};
const RISK_TONE: Record<Fix['risk'], BadgeTone> = { LOW: 'success', MEDIUM: 'warning', HIGH: 'danger' };

/** "ogDescription" / "META_DESCRIPTION" -> "Open Graph description" / "Meta description". */
export function fixTypeLabel(type: string): string {
  const words = type
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .replace(/^og\b/, 'open graph')
    .trim();
  const label = words.charAt(0).toUpperCase() + words.slice(1);
  return label.replace('Open graph', 'Open Graph');
}

/** What was verified after applying: the live page is re-read and compared with the intended value. */
export function VerificationBadge({ fix }: { fix: Fix }) {
  if (fix.status !== 'APPLIED') return null;
  if (fix.verifiedAt) return <Badge tone="success">Verified on the live site</Badge>;
  if (fix.verificationDetail) return <Badge tone="warning">Not verified: {fix.verificationDetail}</Badge>;
  return <Badge tone="neutral">Verification pending</Badge>;
}

export function RollbackWindow({ fix }: { fix: Fix }) {
  const days = daysLeft(fix.rollbackDeadline);
  if (fix.status !== 'APPLIED' || days === null) return null;
  return <span className={days <= 7 ? 'text-warning' : 'muted'}>{days > 0 ? `${days} ${days === 1 ? 'day' : 'days'} left to roll back` : 'The rollback window has closed'}</span>;
}

/** One fix with its before/after values; `select` and `actions` come from the screen showing it. */
export function FixCard({ fix, select, actions, children }: { fix: Fix; select?: ReactNode; actions?: ReactNode; children?: ReactNode }) {
  const status = FIX_STATUS[fix.status];
  return (
    <article className="fix-card" aria-labelledby={`fix-${fix.id}-title`}>
      <div className="fix-card__head">
        {select}
        <div className="fix-card__title-block">
          <h3 className="fix-card__title" id={`fix-${fix.id}-title`}>
            {fixTypeLabel(fix.type)} on {pagePath(fix.pageUrl)}
          </h3>
          <p className="fix-card__meta">
            <Badge tone={status.tone}>{status.label}</Badge> <Badge tone={RISK_TONE[fix.risk]}>{humanise(fix.risk)} risk</Badge> <VerificationBadge fix={fix} /> <RollbackWindow fix={fix} />
          </p>
        </div>
        {actions ? <div className="fix-card__actions">{actions}</div> : null}
      </div>
      <div className="before-after">
        <div className="before-after__side">
          <h4 className="before-after__label">Before</h4>
          <p className="before-after__value">{fix.beforeValue ? fix.beforeValue : <span className="muted">(empty)</span>}</p>
        </div>
        <div className="before-after__side before-after__side--after">
          <h4 className="before-after__label">After</h4>
          <p className="before-after__value">{fix.afterValue}</p>
        </div>
      </div>
      {fix.rationale ? <p className="fix-card__rationale">{fix.rationale}</p> : null}
      {fix.manualReason ? <p className="wrap-note">Seology cannot make this change here: {fix.manualReason}</p> : null}
      {fix.status === 'MANUAL' && /Seology plugin/i.test(fix.manualReason ?? '') ? <CompanionPluginOffer /> : null}
      {fix.failureReason ? <p className="wrap-note wrap-note--error">Failed: {fix.failureReason}</p> : null}
      {fix.rejectionReason ? <p className="wrap-note">Rejected: {fix.rejectionReason}</p> : null}
      {fix.impact ? <FixImpactView impact={fix.impact} /> : null}
      {children}
    </article>
  );
}
