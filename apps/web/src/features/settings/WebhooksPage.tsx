import { useEffect, useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/client';
import { Alert } from '../../components/Alert';
import { useNotify } from '../../components/Announcer';
import { Badge, type BadgeTone } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ConfirmDialog, mutationDialogProps } from '../../components/ConfirmDialog';
import { CopyButton } from '../../components/CopyButton';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Checkbox, TextField } from '../../components/Field';
import { WebhookIcon } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { Pagination } from '../../components/Pagination';
import { LoadingState } from '../../components/Spinner';
import { RelativeTime } from '../../components/Time';
import { formatDateTime, formatDuration } from '../../lib/format';
import { useFormErrors } from '../../lib/use-form-errors';
import { useToggleSet } from '../../lib/use-toggle-set';
import {
  DELIVERIES_PAGE_SIZE, useCreateWebhook, useDeleteWebhook, useDeliveries, useRedeliver, useRotateSecret, useTestWebhook, useUpdateWebhook, useWebhooks,
  type CreatedWebhook, type Webhook, type WebhookDelivery, type WebhookEvent,
} from './webhooks-api';

export const WEBHOOK_EVENTS: { event: WebhookEvent; description: string }[] = [
  { event: 'crawl.completed', description: 'A crawl finished' },
  { event: 'crawl.failed', description: 'A crawl failed' },
  { event: 'issue.created', description: 'A crawl found a new issue' },
  { event: 'fix.applied', description: 'A fix was applied to a site' },
  { event: 'fix.failed', description: 'A fix could not be applied' },
  { event: 'fix.rolled_back', description: 'A fix was rolled back' },
  { event: 'plan.awaiting_approval', description: 'A plan waits for approval' },
  { event: 'plan.completed', description: 'A plan finished' },
];

export function WebhooksPage() {
  // The signing secret is only ever in this state: once dismissed it cannot be shown again.
  const [secret, setSecret] = useState<{ webhook: CreatedWebhook; rotated: boolean } | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description={
          <>
            Seology sends a signed HTTP POST to your endpoints when something happens. Check the <code>X-Seology-Signature</code> header with the endpoint’s secret.
          </>
        }
      />
      {secret ? <SecretPanel webhook={secret.webhook} rotated={secret.rotated} onDone={() => setSecret(null)} /> : null}
      <CreateWebhookForm onCreated={(webhook) => setSecret({ webhook, rotated: false })} />
      <WebhookList selected={selected} onSelect={setSelected} onRotated={(webhook) => setSecret({ webhook, rotated: true })} />
    </>
  );
}

function SecretPanel({ webhook, rotated, onDone }: { webhook: CreatedWebhook; rotated: boolean; onDone: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="card card--highlight" aria-labelledby="webhook-secret-title">
      <h2 id="webhook-secret-title" className="card__title" ref={headingRef} tabIndex={-1}>
        {rotated ? 'New signing secret' : 'Webhook created'} for {webhook.url}
      </h2>
      <p className="card__text">
        <strong>This is the only time the secret is shown.</strong> Store it with the code that receives the webhooks.
        {rotated ? ' The old secret stopped working.' : ''}
      </p>
      <div className="secret-row">
        <code className="secret-value" data-testid="webhook-secret" aria-label="Signing secret">
          {webhook.secret}
        </code>
        <CopyButton text={webhook.secret} what="signing secret" />
      </div>
      <div className="form-actions">
        <Button variant="primary" onClick={onDone}>
          I have stored the secret
        </Button>
      </div>
    </section>
  );
}

type HookField = 'url' | 'events' | 'description';
const FIELD_IDS: Record<HookField, string> = { url: 'webhook-url', events: 'webhook-events', description: 'webhook-description' };
const SERVER_FIELDS = {
  url: { field: 'url', label: 'Endpoint URL' },
  events: { field: 'events', label: 'Events' },
  description: { field: 'description', label: 'Description' },
} as const;

