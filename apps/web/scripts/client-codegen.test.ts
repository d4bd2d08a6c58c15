// @vitest-environment node
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSchemaSource, SCHEMA_PATH, SPEC_PATH, WORKSPACE_ROOT } from './client-codegen.mjs';

describe('generated API client types', () => {
  it('match apps/api/openapi.json (regenerate with: node apps/web/scripts/generate-client.mjs)', async () => {
    const expected = await generateSchemaSource(SPEC_PATH);
    const actual = readFileSync(SCHEMA_PATH, 'utf8');
    if (actual !== expected) {
      const a = actual.split('\n');
      const e = expected.split('\n');
      const line = e.findIndex((text, index) => a[index] !== text);
      throw new Error(
        `${relative(WORKSPACE_ROOT, SCHEMA_PATH)} is out of date with ${relative(WORKSPACE_ROOT, SPEC_PATH)}. ` +
          `Run: node apps/web/scripts/generate-client.mjs\n` +
          `First difference at line ${line + 1}:\n  checked in: ${a[line] ?? '(end of file)'}\n  generated:  ${e[line] ?? '(end of file)'}`,
      );
    }
    expect(actual).toBe(expected);
  });
});
