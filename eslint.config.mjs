import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'cdktf.out/', '.gen/', '**/*.js', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  {
    files: ['lib/**/*.ts', 'examples/**/*.ts'],
    rules: {
      // Deep imports only: the provider's package root loads every resource it has.
      'no-restricted-imports': ['error', { paths: [{ name: '@cdktf/provider-azurerm', message: 'Import by deep path: @cdktf/provider-azurerm/lib/<resource>.' }] }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: '@cdktf/provider-azurerm', message: 'Import by deep path: @cdktf/provider-azurerm/lib/<resource>.' }] }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
