import { trafficWeightedImpact } from './traffic-priority';

describe('trafficWeightedImpact', () => {
  it('ranks the same issue higher on a page with 10,000 impressions than on one with none', () => {
    expect(trafficWeightedImpact(50, 10_000, 0)).toBe(50);
    expect(trafficWeightedImpact(50, 0, 0)).toBe(20);
    expect(trafficWeightedImpact(50, 100, 0)).toBeGreaterThan(20);
    expect(trafficWeightedImpact(50, 100, 0)).toBeLessThan(50);
  });

  it('counts clicks more than impressions and never exceeds the check score', () => {
    expect(trafficWeightedImpact(50, 100, 10)).toBeGreaterThan(trafficWeightedImpact(50, 110, 0));
    expect(trafficWeightedImpact(50, 10_000_000, 50_000)).toBe(50);
  });

  it('keeps a severe issue on an unseen page above a trivial one on a popular page', () => {
    expect(trafficWeightedImpact(90, 0, 0)).toBeGreaterThan(trafficWeightedImpact(30, 10_000, 500));
  });
});
