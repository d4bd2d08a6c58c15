import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from './app-config';

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
});
