import { can, PERMISSIONS, SITE_ACTIONS, TEAM_ROLES } from './permissions';

describe('permission matrix', () => {
  it('gives the owner everything and each lower role a subset of the role above it', () => {
    expect([...PERMISSIONS.OWNER]).toEqual([...SITE_ACTIONS]);
    for (let i = 1; i < TEAM_ROLES.length; i++) {
      const higher = PERMISSIONS[TEAM_ROLES[i - 1]!];
      for (const action of PERMISSIONS[TEAM_ROLES[i]!]) expect(higher).toContain(action);
    }
  });

  it.each([
    ['VIEWER', 'site:read', true],
    ['VIEWER', 'fix:approve', false],
    ['VIEWER', 'issue:triage', false],
    ['MEMBER', 'fix:approve', true],
    ['MEMBER', 'members:manage', false],
    ['MEMBER', 'billing:manage', false],
    ['ADMIN', 'members:manage', true],
    ['ADMIN', 'billing:manage', true],
    ['ADMIN', 'ownership:transfer', false],
    ['OWNER', 'ownership:transfer', true],
  ] as const)('%s may %s: %s', (role, action, allowed) => {
    expect(can(role, action)).toBe(allowed);
  });
});
