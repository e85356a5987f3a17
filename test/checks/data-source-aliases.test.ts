import { aliasDataSources, sourceRelation } from '../../lib/checks/data-source-aliases';
import { evaluateStack } from '../../lib/checks/evaluate';
import { rule as PRIVILEGED_ROLES } from '../../lib/checks/rules/PG-IAM-2';
import { compliantFlexibleServer, FLEXIBLE } from './rule-harness';

// A data source that looks up a resource of the stack by literal arguments reads that resource
// (sixth review, A6-3): its references are judged as the resource's.

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const WORKSPACE_ID = `${SUB}/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-central`;

/** The value a stack writes into azurerm_role_assignment.x.scope, after the rewrite. */
function scopeAfter(data: object, resource: object = {}, scope = '${data.azurerm_postgresql_flexible_server.lookup.id}'): unknown {
  const stack = { data, resource: { ...resource, azurerm_role_assignment: { x: { scope } } } };
  return ((aliasDataSources(stack) as { resource: { azurerm_role_assignment: { x: { scope: unknown } } } }).resource.azurerm_role_assignment.x.scope);
}

const SERVER = { [FLEXIBLE]: { db: { name: 'orders-db', resource_group_name: 'rg-orders' } } };
const lookup = (args: object) => ({ [FLEXIBLE]: { lookup: args } });

describe('a lookup of a resource the stack defines', () => {
  test('reads as that resource, whatever the letter case of its arguments, in a whole value and inside a template', () => {
    expect(scopeAfter(lookup({ name: 'Orders-DB', resource_group_name: 'RG-orders' }), SERVER)).toBe(`\${${FLEXIBLE}.db.id}`);
    expect(scopeAfter(lookup({ name: 'orders-db', resource_group_name: 'rg-orders' }), SERVER, '${lower(data.azurerm_postgresql_flexible_server.lookup.id)}'))
      .toBe(`\${lower(${FLEXIBLE}.db.id)}`);
  });

  test('stays as written when the match is not certain: another name, two matches, an argument known later, a counted resource', () => {
    const original = '${data.azurerm_postgresql_flexible_server.lookup.id}';
    expect(scopeAfter(lookup({ name: 'other-db', resource_group_name: 'rg-orders' }), SERVER)).toBe(original);
    // Two blocks of one name that two library constructs made (two stacks' objects, for the checks): either may be the one it reads.
    const made = (path: string) => ({ ...SERVER[FLEXIBLE].db, '//': { metadata: { path } } });
    const twoMade = { data: lookup({ name: 'orders-db', resource_group_name: 'rg-orders' }), resource: { [FLEXIBLE]: { db: made('a/Db'), twin: made('b/Db') }, azurerm_role_assignment: { x: { scope: original } } } };
    expect((aliasDataSources(twoMade, { made: new Set(['a/Db', 'b/Db']) }) as { resource: { azurerm_role_assignment: { x: { scope: unknown } } } }).resource.azurerm_role_assignment.x.scope).toBe(original);
    expect(scopeAfter(lookup({ name: 'orders-db', resource_group_name: '${var.group}' }), SERVER)).toBe(original);
    expect(scopeAfter(lookup({ name: 'orders-db', resource_group_name: 'rg-orders' }), { [FLEXIBLE]: { db: { ...SERVER[FLEXIBLE].db, count: 2 } } })).toBe(original);
  });

  // Stop 64 (resource-twins.ts): two blocks of one name through one provider are one object, which the lookup reads as its first block.
  test('reads as the first block of an object two blocks write', () => {
    expect(scopeAfter(lookup({ name: 'orders-db', resource_group_name: 'rg-orders' }), { [FLEXIBLE]: { db: SERVER[FLEXIBLE].db, twin: { ...SERVER[FLEXIBLE].db } } })).toBe(`\${${FLEXIBLE}.db.id}`);
  });

  test('an argument it is looked up by reads as the argument; the "//" comments stay as written', () => {
    expect(scopeAfter(lookup({ name: 'other-db', resource_group_name: 'rg-orders' }), {}, '${data.azurerm_postgresql_flexible_server.lookup.name}')).toBe('other-db');
    const stack = { '//': { note: '${data.azurerm_postgresql_flexible_server.lookup.id}' }, data: lookup({ name: 'orders-db', resource_group_name: 'rg-orders' }), resource: SERVER };
    expect((aliasDataSources(stack) as { '//': unknown })['//']).toEqual(stack['//']);
  });
});

