import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

// Plain CommonJS helpers shared with scripts/prisma-generate.js.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { stopDotenvLoading, recordedEnvPaths } = require('@seology/scripts/prisma-client-env.js') as {
  stopDotenvLoading: (dir: string) => string[];
  recordedEnvPaths: (dir: string) => string[];
};

const root = resolve(__dirname, '../../../..');

/** Imports a generated client in a process started with nothing but PATH, and reports what it sees. */
function importWithCleanEnvironment(clientDir: string): string {
  const script = `require(${JSON.stringify(clientDir)}); process.stdout.write(String(process.env.SSRF_ALLOW_HOSTS));`;
  const child = spawnSync(process.execPath, ['-e', script], { cwd: root, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(child.stderr);
  return child.stdout;
}

describe('the generated Prisma client does not load .env', () => {
  const dir = join(root, 'tmp', `dotenv-${randomBytes(4).toString('hex')}`);
  const clientDir = join(dir, 'client');

  beforeAll(() => {
    mkdirSync(dir, { recursive: true });
    // A schema with a .env beside it, as `npm start` leaves the repo: Prisma records the path at generate time.
    const schema = readFileSync(join(root, 'prisma/schema.prisma'), 'utf8').replace('provider   = "prisma-client-js"', 'provider   = "prisma-client-js"\n  output     = "./client"');
    writeFileSync(join(dir, 'schema.prisma'), schema);
    writeFileSync(join(dir, '.env'), 'SSRF_ALLOW_HOSTS=localhost,127.0.0.1\n');
    const generated = spawnSync(join(root, 'node_modules/.bin/prisma'), ['generate', '--schema', join(dir, 'schema.prisma')], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/unused' },
      encoding: 'utf8',
    });
    if (generated.status !== 0) throw new Error(generated.stderr);
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('Prisma as generated copies the .env into process.env (what the fix removes)', () => {
    expect(recordedEnvPaths(clientDir).length).toBeGreaterThan(0);
    expect(importWithCleanEnvironment(clientDir)).toBe('localhost,127.0.0.1');
  });

  it('after stopDotenvLoading a clean process does not see SSRF_ALLOW_HOSTS from .env', () => {
    expect(stopDotenvLoading(clientDir)).toContain('index.js');
    expect(recordedEnvPaths(clientDir)).toEqual([]);
    expect(importWithCleanEnvironment(clientDir)).toBe('undefined');
  });

  it('the client the app runs with records no .env path', () => {
    const appClient = dirname(require.resolve('.prisma/client/index.js', { paths: [root] }));
    expect(recordedEnvPaths(appClient)).toEqual([]);
  });
});
