import { TerraformStack, Testing } from 'cdktf';
import { DatabaseAccess, SecureFlexibleServer } from '../../lib';
import { DEFAULT_PGAUDIT_LOG, readDeclaredAccess, serverForHost } from '../../lib/audit/declared-access';
import { DEFAULT_PGAUDIT_LOG_CLASSES } from '../../lib/shared/pgaudit';
import { vnetSubnet } from '../helpers';
import { accessProps, APP_OBJECT_ID, DBA, serverProps } from '../support/database-fixture';

// What the audit reads as declared, from the synthesized JSON of a stack.

function synth(build: (stack: TerraformStack) => void): { [key: string]: unknown } {
  const stack = new TerraformStack(Testing.app(), 'orders');
  build(stack);
  return JSON.parse(Testing.synth(stack));
}

const json = synth((stack) => {
  new DatabaseAccess(stack, 'OrdersAccess', accessProps(new SecureFlexibleServer(stack, 'Postgres', serverProps())));
});

test('one server per postgresql provider, with its host, administrators and managed databases', () => {
  const [server] = readDeclaredAccess(json);
  expect(server).toMatchObject({
    provider: expect.stringMatching(/^postgresql\.cdktf_azure_postgres_postgresql_[0-9a-f]{16}$/),
    host: expect.stringMatching(/^\$\{azurerm_postgresql_flexible_server\.Postgres_Server_\w+\.fqdn\}$/),
    serverName: 'orders-db',
    administrators: [DBA, 'pgadmin_ops'],
    // The server's administrator_login, which Azure maps to no Entra principal (D74-7).
    passwordAdministrator: { name: 'pgadmin_ops', address: expect.stringMatching(/^azurerm_postgresql_flexible_server\.Postgres_Server_\w+$/) },
    unresolvedAdministrators: 0,
    databases: ['orders'],
    unresolvedRoles: 0,
  });
});

test('administrators named by reference, or on a host that is no server of the stack, are counted as unresolved (A9-5)', () => {
  const withReference = JSON.parse(JSON.stringify(json));
  const [provider] = Object.values(withReference.provider.postgresql as { [key: string]: unknown }[]).flat() as { [key: string]: unknown }[];
  provider.username = '${var.dba}';
  expect(readDeclaredAccess(withReference)[0]).toMatchObject({ unresolvedAdministrators: 1 });
  provider.host = 'orders-db.postgres.database.azure.com';
  expect(readDeclaredAccess(withReference)[0]).toMatchObject({ unresolvedAdministrators: 2 });
});

test('a password member\'s longest lifetime: its rotation period plus the grace (A9-3)', () => {
  const lifetimes = readDeclaredAccess(json)[0].roles.filter((role) => role.passwordLifetimeMs !== undefined).map((role) => [role.name, role.passwordLifetimeMs]);
  expect(lifetimes).toEqual([['billing_vendor', (90 + 7) * 86_400_000]]);
});

test('roles with their memberships (references resolved), Entra object IDs and passwords', () => {
  const roles = readDeclaredAccess(json)[0].roles.map(({ name, login, memberOf, entraObjectId, password }) => ({ name, login, memberOf, entraObjectId, password }));
  expect(roles.sort((a, b) => (a.name < b.name ? -1 : 1))).toEqual([
    { name: 'Orders Reporting', login: true, memberOf: ['orders_readonly'], entraObjectId: 'aaaaaaaa-0000-0000-0000-000000000002', password: false },
    { name: 'billing_vendor', login: true, memberOf: ['orders_readonly'], entraObjectId: undefined, password: true },
    { name: 'migrator@contoso.com', login: true, memberOf: ['orders_owner'], entraObjectId: 'aaaaaaaa-0000-0000-0000-000000000003', password: false },
    { name: 'orders_app', login: true, memberOf: ['orders_readwrite'], entraObjectId: APP_OBJECT_ID, password: false },
    { name: 'orders_owner', login: false, memberOf: [], entraObjectId: undefined, password: false },
    { name: 'orders_readonly', login: false, memberOf: [], entraObjectId: undefined, password: false },
    { name: 'orders_readwrite', login: false, memberOf: [], entraObjectId: undefined, password: false },
  ]);
});

