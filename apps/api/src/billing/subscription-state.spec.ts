import { planGranted, statusOfStripe } from './subscription-state';

describe('subscription state', () => {
  const now = new Date('2026-05-10T12:00:00Z');

  it.each([
    ['ACTIVE', null, 'PRO'],
    ['TRIALING', null, 'PRO'],
    ['PAST_DUE', new Date('2026-05-11T00:00:00Z'), 'PRO'],
    ['PAST_DUE', new Date('2026-05-10T12:00:00Z'), 'FREE'],
    ['PAST_DUE', null, 'PRO'],
    ['CANCELED', null, 'FREE'],
    ['UNPAID', null, 'FREE'],
    ['INCOMPLETE', null, 'FREE'],
    ['INCOMPLETE_EXPIRED', null, 'FREE'],
    ['PAUSED', null, 'FREE'],
  ] as const)('%s with grace until %s grants %s', (status, graceUntil, plan) => {
    expect(planGranted(status, 'PRO', graceUntil, now)).toBe(plan);
  });

  it('maps Stripe statuses, and unknown ones to INCOMPLETE', () => {
    expect(statusOfStripe('past_due')).toBe('PAST_DUE');
    expect(statusOfStripe('incomplete_expired')).toBe('INCOMPLETE_EXPIRED');
    expect(statusOfStripe('something_new')).toBe('INCOMPLETE');
  });
});
