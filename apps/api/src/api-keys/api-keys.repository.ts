import { Injectable } from '@nestjs/common';
import type { ApiKey, User } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';

@Injectable()
export class ApiKeysRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: { userId: string; name: string; prefix: string; keyHash: string; scopes: string[]; expiresAt: Date | null }): Promise<ApiKey> {
    return this.prisma.apiKey.create({ data });
  }

  listOfUser(userId: string): Promise<ApiKey[]> {
    return this.prisma.apiKey.findMany({ where: { userId }, orderBy: { createdAt: 'desc' } });
  }

  findByHashWithUser(keyHash: string): Promise<(ApiKey & { user: User }) | null> {
    return this.prisma.apiKey.findUnique({ where: { keyHash }, include: { user: true } });
  }

  async revokeOfUser(id: string, userId: string): Promise<ApiKey | null> {
    const { count } = await this.prisma.apiKey.updateMany({ where: { id, userId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 0) return this.prisma.apiKey.findFirst({ where: { id, userId } });
    return this.prisma.apiKey.findUnique({ where: { id } });
  }

  async touch(id: string, before: Date): Promise<void> {
    await this.prisma.apiKey.updateMany({ where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: before } }] }, data: { lastUsedAt: new Date() } });
  }
}
