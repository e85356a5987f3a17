import { databaseInventory } from '../../../../lib/checks/database-inventory';
import { buildStackModel } from '../../../../lib/checks/stack-model';
import { databaseStack, grant, groupRole, passwordRole, pgaudit } from '../../database-fixtures';
import { compliantFlexibleServer, FLEXIBLE } from '../../rule-harness';

// The report's in-database inventory of a server, read from the stack's postgresql resources: how
// each role signs in, what it is a member of, and which managed databases have pgaudit.

function inventoryOf(terraform: object) {
  const server = buildStackModel(terraform).servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  return databaseInventory(server);
}

/** The roles by name (the model lists resources by address). */
function rolesOf(terraform: object) {
  return [...(inventoryOf(terraform)?.roles ?? [])].sort((a, b) => a.name.localeCompare(b.name));
}

const entraLabel = (object: string, label: string, provider = 'pgaadauth') => ({ label_provider: provider, object_type: 'role', object_name: object, label });

test('none for a server without postgresql provider resources', () => {
  expect(inventoryOf({ resource: { [FLEXIBLE]: { db: compliantFlexibleServer() } } })).toBeUndefined();
});

test('how each role signs in', () => {
  const roles = rolesOf(databaseStack({
    postgresql_role: {
      svc: groupRole('svc_app', { login: true }),
      typeless: groupRole('typeless', { login: true }),
      other: groupRole('other_label', { login: true }),
      legacy: groupRole('legacy', { login: true, password: '${var.legacy_password}' }),
      rotated: passwordRole('rotated'),
      bare: groupRole('bare', { login: true }),
      group: groupRole('readers'),
      stringly: groupRole('stringly', { login: 'true' }),
      later: groupRole('later', { login: '${var.later_login}' }),
      off: groupRole('off', { login: 'false' }),
    },
    postgresql_security_label: {
      svc: entraLabel('${postgresql_role.svc.name}', 'aadauth,oid=${var.oid},type=service'),
      typeless: entraLabel('typeless', 'aadauth,oid=${var.oid}'),
      other: entraLabel('other_label', 'type=user', 'selinux'),
    },
  }));
  expect(roles).toEqual([
    { name: 'bare', login: true, memberOf: [], signIn: 'no credential declared' },
    // A login known only at apply time is not shown as a group role (adversarial run of stop 70, A22).
    { name: 'later', login: false, memberOf: [], signIn: 'login known only at apply time' },
    { name: 'legacy', login: true, memberOf: [], signIn: 'password' },
    { name: 'off', login: false, memberOf: [], signIn: 'none (group role)' },
    { name: 'other_label', login: true, memberOf: [], signIn: 'no credential declared' },
    { name: 'readers', login: false, memberOf: [], signIn: 'none (group role)' },
    { name: 'rotated', login: true, memberOf: [], signIn: 'password' },
    { name: 'stringly', login: true, memberOf: [], signIn: 'no credential declared' },
    { name: 'svc_app', login: true, memberOf: [], signIn: 'Entra ID (service)' },
    { name: 'typeless', login: true, memberOf: [], signIn: 'Entra ID (unknown type)' },
  ]);
});

test('a label that names no role of the stack, or another role, gives no role Entra ID', () => {
  const inventory = inventoryOf(databaseStack({
    postgresql_role: { app: groupRole('app', { login: true }) },
    postgresql_security_label: { a: entraLabel('${var.role_name}', 'type=user'), b: entraLabel('someone_else', 'type=user') },
  }));
  expect(inventory?.roles).toEqual([{ name: 'app', login: true, memberOf: [], signIn: 'no credential declared' }]);
});

test('memberships: by name, by reference to a role of the stack, or as written when unresolved', () => {
  const roles = rolesOf(databaseStack({
    postgresql_role: {
      ro: groupRole('orders_readonly'),
      app: groupRole('orders_app', { roles: ['${postgresql_role.ro.name}', 'literal_group', '${var.extra_role}', 7] }),
      odd: groupRole('odd', { roles: 'orders_readonly' }),
    },
  }));
  expect(roles.map((role) => [role.name, role.memberOf])).toEqual([
    ['odd', []],
    ['orders_app', ['orders_readonly', 'literal_group', '${var.extra_role}', '7']],
    ['orders_readonly', []],
  ]);
});

