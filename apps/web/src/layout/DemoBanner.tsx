import { useState } from 'react';
import { Link } from 'react-router-dom';
import { DEMO_ACCOUNT_EMAIL, DEMO_SITE_WORDPRESS_LOGIN } from '@seology/contracts';
import { useCurrentUser } from '../auth/auth-context';
import { CopyButton } from '../components/CopyButton';
import { useSites } from '../features/sites/api';

const DISMISSED_KEY = 'seology.demo-banner.dismissed';

function wasDismissed(): boolean {
  try {
    return sessionStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * Only for the seeded demo account: what the demo site is and its WordPress login (already stored in
 * the connection), so people can look at the changes Seology makes there. Hidden for the tab's session
 * once dismissed.
 */
export function DemoBanner() {
  const user = useCurrentUser();
  // Other accounts never load anything for it.
  return user.email === DEMO_ACCOUNT_EMAIL ? <DemoAccountBanner /> : null;
}

function DemoAccountBanner() {
  const [dismissed, setDismissed] = useState(wasDismissed);
  const sites = useSites(1);
  if (dismissed) return null;
  const site = sites.data?.items.find((s) => s.platform === 'WORDPRESS') ?? sites.data?.items[0];
  const { username, applicationPassword } = DEMO_SITE_WORDPRESS_LOGIN;
  return (
    <aside className="demo-banner" aria-label="Demo account" data-testid="demo-banner">
      <div className="demo-banner__body">
        <p className="demo-banner__title">You are in the demo account.</p>
        <p>
          {site ? (
            <>
              Its site <Link to={`/sites/${site.id}`}>{site.domain}</Link> (
              <a href={site.siteUrl} target="_blank" rel="noreferrer">
                {site.siteUrl}
              </a>
              ) is a local WordPress-compatible demo.
            </>
          ) : (
            'Its site is a local WordPress-compatible demo.'
          )}{' '}
          WordPress login, already stored in the connection: user <code className="mono">{username}</code>, application password{' '}
          <code className="mono">{applicationPassword}</code> <CopyButton text={applicationPassword} what="the application password" label="Copy password" />
        </p>
      </div>
      <button
        type="button"
        className="btn btn--ghost btn--sm"
        onClick={() => {
          try {
            sessionStorage.setItem(DISMISSED_KEY, '1');
          } catch {
            // Private mode without storage: hidden until the next reload.
          }
          setDismissed(true);
        }}
      >
        Hide
      </button>
    </aside>
  );
}
