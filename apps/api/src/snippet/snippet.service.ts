import { Injectable, NotFoundException } from '@nestjs/common';
import { buildSnippet, type SeoField, type SnippetBuild } from '@seology/connectors';
import { FixesRepository } from '../fixes/fixes.repository';
import { PrismaService } from '../prisma/prisma.service';

@Injectable()
export class SnippetService {
  constructor(private readonly prisma: PrismaService, private readonly fixes: FixesRepository) {}

  /** The script of a site: its APPLIED fixes only, so a rolled-back fix drops out of the next response. */
  async build(snippetKey: string): Promise<SnippetBuild> {
    const connection = await this.prisma.connection.findUnique({ where: { snippetKey }, select: { id: true } });
    if (!connection) throw new NotFoundException('Unknown site key.');
    const fixes = await this.fixes.findActiveSnippetFixes(connection.id);
    return buildSnippet(fixes.map((f) => ({ id: f.id, pageUrl: f.pageUrl, field: f.type as SeoField, target: f.target, value: f.afterValue })));
  }
}
