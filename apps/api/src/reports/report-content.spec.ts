import { unzipSync, strFromU8 } from 'fflate';
import { healthTrendSvg, renderReportHtml, reportCsvFiles, reportCsvZip, toCsv, type ReportData } from './report-content';

export function sampleReportData(overrides: Partial<ReportData> = {}): ReportData {
  return {
    site: { name: 'Bakery <Demo>', url: 'https://bakery.example/' },
    period: { from: '2026-11-01', to: '2026-11-30' },
    generatedAt: '2026-12-01T06:00:00.000Z',
    brand: { name: 'Seology', logoDataUrl: null, agency: false },
    healthScore: 72,
    healthTrend: [
      { date: '2026-11-01', healthScore: 60 },
      { date: '2026-11-15', healthScore: 66 },
      { date: '2026-11-30', healthScore: 72 },
    ],
    openIssuesBySeverity: { HIGH: 3, LOW: 5 },
    openIssuesByCategory: { content: 4, images: 4 },
    fixesApplied: [{ id: 'f1', pageUrl: 'https://bakery.example/bread', type: 'metaDescription', status: 'APPLIED', beforeValue: null, afterValue: 'Fresh "sourdough", baked daily', appliedAt: '2026-11-10T10:00:00.000Z', rolledBackAt: null }],
    fixesRolledBack: [],
    impact: [{ fixId: 'f1', pageUrl: 'https://bakery.example/bread', type: 'metaDescription', rolledBack: false, expected: 'CTR up', confidence: 'likely', summary: '+12% clicks over 28 days, likely due to the fix', windowDays: 28, clicksChangePct: 12, ctrChangePoints: 0.8 }],
    searchConsole: true,
    topPages: [{ key: 'https://bakery.example/bread', clicks: 120, impressions: 4000, ctr: 0.03, position: 4.2 }],
    topQueries: [{ key: 'sourdough, near me', clicks: 40, impressions: 900, ctr: 40 / 900, position: 6.1 }],
    ...overrides,
  };
}

describe('report content', () => {
  it('quotes CSV fields that need it (RFC 4180)', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], [null, 3]])).toBe('a,b\r\n"x,y","say ""hi"""\r\n,3\r\n');
  });

  it('renders every section, escapes what the site controls, and names the brand', () => {
    const html = renderReportHtml(sampleReportData());
    expect(html).toContain('Bakery &lt;Demo&gt;');
    expect(html).not.toContain('Bakery <Demo>');
    for (const heading of ['Health score trend', 'Open issues by severity', 'Open issues by category', 'Fixes applied', 'Fixes rolled back', 'Measured impact of fixes', 'Top pages', 'Top queries']) {
      expect(html).toContain(heading);
    }
    expect(html).toContain('+12% clicks over 28 days, likely due to the fix');
    expect(html).toContain('<polyline');
    expect(html).toContain('by Seology');
  });

  it("puts the agency's name and logo in place of Seology's", () => {
    const html = renderReportHtml(sampleReportData({ brand: { name: 'Northwind Digital', logoDataUrl: 'data:image/png;base64,AAAA', agency: true } }));
    expect(html).toContain('Northwind Digital');
    expect(html).toContain('<img class="logo" src="data:image/png;base64,AAAA"');
    expect(html).not.toContain('Seology');
  });

  it('says why pages and queries are missing without Search Console', () => {
    const html = renderReportHtml(sampleReportData({ searchConsole: false, topPages: [], topQueries: [], impact: [] }));
    expect(html).toContain('connect Search Console');
  });

  it('draws the health score on a 0-100 scale and says when there is no series', () => {
    const svg = healthTrendSvg([{ date: '2026-11-01', healthScore: 0 }, { date: '2026-11-02', healthScore: 100 }], 640, 180);
    expect(svg).toContain('points="34.0,158.0 630.0,10.0"');
    expect(healthTrendSvg([])).toContain('No health score was recorded');
  });

  it('packs one CSV per section into a zip, byte-identical for the same data', () => {
    const data = sampleReportData();
    const zip = reportCsvZip(data);
    expect(reportCsvZip(data).equals(zip)).toBe(true);
    const files = unzipSync(new Uint8Array(zip));
    expect(Object.keys(files).sort()).toEqual(Object.keys(reportCsvFiles(data)).sort());
    expect(strFromU8(files['issues-by-severity.csv']!)).toBe('severity,open_issues\r\nCRITICAL,0\r\nHIGH,3\r\nMEDIUM,0\r\nLOW,5\r\nINFO,0\r\n');
    expect(strFromU8(files['top-queries.csv']!)).toContain('"sourdough, near me",40,900,0.0444,6.1');
    expect(strFromU8(files['fix-impact.csv']!)).toContain('f1,https://bakery.example/bread,metaDescription,false,28,12,0.8,likely');
  });
});
