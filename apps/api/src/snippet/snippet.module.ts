import { Module } from '@nestjs/common';
import { SnippetController } from './snippet.controller';
import { SnippetService } from './snippet.service';
import { FixesModule } from '../fixes/fixes.module';
import { PrismaModule } from '../prisma/prisma.module';

/** Needs FixesModule (global) for the FixesRepository. */
@Module({
  imports: [FixesModule, PrismaModule],
  controllers: [SnippetController],
  providers: [SnippetService],
})
export class SnippetModule {}
