import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { Schemas } from '../../api/client';
import { useApi } from '../../app/api-context';

export type AuditEntry = Schemas['AuditLogDto'];
export const AUDIT_PAGE_SIZE = 25;

export interface AuditFilters {
  teamId?: string;
  action?: string;
  resourceType?: string;
  /** yyyy-mm-dd, inclusive, in the browser's time zone. */
  from?: string;
  to?: string;
  /** '1' lists routine entries (wizard saves) too; they are hidden by default. */
  showRoutine?: string;
}

/** The API's query: dates become instants, `to` covering the whole chosen day. */
export function toApiQuery(filters: AuditFilters) {
  const day = (value: string, endOfDay: boolean) => {
    const date = new Date(`${value}T00:00:00`);
    if (endOfDay) date.setDate(date.getDate() + 1);
    return date.toISOString();
  };
  return {
    teamId: filters.teamId || undefined,
    action: filters.action?.trim() || undefined,
    resourceType: filters.resourceType?.trim() || undefined,
    from: filters.from ? day(filters.from, false) : undefined,
    to: filters.to ? day(filters.to, true) : undefined,
    hideRoutine: filters.showRoutine ? undefined : true,
  };
}

export function useAuditLog(filters: AuditFilters, page: number) {
  const api = useApi();
  return useQuery({
    queryKey: ['audit-log', filters, page],
    queryFn: ({ signal }) => api.get('/api/audit-logs', { query: { ...toApiQuery(filters), page, pageSize: AUDIT_PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Fetches the CSV with the session's token (a plain link could not send it) and hands it to `save`. */
export function useExportAuditLog(save: (csv: string, filename: string) => void) {
  const api = useApi();
  return useMutation({
    mutationFn: async (filters: AuditFilters) => {
      // The spec has no JSON body for this text/csv answer; the client returns the text as it came.
      const csv = (await api.get('/api/audit-logs.csv', { query: toApiQuery(filters) })) as unknown;
      return typeof csv === 'string' ? csv : '';
    },
    onSuccess: (csv) => save(csv, `audit-log-${new Date().toISOString().slice(0, 10)}.csv`),
  });
}

export function downloadText(text: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL is released.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
