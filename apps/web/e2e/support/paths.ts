import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../../..');
/** Everything a run leaves behind (not committed): screenshots, the HTML report, traces, server logs. */
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
export const SCREENSHOTS = path.join(ARTIFACTS, 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
