/**
 * Writes docs/checks.md from the check catalogue.
 * Run from the repository root: node -r ./scripts/register-ts.js libs/audit/scripts/generate-checks-doc.ts
 * (add --check to fail instead of writing when the file is out of date).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { renderChecksDoc } from '../src/docs/render-checks-doc';

export const CHECKS_DOC_PATH = resolve(__dirname, '../../../docs/checks.md');

function main(): void {
  const expected = renderChecksDoc();
  const current = existsSync(CHECKS_DOC_PATH) ? readFileSync(CHECKS_DOC_PATH, 'utf8') : null;
  if (process.argv.includes('--check')) {
    if (current !== expected) {
      console.error(`${CHECKS_DOC_PATH} is out of date; regenerate it.`);
      process.exit(1);
    }
    console.log(`${CHECKS_DOC_PATH} is up to date.`);
    return;
  }
  mkdirSync(dirname(CHECKS_DOC_PATH), { recursive: true });
  writeFileSync(CHECKS_DOC_PATH, expected);
  console.log(`Wrote ${CHECKS_DOC_PATH} (${expected.length} characters).`);
}

if (require.main === module) main();
