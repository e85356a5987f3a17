import { rule } from '../../../lib/checks/rules/PGD-IAM-16';
import { databaseStack, databaseStackWithAdministrators, declaredAccess, groupRole, judgeAllIn, judgeDeclared, judgeIn } from '../database-fixtures';

// The twin of DB-ROLE-NAME-RESERVED, which DatabaseAccess checks only on literal names: a name given
// as a token (a Lazy, a local) is judged as the JSON writes it (twelfth review, A12a-18).

test('passes roles with names of their own', () => {
  expect(judgeIn(rule, databaseStack({ postgresql_role: { ro: groupRole('orders_readonly'), app: groupRole('orders_app', { login: true }) } }))).toEqual({ status: 'pass' });
});

test.each([
  ['azure_pg_admin', 'azure_pg_admin'],
  ['Azure_PG_Admin', 'Azure_PG_Admin'],
  ['azuresu', 'azuresu'],
  ['pg_read_all_data', 'pg_read_all_data'],
  ['postgres', 'postgres'],
  ['public', 'public'],
  ['${"azure_pg_admin"}', 'azure_pg_admin'],
  ['${lower("REPLICATION")}', 'replication'],
  ['${local.admin}', 'localadmin'],
])('fails a role named %s', (name, reserved) => {
  const stack = { ...databaseStack({ postgresql_role: { ok: groupRole('orders_readonly'), bad: groupRole(name, { login: true }) } }), locals: { admin: 'localadmin' } };
  expect(judgeAllIn(rule, stack)).toEqual([{
    status: 'fail',
    message: `postgresql_role.bad names its role "${reserved}", which PostgreSQL or Azure owns: not a role the stack may create or take over.`,
    address: 'postgresql_role.bad',
  }]);
});

// PostgreSQL itself refuses CREATE ROLE of an existing role or of a pg_ name, so a name known only at apply
// time cannot become a reserved role silently: apply fails (documented in the rule).
test('a name known only at apply time is not judged by this rule', () => {
  expect(judgeIn(rule, databaseStack({ postgresql_role: { app: groupRole('${var.role_name}', { login: true }) } }))).toEqual({ status: 'pass' });
});

test('does not apply without in-database resources', () => {
  expect(judgeIn(rule, { resource: databaseStack({}).resource })).toMatchObject({ status: 'not-applicable' });
});

