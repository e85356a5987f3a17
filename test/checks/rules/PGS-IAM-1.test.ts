import { rule } from '../../../lib/checks/rules/PGS-IAM-1';
import { judge } from '../rule-harness';
import { ADMINISTRATOR, CONFIGURATION, EXTERNAL, externalChild, SERVER_NAME, singleStack } from '../single-fixtures';

const ENTRA_ADMIN = {
  login: 'pg-admins',
  object_id: '11111111-2222-3333-4444-555555555555',
  tenant_id: '66666666-7777-8888-9999-000000000000',
};

test('passes when an Entra administrator is provisioned', () => {
  expect(judge(rule, singleStack({ [ADMINISTRATOR]: { admin: { ...ENTRA_ADMIN, server_name: SERVER_NAME, resource_group_name: 'rg' } } }))).toEqual({ status: 'pass' });
});

test('fails when the server has no Entra administrator', () => {
  expect(judge(rule, singleStack())).toEqual({
    status: 'fail',
    message: 'no azurerm_postgresql_active_directory_administrator belongs to the server, so only the local administrator can sign in.',
  });
});

test('passes an administrator of a server outside the stack', () => {
  expect(judge(rule, { [ADMINISTRATOR]: { admin: externalChild(ENTRA_ADMIN) } }, EXTERNAL)).toEqual({ status: 'pass' });
});

test('does not apply to a server outside the stack that the stack gives no administrator', () => {
  expect(judge(rule, { [CONFIGURATION]: { p: externalChild({ name: 'log_checkpoints', value: 'on' }) } }, EXTERNAL)).toMatchObject({ status: 'not-applicable' });
});
