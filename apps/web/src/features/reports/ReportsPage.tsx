import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { errorMessage } from '../../api/client';
import { Alert } from '../../components/Alert';
import { useNotify } from '../../components/Announcer';
import { Badge, type BadgeTone } from '../../components/Badge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { SelectField, TextField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { SiteScope, siteEyebrow } from '../../components/SiteScope';
import { SiteTabs } from '../../components/SiteTabs';
import { LoadingState } from '../../components/Spinner';
import { formatDateTime } from '../../lib/format';
import type { Site } from '../sites/site-meta';
import {
  readAsDataUrl, useDownloadReport, useGenerateReport, useReportBranding, useReports, useReportSchedule, useSaveReportBranding, useSaveReportSchedule,
  type Report, type ReportFrequency,
} from './api';

const STATUS: Record<Report['status'], { label: string; tone: BadgeTone }> = {
  PENDING: { label: 'Generating', tone: 'info' },
  READY: { label: 'Ready', tone: 'success' },
  FAILED: { label: 'Failed', tone: 'danger' },
};

const FREQUENCIES: { value: ReportFrequency; label: string }[] = [
  { value: 'NONE', label: 'Not emailed' },
  { value: 'WEEKLY', label: 'Weekly (Mondays, the previous 7 days)' },
  { value: 'MONTHLY', label: 'Monthly (the 1st, the previous month)' },
];

