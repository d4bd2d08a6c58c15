import { DEMO_ACCOUNT_EMAIL, DEMO_SITE_WORDPRESS_LOGIN } from '@seology/contracts';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the seed is a script, not a library; the test keeps the dashboard's copy equal to it
import { DEMO_EMAIL } from '../../../../prisma/seed';
import { DEMO_SITE_CREDENTIALS } from '../../../../scripts/demo-site-content';

describe('demo constants', () => {
  it('the dashboard’s demo banner names the account and the WordPress login that the seed and the demo site use', () => {
    expect(DEMO_ACCOUNT_EMAIL).toBe(DEMO_EMAIL);
    expect(DEMO_SITE_WORDPRESS_LOGIN).toEqual(DEMO_SITE_CREDENTIALS);
  });
});
