/** Every Node project's tests (libraries, API, worker); the dashboard runs under Vitest. */
export default {
  // Global, not per project: e2e files boot Nest, a worker and local servers.
  testTimeout: 60000,
  projects: [
    '<rootDir>/libs/contracts/jest.config.ts',
    '<rootDir>/libs/net/jest.config.ts',
    '<rootDir>/libs/audit/jest.config.ts',
    '<rootDir>/libs/crawler/jest.config.ts',
    '<rootDir>/libs/connectors/jest.config.ts',
    '<rootDir>/libs/fixes/jest.config.ts',
    '<rootDir>/libs/render/jest.config.ts',
    '<rootDir>/apps/api/jest.config.ts',
    '<rootDir>/apps/api/jest.int.config.ts',
  ],
};
