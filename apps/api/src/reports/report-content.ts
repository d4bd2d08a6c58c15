import { strToU8, zipSync, type Zippable } from 'fflate';

/** Everything a report shows, read from the database for one site and period (ReportsRepository.collect). */
export interface ReportData {
  site: { name: string; url: string };
  period: { from: string; to: string };
  generatedAt: string;
  /** Whose name and logo head the report: the agency's on the Agency plan, else Seology's. */
  brand: { name: string; logoDataUrl: string | null; agency: boolean };
  healthScore: number | null;
  healthTrend: { date: string; healthScore: number }[];
  openIssuesBySeverity: Record<string, number>;
  openIssuesByCategory: Record<string, number>;
  fixesApplied: ReportFix[];
  fixesRolledBack: ReportFix[];
  impact: ReportImpact[];
  /** Empty without Search Console data; `searchConsole` says whether there was any. */
  searchConsole: boolean;
  topPages: ReportSearchRow[];
  topQueries: ReportSearchRow[];
}

export interface ReportFix {
  id: string;
  pageUrl: string;
  type: string;
  status: string;
  beforeValue: string | null;
  afterValue: string;
  appliedAt: string | null;
  rolledBackAt: string | null;
}

export interface ReportImpact {
  fixId: string;
  pageUrl: string;
  type: string;
  rolledBack: boolean;
  expected: string;
  confidence: string;
  summary: string;
  /** The longest window measured so far, e.g. 28; null while it is too early. */
  windowDays: number | null;
  clicksChangePct: number | null;
  /** CTR change net of the controls, in percentage points. */
  ctrChangePoints: number | null;
}

export interface ReportSearchRow {
  key: string;
  clicks: number;
  impressions: number;
  ctr: number;
  position: number | null;
}

export const SEVERITY_ORDER = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'] as const;
const SEVERITY_COLOURS: Record<string, string> = { CRITICAL: '#b91c1c', HIGH: '#ea580c', MEDIUM: '#ca8a04', LOW: '#2563eb', INFO: '#6b7280' };

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const pct = (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(1)}%`);
const num = (v: number) => v.toLocaleString('en-US');
const clip = (v: string | null, max = 90) => (v === null ? '' : v.length > max ? `${v.slice(0, max - 1)}…` : v);

/** The health score over the period as an SVG line chart (0-100 on the y axis), or a note when there is no series. */
export function healthTrendSvg(trend: ReportData['healthTrend'], width = 640, height = 180): string {
  if (trend.length === 0) return '<p class="muted">No health score was recorded in this period (the score is stored once a day after a crawl).</p>';
  const left = 34;
  const bottom = 22;
  const plotW = width - left - 10;
  const plotH = height - bottom - 10;
  const x = (i: number) => left + (trend.length === 1 ? plotW / 2 : (i / (trend.length - 1)) * plotW);
  const y = (score: number) => 10 + plotH - (Math.max(0, Math.min(100, score)) / 100) * plotH;
  const points = trend.map((p, i) => `${x(i).toFixed(1)},${y(p.healthScore).toFixed(1)}`).join(' ');
  const grid = [0, 25, 50, 75, 100]
    .map((v) => `<line x1="${left}" x2="${width - 10}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e7eb"/><text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="10" fill="#6b7280">${v}</text>`)
    .join('');
  const labels = [trend[0]!, trend[trend.length - 1]!]
    .map((p, i) => `<text x="${i === 0 ? x(0) : x(trend.length - 1)}" y="${height - 6}" text-anchor="${i === 0 ? 'start' : 'end'}" font-size="10" fill="#6b7280">${p.date}</text>`)
    .join('');
  const dots = trend.map((p, i) => `<circle cx="${x(i).toFixed(1)}" cy="${y(p.healthScore).toFixed(1)}" r="2.5" fill="#4f46e5"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Health score trend">${grid}<polyline fill="none" stroke="#4f46e5" stroke-width="2" points="${points}"/>${dots}${labels}</svg>`;
}

