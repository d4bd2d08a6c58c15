import { Injectable } from '@nestjs/common';
import type { User } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';

@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  findByEmail(email: string): Promise<User | null> {
    return this.prisma.user.findUnique({ where: { email } });
  }

  findById(id: string): Promise<User | null> {
    return this.prisma.user.findUnique({ where: { id } });
  }

  create(data: { email: string; passwordHash: string; name?: string }): Promise<User> {
    return this.prisma.user.create({ data });
  }

  /** updateMany so that a user deleted meanwhile is a count of 0, not an exception. */
  async saveOnboarding(id: string, data: { onboardingStep: number; onboardingCompleted?: boolean }): Promise<User | null> {
    const { count } = await this.prisma.user.updateMany({ where: { id }, data });
    return count === 0 ? null : this.findById(id);
  }

  async update(id: string, data: { name?: string | null; passwordHash?: string }): Promise<User | null> {
    const { count } = await this.prisma.user.updateMany({ where: { id }, data });
    return count === 0 ? null : this.findById(id);
  }

  recordLogin(id: string): Promise<User> {
    return this.prisma.user.update({ where: { id }, data: { lastLoginAt: new Date() } });
  }
}
