import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { etagMatches } from '@seology/connectors';
import type { Response } from 'express';
import { Public } from '../common/decorators/auth.decorators';
import { SnippetService } from './snippet.service';

@ApiTags('snippet')
@Controller('snippet')
export class SnippetController {
  constructor(private readonly snippets: SnippetService) {}

  @Get(':snippetKey.js')
  @Public()
  @ApiOkResponse({ description: 'JavaScript that applies the site\'s active fixes; ETag / If-None-Match answer 304', content: { 'application/javascript': {} } })
  async script(@Param('snippetKey') snippetKey: string, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() res: Response): Promise<void> {
    const built = await this.snippets.build(snippetKey);
    res.setHeader('ETag', built.etag);
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (etagMatches(ifNoneMatch, built.etag)) {
      res.status(304).end();
      return;
    }
    res.type('application/javascript; charset=utf-8').send(built.script);
  }
}