test('memberships written as an expression, of any JSON type, or naming no role of the stack, are known only at apply time: no crash (A10b-6)', () => {
  for (const roles of ['${var.extra_roles}', 7, { a: 1 }, ['${var.group}']]) {
    const edited = JSON.parse(JSON.stringify(json));
    const [, role] = Object.entries(edited.resource.postgresql_role as { [key: string]: { name: string; roles?: unknown } }).find(([, block]) => block.name === 'orders_app')!;
    role.roles = roles;
    const app = readDeclaredAccess(edited)[0].roles.find((each) => each.name === 'orders_app')!;
    expect([roles, app.membershipsUnknown]).toEqual([roles, true]);
  }
  expect(readDeclaredAccess(json)[0].roles.filter((role) => role.membershipsUnknown === true)).toEqual([]);
});

test('with several servers, the host picks the server by its name', () => {
  const two = synth((stack) => {
    new DatabaseAccess(stack, 'OrdersAccess', { ...accessProps(new SecureFlexibleServer(stack, 'Postgres', serverProps())), roles: [] });
    new DatabaseAccess(stack, 'SecondAccess', { ...accessProps(new SecureFlexibleServer(stack, 'Second', serverProps({ name: 'orders-db-2', network: vnetSubnet(2) }))), roles: [] });
  });
  const servers = readDeclaredAccess(two);
  expect(servers.map((s) => s.serverName)).toEqual(['orders-db', 'orders-db-2']);
  expect(serverForHost(servers, 'orders-db-2.postgres.database.azure.com')?.serverName).toBe('orders-db-2');
  expect(serverForHost(servers, 'ORDERS-DB.postgres.database.azure.com')?.serverName).toBe('orders-db');
  expect(serverForHost(servers, '10.0.1.4')).toBeUndefined();
  expect(serverForHost([servers[0]], '10.0.1.4')).toBe(servers[0]);
});

test('resource types and names like "__proto__" or "constructor" are ordinary names, never inherited ones', () => {
  const stack = JSON.parse('{"resource": {"__proto__": {"host": {"x": 1}}, "constructor": {"name": {}}}, "provider": {"postgresql": [{"host": "h"}]}}');
  const [server] = readDeclaredAccess(stack);
  expect(server.host).toBe('h');
  expect(({} as { [key: string]: unknown }).host).toBeUndefined();
});

test('a stack without a postgresql provider declares nothing', () => {
  expect(readDeclaredAccess(synth((stack) => new SecureFlexibleServer(stack, 'Postgres', serverProps())))).toEqual([]);
});

