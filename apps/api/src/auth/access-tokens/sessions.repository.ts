import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../prisma/prisma.service';

/** The database side of session checks: Redis caches these answers, the rows stay the truth. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** null when the user no longer exists. */
  async sessionVersionOf(userId: string): Promise<number | null> {
    const user = await this.prisma.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
    return user?.sessionVersion ?? null;
  }

  async raiseSessionVersion(userId: string): Promise<number> {
    const rows = await this.prisma.$queryRaw<{ sessionVersion: number }[]>`
      UPDATE "User" SET "sessionVersion" = "sessionVersion" + 1 WHERE "id" = ${userId} RETURNING "sessionVersion"`;
    return rows[0]?.sessionVersion ?? 0;
  }

  /**
   * A family was revoked when one of its tokens was revoked without being replaced: rotation always
   * sets replacedById, sign-out and reuse detection never do.
   */
  async isFamilyRevoked(familyId: string): Promise<boolean> {
    const revoked = await this.prisma.refreshToken.findFirst({ where: { familyId, revokedAt: { not: null }, replacedById: null }, select: { id: true } });
    return revoked !== null;
  }
}
