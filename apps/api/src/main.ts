import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/app-config';
import { createApp } from './app.factory';

async function bootstrap(): Promise<void> {
  // Validate first, so a bad variable stops the process with its name before anything connects.
  const config = loadConfig();
  const app = await createApp();
  await app.listen(config.PORT);
  new Logger('Api').log(`listening on http://localhost:${config.PORT} (docs at /api/docs)`);
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
