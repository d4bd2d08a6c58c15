import { severityClassCounts } from './severity-classes';

describe('severityClassCounts', () => {
  it('folds critical and high into errors, medium into warnings, low and info into notices', () => {
    expect(severityClassCounts({ CRITICAL: 2, HIGH: 3, MEDIUM: 4, LOW: 5, INFO: 6 })).toEqual({ errors: 5, warnings: 4, notices: 11 });
  });
  it('counts a missing severity as none', () => {
    expect(severityClassCounts({ MEDIUM: 1 })).toEqual({ errors: 0, warnings: 1, notices: 0 });
  });
});
