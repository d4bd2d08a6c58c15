import { acceptableRequestId, createRootLogger, loggableUrl, prettyLine } from './logging';

function capturedLogger(level = 'info') {
  const lines: string[] = [];
  const logger = createRootLogger({ level, format: 'json', service: 'api', destination: { write: (line: string) => void lines.push(line) } });
  return { logger, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('structured logging', () => {
  it('honours a short printable X-Request-Id and refuses anything else', () => {
    expect(acceptableRequestId('4f1c2b9e-req')).toBe('4f1c2b9e-req');
    expect(acceptableRequestId(['first-id', 'second'])).toBe('first-id');
    expect(acceptableRequestId('has space')).toBeNull();
    expect(acceptableRequestId('line\nbreak')).toBeNull();
    expect(acceptableRequestId('x'.repeat(65))).toBeNull();
    expect(acceptableRequestId('')).toBeNull();
    expect(acceptableRequestId(undefined)).toBeNull();
  });

  it('logs URLs without the values of credential-like query parameters', () => {
    expect(loggableUrl('/api/fixes/abc')).toBe('/api/fixes/abc');
    expect(loggableUrl('/api/search-console/callback?code=4/0Ab&state=signed.jwt&scope=x')).toBe('/api/search-console/callback?code=redacted&state=redacted&scope=x');
    expect(loggableUrl('/api/events?access_token=eyJ&page=2')).toBe('/api/events?access_token=redacted&page=2');
  });

  it('writes one JSON object per line with the service, and redacts secrets wherever a call passes them', () => {
    const { logger, records } = capturedLogger();
    logger.info({ body: { email: 'a@b.c', password: 'hunter22' }, token: 'tok', req: { headers: { authorization: 'Bearer abc', cookie: 'seology_refresh=r' } } }, 'signed in');
    const [record] = records();
    expect(record).toMatchObject({ level: 30, service: 'api', msg: 'signed in', body: { email: 'a@b.c', password: '[redacted]' }, token: '[redacted]' });
    expect(record?.req).toEqual({ headers: { authorization: '[redacted]', cookie: '[redacted]' } });
  });

  it('keeps an error\'s stack under err', () => {
    const { logger, records } = capturedLogger();
    const error = new Error('the database went away');
    logger.error({ err: error }, 'request failed');
    expect(records()[0]).toMatchObject({ level: 50, err: { type: 'Error', message: 'the database went away', stack: expect.stringContaining('logging.spec.ts') as unknown } });
  });

  it('respects the level', () => {
    const { logger, records } = capturedLogger('warn');
    logger.info('not written');
    logger.warn('written');
    expect(records().map((r) => r.msg)).toEqual(['written']);
  });

  it('formats a record as one readable line in pretty mode, the stack below it', () => {
    const line = prettyLine({ level: 40, time: '2026-12-04T01:02:03.456Z', service: 'worker', pid: 1, context: 'JobRunner', msg: 'job j1 failed', jobId: 'j1', err: { stack: 'Error: boom\n    at x' } });
    expect(line).toBe('01:02:03.456 WARN  [JobRunner] job j1 failed jobId=j1\nError: boom\n    at x\n');
  });
});
