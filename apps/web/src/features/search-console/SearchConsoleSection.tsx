import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { Alert, type AlertTone } from '../../components/Alert';
import { useNotify } from '../../components/Announcer';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ConfirmDialog, mutationDialogProps } from '../../components/ConfirmDialog';
import { ErrorState } from '../../components/ErrorState';
import { RadioGroup } from '../../components/Field';
import { LoadingState } from '../../components/Spinner';
import { RelativeTime } from '../../components/Time';
import { canOnSite } from '../teams/permissions';
import type { Site } from '../sites/site-meta';
import { isImporting, useChooseProperty, useConnectSearchConsole, useDisconnectSearchConsole, useSearchConsoleProperties, useSearchConsoleStatus, type SearchConsoleProperty, type SearchConsoleStatus } from './api';

/** What Google's round trip ended with (`?searchConsole=` on the way back), in words. */
const RETURN_MESSAGES: Record<string, { tone: AlertTone; title: string; text: string }> = {
  connected: { tone: 'success', title: 'Search Console connected', text: 'Seology picked the property that covers this site and is importing its last 16 months of clicks and impressions.' },
  'choose-property': { tone: 'info', title: 'Pick a Search Console property', text: "None of your Google account's properties covers this site's URL exactly. Pick the one to read below." },
  denied: { tone: 'warning', title: 'Search Console was not connected', text: 'You declined access on Google’s screen. Nothing was stored; connect again when you are ready.' },
  failed: { tone: 'error', title: 'Search Console was not connected', text: 'Google did not complete the sign-in. Try connecting again.' },
};

const PERMISSION_LABELS: Record<string, string> = {
  siteOwner: 'Owner',
  siteFullUser: 'Full user',
  siteRestrictedUser: 'Restricted user',
  siteUnverifiedUser: 'Not verified',
};

/** The sync's last error, said as what it means for the user. */
function syncProblem(status: SearchConsoleStatus): { tone: AlertTone; title: string } | null {
  if (!status.lastError || status.status === 'REVOKED') return null;
  if (/\b429\b/.test(status.lastError)) return { tone: 'warning', title: 'Google’s quota was reached: the sync waits and resumes' };
  return { tone: 'error', title: 'The last sync failed' };
}

export function SearchConsoleSection({ site }: { site: Site }) {
  const status = useSearchConsoleStatus(site.id);
  const [params, setParams] = useSearchParams();
  const [returned, setReturned] = useState<string | null>(null);

  // Show Google's answer once, then drop it from the address so a reload does not repeat it.
  useEffect(() => {
    const result = params.get('searchConsole');
    if (!result) return;
    setReturned(result);
    const next = new URLSearchParams(params);
    next.delete('searchConsole');
    setParams(next, { replace: true });
  }, [params, setParams]);
  const message = returned ? RETURN_MESSAGES[returned] : undefined;

  return (
    <section className="card" id="search-console" aria-labelledby="search-console-title">
      <h2 id="search-console-title" className="card__title">
        Google Search Console
      </h2>
      {message ? (
        <Alert tone={message.tone} title={message.title}>
          {message.text}
        </Alert>
      ) : null}
      {status.isPending ? (
        <LoadingState label="Loading Search Console…" />
      ) : status.isError ? (
        <ErrorState title="Could not load the Search Console connection" error={status.error} onRetry={() => void status.refetch()} />
      ) : (
        <SearchConsoleBody site={site} status={status.data} />
      )}
    </section>
  );
}

function SearchConsoleBody({ site, status }: { site: Site; status: SearchConsoleStatus }) {
  const manage = canOnSite(site, 'site:manage');
  if (!status.connected) {
    return (
      <>
        <p className="card__text">
          Connect the site’s Search Console property so Seology can rank issues by the search traffic of their pages and measure what each fix did to clicks and
          impressions. Seology only asks to read Search Console data (<code>webmasters.readonly</code>).
        </p>
        <p className="muted">{status.priorities.reason}</p>
        {!status.available ? (
          <Alert tone="info" title="Search Console is not set up on this server">
            An administrator has to create a Google OAuth client and set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET (README, “Search Console”).
          </Alert>
        ) : manage ? (
          <ConnectButton siteId={site.id} label="Connect Search Console" />
        ) : (
          <p className="muted">Ask an owner or admin of this site to connect Search Console.</p>
        )}
      </>
    );
  }
  if (status.status === 'REVOKED') {
    return (
      <>
        <Alert tone="warning" title="Google no longer accepts Seology’s access">
          {status.lastError ?? 'The consent was withdrawn.'} Syncing stopped; the numbers already imported stay. Issues are ranked by their check score until you connect
          again.
        </Alert>
        {manage ? (
          <div className="form-actions">
            <ConnectButton siteId={site.id} label="Connect Search Console again" />
            <DisconnectButton site={site} />
          </div>
        ) : null}
      </>
    );
  }
  return <ConnectedBody site={site} status={status} manage={manage} />;
}

