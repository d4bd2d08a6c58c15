import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { EmailService } from '../email/email.service';
import { PermanentJobError } from '../jobs/job-handler.decorator';
import { logoDataUrl } from './report-branding';
import { renderReportHtml, reportCsvZip, type ReportData } from './report-content';
import { ChromiumUnavailableError, ReportPdfRenderer } from './report-pdf.renderer';
import { plansWithBranding } from './report-retention';
import { ReportsRepository, type ReportRow, type ReportSiteContext } from './reports.repository';

const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
/** Reports store `periodTo` exclusive; people read the last day covered. */
export const lastDayOf = (periodTo: Date) => isoDay(new Date(periodTo.getTime() - 1));

export function reportFileName(siteName: string, report: Pick<ReportRow, 'periodFrom' | 'periodTo'>, ext: 'pdf' | 'zip'): string {
  const slug = siteName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'site';
  return `seo-report-${slug}-${isoDay(report.periodFrom)}-to-${lastDayOf(report.periodTo)}.${ext}`;
}

/** Renders a Report row's files in the worker (GENERATE_REPORT) and emails scheduled ones. */
@Injectable()
export class ReportGenerationService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly pdf: ReportPdfRenderer,
    private readonly email: EmailService,
    private readonly config: AppConfig,
  ) {}

  async generate(reportId: string, emailTo: string[] | undefined): Promise<{ reportId: string; pdfBytes: number; csvBytes: number; emailed: string[] }> {
    const report = await this.reports.findRow(reportId);
    if (!report) throw new PermanentJobError(`Report ${reportId} no longer exists (the site was deleted or the report expired).`);
    const site = await this.reports.siteContext(report.connectionId);
    if (!site) throw new PermanentJobError(`The site of report ${reportId} no longer exists.`);
    let ready = report;
    // A retry after the email failed finds the files already rendered and only sends again.
    if (report.status !== 'READY') {
      const data = await this.dataFor(site, report);
      let pdf: Buffer;
      try {
        pdf = await this.pdf.render(renderReportHtml(data), `${data.brand.name} · ${data.site.name} · ${data.period.from} – ${data.period.to}`);
      } catch (error) {
        if (error instanceof ChromiumUnavailableError) throw new PermanentJobError(error.message);
        throw error;
      }
      const summary = {
        healthScore: data.healthScore,
        openIssues: Object.values(data.openIssuesBySeverity).reduce((a, b) => a + b, 0),
        fixesApplied: data.fixesApplied.length,
        fixesRolledBack: data.fixesRolledBack.length,
        measuredFixes: data.impact.length,
        searchConsole: data.searchConsole,
        brand: data.brand.name,
      };
      ready = await this.reports.markReady(report.id, { pdf, csvZip: reportCsvZip(data), summary });
    }
    const emailed = emailTo?.length ? await this.emailReport(site, ready, emailTo) : [];
    return { reportId: ready.id, pdfBytes: ready.pdfBytes, csvBytes: ready.csvBytes, emailed };
  }

  async dataFor(site: ReportSiteContext, report: Pick<ReportRow, 'periodFrom' | 'periodTo'>): Promise<ReportData> {
    const [numbers, branding] = await Promise.all([
      this.reports.collect(site.connectionId, report.periodFrom, report.periodTo),
      plansWithBranding(site.ownerPlan) ? this.reports.findBranding(site.ownerId) : Promise.resolve(null),
    ]);
    return {
      ...numbers,
      site: { name: site.name, url: site.siteUrl },
      period: { from: isoDay(report.periodFrom), to: lastDayOf(report.periodTo) },
      generatedAt: new Date().toISOString(),
      brand: branding ? { name: branding.agencyName, logoDataUrl: logoDataUrl(branding.logo, branding.logoType), agency: true } : { name: 'Seology', logoDataUrl: null, agency: false },
      healthScore: site.healthScore,
    };
  }

  private async emailReport(site: ReportSiteContext, report: ReportRow, to: string[]): Promise<string[]> {
    const files = await this.reports.findFiles(report.id);
    if (!files?.pdf) throw new PermanentJobError(`Report ${report.id} has no PDF to send.`);
    const brand = plansWithBranding(site.ownerPlan) ? ((await this.reports.findBranding(site.ownerId))?.agencyName ?? 'Seology') : 'Seology';
    const period = `${isoDay(report.periodFrom)} – ${lastDayOf(report.periodTo)}`;
    const link = `${this.config.APP_URL.replace(/\/$/, '')}/sites/${encodeURIComponent(site.connectionId)}/reports`;
    const summary = (report.summary ?? {}) as { healthScore?: number | null; openIssues?: number; fixesApplied?: number };
    const text = [
      `The SEO report for ${site.name} (${site.siteUrl}) for ${period} is attached as a PDF.`,
      '',
      `Health score: ${summary.healthScore ?? '—'} · open issues: ${summary.openIssues ?? 0} · fixes applied: ${summary.fixesApplied ?? 0}`,
      '',
      `Earlier reports and the CSV data: ${link}`,
      '',
      `— ${brand}`,
    ].join('\n');
    await this.email.sendWithAttachments({ to: to.join(', '), subject: `SEO report for ${site.name}, ${isoDay(report.periodFrom)} to ${lastDayOf(report.periodTo)}`, text }, [
      { filename: reportFileName(site.name, report, 'pdf'), content: Buffer.from(files.pdf), contentType: 'application/pdf' },
    ]);
    await this.reports.recordEmailed(report.id, to);
    return to;
  }
}

/** Default period of an on-demand report: the 30 days ending today (UTC), today included. */
export function onDemandPeriod(from: string | undefined, to: string | undefined, now = new Date()): { from: Date; to: Date } {
  const end = to ? new Date(`${to}T00:00:00Z`).getTime() + DAY : Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY;
  const start = from ? new Date(`${from}T00:00:00Z`).getTime() : end - 30 * DAY;
  return { from: new Date(start), to: new Date(end) };
}
