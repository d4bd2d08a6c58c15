/**
 * Runs the fuzz, the cross-tenant sweep and the SSRF corpus against a running API and prints the figures:
 *
 *   node scripts/run-ts.js scripts/security/run.ts --base-url http://127.0.0.1:3000 --site-url https://www.example.com/
 *
 * --site-url   a site the instance's SSRF guard accepts (the victim's connection and webhooks point at it)
 * --fuzz-every fuzz every n-th operation only (default 1: all)
 * --include-private-ssrf  adds private, link-local, metadata and reserved targets to the SSRF corpus;
 *              only against an instance running in a network namespace with nothing but loopback.
 * Creates three accounts on the instance (and a site, webhooks, a team, an API key). Exits 1 on any finding.
 */
import { formatFigures, hasFindings, runSecuritySweeps } from './sweeps';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const reports = await runSecuritySweeps({
    baseUrl: (arg('base-url') ?? 'http://127.0.0.1:3000').replace(/\/$/, ''),
    siteUrl: arg('site-url') ?? 'https://www.example.com/',
    fuzzEvery: Number(arg('fuzz-every') ?? 1),
    includePrivateSsrf: process.argv.includes('--include-private-ssrf'),
  });
  console.log(formatFigures(reports));
  const details = [...reports.fuzz.findings, ...reports.tenancy.leaks, ...reports.tenancy.errors, ...reports.ssrf.accepted, ...reports.ssrf.inconclusive, ...reports.ssrf.errors];
  for (const d of details.slice(0, 50)) console.log('  finding:', JSON.stringify(d));
  if (hasFindings(reports)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
