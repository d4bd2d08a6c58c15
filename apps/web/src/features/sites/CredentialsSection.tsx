import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLocation } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage, type Schemas } from '../../api/client';
import { useApi } from '../../app/api-context';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { siteKeys, useUpdateSite } from './api';
import { CompanionPluginOffer } from './CompanionPluginOffer';
import { PLATFORM_LABELS, type Site } from './site-meta';

type Check = Schemas['ConnectionCheckDto'];

/** Signs in to the platform with the stored credentials, changing nothing; the site's status follows. */
function useRecheck(siteId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/connections/{connectionId}/check', { path: { connectionId: siteId } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: siteKeys.detail(siteId) }),
  });
}

/** "metaDescription" -> "meta description", for the fields a stock WordPress does not let Seology write. */
const fieldWords = (field: string) =>
  field === 'title' ? 'SEO title' : field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().replace(/^og /, 'Open Graph ').replace(/^json ld$/, 'JSON-LD');

function CheckResult({ check, site }: { check: Check; site: Site }) {
  const locked = Object.keys(check.unsupported);
  const offerPlugin = site.platform === 'WORDPRESS' && !check.wordpress?.companionPlugin && locked.length > 0;
  return check.ok ? (
    <Alert tone="success" title="Connected">
      Seology signed in to {check.siteName ? `“${check.siteName}”` : site.domain} with these credentials.
      {offerPlugin ? <CompanionPluginOffer fields={locked.map(fieldWords)} /> : null}
    </Alert>
  ) : (
    <Alert tone="warning" title="Still not connected">
      {check.reason ?? 'The platform refused the credentials'}. Correct them above and save again.
    </Alert>
  );
}

/**
 * Replaces a WordPress or Shopify site's credentials (they are write-only: never shown), then checks
 * them at once. The wizard's "wrong password" answer links here (#credentials).
 */
export function CredentialsSection({ site }: { site: Site & { platform: 'WORDPRESS' | 'SHOPIFY' } }) {
  const update = useUpdateSite(site.id);
  const recheck = useRecheck(site.id);
  const location = useLocation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [first, setFirst] = useState('');
  const [secret, setSecret] = useState('');
  const wordpress = site.platform === 'WORDPRESS';

  useEffect(() => {
    if (location.hash !== '#credentials') return;
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus();
  }, [location.hash]);

  const onSave = (event: FormEvent) => {
    event.preventDefault();
    recheck.reset();
    const body = wordpress
      ? { wordpress: { username: first.trim(), applicationPassword: secret.trim() } }
      : { shopify: { shopDomain: first.trim().toLowerCase(), accessToken: secret.trim() } };
    update.mutate(body, {
      onSuccess: () => {
        setSecret('');
        recheck.mutate();
      },
    });
  };

  return (
    <section className="card" aria-labelledby="credentials-title" id="credentials">
      <h2 id="credentials-title" className="card__title" ref={heading} tabIndex={-1}>
        {PLATFORM_LABELS[site.platform]} credentials
      </h2>
      <p className="card__text">
        {site.hasCredentials ? 'Credentials are stored encrypted and never shown again. ' : 'No credentials are stored. '}
        {site.status === 'ERROR' ? 'The last check failed: enter new ones to replace them.' : 'Enter new ones to replace them.'}
      </p>
      <form onSubmit={onSave} className="form" aria-label="Credentials">
        {wordpress ? (
          <>
            <TextField label="Username" value={first} onChange={(e) => setFirst(e.target.value)} autoComplete="off" spellCheck={false} required />
            <TextField
              label="Application password"
              type="password"
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
              autoComplete="new-password"
              spellCheck={false}
              placeholder="abcd efgh ijkl mnop qrst uvwx"
              hint="WordPress: Users › Profile › Application Passwords."
              required
            />
          </>
        ) : (
          <>
            <TextField label="Shop domain" value={first} onChange={(e) => setFirst(e.target.value)} placeholder="my-store.myshopify.com" autoComplete="off" spellCheck={false} required />
            <TextField label="Access token" type="password" value={secret} onChange={(e) => setSecret(e.target.value)} placeholder="shpat_…" autoComplete="new-password" required />
          </>
        )}
        {update.isError ? (
          <Alert tone="error" title="Could not save the credentials">
            {errorMessage(update.error)}
          </Alert>
        ) : null}
        <div aria-live="polite">
          {recheck.isError ? (
            <Alert tone="error" title="Could not check the connection">
              {errorMessage(recheck.error)}
            </Alert>
          ) : recheck.data ? (
            <CheckResult check={recheck.data} site={site} />
          ) : null}
        </div>
        <div className="form-actions">
          <Button type="submit" variant="primary" loading={update.isPending}>
            Save and check
          </Button>
          <Button type="button" onClick={() => recheck.mutate()} loading={recheck.isPending && !update.isPending} disabled={!site.hasCredentials}>
            Check the stored credentials
          </Button>
        </div>
      </form>
    </section>
  );
}
