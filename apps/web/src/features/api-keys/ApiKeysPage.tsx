import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNotify } from '../../components/Announcer';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ConfirmDialog, mutationDialogProps } from '../../components/ConfirmDialog';
import { CopyButton } from '../../components/CopyButton';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Checkbox, SelectField, TextField } from '../../components/Field';
import { KeyIcon } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { LoadingState } from '../../components/Spinner';
import { RelativeTime } from '../../components/Time';
import { useFormErrors } from '../../lib/use-form-errors';
import { useToggleSet } from '../../lib/use-toggle-set';
import { useApiKeys, useCreateApiKey, useRevokeApiKey, type ApiKey, type CreatedApiKey } from './api';
import { SCOPE_GROUPS, type ApiKeyScope } from './scopes';

export function ApiKeysPage() {
  // The secret lives here only: once dismissed (or the page is left) it cannot be shown again.
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys let scripts and CI pipelines call the Seology API with the <code>X-API-Key</code> header. A key can do only what its scopes allow, and
            it cannot manage keys.
          </>
        }
      />
      {created ? <NewKeyPanel apiKey={created} onDone={() => setCreated(null)} /> : null}
      <CreateApiKeyForm onCreated={setCreated} />
      <ApiKeyList />
    </>
  );
}

function NewKeyPanel({ apiKey, onDone }: { apiKey: CreatedApiKey; onDone: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="card card--highlight new-key" aria-labelledby="new-key-title">
      <h2 id="new-key-title" className="card__title" ref={headingRef} tabIndex={-1}>
        Copy your new key “{apiKey.name}”
      </h2>
      <p className="card__text">
        <strong>This is the only time the key is shown.</strong> Store it somewhere safe, such as your CI’s secret store. If you lose it, revoke it and
        create another one.
      </p>
      <div className="secret-row">
        <code className="secret-value" data-testid="new-api-key" aria-label="New API key">
          {apiKey.key}
        </code>
        <CopyButton text={apiKey.key} what="API key" />
      </div>
      <div className="form-actions">
        <Button variant="primary" onClick={onDone}>
          I have stored the key
        </Button>
      </div>
    </section>
  );
}

const EXPIRY_OPTIONS = [
  { value: '', label: 'Never' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In a year' },
];

type KeyField = 'name' | 'scopes';
const FIELD_IDS: Record<KeyField, string> = { name: 'api-key-name', scopes: 'api-key-scopes' };
const SERVER_FIELDS = {
  name: { field: 'name', label: 'Name' },
  scopes: { field: 'scopes', label: 'Scopes' },
  'each scope': { field: 'scopes', label: 'Each scope' },
} as const;

export function CreateApiKeyForm({ onCreated }: { onCreated: (key: CreatedApiKey) => void }) {
  const [name, setName] = useState('');
  const [scopes, toggle, setScopes] = useToggleSet<ApiKeyScope>();
  const [expiry, setExpiry] = useState('');
  const { errors, summary, summaryRef, check, showServerError, failedOnServer } = useFormErrors(FIELD_IDS, SERVER_FIELDS);
  const create = useCreateApiKey();


  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<KeyField, string>> = {};
    if (!name.trim()) found.name = 'Give the key a name, such as the place it will be used.';
    else if (name.trim().length > 100) found.name = 'Use at most 100 characters.';
    if (scopes.size === 0) found.scopes = 'Choose at least one scope.';
    if (!check(found)) return;
    const ordered = SCOPE_GROUPS.flatMap((group) => group.scopes.map((s) => s.scope)).filter((scope) => scopes.has(scope));
    create.mutate(
      { name: name.trim(), scopes: ordered, ...(expiry ? { expiresInDays: Number(expiry) } : {}) },
      {
        onSuccess: (key) => {
          setName('');
          setScopes(new Set());
          setExpiry('');
          create.reset();
          onCreated(key);
        },
        onError: showServerError,
      },
    );
  };

  return (
    <section className="card" aria-labelledby="create-key-title">
      <h2 id="create-key-title" className="card__title">
        Create a key
      </h2>
      <form className="form form--wide" onSubmit={onSubmit} noValidate aria-labelledby="create-key-title">
        <ErrorSummary ref={summaryRef} title={failedOnServer ? 'The key could not be created' : 'Please fix the following'} items={summary} />
        <div className="grid-2">
          <TextField id={FIELD_IDS.name} label="Name" hint="Where the key is used, e.g. “CI pipeline”." value={name} onChange={(e) => setName(e.target.value)} error={errors.name} required />
          <SelectField label="Expires" hint="A key that expires limits the damage if it leaks." value={expiry} options={EXPIRY_OPTIONS} onChange={(e) => setExpiry(e.target.value)} />
        </div>
        <fieldset id={FIELD_IDS.scopes} className={`fieldset ${errors.scopes ? 'field--invalid' : ''}`} aria-describedby={errors.scopes ? `${FIELD_IDS.scopes}-error` : undefined}>
          <legend className="field__label">Scopes</legend>
          <p className="field__hint">Give the key only what it needs.</p>
          {errors.scopes ? (
            <p id={`${FIELD_IDS.scopes}-error`} className="field__error">
              <span className="visually-hidden">Error:</span> {errors.scopes}
            </p>
          ) : null}
          <div className="scope-grid">
            {SCOPE_GROUPS.map((group) => (
              <div className="scope-group" key={group.label}>
                <p className="scope-group__label" aria-hidden="true">
                  {group.label}
                </p>
                {group.scopes.map(({ scope, description }) => (
                  <Checkbox
                    key={scope}
                    name="scopes"
                    value={scope}
                    checked={scopes.has(scope)}
                    onChange={(event) => toggle(scope, event.target.checked)}
                    label={<code>{scope}</code>}
                    description={description}
                  />
                ))}
              </div>
            ))}
          </div>
        </fieldset>
        <div className="form-actions">
          <Button type="submit" variant="primary" loading={create.isPending}>
            Create key
          </Button>
        </div>
      </form>
    </section>
  );
}

