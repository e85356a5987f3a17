import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { PostgresqlProvider } from '@cdktf/provider-postgresql/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { evaluateStack } from '../../lib/checks/evaluate';
import { PostgresSecurityChecks } from '../../lib/checks/postgres-security-checks';
import { ALL_RULES } from '../../lib/checks/rules';
import { databaseStack, groupRole } from './database-fixtures';

// Adversarial run of stop 70, A23: a postgresql provider that no block signs in with reaches no server's rules, yet a password written
// into it is in cdk.tf.json: PGD-IAM-9 fails it on the stack.

const SECRET = 'Sup3rSecret!Passw0rd';
const UNUSED = { alias: 'break_glass', host: 'orders-db.postgres.database.azure.com', username: 'pgadmin', sslmode: 'require' };

/** The fixture's stack (its provider postgresql.db signs in for a role) with more postgresql provider configurations. */
function withProviders(...extra: object[]): object {
  const stack = databaseStack({ postgresql_role: { ro: groupRole('orders_readonly') } }) as { provider: { postgresql: object[] } };
  return { ...stack, provider: { postgresql: [...stack.provider.postgresql, ...extra] } };
}

function providerFindings(terraform: object, others?: { path: string; terraform: unknown }[]) {
  const evaluation = evaluateStack(terraform, ALL_RULES, others === undefined ? {} : { app: { path: 'ops', others, complete: true } });
  expect(evaluation.problems).toEqual([]);
  return evaluation.findings.filter((f) => f.ruleId === 'PGD-IAM-9' && f.status !== 'pass' && f.status !== 'not-applicable');
}

test.each([
  ['an aliased configuration', { ...UNUSED, password: SECRET }, 'postgresql.break_glass', 'is a literal, so the password is written in the configuration'],
  ['the default configuration', { host: UNUSED.host, password: `\${"${SECRET}"}` }, 'postgresql', 'is a literal, so the password is written in the configuration'],
  ['a password built from constants', { ...UNUSED, password: '${base64decode("c2VjcmV0")}' }, 'postgresql.break_glass', 'is built only from constants, so the password is written in the configuration'],
])('fails %s that no block uses and that writes its password, without showing it', (_, provider, key, problem) => {
  const findings = providerFindings(withProviders(provider));
  expect(findings.map(({ server, address, status, message }) => ({ server, address, status, message }))).toEqual([{
    server: '(stack)', address: `provider.${key}`, status: 'fail',
    message: `provider ${key}: password ${problem}, although no resource or data source signs in with it (Terraform leaves it out of the plan).`,
  }]);
  expect(JSON.stringify(findings)).not.toContain(SECRET);
});

test('passes an unused configuration without a password, with an empty one, or with one plain reference', () => {
  expect(providerFindings(withProviders({ ...UNUSED }, { ...UNUSED, alias: 'b', password: '' }, { ...UNUSED, alias: 'c', password: '${var.pg_password}' }))).toEqual([]);
});

// Review of stop 70 (D9): a configuration named as Terraform reads it ("postgresql . x") is used.
test('no stack finding when a block names it with blanks', () => {
  const stack = withProviders({ ...UNUSED, password: SECRET }) as any;
  const findings = providerFindings({ ...stack, resource: { ...stack.resource, postgresql_role: { x: { name: 'x', provider: 'postgresql . break_glass' } } } });
  expect(findings.filter((f) => f.server === '(stack)')).toEqual([]);
});

// Adversarial run of stop 71, B71-7: given only to modules, no server's rule reads its password: the stack's finding names them.
test('a configuration given only to modules fails on the stack, naming them', () => {
  const stack = withProviders({ ...UNUSED, password: SECRET }) as any;
  const findings = providerFindings({ ...stack, module: { m: { source: './m', providers: { postgresql: 'postgresql . break_glass' } } } });
  expect(findings.filter((f) => f.server === '(stack)').map((f) => f.message)).toEqual([
    'provider postgresql.break_glass: password is a literal, so the password is written in the configuration; only module.m is given it, whose blocks the checks cannot read.',
  ]);
});

test('a configuration a block signs in with is judged on its server only, once', () => {
  const stack = databaseStack({ postgresql_role: { ro: groupRole('orders_readonly') } }) as { provider: { postgresql: object[] } };
  const used = { ...stack, provider: { postgresql: [{ ...stack.provider.postgresql[0], password: SECRET }] } };
  expect(providerFindings(used).map(({ server, address }) => ({ server, address }))).toEqual([{ server: 'azurerm_postgresql_flexible_server.db', address: 'postgresql_role.ro' }]);
});

test('another stack\'s unused configuration is judged in that stack, not in the one it is joined to', () => {
  const other = { provider: { postgresql: [{ ...UNUSED, password: SECRET }] } };
  expect(providerFindings(withProviders(), [{ path: 'data', terraform: other }])).toEqual([]);
  expect(providerFindings(other)).toHaveLength(1);
});

// Review of stop 70 (D15): a provider block has no construct path in the JSON, so the finding is the stack's, and a suppression on
// the stack waives it (printed at synth, as every suppression is).
describe('at synth', () => {
  function stackWithUnusedProvider(suppressed: boolean): App {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'unused-provider-')) });
    const stack = new TerraformStack(app, 'ops');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    new ResourceGroup(stack, 'Group', { name: 'rg-ops', location: 'westeurope' });
    new PostgresqlProvider(stack, 'BreakGlass', { alias: 'break_glass', host: 'orders-db.postgres.database.azure.com', username: 'pgadmin', password: SECRET, sslmode: 'verify-full' });
    PostgresSecurityChecks.applyTo(stack);
    if (suppressed) PostgresSecurityChecks.suppress(stack, 'PGD-IAM-9', 'break-glass provider for incident SEC-900, rotated after use');
    return app;
  }

  test('fails synth on the stack, without showing the password', () => {
    expect(() => stackWithUnusedProvider(false).synth()).toThrow(/\[ops\] provider\.postgresql\.break_glass PGD-IAM-9 provider postgresql\.break_glass: password is a literal/);
    try {
      stackWithUnusedProvider(false).synth();
    } catch (error) {
      expect((error as Error).message).not.toContain(SECRET);
    }
  });

  test('a suppression on the stack waives it, printed at synth', () => {
    const app = stackWithUnusedProvider(true);
    expect(() => app.synth()).not.toThrow();
    const warnings = app.node.findChild('ops').node.metadata.map((entry) => String(entry.data));
    expect(warnings).toContainEqual(expect.stringMatching(/^provider\.postgresql\.break_glass PGD-IAM-9 is suppressed \(break-glass provider for incident SEC-900, rotated after use\): /));
  });
});
