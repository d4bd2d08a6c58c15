export default {
  displayName: 'worker',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/../../scripts/jest-global-setup.ts',
  testTimeout: 60000,
};
