// PGD-IAM-9 and PGD-IAM-10 on a provider whose password or azure_identity_auth is written null
// (Terraform's "not set"), beyond their own tests.
import { rule as noPassword } from '../../../../lib/checks/rules/PGD-IAM-9';
import { rule as entraToken } from '../../../../lib/checks/rules/PGD-IAM-10';
import { databaseStack, groupRole, judgeAllIn, PROVIDER } from '../../database-fixtures';

function withProvider(attributes: { [key: string]: unknown }): ReturnType<typeof databaseStack> {
  const stack = databaseStack({ postgresql_role: { ro: groupRole('orders_readonly') } });
  const [provider] = (stack.provider as { postgresql: { [key: string]: unknown }[] }).postgresql;
  return { ...stack, provider: { postgresql: [{ ...provider, ...attributes }] } };
}

test('a password written null is no password', () => {
  expect(judgeAllIn(noPassword, withProvider({ password: null }))).toEqual([{ status: 'pass' }]);
});

test('azure_identity_auth written null is the default, false', () => {
  expect(judgeAllIn(entraToken, withProvider({ azure_identity_auth: null }))).toEqual([{
    status: 'fail',
    message: `provider ${PROVIDER} has azure_identity_auth not set (the default, false), so it signs in with a password instead of an Entra token.`,
    address: 'postgresql_role.ro',
  }]);
});
