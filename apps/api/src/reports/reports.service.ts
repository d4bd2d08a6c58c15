import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { ReportSchedule } from '@prisma/client';
import { PLAN_LABELS } from '@seology/contracts';
import type { Actor } from '../common/decorators/auth.decorators';
import { ConnectionsService } from '../connections/connections.service';
import { JobsService } from '../jobs/jobs.service';
import { logoDataUrl, parseLogoDataUrl } from './report-branding';
import { lastDayOf, onDemandPeriod, reportFileName } from './report-generation.service';
import { plansWithBranding, reportExpiry } from './report-retention';
import { nextReportRun } from './report-schedule';
import { ReportsRepository, type ReportRow } from './reports.repository';
import type { CreateReportDto, ReportBrandingDto, ReportDto, ReportListDto, ReportScheduleDto, UpdateReportBrandingDto, UpdateReportScheduleDto } from './dto/reports.dto';

const MAX_PERIOD_DAYS = 400;

function toDto(r: ReportRow): ReportDto {
  return {
    id: r.id,
    connectionId: r.connectionId,
    status: r.status,
    scheduled: r.scheduled,
    periodFrom: r.periodFrom.toISOString().slice(0, 10),
    periodTo: lastDayOf(r.periodTo),
    pdfBytes: r.pdfBytes,
    csvBytes: r.csvBytes,
    error: r.error,
    emailedTo: r.emailedTo,
    createdAt: r.createdAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
    expiresAt: r.expiresAt.toISOString(),
    downloads: r.status === 'READY' ? { pdf: `/api/reports/${r.id}/download?format=pdf`, csv: `/api/reports/${r.id}/download?format=csv` } : null,
  };
}

function scheduleDto(s: ReportSchedule | null): ReportScheduleDto {
  if (!s) return { frequency: 'NONE', recipients: [], nextRunAt: null, lastRunAt: null };
  return { frequency: s.frequency, recipients: s.recipients, nextRunAt: s.nextRunAt.toISOString(), lastRunAt: s.lastRunAt?.toISOString() ?? null };
}

export interface ReportFile {
  content: Buffer;
  contentType: string;
  filename: string;
}

/** Reports as the API offers them; rendering is ReportGenerationService in the worker. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly connections: ConnectionsService,
    private readonly jobs: JobsService,
  ) {}

  async list(actor: Actor, connectionId: string): Promise<ReportListDto> {
    await this.connections.getAccessible(actor, connectionId);
    return { items: (await this.reports.listForSite(connectionId)).map(toDto) };
  }

  async request(actor: Actor, connectionId: string, dto: CreateReportDto): Promise<ReportDto> {
    await this.connections.getAccessible(actor, connectionId);
    const period = onDemandPeriod(dto.from, dto.to);
    if (Number.isNaN(period.from.getTime()) || Number.isNaN(period.to.getTime())) throw new BadRequestException('from and to must be real dates.');
    if (period.from >= period.to) throw new BadRequestException('from must be on or before to.');
    if (period.to.getTime() - period.from.getTime() > MAX_PERIOD_DAYS * 86_400_000) throw new BadRequestException(`A report covers at most ${MAX_PERIOD_DAYS} days.`);
    const site = await this.reports.siteContext(connectionId);
    if (!site) throw new NotFoundException('No site with this id.');
    const report = await this.reports.create({ connectionId, requestedById: actor.userId, scheduled: false, periodFrom: period.from, periodTo: period.to, expiresAt: reportExpiry(site.ownerPlan, new Date()) });
    const job = await this.jobs.enqueue('GENERATE_REPORT', { connectionId, reportId: report.id }, { connectionId, userId: actor.userId, priority: 5 });
    return toDto(await this.reports.attachJob(report.id, job.id));
  }

  /** Another tenant's report answers 404, like its site. */
  async download(actor: Actor, id: string, format: 'pdf' | 'csv'): Promise<ReportFile> {
    const report = await this.reports.findRow(id);
    if (!report) throw new NotFoundException('No report with this id.');
    await this.connections.getAccessible(actor, report.connectionId).catch((error: unknown) => {
      throw error instanceof NotFoundException ? new NotFoundException('No report with this id.') : error;
    });
    if (report.status !== 'READY') throw new ConflictException(report.status === 'FAILED' ? `This report failed: ${report.error ?? 'unknown error'}` : 'This report is still being generated.');
    const files = await this.reports.findFiles(id);
    const site = await this.reports.siteContext(report.connectionId);
    const name = site?.name ?? 'site';
    if (format === 'pdf') return { content: Buffer.from(files!.pdf!), contentType: 'application/pdf', filename: reportFileName(name, report, 'pdf') };
    return { content: Buffer.from(files!.csvZip!), contentType: 'application/zip', filename: reportFileName(name, report, 'zip') };
  }

  async schedule(actor: Actor, connectionId: string): Promise<ReportScheduleDto> {
    await this.connections.getAccessible(actor, connectionId);
    return scheduleDto(await this.reports.findSchedule(connectionId));
  }

  async updateSchedule(actor: Actor, connectionId: string, dto: UpdateReportScheduleDto): Promise<ReportScheduleDto> {
    await this.connections.getAccessible(actor, connectionId, 'site:manage');
    if (dto.frequency === 'NONE') {
      await this.reports.deleteSchedule(connectionId);
      return scheduleDto(null);
    }
    const recipients = [...new Set((dto.recipients ?? []).map((r) => r.trim().toLowerCase()))];
    return scheduleDto(await this.reports.saveSchedule(connectionId, { frequency: dto.frequency, recipients, nextRunAt: nextReportRun(dto.frequency, new Date()) }));
  }

  async branding(actor: Actor): Promise<ReportBrandingDto> {
    const plan = await this.planOf(actor);
    const saved = await this.reports.findBranding(actor.userId);
    const available = plansWithBranding(plan);
    const reason = !available
      ? `Reports carry Seology's name on the ${PLAN_LABELS[plan]} plan; the Agency plan puts your agency's name and logo on them.`
      : saved
        ? `Reports of your sites carry ${saved.agencyName}'s name${saved.logo ? ' and logo' : ''}.`
        : "Reports carry Seology's name until you set your agency's name.";
    return { available, reason, agencyName: saved?.agencyName ?? null, logoDataUrl: saved ? logoDataUrl(saved.logo, saved.logoType) : null };
  }

  async updateBranding(actor: Actor, dto: UpdateReportBrandingDto): Promise<ReportBrandingDto> {
    const plan = await this.planOf(actor);
    if (!plansWithBranding(plan)) throw new ForbiddenException(`Your own name and logo on reports come with the Agency plan (this account is on ${PLAN_LABELS[plan]}).`);
    let logo: { bytes: Buffer; type: string } | null | undefined;
    if (dto.logoDataUrl === null) logo = null;
    else if (dto.logoDataUrl !== undefined) {
      const checked = parseLogoDataUrl(dto.logoDataUrl);
      if (!checked.ok) throw new BadRequestException(checked.reason);
      logo = { bytes: checked.bytes, type: checked.type };
    }
    await this.reports.saveBranding(actor.userId, { agencyName: dto.agencyName.trim(), logo });
    return this.branding(actor);
  }

  async removeBranding(actor: Actor): Promise<ReportBrandingDto> {
    await this.reports.deleteBranding(actor.userId);
    return this.branding(actor);
  }

  private async planOf(actor: Actor) {
    const plan = await this.reports.planOfUser(actor.userId);
    if (!plan) throw new NotFoundException('No such account.');
    return plan;
  }
}
