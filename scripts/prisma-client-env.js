'use strict';
/**
 * Prisma's generated client loads `.env` into `process.env` when it is imported (its
 * `warnEnvConflicts` call and the client constructor both run dotenv on the paths recorded at
 * generate time, i.e. whenever a `.env` existed then). Settings must come from the environment the
 * process was started with, validated by the app's config, so the recorded paths are removed from
 * the generated files. Prisma 6.19 has no option for this.
 */
const fs = require('node:fs');
const path = require('node:path');

const ENV_PATHS = /"relativeEnvPaths": \{[^}]*\}/g;

/** Removes the `.env` paths from a generated client directory; returns the files changed. */
function stopDotenvLoading(clientDir) {
  const files = fs.readdirSync(clientDir).filter((name) => name.endsWith('.js'));
  let recorded = 0;
  const changed = [];
  for (const name of files) {
    const file = path.join(clientDir, name);
    const source = fs.readFileSync(file, 'utf8');
    const matches = source.match(ENV_PATHS) ?? [];
    recorded += matches.length;
    const next = source.replace(ENV_PATHS, '"relativeEnvPaths": {}');
    if (next !== source) {
      fs.writeFileSync(file, next);
      changed.push(name);
    }
  }
  // A client without the block means Prisma changed its output: fail instead of trusting it.
  if (recorded === 0) throw new Error(`no relativeEnvPaths found in ${clientDir}: check how this Prisma version loads .env`);
  return changed;
}

/** The `.env` paths a generated client would load (empty when none). */
function recordedEnvPaths(clientDir) {
  return fs
    .readdirSync(clientDir)
    .filter((name) => name.endsWith('.js'))
    .flatMap((name) => fs.readFileSync(path.join(clientDir, name), 'utf8').match(/"(rootEnvPath|schemaEnvPath)": "[^"]*"/g) ?? []);
}

module.exports = { stopDotenvLoading, recordedEnvPaths };
