import { rule } from '../../../lib/checks/rules/PGS-IAM-3';
import { judgeAll } from '../rule-harness';
import { singleStack } from '../single-fixtures';

const admin = (tenant: string) => ({ server_name: '${azurerm_postgresql_server.db.name}', resource_group_name: 'rg', login: 'db-admins', object_id: '99999999-9999-9999-9999-999999999999', tenant_id: tenant });

test('passes one Entra administrator', () => {
  expect(judgeAll(rule, singleStack({ azurerm_postgresql_active_directory_administrator: { admin: admin('11111111-2222-3333-4444-555555555555') } }))).toEqual([{ status: 'pass' }]);
});

test('fails a second Entra administrator, of another tenant', () => {
  const admins = { admin: admin('11111111-2222-3333-4444-555555555555'), outsider: admin('99999999-2222-3333-4444-555555555555') };
  expect(judgeAll(rule, singleStack({ azurerm_postgresql_active_directory_administrator: admins }))).toEqual([{
    status: 'fail',
    message: 'azurerm_postgresql_active_directory_administrator.outsider is a second Entra administrator of the server (azurerm_postgresql_active_directory_administrator.admin, azurerm_postgresql_active_directory_administrator.outsider): Single Server keeps one, so each apply replaces the other.',
    address: 'azurerm_postgresql_active_directory_administrator.outsider',
  }]);
});
