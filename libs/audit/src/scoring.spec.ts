import { CHECKS, getCheck } from './catalogue';
import { SiteAudit } from './site-audit';
import { SCORE_POINTS, SEVERITY_CAP, causeKnee, computeHealthScore, healthBreakdown, impactScore, impactScoreOf, scoreGainOf, scorePointsOf } from './scoring';
import { ORIGIN, bareFetch, cleanPageSpecs, cleanSite, runScenario } from './testing/fixtures/site-builder';

const allPages = (change: object): Record<string, object> => Object.fromEntries(cleanPageSpecs().map((s) => [s.path, change]));

describe('scoring', () => {
  it('derives the impact score from severity and weight', () => {
    expect(impactScoreOf({ severity: 'CRITICAL', weight: 10 })).toBe(100);
    expect(impactScoreOf({ severity: 'HIGH', weight: 8 })).toBe(56);
    expect(impactScoreOf({ severity: 'MEDIUM', weight: 5 })).toBe(20);
    expect(impactScoreOf({ severity: 'LOW', weight: 3 })).toBe(6);
    expect(impactScoreOf({ severity: 'INFO', weight: 9 })).toBe(0);
    expect(impactScore('http-5xx')).toBe(impactScoreOf(getCheck('http-5xx')!));
    expect(impactScore('no-such-check')).toBe(0);
    for (const check of CHECKS) {
      expect(impactScore(check.id)).toBeGreaterThanOrEqual(0);
      expect(impactScore(check.id)).toBeLessThanOrEqual(100);
    }
  });

  it('computes the documented health formula: 100 minus points per check, capped per severity', () => {
    const http5xx = scorePointsOf(getCheck('http-5xx')!);
    const titleLong = scorePointsOf(getCheck('title-too-long')!);
    const llms = scorePointsOf(getCheck('llms-txt-missing')!);
    const expected = Math.round(100 - http5xx * (10 / 200) - Math.min(SEVERITY_CAP.LOW, titleLong * 0.5 + llms));
    const input = { pagesAudited: 200, pagesAffectedByCheck: { 'http-5xx': 10, 'title-too-long': 100, 'llms-txt-missing': 1 } };
    expect(computeHealthScore(input)).toBe(expected);
    expect(SiteAudit.healthScore(input)).toBe(expected);
    expect(healthBreakdown(input).lostByCheck['http-5xx']).toBeCloseTo((SCORE_POINTS.CRITICAL * 9) / 10 / 20);
  });

  it('caps each severity: twenty cosmetic checks on every page cost no more than the LOW cap', () => {
    const low = CHECKS.filter((c) => c.severity === 'LOW' && c.affects !== 'site').slice(0, 20);
    const affected = Object.fromEntries(low.map((c) => [c.id, 50]));
    expect(computeHealthScore({ pagesAudited: 50, pagesAffectedByCheck: affected })).toBe(100 - SEVERITY_CAP.LOW);
  });

  it('is 100 without findings, 0 when every page has a critical weight-10 problem or no page answered, and ignores INFO', () => {
    expect(computeHealthScore({ pagesAudited: 10, pagesAffectedByCheck: {} })).toBe(100);
    expect(computeHealthScore({ pagesAudited: 10, pagesAffectedByCheck: { 'robots-txt-blocks-site': 1 } })).toBe(0);
    expect(computeHealthScore({ pagesAudited: 10, pagesAffectedByCheck: { 'h1-same-as-title': 10 } })).toBe(100);
    expect(computeHealthScore({ pagesAudited: 10, pagesAffectedByCheck: {}, pagesOk: 0 })).toBe(0);
    expect(computeHealthScore({ pagesAudited: 0, pagesAffectedByCheck: {} })).toBe(0);
  });

  it('decreases monotonically with reach, by the same step for each page', () => {
    const scores = [0, 10, 20, 30, 40, 50].map((affected) => healthBreakdown({ pagesAudited: 50, pagesAffectedByCheck: { 'http-4xx': affected } }));
    const lost = scores.map((b) => b.lostBySeverity.HIGH);
    for (let i = 1; i < lost.length; i++) expect((lost[i] ?? 0) - (lost[i - 1] ?? 0)).toBeCloseTo(lost[1] ?? 0);
    for (let i = 1; i < scores.length; i++) expect(scores[i]?.score).toBeLessThan(scores[i - 1]?.score ?? NaN);
  });
});

