/**
 * The dashboard reads the same permission matrix the API enforces (libs/contracts), so a control is
 * hidden or disabled exactly when the server would refuse it.
 */
import { can, TEAM_ROLES, type SiteAction, type TeamRoleName } from '@seology/contracts';

export { can, TEAM_ROLES, type SiteAction, type TeamRoleName };

export const ROLE_LABELS: Record<TeamRoleName, string> = {
  OWNER: 'Owner',
  ADMIN: 'Admin',
  MEMBER: 'Member',
  VIEWER: 'Viewer',
};

export const ROLE_DESCRIPTIONS: Record<TeamRoleName, string> = {
  OWNER: 'Everything, including billing and handing the team over.',
  ADMIN: 'Manages sites, members and billing; approves fixes.',
  MEMBER: 'Runs crawls, triages issues and approves fixes.',
  VIEWER: 'Sees sites, issues and reports, and changes nothing.',
};

/** Roles an invitation or a role change can give; ownership moves only by transfer. */
export const ASSIGNABLE_ROLES = ['ADMIN', 'MEMBER', 'VIEWER'] as const satisfies readonly TeamRoleName[];
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

/** Whether the caller may do `action` on a site, from the role the API reports for them on it. */
export function canOnSite(site: { role?: TeamRoleName } | undefined | null, action: SiteAction): boolean {
  // No role known means no right: a control stays hidden rather than offering what the API may refuse.
  return site?.role ? can(site.role, action) : false;
}
