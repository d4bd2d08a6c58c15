import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { etagMatches } from '@seology/connectors';
import type { Response } from 'express';
import { Public } from '../common/decorators/auth.decorators';
import { WordPressPluginZipService } from './wordpress-plugin-zip.service';

@ApiTags('integrations')
@Controller('integrations')
export class IntegrationsController {
  constructor(private readonly wordpressPlugin: WordPressPluginZipService) {}

  @Get('wordpress/plugin.zip')
  @Public()
  @ApiOkResponse({
    description: 'The Seology plugin for WordPress, to install with Plugins > Add New > Upload Plugin; ETag / If-None-Match answer 304',
    content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
  })
  wordpressPluginZip(@Headers('if-none-match') ifNoneMatch: string | undefined, @Res() res: Response): void {
    const zip = this.wordpressPlugin.get();
    res.setHeader('ETag', zip.etag);
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.setHeader('X-Plugin-Version', zip.version);
    if (etagMatches(ifNoneMatch, zip.etag)) {
      res.status(304).end();
      return;
    }
    res.setHeader('Content-Disposition', `attachment; filename="${zip.fileName}"`);
    res.type('application/zip').send(Buffer.from(zip.bytes));
  }
}
