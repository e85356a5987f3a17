// Mutation testing: `npm run test:mutation` (scripts/mutation.js) runs Stryker once per group below
// and prints the score of all groups together. Not part of `npm test`. See docs/mutation-testing.md.
import { existsSync, readdirSync, readFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import jestConfig from './jest.config.js';

/**
 * Test suites that load cdktf (they synthesize stacks). Jest loads every test file that imports a
 * mutated file, for every mutant, and loading cdktf costs about 1 s: such a suite in another group
 * would make its run three or four times longer. They run in the synth group (and the groups marked
 * `withCdktf`) and in `npm test`. Found by following each test file's relative imports, so that a
 * new suite that synthesizes cannot slip into a fast group unnoticed.
 */
export const CDKTF_SUITES = [
  ...testFiles('test').filter((file) => loadsCdktf(new URL(file, import.meta.url).pathname)),
  // Starts PostgreSQL clusters; it proves what the rules claim of PostgreSQL, not the rules' code.
  'test/checks/server-log-on-postgres.test.ts',
];

/** Every `*.test.ts` under a folder, as paths from the project root. */
function testFiles(folder) {
  return readdirSync(new URL(folder, import.meta.url), { recursive: true })
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => `${folder}/${file}`);
}

/** Whether a TypeScript file imports cdktf or a cdktf provider, itself or through its relative imports. */
function loadsCdktf(file, seen = new Set()) {
  if (seen.has(file)) return false;
  seen.add(file);
  for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)) {
    if (specifier === 'cdktf' || specifier.startsWith('@cdktf/')) return true;
    if (!specifier.startsWith('.')) continue;
    const base = resolve(dirname(file), specifier);
    const target = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
    if (target !== undefined && loadsCdktf(target, seen)) return true;
  }
  return false;
}

/**
 * The lines of a method or function, as Stryker's `file:start-end` range: from the line that declares it
 * to its closing brace at the same indentation. Found by name when the config loads, so the range
 * follows the method when other changes move it; a renamed method fails the config at once.
 */
function methodLines(file, declaration) {
  const lines = readFileSync(new URL(file, import.meta.url), 'utf8').split('\n');
  const start = lines.findIndex((line) => line.trimStart().startsWith(declaration));
  if (start < 0) throw new Error(`stryker.config.mjs: no line starting with "${declaration}" in ${file}`);
  const indent = lines[start].length - lines[start].trimStart().length;
  const end = lines.findIndex((line, index) => index > start && line === `${' '.repeat(indent)}}`);
  if (end < 0) throw new Error(`stryker.config.mjs: no end of "${declaration}" in ${file}`);
  return `${file}:${start + 1}-${end + 1}`;
}

/**
 * The code whose mutants are judged, and the tests that judge them: each group's code by the tests
 * of its own concepts (Jest would otherwise load every rule test for every mutant of the parser).
 * To bring more code into the score, add its files to `mutate` of the group whose tests judge it,
 * or a group of its own.
 */