// 85th run, A85c-3: a postgresql_role named as one of the server's administrators takes that role over (an import adopts it; its
// password, login and memberships become the block's): the local administrator_login, an Entra administrator's principal name,
// the administrator a DatabaseAccess signs in as.
describe('a role named as an administrator (A85c-3)', () => {
  const IMPORTED = (address: string, id: string) => ({ import: [{ to: address, id }] });
  const stack = (name: string, extra: object = {}) => ({
    ...databaseStackWithAdministrators({ postgresql_role: { ro: groupRole('orders_readonly'), adm: groupRole(name, { login: true, password_wo: '${var.break_glass}' }) } }),
    ...extra,
  });
  /** The stack with its Entra administrator named by a variable. */
  const laterAdministrator = <T extends { resource: object }>(json: T): T => {
    const resource = json.resource as { [type: string]: { [name: string]: object } };
    const admins = resource.azurerm_postgresql_flexible_server_active_directory_administrator;
    return { ...json, resource: { ...resource, azurerm_postgresql_flexible_server_active_directory_administrator: { dba: { ...admins.dba, principal_name: '${var.admin_group_name}' } } } };
  };
  test.each([
    ['pgadmin_ops', 'the local administrator'],
    ['PGADMIN_OPS', 'any case, as the other administrator rules compare'],
    ['grp-dba', 'the Entra administrator'],
    ['${var.other ? "app" : "grp-dba"}', 'a choice of it'],
  ])('%s (%s) fails, imported or not', (name) => {
    for (const extra of [{}, IMPORTED('postgresql_role.adm', 'pgadmin_ops')]) {
      const verdicts = judgeAllIn(rule, stack(name, extra));
      expect(verdicts).toEqual([{
        status: 'fail',
        message: expect.stringContaining('the role of one of the server\'s administrators: a postgresql_role of that name takes it over') as string,
        address: 'postgresql_role.adm',
      }]);
    }
  });
  test('the administrator DatabaseAccess signs in as fails', () => {
    const verdicts = judgeDeclared(rule, databaseStack({ postgresql_role: { adm: groupRole('grp-dba', { login: true }) } }), [declaredAccess({ principalName: 'grp-dba' })]);
    expect(verdicts).toEqual([expect.objectContaining({ status: 'fail', address: 'postgresql_role.adm' })]);
  });
  test('the very expression an administrator is named with fails', () => {
    const json = laterAdministrator(stack('${var.admin_group_name}'));
    expect(judgeAllIn(rule, json)[0]).toMatchObject({ status: 'fail', message: 'postgresql_role.adm names its role "${var.admin_group_name}", the role of one of the server\'s administrators: a postgresql_role of that name takes it over (its password, login and memberships), a second way in.' });
    const connectAs = judgeDeclared(rule, databaseStack({ postgresql_role: { adm: groupRole('${var.dba}', { login: true }) } }), [declaredAccess({ principalName: '${var.dba}' })]);
    expect(connectAs).toEqual([expect.objectContaining({ status: 'fail', address: 'postgresql_role.adm' })]);
  });
  test('an adopted role whose name, or an administrator\'s, is known only at apply time is unknown', () => {
    expect(judgeAllIn(rule, stack('${var.role_name}', IMPORTED('postgresql_role.adm', 'x')))[0]).toMatchObject({ status: 'unknown', address: 'postgresql_role.adm' });
    const later = laterAdministrator(stack('break_glass', IMPORTED('postgresql_role.adm', 'break_glass')));
    expect(judgeAllIn(rule, later)[0]).toMatchObject({ status: 'unknown', address: 'postgresql_role.adm' });
  });
  test('controls: another name passes, imported or not; a name known later, not adopted, passes', () => {
    expect(judgeAllIn(rule, stack('break_glass', IMPORTED('postgresql_role.adm', 'break_glass')))).toEqual([{ status: 'pass' }]);
    expect(judgeAllIn(rule, stack('${var.role_name}'))).toEqual([{ status: 'pass' }]);
  });
});

// 87th run, A87a-5: a name read from an administrator's name attribute, or the administrator's expression under a function that
// keeps its text, is the administrator's; a name that adds text to it is another role.
describe('a role named from an administrator\'s name attribute (A87a-5)', () => {
  const named = (name: string) => databaseStackWithAdministrators({ postgresql_role: { adm: groupRole(name, { login: true }) } });
  test.each([
    '${azurerm_postgresql_flexible_server.db.administrator_login}',
    '${azurerm_postgresql_flexible_server_active_directory_administrator.dba.principal_name}',
    '${trimspace(azurerm_postgresql_flexible_server.db.administrator_login)}',
  ])('%s fails', (name) => {
    expect(judgeAllIn(rule, named(name))).toEqual([expect.objectContaining({ status: 'fail', address: 'postgresql_role.adm' })]);
  });
  test('trimspace of the expression an administrator is named with fails', () => {
    const json = databaseStackWithAdministrators({ postgresql_role: { adm: groupRole('${trimspace(var.admin_group_name)}', { login: true }) } });
    const resource = json.resource as { [type: string]: { [name: string]: object } };
    const admins = resource.azurerm_postgresql_flexible_server_active_directory_administrator;
    const later = { ...json, resource: { ...resource, azurerm_postgresql_flexible_server_active_directory_administrator: { dba: { ...admins.dba, principal_name: '${var.admin_group_name}' } } } };
    expect(judgeAllIn(rule, later)).toEqual([expect.objectContaining({ status: 'fail', address: 'postgresql_role.adm' })]);
  });
  test('a name that adds text to it passes', () => {
    expect(judgeAllIn(rule, named('${azurerm_postgresql_flexible_server.db.administrator_login}_app'))).toEqual([{ status: 'pass' }]);
  });
});
