import { errorMessage } from '../../api/client';
import { LoadingState } from '../../components/Spinner';
import { formatNumber } from '../../lib/format';
import { fixTypeLabel } from '../fixes/FixCard';
import { useFixes } from '../fixes/api';
import type { Site } from './site-meta';

/**
 * What "Fix automatically" would do on the live site, shown before the switch: the low- and
 * medium-risk fixes waiting now are the kind that would go live without a person (high-risk ones
 * always wait), as far as the month's fix quota reaches.
 */
export function AutomaticModePreview({ site }: { site: Site }) {
  const proposed = useFixes(site.id, ['PROPOSED'], 1);
  if (proposed.isPending) return <LoadingState label="Loading the proposed fixes…" />;
  if (proposed.isError) return <p className="card__text">The proposed fixes could not be loaded ({errorMessage(proposed.error)}).</p>;
  const automatic = proposed.data.items.filter((fix) => fix.risk !== 'HIGH');
  const waiting = proposed.data.items.length - automatic.length;
  const fields = [...new Set(automatic.map((fix) => fixTypeLabel(fix.type)))];
  const more = proposed.data.total > proposed.data.items.length;
  return (
    <div data-testid="automatic-preview">
      <p>
        In this mode Seology changes {site.domain} itself: low- and medium-risk fixes go live as soon as a crawl proposes them, as far as the month’s fix quota reaches.
        High-risk fixes still wait for you, and every applied fix can be rolled back.
      </p>
      {automatic.length === 0 ? (
        <p>No fix is waiting now, so nothing changes until the next crawl proposes some.</p>
      ) : (
        <>
          <p>
            <strong>
              {formatNumber(automatic.length)}
              {more ? '+' : ''} proposed {automatic.length === 1 ? 'fix is' : 'fixes are'} of that kind
            </strong>
            , changing: {fields.join(', ')}.{waiting ? ` ${waiting} high-risk ${waiting === 1 ? 'fix' : 'fixes'} would still wait for you.` : ''} For example:
          </p>
          <ul className="preview-list">
            {automatic.slice(0, 3).map((fix) => (
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