describe('a lookup of a resource the stack names by literal ID', () => {
  const workspace = { azurerm_log_analytics_workspace: { ws: { name: 'log-central', resource_group_name: 'rg-logs' } } };
  const withId = (id: string) => ({ azurerm_monitor_diagnostic_setting: { d: { log_analytics_workspace_id: id } } });
  const scope = '${data.azurerm_log_analytics_workspace.ws.id}';

  test('reads as the one literal ID of its type, group and name', () => {
    expect(scopeAfter(workspace, withId(WORKSPACE_ID), scope)).toBe(WORKSPACE_ID);
  });

  test('stays as written with no such ID, or with two IDs of different subscriptions', () => {
    expect(scopeAfter(workspace, withId(WORKSPACE_ID.replace('log-central', 'log-other')), scope)).toBe(scope);
    expect(scopeAfter(workspace, { ...withId(WORKSPACE_ID), azurerm_monitor_diagnostic_setting: { d: { log_analytics_workspace_id: WORKSPACE_ID }, e: { log_analytics_workspace_id: WORKSPACE_ID.replace('00000000-0000', '11111111-0000') } } }, scope)).toBe(scope);
  });

  test('a resource group reads as its ID, the subscription taken from the lookup', () => {
    expect(scopeAfter({ azurerm_resource_group: { g: { name: 'rg-orders' } } }, {}, '${data.azurerm_resource_group.g.id}'))
      .toBe('/subscriptions/${split("/", data.azurerm_resource_group.g.id)[2]}/resourceGroups/rg-orders');
  });

  test('a template that starts with the lookup reads as one ID: the alias\'s text takes the interpolation\'s place (A8-1)', () => {
    const group = { azurerm_resource_group: { g: { name: 'rg-orders' } } };
    expect(scopeAfter(group, {}, '${data.azurerm_resource_group.g.id}/providers/Microsoft.Network/networkSecurityGroups/nsg'))
      .toBe('/subscriptions/${split("/", data.azurerm_resource_group.g.id)[2]}/resourceGroups/rg-orders/providers/Microsoft.Network/networkSecurityGroups/nsg');
    expect(scopeAfter(workspace, withId(WORKSPACE_ID), `\${ ${scope.slice(2, -1)} }/tables/t`)).toBe(`${WORKSPACE_ID}/tables/t`);
    expect(scopeAfter(group, {}, '${lower(data.azurerm_resource_group.g.id)}/x'))
      .toBe('${lower("/subscriptions/${split(\\"/\\", data.azurerm_resource_group.g.id)[2]}/resourceGroups/rg-orders")}/x');
  });

  test('a virtual network, which a stack reads rather than makes, reads as its ID spelled from its name and group (A8-1); with another argument it stays', () => {
    expect(scopeAfter({ azurerm_virtual_network: { v: { name: 'vnet-hub', resource_group_name: 'rg-network' } } }, {}, '${data.azurerm_virtual_network.v.id}'))
      .toBe('/subscriptions/${split("/", data.azurerm_virtual_network.v.id)[2]}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub');
    expect(scopeAfter({ azurerm_virtual_network: { v: { name: 'vnet-hub', resource_group_name: 'rg-network', other: 'x' } } }, {}, '${data.azurerm_virtual_network.v.id}'))
      .toBe('${data.azurerm_virtual_network.v.id}');
    expect(scopeAfter({ azurerm_virtual_network: { v: { name: 'vnet-hub', resource_group_name: 'rg-network' } } }, { azurerm_virtual_network: { hub: { name: 'vnet-hub', resource_group_name: 'rg-network' } } }, '${data.azurerm_virtual_network.v.id}'))
      .toBe('${azurerm_virtual_network.hub.id}');
  });

  test('an Entra group looked up by display name reads as the object ID of the one administrator group of that name', () => {
    const admin = (name: string, objectId: string, type = 'Group') => ({ principal_name: name, object_id: objectId, principal_type: type });
    const groupOf = (admins: object) => scopeAfter({ azuread_group: { g: { display_name: 'DB-Admins' } } }, { azurerm_postgresql_flexible_server_active_directory_administrator: admins }, '${data.azuread_group.g.object_id}');
    expect(groupOf({ a: admin('db-admins', '66666666-7777-8888-9999-000000000000') })).toBe('66666666-7777-8888-9999-000000000000');
    expect(groupOf({ a: admin('db-admins', '66666666-7777-8888-9999-000000000000', 'User') })).toBe('${data.azuread_group.g.object_id}');
    // A principal_type known only at apply time may be Group: the lookup may be the administrator group (left by the 91st run).
    expect(groupOf({ a: admin('db-admins', '66666666-7777-8888-9999-000000000000', '${var.admin_type}') })).toBe('66666666-7777-8888-9999-000000000000');
    expect(groupOf({ a: admin('db-admins', '66666666-7777-8888-9999-000000000000'), b: admin('DB-admins', '77777777-7777-8888-9999-000000000000') })).toBe('${data.azuread_group.g.object_id}');
  });

  test('one looked up through an azuread configuration of another tenant stays as written: it reads that tenant\'s group of the name', () => {
    const admins = { azurerm_postgresql_flexible_server_active_directory_administrator: { a: { principal_name: 'db-admins', object_id: '66666666-7777-8888-9999-000000000000', principal_type: 'Group' } } };
    const group = (provider: object) => aliasDataSources({
      provider: { azuread: [{}, { alias: 'other', ...provider }] },
      data: { azuread_group: { g: { display_name: 'DB-Admins', provider: 'azuread.other' } } },
      resource: { ...admins, azurerm_role_assignment: { x: { principal_id: '${data.azuread_group.g.object_id}' } } },
    }) as { resource: { azurerm_role_assignment: { x: { principal_id: unknown } } } };
    expect(group({ tenant_id: '99999999-0000-0000-0000-000000000000' }).resource.azurerm_role_assignment.x.principal_id).toBe('${data.azuread_group.g.object_id}');
    expect(group({}).resource.azurerm_role_assignment.x.principal_id).toBe('66666666-7777-8888-9999-000000000000');
  });
});

