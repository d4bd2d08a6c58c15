import { errorMessage } from '../../api/client';
import { LoadingState } from '../../components/Spinner';
import { formatNumber } from '../../lib/format';
import { fixTypeLabel } from '../fixes/FixCard';
import { useFixes, useProposedFixCount } from '../fixes/api';
import type { Site } from './site-meta';

/**
 * What "Fix automatically" would do on the live site, shown before the switch: the low- and
 * medium-risk fixes waiting now are the kind that would go live without a person (high-risk ones
 * always wait), as far as the month's fix quota reaches.
 */
export function AutomaticModePreview({ site }: { site: Site }) {
  // The first page gives the examples and fields; the count of high-risk ones gives the true number that would go live.
  const proposed = useFixes(site.id, ['PROPOSED'], 1);
  const highRisk = useProposedFixCount(site.id, 'HIGH');
  if (proposed.isPending || highRisk.isPending) return <LoadingState label="Loading the proposed fixes…" />;
  if (proposed.isError || highRisk.isError) return <p className="card__text">The proposed fixes could not be loaded ({errorMessage(proposed.error ?? highRisk.error)}).</p>;
  const examples = proposed.data.items.filter((fix) => fix.risk !== 'HIGH');
  const waiting = highRisk.data;
  const automaticCount = proposed.data.total - waiting;
  const fields = [...new Set(examples.map((fix) => fixTypeLabel(fix.type)))];
  const partial = proposed.data.total > proposed.data.items.length;
  return (
    <div data-testid="automatic-preview">
      <p>
        In this mode Seology changes {site.domain} itself: low- and medium-risk fixes go live as soon as a crawl proposes them, as far as the month’s fix quota reaches.
        High-risk fixes still wait for you, and every applied fix can be rolled back.
      </p>
      {automaticCount === 0 ? (
        <p>
          No low- or medium-risk fix is waiting now, so nothing changes until the next crawl proposes some.
          {waiting ? ` ${formatNumber(waiting)} high-risk ${waiting === 1 ? 'fix' : 'fixes'} would still wait for you.` : ''}
        </p>
      ) : (
        <>
          <p>
            <strong data-testid="automatic-count">
              {formatNumber(automaticCount)} proposed {automaticCount === 1 ? 'fix is' : 'fixes are'} of that kind
            </strong>
            , changing: {fields.join(', ')}
            {partial ? ' and others' : ''}.{waiting ? ` ${formatNumber(waiting)} high-risk ${waiting === 1 ? 'fix' : 'fixes'} would still wait for you.` : ''} For example:
          </p>
          <ul className="preview-list">
            {examples.slice(0, 3).map((fix) => (
              <li key={fix.id}>
                <span className="muted">{fixTypeLabel(fix.type)} on {fix.pageUrl}:</span> “{fix.beforeValue ?? '(empty)'}” → “{fix.afterValue}”
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