export const GROUPS = {
  /** The rules and the readers and checks they share, judged by the tests of each rule. */
  rules: {
    mutate: [
      'lib/checks/rules/**/*.ts',
      'lib/checks/rule.ts',
      'lib/checks/rule-catalog.ts',
      'lib/checks/value-readers.ts',
      'lib/checks/public-references.ts',
      'lib/checks/echoed-arguments.ts',
      'lib/checks/read-back-lookups.ts',
      'lib/checks/file-paths.ts',
      'lib/checks/google-secret-names.ts',
      'lib/checks/other-store-writers.ts',
      'lib/checks/reading-memo.ts',
      'lib/checks/type-defaults.ts',
      'lib/checks/json-text.ts',
      'lib/checks/module-inputs.ts',
      'lib/checks/local-file-attributes.ts',
      'lib/checks/parameter-checks.ts',
      'lib/checks/forced-create-before-destroy.ts',
      'lib/checks/firewall-checks.ts',
      'lib/checks/diagnostic-checks.ts',
      'lib/checks/single-checks.ts',
      'lib/checks/pgaudit-classes.ts',
      'lib/checks/database-checks.ts',
      'lib/checks/server-administrators.ts',
      'lib/checks/password-rotation-chain.ts',
      'lib/checks/password-generators.ts',
      'lib/checks/ssm-parameter-names.ts',
      'lib/checks/dns-zone-checks.ts',
      'lib/checks/dns-zone-answers.ts',
      'lib/checks/zone-index.ts',
      'lib/checks/shadow-dns-zones.ts',
      'lib/checks/dns-forwarding-rules.ts',
      'lib/checks/public-name-shadows.ts',
      'lib/checks/private-name-shadows.ts',
      'lib/checks/security-rule-additions.ts',
      'lib/checks/shadowed-security-rules.ts',
      'lib/checks/forwarding-paths.ts',
      'lib/checks/forwarder-inputs.ts',
      'lib/checks/nginx-configurations.ts',
      'lib/checks/nginx-targets.ts',
      'lib/checks/encoded-texts.ts',
      'lib/checks/dns-record-targets.ts',
      'lib/checks/security-admin-rules.ts',
      'lib/checks/network-group-members.ts',
      'lib/checks/connectivity-configurations.ts',
      'lib/checks/outside-groups.ts',
      'lib/checks/manager-deployments.ts',
      'lib/checks/network-manager-types.ts',
      'lib/checks/server-networks.ts',
      'lib/checks/server-vnets.ts',
      'lib/checks/vnet-wide-writers.ts',
      'lib/checks/source-translators.ts',
      'lib/checks/source-rewriters.ts',
      'lib/checks/firewall-placements.ts',
      'lib/checks/firewall-application-rules.ts',
      'lib/checks/later-servers.ts',
      'lib/checks/later-parents.ts',
      'lib/checks/later-role-names.ts',
      'lib/checks/name-parents.ts',
      'lib/checks/parent-id-pattern.ts',
      'lib/checks/workspace-exports.ts',
      'lib/checks/workspace-pointers.ts',
      'lib/checks/workspace-writers.ts',
      'lib/checks/administrator-credentials.ts',
      'lib/checks/administrator-groups.ts',
      'lib/checks/administrator-lookups.ts',
      'lib/checks/named-lookups.ts',
      'lib/checks/principal-writers.ts',
      'lib/checks/later-groups.ts',
      'lib/checks/open-groups.ts',
      'lib/checks/administrator-policies.ts',
      'lib/checks/administrator-memberships.ts',
      'lib/checks/policy-scope.ts',
      'lib/checks/stack-created.ts',
      'lib/checks/directory-pointers.ts',
      'lib/checks/graph-urls.ts',
      'lib/checks/absolute-urls.ts',
      'lib/checks/http-requests.ts',
      'lib/checks/graph-write-targets.ts',
      'lib/checks/connection-secrets.ts',
      'lib/checks/client-secrets.ts',
      'lib/checks/client-tls.ts',
      'lib/checks/outbound-tls.ts',
      'lib/checks/containing-scopes.ts',
      'lib/checks/scope-patterns.ts',
      'lib/checks/network-scopes.ts',
      'lib/checks/vaulted-password-scopes.ts',
      'lib/checks/role-grants.ts',
      'lib/checks/looked-up-roles.ts',
      'lib/checks/azapi-writes.ts',
      'lib/checks/unknown-server-names.ts',
      'lib/checks/threat-protection.ts',
      'lib/checks/defender-plans.ts',
      'lib/checks/implied-grants.ts',
      'lib/checks/in-database-types.ts',
      'lib/checks/module-content.ts',
      'lib/checks/network-writers.ts',
      'lib/checks/azapi-network.ts',
      'lib/checks/made-resource-writers.ts',
      'lib/checks/second-resources.ts',
      'lib/checks/resource-twins.ts',
      'lib/checks/password-copies.ts',
      'lib/checks/later-secrets.ts',
      'lib/checks/adopted-secrets.ts',
      'lib/checks/key-vault-ids.ts',
      'lib/checks/outbound-extensions.ts',
      'lib/checks/subnet-checks.ts',
      'lib/checks/given-subnets.ts',
      'lib/checks/inline-subnets.ts',
      'lib/checks/given-groups.ts',
      'lib/checks/live-patch.ts',
      'lib/checks/given-zones.ts',
      'lib/checks/ignored-changes.ts',
      'lib/checks/server-log-levels.ts',
      'lib/checks/referenced-resources.ts',
      'lib/private/source-breadth.ts',
      'lib/private/key-vault-url.ts',
      'lib/checks/backup-retention.ts',
      'lib/checks/beside-construct.ts',
      'lib/checks/in-database-index.ts',
      'lib/checks/provider-databases.ts',
      'lib/checks/pinned-attributes.ts',
      'lib/checks/ignored-pins.ts',
      'lib/checks/traversal-text.ts',
      'lib/checks/literal-case.ts',
      'lib/checks/login-principals.ts',
      'lib/checks/forgotten-objects.ts',
      'lib/checks/destroyed-objects.ts',
      'lib/checks/instance-arguments.ts',
      'lib/checks/server-pointers.ts',
      'lib/checks/import-targets.ts',
      'lib/checks/made-object-ids.ts',
      'lib/checks/azure-keys.ts',
      'lib/checks/id-aliases.ts',
      'lib/checks/pointer-readings.ts',
      'lib/checks/statement-logging.ts',
      'lib/checks/session-settings.ts',
      'lib/checks/unquoted-sql.ts',
      'lib/checks/postgres-sent-text.ts',
      'lib/checks/postgres-booleans.ts',
      'lib/checks/static-parameter-restart.ts',
      'lib/checks/group-deletion-guard.ts',
      'lib/checks/group-managers.ts',
      'lib/checks/arm-parameters.ts',
      'lib/checks/prevent-destroy.ts',
      'lib/checks/login-identities.ts',
      'lib/checks/privilege-switches.ts',
      'lib/checks/provider-features.ts',
      'lib/checks/read-identities.ts',
      'lib/checks/administrator-identity-names.ts',
      'lib/checks/read-types.ts',
      'lib/checks/inert-types.ts',
      'lib/checks/judged-scopes.ts',
      'lib/checks/unread-writers.ts',
      'lib/checks/container-extensions.ts',
      'lib/checks/implicit-subscription.ts',
      'lib/checks/given-containers.ts',
      'lib/private/ipv6.ts',
      'lib/private/privileged-roles.ts',
      'lib/private/role-actions.ts',
      'lib/checks/custom-roles.ts',
      'lib/private/directory-powers.ts',
      'lib/checks/administrator-powers.ts',
      'lib/checks/identity-operators.ts',
      'lib/checks/perimeter-objects.ts',
      'lib/checks/listed-objects.ts',
      'lib/checks/azapi-lookup-objects.ts',
      'lib/checks/key-access-policies.ts',
      'lib/checks/hsm-role-assignments.ts',
      'lib/checks/key-scopes.ts',
      'lib/checks/adopted-objects.ts',
      'lib/checks/adopted-vaults.ts',
      'lib/checks/identity-attachments.ts',
      'lib/checks/expression-readings.ts',
      'lib/checks/block-ids.ts',
      'lib/checks/given-objects.ts',
      'lib/checks/pair-search.ts',
    ],
    tests: [
      'test/checks/rules/**/*.test.ts',
      'test/checks/rule-pack.test.ts',
      'test/checks/rule-helpers.test.ts',
      'test/checks/mutation/rules/**/*.test.ts',
      // Unit tests of helpers of this group that live beside the engine's (cdktf-free).
      'test/checks/network-scopes.test.ts',
      'test/checks/unknown-server-names.test.ts',
      'test/checks/dns-forwarding-rules.test.ts',
      'test/checks/forwarding-paths.test.ts',
      'test/checks/forwarder-inputs.test.ts',
      'test/checks/nginx-configurations.test.ts',
      'test/checks/nginx-targets.test.ts',
      'test/checks/security-admin-rules.test.ts',
      'test/checks/connectivity-configurations.test.ts',
      'test/checks/outside-groups.test.ts',
      'test/checks/manager-deployments.test.ts',
      'test/checks/network-manager-types.test.ts',
      'test/checks/vnet-wide-writers.test.ts',
      'test/checks/source-translators.test.ts',
      'test/checks/source-rewriters.test.ts',
      'test/checks/public-name-shadows.test.ts',
      'test/checks/private-name-shadows.test.ts',
      'test/checks/threat-protection.test.ts',
      'test/checks/defender-plans.test.ts',
      'test/checks/later-parents.test.ts',
      'test/checks/scope-patterns.test.ts',
      'test/checks/name-parents.test.ts',
      'test/checks/custom-roles.test.ts',
      'test/checks/administrator-powers.test.ts',
      'test/checks/identity-operators.test.ts',
      'test/checks/perimeter-objects.test.ts',
      'test/checks/listed-objects.test.ts',
      'test/checks/identity-attachments.test.ts',
      'test/checks/key-scopes.test.ts',
      'test/checks/hsm-keys.test.ts',
      'test/checks/adopted-objects.test.ts',
      'test/checks/adopted-vaults.test.ts',
      'test/checks/given-vault-literals.test.ts',
      'test/checks/expression-readings.test.ts',
      'test/checks/block-ids.test.ts',
      'test/checks/given-objects.test.ts',
      'test/checks/get-action-lookups.test.ts',
      'test/checks/adopted-given-associations.test.ts',
      'test/checks/pair-search.test.ts',
      'test/checks/stack-created.test.ts',
      'test/checks/implicit-subscription.test.ts',
      'test/checks/given-containers.test.ts',
      'test/checks/literal-case.test.ts',
      // Named after a file of this group but left out of its tests until stop 66 (test/mutation-scope.test.ts now checks).
      'test/checks/absolute-urls.test.ts',
      'test/checks/administrator-policies.test.ts',
      'test/checks/azure-keys.test.ts',
      'test/checks/directory-pointers.test.ts',
      'test/checks/group-deletion-guard.test.ts',
      'test/checks/group-managers.test.ts',
      'test/checks/id-aliases.test.ts',
      'test/checks/in-database-index.test.ts',
      'test/checks/key-vault-ids.test.ts',
      'test/checks/made-object-ids.test.ts',
      'test/checks/module-content.test.ts',
      'test/checks/network-writers.test.ts',
      'test/checks/open-groups.test.ts',
      'test/checks/pointer-readings.test.ts',
      'test/checks/public-references.test.ts',
      'test/checks/second-resources.test.ts',
      'test/checks/unquoted-sql.test.ts',
      'test/private/key-vault-url.test.ts',
    ],
  },
  /** Reading Terraform JSON, the stack model, the engine, the report and the CLI. */
  engine: {
    mutate: [
      'lib/checks/hcl-expression.ts',
      'lib/checks/dot-segments.ts',
      'lib/checks/ids-in-text.ts',
      'lib/checks/terraform-json.ts',
      'lib/checks/stack-model.ts',
      'lib/checks/sql-clients.ts',
      'lib/checks/argument-mentions.ts',
      'lib/checks/literal-names.ts',
      'lib/checks/later-pointers.ts',
      'lib/checks/locals-evaluation.ts',
      'lib/checks/evaluate.ts',
      'lib/checks/per-stack.ts',
      'lib/checks/not-judged.ts',
      'lib/checks/server-children.ts',
      'lib/checks/child-groups.ts',
      'lib/checks/stack-shape.ts',
      'lib/checks/written-text-attributes.ts',
      'lib/checks/suppressions.ts',
      'lib/checks/suppression-targets.ts',
      'lib/checks/report.ts',
      'lib/checks/terraform-requirement.ts',
      'lib/checks/access-declarations.ts',
      'lib/checks/library-comments.ts',
      'lib/checks/library-marks.ts',
      'lib/checks/made-pins.ts',
      'lib/checks/pinned-references.ts',
      'lib/checks/pin-attribute-reads.ts',
      'lib/checks/scope-sets.ts',
      'lib/checks/placement-attributes.ts',
      'lib/checks/rewritten-paths.ts',
      'lib/checks/recorded-paths.ts',
      'lib/checks/provider-facts.ts',
      'lib/checks/provider-references.ts',
      'lib/checks/unused-providers.ts',
      'lib/checks/server-copies.ts',
      'lib/checks/server-mentions.ts',
      'lib/checks/provider-hosts.ts',
      'lib/checks/writer-kinds.ts',
      'lib/checks/possible-servers.ts',
      'lib/checks/policy-writers.ts',
      'lib/checks/policy-rules.ts',
      'lib/checks/policy-overrides.ts',
      'lib/checks/dynamic-blocks.ts',
      'lib/checks/secret-literals.ts',
      'lib/checks/other-stacks.ts',
      'lib/checks/cross-stack-outputs.ts',
      'lib/checks/data-source-aliases.ts',
      'lib/checks/looked-up-blocks.ts',
      'lib/checks/instance-references.ts',
      'lib/checks/unknown-names.ts',
      'lib/checks/iterated-blocks.ts',
      'lib/checks/arm-id-lookups.ts',
      'lib/checks/remote-state-reads.ts',
      'lib/checks/reference-spelling.ts',
      'lib/checks/block-comments.ts',
      'lib/checks/attribute-reads.ts',
    ],
    // PG-SUP-1 is the engine's check of the suppression list.
    tests: ['test/checks/*.test.ts', 'test/checks/mutation/engine/**/*.test.ts', 'test/checks/rules/PG-SUP-1.test.ts'],
  },
  /**
   * The command line (`check`, `audit-roles`). Most of its suites synthesize a stack to judge, so
   * they load cdktf: in `engine` they were left out and its mutants went without coverage.
   */
  cli: {
    mutate: ['lib/cli/**/*.ts'],
    tests: ['test/cli/**/*.test.ts', 'test/audit/audit-roles-command.test.ts'],
    withCdktf: true,
  },
  /** What the report says about each server: its facts, the access diagram, links, the Markdown. */
  report: {
    mutate: [
      'lib/checks/server-facts.ts',
      'lib/checks/database-inventory.ts',
      'lib/checks/access-diagram.ts',
      'lib/checks/reference-links.ts',
      'lib/checks/report-markdown.ts',
      'lib/checks/markdown-text.ts',
    ],
    tests: [
      'test/checks/server-facts.test.ts',
      'test/checks/access-diagram.test.ts',
      'test/checks/reference-links.test.ts',
      'test/checks/report-matrix.test.ts',
      'test/checks/report.test.ts',
      'test/checks/report-in-database.test.ts',
      'test/checks/mutation/report/**/*.test.ts',
    ],
    withCdktf: true,
  },
  /** What runs in `cdktf synth`: applying the pack to a construct tree, suppressions, reports. */
  synth: {
    mutate: ['lib/checks/postgres-security-checks.ts', 'lib/checks/suppression-registry.ts', 'lib/checks/library-copy.ts', 'lib/checks/written-form.ts', 'lib/checks/written-stacks.ts'],
    tests: ['test/checks/**/*.test.ts', 'test/cli/**/*.test.ts'],
    withCdktf: true,
  },
  /** Pure helpers of validation: reasons, IPv4 ranges and their breadth; and the pgaadauth label's readers (no cdktf). */
  ranges: {
    mutate: ['lib/private/reason-text.ts', 'lib/private/ipv4.ts', 'lib/private/firewall-breadth.ts', 'lib/private/postgres-server-id.ts', 'lib/private/literal-pattern.ts', 'lib/private/pgaadauth-label.ts'],
    tests: ['test/private/pure/**/*.test.ts', 'test/shared/postgres-server-id.test.ts', 'test/checks/mutation/ranges/**/*.test.ts'],
  },
  /**
   * The constructs' validation: the props' shape, literals and tokens, resource ids, the error
   * itself. Judged by their unit tests (test/private) and the check that each shape matches its
   * props type; the suites that synthesize stacks (validation, tokens, JavaScript callers) would
   * load for every mutant and make a run take hours.
   */
  validation: {
    mutate: [
      'lib/private/validate.ts',
      'lib/private/shape.ts',
      'lib/private/validation-error.ts',
      'lib/private/tokens.ts',
      'lib/private/resource-id.ts',
      'lib/flexible-server/props-shape.ts',
      'lib/single-server/props-shape.ts',
      'lib/database/props-shape.ts',
      'lib/private/snapshot.ts',
      'lib/private/library-classes.ts',
      'lib/private/caller-arguments.ts',
    ],
    tests: ['test/private/*.test.ts', 'test/props-shape.test.ts', 'test/props-read-once.test.ts', 'test/caller-arguments.test.ts', 'test/tokens.test.ts', 'test/database/tokens.test.ts'],
    withCdktf: true,
  },
  /** The database constructs' validation of roles and access. */
  database: {
    mutate: ['lib/database/validate-access.ts', 'lib/database/validate-roles.ts'],
    // errors-catalog holds the errors only a DatabaseAccess can cause, with their whole messages.
    tests: ['test/database/validation.test.ts', 'test/database/tokens.test.ts', 'test/errors-catalog.test.ts', 'test/database/mutation/**/*.test.ts'],
    withCdktf: true,
  },
  /** The constructs' suppressions of the rules a justified weakening fails, and of their own resources. */
  suppressions: {
    mutate: [
      methodLines('lib/flexible-server/secure-flexible-server.ts', 'function applySecurityChecks('),
      methodLines('lib/flexible-server/secure-flexible-server.ts', 'function addPublicAccess('),
      methodLines('lib/single-server/secure-single-server.ts', 'function applySecurityChecks('),
      methodLines('lib/single-server/secure-single-server.ts', 'function addPublicAccess('),
      methodLines('lib/shared/firewall-range.ts', 'export function warnWideRanges('),
      methodLines('lib/flexible-server/subnet-security-group.ts', 'export function warnWideSources('),
      // The warning that goes with each weakening.
      'lib/private/warnings.ts',
    ],
    tests: [
      'test/checks/construct-suppressions.test.ts',
      'test/checks/trust.test.ts',
      'test/shared/firewall-breadth.test.ts',
      'test/flexible-server/subnet-security.test.ts',
      'test/checks/audit-logging-trust.test.ts',
      'test/checks/mutation/suppressions/**/*.test.ts',
    ],
    withCdktf: true,
  },
};

