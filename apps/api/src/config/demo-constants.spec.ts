import { DEMO_ACCOUNT_EMAIL, DEMO_SITE_WORDPRESS_LOGIN } from '@seology/contracts';
import { DEMO_EMAIL } from '@seology/prisma/seed';
import { DEMO_SITE_CREDENTIALS } from '@seology/scripts/demo-site-content';

describe('demo constants', () => {
  it('the dashboard’s demo banner names the account and the WordPress login that the seed and the demo site use', () => {
    expect(DEMO_ACCOUNT_EMAIL).toBe(DEMO_EMAIL);
    expect(DEMO_SITE_WORDPRESS_LOGIN).toEqual(DEMO_SITE_CREDENTIALS);
  });
});