test('the grants, default privileges and owners of DatabaseAccess, names resolved', () => {
  const stack = synth((s) => {
    new DatabaseAccess(s, 'OrdersAccess', { ...accessProps(new SecureFlexibleServer(s, 'Postgres', serverProps())), schemas: { orders: ['public', 'sales'] } });
  });
  const [server] = readDeclaredAccess(stack);
  expect(server.unresolvedGrants).toBe(0);
  expect(server.grants).toEqual(expect.arrayContaining([
    { role: 'orders_readonly', database: 'orders', objectType: 'database', objects: [], columns: [], privileges: ['CONNECT'], withGrantOption: false },
    { role: 'public', database: 'orders', objectType: 'schema', schema: 'public', objects: [], columns: [], privileges: [], withGrantOption: false },
    { role: 'orders_owner', database: 'orders', objectType: 'schema', schema: 'sales', objects: [], columns: [], privileges: ['CREATE', 'USAGE'], withGrantOption: false },
    { role: 'orders_readwrite', database: 'orders', objectType: 'table', schema: 'sales', objects: [], columns: [], privileges: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'], withGrantOption: false },
  ]));
  expect(server.defaultPrivileges).toEqual(expect.arrayContaining([
    { role: 'orders_readonly', database: 'orders', owner: 'orders_owner', schema: 'sales', objectType: 'function', privileges: ['EXECUTE'], withGrantOption: false },
  ]));
  expect(server.owners).toEqual([{ kind: 'schema', database: 'orders', name: 'sales', owner: 'orders_owner' }]);
});

test('raw grants: ALL and TEMP as the catalog names them; names known only at apply time are counted, not compared', () => {
  const provider = { postgresql: [{ host: 'db.example.com', username: 'admin' }] };
  const [server] = readDeclaredAccess({
    provider,
    resource: {
      postgresql_grant: {
        all: { database: 'orders', role: 'app_group', object_type: 'sequence', schema: 'public', objects: ['ids'], privileges: ['all'], with_grant_option: true },
        temp: { database: 'orders', role: 'app_group', object_type: 'database', privileges: ['TEMP'] },
        later: { database: 'orders', role: '${var.role}', object_type: 'database', privileges: ['CONNECT'] },
      },
      postgresql_default_privileges: {
        everywhere: { database: 'orders', role: 'app_group', owner: 'migrator', object_type: 'table', privileges: ['SELECT'] },
        later: { database: '${var.db}', role: 'app_group', owner: 'migrator', object_type: 'table', privileges: ['SELECT'] },
      },
      postgresql_database: { orders: { name: 'orders', owner: 'migrator' } },
    },
  });
  expect(server.grants).toEqual([
    { role: 'app_group', database: 'orders', objectType: 'sequence', schema: 'public', objects: ['ids'], columns: [], privileges: ['USAGE', 'SELECT', 'UPDATE'], withGrantOption: true },
    { role: 'app_group', database: 'orders', objectType: 'database', objects: [], columns: [], privileges: ['TEMPORARY'], withGrantOption: false },
  ]);
  expect(server.defaultPrivileges).toEqual([{ role: 'app_group', database: 'orders', owner: 'migrator', objectType: 'table', privileges: ['SELECT'], withGrantOption: false }]);
  expect(server.owners).toEqual([{ kind: 'database', name: 'orders', owner: 'migrator' }]);
  expect(server.unresolvedGrants).toBe(2);
});

test('a role of the caller\'s own with memberships written as an expression, or with an item known only at apply time, is read with them unknown, never a crash (A10b-6)', () => {
  const [provider] = Object.values((json.provider as { postgresql: { alias: string }[] }).postgresql);
  for (const roles of ['${var.extra_roles}', 7, { a: 1 }, ['${var.group}'], [null]]) {
    const withRole = JSON.parse(JSON.stringify(json));
    withRole.resource.postgresql_role.etl = { name: 'etl_job', login: false, roles, provider: `postgresql.${provider.alias}` };
    const [server] = readDeclaredAccess(withRole);
    expect(server.roles.find((role) => role.name === 'etl_job')).toMatchObject({ memberOf: [], membershipsUnknown: true });
  }
});

describe('a block declares only what it surely creates: count, for_each and lifecycle.enabled read as the rule pack reads them (42nd run, A42b-2)', () => {
  const ADMIN = 'azurerm_postgresql_flexible_server_active_directory_administrator';
  /** The fixture's stack with one block of each kind the audit reads, each with `existence`; and `extra` sections joined. */
  function declaredWith(existence: { [key: string]: unknown }, extra: { [section: string]: { [key: string]: unknown } } = {}) {
    const edited = JSON.parse(JSON.stringify(json));
    const { provider } = Object.values(edited.resource.postgresql_role as { [name: string]: { provider: string } })[0];
    const [serverName] = Object.keys(edited.resource.azurerm_postgresql_flexible_server);
    const blocks: { [type: string]: { [key: string]: unknown } } = {
      postgresql_grant_role: { provider, role: 'billing_vendor', grant_role: 'orders_owner', with_admin_option: true },
      postgresql_role: { provider, name: 'sneaky', login: true, roles: ['orders_owner'] },
      postgresql_grant: { provider, database: 'other', role: 'orders_readonly', schema: 'public', object_type: 'table', objects: [], privileges: ['INSERT'] },
      postgresql_default_privileges: { provider, database: 'other', role: 'orders_readonly', owner: 'orders_owner', object_type: 'table', privileges: ['INSERT'] },
      postgresql_database: { provider, name: 'handmade', owner: 'orders_owner' },
      postgresql_schema: { provider, database: 'other', name: 'handmade', owner: 'orders_owner' },
      postgresql_extension: { provider, database: 'third', name: 'pgcrypto' },
      postgresql_security_label: { provider, object_type: 'role', object_name: 'orders_owner', label_provider: 'pgaadauth', label: 'aadauth,oid=99999999-0000-0000-0000-000000000009,type=user' },
      [ADMIN]: { server_name: `\${azurerm_postgresql_flexible_server.${serverName}.name}`, principal_name: 'rogue_admin', object_id: '9', tenant_id: '9', principal_type: 'User' },
    };
    for (const [type, body] of Object.entries(blocks)) edited.resource[type] = { ...edited.resource[type], by_hand: { ...body, ...existence } };
    for (const [section, value] of Object.entries(extra)) edited[section] = { ...edited[section], ...value };
    if (extra.resource !== undefined) Object.assign(edited.resource, extra.resource);
    return readDeclaredAccess(edited)[0];
  }

  /** What the blocks above would declare, as the server reads them. */
  function traces(server: ReturnType<typeof declaredWith>) {
    return {
      sneaky: server.roles.some((role) => role.name === 'sneaky'),
      membership: server.roles.find((role) => role.name === 'billing_vendor')!.memberOf.includes('orders_owner'),
      admin: (server.roles.find((role) => role.name === 'billing_vendor')!.adminOf ?? []).includes('orders_owner'),
      label: server.roles.find((role) => role.name === 'orders_owner')!.entraObjectId !== undefined,
      grant: server.grants.some((grant) => grant.database === 'other'),
      defaults: server.defaultPrivileges.some((d) => d.database === 'other'),
      owners: server.owners.filter((owner) => owner.name === 'handmade').length,
      databases: server.databases.filter((name) => name === 'other' || name === 'third').length,
      administrator: server.administrators.includes('rogue_admin'),
    };
  }
  const NONE = { sneaky: false, membership: false, admin: false, label: false, grant: false, defaults: false, owners: 0, databases: 0, administrator: false };
  const ALL = { sneaky: true, membership: true, admin: true, label: true, grant: true, defaults: true, owners: 2, databases: 2, administrator: true };

  test.each<[string, { [key: string]: unknown }, { [section: string]: { [key: string]: unknown } }?]>([
    ['count = 0', { count: 0 }, {}],
    ['count = "${0}"', { count: '${0}' }, {}],
    ['count = a local that is 0', { count: '${local.none}' }, { locals: { none: 0 } }],
    ['count = a conditional known false', { count: '${local.on ? 1 : 0}' }, { locals: { on: false } }],
    // Functions Terraform computes at plan (43rd run, A43b-2).
    ['count = "${length([])}"', { count: '${length([])}' }, {}],
    ['count = "${min(1, 0)}"', { count: '${min(1, 0)}' }, {}],
    ['count = length of a local empty list', { count: '${length(local.l)}' }, { locals: { l: [] } }],
    ['count = max(length(keys(a local empty map)), 0)', { count: '${max(length(keys(local.m)), 0)}' }, { locals: { m: {} } }],
    ['count = abs(floor(0))', { count: '${abs(floor(0))}' }, {}],
    ['for_each = toset(tolist([]))', { for_each: '${toset(tolist([]))}' }, {}],
    ['for_each = tomap({})', { for_each: '${tomap({})}' }, {}],
    ['for_each = keys of a local empty map', { for_each: '${toset(keys(local.m))}' }, { locals: { m: {} } }],
    ['for_each = {}', { for_each: {} }, {}],
    ['for_each = []', { for_each: [] }, {}],
    ['for_each = a local empty map', { for_each: '${local.none}' }, { locals: { none: {} } }],
    ['lifecycle.enabled = false (OpenTofu)', { lifecycle: { enabled: false } }, {}],
    ['lifecycle.enabled = "${false}"', { lifecycle: { enabled: '${false}' } }, {}],
    ['for_each over a block that has none (chained)', { for_each: '${terraform_data.none}' }, { resource: { terraform_data: { none: { for_each: {} } } } }],
    ['for_each over a block OpenTofu does not create', { for_each: '${terraform_data.none}' }, { resource: { terraform_data: { none: { for_each: { a: 1 }, lifecycle: { enabled: false } } } } }],
  ])('%s: nothing is declared, nothing is noted as maybe declared', (_name, existence, extra) => {
    const server = declaredWith(existence, extra);
    expect(traces(server)).toEqual(NONE);
    expect(server.maybeDeclared).toEqual([]);
    expect(server.unresolvedRoles).toBe(0);
  });

  test.each<[string, { [key: string]: unknown }, { [section: string]: { [key: string]: unknown } }?]>([
    ['a plain block', {}, {}],
    ['count = 1', { count: 1 }, {}],
    ['count = a local that is 2', { count: '${local.two}' }, { locals: { two: 2 } }],
    ['count = "${length(["a"])}"', { count: '${length(["a"])}' }, {}],
    ['count = "${max(1, 0)}"', { count: '${max(1, 0)}' }, {}],
    ['count = length of a local string', { count: '${length(local.s)}' }, { locals: { s: 'ab' } }],
    ['for_each = toset(keys(a local map))', { for_each: '${toset(keys(local.m))}' }, { locals: { m: { a: 1 } } }],
    ['for_each with literal keys', { for_each: { one: 'one' } }, {}],
    ['for_each = a set of one', { for_each: ['one'] }, {}],
    ['lifecycle.enabled = true', { lifecycle: { enabled: true } }, {}],
    ['for_each over a block with literal keys (chained)', { for_each: '${terraform_data.some}' }, { resource: { terraform_data: { some: { for_each: { a: 1 } } } } }],
  ])('controls: %s declares what it writes, surely', (_name, existence, extra) => {
    const server = declaredWith(existence, extra);
    expect(traces(server)).toEqual(ALL);
    expect(server.maybeDeclared).toEqual([]);
  });

  test.each<[string, { [key: string]: unknown }, object]>([
    ['count = var.n', { count: '${var.n}' }, {}],
    ['count = length(var.l)', { count: '${length(var.l)}' }, {}],
    ['count = min(var.n, 1)', { count: '${min(var.n, 1)}' }, {}],
    ['for_each = var.m', { for_each: '${var.m}' }, {}],
    ['lifecycle.enabled = var.on', { lifecycle: { enabled: '${var.on}' } }, {}],
  ])('%s (known only at apply time): taken as declared, and each block is listed as maybe declared', (_name, existence) => {
    const server = declaredWith(existence);
    expect(traces(server)).toEqual(ALL);
    expect([...server.maybeDeclared ?? []].sort()).toEqual([
      `${ADMIN}.by_hand`, 'postgresql_database.by_hand', 'postgresql_default_privileges.by_hand', 'postgresql_extension.by_hand', 'postgresql_grant.by_hand',
      'postgresql_grant_role.by_hand', 'postgresql_role.by_hand', 'postgresql_schema.by_hand', 'postgresql_security_label.by_hand',
    ]);
  });

  test('a login role of count = 0 named like a declared one leaves the declared one as it is', () => {
    const edited = JSON.parse(JSON.stringify(json));
    const { provider } = Object.values(edited.resource.postgresql_role as { [name: string]: { provider: string } })[0];
    edited.resource.postgresql_role.copy = { provider, name: 'orders_app', login: true, roles: ['orders_owner'], count: 0 };
    const app = readDeclaredAccess(edited)[0].roles.filter((role) => role.name === 'orders_app');
    expect(app.map((role) => role.memberOf)).toEqual([['orders_readwrite']]);
  });
});

test('the server\'s pgaudit.log: the value of its configuration block, the library\'s default without one, unknown when computed (A72-14)', () => {
  const blocks = (stack: { [key: string]: any }) => stack.resource.azurerm_postgresql_flexible_server_configuration as { [name: string]: { name: string; value: string } };
  const withValue = (value: string | undefined) => {
    const copy = JSON.parse(JSON.stringify(json));
    for (const [name, block] of Object.entries(blocks(copy))) {
      if (block.name !== 'pgaudit.log') continue;
      if (value === undefined) delete blocks(copy)[name];
      else block.value = value;
    }
    return readDeclaredAccess(copy)[0].pgauditLog;
  };
  expect([withValue('read,ddl,role'), withValue(undefined), withValue('${var.classes}')]).toEqual(['read,ddl,role', 'ddl,role,misc', undefined]);
  // The constructs' default, which the command line cannot load (it loads no cdktf).
  expect(DEFAULT_PGAUDIT_LOG).toBe(DEFAULT_PGAUDIT_LOG_CLASSES.join(','));
});
