import { rule } from '../../../lib/checks/rules/PGD-IAM-16';
import { databaseStack, groupRole, judgeAllIn, judgeIn } from '../database-fixtures';

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
