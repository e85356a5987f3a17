import { evaluateStack } from '../../lib/checks/evaluate';
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
