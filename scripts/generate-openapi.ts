/** Writes apps/api/openapi.json from the code: `npm run openapi`. The web client is generated from it. */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { OPENAPI_PATH, renderOpenApiDocument } from '../apps/api/src/openapi/openapi-document';

/** `--stdout` prints the document instead of writing it (the drift test compares that with the file). */
async function main(): Promise<void> {
  const document = await renderOpenApiDocument();
  if (process.argv.includes('--stdout')) {
    process.stdout.write(document);
    return;
  }
  writeFileSync(resolve(__dirname, '..', OPENAPI_PATH), document);
  console.log(`wrote ${OPENAPI_PATH}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
