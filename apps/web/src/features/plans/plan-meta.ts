import type { BadgeTone } from '../../components/Badge';
import type { Plan } from './api';

export const PLAN_STATUS: Record<Plan['status'], { label: string; tone: BadgeTone }> = {
  PENDING: { label: 'Awaiting your decision', tone: 'warning' },
  APPROVED: { label: 'Approved, starting', tone: 'info' },
  REJECTED: { label: 'Rejected', tone: 'neutral' },
  EXECUTING: { label: 'Applying fixes…', tone: 'info' },
  COMPLETED: { label: 'Completed', tone: 'success' },
  FAILED: { label: 'Finished with failures', tone: 'danger' },
};
