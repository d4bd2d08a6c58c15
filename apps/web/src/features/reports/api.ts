import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Body, Schemas } from '../../api/client';
import { useApi } from '../../app/api-context';

export type Report = Schemas['ReportDto'];
export type ReportSchedule = Schemas['ReportScheduleDto'];
export type ReportBranding = Schemas['ReportBrandingDto'];
export type ReportFrequency = ReportSchedule['frequency'];

const keys = {
  list: (siteId: string) => ['sites', 'detail', siteId, 'reports'] as const,
  schedule: (siteId: string) => ['sites', 'detail', siteId, 'reports', 'schedule'] as const,
  branding: ['reports', 'branding'] as const,
};

/** The site's reports, newest first; followed while one is still being rendered. */
export function useReports(siteId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.list(siteId),
    queryFn: ({ signal }) => api.get('/api/connections/{id}/reports', { path: { id: siteId }, signal }),
    refetchInterval: (query) => (query.state.data?.items.some((r) => r.status === 'PENDING') ? 1500 : false),
  });
}

export function useGenerateReport(siteId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<'post', '/api/connections/{id}/reports'>) => api.post('/api/connections/{id}/reports', { path: { id: siteId }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.list(siteId) }),
  });
}

export function useReportSchedule(siteId: string) {
  const api = useApi();
  return useQuery({ queryKey: keys.schedule(siteId), queryFn: ({ signal }) => api.get('/api/connections/{id}/reports/schedule', { path: { id: siteId }, signal }) });
}

export function useSaveReportSchedule(siteId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<'put', '/api/connections/{id}/reports/schedule'>) => api.put('/api/connections/{id}/reports/schedule', { path: { id: siteId }, body }),
    onSuccess: (saved) => queryClient.setQueryData(keys.schedule(siteId), saved),
  });
}

export function useReportBranding() {
  const api = useApi();
  return useQuery({ queryKey: keys.branding, queryFn: ({ signal }) => api.get('/api/reports/branding', { signal }) });
}

export function useSaveReportBranding() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<'put', '/api/reports/branding'>) => api.put('/api/reports/branding', { body }),
    onSuccess: (saved) => queryClient.setQueryData(keys.branding, saved),
  });
}

/** Downloads go through the API client (the access token is in memory, not in a cookie), then to a file. */
export function useDownloadReport() {
  const api = useApi();
  return useMutation({
    mutationFn: async ({ report, format }: { report: Report; format: 'pdf' | 'csv' }) => {
      const body: unknown = await api.get('/api/reports/{id}/download', { path: { id: report.id }, query: { format } });
      const blob = body instanceof Blob ? body : new Blob([typeof body === 'string' ? body : ''], { type: format === 'pdf' ? 'application/pdf' : 'application/zip' });
      return { blob, filename: `seo-report-${report.periodFrom}-to-${report.periodTo}.${format === 'pdf' ? 'pdf' : 'zip'}` };
    },
  });
}

/** Reads a chosen image file as a data URL, the form the API takes a logo in. */
export function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    // readAsDataURL always leaves a string in `result` (ArrayBuffer is readAsArrayBuffer's).
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}
