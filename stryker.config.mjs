// Mutation testing: `npm run test:mutation` (scripts/mutation.js) runs Stryker once per group below
// and prints the score of all groups together. Not part of `npm test`. See docs/mutation-testing.md.
import jestConfig from './jest.config.js';

/**
 * Test suites that load cdktf (they synthesize stacks). Jest loads every test file that imports a
 * mutated file, for every mutant, and loading cdktf costs about 1 s: such a suite in another group
 * would make its run three or four times longer. They run in the synth group and in `npm test`.
 */
const CDKTF_SUITES = [
  'test/checks/checks-at-synth.test.ts',
  'test/checks/construct-suppressions.test.ts',
  'test/checks/insecure-stack.test.ts',
  'test/checks/postgres-security-checks.test.ts',
  'test/checks/rules/PG-CFG-2.test.ts',
  'test/checks/trust.test.ts',
];

/**
 * The code whose mutants are judged, and the tests that judge them: each group's code by the tests
 * of its own concepts (Jest would otherwise load every rule test for every mutant of the parser).
 * To bring more code into the score, add its files to `mutate` of the group whose tests judge it,
 * or a group of its own.
 */
const GROUPS = {
  /** The rules and the readers and checks they share, judged by the tests of each rule. */
  rules: {
    mutate: [
      'lib/checks/rules/**/*.ts',
      'lib/checks/rule.ts',
      'lib/checks/rule-catalog.ts',
      'lib/checks/value-readers.ts',
      'lib/checks/parameter-checks.ts',
      'lib/checks/firewall-checks.ts',
      'lib/checks/diagnostic-checks.ts',
      'lib/checks/single-checks.ts',
      'lib/checks/pgaudit-classes.ts',
    ],
    tests: ['test/checks/rules/**/*.test.ts', 'test/checks/rule-pack.test.ts', 'test/checks/rule-helpers.test.ts'],
  },
  /** Reading Terraform JSON, the stack model, the engine, the report and the CLI. */
  engine: {
    mutate: [
      'lib/checks/hcl-expression.ts',
      'lib/checks/terraform-json.ts',
      'lib/checks/stack-model.ts',
      'lib/checks/evaluate.ts',
      'lib/checks/suppressions.ts',
      'lib/checks/report.ts',
      'lib/cli/**/*.ts',
    ],
    // PG-SUP-1 is the engine's check of the suppression list.
    tests: ['test/checks/*.test.ts', 'test/checks/rules/PG-SUP-1.test.ts', 'test/cli/**/*.test.ts'],
  },
  /** What runs in `cdktf synth`: applying the pack to a construct tree, suppressions, reports. */
  synth: {
    mutate: ['lib/checks/postgres-security-checks.ts', 'lib/checks/suppression-registry.ts'],
    tests: ['test/checks/**/*.test.ts', 'test/cli/**/*.test.ts'],
    withCdktf: true,
  },
};

/** The groups scripts/mutation.js runs, in this order. */
export const GROUP_NAMES = Object.keys(GROUPS);

const groupName = process.env.MUTATION_GROUP ?? 'rules';
const group = GROUPS[groupName];
if (group === undefined) throw new Error(`MUTATION_GROUP=${groupName}: use one of ${Object.keys(GROUPS).join(', ')}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    config: {
      ...jestConfig,
      // lib too: Jest finds the tests related to a mutated file only through files it has mapped.
      roots: ['<rootDir>/lib', '<rootDir>/test'],
      testMatch: group.tests.map((glob) => `<rootDir>/${glob}`),
      testPathIgnorePatterns: ['/node_modules/', ...(group.withCdktf ? [] : CDKTF_SUITES.map((suite) => `<rootDir>/${suite}`))],
    },
  },
  // Each mutant runs only the tests that reach it.
  coverageAnalysis: 'perTest',
  mutate: group.mutate,
  // The sandbox gets what the tests read, nothing else: no cdktf.out, dist, caches or worktrees.
  ignorePatterns: ['/*', '!/lib', '!/test', '!/docs', '!/package.json', '!/jest.config.js', '!/tsconfig.json'],
  tempDirName: `.stryker-tmp/${groupName}`,
  // The machines have 2 cores, shared.
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${groupName}/mutation.html` },
  jsonReporter: { fileName: `reports/mutation/${groupName}/mutation.json` },
  incrementalFile: `reports/mutation/${groupName}/stryker-incremental.json`,
  thresholds: { high: 95, low: 90, break: 90 },
};
