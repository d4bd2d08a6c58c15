/** Serves the demo site on DEMO_SITE_PORT (default 3001) until stopped. */
import { startWordPressContractServer } from '../libs/connectors/src/testing';
import { demoSiteOptions } from './demo-site-content';

async function main(): Promise<void> {
  const port = Number(process.env.DEMO_SITE_PORT ?? 3001);
  const site = await startWordPressContractServer(demoSiteOptions(port));
  console.log(`demo site (WordPress-compatible) on ${site.url}/`);
  const stop = () => void site.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
