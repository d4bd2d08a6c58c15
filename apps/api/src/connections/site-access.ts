import type { Prisma } from '@prisma/client';

/**
 * The one tenancy rule for sites: a user reaches a site they created or one of a team they belong to.
 * Every repository that reads site-owned rows puts this in its `where`, so another tenant's id finds nothing.
 */
export function siteAccessibleBy(userId: string): Prisma.ConnectionWhereInput {
  return { OR: [{ userId }, { team: { members: { some: { userId } } } }] };
}
