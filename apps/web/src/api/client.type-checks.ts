/**
 * Compile-time checks of the typed client (never run, never bundled): `tsc -p apps/web/tsconfig.json`
 * fails when the client stops rejecting wrong paths, parameters or bodies.
 */
import { ApiClient } from './client';
import { MemorySessionStore } from './session';
const c = new ApiClient({ store: new MemorySessionStore() });
export async function probe() {
  const list = await c.get('/api/connections', { query: { page: 2, pageSize: 10 } });
  const n: number = list.total;
  const one = await c.get('/api/connections/{id}', { path: { id: 'x' } });
  const mode: 'AUTOMATIC' | 'PLAN' | 'APPROVE' = one.executionMode;
  const created = await c.post('/api/connections', { body: { siteUrl: 'x', platform: 'CUSTOM' } });
  const del = await c.delete('/api/connections/{id}', { path: { id: 'x' } });
  const jobs = await c.get('/api/jobs');
  const h = await c.get('/api/health');
  const keys = await c.get('/api/api-keys');
  const crawl = await c.post('/api/connections/{connectionId}/crawls', { path: { connectionId: 'x' } });
  // @ts-expect-error missing body
  await c.post('/api/connections');
  // @ts-expect-error wrong platform
  await c.post('/api/connections', { body: { siteUrl: 'x', platform: 'NOPE' } });
  // @ts-expect-error missing path params
  await c.get('/api/connections/{id}');
  // @ts-expect-error not a GET path
  await c.get('/api/auth/signin');
  const d: undefined = del;
  return [n, mode, created.id, d, jobs.items, h.status, keys[0]?.prefix, crawl.status];
}
export async function probeQuery() {
  // @ts-expect-error page is an integer, not a string
  await c.get('/api/connections', { query: { page: 'two' } });
  // @ts-expect-error no such query parameter
  await c.get('/api/connections', { query: { nope: 1 } });
}
