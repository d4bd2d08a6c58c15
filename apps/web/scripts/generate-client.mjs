#!/usr/bin/env node
// Regenerates apps/web/src/api/schema.d.ts from apps/api/openapi.json.
// Usage: node apps/web/scripts/generate-client.mjs [--check]
//   --check  exits 1 (and writes nothing) when the checked-in file is out of date.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { generateSchemaSource, SCHEMA_PATH, WORKSPACE_ROOT } from './client-codegen.mjs';

const source = await generateSchemaSource();
const target = relative(WORKSPACE_ROOT, SCHEMA_PATH);
const current = existsSync(SCHEMA_PATH) ? readFileSync(SCHEMA_PATH, 'utf8') : null;

if (process.argv.includes('--check')) {
  if (current !== source) {
    console.error(`${target} is out of date: run node apps/web/scripts/generate-client.mjs`);
    process.exit(1);
  }
  console.log(`${target} is up to date`);
} else if (current === source) {
  console.log(`${target} is up to date`);
} else {
  writeFileSync(SCHEMA_PATH, source);
  console.log(`wrote ${target}`);
}
