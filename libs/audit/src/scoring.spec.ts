import { CHECKS, getCheck } from './catalogue';
import { SiteAudit } from './site-audit';
import { computeHealthScore, impactScore, impactScoreOf } from './scoring';

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

  it('computes the documented health formula', () => {
    const http5xx = impactScore('http-5xx') / 100;
    const titleLong = impactScore('title-too-long') / 100;
    const llms = impactScore('llms-txt-missing') / 100;
    const expected = Math.round(100 * (1 - http5xx * (10 / 200)) * (1 - titleLong * 0.5) * (1 - llms));
    const input = { pagesAudited: 200, pagesAffectedByCheck: { 'http-5xx': 10, 'title-too-long': 100, 'llms-txt-missing': 1 } };
    expect(computeHealthScore(input)).toBe(expected);
    expect(SiteAudit.healthScore(input)).toBe(expected);
  });

  it('is 100 without findings, 0 when every page has a critical weight-10 problem, and ignores INFO', () => {
    expect(computeHealthScore({ pagesAudited: 10, pagesAffectedByCheck: {} })).toBe(100);
    expect(computeHealthScore({ pagesAudited: 10, pagesAffectedByCheck: { 'robots-txt-blocks-site': 1 } })).toBe(0);
    expect(computeHealthScore({ pagesAudited: 10, pagesAffectedByCheck: { 'h1-same-as-title': 10 } })).toBe(100);
  });

  it('decreases monotonically with reach', () => {
    let previous = 101;
    for (let affected = 0; affected <= 50; affected += 10) {
      const score = computeHealthScore({ pagesAudited: 50, pagesAffectedByCheck: { 'http-4xx': affected } });
      expect(score).toBeLessThan(previous);
      previous = score;
    }
  });
});