describe('health score calibrated on fixture sites', () => {
  it('a clean site scores 100', () => {
    expect(runScenario(cleanSite()).healthScore).toBe(100);
  });

  it('a clean site with one broken link scores at least 90', () => {
    const r = runScenario(cleanSite({ modify: { '/blog/first-post': { extraMain: '<p>See <a href="/blog/old-post">the old post</a>.</p>' } }, extraPages: [bareFetch('/blog/old-post', { status: 404, depth: 2, inSitemap: false })] }));
    expect(r.countsByCheck['broken-internal-link']).toBe(1);
    expect(r.healthScore).toBeGreaterThanOrEqual(90);
    expect(r.healthScore).toBeLessThan(100);
  });

  it('a cause on every page (a template) counts once: a site where every page misses its description loses a bounded share', () => {
    const r = runScenario(cleanSite({ modify: allPages({ description: null }) }));
    const pages = cleanPageSpecs().length;
    expect(r.countsByCheck['meta-description-missing']).toBe(pages);
    const points = scorePointsOf(getCheck('meta-description-missing')!);
    // 3 pages count in full, the other 3 a tenth each: 3.3 of 6 pages.
    expect(r.healthScore).toBe(Math.round(100 - (points * (3 + 0.1 * (pages - 3))) / pages));
    expect(r.healthScore).toBeLessThan(100);
  });

  it('on a large site a template-wide cause costs 19% of its check, a cause page by page its full reach', () => {
    const check = getCheck('meta-description-missing')!;
    const oneCause = healthBreakdown({ pagesAudited: 1000, pagesAffectedByCheck: { [check.id]: 1000 }, widespreadCauses: [{ checkId: check.id, pages: 1000 }] });
    expect(oneCause.lostByCheck[check.id]).toBeCloseTo(scorePointsOf(check) * 0.19);
    const pageByPage = healthBreakdown({ pagesAudited: 1000, pagesAffectedByCheck: { [check.id]: 1000 } });
    expect(pageByPage.lostByCheck[check.id]).toBeCloseTo(scorePointsOf(check));
  });

  it('is continuous and monotone in the pages of a cause: each page fixed gives back its share, a tenth of it above the knee', () => {
    const check = getCheck('meta-description-missing')!;
    const lost = (pages: number) =>
      healthBreakdown({ pagesAudited: 1000, pagesAffectedByCheck: pages > 0 ? { [check.id]: pages } : {}, widespreadCauses: pages > causeKnee(1000) ? [{ checkId: check.id, pages }] : [] }).lostByCheck[check.id] ?? 0;
    const perPage = scorePointsOf(check) / 1000;
    for (let pages = 1; pages <= 1000; pages++) {
      const step = lost(pages) - lost(pages - 1);
      expect(step).toBeCloseTo(pages <= causeKnee(1000) ? perPage : perPage * 0.1);
    }
  });
  it('a site that is down scores 0', () => {
    const down = cleanPageSpecs().map((s) => bareFetch(s.path, { status: 503 }));
    expect(runScenario({ pages: down }).healthScore).toBe(0);
    const unreachable = cleanPageSpecs().map((s) => bareFetch(s.path, { status: 0, error: 'ECONNREFUSED' }));
    expect(runScenario({ pages: unreachable }).healthScore).toBe(0);
  });

  it('gives back points in proportion to the pages fixed (causes that differ page by page)', () => {
    const paths = cleanPageSpecs().map((s) => s.path);
    // Each page has its own image without alt: one cause per page, each counted in full.
    const missingOn = (n: number) =>
      runScenario(cleanSite({ modify: Object.fromEntries(paths.slice(0, n).map((p, i) => [p, { extraMain: `<img src="/img/unlabelled-${i}.jpg" width="10" height="10">` }])) }));
    const all = missingOn(paths.length);
    expect(all.countsByCheck['image-alt-missing']).toBe(paths.length);
    const half = missingOn(paths.length / 2).healthScore;
    const none = missingOn(0).healthScore;
    expect(none).toBe(100);
    expect(all.healthScore).toBeLessThan(half);
    // Fixing half the pages gives back half the points (within rounding).
    expect(Math.abs(half - all.healthScore - (none - all.healthScore) / 2)).toBeLessThanOrEqual(1);
  });

  it('promises what the fixes give back: the expected gain of fixing pages is the move a re-crawl of the fixed site shows', () => {
    const paths = cleanPageSpecs().map((s) => s.path);
    // Page-by-page causes (each page its own unlabelled image) and a template cause (every page without a description).
    const site = (withAlt: string[], withDescription: string[]) => runScenario(cleanSite({
      modify: Object.fromEntries(paths.map((p, i) => [p, {
        ...(withAlt.includes(p) ? {} : { extraMain: `<img src="/img/unlabelled-${i}.jpg" width="10" height="10">` }),
        ...(withDescription.includes(p) ? {} : { description: null }),
      }])),
    }));
    const before = site([], []);
    const input = before.healthInput;
    const fix = (checkId: string, pages: string[]) => pages.map((p) => ({ checkId, pageUrl: `${ORIGIN}${p}` }));
    for (const [alt, description] of [[paths.slice(0, 2), []], [[], paths.slice(0, 2)], [paths.slice(0, 3), paths.slice(0, 4)], [paths, paths]] as [string[], string[]][]) {
      const promised = scoreGainOf(input, [...fix('image-alt-missing', alt), ...fix('meta-description-missing', description)]);
      const after = site(alt, description);
      expect(promised).toBe(after.healthScore - before.healthScore);
    }
    // Fixing everything gives back everything; fixing nothing, nothing.
    expect(before.healthScore + scoreGainOf(input, [...fix('image-alt-missing', paths), ...fix('meta-description-missing', paths)])).toBe(100);
    expect(scoreGainOf(input, [])).toBe(0);
  });
});
