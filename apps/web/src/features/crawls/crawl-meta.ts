import type { BadgeTone } from '../../components/Badge';
import type { Crawl } from './api';

export const CRAWL_STATUS: Record<Crawl['status'], { label: string; tone: BadgeTone }> = {
  QUEUED: { label: 'Queued', tone: 'neutral' },
  RUNNING: { label: 'Running', tone: 'info' },
  COMPLETED: { label: 'Completed', tone: 'success' },
  FAILED: { label: 'Failed', tone: 'danger' },
  CANCELLED: { label: 'Cancelled', tone: 'neutral' },
};

/**
 * What the crawl did about JavaScript rendering, from its stats (`render.summary`, written by the
 * crawl job): e.g. "Rendering switched on: 8 of 10 sample pages show links only after JavaScript."
 */
export function renderNoteOf(stats: unknown): string | null {
  if (typeof stats !== 'object' || stats === null || !('render' in stats)) return null;
  const render: unknown = stats.render;
  if (typeof render !== 'object' || render === null || !('summary' in render)) return null;
  return typeof render.summary === 'string' && render.summary.length > 0 ? render.summary : null;
}
