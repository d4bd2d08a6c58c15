import { Module } from '@nestjs/common';
import { SnippetController } from './snippet.controller';
import { SnippetService } from './snippet.service';

/** Needs FixesModule (global) for the FixesRepository. */
@Module({
  controllers: [SnippetController],
  providers: [SnippetService],
})
export class SnippetModule {}
