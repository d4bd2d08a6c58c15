import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';

/** CSRF tokens of browser sessions, stored as SHA-256 hashes and bound to their user. */
@Injectable()
export class CsrfTokensRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Stores a new token and drops the user's expired ones, so abandoned sessions leave nothing behind. */
  async create(data: { userId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.cSRFToken.deleteMany({ where: { userId: data.userId, expiresAt: { lte: new Date() } } }),
      this.prisma.cSRFToken.create({ data }),
    ]);
  }

  /** True when the token was issued to this user and has not expired. */
  async isValid(tokenHash: string, userId: string): Promise<boolean> {
    const count = await this.prisma.cSRFToken.count({ where: { tokenHash, userId, expiresAt: { gt: new Date() } } });
    return count === 1;
  }

  async deleteByHash(tokenHash: string): Promise<void> {
    await this.prisma.cSRFToken.deleteMany({ where: { tokenHash } });
  }

  async deleteAllOfUser(userId: string): Promise<void> {
    await this.prisma.cSRFToken.deleteMany({ where: { userId } });
  }
}
