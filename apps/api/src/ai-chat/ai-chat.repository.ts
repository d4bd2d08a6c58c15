import { Injectable } from '@nestjs/common';
import type { AIConversation, Prisma } from '@prisma/client';
import { siteAccessibleBy } from '../connections/site-access';
import { PrismaService } from '../prisma/prisma.service';

/** One stored turn of `AIConversation.messages` (a JSON array, oldest first). */
export interface StoredMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  createdAt: string;
  error?: string;
}

export type ConversationSummary = Omit<AIConversation, 'messages'>;

const SUMMARY = { id: true, userId: true, connectionId: true, title: true, model: true, inputTokens: true, outputTokens: true, createdAt: true, updatedAt: true } as const;

/**
 * Conversations belong to the user who started them, on a site they can still reach: both are part
 * of every `where`, so another user's conversation id finds nothing.
 */
@Injectable()
export class AiChatRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(userId: string, connectionId: string, title: string): Promise<AIConversation> {
    return this.prisma.aIConversation.create({ data: { userId, connectionId, title } });
  }

  findPageForUser(userId: string, connectionId: string, skip: number, take: number): Promise<[ConversationSummary[], number]> {
    const where: Prisma.AIConversationWhereInput = { userId, connectionId };
    return this.prisma.$transaction([
      this.prisma.aIConversation.findMany({ where, select: SUMMARY, orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }], skip, take }),
      this.prisma.aIConversation.count({ where }),
    ]);
  }

  findById(id: string): Promise<AIConversation | null> {
    return this.prisma.aIConversation.findUnique({ where: { id } });
  }

  findAccessible(id: string, userId: string): Promise<AIConversation | null> {
    return this.prisma.aIConversation.findFirst({ where: { id, userId, connection: siteAccessibleBy(userId) } });
  }

  async delete(id: string): Promise<void> {
    await this.prisma.aIConversation.deleteMany({ where: { id } });
  }

  /**
   * Appends turns in one statement (`messages || $1`), so two answers finishing at the same time
   * cannot overwrite each other's turns the way a read-modify-write of the JSON would.
   */
  async append(id: string, messages: StoredMessage[], change: { inputTokens?: number; outputTokens?: number; model?: string; title?: string } = {}): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE "AIConversation"
      SET "messages" = "messages" || ${JSON.stringify(messages)}::jsonb,
          "inputTokens" = "inputTokens" + ${change.inputTokens ?? 0}::int,
          "outputTokens" = "outputTokens" + ${change.outputTokens ?? 0}::int,
          "model" = COALESCE(${change.model ?? null}::text, "model"),
          "title" = COALESCE(${change.title ?? null}::text, "title"),
          "updatedAt" = now()
      WHERE "id" = ${id}`;
  }

  /** What the assistant is told about the site: counts by severity and the open issues that matter most. */
  async siteIssues(connectionId: string, top: number) {
    const [bySeverity, issues] = await Promise.all([
      this.prisma.issue.groupBy({ by: ['severity'], where: { connectionId, status: 'OPEN' }, _count: { _all: true } }),
      this.prisma.issue.findMany({
        where: { connectionId, status: 'OPEN' },
        orderBy: [{ impactScore: 'desc' }, { id: 'asc' }],
        take: top,
        select: { id: true, type: true, severity: true, title: true, pageUrl: true, evidence: true },
      }),
    ]);
    return { bySeverity: new Map(bySeverity.map((row) => [row.severity, row._count._all])), issues };
  }
}
