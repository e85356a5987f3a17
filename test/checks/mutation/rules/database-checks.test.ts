// The shared readers of the in-database rules (database-checks.ts) on plain values and the stack
// model: role names by literal and by reference, labels of roles, the administrators' roles, the
// postgresql provider blocks of a stack's JSON, and the provider key of a resource.
import {
  administratorNames, entraRoleLabel, postgresqlProviders, providerKeyOf, roleLabel, roleNameIn, roleNamed,
} from '../../../../lib/checks/database-checks';
import { Unknown } from '../../../../lib/checks/hcl-expression';
import { buildStackModel, ResourceView } from '../../../../lib/checks/stack-model';
import { databaseStack, groupRole, PROVIDER } from '../../database-fixtures';
import { compliantFlexibleServer, FLEXIBLE } from '../../rule-harness';

const view = (type: string, name: string, config: { [key: string]: unknown }): ResourceView => ({ type, name, address: `${type}.${name}`, config } as unknown as ResourceView);
const plain = (reference: string) => new Unknown(reference, [reference]);
const serverOf = (terraform: object) => buildStackModel(terraform).servers.find((s) => s.address === `${FLEXIBLE}.db`)!;

describe('role names', () => {
  const server = serverOf(databaseStack({ postgresql_role: { app: groupRole('orders_app'), later: groupRole('${var.name}') } }));

  test('a reference to a role\'s name is that name; to a role whose name is known later, or to anything else, the expression', () => {
    expect(roleNameIn(server, plain('postgresql_role.app.name'))).toBe('orders_app');
    const later = plain('postgresql_role.later.name');
    expect(roleNamed(server, later)).toEqual({ unknown: later, resource: expect.objectContaining({ address: 'postgresql_role.later' }) });
    for (const reference of ['xpostgresql_role.app.name', 'postgresql_role.app.name_prefix', 'postgresql_role.app.id']) {
      expect(roleNamed(server, plain(reference))).toEqual({ unknown: plain(reference), resource: undefined });
    }
  });

  test('a value that is neither text nor expression names no role', () => {
    expect(roleNamed(server, 42)).toBeUndefined();
    expect(roleNameIn(server, undefined)).toBeUndefined();
  });

  test('a role is shown by its literal name, else by its address', () => {
    expect(roleLabel(view('postgresql_role', 'app', { name: 'orders_app' }))).toBe('role orders_app');
    expect(roleLabel(view('postgresql_role', 'later', { name: plain('var.name') }))).toBe('postgresql_role.later');
  });
});

describe('entraRoleLabel', () => {
  const label = (config: { [key: string]: unknown }) => view('postgresql_security_label', 'l', { object_name: 'orders_app', label: 'x', ...config });

  test('only pgaadauth\'s labels of roles, in any case', () => {
    expect(entraRoleLabel(label({ label_provider: 'PGAADAUTH', object_type: 'ROLE' }))).toBe(true);
    expect(entraRoleLabel(label({ label_provider: 'pgaadauth', object_type: 'table' }))).toBe(false);
    expect(entraRoleLabel(label({ label_provider: 'pgaadauth' }))).toBe(false);
    expect(entraRoleLabel(label({ label_provider: 'selinux', object_type: 'role' }))).toBe(false);
    expect(entraRoleLabel(label({ object_type: 'role' }))).toBe(false);
  });

  test('an object type PostgreSQL reads as ROLE is a role\'s; one it does not read as one object type is unknown (A32a-2)', () => {
    expect(entraRoleLabel(label({ label_provider: 'pgaadauth', object_type: ' role/**/\n' }))).toBe(true);
    expect(entraRoleLabel(label({ label_provider: 'pgaadauth', object_type: 'TABLE ' }))).toBe(false);
    expect(entraRoleLabel(label({ label_provider: 'pgaadauth', object_type: 12 }))).toBe(false);
    expect(entraRoleLabel(label({ label_provider: 'pgaadauth', object_type: 'role;' }))).toEqual({
      status: 'unknown',
      note: 'postgresql_security_label.l has object_type "role;", which cyrilgdn/postgresql writes unquoted into its SECURITY LABEL statement and which PostgreSQL does not read as one object type: it may map a role to another Entra identity',
      address: 'postgresql_security_label.l',
    });
  });

  test('an object type known only at apply time is unknown', () => {
    expect(entraRoleLabel(label({ label_provider: 'pgaadauth', object_type: plain('var.type') }))).toEqual({
      status: 'unknown', note: 'object_type of postgresql_security_label.l is known only at apply time', address: 'postgresql_security_label.l',
    });
  });
});

test('the administrators\' roles are their literal names, in lower case', () => {
  const server = serverOf({
    resource: {
      [FLEXIBLE]: { db: compliantFlexibleServer({ administrator_login: 'PgAdmin' }) },
      azurerm_postgresql_flexible_server_active_directory_administrator: {
        a: { server_name: `\${${FLEXIBLE}.db.name}`, resource_group_name: 'rg', tenant_id: 't', object_id: 'o', principal_name: 'Grp-DBA', principal_type: 'Group' },
        b: { server_name: `\${${FLEXIBLE}.db.name}`, resource_group_name: 'rg', tenant_id: 't', object_id: 'p', principal_name: '${var.admin}', principal_type: 'User' },
      },
    },
  });
  expect(administratorNames(server)).toEqual(['grp-dba', 'pgadmin']);
});

describe('postgresqlProviders', () => {
  test('keys each postgresql provider block by its alias, written as an object or a list, beside other providers', () => {
    const providers = postgresqlProviders({
      provider: { azurerm: [{ features: {} }], postgresql: [{ host: 'a' }, { alias: 'db', host: 'b' }, 'junk'] },
    });
    expect([...providers.entries()]).toEqual([['postgresql', { host: 'a' }], ['postgresql.db', { alias: 'db', host: 'b' }]]);
    expect([...postgresqlProviders({ provider: [{ postgresql: { alias: 'x', host: 'c' } }, 'junk'] }).keys()]).toEqual(['postgresql.x']);
  });

  test('a stack without providers, or no object, has none', () => {
    expect(postgresqlProviders({ resource: {} }).size).toBe(0);
    expect(postgresqlProviders('not json').size).toBe(0);
  });
});

test('a resource signs in with the provider it names, else the default one', () => {
  expect(providerKeyOf(view('postgresql_role', 'a', { provider: PROVIDER }))).toBe(PROVIDER);
  expect(providerKeyOf(view('postgresql_role', 'a', {}))).toBe('postgresql');
  expect(providerKeyOf(view('postgresql_role', 'a', { provider: null }))).toBe('postgresql');
  // A reference no checker reads is kept as written (a key no block has, named so: stop 40), never the default provider.
  expect(providerKeyOf(view('postgresql_role', 'a', { provider: plain('var.p') }))).toBe('${var.p}');
  expect(providerKeyOf(view('postgresql_role', 'a', { provider: 'postgresql . x' }))).toBe('postgresql . x');
  expect(providerKeyOf(view('postgresql_role', 'a', { provider: 5 }))).toBe('5');
});
