import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { Alert } from '../../components/Alert';
import { useNotify } from '../../components/Announcer';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { SelectField, TextField } from '../../components/Field';
import { ListIcon } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { Pagination } from '../../components/Pagination';
import { LoadingState } from '../../components/Spinner';
import { RelativeTime } from '../../components/Time';
import { useTeams } from '../teams/api';
import { can } from '../teams/permissions';
import { AUDIT_PAGE_SIZE, downloadText, useAuditLog, useExportAuditLog, type AuditEntry, type AuditFilters } from './api';

const FILTER_KEYS = ['teamId', 'action', 'resourceType', 'from', 'to', 'showRoutine'] as const;

function readFilters(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

function readPage(params: URLSearchParams): number {
  const page = Number(params.get('page') ?? '1');
  return Number.isInteger(page) && page > 0 ? page : 1;
}

const ACTOR_LABELS: Record<AuditEntry['actorType'], string> = { USER: 'You or a member', API_KEY: 'API key', SYSTEM: 'Seology' };

export function AuditLogPage({ save = downloadText }: { save?: (text: string, filename: string) => void }) {
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const page = readPage(params);
  const log = useAuditLog(filters, page);
  const exportCsv = useExportAuditLog(save);
  const notify = useNotify();

  const apply = (next: AuditFilters, nextPage = 1) => {
    const search: Record<string, string> = {};
    for (const key of FILTER_KEYS) if (next[key]) search[key] = next[key];
    if (nextPage > 1) search.page = String(nextPage);
    setParams(search);
  };

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made to your account and sites: who did it, when and from where. Entries cannot be edited or deleted."
        actions={
          <Button variant="secondary" loading={exportCsv.isPending} onClick={() => exportCsv.mutate(filters, { onSuccess: () => notify('Audit log exported as CSV.') })}>
            Export CSV
          </Button>
        }
      />
      {exportCsv.isError ? (
        <Alert tone="error" title="Could not export the audit log">
          {errorMessage(exportCsv.error)}
        </Alert>
      ) : null}
      <AuditFiltersForm key={params.toString()} initial={filters} onApply={apply} />
      <p>
        <Button variant="ghost" size="sm" aria-pressed={Boolean(filters.showRoutine)} onClick={() => apply({ ...filters, showRoutine: filters.showRoutine ? undefined : '1' })}>
          {filters.showRoutine ? 'Hide routine entries (setup wizard progress)' : 'Show routine entries (setup wizard progress)'}
        </Button>
      </p>
      {log.isPending ? (
        <LoadingState label="Loading the audit log…" />
      ) : log.isError ? (
        <ErrorState title="Could not load the audit log" error={log.error} onRetry={() => void log.refetch()} />
      ) : log.data.total === 0 ? (
        <EmptyState title={Object.keys(filters).length > 0 ? 'No entries match these filters' : 'Nothing recorded yet'} icon={<ListIcon />}>
          <p>{Object.keys(filters).length > 0 ? 'Widen the dates or clear a filter.' : 'Changes to your sites, keys, teams and settings appear here.'}</p>
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap" aria-busy={log.isFetching && log.isPlaceholderData}>
            <table className="table table--responsive">
              <caption className="visually-hidden">Audit log entries, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Action</th>
                  <th scope="col">Resource</th>
                  <th scope="col">Actor</th>
                  <th scope="col">From</th>
                </tr>
              </thead>
              <tbody>
                {log.data.items.map((entry) => (
                  <tr key={entry.id}>
                    <td data-label="When" className="nowrap">
                      <RelativeTime value={entry.createdAt} />
                    </td>
                    <th scope="row" data-label="Action">
                      <code className="mono">{entry.action}</code>
                    </th>
                    <td data-label="Resource">
                      {entry.resourceLabel ?? entry.resourceType ?? '—'}
                      {entry.siteName && entry.siteName !== entry.resourceLabel ? <span className="cell-note">{entry.siteName}</span> : null}
                      {entry.resourceId && !entry.resourceLabel ? <span className="cell-note mono">{entry.resourceId}</span> : null}
                    </td>
                    <td data-label="Actor">
                      <Badge tone={entry.actorType === 'SYSTEM' ? 'info' : entry.actorType === 'API_KEY' ? 'accent' : 'neutral'}>{ACTOR_LABELS[entry.actorType]}</Badge>
                      {entry.actorName ? <span className="cell-note">{entry.actorName}</span> : entry.userId ? <span className="cell-note mono">{entry.userId}</span> : null}
                    </td>
                    <td data-label="From">
                      {entry.ipAddress ?? '—'}
                      {entry.userAgent ? (
                        <span className="cell-note" title={entry.userAgent}>
                          {entry.userAgent.slice(0, 32)}
                          {entry.userAgent.length > 32 ? '…' : ''}
                        </span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={page} pageSize={AUDIT_PAGE_SIZE} total={log.data.total} noun="entries" onPageChange={(next) => apply(filters, next)} />
        </>
      )}
    </>
  );
}

function AuditFiltersForm({ initial, onApply }: { initial: AuditFilters; onApply: (filters: AuditFilters) => void }) {
  const [draft, setDraft] = useState<AuditFilters>(initial);
  const [dateError, setDateError] = useState<string | undefined>();
  const teams = useTeams();
  // A team's trail is open to its owners and admins only (the API answers 404 to anyone else).
  const auditable = teams.data?.filter((team) => can(team.role, 'audit:read')) ?? [];
  const set = (key: keyof AuditFilters) => (event: { target: { value: string } }) => setDraft((current) => ({ ...current, [key]: event.target.value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.from && draft.to && draft.from > draft.to) {
      setDateError('The “To” date must be on or after the “From” date.');
      return;
    }
    setDateError(undefined);
    onApply(draft);
  };
  const hasFilters = FILTER_KEYS.some((key) => initial[key]);

  return (
    <form className="card audit-filters" onSubmit={onSubmit} aria-label="Filter the audit log">
      <div className="audit-filters__grid">
        {auditable.length > 0 ? (
          <SelectField
            label="Trail"
            value={draft.teamId ?? ''}
            options={[{ value: '', label: 'Your own actions' }, ...auditable.map((team) => ({ value: team.id, label: `Team: ${team.name}` }))]}
            onChange={set('teamId')}
          />
        ) : null}
        <TextField label="Action" placeholder="e.g. connection.create" value={draft.action ?? ''} onChange={set('action')} optional />
        <TextField label="Resource type" placeholder="e.g. connection" value={draft.resourceType ?? ''} onChange={set('resourceType')} optional />
        <TextField label="From" type="date" value={draft.from ?? ''} onChange={set('from')} optional />
        <TextField label="To" type="date" value={draft.to ?? ''} onChange={set('to')} error={dateError} optional />
      </div>
      <div className="form-actions">
        <Button type="submit" variant="primary">
          Apply filters
        </Button>
        {hasFilters ? (
          <Button type="button" variant="ghost" onClick={() => onApply({})}>
            Clear filters
          </Button>
        ) : null}
      </div>
    </form>
  );
}
