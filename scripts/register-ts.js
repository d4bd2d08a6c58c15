'use strict';
// Lets Node run the workspace's TypeScript directly (scripts, seed, CLI, benchmarks) without a build
// step: each .ts file is transpiled on first load with the TypeScript compiler API (no type-checking,
// so start-up stays fast), cached by content hash under node_modules/.cache/seology, and the
// `@seology/*` path aliases from tsconfig.base.json resolve to their sources.
// Use: `node -r ./scripts/register-ts.js file.ts`, or `node scripts/run-ts.js file.ts`.
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const Module = require('node:module');

const ROOT = path.resolve(__dirname, '..');

let registered = false;

/** Installs the .ts loader and the @seology/* path aliases. Safe to call more than once. */
function register() {
  if (registered) return;
  registered = true;
  // The compiler is ~10 MB of JavaScript: load it only when a file is not in the cache yet.
  let ts = null;
  const compiler = () => (ts === null ? (ts = require('typescript')) : ts);
  const tsconfig = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.base.json'), 'utf8'));
  const paths = (tsconfig.compilerOptions && tsconfig.compilerOptions.paths) || {};
  const aliases = new Map();
  // `@seology/scripts/*` style: a prefix for files of a workspace folder (what tests import from the tooling).
  const prefixes = [];
  for (const [alias, targets] of Object.entries(paths)) {
    if (targets.length === 0) continue;
    if (!alias.includes('*')) aliases.set(alias, path.join(ROOT, targets[0]));
    else if (alias.endsWith('/*') && targets[0].endsWith('/*')) prefixes.push([alias.slice(0, -1), path.join(ROOT, targets[0].slice(0, -1))]);
  }
  const aliasTarget = (request) => {
    const exact = aliases.get(request);
    if (exact !== undefined) return exact;
    for (const [prefix, dir] of prefixes) if (request.startsWith(prefix)) return dir + request.slice(prefix.length);
    return undefined;
  };
  const cacheDir = path.join(ROOT, 'node_modules', '.cache', 'seology');
  let cacheUsable = true;
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
  } catch {
    cacheUsable = false;
  }
  // Numeric enum values (ModuleKind.CommonJS = 1, ScriptTarget.ES2022 = 9) so options can be
  // built, and the cache key computed, without loading the compiler.
  const compilerOptions = {
    module: 1,
    target: 9,
    esModuleInterop: true,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    inlineSourceMap: true,
    inlineSources: false,
  };
  const tsVersion = JSON.parse(fs.readFileSync(require.resolve('typescript/package.json'), 'utf8')).version;
  const salt = `${tsVersion}:${process.version}:${JSON.stringify(compilerOptions)}:1`;

  const originalResolve = Module._resolveFilename;
  Module._resolveFilename = function resolveWithAliases(request, parent, isMain, options) {
    const target = aliasTarget(request);
    return originalResolve.call(this, target !== undefined ? target : request, parent, isMain, options);
  };

  Module._extensions['.ts'] = function loadTs(module, filename) {
    const source = fs.readFileSync(filename, 'utf8');
    const key = crypto.createHash('sha1').update(salt).update(filename).update(source).digest('hex');
    const cached = path.join(cacheDir, `${key}.js`);
    let code = null;
    if (cacheUsable) {
      try {
        code = fs.readFileSync(cached, 'utf8');
      } catch {
        code = null;
      }
    }
    if (code === null) {
      code = compiler().transpileModule(source, { compilerOptions, fileName: filename }).outputText;
      if (cacheUsable) {
        try {
          const tmp = `${cached}.${process.pid}.tmp`;
          fs.writeFileSync(tmp, code);
          fs.renameSync(tmp, cached);
        } catch {
          cacheUsable = false;
        }
      }
    }
    module._compile(code, filename);
  };
}

module.exports = { register, ROOT };

register();