function keyState(key: ApiKey): { label: string; tone: 'success' | 'neutral' | 'warning' } {
  if (key.revokedAt) return { label: 'Revoked', tone: 'neutral' };
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= Date.now()) return { label: 'Expired', tone: 'warning' };
  return { label: 'Active', tone: 'success' };
}

function ApiKeyList() {
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const notify = useNotify();
  const [target, setTarget] = useState<ApiKey | null>(null);

  return (
    <section className="card" aria-labelledby="keys-title">
      <h2 id="keys-title" className="card__title">
        Your keys
      </h2>
      {keys.isPending ? (
        <LoadingState label="Loading keys…" />
      ) : keys.isError ? (
        <ErrorState title="Could not load your keys" error={keys.error} onRetry={() => void keys.refetch()} />
      ) : keys.data.length === 0 ? (
        <EmptyState title="No API keys yet" icon={<KeyIcon />}>
          <p>Create a key above to call the API from your own tools.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table table--responsive">
            <caption className="visually-hidden">Your API keys</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Scopes</th>
                <th scope="col">Last used</th>
                <th scope="col">Expires</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.data.map((key) => {
                const state = keyState(key);
                return (
                  <tr key={key.id}>
                    <th scope="row" data-label="Name">
                      {key.name}
                      <span className="cell-note">
                        Created <RelativeTime value={key.createdAt} />
                      </span>
                    </th>
                    <td data-label="Key">
                      <code className="mono">{key.prefix}…</code>
                    </td>
                    <td data-label="Scopes">
                      <ul className="chips" aria-label={`Scopes of ${key.name}`}>
                        {key.scopes.map((scope) => (
                          <li key={scope} className="chip">
                            {scope}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td data-label="Last used">
                      <RelativeTime value={key.lastUsedAt} fallback="Never" />
                    </td>
                    <td data-label="Expires">
                      <RelativeTime value={key.expiresAt} fallback="Never" />
                    </td>
                    <td data-label="Status">
                      <Badge tone={state.tone}>{state.label}</Badge>
                    </td>
                    <td className="actions">
                      {key.revokedAt ? null : (
                        <Button size="sm" variant="danger" onClick={() => setTarget(key)} aria-label={`Revoke ${key.name}`}>
                          Revoke
                        </Button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={target !== null}
        title={`Revoke “${target?.name ?? ''}”?`}
        confirmLabel="Revoke key"
        {...mutationDialogProps(revoke, () => setTarget(null))}
        onConfirm={() => {
          if (!target) return;
          revoke.mutate(target.id, {
            onSuccess: () => {
              notify(`Key “${target.name}” revoked.`);
              setTarget(null);
            },
          });
        }}
      >
        <p>Anything still using this key is refused from now on. This cannot be undone.</p>
      </ConfirmDialog>
    </section>
  );
}
