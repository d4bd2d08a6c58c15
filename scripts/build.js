#!/usr/bin/env node
'use strict';
/**
 * `npm run build`: the compiled product.
 *   dist/apps/api (API and worker), dist/libs, dist/prisma   the server, by tsc (tsconfig.build.json, source maps on)
 *   dist/node_modules/@seology/*   the workspace's path aliases, as packages pointing at the compiled libraries,
 *                                  so `node dist/apps/api/src/main.js` resolves them with no loader
 *   apps/web/dist                  the dashboard, by Vite
 *   dist/cli                       the installable `@seology/cli` package (scripts/build-cli.js)
 * `--if-stale` skips a part whose sources are older than its last build (what `npm start` uses).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const ifStale = process.argv.includes('--if-stale');
const quiet = process.argv.includes('--quiet');

function newestMtime(entries) {
  let newest = 0;
  const visit = (file) => {
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      if (path.basename(file) === 'node_modules' || path.basename(file) === 'dist') return;
      for (const name of fs.readdirSync(file)) visit(path.join(file, name));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const entry of entries) visit(path.join(root, entry));
  return newest;
}

/** Runs `build` unless --if-stale and every source is older than the part's stamp file. */
function part(name, sources, build) {
  const stamp = path.join(dist, '.stamps', name);
  const builtAt = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  if (ifStale && builtAt > newestMtime(sources)) return;
  const started = Date.now();
  build();
  fs.mkdirSync(path.dirname(stamp), { recursive: true });
  fs.writeFileSync(stamp, new Date().toISOString());
  if (!quiet) console.log(`built ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' } });
  if (result.status !== 0) {
    process.stdout.write(result.stdout || '');
    process.stderr.write(result.stderr || '');
    throw new Error(`${[command, ...args].join(' ')} failed (exit ${result.status})`);
  }
}

/** dist/node_modules/@seology/<lib> -> the compiled library, for each alias in tsconfig.base.json. */
function writeAliasPackages() {
  const paths = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions.paths;
  for (const [alias, [target]] of Object.entries(paths)) {
    // Tests' entry points (@seology/scripts/*, @seology/<lib>/testing) are not compiled.
    if (alias.includes('*') || alias.endsWith('/testing')) continue;
    const dir = path.join(dist, 'node_modules', alias);
    fs.mkdirSync(dir, { recursive: true });
    const main = path.relative(dir, path.join(dist, target.replace(/\.ts$/, '.js')));
    fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: alias, private: true, main }, null, 2)}\n`);
  }
}

const node = process.execPath;
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
try {
  part('server', ['apps/api/src', 'libs', 'prisma', 'scripts/demo-site-content.ts', 'tsconfig.build.json', 'tsconfig.base.json'], () => {
    run(node, [path.join(root, 'scripts/prisma-generate.js')]);
    run(bin('tsc'), ['-p', 'tsconfig.build.json']);
    writeAliasPackages();
  });
  part('dashboard', ['apps/web/src', 'apps/web/index.html', 'apps/web/vite.config.ts', 'libs/contracts/src'], () => {
    run(node, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn']);
  });
  part('cli', ['libs', 'packages/cli', 'scripts/build-cli.js'], () => run(node, [path.join(root, 'scripts/build-cli.js')]));
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
