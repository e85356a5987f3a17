/** Tests run the TypeScript sources directly; examples import the package by name. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  globalSetup: '<rootDir>/test/support/run-temp-dir-setup.js',
  globalTeardown: '<rootDir>/test/support/run-temp-dir-teardown.js',
  moduleNameMapper: { '^cdktf-azure-postgres$': '<rootDir>/lib/index.ts' },
};