const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`;

export function ReportsPage() {
  return <SiteScope title="Reports">{(site) => <Reports site={site} />}</SiteScope>;
}

function Reports({ site }: { site: Site }) {
  const notify = useNotify();
  const generate = useGenerateReport(site.id);
  return (
    <>
      <PageHeader
        eyebrow={siteEyebrow(site)}
        title="Reports"
        description={`A PDF and a CSV pack for ${site.domain}: health trend, issues, fixes applied and rolled back, their measured impact, and top pages and queries from Search Console.`}
        actions={
          <Button variant="primary" loading={generate.isPending} onClick={() => generate.mutate({}, { onSuccess: () => notify('Report requested: it is being generated.') })}>
            Generate report now
          </Button>
        }
      />
      <SiteTabs siteId={site.id} />
      {generate.isError ? (
        <Alert tone="error" title="Could not request a report">
          {errorMessage(generate.error)}
        </Alert>
      ) : null}
      <ReportList site={site} />
      <ScheduleForm site={site} />
      <BrandingForm />
    </>
  );
}

function ReportList({ site }: { site: Site }) {
  const reports = useReports(site.id);
  const download = useDownloadReport();
  const save = (report: Report, format: 'pdf' | 'csv') =>
    download.mutate(
      { report, format },
      {
        onSuccess: ({ blob, filename }) => {
          const link = document.createElement('a');
          link.href = URL.createObjectURL(blob);
          link.download = `${site.domain.replace(/[^a-z0-9.-]+/gi, '_')}-${filename}`;
          document.body.append(link);
          link.click();
          link.remove();
          setTimeout(() => URL.revokeObjectURL(link.href), 1000);
        },
      },
    );
  return (
    <section className="card" aria-labelledby="reports-title">
      <h2 id="reports-title" className="card__title">
        Reports
      </h2>
      {download.isError ? (
        <Alert tone="error" title="Could not download the report">
          {errorMessage(download.error)}
        </Alert>
      ) : null}
      {reports.isPending ? <LoadingState label="Loading reports…" /> : null}
      {reports.isError ? <ErrorState title="Could not load the reports" error={reports.error} onRetry={() => void reports.refetch()} /> : null}
      {reports.data && reports.data.items.length === 0 ? <EmptyState title="No reports yet">Generate one now, or email one every week or month below.</EmptyState> : null}
      {reports.data && reports.data.items.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="reports-table">
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col">Status</th>
                <th scope="col">Made</th>
                <th scope="col">Download</th>
              </tr>
            </thead>
            <tbody>
              {reports.data.items.map((report) => (
                <tr key={report.id}>
                  <td>
                    {report.periodFrom} – {report.periodTo}
                    {report.scheduled ? <div className="muted">Scheduled{report.emailedTo.length ? `, emailed to ${report.emailedTo.join(', ')}` : ''}</div> : null}
                  </td>
                  <td>
                    <Badge tone={STATUS[report.status].tone}>{STATUS[report.status].label}</Badge>
                    {report.error ? <div className="muted">{report.error}</div> : null}
                  </td>
                  <td>{formatDateTime(report.createdAt)}</td>
                  <td className="actions">
                    {report.status === 'READY' ? (
                      <div>
                        <Button size="sm" onClick={() => save(report, 'pdf')} aria-label={`Download PDF of ${report.periodFrom} – ${report.periodTo}`}>
                          PDF ({kb(report.pdfBytes)})
                        </Button>
                        <Button size="sm" onClick={() => save(report, 'csv')} aria-label={`Download CSV pack of ${report.periodFrom} – ${report.periodTo}`}>
                          CSV pack ({kb(report.csvBytes)})
                        </Button>
                      </div>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function ScheduleForm({ site }: { site: Site }) {
  const notify = useNotify();
  const schedule = useReportSchedule(site.id);
  const save = useSaveReportSchedule(site.id);
  const [frequency, setFrequency] = useState<ReportFrequency>('NONE');
  const [recipients, setRecipients] = useState('');
  useEffect(() => {
    if (!schedule.data) return;
    setFrequency(schedule.data.frequency);
    setRecipients(schedule.data.recipients.join(', '));
  }, [schedule.data]);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const list = recipients.split(/[\s,;]+/).filter(Boolean);
    save.mutate({ frequency, recipients: list }, { onSuccess: (saved) => notify(saved.frequency === 'NONE' ? 'Reports are no longer emailed.' : 'Report schedule saved.') });
  };
  return (
    <section className="card" aria-labelledby="schedule-title">
      <h2 id="schedule-title" className="card__title">
        Email a report on a schedule
      </h2>
      {schedule.isError ? <ErrorState title="Could not load the schedule" error={schedule.error} onRetry={() => void schedule.refetch()} /> : null}
      <form onSubmit={onSubmit} noValidate>
        <SelectField label="Frequency" options={FREQUENCIES} value={frequency} onChange={(e) => setFrequency(e.target.value as ReportFrequency)} />
        <TextField
          label="Recipients"
          optional
          hint="Email addresses, separated by commas. Empty: the site owner's address."
          value={recipients}
          onChange={(e) => setRecipients(e.target.value)}
          disabled={frequency === 'NONE'}
        />
        {schedule.data?.nextRunAt ? <p className="muted" data-testid="next-report">Next report: {formatDateTime(schedule.data.nextRunAt)}</p> : null}
        {save.isError ? (
          <Alert tone="error" title="Could not save the schedule">
            {errorMessage(save.error)}
          </Alert>
        ) : null}
        <div className="form-actions">
          <Button type="submit" loading={save.isPending}>
            Save schedule
          </Button>
        </div>
      </form>
    </section>
  );
}

function BrandingForm() {
  const notify = useNotify();
  const branding = useReportBranding();
  const save = useSaveReportBranding();
  const [name, setName] = useState('');
  const [logo, setLogo] = useState<string | null | undefined>(undefined);
  const [fileError, setFileError] = useState<string | undefined>();
  useEffect(() => setName(branding.data?.agencyName ?? ''), [branding.data?.agencyName]);
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setFileError(undefined);
    if (!file) return;
    if (!['image/png', 'image/jpeg'].includes(file.type)) return setFileError('Choose a PNG or JPEG image.');
    if (file.size > 256 * 1024) return setFileError('The logo may be at most 256 KB.');
    setLogo(await readAsDataUrl(file));
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ agencyName: name, ...(logo !== undefined ? { logoDataUrl: logo } : {}) }, { onSuccess: () => { setLogo(undefined); notify('Report branding saved.'); } });
  };
  const shown = logo === undefined ? branding.data?.logoDataUrl : logo;
  return (
    <section className="card" aria-labelledby="branding-title">
      <h2 id="branding-title" className="card__title">
        Report branding
      </h2>
      {branding.isPending ? <LoadingState label="Loading branding…" /> : null}
      {branding.isError ? <ErrorState title="Could not load the branding" error={branding.error} onRetry={() => void branding.refetch()} /> : null}
      {branding.data ? <p className="card__text" data-testid="branding-reason">{branding.data.reason} This setting applies to every site of your account.</p> : null}
      {branding.data?.available ? (
        <form onSubmit={onSubmit} noValidate>
          <TextField label="Agency name" value={name} maxLength={80} required onChange={(e) => setName(e.target.value)} />
          <div className="field">
            <label className="field__label" htmlFor="report-logo">
              Logo <span className="field__optional">(optional)</span>
            </label>
            <p className="field__hint" id="report-logo-hint">PNG or JPEG, at most 256 KB. Shown at the top of every report.</p>
            {fileError ? <p className="field__error" role="alert">{fileError}</p> : null}
            <input id="report-logo" type="file" accept="image/png,image/jpeg" aria-describedby="report-logo-hint" onChange={(e) => void onFile(e)} />
          </div>
          {shown ? (
            <p>
              <img src={shown} alt="Agency logo preview" style={{ maxHeight: 48, maxWidth: 180 }} />{' '}
              <Button size="sm" onClick={() => setLogo(null)}>
                Remove logo
              </Button>
            </p>
          ) : null}
          {save.isError ? (
            <Alert tone="error" title="Could not save the branding">
              {errorMessage(save.error)}
            </Alert>
          ) : null}
          <div className="form-actions">
            <Button type="submit" loading={save.isPending} disabled={!name.trim()}>
              Save branding
            </Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
