/**
 * Malformed input against every operation of the OpenAPI document: control characters and broken
 * UTF-8 in path and query parameters, bodies nested thousands of levels deep, NUL and lone
 * surrogates inside strings, invalid UTF-8 bytes, blank strings and `null` in each body field.
 * Nothing here may answer 5xx; the inputs the parser refuses must answer 400 in the common error body.
 */

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

interface OpenApiOperation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: SchemaObject }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

interface SchemaObject {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  properties?: Record<string, SchemaObject>;
  items?: SchemaObject;
  example?: unknown;
  allOf?: SchemaObject[];
}

/** One request of the sweep; `mustBe400` marks the inputs that no route may accept. */
interface FuzzCase {
  label: string;
  method: string;
  path: string;
  body?: string | Buffer;
  mustBe400: boolean;
}

export interface FuzzFinding {
  label: string;
  method: string;
  path: string;
  status: number;
  detail: string;
}

export interface FuzzReport {
  operations: number;
  requests: number;
  byStatus: Record<string, number>;
  /** 5xx answers, 400-only inputs that got something else, and error bodies without the common shape. */
  findings: FuzzFinding[];
  /**
   * 503 answers in the common error body from a feature this instance has not configured (billing
   * without STRIPE_SECRET_KEY): deliberate, so Stripe retries once it is set up; not findings.
   */
  unconfigured: number;
  slowestMs: number;
  slowest: string;
}

const DEEP = 3000;
const BAD_SEGMENTS = ['%00', 'abc%00def', '%ED%A0%80', '%C0%AF', '%FF'];

function resolveSchema(doc: OpenApiDocument, schema: SchemaObject | undefined, depth = 0): SchemaObject | undefined {
  if (!schema || depth > 5) return schema;
  if (schema.$ref) return resolveSchema(doc, doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')], depth + 1);
  if (schema.allOf?.length) return resolveSchema(doc, schema.allOf[0], depth + 1);
  return schema;
}

/** A plausible value for a schema, so that each case breaks one field and not all of them. */
function sample(doc: OpenApiDocument, raw: SchemaObject | undefined, depth = 0): unknown {
  const schema = resolveSchema(doc, raw);
  if (!schema || depth > 4) return 'x';
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, sample(doc, v, depth + 1)]));
    default:
      return schema.properties ? sample(doc, { ...schema, type: 'object' }, depth) : 'x';
  }
}

function fillPath(path: string, value: string): string {
  return path.replace(/\{[^}]+\}/g, value);
}

export function buildCases(doc: OpenApiDocument): { operations: number; cases: FuzzCase[] } {
  const cases: FuzzCase[] = [];
  let operations = 0;
  const deepBody = `{"a":${'['.repeat(DEEP)}${']'.repeat(DEEP)}}`;
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      operations += 1;
      const streams = Object.values(op.responses ?? {}).some((r) => Object.keys(r.content ?? {}).includes('text/event-stream'));
      const params = op.parameters ?? [];
      const plainPath = fillPath(path, 'c000000000000000000000000');
      if (path.includes('{')) {
        for (const bad of BAD_SEGMENTS) cases.push({ label: `path parameter ${bad}`, method, path: fillPath(path, bad), mustBe400: true });
      }
      for (const q of params.filter((p) => p.in === 'query')) {
        cases.push({ label: `query ${q.name}=%00`, method, path: `${plainPath}?${q.name}=a%00b`, mustBe400: true });
        cases.push({ label: `query ${q.name}=%FF`, method, path: `${plainPath}?${q.name}=%FF`, mustBe400: true });
      }
      if (streams || !['post', 'put', 'patch'].includes(method)) continue;
      cases.push({ label: `body nested ${DEEP} deep`, method, path: plainPath, body: deepBody, mustBe400: true });
      cases.push({ label: 'body with invalid UTF-8', method, path: plainPath, body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), mustBe400: true });
      const schema = resolveSchema(doc, op.requestBody?.content?.['application/json']?.schema);
      const base = (sample(doc, schema) ?? {}) as Record<string, unknown>;
      const fields = Object.keys(schema?.properties ?? {});
      for (const field of fields.length ? fields : ['name']) {
        const withValue = (value: unknown) => JSON.stringify({ ...base, [field]: value });
        cases.push({ label: `${field} with NUL`, method, path: plainPath, body: withValue('a\u0000b'), mustBe400: true });
        cases.push({ label: `${field} with a lone surrogate`, method, path: plainPath, body: withValue('a\ud800b'), mustBe400: true });
        cases.push({ label: `${field}: null`, method, path: plainPath, body: withValue(null), mustBe400: false });
        cases.push({ label: `${field}: blank`, method, path: plainPath, body: withValue('   '), mustBe400: false });
      }
    }
  }
  return { operations, cases };
}

function hasCommonErrorBody(text: string, status: number): boolean {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    return body.statusCode === status && typeof body.message === 'string' && typeof body.requestId === 'string' && typeof body.path === 'string';
  } catch {
    return false;
  }
}

/** Runs the sweep against a running API (`baseUrl` without /api) with the given credentials. */
export async function fuzzApi(baseUrl: string, doc: OpenApiDocument, headers: Record<string, string>, timeoutMs = 10_000): Promise<FuzzReport> {
  const { operations, cases } = buildCases(doc);
  const report: FuzzReport = { operations, requests: 0, byStatus: {}, findings: [], unconfigured: 0, slowestMs: 0, slowest: '' };
  for (const c of cases) {
    const started = performance.now();
    let status: number;
    let text = '';
    try {
      const res = await fetch(`${baseUrl}${c.path}`, {
        method: c.method.toUpperCase(),
        headers: { ...headers, ...(c.body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: c.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = res.status;
      text = await res.text();
    } catch (error) {
      status = 599;
      text = error instanceof Error ? error.message : String(error);
    }
    const ms = performance.now() - started;
    report.requests += 1;
    report.byStatus[status] = (report.byStatus[status] ?? 0) + 1;
    if (ms > report.slowestMs) {
      report.slowestMs = Math.round(ms);
      report.slowest = `${c.method.toUpperCase()} ${c.path.slice(0, 80)} (${c.label})`;
    }
    const finding = (detail: string) => report.findings.push({ label: c.label, method: c.method.toUpperCase(), path: c.path.slice(0, 120), status, detail });
    if (status === 503 && hasCommonErrorBody(text, status) && /not configured/i.test(text)) report.unconfigured += 1;
    else if (status >= 500) finding(text.slice(0, 200));
    else if (c.mustBe400 && status !== 400) finding(`expected 400: ${text.slice(0, 120)}`);
    else if (status >= 400 && !hasCommonErrorBody(text, status)) finding(`not the common error body: ${text.slice(0, 120)}`);
  }
  return report;
}
