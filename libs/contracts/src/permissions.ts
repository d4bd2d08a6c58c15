/**
 * The one permission matrix: what each team role may do on a team's sites. The owner of a personal
 * (non-team) site may do everything. Enforced server-side by ConnectionsService.getAccessible; the
 * dashboard reads the same table to hide what a role cannot do.
 */
export const TEAM_ROLES = ['OWNER', 'ADMIN', 'MEMBER', 'VIEWER'] as const;
export type TeamRoleName = (typeof TEAM_ROLES)[number];

export const SITE_ACTIONS = [
  'site:read',
  'site:manage',
  'crawl:run',
  'issue:triage',
  'fix:approve',
  'members:manage',
  'billing:manage',
  'audit:read',
  'ownership:transfer',
] as const;
export type SiteAction = (typeof SITE_ACTIONS)[number];

export const PERMISSIONS: Record<TeamRoleName, readonly SiteAction[]> = {
  OWNER: SITE_ACTIONS,
  ADMIN: ['site:read', 'site:manage', 'crawl:run', 'issue:triage', 'fix:approve', 'members:manage', 'billing:manage', 'audit:read'],
  MEMBER: ['site:read', 'crawl:run', 'issue:triage', 'fix:approve'],
  VIEWER: ['site:read'],
};

export function can(role: TeamRoleName, action: SiteAction): boolean {
  return PERMISSIONS[role].includes(action);
}
