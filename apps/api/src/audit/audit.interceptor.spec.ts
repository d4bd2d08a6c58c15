import { resourceTypeOf } from './audit.interceptor';

describe('audit action names', () => {
  it('derives a singular, kebab-case resource type from the controller name', () => {
    expect(resourceTypeOf('ConnectionsController')).toBe('connection');
    expect(resourceTypeOf('ApiKeysController')).toBe('api-key');
    expect(resourceTypeOf('WebhooksController')).toBe('webhook');
    expect(resourceTypeOf('BillingController')).toBe('billing');
    expect(resourceTypeOf('AccessController')).toBe('access');
    expect(resourceTypeOf('FixesController')).toBe('fix');
    expect(resourceTypeOf('MatchesController')).toBe('match');
  });
});