describe('judged in a stack (PG-IAM-2)', () => {
  const stack = (name: string) => ({
    data: { [FLEXIBLE]: { lookup: { name, resource_group_name: 'rg-orders' } } },
    resource: {
      [FLEXIBLE]: { db: compliantFlexibleServer({ name: 'orders-db', resource_group_name: 'rg-orders' }) },
      azurerm_role_assignment: { owner: { scope: '${data.azurerm_postgresql_flexible_server.lookup.id}', role_definition_name: 'Owner', principal_id: 'aaaaaaaa-0000-0000-0000-000000000001' } },
    },
  });
  const statusesOf = (name: string) => evaluateStack(stack(name), [PRIVILEGED_ROLES]).findings.filter((f) => f.server === `${FLEXIBLE}.db`).map((f) => [f.status, f.address]);

  test('Owner on a lookup of the server by name fails as Owner on the server does', () => {
    expect(statusesOf('orders-db')).toEqual([['fail', 'azurerm_role_assignment.owner']]);
  });

  test('Owner on a lookup by a name known only at apply time, in the server\'s group, may be on the server (A8-9); in another group it is not', () => {
    expect(statusesOf('${var.name}')).toEqual([['fail', 'azurerm_role_assignment.owner']]);
    const other = stack('${var.name}');
    other.data[FLEXIBLE].lookup.resource_group_name = 'rg-billing';
    expect(evaluateStack(other, [PRIVILEGED_ROLES]).findings.filter((f) => f.server === `${FLEXIBLE}.db`).map((f) => [f.status, f.address])).toEqual([['not-applicable', undefined]]);
  });

  test.each(['${format("%s-db", "orders")}', '${lookup({ db = "orders-db" }, "db", "x")}'])('Owner on a lookup named by the constant %s is Owner on the server (A8-9)', (name) => {
    expect(statusesOf(name)).toEqual([['fail', 'azurerm_role_assignment.owner']]);
  });

  test('Owner on a lookup of another server is not on this one', () => {
    expect(statusesOf('billing-db')).toEqual([['not-applicable', undefined]]);
  });

  test.each([
    ['another server by name', { type: 'Microsoft.DBforPostgreSQL/flexibleServers', name: 'billing-db', resource_group_name: 'rg-orders' }],
    ['servers of another group', { type: 'Microsoft.DBforPostgreSQL/flexibleServers', resource_group_name: 'rg-billing' }],
    ['Single Servers of its group', { type: 'Microsoft.DBforPostgreSQL/servers', resource_group_name: 'rg-orders' }],
  ])('Owner on every item of a search of %s is not on this one (A8-5)', (_, args) => {
    const other = { ...stack('orders-db'), data: { azurerm_resources: { lookup: args } } };
    other.resource.azurerm_role_assignment.owner.scope = '${one(data.azurerm_resources.lookup.resources[*].id)}';
    expect(evaluateStack(other, [PRIVILEGED_ROLES]).findings.filter((f) => f.server === `${FLEXIBLE}.db`).map((f) => [f.status, f.address])).toEqual([['not-applicable', undefined]]);
  });

  test.each([
    ['data.azapi_resource_id', { azapi_resource_id: { lookup: { type: 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01', name: 'orders-db', parent_id: `${SUB}/resourceGroups/rg-orders` } } }, '${data.azapi_resource_id.lookup.id}'],
    ['data.azapi_resource', { azapi_resource: { lookup: { type: 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01', name: 'orders-db', parent_id: `${SUB}/resourceGroups/rg-orders` } } }, '${data.azapi_resource.lookup.id}'],
    ['data.azapi_resource, what it exports chosen (A7-15)', { azapi_resource: { lookup: { type: 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01', name: 'orders-db', parent_id: `${SUB}/resourceGroups/rg-orders`, response_export_values: ['*'] } } }, '${data.azapi_resource.lookup.id}'],
    ['data.azurerm_resources', { azurerm_resources: { lookup: { type: 'Microsoft.DBforPostgreSQL/flexibleServers', name: 'orders-db', resource_group_name: 'rg-orders' } } }, '${data.azurerm_resources.lookup.resources[0].id}'],
    ['data.azurerm_resources by one() of a splat (A8-5)', { azurerm_resources: { lookup: { type: 'Microsoft.DBforPostgreSQL/flexibleServers', name: 'orders-db', resource_group_name: 'rg-orders' } } }, '${one(data.azurerm_resources.lookup.resources[*].id)}'],
    ['data.azurerm_resources by a for expression (A8-5)', { azurerm_resources: { lookup: { type: 'Microsoft.DBforPostgreSQL/flexibleServers', name: 'orders-db', resource_group_name: 'rg-orders' } } }, '${[for r in data.azurerm_resources.lookup.resources : r.id][0]}'],
    ['data.azurerm_resources with no name, in its group (A8-5)', { azurerm_resources: { lookup: { type: 'Microsoft.DBforPostgreSQL/flexibleServers', resource_group_name: 'rg-orders' } } }, '${data.azurerm_resources.lookup.resources[0].id}'],
    ['data.azurerm_resources with no name or group (A8-5)', { azurerm_resources: { lookup: { type: 'Microsoft.DBforPostgreSQL/flexibleServers' } } }, '${one(data.azurerm_resources.lookup.resources[*].id)}'],
  ])('Owner on %s of the server by type, name and group fails as Owner on the server does (A7-2)', (_, data, scope) => {
    const ofType = { ...stack('orders-db'), data };
    ofType.resource.azurerm_role_assignment.owner.scope = scope;
    expect(evaluateStack(ofType, [PRIVILEGED_ROLES]).findings.filter((f) => f.server === `${FLEXIBLE}.db`).map((f) => [f.status, f.address])).toEqual([['fail', 'azurerm_role_assignment.owner']]);
  });
});

describe('a search of the server by data.azurerm_resources, its list read in any spelling (A8-5)', () => {
  const PG = 'Microsoft.DBforPostgreSQL/flexibleServers';
  const search = (args: object) => ({ azurerm_resources: { r: { type: PG, resource_group_name: 'rg-orders', ...args } } });
  const id = `/subscriptions/\${split("/", data.azurerm_resources.r.resources[0].id)[2]}/resourceGroups/rg-orders/providers/${PG}/orders-db`;

  test.each([
    ['one() of a splat', '${one(data.azurerm_resources.r.resources[*].id)}', id],
    ['a for expression', '${[for r in data.azurerm_resources.r.resources : r.id][0]}', id],
    ['the whole list', '${data.azurerm_resources.r.resources}', id],
    ['a whole item', '${lookup(data.azurerm_resources.r.resources[0], "id", "")}', id],
    ['an object for expression', '${{for r in data.azurerm_resources.r.resources : r.name => r.id}["orders-db"]}', id],
    ['a splat inside a longer template', '${one(data.azurerm_resources.r.resources.*.id)}/providers/Microsoft.Insights/diagnosticSettings/d', `${id}/providers/Microsoft.Insights/diagnosticSettings/d`],
  ])('%s reads as the ID every item has', (_, scope, expected) => {
    expect(scopeAfter(search({ name: 'orders-db' }), {}, scope)).toBe(expected);
  });

  test('an item\'s other attribute, an escaped template and another search\'s list are left as written', () => {
    for (const scope of ['${data.azurerm_resources.r.resources[0].name}', '$${one(data.azurerm_resources.r.resources[*].id)}', '${one(data.azurerm_resources.other.resources[*].id)}']) {
      expect(scopeAfter(search({ name: 'orders-db' }), {}, scope)).toBe(scope);
    }
  });
});

test('a lookup of the construct\'s Key Vault secret reads as that secret (A6-8)', () => {
  const secret = { name: 'orders-db-administrator-password', key_vault_id: `${SUB}/resourceGroups/rg-kv/providers/Microsoft.KeyVault/vaults/kv` };
  const stack = { data: { azurerm_key_vault_secret: { read: secret } }, resource: { azurerm_key_vault_secret: { own: secret, copy: { value: '${data.azurerm_key_vault_secret.read.value}' } } } };
  expect((aliasDataSources(stack) as typeof stack).resource.azurerm_key_vault_secret.copy.value).toBe('${azurerm_key_vault_secret.own.value}');
});

test('an argument written as an expression matches the same expression; a lookup that reads another lookup matches once that one does', () => {
  const vault = { name: 'kv-orders', resource_group_name: 'rg-kv' };
  const secret = (keyVaultId: string) => ({ name: 'orders-db-administrator-password', key_vault_id: keyVaultId });
  const copyOf = (data: object, own: object) => {
    const stack = { data, resource: { azurerm_key_vault: { kv: vault }, azurerm_key_vault_secret: { own, copy: { value: '${data.azurerm_key_vault_secret.read.value}' } } } };
    return (aliasDataSources(stack) as typeof stack).resource.azurerm_key_vault_secret.copy.value;
  };
  expect(copyOf({ azurerm_key_vault_secret: { read: secret('${azurerm_key_vault.kv.id}') } }, secret('${azurerm_key_vault.kv.id}'))).toBe('${azurerm_key_vault_secret.own.value}');
  expect(copyOf({ azurerm_key_vault_secret: { read: secret('${var.vault}') } }, secret('${azurerm_key_vault.kv.id}'))).toBe('${data.azurerm_key_vault_secret.read.value}');
  expect(copyOf({ azurerm_key_vault: { kv: vault }, azurerm_key_vault_secret: { read: secret('${data.azurerm_key_vault.kv.id}') } }, secret('${azurerm_key_vault.kv.id}')))
    .toBe('${azurerm_key_vault_secret.own.value}');
});

test('a chain of lookups, each named by the one before, is followed to its end however long (A7-13); lookups that read each other in a cycle end', () => {
  const chain = (depth: number) => Object.fromEntries(Array.from({ length: depth }, (_, i) => [`g${i}`, { name: i === 0 ? 'rg-orders' : `\${data.azurerm_resource_group.g${i - 1}.name}` }]));
  expect(scopeAfter({ azurerm_resource_group: chain(12) }, {}, '${data.azurerm_resource_group.g11.id}'))
    .toBe('/subscriptions/${split("/", data.azurerm_resource_group.g11.id)[2]}/resourceGroups/rg-orders');
  const cycle = { azurerm_resource_group: { a: { name: '${data.azurerm_resource_group.b.id}' }, b: { name: '${data.azurerm_resource_group.a.id}' } } };
  expect(scopeAfter(cycle, {}, '${data.azurerm_resource_group.a.id}')).toBe('${data.azurerm_resource_group.a.id}');
});

test('an argument made only of constants (a constant local, lower("X")) matches as its value, on either side (A7-3); a variable does not', () => {
  const withLocals = (data: object, resource: object) => {
    const stack = { locals: { serverName: 'orders-db', group: '${upper("rg-orders")}' }, data, resource: { ...resource, azurerm_role_assignment: { x: { scope: '${data.azurerm_postgresql_flexible_server.lookup.id}' } } } };
    return (aliasDataSources(stack) as typeof stack).resource.azurerm_role_assignment.x.scope;
  };
  expect(withLocals(lookup({ name: '${local.serverName}', resource_group_name: '${lower("RG-ORDERS")}' }), SERVER)).toBe(`\${${FLEXIBLE}.db.id}`);
  expect(withLocals(lookup({ name: 'orders-db', resource_group_name: 'rg-orders' }), { [FLEXIBLE]: { db: { name: '${local.serverName}', resource_group_name: '${local.group}' } } })).toBe(`\${${FLEXIBLE}.db.id}`);
  // A name known only at apply time may be any server of the group (A8-9): the ID with its name read from the lookup.
  expect(withLocals(lookup({ name: '${var.name}', resource_group_name: 'rg-orders' }), SERVER))
    .toBe('/subscriptions/${split("/", data.azurerm_postgresql_flexible_server.lookup.id)[2]}/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/${split("/", data.azurerm_postgresql_flexible_server.lookup.id)[8]}');
  expect(withLocals(lookup({ name: '${var.name}', resource_group_name: '${var.group}' }), SERVER)).toBe('${data.azurerm_postgresql_flexible_server.lookup.id}');
});

test('arguments that pin a version or filter (version, security_enabled) do not stop the match on the others (A7-15); another argument does', () => {
  const secret = { name: 'orders-db-administrator-password', key_vault_id: `${SUB}/resourceGroups/rg-kv/providers/Microsoft.KeyVault/vaults/kv` };
  const copyOf = (read: object) => {
    const stack = { data: { azurerm_key_vault_secret: { read } }, resource: { azurerm_key_vault_secret: { own: secret, copy: { value: '${data.azurerm_key_vault_secret.read.value}' } } } };
    return (aliasDataSources(stack) as typeof stack).resource.azurerm_key_vault_secret.copy.value;
  };
  expect(copyOf({ ...secret, version: '0123456789abcdef0123456789abcdef' })).toBe('${azurerm_key_vault_secret.own.value}');
  expect(copyOf({ ...secret, other: 'x' })).toBe('${data.azurerm_key_vault_secret.read.value}');
  const admins = { azurerm_postgresql_flexible_server_active_directory_administrator: { a: { principal_name: 'db-admins', object_id: '66666666-7777-8888-9999-000000000000', principal_type: 'Group' } } };
  expect(scopeAfter({ azuread_group: { g: { display_name: 'db-admins', security_enabled: true } } }, admins, '${data.azuread_group.g.object_id}')).toBe('66666666-7777-8888-9999-000000000000');
});

test('an ephemeral Key Vault secret of the construct\'s secret reads as that secret (A7-19); an ephemeral generator is not a lookup', () => {
  const secret = { name: 'orders-db-administrator-password', key_vault_id: `${SUB}/resourceGroups/rg-kv/providers/Microsoft.KeyVault/vaults/kv` };
  const stack = {
    ephemeral: { azurerm_key_vault_secret: { read: secret }, random_password: { fresh: { length: 32 } } },
    resource: {
      random_password: { own: { length: 32 } },
      azurerm_key_vault_secret: { own: secret, copy: { value_wo: '${ephemeral.azurerm_key_vault_secret.read.value}' }, other: { value_wo: '${ephemeral.random_password.fresh.result}' } },
    },
  };
  const { copy, other } = (aliasDataSources(stack) as typeof stack).resource.azurerm_key_vault_secret;
  expect([copy.value_wo, other.value_wo]).toEqual(['${azurerm_key_vault_secret.own.value}', '${ephemeral.random_password.fresh.result}']);
});

test('object_ids[<i>] of the plural data.azuread_groups reads as the administrator group named display_names[<i>] (A7-17); another index stays', () => {
  const admins = { azurerm_postgresql_flexible_server_active_directory_administrator: { a: { principal_name: 'db-admins', object_id: '66666666-7777-8888-9999-000000000000', principal_type: 'Group' } } };
  const groupsOf = (names: string[], index = 0) => scopeAfter({ azuread_groups: { g: { display_names: names } } }, admins, `\${data.azuread_groups.g.object_ids[${index}]}`);
  expect(groupsOf(['DB-Admins'])).toBe('66666666-7777-8888-9999-000000000000');
  expect(groupsOf(['other', 'db-admins', 'third'], 1)).toBe('66666666-7777-8888-9999-000000000000');
  expect(groupsOf(['other', 'db-admins'], 0)).toBe('${data.azuread_groups.g.object_ids[0]}');
  expect(groupsOf(['db-admins'], 1)).toBe('${data.azuread_groups.g.object_ids[1]}');
  // A name known only later keeps its place: the others' indexes still hold.
  expect(groupsOf(['${var.group}', 'db-admins'], 1)).toBe('66666666-7777-8888-9999-000000000000');
  expect(groupsOf(['${var.group}', 'db-admins'], 0)).toBe('${data.azuread_groups.g.object_ids[0]}');
  expect(scopeAfter({ azuread_groups: { g: { display_names: ['db-admins'] } } }, admins, '${data.azuread_groups.g.object_idsX[0]}')).toBe('${data.azuread_groups.g.object_idsX[0]}');
});

// A lookup with count or for_each is read by an instance (`lookup[0]`, `lookup["a"]`, `lookup[each.key]`):
// with arguments that are the same for every instance (literal, or each.value of a for_each of one item),
// every instance reads the same resource, so an indexed reference is aliased as the plain one of a lookup
// without them (fourteenth review, A14b-11).
describe('an indexed reference to a lookup with count or for_each (A14b-11)', () => {
  const ARGS = { name: 'orders-db', resource_group_name: 'rg-orders' };
  const ALIAS = `\${${FLEXIBLE}.db.id}`;

  test.each([
    ['count = 1, [0]', { count: 1, ...ARGS }, '${data.azurerm_postgresql_flexible_server.lookup[0].id}'],
    ['count = 2, [1]', { count: 2, ...ARGS }, '${data.azurerm_postgresql_flexible_server.lookup[1].id}'],
    ['count, [count.index]', { count: '${var.n}', ...ARGS }, '${data.azurerm_postgresql_flexible_server.lookup[count.index].id}'],
    ['for_each, ["a"]', { for_each: { a: 1 }, ...ARGS }, '${data.azurerm_postgresql_flexible_server.lookup["a"].id}'],
    ['for_each, [each.key]', { for_each: '${var.m}', ...ARGS }, '${data.azurerm_postgresql_flexible_server.lookup[each.key].id}'],
    ['for_each of one item, named by each.value', { for_each: { a: 'orders-db' }, name: '${each.value}', resource_group_name: 'rg-orders' }, '${data.azurerm_postgresql_flexible_server.lookup["a"].id}'],
    ['for_each of one item, named by each.key', { for_each: { 'orders-db': 1 }, name: '${each.key}', resource_group_name: 'rg-orders' }, '${data.azurerm_postgresql_flexible_server.lookup["orders-db"].id}'],
  ])('with %s reads as the resource', (_name, args, scope) => {
    expect(scopeAfter(lookup(args), SERVER, scope)).toBe(ALIAS);
    expect(scopeAfter(lookup(args), SERVER, `\${lower(${scope.slice(2, -1)})}`)).toBe(`\${lower(${ALIAS.slice(2, -1)})}`);
  });

  // An instance of a counted lookup is read as the lookup (instance-references.ts, A20a-3): its instances read through one provider.
  test('an argument of an indexed lookup reads as the argument; a resource group\'s ID reads the subscription from the lookup', () => {
    expect(scopeAfter(lookup({ count: 1, name: 'other-db', resource_group_name: 'rg-orders' }), {}, '${data.azurerm_postgresql_flexible_server.lookup[0].name}')).toBe('other-db');
    expect(scopeAfter({ azurerm_resource_group: { g: { for_each: { a: 1 }, name: 'rg-orders' } } }, {}, '${data.azurerm_resource_group.g["a"].id}'))
      .toBe('/subscriptions/${split("/", data.azurerm_resource_group.g.id)[2]}/resourceGroups/rg-orders');
  });

  test('when the instances may differ (each.value of a for_each of several items, count.index in an argument), is read as a lookup by a name known later', () => {
    const several = { for_each: { a: 'orders-db', b: 'billing-db' }, name: '${each.value}', resource_group_name: 'rg-orders' };
    const someServer = (at: string) => `/subscriptions/\${split("/", ${at}.id)[2]}/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/\${split("/", ${at}.id)[8]}`;
    expect(scopeAfter(lookup(several), SERVER, '${data.azurerm_postgresql_flexible_server.lookup["a"].id}')).toBe(someServer('data.azurerm_postgresql_flexible_server.lookup'));
    const indexed = { count: 2, name: '${var.names[count.index]}', resource_group_name: 'rg-orders' };
    expect(scopeAfter(lookup(indexed), SERVER, '${data.azurerm_postgresql_flexible_server.lookup[0].id}')).toBe(someServer('data.azurerm_postgresql_flexible_server.lookup'));
    const groups = { azurerm_network_security_group: { n: { for_each: { a: 'nsg-db', b: 'nsg-app' }, name: '${each.value}', resource_group_name: 'rg-orders' } } };
    const nsg = { azurerm_network_security_group: { db: { name: 'nsg-db', resource_group_name: 'rg-orders' } } };
    // An item of a lookup of a type whose ID the pack spells, by a literal key, is the ID its own item's names spell (A22a-5): nsg-db in
    // the lookup's subscription, not the resource (aliased only where every item reads it); a key known only later is each item's.
    const spelledNsg = (name: string) => `/subscriptions/\${split("/", data.azurerm_network_security_group.n.id)[2]}/resourceGroups/rg-orders/providers/Microsoft.Network/networkSecurityGroups/${name}`;
    expect(scopeAfter(groups, nsg, '${data.azurerm_network_security_group.n["a"].id}')).toBe(spelledNsg('nsg-db'));
    expect(scopeAfter(groups, nsg, '${data.azurerm_network_security_group.n["b"].id}')).toBe(spelledNsg('nsg-app'));
    expect(scopeAfter(groups, nsg, '${data.azurerm_network_security_group.n["z"].id}')).toBe('${data.azurerm_network_security_group.n.id}');
  });
});

test('an instance picked by an index with brackets and strings in it is read as the lookup\'s too; a reference inside the index is aliased on its own (A14b-11)', () => {
  const args = lookup({ for_each: '${var.m}', name: 'orders-db', resource_group_name: 'rg-orders' });
  for (const index of ['[var.keys[0]]', '[keys({ "a]" = [1] })[0]]', '["a\\"]"]']) {
    expect(scopeAfter(args, SERVER, `\${data.azurerm_postgresql_flexible_server.lookup${index}.id}`)).toBe(`\${${FLEXIBLE}.db.id}`);
  }
  const inner = { ...args, azurerm_resource_group: { g: { count: 1, name: 'rg-orders' } } };
  expect(scopeAfter(inner, {}, '${local.m[data.azurerm_postgresql_flexible_server.lookup[0].name]}')).toBe('${local.m["orders-db"]}');
  expect(scopeAfter(inner, {}, '${data.azurerm_resource_group.g[0].name}-${data.azurerm_postgresql_flexible_server.lookup[data.azurerm_resource_group.g[0].name].name}'))
    .toBe('rg-orders-orders-db');
});

test.each([
  ['the server, count = 1', { [FLEXIBLE]: { lookup: { count: 1, name: 'orders-db', resource_group_name: 'rg-orders' } } }, '${data.azurerm_postgresql_flexible_server.lookup[0].id}'],
  ['the server, for_each by key', { [FLEXIBLE]: { lookup: { for_each: { a: 'orders-db' }, name: '${each.value}', resource_group_name: 'rg-orders' } } }, '${data.azurerm_postgresql_flexible_server.lookup ["a"] . id}'],
  ['its resource group, for_each by key', { azurerm_resource_group: { g: { for_each: { a: 1 }, name: 'rg-orders' } } }, '${data.azurerm_resource_group.g["a"].id}'],
  ['its resource group, count = 1', { azurerm_resource_group: { g: { count: 1, name: 'rg-orders' } } }, '${data.azurerm_resource_group.g[0].id}'],
  ['a search of it, for_each by key', { azurerm_resources: { r: { for_each: { a: 1 }, type: 'Microsoft.DBforPostgreSQL/flexibleServers', name: 'orders-db', resource_group_name: 'rg-orders' } } }, '${one(data.azurerm_resources.r["a"].resources[*].id)}'],
])('in a stack, Owner on a lookup with count or for_each of %s fails as on the lookup without them (A14b-11)', (_name, data, scope) => {
  const terraform = {
    data,
    resource: {
      [FLEXIBLE]: { db: compliantFlexibleServer({ name: 'orders-db', resource_group_name: 'rg-orders' }) },
      azurerm_role_assignment: { owner: { scope, role_definition_name: 'Owner', principal_id: 'aaaaaaaa-0000-0000-0000-000000000001' } },
    },
  };
  expect(evaluateStack(terraform, [PRIVILEGED_ROLES]).findings.filter((f) => f.server === `${FLEXIBLE}.db`).map((f) => [f.status, f.address])).toEqual([['fail', 'azurerm_role_assignment.owner']]);
});

describe('a lookup read through a provider configuration of its own (provider = azurerm.<alias>)', () => {
  const through = (provider: string | undefined, providers: object = {}, resource: object = SERVER, scope = '${data.azurerm_postgresql_flexible_server.lookup.id}') => {
    const stack = { provider: providers, data: lookup({ name: 'orders-db', resource_group_name: 'rg-orders', ...(provider === undefined ? {} : { provider }) }), resource: { ...resource, azurerm_role_assignment: { x: { scope } } } };
    return (aliasDataSources(stack) as { resource: { azurerm_role_assignment: { x: { scope: unknown } } } }).resource.azurerm_role_assignment.x.scope;
  };
  const OTHER = { alias: 'other', features: [{}], subscription_id: '99999999-0000-0000-0000-000000000000' };
  const original = '${data.azurerm_postgresql_flexible_server.lookup.id}';

  test('reads as the resource written with the same configuration, or with one that names the same subscription and tenant (or leaves both to the environment)', () => {
    expect(through('azurerm.other', { azurerm: [{ features: [{}] }, OTHER] }, { [FLEXIBLE]: { db: { ...SERVER[FLEXIBLE].db, provider: 'azurerm.other' } } })).toBe(`\${${FLEXIBLE}.db.id}`);
    expect(through(undefined, { azurerm: [{ features: [{}] }] })).toBe(`\${${FLEXIBLE}.db.id}`);
    expect(through('azurerm.other', { azurerm: [{ features: [{}], subscription_id: OTHER.subscription_id.toUpperCase() }, OTHER] })).toBe(`\${${FLEXIBLE}.db.id}`);
    expect(through('azurerm.other', { azurerm: [{ features: [{}] }, { alias: 'other', features: [{}], client_id: 'x' }] })).toBe(`\${${FLEXIBLE}.db.id}`);
     // One subscription names the same objects whatever the tenant says (seventeenth review, A17b-5).
    expect(through('azurerm.other', { azurerm: [{ features: [{}], subscription_id: OTHER.subscription_id }, { alias: 'other', features: [{}], subscription_id: OTHER.subscription_id, tenant_id: '${var.tenant}' }] })).toBe(`\${${FLEXIBLE}.db.id}`);
  });

  test('stays as written through another subscription, one known only at apply time, or a provider not written as text: it may read another object of that name', () => {
    expect(through('azurerm.other', { azurerm: [{ features: [{}] }, OTHER] })).toBe(original);
    expect(through('azurerm.other', { azurerm: [{ features: [{}], subscription_id: '00000000-0000-0000-0000-000000000000' }, OTHER] })).toBe(original);
    expect(through('azurerm.other', { azurerm: [{ features: [{}] }, { ...OTHER, subscription_id: '${var.subscription}' }] })).toBe(original);
    expect(through('${var.provider}', { azurerm: [{ features: [{}] }] })).toBe(original);
    expect(through(undefined, { azurerm: [{ features: [{}] }, OTHER] }, { [FLEXIBLE]: { db: { ...SERVER[FLEXIBLE].db, provider: 'azurerm.other' } } })).toBe(original);
  });

  test('a literal ID of its type, group and name is its ID only in the subscription its provider names', () => {
    const workspace = { azurerm_log_analytics_workspace: { ws: { name: 'log-central', resource_group_name: 'rg-logs', provider: 'azurerm.other' } } };
    const scope = '${data.azurerm_log_analytics_workspace.ws.id}';
    const stack = (subscription: string) => ({
      provider: { azurerm: [{ features: [{}] }, { ...OTHER, subscription_id: subscription }] },
      data: workspace,
      resource: { azurerm_monitor_diagnostic_setting: { d: { log_analytics_workspace_id: WORKSPACE_ID } }, azurerm_role_assignment: { x: { scope } } },
    });
    const after = (subscription: string) => (aliasDataSources(stack(subscription)) as { resource: { azurerm_role_assignment: { x: { scope: unknown } } } }).resource.azurerm_role_assignment.x.scope;
    expect(after('00000000-0000-0000-0000-000000000000')).toBe(WORKSPACE_ID);
    expect(after('99999999-0000-0000-0000-000000000000')).toBe(scope);
    expect(after('${var.subscription}')).toBe(WORKSPACE_ID);
  });
});

describe('sourceRelation: whether a lookup reads where a block is written (A16b-5)', () => {
  const providers = (own: Record<string, unknown>, other: Record<string, unknown>) => [{ key: 'azurerm', type: 'azurerm', config: own }, { key: 'azurerm.other', type: 'azurerm', config: other }];
  const LITERAL = { subscription_id: '00000000-0000-0000-0000-000000000000' };
  const relation = (own: Record<string, unknown>, other: Record<string, unknown>) => sourceRelation('azurerm_subnet', { provider: 'azurerm.other' }, {}, providers(own, other));
  test.each([
    ['the same literal subscription', LITERAL, LITERAL, 'same'],
    ['both the environment\'s', {}, {}, 'same'],
    ['another literal subscription', LITERAL, { subscription_id: '99999999-0000-0000-0000-000000000000' }, 'other'],
    ['a literal against a variable', LITERAL, { subscription_id: '${var.s}' }, 'maybe'],
    ['a literal against the environment\'s', LITERAL, {}, 'maybe'],
    ['the environment\'s against a literal', {}, LITERAL, 'maybe'],
  ])('%s: %s', (_name, own, other, expected) => {
    expect(relation(own, other)).toBe(expected);
  });
  // Seventeenth review, A17b-5: a subscription ID names one subscription in one tenant; the tenant decides only where no subscription is written.
  const TENANT = '11111111-2222-3333-4444-555555555555';
  test.each([
    ['the same subscription, the tenant as a GUID and as its domain', { ...LITERAL, tenant_id: TENANT }, { ...LITERAL, tenant_id: 'contoso.onmicrosoft.com' }, 'same'],
    ['the same subscription, two tenant GUIDs', { ...LITERAL, tenant_id: TENANT }, { ...LITERAL, tenant_id: '99999999-2222-3333-4444-555555555555' }, 'same'],
    ['the same subscription in another case and with spaces, a tenant on one side', { ...LITERAL, tenant_id: TENANT }, { subscription_id: ` ${LITERAL.subscription_id.toUpperCase()} ` }, 'same'],
    ['the same subscription, a tenant known only at apply time', LITERAL, { ...LITERAL, tenant_id: '${var.tenant}' }, 'same'],
    ['two literal subscriptions, the same tenant', { ...LITERAL, tenant_id: TENANT }, { subscription_id: '99999999-0000-0000-0000-000000000000', tenant_id: TENANT }, 'other'],
    ['no subscription, the same tenant in another case', { tenant_id: TENANT }, { tenant_id: TENANT.toUpperCase() }, 'same'],
    ['no subscription, two tenant GUIDs', { tenant_id: TENANT }, { tenant_id: '99999999-2222-3333-4444-555555555555' }, 'other'],
    ['no subscription, a tenant GUID and a domain', { tenant_id: TENANT }, { tenant_id: 'contoso.onmicrosoft.com' }, 'maybe'],
    ['no subscription, a tenant against the environment\'s', { tenant_id: TENANT }, {}, 'maybe'],
    ['a literal subscription against the environment\'s, two tenant GUIDs', { ...LITERAL, tenant_id: TENANT }, { tenant_id: '99999999-2222-3333-4444-555555555555' }, 'maybe'],
  ])('%s: %s', (_name, own, other, expected) => {
    expect(relation(own, other)).toBe(expected);
  });
  test('a provider not written as text may be any', () => {
    expect(sourceRelation('azurerm_subnet', { provider: '${var.p}' }, {}, providers({}, {}))).toBe('maybe');
    expect(sourceRelation('azurerm_subnet', {}, {}, [])).toBe('same');
  });
});
