/**
 * Every kind of notification, with the icon and colour the dashboard shows when the caller gives none.
 * Icons are lucide names; colours are the dashboard's palette names.
 */
export const NOTIFICATION_STYLES = {
  'crawl.completed': { icon: 'radar', color: 'blue' },
  'crawl.failed': { icon: 'alert-triangle', color: 'red' },
  'plan.awaiting_approval': { icon: 'clipboard-check', color: 'amber' },
  'plan.completed': { icon: 'list-checks', color: 'green' },
  'fix.applied': { icon: 'check-circle', color: 'green' },
  'fix.failed': { icon: 'x-circle', color: 'red' },
  'fix.rolled_back': { icon: 'rotate-ccw', color: 'slate' },
  'fix.revert_pending': { icon: 'alert-triangle', color: 'amber' },
  'quota.warning': { icon: 'gauge', color: 'amber' },
  'quota.exceeded': { icon: 'gauge', color: 'red' },
  'payment.failed': { icon: 'credit-card', color: 'red' },
  'invitation.received': { icon: 'user-plus', color: 'violet' },
  'webhook.disabled': { icon: 'webhook', color: 'red' },
  system: { icon: 'info', color: 'slate' },
} as const satisfies Record<string, { icon: string; color: string }>;

export type NotificationType = keyof typeof NOTIFICATION_STYLES;
export const NOTIFICATION_TYPES = Object.keys(NOTIFICATION_STYLES) as NotificationType[];
