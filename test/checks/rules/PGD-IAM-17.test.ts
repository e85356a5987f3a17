import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack } from 'cdktf';
import { postgresqlProviders } from '../../../lib/checks/database-checks';
import { evaluateStack } from '../../../lib/checks/evaluate';
import { ALL_RULES } from '../../../lib/checks/rules';
import { Verdict } from '../../../lib/checks/rule';
import { rule } from '../../../lib/checks/rules/PGD-IAM-17';
import { buildStackModel, TerraformBlock } from '../../../lib/checks/stack-model';
import { runCheck } from '../../../lib/cli/check-command';
import { synthErrors } from '../../helpers';
import { accessStack as fixtureStack, VENDOR_REASON } from '../../support/database-fixture';
import { databaseStack, groupRole, passwordRole } from '../database-fixtures';
import { FLEXIBLE } from '../rule-harness';

/** Every verdict on the server "db" of a stack with these roles. */
function verdicts(roles: { [name: string]: TerraformBlock }): readonly Verdict[] {
  const terraform = databaseStack({ postgresql_role: roles });
  const model = buildStackModel(terraform);
  const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  const result = rule.evaluate(server, { postgresqlProviders: postgresqlProviders(terraform), resources: model.resources });
  return Array.isArray(result) ? result : [result as Verdict];
}

test('passes roles without a password: group roles and Entra logins', () => {
  expect(verdicts({ readonly: groupRole('orders_readonly'), app: groupRole('orders_app', { login: true }) })).toEqual([{ status: 'pass' }]);
  expect(verdicts({ blank: groupRole('orders_blank', { login: true, password: '', password_wo: null }) })).toEqual([{ status: 'pass' }]);
});

test('is not applicable without in-database resources', () => {
  const model = buildStackModel(databaseStack({}));
  expect(rule.evaluate(model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: model.resources }))
    .toEqual({ status: 'not-applicable', note: 'no postgresql provider resource signs in to the server' });
});

test.each([
  ['password_wo', passwordRole('vendor')],
  ['password', groupRole('vendor', { login: true, password: '${var.vendor_password}' })],
  ['password and password_wo', passwordRole('vendor', { password: '${var.vendor_password}' })],
])('fails a role that writes %s, each role apart', (written, vendor) => {
  expect(verdicts({ vendor, app: groupRole('orders_app', { login: true }), other: passwordRole('other') })).toEqual([
    expect.objectContaining({ status: 'fail', address: 'postgresql_role.other' }),
    { status: 'fail', message: `role vendor signs in with a password (${written}), a secret that can be reused or leaked and that Entra ID's sign-in controls do not cover.`, address: 'postgresql_role.vendor' },
  ]);
});

/** The fixture's server and DatabaseAccess (one password member), in a stack with its azurerm provider. */
function accessStack(): { stack: TerraformStack } {
  const built = fixtureStack();
  new AzurermProvider(built.stack, 'azurerm', { features: [{}] });
  return built;
}

/** The stack's JSON with the library's lists in its top-level comment, as synth writes it. */
const writtenJson = (stack: TerraformStack) => JSON.parse(JSON.stringify(stack.toTerraform()));

describe('DatabaseAccess', () => {
  const findingsOf = (terraform: unknown) => evaluateStack(terraform, ALL_RULES).findings.filter((finding) => finding.ruleId === 'PGD-IAM-17');

  test('a password member\'s justification suppresses the finding on its own role, and its Entra members pass', () => {
    const { stack } = accessStack();
    expect(synthErrors(stack)).toEqual([]);
    const findings = findingsOf(writtenJson(stack));
    expect(findings.filter((finding) => finding.status !== 'pass')).toEqual([
      expect.objectContaining({ status: 'suppressed', reason: VENDOR_REASON, address: expect.stringMatching(/^postgresql_role\.OrdersAccess_PasswordRole-billing_vendor_Role_\w+$/) }),
    ]);
  });

  test('an override that gives an Entra member a password fails synth: the justification covers the password member only', () => {
    const { stack } = accessStack();
    const entra = stack.node.findAll().find((c) => c.node.path === 'orders/OrdersAccess/Role-orders_app/Role') as unknown as { addOverride(path: string, value: unknown): void; friendlyUniqueId: string };
    entra.addOverride('password_wo', '${var.app_password}');
    expect(synthErrors(stack).filter((line) => line.includes('PGD-IAM-17'))).toEqual([
      expect.stringContaining(`postgresql_role.${entra.friendlyUniqueId} PGD-IAM-17 role orders_app signs in with a password (password_wo)`),
    ]);
  });

  // 70th run, C1 and C8: the justified choice was a synth warning only; deleting the warnings list from the JSON hid it from check.
  test('check still shows the password member as a suppressed finding when the JSON\'s warnings list is deleted, in SARIF too', () => {
    const { stack } = accessStack();
    const terraform = writtenJson(stack);
    expect(terraform['//']['cdktf-azure-postgres-warnings']).toContainEqual(expect.objectContaining({ id: 'DatabasePasswordRole' }));
    delete terraform['//']['cdktf-azure-postgres-warnings'];
    const file = join(mkdtempSync(join(tmpdir(), 'pgd-iam-17-')), 'cdk.tf.json');
    writeFileSync(file, JSON.stringify(terraform));
    const out: string[] = [];
    expect(runCheck(['check', file, '--format', 'sarif'], { out: (line) => out.push(line), err: () => undefined })).toBe(0);
    const results = (JSON.parse(out.join('\n')) as { runs: { results: { ruleId: string; suppressions?: { justification: string }[] }[] }[] }).runs[0].results;
    expect(results.filter((result) => result.ruleId === 'PGD-IAM-17')).toEqual([
      expect.objectContaining({ suppressions: [expect.objectContaining({ justification: VENDOR_REASON })] }),
    ]);
  });
});
