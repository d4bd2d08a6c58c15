import type { Schemas } from '../../api/client';
import type { BadgeTone } from '../../components/Badge';

export type Site = Schemas['ConnectionDto'];
export type Platform = Site['platform'];
export type ExecutionMode = Site['executionMode'];
export type HealthStatus = Site['healthStatus'];

export const PLATFORM_LABELS: Record<Platform, string> = {
  WORDPRESS: 'WordPress',
  SHOPIFY: 'Shopify',
  CUSTOM: 'Any site (snippet)',
};

export const PLATFORM_OPTIONS: { value: Platform; label: string; description: string }[] = [
  {
    value: 'WORDPRESS',
    label: 'WordPress',
    description: 'Fixes are written through the WordPress REST API with an application password.',
  },
  {
    value: 'SHOPIFY',
    label: 'Shopify',
    description: 'Fixes are written through the Shopify Admin API with a custom app’s access token.',
  },
  {
    value: 'CUSTOM',
    label: 'Any other site',
    description: 'No credentials: you add one script tag to your pages and Seology applies fixes through it.',
  },
];

/** Plain-language meaning of each execution mode, shown wherever the mode is chosen. */
export const EXECUTION_MODE_OPTIONS: { value: ExecutionMode; label: string; description: string; badge?: string }[] = [
  {
    value: 'APPROVE',
    label: 'Approve each fix',
    badge: 'Recommended',
    description: 'Seology proposes fixes and nothing changes on your site until you approve each one.',
  },
  {
    value: 'PLAN',
    label: 'Review a plan',
    description: 'Seology gathers its fixes into a plan. You review the plan as a whole and apply it when you are ready.',
  },
  {
    value: 'AUTOMATIC',
    label: 'Fix automatically',
    description:
      'Seology applies fixes to your live site as soon as it finds them and checks that each change is visible. Every fix can be rolled back for 90 days.',
  },
];

export const EXECUTION_MODE_LABELS: Record<ExecutionMode, string> = {
  APPROVE: 'Approve each fix',
  PLAN: 'Review a plan',
  AUTOMATIC: 'Fix automatically',
};

export const HEALTH: Record<HealthStatus, { label: string; tone: BadgeTone }> = {
  healthy: { label: 'Healthy', tone: 'success' },
  warning: { label: 'Needs attention', tone: 'warning' },
  error: { label: 'Critical issues', tone: 'danger' },
  unknown: { label: 'Not crawled yet', tone: 'neutral' },
};

export function siteName(site: Pick<Site, 'displayName' | 'domain'>): string {
  return site.displayName?.trim() || site.domain;
}