// Adversarial run of stop 70, A27: a membership granted apart, by a postgresql_grant_role, was not shown.
test('memberships granted by postgresql_grant_role, by name or reference, follow those written on the role', () => {
  const roles = rolesOf(databaseStack({
    postgresql_role: {
      ro: groupRole('orders_readonly'),
      app: groupRole('orders_app', { login: true, roles: ['orders_readonly'] }),
      vendor: groupRole('vendor', { login: true }),
    },
    postgresql_grant_role: {
      admin: { role: '${postgresql_role.app.name}', grant_role: 'azure_pg_admin' },
      vendor: { role: 'vendor', grant_role: '${postgresql_role.ro.name}' },
      elsewhere: { role: 'someone_else', grant_role: 'orders_readonly' },
    },
  }));
  expect(roles.map((role) => [role.name, role.memberOf])).toEqual([
    ['orders_app', ['orders_readonly', 'azure_pg_admin']],
    ['orders_readonly', []],
    ['vendor', ['orders_readonly']],
  ]);
});

// Adversarial run of stop 71, B71-8: a grant to a member named only at apply time was left out of every row, a grant of
// no group was shown as a group named "undefined", and a grant to a role block whose name is known only at apply time was lost.
test('memberships granted to a role named only at apply time are listed apart, as written; a grant of no group shows "(not set)"', () => {
  const inventory = inventoryOf(databaseStack({
    postgresql_role: { app: groupRole('orders_app', { login: true }), ro: groupRole('orders_readonly'), later: groupRole('x', { name: '${var.later_name}' }) },
    postgresql_grant_role: {
      variable: { role: '${var.r}', grant_role: 'orders_readonly' },
      each: { role: '${each.key}', grant_role: '${postgresql_role.ro.name}', for_each: '${var.members}' },
      nothing: { role: 'orders_app', grant_role: null },
      laterBlock: { role: '${postgresql_role.later.name}', grant_role: 'orders_readonly' },
      elsewhere: { role: 'someone_else', grant_role: 'orders_readonly' },
    },
  }));
  expect([...inventory!.roles].sort((a, b) => a.name.localeCompare(b.name)).map((role) => [role.name, role.memberOf])).toEqual([
    ['${var.later_name}', ['orders_readonly']],
    ['orders_app', ['(not set)']],
    ['orders_readonly', []],
  ]);
  expect(inventory!.laterMemberships).toEqual([{ member: '${each.key}', group: 'orders_readonly' }, { member: '${var.r}', group: 'orders_readonly' }]);
});

test('no laterMemberships when every member is known', () => {
  const inventory = inventoryOf(databaseStack({
    postgresql_role: { app: groupRole('orders_app', { login: true }) },
    postgresql_grant_role: { admin: { role: '${postgresql_role.app.name}', grant_role: 'azure_pg_admin' }, elsewhere: { role: 'someone_else', grant_role: 'x' } },
  }));
  expect(inventory).not.toHaveProperty('laterMemberships');
});

// Adversarial run of stop 72, B72-11: a role whose name is known only at apply time was shown as "no credential declared" although
// a pgaadauth label names its block.
test('a label that names a role block whose name is known only at apply time signs that role in', () => {
  const roles = rolesOf(databaseStack({
    postgresql_role: { later: groupRole('x', { name: '${var.role_name}', login: true }), plain: groupRole('plain', { login: true }) },
    postgresql_security_label: { later: entraLabel('${postgresql_role.later.name}', 'aadauth,oid=${var.oid},type=user') },
  }));
  expect(roles.map((role) => [role.name, role.signIn])).toEqual([['${var.role_name}', 'Entra ID (user)'], ['plain', 'no credential declared']]);
});

