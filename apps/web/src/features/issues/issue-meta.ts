import type { BadgeTone } from '../../components/Badge';
import type { IssueStatus, Severity } from './api';

export const SEVERITY_TONE: Record<Severity, BadgeTone> = { CRITICAL: 'danger', HIGH: 'danger', MEDIUM: 'warning', LOW: 'info', INFO: 'neutral' };
export const SEVERITY_LABEL: Record<Severity, string> = { CRITICAL: 'Critical', HIGH: 'High', MEDIUM: 'Medium', LOW: 'Low', INFO: 'Info' };
export const STATUS_META: Record<IssueStatus, { label: string; tone: BadgeTone }> = {
  OPEN: { label: 'Open', tone: 'warning' },
  FIXING: { label: 'Being fixed', tone: 'info' },
  FIXED: { label: 'Fixed', tone: 'success' },
  RESOLVED: { label: 'Resolved', tone: 'success' },
  IGNORED: { label: 'Ignored', tone: 'neutral' },
};
export const SEVERITIES = Object.keys(SEVERITY_LABEL) as Severity[];
export const STATUSES = Object.keys(STATUS_META) as IssueStatus[];

/** The path of a page URL, which is what people recognise in a long list of the same site's pages. */
export function pagePath(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}` || '/';
  } catch {
    return url;
  }
}