/** The groups scripts/mutation.js runs, in this order. */
export const GROUP_NAMES = Object.keys(GROUPS);

/** Every file or range some group mutates (test/mutation-scope.test.ts: no file of lib/checks is left out). */
export const MUTATED = Object.values(GROUPS).flatMap((each) => each.mutate);

const groupName = process.env.MUTATION_GROUP ?? 'rules';
const group = GROUPS[groupName];
if (group === undefined) throw new Error(`MUTATION_GROUP=${groupName}: use one of ${Object.keys(GROUPS).join(', ')}`);

// MUTATION_TESTS=<glob>,<glob> narrows a group's tests, to iterate on one file with `--mutate <file>`.
const tests = process.env.MUTATION_TESTS?.split(',') ?? group.tests;

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
      testMatch: tests.map((glob) => `<rootDir>/${glob}`),
      testPathIgnorePatterns: ['/node_modules/', ...(group.withCdktf ? [] : CDKTF_SUITES.map((suite) => `<rootDir>/${suite}`))],
    },
  },
  // Each mutant runs only the tests that reach it.
  coverageAnalysis: 'perTest',
  mutate: group.mutate,
  // The sandbox gets what the tests read, nothing else: no cdktf.out, dist, caches or worktrees.
  // examples: the report's tests judge the example stacks.
  ignorePatterns: ['/*', '!/lib', '!/test', '!/docs', '!/examples', '/examples/**/cdktf.out', '/examples/**/node_modules', '!/package.json', '!/jest.config.js', '!/tsconfig.json'],
  tempDirName: `.stryker-tmp/${groupName}`,
  // The machines have 2 cores, shared.
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${groupName}/mutation.html` },
  jsonReporter: { fileName: `reports/mutation/${groupName}/mutation.json` },
  incrementalFile: `reports/mutation/${groupName}/stryker-incremental.json`,
  thresholds: { high: 95, low: 90, break: 90 },
};
