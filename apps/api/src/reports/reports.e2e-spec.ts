import type { INestApplicationContext } from '@nestjs/common';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Response } from 'superagent';
import type { ApiErrorBody } from '@seology/contracts';
import { startMailCapture, type MailCapture } from '@seology/scripts/mail-capture';
import { AppConfig } from '../config/app-config';
import { JobsService } from '../jobs/jobs.service';
import { createTestApp, signUpUser, teardown, type TestApp, until } from '../testing/test-app';
import { startTestWorker } from '../testing/test-worker';
import type { ReportDto, ReportListDto, ReportScheduleDto } from './dto/reports.dto';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_TOOLS = existsSync(CHROMIUM) && existsSync('/usr/bin/pdftoppm');
if (!HAVE_TOOLS) console.warn(`report PDF test skipped: needs Chromium at ${CHROMIUM} and pdftoppm (Debian's chromium and poppler-utils)`);

/** Rendered reports and their PNG pages are kept here after the run, for people to look at (tmp/ is not committed). */
const ARTIFACTS = resolve(__dirname, '../../../../tmp/test-reports');
const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) + offset * DAY);
// A 24×24 red PNG, drawn as the agency's logo.
const LOGO_PNG = 'iVBORw0KGgoAAAANSUhEUgAAABgAAAAYCAIAAABvFaqvAAAAH0lEQVR42mO4o6ZGFcQwatCoQaMGjRo0atCoQQNvEAAd/5ofg/DAowAAAABJRU5ErkJggg==';

/** supertest's parser for a binary body (a PDF or a zip), so `res.body` is the Buffer. */
function collectBytes(res: Response, cb: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

/** The parts of a multipart MIME message, enough to find an attachment (no parser library needed). */
function attachmentsOf(raw: string): { contentType: string; filename: string; content: Buffer }[] {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  if (!boundary) return [];
  return raw
    .split(`--${boundary}`)
    .map((part) => {
      const [head, ...body] = part.split(/\r?\n\r?\n/);
      const filename = /filename="?([^";\r\n]+)"?/i.exec(head ?? '')?.[1];
      if (!filename || !/base64/i.test(head ?? '')) return null;
      return { contentType: /content-type:\s*([^;\r\n]+)/i.exec(head ?? '')?.[1] ?? '', filename, content: Buffer.from(body.join('\n').replace(/\s+/g, ''), 'base64') };
    })
    .filter((p): p is NonNullable<typeof p> => p !== null);
}