function CreateWebhookForm({ onCreated }: { onCreated: (webhook: CreatedWebhook) => void }) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, toggle, setEvents] = useToggleSet<WebhookEvent>();
  const { errors, summary, summaryRef, check, showServerError, failedOnServer } = useFormErrors(FIELD_IDS, SERVER_FIELDS);
  const create = useCreateWebhook();


  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<HookField, string>> = {};
    const trimmed = url.trim();
    if (!trimmed) found.url = 'Enter the URL that should receive the webhooks.';
    else if (!/^https?:\/\/[^\s/]+/i.test(trimmed)) found.url = 'Enter a full URL starting with https://, like https://example.com/hooks/seology.';
    if (events.size === 0) found.events = 'Choose at least one event.';
    if (!check(found)) return;
    const ordered = WEBHOOK_EVENTS.map((e) => e.event).filter((e) => events.has(e));
    create.mutate(
      { url: trimmed, events: ordered, ...(description.trim() ? { description: description.trim() } : {}) },
      {
        onSuccess: (webhook) => {
          setUrl('');
          setDescription('');
          setEvents(new Set());
          create.reset();
          onCreated(webhook);
        },
        onError: showServerError,
      },
    );
  };

  return (
    <section className="card" aria-labelledby="create-webhook-title">
      <h2 id="create-webhook-title" className="card__title">
        Add an endpoint
      </h2>
      <form className="form form--wide" onSubmit={onSubmit} noValidate aria-labelledby="create-webhook-title">
        <ErrorSummary ref={summaryRef} title={failedOnServer ? 'The endpoint could not be added' : 'Please fix the following'} items={summary} />
        <div className="grid-2">
          <TextField id={FIELD_IDS.url} label="Endpoint URL" type="url" placeholder="https://example.com/hooks/seology" value={url} onChange={(e) => setUrl(e.target.value)} error={errors.url} required />
          <TextField id={FIELD_IDS.description} label="Description" optional value={description} onChange={(e) => setDescription(e.target.value)} error={errors.description} maxLength={500} />
        </div>
        <fieldset id={FIELD_IDS.events} className={`fieldset ${errors.events ? 'field--invalid' : ''}`} aria-describedby={errors.events ? `${FIELD_IDS.events}-error` : undefined}>
          <legend className="field__label">Events</legend>
          {errors.events ? (
            <p id={`${FIELD_IDS.events}-error`} className="field__error">
              <span className="visually-hidden">Error:</span> {errors.events}
            </p>
          ) : null}
          <div className="scope-grid">
            {WEBHOOK_EVENTS.map(({ event, description: text }) => (
              <Checkbox key={event} name="events" value={event} checked={events.has(event)} onChange={(e) => toggle(event, e.target.checked)} label={<code>{event}</code>} description={text} />
            ))}
          </div>
        </fieldset>
        <div className="form-actions">
          <Button type="submit" variant="primary" loading={create.isPending}>
            Add endpoint
          </Button>
        </div>
      </form>
    </section>
  );
}

function webhookState(webhook: Webhook): { label: string; tone: BadgeTone } {
  if (webhook.disabledAt) return { label: 'Disabled after failures', tone: 'danger' };
  if (!webhook.active) return { label: 'Paused', tone: 'neutral' };
  if (webhook.failureCount > 0) return { label: `Failing (${webhook.failureCount})`, tone: 'warning' };
  return { label: 'Active', tone: 'success' };
}

