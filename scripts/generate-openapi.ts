/** Writes apps/api/openapi.json from the code: `npm run openapi`. The web client is generated from it. */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { OPENAPI_PATH, renderOpenApiDocument } from '../apps/api/src/openapi/openapi-document';

// Rendering the document boots the modules but serves nothing: placeholders do for unset settings
// (the app reads only its environment; nothing loads .env for it).
const PLACEHOLDERS: Record<string, string> = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/seology',
  JWT_SECRET: 'openapi-rendering-only-'.padEnd(40, 'x'),
  ENCRYPTION_KEYS: `k1:${Buffer.alloc(32).toString('base64')}`,
};
for (const [name, value] of Object.entries(PLACEHOLDERS)) process.env[name] ??= value;

/** `--stdout` prints the document instead of writing it (the drift test compares that with the file). */
async function main(): Promise<void> {
  const document = await renderOpenApiDocument();
  if (process.argv.includes('--stdout')) {
    // stdout to a pipe is written asynchronously: exiting before the write has drained cut the
    // document at the pipe's buffer size (64 KB or more, depending on how fast the reader was).
    await new Promise<void>((done, fail) => process.stdout.write(document, (error) => (error ? fail(error) : done())));
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
