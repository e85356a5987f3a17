// Mutation testing: `npm run test:mutation` (scripts/mutation.js) runs Stryker once per group below
// and prints the score of all groups together. Not part of `npm test`. See docs/mutation-testing.md.
import jestConfig from './jest.config.js';

/**
 * Test suites that load cdktf (they synthesize stacks). Jest loads every test file that imports a
 * mutated file, for every mutant, and loading cdktf costs about 1 s: such a suite in the engine
 * group would make its run three or four times longer. They run in the synth group and in `npm test`.
 */
const CDKTF_SUITES = [
  'test/checks/checks-at-synth.test.ts',
  'test/checks/construct-suppressions.test.ts',
  'test/checks/insecure-stack.test.ts',
  'test/checks/postgres-security-checks.test.ts',
  'test/checks/rules/PG-CFG-2.test.ts',
  'test/checks/trust.test.ts',
];

/** Files that work on a cdktf construct tree: only the cdktf suites reach them. */
const CDKTF_CODE = ['lib/checks/postgres-security-checks.ts', 'lib/checks/suppression-registry.ts'];

/**
 * The code whose mutants are judged, and the tests that judge them. To bring more code into the
 * score, add its files to `mutate` of the group whose tests reach it (and its test folders to
 * `testRoots`).
 */
const GROUPS = {
  /** The rule pack and the CLI: pure functions on Terraform JSON, judged by fast unit tests. */
  engine: {
    mutate: ['lib/checks/**/*.ts', 'lib/cli/**/*.ts', ...CDKTF_CODE.map((file) => `!${file}`)],
    testRoots: ['test/checks', 'test/cli'],
    skipSuites: CDKTF_SUITES,
  },
  /** What runs in `cdktf synth`: applying the pack to a construct tree, suppressions, reports. */
  synth: {
    mutate: CDKTF_CODE,
    testRoots: ['test/checks', 'test/cli'],
    skipSuites: [],
  },
};

const groupName = process.env.MUTATION_GROUP ?? 'engine';
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
      roots: group.testRoots.map((root) => `<rootDir>/${root}`),
      testPathIgnorePatterns: ['/node_modules/', ...group.skipSuites.map((suite) => `<rootDir>/${suite}`)],
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
