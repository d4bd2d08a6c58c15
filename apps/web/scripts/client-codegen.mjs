// Turns the API's OpenAPI document into TypeScript types for the dashboard's client.
// Shared by the generator (generate-client.mjs) and the drift test, so both produce the same text.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const here = dirname(fileURLToPath(import.meta.url));
export const WORKSPACE_ROOT = resolve(here, '../../..');
export const SPEC_PATH = resolve(WORKSPACE_ROOT, 'apps/api/openapi.json');
export const SCHEMA_PATH = resolve(WORKSPACE_ROOT, 'apps/web/src/api/schema.d.ts');

const HEADER =
  '/**\n' +
  ' * Types of the Seology API, generated from apps/api/openapi.json by apps/web/scripts/generate-client.mjs.\n' +
  ' * Do not edit by hand: run the generator after the API changes (a test fails when this file drifts).\n' +
  ' */\n\n';

/** Returns the text of schema.d.ts for the spec at `specPath`. */
export async function generateSchemaSource(specPath = SPEC_PATH) {
  const spec = JSON.parse(readFileSync(specPath, 'utf8'));
  const ast = await openapiTS(spec, { alphabetize: false, exportType: false, defaultNonNullable: false });
  // defaultNonNullable off: a property with a default (e.g. executionMode) stays optional in request bodies.
  return HEADER + astToString(ast);
}
