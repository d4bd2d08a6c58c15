import { Module } from '@nestjs/common';
import { IntegrationsController } from './integrations.controller';
import { WordPressPluginZipService } from './wordpress-plugin-zip.service';

/** Downloads that connect a platform to Seology: the WordPress plugin. */
@Module({
  controllers: [IntegrationsController],
  providers: [WordPressPluginZipService],
})
export class IntegrationsModule {}