(HAVE_TOOLS ? describe : describe.skip)('reports (e2e: API + worker + headless Chromium + real SMTP)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let smtp: MailCapture;

  beforeAll(async () => {
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    smtp = await startMailCapture();
    t = await createTestApp({ SMTP_URL: smtp.url, APP_URL: 'https://app.seology.test', CHROMIUM_PATH: CHROMIUM });
    worker = await startTestWorker();
  }, 180_000);
  afterAll(() =>
    teardown([
      ['worker', () => worker?.close()],
      ['app', () => t?.close()],
      ['SMTP server', () => smtp?.close()],
    ]),
  );

  /** A site with a known history: health scores, open issues, an applied and a rolled-back fix, Search Console rows. */
  async function seedSite(userId: string, name: string): Promise<string> {
    const site = await t.prisma.connection.create({
      data: { userId, domain: `${name}.example`, siteUrl: `https://${name}.example/`, displayName: `${name} bakery`, platform: 'CUSTOM', status: 'CONNECTED', snippetKey: `sk_${name}_${Date.now()}`, healthScore: 78 },
    });
    const id = site.id;
    await t.prisma.metric.createMany({ data: [-20, -15, -10, -5, -1].map((d, i) => ({ connectionId: id, date: day(d), healthScore: 55 + i * 6, source: 'crawl' })) });
    const issues = [
      ['title-missing', 'content', 'HIGH', '/'],
      ['meta-description-missing', 'content', 'MEDIUM', '/bread'],
      ['image-alt-missing', 'images', 'LOW', '/cakes'],
      ['image-alt-missing', 'images', 'LOW', '/bread'],
      ['broken-link', 'links', 'CRITICAL', '/contact'],
    ] as const;
    await t.prisma.issue.createMany({
      data: issues.map(([type, category, severity, path], i) => ({ connectionId: id, fingerprint: `${id}-${i}`, type, category, severity, title: type, description: type, pageUrl: `https://${name}.example${path}` })),
    });
    const impactMetrics = {
      measuredThrough: day(-1).toISOString().slice(0, 10),
      controlPages: 4,
      expected: 'A better snippet: more clicks for the same impressions (CTR up), position about the same.',
      confidence: 'likely',
      summary: '+31% clicks over 7 days, likely due to the fix',
      windows: [{ days: 7, before: { start: '', end: '' }, after: { start: '', end: '' }, page: {}, controls: {}, effect: { clicksPct: 31, impressionsPct: 1.2, ctrPoints: 0.9, position: -0.1 } }],
    };
    await t.prisma.fix.create({ data: { connectionId: id, type: 'metaDescription', status: 'APPLIED', pageUrl: `https://${name}.example/bread`, afterValue: 'Sourdough baked every morning, delivered in town', appliedAt: day(-12), impactMetrics } });
    await t.prisma.fix.create({ data: { connectionId: id, type: 'title', status: 'ROLLED_BACK', pageUrl: `https://${name}.example/cakes`, beforeValue: 'Cakes', afterValue: 'Celebration cakes to order', appliedAt: day(-9), rolledBackAt: day(-3) } });
    const sc = (d: number, pageUrl: string, query: string, clicks: number, impressions: number) => ({ connectionId: id, date: day(d), pageUrl, query, clicks, impressions, ctr: clicks / impressions, position: 5, source: 'search-console' });
    await t.prisma.metric.createMany({
      data: [
        sc(-6, `https://${name}.example/bread`, '', 90, 1800),
        sc(-5, `https://${name}.example/bread`, '', 80, 1700),
        sc(-6, `https://${name}.example/cakes`, '', 20, 900),
        sc(-6, '', 'sourdough near me', 60, 700),
        sc(-5, '', 'birthday cake', 15, 400),
      ],
    });
    return id;
  }

  async function generated(user: { auth: { Authorization: string } }, siteId: string, body: object = {}): Promise<ReportDto> {
    const res = await t.http().post(`/api/connections/${siteId}/reports`).set(user.auth).send(body).expect(202);
    const created = res.body as ReportDto;
    expect(created).toMatchObject({ status: 'PENDING', connectionId: siteId, downloads: null });
    const list = () => t.http().get(`/api/connections/${siteId}/reports`).set(user.auth).expect(200).then((r) => (r.body as ReportListDto).items.find((x) => x.id === created.id)!);
    return until(list, (r) => r.status !== 'PENDING', 90_000);
  }

  function pdfText(pdf: Buffer, name: string): string {
    const file = join(ARTIFACTS, `${name}.pdf`);
    writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-png', '-r', '80', file, join(ARTIFACTS, name)]);
    return execFileSync('pdftotext', ['-layout', file, '-']).toString();
  }

  it("renders an agency-branded PDF and CSV pack of the site's numbers, listed with download links", async () => {
    const agency = await signUpUser(t, 'agency');
    await t.prisma.user.update({ where: { id: agency.id }, data: { plan: 'AGENCY' } });
    const branding = await t.http().put('/api/reports/branding').set(agency.auth).send({ agencyName: 'Northwind Digital', logoDataUrl: `data:image/png;base64,${LOGO_PNG}` }).expect(200);
    expect(branding.body).toMatchObject({ available: true, agencyName: 'Northwind Digital', logoDataUrl: `data:image/png;base64,${LOGO_PNG}` });
    const siteId = await seedSite(agency.id, 'rye');

    const report = await generated(agency, siteId);
    expect(report).toMatchObject({ status: 'READY', error: null, downloads: { pdf: `/api/reports/${report.id}/download?format=pdf`, csv: `/api/reports/${report.id}/download?format=csv` } });

    const pdf = await t.http().get(report.downloads!.pdf).set(agency.auth).buffer(true).parse(collectBytes).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^attachment; filename="seo-report-rye-bakery-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.pdf"$/);
    const body = pdf.body as Buffer;
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(body, 'agency-report');
    expect(text).toContain('Northwind Digital');
    expect(text).not.toContain('Seology');
    expect(text).toContain('rye bakery');
    expect(text).toMatch(/CRITICAL\s+1/);
    expect(text).toMatch(/Measured impact of fixes[\s\S]*7 days\s+\+31\.0%\s+\+0\.90 pt/);
    expect(text).toContain('sourdough near me');
    expect(text).toContain('Celebration cakes to order');
    const pages = readdirSync(ARTIFACTS).filter((f) => f.startsWith('agency-report') && f.endsWith('.png'));
    expect(pages.length).toBeGreaterThanOrEqual(1);

    const csv = await t.http().get(report.downloads!.csv).set(agency.auth).buffer(true).parse(collectBytes).expect(200);
    expect(csv.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(csv.body as Buffer));
    expect(Object.keys(files).sort()).toEqual(['fix-impact.csv', 'fixes-applied.csv', 'fixes-rolled-back.csv', 'health-trend.csv', 'issues-by-category.csv', 'issues-by-severity.csv', 'top-pages.csv', 'top-queries.csv']);
    expect(strFromU8(files['issues-by-category.csv']!)).toBe('category,open_issues\r\ncontent,2\r\nimages,2\r\nlinks,1\r\n');
    expect(strFromU8(files['top-pages.csv']!).split('\r\n')[1]).toBe('https://rye.example/bread,170,3500,0.0486,5');
    expect(strFromU8(files['top-queries.csv']!).split('\r\n').slice(1, 3)).toEqual(['sourdough near me,60,700,0.0857,5', 'birthday cake,15,400,0.0375,5']);
    expect(strFromU8(files['health-trend.csv']!).split('\r\n').length).toBe(1 + 5 + 1);
    expect(strFromU8(files['fixes-rolled-back.csv']!)).toContain('Celebration cakes to order');
  }, 150_000);

  it("another tenant's site and report answer 404, and branding needs the Agency plan", async () => {
    const owner = await signUpUser(t, 'owner');
    const other = await signUpUser(t, 'other');
    const siteId = await seedSite(owner.id, 'wheat');
    const report = await generated(owner, siteId);
    expect(report.status).toBe('READY');
    await t.http().get(`/api/reports/${report.id}/download?format=pdf`).set(other.auth).expect(404);
    await t.http().get(`/api/reports/${report.id}/download?format=csv`).set(other.auth).expect(404);
    await t.http().get(`/api/connections/${siteId}/reports`).set(other.auth).expect(404);
    await t.http().post(`/api/connections/${siteId}/reports`).set(other.auth).send({}).expect(404);
    await t.http().put(`/api/connections/${siteId}/reports/schedule`).set(other.auth).send({ frequency: 'WEEKLY' }).expect(404);
    await t.http().get(`/api/reports/${report.id}/download?format=docx`).set(owner.auth).expect(400);
    await t.http().get('/api/reports/nope/download?format=pdf').set(owner.auth).expect(404);

    const free = await t.http().get('/api/reports/branding').set(owner.auth).expect(200);
    expect(free.body).toMatchObject({ available: false, agencyName: null });
    await t.http().put('/api/reports/branding').set(owner.auth).send({ agencyName: 'Sneaky Co' }).expect(403);
    // Without branding (FREE plan) the report carries Seology's name.
    const pdf = await t.http().get(`/api/reports/${report.id}/download?format=pdf`).set(owner.auth).buffer(true).parse(collectBytes).expect(200);
    expect(pdfText(pdf.body as Buffer, 'seology-report')).toContain('Seology');
  }, 150_000);

  it('refuses a logo that is not a PNG or JPEG', async () => {
    const agency = await signUpUser(t, 'logo');
    await t.prisma.user.update({ where: { id: agency.id }, data: { plan: 'AGENCY' } });
    const svg = await t.http().put('/api/reports/branding').set(agency.auth).send({ agencyName: 'Acme', logoDataUrl: 'data:image/svg+xml;base64,PHN2Zy8+' }).expect(400);
    expect((svg.body as ApiErrorBody).message).toContain('PNG or JPEG');
    const fake = await t.http().put('/api/reports/branding').set(agency.auth).send({ agencyName: 'Acme', logoDataUrl: `data:image/png;base64,${Buffer.from('GIF89a....').toString('base64')}` }).expect(400);
    expect((fake.body as ApiErrorBody).message).toBe('The file is not a PNG image.');
  });

  it('emails a scheduled report with the PDF attached', async () => {
    const owner = await signUpUser(t, 'scheduled');
    const siteId = await seedSite(owner.id, 'spelt');
    const put = await t.http().put(`/api/connections/${siteId}/reports/schedule`).set(owner.auth).send({ frequency: 'WEEKLY', recipients: ['Client@Example.com'] }).expect(200);
    const scheduled = put.body as ReportScheduleDto;
    expect(scheduled).toMatchObject({ frequency: 'WEEKLY', recipients: ['client@example.com'] });
    expect(new Date(scheduled.nextRunAt!).getUTCDay()).toBe(1);
    // The schedule comes due: move its next run into the past and let the hourly job find it.
    await t.prisma.reportSchedule.update({ where: { connectionId: siteId }, data: { nextRunAt: new Date(Date.now() - 60_000) } });
    await worker.get(JobsService, { strict: false }).enqueue('SEND_SCHEDULED_REPORTS', {});

    const mail = await until(() => smtp.inbox.find((m) => m.to.includes('client@example.com')), (m) => m !== undefined, 90_000);
    expect(mail!.raw).toMatch(/Subject: SEO report for spelt bakery, \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\r\n/);
    const [attachment] = attachmentsOf(mail!.raw);
    expect(attachment).toMatchObject({ contentType: 'application/pdf', filename: expect.stringMatching(/^seo-report-spelt-bakery-.*\.pdf$/) as unknown });
    expect(attachment!.content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfText(attachment!.content, 'scheduled-email-attachment')).toContain('spelt bakery');

    const list = await t.http().get(`/api/connections/${siteId}/reports`).set(owner.auth).expect(200);
    expect((list.body as ReportListDto).items).toEqual([expect.objectContaining({ scheduled: true, status: 'READY', emailedTo: ['client@example.com'] })]);
    const schedule = await t.http().get(`/api/connections/${siteId}/reports/schedule`).set(owner.auth).expect(200);
    const next = schedule.body as ReportScheduleDto;
    expect(new Date(next.nextRunAt!).getTime()).toBeGreaterThan(Date.now());
    expect(next.lastRunAt).not.toBeNull();
  }, 150_000);

  it('fails the report with the reason when Chromium is not there', async () => {
    const owner = await signUpUser(t, 'nochrome');
    const siteId = await seedSite(owner.id, 'barley');
    const config = worker.get(AppConfig, { strict: false });
    config.CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      const report = await generated(owner, siteId);
      expect(report.status).toBe('FAILED');
      expect(report.error).toContain('headless Chromium, which was not found at /nonexistent/chromium');
      const job = await t.prisma.job.findFirstOrThrow({ where: { type: 'GENERATE_REPORT', connectionId: siteId } });
      expect([job.status, job.attempts]).toEqual(['FAILED', 1]);
      const download = await t.http().get(`/api/reports/${report.id}/download?format=pdf`).set(owner.auth).expect(409);
      expect((download.body as ApiErrorBody).message).toContain('Chromium');
    } finally {
      config.CHROMIUM_PATH = CHROMIUM;
    }
  }, 120_000);
});
