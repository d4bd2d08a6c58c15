import { Test } from '@nestjs/testing';
import { buildOpenApiDocument, configureApp } from '../app.factory';
import { AppModule } from '../app.module';

export const OPENAPI_PATH = 'apps/api/openapi.json';

/**
 * Builds the spec from the code without listening or touching data (Postgres and Redis are only
 * connected lazily), so the checked-in file and the served document come from one source.
 */
export async function renderOpenApiDocument(): Promise<string> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureApp(app);
  await app.init();
  try {
    return `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
  } finally {
    await app.close();
  }
}
