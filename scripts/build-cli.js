#!/usr/bin/env node
'use strict';
/**
 * Builds the installable command-line package `@seology/cli` into dist/cli:
 *   dist/cli/package.json      name, version, bin and only the runtime dependencies the CLI imports
 *   dist/cli/bin/seology.js    the launcher (packages/cli/bin/seology.js)
 *   dist/cli/bin/seology-ci.sh the CI step (`seology-ci`) the GitHub action and the GitLab template run
 *   dist/cli/lib/seology.js    the CLI, bundled from libs/crawler/src/cli/main.ts with the libraries it uses
 *   dist/cli/lib/page-audit-worker.js   the page-audit worker thread, bundled the same way
 * Node built-ins and the npm packages listed below stay external and are installed by npm.
 * `node scripts/build-cli.js --pack [--out dir]` also runs `npm pack` (tarball in dist/, or in dir) and prints its path.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { builtinModules } = require('node:module');

const root = path.resolve(__dirname, '..');
const outArg = process.argv.indexOf('--out');
const out = outArg > 0 ? path.resolve(process.argv[outArg + 1]) : path.join(root, 'dist', 'cli');
const rootPackage = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** The npm packages the CLI's code imports at run time; everything else is bundled. */
const RUNTIME_DEPENDENCIES = ['htmlparser2', 'playwright-core', 'robots-parser', 'undici'];

async function bundle() {
  const { build } = require('rolldown');
  const external = [/^node:/, ...builtinModules, ...RUNTIME_DEPENDENCIES.map((name) => new RegExp(`^${name}(/|$)`))];
  const entries = {
    seology: path.join(root, 'libs/crawler/src/cli/main.ts'),
    'page-audit-worker': path.join(root, 'libs/crawler/src/audit-threads/page-audit-worker.ts'),
  };
  for (const [name, input] of Object.entries(entries)) {
    await build({
      input,
      platform: 'node',
      tsconfig: path.join(root, 'tsconfig.base.json'),
      external,
      logLevel: 'warn',
      output: { file: path.join(out, 'lib', `${name}.js`), format: 'cjs', sourcemap: true },
    });
  }
}

function writePackage() {
  const dependencies = Object.fromEntries(RUNTIME_DEPENDENCIES.map((name) => [name, rootPackage.dependencies[name]]));
  const manifest = {
    name: '@seology/cli',
    version: rootPackage.version,
    description: 'Seology SEO audit from the command line: crawl a site, run 100+ checks, gate CI on new findings',
    license: rootPackage.license,
    bin: { seology: 'bin/seology.js', 'seology-ci': 'bin/seology-ci.sh' },
    files: ['bin', 'lib', 'README.md'],
    engines: rootPackage.engines,
    dependencies,
  };
  fs.writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.mkdirSync(path.join(out, 'bin'), { recursive: true });
  for (const file of ['seology.js', 'seology-ci.sh']) {
    fs.copyFileSync(path.join(root, 'packages/cli/bin', file), path.join(out, 'bin', file));
    fs.chmodSync(path.join(out, 'bin', file), 0o755);
  }
  // The heap settings the worker and the repository's CLI use, shipped as they are.
  fs.copyFileSync(path.join(root, 'scripts/crawler-node-flags.js'), path.join(out, 'bin', 'crawler-node-flags.js'));
  fs.copyFileSync(path.join(root, 'packages/cli/README.md'), path.join(out, 'README.md'));
}

async function main() {
  fs.rmSync(out, { recursive: true, force: true });
  await bundle();
  writePackage();
  if (process.argv.includes('--pack')) {
    const destination = path.dirname(out);
    const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', destination], { cwd: out, encoding: 'utf8' }).trim().split('\n').pop();
    console.log(path.join(destination, name));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
