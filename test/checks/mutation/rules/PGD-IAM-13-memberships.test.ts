// PGD-IAM-13 beyond its own tests: an entry of roles known only later, roles of an undeclared role
// known only later, a group with several declared members, a member named by an expression, an
// entry that names no role, a password login (no Entra label), labels of other providers, and a
// rule run without the stack's declarations.
import { rule } from '../../../../lib/checks/rules/PGD-IAM-13';
import { buildStackModel } from '../../../../lib/checks/stack-model';
import { APP_OBJECT_ID, databaseStack, declaredAccess, groupRole, judgeDeclared } from '../../database-fixtures';
import { FLEXIBLE } from '../../rule-harness';

const MAPPING = `aadauth,oid=${APP_OBJECT_ID},type=service`;
const GROUPS = { ro: groupRole('orders_readonly'), rw: groupRole('orders_readwrite'), owner: groupRole('orders_owner') };
const app = (overrides: object = {}) => groupRole('orders_app', { login: true, roles: ['${postgresql_role.rw.name}'], ...overrides });
const label = (role: string, overrides: object = {}) => ({ object_type: 'role', object_name: role, label_provider: 'pgaadauth', label: MAPPING, ...overrides });

/** The roles DatabaseAccess makes (the login changed by overrides), its label, and other in-database resources. */
function withRoles(appOverrides: object = {}, resources: { [type: string]: object } = {}): ReturnType<typeof databaseStack> {
  const { postgresql_role: roles, postgresql_security_label: labels, ...others } = resources;
  return databaseStack({
    postgresql_role: { ...GROUPS, app: app(appOverrides), ...roles },
    postgresql_security_label: { app: label('${postgresql_role.app.name}'), ...labels },
    ...others,
  } as never);
}
const unknownAt = (what: string, address: string) => ({ status: 'unknown', note: `${what} of ${address} is known only at apply time`, address });

test('a rule run without the stack\'s declarations does not apply', () => {
  const server = buildStackModel(withRoles()).servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  expect(rule.evaluate(server)).toEqual({ status: 'not-applicable', note: 'no DatabaseAccess manages the server' });
});

test('an entry of a declared login\'s roles known only at apply time is unknown, named as an entry', () => {
  expect(judgeDeclared(rule, withRoles({ roles: ['${postgresql_role.rw.name}', '${var.group}'] }))).toEqual([unknownAt('an entry of roles', 'postgresql_role.app')]);
});

test('an entry of roles that names no role is skipped', () => {
  expect(judgeDeclared(rule, withRoles({ roles: [null, '${postgresql_role.rw.name}'] }))).toEqual([{ status: 'pass' }]);
});

test('the roles of a role it does not declare, known only at apply time, are unknown', () => {
  const stack = withRoles({}, { postgresql_role: { analyst: groupRole('analyst', { login: true, roles: '${var.groups}' }), other: groupRole('other', { login: true, roles: ['${var.group}'] }) } });
  expect(judgeDeclared(rule, stack)).toEqual([unknownAt('roles', 'postgresql_role.analyst'), unknownAt('roles', 'postgresql_role.other')]);
});

test('names every declared member of a group an undeclared role joins, and a member named by an expression', () => {
  const declaration = declaredAccess({
    logins: [{ name: 'orders_app', group: 'orders_readwrite', label: MAPPING }, { name: 'orders_batch', group: 'orders_owner' }, { name: 'orders_deploy', group: 'orders_owner' }],
  });
  const stack = withRoles({}, {
    postgresql_role: {
      batch: groupRole('orders_batch', { login: true, roles: ['orders_owner'], password_wo: '${random_password.pw.result}' }),
      deploy: groupRole('orders_deploy', { login: true, roles: ['orders_owner'], password_wo: '${random_password.pw.result}' }),
    },
    // The owner level: a read level may be granted to a role managed elsewhere (A9-1).
    postgresql_grant_role: { intruder: { role: '${var.member}', grant_role: 'orders_owner' } },
  });
  expect(judgeDeclared(rule, stack, [declaration])).toEqual([{
    status: 'fail',
    message: 'the role of postgresql_grant_role.intruder is made a member of orders_owner by postgresql_grant_role.intruder, gaining its rights; stack/Access gives orders_owner the members orders_batch, orders_deploy only.',
    address: 'postgresql_grant_role.intruder',
  }]);
});

test('a password login (no Entra label) may have a password', () => {
  const declaration = declaredAccess({ logins: [{ name: 'orders_app', group: 'orders_readwrite' }] });
  const stack = withRoles({ password_wo: '${random_password.pw.result}' }, { postgresql_security_label: { app: undefined } });
  expect(judgeDeclared(rule, stack, [declaration])).toEqual([{ status: 'pass' }]);
});

test('a label of another provider maps no Entra identity; one whose provider is known only at apply time is unknown', () => {
  const stack = withRoles({}, { postgresql_security_label: { selinux: label('orders_readonly', { label_provider: 'selinux', label: 'system_u:object_r:sepgsql_table_t:s0' }) } });
  expect(judgeDeclared(rule, stack)).toEqual([{ status: 'pass' }]);
  const later = withRoles({}, { postgresql_security_label: { later: label('orders_readonly', { label_provider: '${var.provider}' }) } });
  expect(judgeDeclared(rule, later)).toEqual([unknownAt('label_provider', 'postgresql_security_label.later')]);
});