function ConnectedBody({ site, status, manage }: { site: Site; status: SearchConsoleStatus; manage: boolean }) {
  const [picking, setPicking] = useState(!status.propertyUrl);
  const problem = syncProblem(status);
  const importing = isImporting(status);
  useEffect(() => {
    if (!status.propertyUrl) setPicking(true);
  }, [status.propertyUrl]);
  return (
    <>
      <dl className="stats">
        <div className="stat">
          <dt>Property</dt>
          <dd>{status.propertyUrl ? <code>{status.propertyUrl}</code> : <span className="muted">None picked yet</span>}</dd>
        </div>
        <div className="stat">
          <dt>Data through</dt>
          <dd>
            {status.syncedThrough ? <time dateTime={status.syncedThrough}>{status.syncedThrough}</time> : null}
            {importing ? (
              <>
                {status.syncedThrough ? ' ' : null}
                <Badge tone="info">Importing the last 16 months…</Badge>
              </>
            ) : null}
            {!status.syncedThrough && !importing ? <span className="muted">—</span> : null}
          </dd>
        </div>
        <div className="stat">
          <dt>Last sync</dt>
          <dd>
            <RelativeTime value={status.lastSyncAt} fallback="Not yet" />
          </dd>
        </div>
        <div className="stat">
          <dt>Issue ranking</dt>
          <dd>{status.priorities.basis === 'search-traffic' ? <Badge tone="success">By search traffic</Badge> : <Badge tone="neutral">By check score</Badge>}</dd>
        </div>
      </dl>
      <p className="muted search-console__reason">{status.priorities.reason}</p>
      {problem ? (
        <Alert tone={problem.tone} title={problem.title}>
          {status.lastError}
        </Alert>
      ) : null}
      {manage && picking ? <PropertyPicker site={site} status={status} onDone={() => setPicking(false)} /> : null}
      {manage && !picking ? (
        <div className="form-actions">
          <Button variant="secondary" onClick={() => setPicking(true)}>
            Change property
          </Button>
          <DisconnectButton site={site} />
        </div>
      ) : null}
    </>
  );
}

function ConnectButton({ siteId, label }: { siteId: string; label: string }) {
  const connect = useConnectSearchConsole(siteId);
  return (
    <>
      {connect.isError ? (
        <Alert tone="error" title="Could not start connecting">
          {errorMessage(connect.error)}
        </Alert>
      ) : null}
      <Button variant="primary" loading={connect.isPending} onClick={() => connect.mutate()}>
        {label}
      </Button>
    </>
  );
}

function propertyDescription(property: SearchConsoleProperty): string {
  const kind = property.kind === 'domain' ? 'Domain property' : 'URL-prefix property';
  const covers = property.matches ? 'covers this site' : 'does not cover this site’s URL';
  return `${kind}, ${covers} · ${PERMISSION_LABELS[property.permissionLevel] ?? property.permissionLevel}`;
}

function PropertyPicker({ site, status, onDone }: { site: Site; status: SearchConsoleStatus; onDone: () => void }) {
  const notify = useNotify();
  const properties = useSearchConsoleProperties(site.id, true);
  const choose = useChooseProperty(site.id);
  const [value, setValue] = useState(status.propertyUrl ?? '');
  const listed = properties.data?.items;
  const items = listed ?? [];
  useEffect(() => {
    const first = listed?.[0];
    if (!value && listed && first) setValue(listed.find((p) => p.selected)?.siteUrl ?? first.siteUrl);
  }, [listed, value]);

  if (properties.isPending) return <LoadingState label="Asking Google for your properties…" />;
  if (properties.isError) return <ErrorState title="Could not list your Search Console properties" error={properties.error} onRetry={() => void properties.refetch()} />;
  if (items.length === 0) {
    return (
      <Alert tone="warning" title="No Search Console properties">
        The Google account you connected has no Search Console property. Add and verify {site.domain} in Search Console, or connect with another Google account.
      </Alert>
    );
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    choose.mutate(value, {
      onSuccess: (next) => {
        notify(`Search Console property set to ${next.propertyUrl ?? value}.`);
        onDone();
      },
    });
  };
  return (
    <form className="form form--wide" aria-label="Search Console property" onSubmit={onSubmit}>
      <RadioGroup
        legend="Property to read"
        name="searchConsoleProperty"
        cards
        value={value}
        onChange={setValue}
        options={items.map((p) => ({ value: p.siteUrl, label: p.siteUrl, description: propertyDescription(p), badge: p.selected ? 'Current' : undefined }))}
        hint="Best match first. Changing the property imports its data again."
      />
      {choose.isError ? (
        <Alert tone="error" title="Could not use this property">
          {errorMessage(choose.error)}
        </Alert>
      ) : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" loading={choose.isPending} disabled={!value || value === status.propertyUrl}>
          Use this property
        </Button>
        {status.propertyUrl ? (
          <Button type="button" variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

function DisconnectButton({ site }: { site: Site }) {
  const notify = useNotify();
  const disconnect = useDisconnectSearchConsole(site.id);
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <Button variant="danger" onClick={() => setConfirming(true)}>
        Disconnect
      </Button>
      <ConfirmDialog
        open={confirming}
        title="Disconnect Search Console?"
        confirmLabel="Disconnect"
        {...mutationDialogProps(disconnect, () => setConfirming(false))}
        onConfirm={() =>
          disconnect.mutate(undefined, {
            onSuccess: () => {
              setConfirming(false);
              notify('Search Console disconnected.');
            },
          })
        }
      >
        <p>
          Seology withdraws its access at Google and forgets the token. The clicks and impressions already imported for {site.domain} and the fixes’ measurements stay.
        </p>
      </ConfirmDialog>
    </>
  );
}
