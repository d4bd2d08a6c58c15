/**
 * The middle tier: services with their real repositories on a real database (and Redis), no HTTP
 * and no queue processors (`*.int-spec.ts`, set up with src/testing/service-context.ts).
 * `npx jest --selectProjects api-int` runs only this tier.
 */
export default {
  displayName: 'api-int',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/../../scripts/jest-global-setup.ts',
  testTimeout: 60000,
};