// Adversarial run of stop 72, C72-12: a grant to a literal role no postgresql_role declares (made outside the stack, or a declared name
// in another letter case) was in no row; a grant without a role was shown on a role named "undefined"; a count index of a role block
// (`postgresql_role.R[0].name`) was listed as known only at apply time instead of on R's row.
test('memberships of a role the stack does not declare are listed apart; a count index names its block', () => {
  const inventory = inventoryOf(databaseStack({
    postgresql_role: {
      app: groupRole('app', { login: true }), grp: groupRole('grp'), undef: groupRole('undefined'), counted: groupRole('counted', { count: 1 }),
    },
    postgresql_grant_role: {
      ghost: { role: 'ghost', grant_role: 'azure_pg_admin' },
      otherCase: { role: 'APP', grant_role: '${postgresql_role.grp.name}' },
      missing: { grant_role: 'grp' },
      counted: { role: '${postgresql_role.counted[0].name}', grant_role: 'grp' },
      number: { role: 5, grant_role: 'grp' },
    },
  }));
  expect([...inventory!.roles].sort((a, b) => a.name.localeCompare(b.name)).map((role) => [role.name, role.memberOf])).toEqual([
    ['app', []], ['counted', ['grp']], ['grp', []], ['undefined', []],
  ]);
  expect([...inventory!.undeclaredMemberships!].sort((a, b) => a.member.localeCompare(b.member))).toEqual([
    { member: '(not set)', group: 'grp' }, { member: '5', group: 'grp' }, { member: 'APP', group: 'grp' }, { member: 'ghost', group: 'azure_pg_admin' },
  ]);
  expect(inventory).not.toHaveProperty('laterMemberships');
});

test('a number names the role of its text, as Terraform converts it; no undeclaredMemberships when every member is declared', () => {
  const inventory = inventoryOf(databaseStack({
    postgresql_role: { five: groupRole('5', { login: true }), grp: groupRole('grp') },
    postgresql_grant_role: { number: { role: 5, grant_role: 'grp' } },
  }));
  expect(inventory!.roles.find((role) => role.name === '5')?.memberOf).toEqual(['grp']);
  expect(inventory).not.toHaveProperty('undeclaredMemberships');
});

test('a role whose name is not a literal is shown by its expression, or by its address when it has none', () => {
  const inventory = inventoryOf(databaseStack({ postgresql_role: { named: groupRole('x', { name: '${var.role_name}' }), nameless: { login: false } } }));
  expect(inventory?.roles.map((role) => role.name)).toEqual(['${var.role_name}', 'postgresql_role.nameless']);
});

// pgaudit as written, as PGD-LOG-1 reads it: the provider quotes the name, so `PGAudit` names no extension (adversarial run of stop 81, A81-37).
test('databases: every literal or referenced database of grants, default privileges, schemas, extensions and postgresql_database, sorted, pgaudit as written', () => {
  const inventory = inventoryOf(databaseStack({
    postgresql_grant: { a: grant('r', ['SELECT'], { database: 'orders' }), b: grant('r', ['SELECT'], { database: '${var.db}' }), c: grant('r', ['SELECT'], { database: 42 }) },
    postgresql_default_privileges: { d: { database: 'billing', role: 'r', owner: 'o', object_type: 'table', privileges: ['SELECT'] } },
    postgresql_schema: { s: { name: 'app', database: 'audit' } },
    postgresql_extension: { orders: pgaudit('orders'), audit: { name: 'PGAudit', database: 'audit' }, other: { name: 'pg_trgm', database: 'billing' } },
    postgresql_role: { r: groupRole('r') },
    postgresql_database: { shadow: { name: 'shadow' } },
  }));
  expect(inventory?.databases).toEqual([
    { name: '${var.db}', pgaudit: false },
    { name: 'audit', pgaudit: false },
    { name: 'billing', pgaudit: false },
    { name: 'orders', pgaudit: true },
    { name: 'shadow', pgaudit: false },
  ]);
});
