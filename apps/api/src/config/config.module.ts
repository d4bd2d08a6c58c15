import { Global, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './app-config';

/**
 * The only global module: the validated configuration is read by nearly every provider and depends on
 * nothing, so importing it everywhere would say nothing about who depends on whom. Every other module
 * imports what it injects (docs/architecture.md).
 */
@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: () => loadConfig() }],
  exports: [AppConfig],
})
export class ConfigModule {}
