import { rule } from '../../../lib/checks/rules/PGF-IAM-2';
import { compliantFlexibleServer, FLEXIBLE, judge, outsideAddress } from '../rule-harness';

const ADMINISTRATOR = 'azurerm_postgresql_flexible_server_active_directory_administrator';
const admin = (serverName: string) => ({
  server_name: serverName,
  resource_group_name: 'rg',
  tenant_id: '11111111-2222-3333-4444-555555555555',
  object_id: '66666666-7777-8888-9999-000000000000',
  principal_name: 'db-admins',
  principal_type: 'Group',
});

test('passes with an Entra administrator for the server', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() }, [ADMINISTRATOR]: { admins: admin(`\${${FLEXIBLE}.db.name}`) } })).toEqual({ status: 'pass' });
});

test('passes with an administrator that names the server literally', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() }, [ADMINISTRATOR]: { admins: admin('orders-db') } })).toEqual({ status: 'pass' });
});

test('fails without an Entra administrator', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() } })).toEqual({
    status: 'fail',
    message: 'no azurerm_postgresql_flexible_server_active_directory_administrator is provisioned for the server.',
    address: undefined,
  });
});

test('fails when the only administrator belongs to another server', () => {
  const resources = {
    [FLEXIBLE]: { db: compliantFlexibleServer(), other: compliantFlexibleServer({ name: 'other-db' }) },
    [ADMINISTRATOR]: { admins: admin(`\${${FLEXIBLE}.other.name}`) },
  };
  expect(judge(rule, resources)).toMatchObject({ status: 'fail' });
});

test('does not apply to a server defined outside this stack that has no administrator here', () => {
  const pointer = '/subscriptions/0/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/ext-db';
  const resources = { azurerm_postgresql_flexible_server_configuration: { p: { name: 'log_checkpoints', value: 'on', server_id: pointer } } };
  expect(judge(rule, resources, outsideAddress('flexible', pointer))).toMatchObject({ status: 'not-applicable' });
});
