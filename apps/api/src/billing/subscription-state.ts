import type { Plan, SubscriptionStatus } from '@prisma/client';

const STATUS_OF: Record<string, SubscriptionStatus> = {
  trialing: 'TRIALING',
  active: 'ACTIVE',
  past_due: 'PAST_DUE',
  canceled: 'CANCELED',
  unpaid: 'UNPAID',
  incomplete: 'INCOMPLETE',
  incomplete_expired: 'INCOMPLETE_EXPIRED',
  paused: 'PAUSED',
};

/** Stripe's status string → ours; a status Stripe adds later counts as INCOMPLETE (no paid limits) until mapped. */
export function statusOfStripe(status: string): SubscriptionStatus {
  return STATUS_OF[status] ?? 'INCOMPLETE';
}

/** The plan whose limits a subscription in this state grants. */
export function planGranted(status: SubscriptionStatus, plan: Plan, graceUntil: Date | null, now: Date): Plan {
  switch (status) {
    case 'ACTIVE':
    case 'TRIALING':
      return plan;
    case 'PAST_DUE':
      return graceUntil && graceUntil <= now ? 'FREE' : plan;
    case 'CANCELED':
    case 'UNPAID':
    case 'INCOMPLETE':
    case 'INCOMPLETE_EXPIRED':
    case 'PAUSED':
      return 'FREE';
  }
}
