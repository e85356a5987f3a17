/** Tests run the TypeScript sources directly; examples import the package by name. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleNameMapper: { '^cdktf-azure-postgres$': '<rootDir>/lib/index.ts' },
};
