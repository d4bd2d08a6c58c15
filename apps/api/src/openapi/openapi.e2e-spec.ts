import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { createTestApp, type TestApp } from '../testing/test-app';
import { OPENAPI_PATH } from './openapi-document';

const root = resolve(__dirname, '../../../..');

describe('OpenAPI spec (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('matches the checked-in apps/api/openapi.json (run `npm run openapi` after changing the API)', () => {
    // Rendered by the same script and loader as `npm run openapi`, so both see identical decorator metadata.
    const rendered = execFileSync(process.execPath, ['scripts/run-ts.js', 'scripts/generate-openapi.ts', '--stdout'], {
      cwd: root,
      env: process.env,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(rendered).toBe(readFileSync(resolve(root, OPENAPI_PATH), 'utf8'));
  });

  it('types every query and path parameter (no property left as an empty object by a missing type annotation)', () => {
    const spec = JSON.parse(readFileSync(resolve(root, OPENAPI_PATH), 'utf8')) as {
      paths: Record<string, Record<string, { parameters?: { name: string; schema?: unknown }[] }>>;
      components: { schemas: Record<string, unknown> };
    };
    const untyped: string[] = [];
    for (const [path, operations] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const parameter of operation.parameters ?? []) {
          const schema = JSON.stringify(parameter.schema ?? {});
          if (schema === '{}' || schema.includes('#/components/schemas/Object')) untyped.push(`${method.toUpperCase()} ${path} ${parameter.name}`);
        }
      }
    }
    expect(untyped).toEqual([]);
    expect(spec.components.schemas['Object']).toBeUndefined();
  });

  it('is served at /api/openapi.json with the documented routes', async () => {
    const doc = (await t.http().get('/api/openapi.json').expect(200)).body as OpenAPIObject;
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/auth/signup', '/api/connections', '/api/connections/{id}', '/api/jobs', '/api/admin/jobs/{id}/retry', '/api/health']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    await t.http().get('/api/docs').expect(200);
  });
});
