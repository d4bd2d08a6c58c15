/** Serves the demo site on DEMO_SITE_PORT (default 3001) until stopped. */
import { startWordPressContractServer } from '../libs/connectors/src/testing';
import { DEMO_MEDIA, DEMO_PAGES, DEMO_POSTS, DEMO_SITE_CREDENTIALS, DEMO_SITE_NAME, DEMO_THEME } from './demo-site-content';

async function main(): Promise<void> {
  const port = Number(process.env.DEMO_SITE_PORT ?? 3001);
  const site = await startWordPressContractServer({
    port,
    siteName: DEMO_SITE_NAME,
    theme: DEMO_THEME,
    plugins: ['yoast'],
    users: [{ ...DEMO_SITE_CREDENTIALS, role: 'editor' }],
    pages: DEMO_PAGES,
    posts: DEMO_POSTS,
    media: DEMO_MEDIA,
    frontPageId: 2,
  });
  console.log(`demo site (WordPress-compatible) on ${site.url}/`);
  const stop = () => void site.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
