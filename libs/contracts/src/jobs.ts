/**
 * Job types, the queue each one runs on, and its payload. Shared by the API (which enqueues)
 * and the worker (which runs them), so a payload can never drift between the two.
 */
export const JOB_TYPES = [
  'CRAWL_SITE',
  'ANALYZE_SITE',
  'APPLY_FIX',
  'APPLY_PLAN',
  'ROLLBACK_FIX',
  'CLEANUP_ROLLBACKS',
  'RESET_USAGE',
  'SYNC_METRICS',
  'GENERATE_REPORT',
  'DELIVER_WEBHOOK',
  'SEND_EMAIL',
  'SEND_SCHEDULED_REPORTS',
  'PURGE_COMPLETED_JOBS',
  'PURGE_OLD_METRICS',
  'PURGE_EXPIRED_REPORTS',
] as const;
export type JobTypeName = (typeof JOB_TYPES)[number];

export const JOB_STATUSES = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'RETRYING'] as const;
export type JobStatusName = (typeof JOB_STATUSES)[number];

/** Queues split work by how it should be scaled: crawls are long and CPU-bound, fixes touch customer sites. */
export const QUEUES = ['crawl', 'fixes', 'maintenance', 'delivery'] as const;
export type QueueName = (typeof QUEUES)[number];

export const QUEUE_OF: Record<JobTypeName, QueueName> = {
  CRAWL_SITE: 'crawl',
  ANALYZE_SITE: 'crawl',
  APPLY_FIX: 'fixes',
  APPLY_PLAN: 'fixes',
  ROLLBACK_FIX: 'fixes',
  CLEANUP_ROLLBACKS: 'maintenance',
  RESET_USAGE: 'maintenance',
  SYNC_METRICS: 'maintenance',
  GENERATE_REPORT: 'maintenance',
  DELIVER_WEBHOOK: 'delivery',
  SEND_EMAIL: 'delivery',
  SEND_SCHEDULED_REPORTS: 'maintenance',
  PURGE_COMPLETED_JOBS: 'maintenance',
  PURGE_OLD_METRICS: 'maintenance',
  PURGE_EXPIRED_REPORTS: 'maintenance',
};

export interface JobPayloads {
  CRAWL_SITE: { connectionId: string; crawlId: string };
  ANALYZE_SITE: { connectionId: string; crawlId?: string };
  APPLY_FIX: { fixId: string };
  APPLY_PLAN: { planId: string };
  /**
   * `automatic`: a retry of the revert of a REVERT_PENDING fix, scheduled by the previous one.
   * `from`: the state a person rolled the fix back from (absent: APPLIED); a rollback that does not happen returns there.
   */
  ROLLBACK_FIX: { fixId: string; force?: boolean; automatic?: boolean; from?: 'APPLIED' | 'FAILED' | 'REVERT_PENDING' };
  CLEANUP_ROLLBACKS: Record<string, never>;
  RESET_USAGE: { year?: number; month?: number };
  SYNC_METRICS: { connectionId?: string };
  /** Renders the PDF and CSV pack of `reportId` (a Report row made by the API or the schedule); emails it to `emailTo` when given. */
  GENERATE_REPORT: { connectionId: string; reportId: string; emailTo?: string[] };
  /** Finds the report schedules that are due and enqueues one GENERATE_REPORT each. */
  SEND_SCHEDULED_REPORTS: Record<string, never>;
  PURGE_COMPLETED_JOBS: Record<string, never>;
  PURGE_OLD_METRICS: Record<string, never>;
  PURGE_EXPIRED_REPORTS: Record<string, never>;
  DELIVER_WEBHOOK: { deliveryId: string };
  SEND_EMAIL: { to: string; subject: string; text: string; html?: string };
}

export function isJobType(value: string): value is JobTypeName {
  return (JOB_TYPES as readonly string[]).includes(value);
}
