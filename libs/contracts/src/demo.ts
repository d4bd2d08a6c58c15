/**
 * The seeded demo account and the WordPress login of its demo site, for the dashboard's demo banner.
 * prisma/seed.ts and scripts/demo-site-content.ts hold the same values (a test keeps them equal).
 */
export const DEMO_ACCOUNT_EMAIL = 'demo@seology.local';
export const DEMO_SITE_WORDPRESS_LOGIN = { username: 'demo-editor', applicationPassword: 'demo abcd efgh ijkl mnop qrst' } as const;
