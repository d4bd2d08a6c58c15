#!/usr/bin/env node
'use strict';
// Usage: node scripts/run-ts.js <file.ts> [args...]
require('./register-ts');
const path = require('node:path');
const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/run-ts.js <file.ts> [args...]');
  process.exit(2);
}
process.argv.splice(1, 1);
// Loaded as the main module so `require.main === module` holds in the script.
require('node:module')._load(path.resolve(file), null, true);