/** Open issues per severity as horizontal SVG bars. */
export function severityBarsSvg(bySeverity: Record<string, number>, width = 640): string {
  const rows = SEVERITY_ORDER.map((s) => [s, bySeverity[s] ?? 0] as const);
  const max = Math.max(1, ...rows.map(([, n]) => n));
  const rowH = 22;
  const labelW = 80;
  const barMax = width - labelW - 60;
  const bars = rows
    .map(([s, n], i) => {
      const w = Math.max(n > 0 ? 2 : 0, (n / max) * barMax);
      const top = i * rowH;
      return `<text x="0" y="${top + 15}" font-size="11" fill="#374151">${s}</text><rect x="${labelW}" y="${top + 4}" width="${w.toFixed(1)}" height="14" rx="2" fill="${SEVERITY_COLOURS[s]}"/><text x="${labelW + w + 6}" y="${top + 15}" font-size="11" fill="#111827">${n}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${rows.length * rowH}" viewBox="0 0 ${width} ${rows.length * rowH}" role="img" aria-label="Open issues by severity">${bars}</svg>`;
}

/** Columns listed in `wrap` (URLs, texts) wrap; the others (dates, numbers, field names) stay on one line. */
function table(headers: string[], rows: string[][], empty: string, wrap: number[] = [0]): string {
  if (rows.length === 0) return `<p class="muted">${escapeHtml(empty)}</p>`;
  const cls = (i: number) => (wrap.includes(i) ? ' class="wrap"' : '');
  const head = headers.map((h, i) => `<th${cls(i)}>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${escapeHtml(c)}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function searchRows(rows: ReportSearchRow[]): string[][] {
  return rows.map((r) => [clip(r.key, 70), num(r.clicks), num(r.impressions), `${(r.ctr * 100).toFixed(1)}%`, r.position === null ? '—' : r.position.toFixed(1)]);
}

/** The report as one self-contained HTML page (inline CSS and SVG, logo as a data URL), printed to PDF by Chromium. */
export function renderReportHtml(data: ReportData): string {
  const openTotal = Object.values(data.openIssuesBySeverity).reduce((a, b) => a + b, 0);
  const logo = data.brand.logoDataUrl ? `<img class="logo" src="${escapeHtml(data.brand.logoDataUrl)}" alt="">` : '';
  const categories = Object.entries(data.openIssuesByCategory).sort((a, b) => b[1] - a[1]);
  const noSearch = 'No Search Console data for this period: connect Search Console on the site to see pages and queries.';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(`SEO report: ${data.site.name}`)}</title><style>
@page { size: A4; margin: 16mm 14mm; }
body { font-family: 'DejaVu Sans', Arial, sans-serif; color: #111827; font-size: 11px; margin: 0; }
header { display: flex; align-items: center; gap: 12px; border-bottom: 2px solid #4f46e5; padding-bottom: 10px; margin-bottom: 14px; }
header .logo { max-height: 44px; max-width: 160px; }
header .brand { font-size: 18px; font-weight: bold; color: #4f46e5; }
header .meta { margin-left: auto; text-align: right; color: #374151; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 14px; margin: 18px 0 6px; color: #1f2937; break-after: avoid; }
.cards { display: flex; gap: 10px; margin: 10px 0; } .card { flex: 1; border: 1px solid #e5e7eb; border-radius: 6px; padding: 8px 10px; }
.card .v { font-size: 20px; font-weight: bold; } .card .l { color: #6b7280; }
table { width: 100%; border-collapse: collapse; margin-top: 4px; } th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid #e5e7eb; vertical-align: top; white-space: nowrap; }
th.wrap, td.wrap { white-space: normal; overflow-wrap: anywhere; }
th { background: #f3f4f6; font-weight: 600; } tr { break-inside: avoid; } .muted { color: #6b7280; }
footer { margin-top: 18px; color: #6b7280; font-size: 9px; }
</style></head><body>
<header>${logo}<div class="brand">${escapeHtml(data.brand.name)}</div><div class="meta">SEO report<br>${escapeHtml(data.period.from)} – ${escapeHtml(data.period.to)}</div></header>
<h1>${escapeHtml(data.site.name)}</h1><div class="muted">${escapeHtml(data.site.url)}</div>
<div class="cards">
<div class="card"><div class="v">${data.healthScore ?? '—'}</div><div class="l">Health score</div></div>
<div class="card"><div class="v">${openTotal}</div><div class="l">Open issues</div></div>
<div class="card"><div class="v">${data.fixesApplied.length}</div><div class="l">Fixes applied</div></div>
<div class="card"><div class="v">${data.fixesRolledBack.length}</div><div class="l">Fixes rolled back</div></div>
</div>
<h2>Health score trend</h2>${healthTrendSvg(data.healthTrend)}
<h2>Open issues by severity</h2>${severityBarsSvg(data.openIssuesBySeverity)}
<h2>Open issues by category</h2>${table(['Category', 'Open issues'], categories.map(([c, n]) => [c, String(n)]), 'No open issues.')}
<h2>Fixes applied</h2>${table(['Page', 'Field', 'New value', 'Applied', 'Status'], data.fixesApplied.map((f) => [clip(f.pageUrl, 60), f.type, clip(f.afterValue), f.appliedAt?.slice(0, 10) ?? '', f.status]), 'No fix was applied in this period.', [0, 2])}
<h2>Fixes rolled back</h2>${table(['Page', 'Field', 'Restored value', 'Rolled back'], data.fixesRolledBack.map((f) => [clip(f.pageUrl, 60), f.type, clip(f.beforeValue), f.rolledBackAt?.slice(0, 10) ?? '']), 'No fix was rolled back in this period.', [0, 2])}
<h2>Measured impact of fixes</h2>${table(['Page', 'Field', 'Window', 'Clicks', 'CTR', 'Verdict'], data.impact.map((i) => [clip(i.pageUrl, 50), i.type + (i.rolledBack ? ' (rolled back)' : ''), i.windowDays ? `${i.windowDays} days` : '—', pct(i.clicksChangePct), i.ctrChangePoints === null ? '—' : `${i.ctrChangePoints > 0 ? '+' : ''}${i.ctrChangePoints.toFixed(2)} pt`, i.summary]), data.searchConsole ? 'No applied fix has a measurement yet.' : 'Impact is measured from Search Console data; connect Search Console to see it.', [0, 5])}
<h2>Top pages (Search Console)</h2>${data.searchConsole ? table(['Page', 'Clicks', 'Impressions', 'CTR', 'Position'], searchRows(data.topPages), 'No page had impressions in this period.') : `<p class="muted">${noSearch}</p>`}
<h2>Top queries (Search Console)</h2>${data.searchConsole ? table(['Query', 'Clicks', 'Impressions', 'CTR', 'Position'], searchRows(data.topQueries), 'No query had impressions in this period.') : `<p class="muted">${noSearch}</p>`}
<footer>Generated ${escapeHtml(data.generatedAt.slice(0, 16).replace('T', ' '))} UTC${data.brand.agency ? ` by ${escapeHtml(data.brand.name)}` : ' by Seology'}.</footer>
</body></html>`;
}

/** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; lines end with CRLF. */
export function toCsv(headers: string[], rows: (string | number | null)[][]): string {
  const field = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [headers, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

/** One CSV per section of the report, by file name. */
export function reportCsvFiles(data: ReportData): Record<string, string> {
  const search = (rows: ReportSearchRow[], key: string) => toCsv([key, 'clicks', 'impressions', 'ctr', 'position'], rows.map((r) => [r.key, r.clicks, r.impressions, Number(r.ctr.toFixed(4)), r.position === null ? null : Number(r.position.toFixed(2))]));
  const fixRow = (f: ReportFix) => [f.id, f.pageUrl, f.type, f.status, f.beforeValue, f.afterValue, f.appliedAt, f.rolledBackAt];
  const fixHeaders = ['fix_id', 'page_url', 'field', 'status', 'before', 'after', 'applied_at', 'rolled_back_at'];
  return {
    'health-trend.csv': toCsv(['date', 'health_score'], data.healthTrend.map((p) => [p.date, p.healthScore])),
    'issues-by-severity.csv': toCsv(['severity', 'open_issues'], SEVERITY_ORDER.map((s) => [s, data.openIssuesBySeverity[s] ?? 0])),
    'issues-by-category.csv': toCsv(['category', 'open_issues'], Object.entries(data.openIssuesByCategory).sort((a, b) => b[1] - a[1])),
    'fixes-applied.csv': toCsv(fixHeaders, data.fixesApplied.map(fixRow)),
    'fixes-rolled-back.csv': toCsv(fixHeaders, data.fixesRolledBack.map(fixRow)),
    'fix-impact.csv': toCsv(['fix_id', 'page_url', 'field', 'rolled_back', 'window_days', 'clicks_change_pct', 'ctr_change_points', 'confidence', 'summary', 'expected'], data.impact.map((i) => [i.fixId, i.pageUrl, i.type, String(i.rolledBack), i.windowDays, i.clicksChangePct, i.ctrChangePoints, i.confidence, i.summary, i.expected])),
    'top-pages.csv': search(data.topPages, 'page_url'),
    'top-queries.csv': search(data.topQueries, 'query'),
  };
}

/** The CSV pack: every section's CSV in one zip (fixed timestamps, so the same data gives the same bytes). */
export function reportCsvZip(data: ReportData): Buffer {
  const files: Zippable = {};
  for (const [name, csv] of Object.entries(reportCsvFiles(data))) files[name] = [strToU8(csv), { mtime: new Date('2020-01-01T00:00:00Z') }];
  return Buffer.from(zipSync(files));
}
