import { randomBytes } from 'node:crypto';
import { ConfigError, loadAnthropicConfig, loadConfig, loadJobLockConfig } from './app-config';

const valid = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/seology',
  JWT_SECRET: 'x'.repeat(40),
  ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
};

describe('loadConfig', () => {
  it('accepts a minimal valid environment and applies defaults', () => {
    const config = loadConfig(valid);
    expect(config.PORT).toBe(3000);
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.ssrfAllowHosts).toEqual([]);
  });

  it('names each missing variable', () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    try {
      loadConfig({});
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/DATABASE_URL is not set/);
      expect(message).toMatch(/JWT_SECRET is not set/);
      expect(message).toMatch(/ENCRYPTION_KEYS is not set/);
    }
  });

  it.each([
    ['DATABASE_URL', 'mysql://nope', /DATABASE_URL is malformed/],
    ['PORT', 'eighty', /PORT is malformed/],
    ['JWT_SECRET', 'short', /JWT_SECRET is malformed: JWT_SECRET must be at least 32 characters/],
    ['ENCRYPTION_KEYS', 'k1:tooshort', /ENCRYPTION_KEYS is malformed/],
    ['REDIS_URL', 'localhost:6379', /REDIS_URL is malformed/],
    ['CORS_ORIGINS', 'https://app.example.com/path', /CORS_ORIGINS is malformed/],
    ['CORS_ORIGINS', '*', /CORS_ORIGINS is malformed/],
    ['TRUST_PROXY', 'any proxy', /TRUST_PROXY is malformed/],
  ])('names a malformed %s', (name, value, message) => {
    expect(() => loadConfig({ ...valid, [name]: value })).toThrow(message);
  });

  it('reads the CORS allow-list, trust proxy and https settings', () => {
    const config = loadConfig({ ...valid, CORS_ORIGINS: 'https://tools.example.com, http://localhost:5173', TRUST_PROXY: '1', APP_URL: 'https://app.example.com/' });
    expect(config.corsOrigins).toEqual(['https://tools.example.com', 'http://localhost:5173']);
    expect(config.trustProxy).toBe(1);
    expect(config.appOrigin).toBe('https://app.example.com');
    expect(config.servedOverHttps).toBe(true);
    const defaults = loadConfig(valid);
    expect(defaults.corsOrigins).toEqual([]);
    expect(defaults.trustProxy).toBe('loopback');
    expect(defaults.servedOverHttps).toBe(false);
    expect(loadConfig({ ...valid, TRUST_PROXY: '10.0.0.0/8, 192.168.1.7' }).trustProxy).toBe('10.0.0.0/8, 192.168.1.7');
    expect(loadConfig({ ...valid, TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });

  it.each([
    ['LOG_LEVEL', 'verbose', /LOG_LEVEL is malformed: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/],
    ['LOG_FORMAT', 'xml', /LOG_FORMAT is malformed: LOG_FORMAT must be json or pretty/],
    ['METRICS_TOKEN', 'short', /METRICS_TOKEN is malformed: METRICS_TOKEN must be at least 16 characters/],
    ['WORKER_METRICS_PORT', '70000', /WORKER_METRICS_PORT is malformed: WORKER_METRICS_PORT must be a port number \(1-65535\)$/],
    ['DB_SLOW_QUERY_MS', 'slow', /DB_SLOW_QUERY_MS is malformed/],
    ['JOB_LOCK_DURATION_MS', '100', /JOB_LOCK_DURATION_MS is malformed: JOB_LOCK_DURATION_MS must be a whole number of milliseconds, at least 500$/],
    ['JOB_STALLED_INTERVAL_MS', '1.5', /JOB_STALLED_INTERVAL_MS is malformed/],
    ['ANTHROPIC_BASE_URL', 'api.anthropic.com', /ANTHROPIC_BASE_URL is malformed: ANTHROPIC_BASE_URL must look like https:\/\/api.anthropic.com/],
    ['ANTHROPIC_MODEL', 'claude sonnet', /ANTHROPIC_MODEL is malformed/],
    ['NODE_ENV', 'staging', /NODE_ENV is malformed: NODE_ENV must be development, production or test/],
  ])('names a malformed operations setting %s', (name, value, message) => {
    expect(() => loadConfig({ ...valid, [name]: value })).toThrow(message);
  });

  it('reads the operations settings, and the Claude and lock settings on their own', () => {
    const config = loadConfig({ ...valid, LOG_LEVEL: 'debug', METRICS_TOKEN: 't'.repeat(16), WORKER_METRICS_PORT: '9464', JOB_LOCK_DURATION_MS: '3000' });
    expect({ level: config.LOG_LEVEL, token: config.METRICS_TOKEN, port: config.WORKER_METRICS_PORT, lock: config.JOB_LOCK_DURATION_MS, slow: config.DB_SLOW_QUERY_MS }).toEqual({
      level: 'debug', token: 't'.repeat(16), port: 9464, lock: 3000, slow: 1000,
    });
    expect(loadConfig({ ...valid, NODE_ENV: 'production' }).logFormat).toBe('json');
    expect(loadConfig({ ...valid, NODE_ENV: 'development' }).logFormat).toBe('pretty');
    expect(loadConfig({ ...valid, NODE_ENV: 'production', LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    // Read without the rest of the configuration (per call, and before the app exists).
    expect(loadAnthropicConfig({ ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_MODEL: 'claude-test-model' })).toMatchObject({ ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_MODEL: 'claude-test-model' });
    expect(() => loadAnthropicConfig({ ANTHROPIC_BASE_URL: 'nope' })).toThrow(/ANTHROPIC_BASE_URL is malformed/);
    expect(loadJobLockConfig({ JOB_STALLED_INTERVAL_MS: '1000' }).JOB_STALLED_INTERVAL_MS).toBe(1000);
    expect(() => loadJobLockConfig({ JOB_LOCK_DURATION_MS: 'soon' })).toThrow(/JOB_LOCK_DURATION_MS is malformed/);
  });
});
