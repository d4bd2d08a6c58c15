/**
 * Demo data for a newcomer: one account and one site (the local demo site started by `npm start`).
 * Safe to run repeatedly: it finds what is already there instead of duplicating it.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import { randomBytes } from 'node:crypto';
import { pgConnectionFields } from '../libs/contracts/src/database-url';
import { Keyring } from '../apps/api/src/common/crypto/encryption.service';
import { hashPassword } from '../apps/api/src/common/crypto/tokens';
import { DEMO_SITE_CREDENTIALS } from '../scripts/demo-site-content';

export const DEMO_EMAIL = 'demo@seology.local';
export const DEMO_PASSWORD = 'seology-demo-2026';

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set');
  const encryptionKeys = process.env.ENCRYPTION_KEYS;
  if (!encryptionKeys) throw new Error('ENCRYPTION_KEYS is not set');
  const demoPort = Number(process.env.DEMO_SITE_PORT ?? 3001);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pgConnectionFields(databaseUrl)) });
  try {
    const user =
      (await prisma.user.findUnique({ where: { email: DEMO_EMAIL } })) ??
      (await prisma.user.create({
        data: { email: DEMO_EMAIL, name: 'Demo Owner', passwordHash: await hashPassword(DEMO_PASSWORD), role: 'ADMIN', plan: 'PRO', onboardingStep: 7, onboardingCompleted: true },
      }));
    const domain = `127.0.0.1:${demoPort}`;
    const existing = await prisma.connection.findUnique({ where: { userId_domain: { userId: user.id, domain } } });
    if (!existing) {
      const keyring = new Keyring(encryptionKeys);
      await prisma.connection.create({
        data: {
          userId: user.id,
          domain,
          siteUrl: `http://${domain}/`,
          displayName: 'Demo bakery (local WordPress)',
          platform: 'WORDPRESS',
          status: 'CONNECTED',
          executionMode: 'APPROVE',
          credentials: keyring.encrypt(JSON.stringify({ platform: 'WORDPRESS', ...DEMO_SITE_CREDENTIALS }), 'connection.credentials'),
          snippetKey: `sk_site_${randomBytes(12).toString('base64url')}`,
          crawlSettings: { maxPages: 200 },
          // Re-crawled weekly, as sites added in the dashboard are: the newcomer sees a schedule, not "Not scheduled".
          crawlFrequencyHours: 168,
          nextCrawlAt: new Date(Date.now() + 168 * 3_600_000),
        },
      });
    }
    console.log(`demo account: ${DEMO_EMAIL} / ${DEMO_PASSWORD}`);
    console.log(`demo site:    http://${domain}/ (a local WordPress-compatible site with SEO problems to find and fix)`);
  } finally {
    await prisma.$disconnect();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