function WebhookList({ selected, onSelect, onRotated }: { selected: string | null; onSelect: (id: string | null) => void; onRotated: (webhook: CreatedWebhook) => void }) {
  const webhooks = useWebhooks();
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const test = useTestWebhook();
  const rotate = useRotateSecret();
  const notify = useNotify();
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const [rotating, setRotating] = useState<Webhook | null>(null);
  const failure = update.error ?? test.error;
  const current = webhooks.data?.find((w) => w.id === selected) ?? null;

  return (
    <>
      <section className="card" aria-labelledby="webhooks-title">
        <h2 id="webhooks-title" className="card__title">
          Your endpoints
        </h2>
        {failure ? (
          <Alert tone="error" title={test.isError ? 'Could not send the test delivery' : 'Could not change the endpoint'}>
            {errorMessage(failure)}
          </Alert>
        ) : null}
        {webhooks.isPending ? (
          <LoadingState label="Loading webhooks…" />
        ) : webhooks.isError ? (
          <ErrorState title="Could not load your webhooks" error={webhooks.error} onRetry={() => void webhooks.refetch()} />
        ) : webhooks.data.length === 0 ? (
          <EmptyState title="No endpoints yet" icon={<WebhookIcon />}>
            <p>Add an endpoint above to have Seology tell your systems about crawls, fixes and plans.</p>
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table table--responsive">
              <caption className="visually-hidden">Your webhook endpoints</caption>
              <thead>
                <tr>
                  <th scope="col">Endpoint and events</th>
                  <th scope="col">Last delivery</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {webhooks.data.map((webhook) => {
                  const state = webhookState(webhook);
                  const enabled = webhook.active && !webhook.disabledAt;
                  return (
                    <tr key={webhook.id} className={webhook.id === selected ? 'row--highlight' : undefined}>
                      <th scope="row" data-label="Endpoint">
                        <span className="mono break">{webhook.url}</span>
                        {webhook.description ? <span className="cell-note">{webhook.description}</span> : null}
                        {webhook.disabledReason ? <span className="cell-note cell-note--error">{webhook.disabledReason}</span> : null}
                        <ul className="chips" aria-label={`Events sent to ${webhook.url}`}>
                          {webhook.events.map((event) => (
                            <li key={event} className="chip">
                              {event}
                            </li>
                          ))}
                        </ul>
                      </th>
                      <td data-label="Last delivery">
                        <RelativeTime value={webhook.lastDeliveryAt} fallback="Never" />
                      </td>
                      <td data-label="Status">
                        <Badge tone={state.tone}>{state.label}</Badge>
                      </td>
                      <td className="actions actions--wrap">
                        <div className="btn-row">
                          <Button size="sm" variant="secondary" aria-pressed={webhook.id === selected} onClick={() => onSelect(webhook.id === selected ? null : webhook.id)} aria-label={`Deliveries of ${webhook.url}`}>
                            Deliveries
                          </Button>
                          <Button
                            size="sm"
                            variant="secondary"
                            disabled={!enabled}
                            title={enabled ? undefined : 'Enable the endpoint to test it'}
                            loading={test.isPending && test.variables === webhook.id}
                            onClick={() =>
                              test.mutate(webhook.id, {
                                onSuccess: (delivery) => {
                                  onSelect(webhook.id);
                                  notify(delivery.status === 'SUCCEEDED' ? `Test delivered (HTTP ${delivery.responseStatus ?? '?'}).` : 'Test delivery sent; see the delivery log for the result.');
                                },
                              })
                            }
                            aria-label={`Send a test delivery to ${webhook.url}`}
                          >
                            Send test
                          </Button>
                          <Button
                            size="sm"
                            variant="ghost"
                            loading={update.isPending && update.variables?.id === webhook.id}
                            onClick={() =>
                              update.mutate({ id: webhook.id, body: { active: !enabled } }, { onSuccess: () => notify(enabled ? 'Endpoint paused.' : 'Endpoint enabled.') })
                            }
                            aria-label={`${enabled ? 'Pause' : 'Enable'} ${webhook.url}`}
                          >
                            {enabled ? 'Pause' : 'Enable'}
                          </Button>
                          <Button size="sm" variant="ghost" onClick={() => setRotating(webhook)} aria-label={`New secret for ${webhook.url}`}>
                            New secret
                          </Button>
                          <Button size="sm" variant="danger" onClick={() => setDeleting(webhook)} aria-label={`Delete ${webhook.url}`}>
                            Delete
                          </Button>
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {current ? <DeliveryLog webhook={current} /> : null}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the endpoint ${deleting?.url ?? ''}?`}
        confirmLabel="Delete endpoint"
        {...mutationDialogProps(remove, () => setDeleting(null))}
        onConfirm={() => {
          if (!deleting) return;
          remove.mutate(deleting.id, {
            onSuccess: () => {
              if (selected === deleting.id) onSelect(null);
              notify('Endpoint deleted.');
              setDeleting(null);
            },
          });
        }}
      >
        <p>Nothing more is sent to it, and its delivery log is deleted.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={rotating !== null}
        title="Replace the signing secret?"
        confirmLabel="Replace secret"
        {...mutationDialogProps(rotate, () => setRotating(null))}
        onConfirm={() => {
          if (!rotating) return;
          rotate.mutate(rotating.id, {
            onSuccess: (webhook) => {
              setRotating(null);
              onRotated(webhook);
            },
          });
        }}
      >
        <p>The current secret stops working at once: update your receiver with the new one, which is shown once.</p>
      </ConfirmDialog>
    </>
  );
}

const DELIVERY_STATUS: Record<WebhookDelivery['status'], { label: string; tone: BadgeTone }> = {
  PENDING: { label: 'Retrying', tone: 'info' },
  SUCCEEDED: { label: 'Delivered', tone: 'success' },
  FAILED: { label: 'Failed', tone: 'danger' },
};

function DeliveryLog({ webhook }: { webhook: Webhook }) {
  const [page, setPage] = useState(1);
  const deliveries = useDeliveries(webhook.id, page);
  const redeliver = useRedeliver(webhook.id);
  const notify = useNotify();
  const canSend = webhook.active && !webhook.disabledAt;
  return (
    <section className="card" aria-labelledby="deliveries-title">
      <h2 id="deliveries-title" className="card__title">
        Delivery log: <span className="mono break">{webhook.url}</span>
      </h2>
      {deliveries.isPending ? (
        <LoadingState label="Loading deliveries…" />
      ) : deliveries.isError ? (
        <ErrorState title="Could not load the deliveries" error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : deliveries.data.total === 0 ? (
        <p className="muted">Nothing was sent to this endpoint yet. Use “Send test” to try it.</p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table table--responsive table--compact">
              <caption className="visually-hidden">Deliveries, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Sent</th>
                  <th scope="col">Result</th>
                  <th scope="col" className="num">
                    Attempts
                  </th>
                  <th scope="col">Response</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {deliveries.data.items.map((delivery) => {
                  const status = DELIVERY_STATUS[delivery.status];
                  return (
                    <tr key={delivery.id}>
                      <th scope="row" data-label="Event">
                        <code className="mono">{delivery.event}</code>
                      </th>
                      <td data-label="Sent">
                        <RelativeTime value={delivery.deliveredAt ?? delivery.createdAt} />
                      </td>
                      <td data-label="Result">
                        <Badge tone={status.tone}>{status.label}</Badge>
                      </td>
                      <td data-label="Attempts" className="num">
                        {delivery.attempts}
                      </td>
                      <td data-label="Response">
                        {delivery.responseStatus ? `HTTP ${delivery.responseStatus}` : '—'}
                        {delivery.durationMs != null ? <span className="cell-note">{formatDuration(delivery.durationMs)}</span> : null}
                        {delivery.error ? <span className="cell-note cell-note--error">{delivery.error}</span> : null}
                      </td>
                      <td className="actions">
                        {canSend && delivery.status !== 'PENDING' ? (
                          <Button
                            size="sm"
                            variant="secondary"
                            disabled={redeliver.isPending}
                            aria-label={`Send ${delivery.event} from ${formatDateTime(delivery.deliveredAt ?? delivery.createdAt)} again`}
                            onClick={() => redeliver.mutate(delivery.id, { onSuccess: () => notify(`${delivery.event} queued again.`) })}
                          >
                            Send again
                          </Button>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Pagination page={page} pageSize={DELIVERIES_PAGE_SIZE} total={deliveries.data.total} noun="deliveries" onPageChange={setPage} />
        </>
      )}
      {redeliver.isError ? (
        <Alert tone="error" title="Could not send the delivery again">
          {errorMessage(redeliver.error)}
        </Alert>
      ) : null}
      <p className="muted">
        Failed deliveries are retried automatically (up to six attempts, further apart each time). After repeated failures an endpoint is disabled; enable it again once it is fixed.
        “Send again” sends the same event (same payload and <code>id</code>) as a new delivery.
      </p>
    </section>
  );
}
