import { rule } from '../../../lib/checks/rules/PGD-IAM-10';
import { databaseStack, groupRole, judgeAllIn, judgeIn, PROVIDER } from '../database-fixtures';

const ROLES = { postgresql_role: { ro: groupRole('orders_readonly') } };

/** The fixture's stack with its provider's azure_identity_auth replaced (undefined: not written). */
function withIdentity(value: unknown): ReturnType<typeof databaseStack> {
  const stack = databaseStack(ROLES);
  const [provider] = (stack.provider as { postgresql: { [key: string]: unknown }[] }).postgresql;
  const rest = Object.fromEntries(Object.entries(provider).filter(([key]) => key !== 'azure_identity_auth'));
  return { ...stack, provider: { postgresql: [value === undefined ? rest : { ...rest, azure_identity_auth: value }] } };
}

test('passes a provider that signs in with an Entra token', () => {
  expect(judgeIn(rule, databaseStack(ROLES))).toEqual({ status: 'pass' });
  expect(judgeIn(rule, withIdentity('true'))).toEqual({ status: 'pass' });
});

test('is not applicable when no postgresql resource or data source signs in to the server', () => {
  expect(judgeIn(rule, databaseStack({}))).toEqual({ status: 'not-applicable', note: 'no postgresql provider resource or data source signs in to the server' });
});

test.each([
  [false, 'false'],
  ['false', '"false"'],
  [undefined, 'not set (the default, false)'],
])('fails azure_identity_auth %p: the provider signs in with a password', (value, shown) => {
  expect(judgeAllIn(rule, withIdentity(value))).toEqual([{
    status: 'fail',
    message: `provider ${PROVIDER} has azure_identity_auth ${shown}, so it signs in with a password instead of an Entra token.`,
    address: 'postgresql_role.ro',
  }]);
});

test('an azure_identity_auth known only at apply time is unknown, never a pass', () => {
  expect(judgeIn(rule, withIdentity('${var.entra}'))).toEqual({
    status: 'unknown',
    note: `the azure_identity_auth of provider ${PROVIDER} is known only at apply time`,
    address: 'postgresql_role.ro',
  });
});

test('is a warning: a raw stack may sign in with a password (an error on a library construct\'s server)', () => {
  expect(rule.severity).toBe('warning');
});
