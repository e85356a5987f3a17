import { isUnknown } from '../../lib/checks/hcl-expression';
import { asList, buildStackModel, certainOnly, firstBlock, ServerView } from '../../lib/checks/stack-model';
import { compliantFlexibleServer, FLEXIBLE, SINGLE } from './rule-harness';

// Which server each child resource belongs to, whether it exists for sure, and what the model
// reads of a block (stack-model.test.ts has the basic forms).

const FIREWALL = 'azurerm_postgresql_flexible_server_firewall_rule';
const SINGLE_FIREWALL = 'azurerm_postgresql_firewall_rule';
const DIAGNOSTIC = 'azurerm_monitor_diagnostic_setting';
const ENDPOINT = 'azurerm_private_endpoint';
const REF = `\${${FLEXIBLE}.db.id}`;
const FLEXIBLE_ID = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/ext';
const SINGLE_ID = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/servers/legacy';

const rule = (serverId: unknown, extra: object = {}) => ({ name: 'r', server_id: serverId, start_ip_address: '0.0.0.0', end_ip_address: '0.0.0.0', ...extra });

/** Every server of the model, by address, with the addresses (and certainty) of one list of children. */
function attached(terraform: object, list: 'firewallRules' | 'diagnosticSettings' | 'privateEndpoints' | 'serverKeys' = 'firewallRules'): { [server: string]: [string, boolean][] } {
  const servers = buildStackModel(terraform).servers;
  return Object.fromEntries(servers.map((s: ServerView) => [s.address, s[list].map((r): [string, boolean] => [r.address, r.certain])]));
}

describe('a child is attached to the server it names', () => {
  test('a literal name reaches the server of the stack with that name, of the same kind only', () => {
    const terraform = {
      resource: {
        [SINGLE]: { legacy: { name: 'legacy-db' } },
        [FLEXIBLE]: { db: compliantFlexibleServer({ name: 'shared-name' }) },
        [SINGLE_FIREWALL]: { a: { name: 'a', server_name: 'legacy-db' }, b: { name: 'b', server_name: 'shared-name' } },
      },
    };
    expect(attached(terraform)).toEqual({
      [`${FLEXIBLE}.db`]: [],
      [`${SINGLE}.legacy`]: [[`${SINGLE_FIREWALL}.a`, true]],
      [`(outside this stack) ${SINGLE} "shared-name"`]: [[`${SINGLE_FIREWALL}.b`, true]],
    });
  });

  test('children that name the same server outside the stack share it', () => {
    const terraform = { resource: { [FIREWALL]: { a: rule(FLEXIBLE_ID), b: rule(FLEXIBLE_ID) } } };
    expect(attached(terraform)).toEqual({ [`(outside this stack) ${FLEXIBLE} "ext"`]: [[`${FIREWALL}.a`, true], [`${FIREWALL}.b`, true]] });
  });

  test('a server ID decides the kind of server, whatever the child', () => {
    const terraform = { resource: { azurerm_postgresql_server_key: { k: { server_id: SINGLE_ID, key_vault_key_id: 'k' } } } };
    expect(attached(terraform, 'serverKeys')).toEqual({ [`(outside this stack) ${SINGLE} "legacy"`]: [['azurerm_postgresql_server_key.k', true]] });
  });

  test.each<[string, string]>([
    ['an empty string', ''],
    ['a blank name', ' '],
    ['an ID of another kind of resource', '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Sql/servers/x'],
    ['an ID with more after the server name', `${FLEXIBLE_ID}/databases/app`],
    ['an ID with no server name', '/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/'],
    ['an ID of an unknown server type', '/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/constructor/x'],
  ])('a pointer that is %s, which no rule can place, is judged on a server of its own, as a child that may not be there', (_, pointer) => {
    expect(attached({ resource: { [FIREWALL]: { a: rule(pointer) } } })).toEqual({
      [`(server unknown) ${FLEXIBLE} for ${JSON.stringify(pointer)}`]: [[`${FIREWALL}.a`, false]],
    });
  });

  test.each<[string, string]>([
    ['with a "/" after the name (azurerm drops it)', `${FLEXIBLE_ID}/`],
    ['without the leading "/"', FLEXIBLE_ID.slice(1)],
    ['with its segment names in another case', FLEXIBLE_ID.replace('resourceGroups', 'resourcegroups').replace('Microsoft.DBforPostgreSQL/flexibleServers', 'microsoft.dbforpostgresql/FLEXIBLESERVERS')],
    ['with the server name in another case (Azure names ignore case)', FLEXIBLE_ID.replace('/ext', '/EXT')],
    // Twenty-third run, A23-3: "." and empty segments are dropped wherever they stand, as a cleaned URL path drops them.
    ['with two slashes at the end', `${FLEXIBLE_ID}//`],
    ['with an inner "//"', FLEXIBLE_ID.replace('/providers/', '//providers/')],
    ['with a "." segment', FLEXIBLE_ID.replace('/flexibleServers/', '/./flexibleServers/')],
  ])('a server ID %s names the server', (_, pointer) => {
    const terraform = { resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ name: 'ext' }) }, [FIREWALL]: { a: rule(pointer) } } };
    expect(attached(terraform)).toEqual({ [`${FLEXIBLE}.db`]: [[`${FIREWALL}.a`, true]] });
  });

  test('a name with blanks around it reaches the server, as a child that may not be its (Azure may not trim them)', () => {
    const terraform = { resource: { [SINGLE]: { legacy: { name: 'legacy-db' } }, [SINGLE_FIREWALL]: { a: { name: 'a', server_name: 'LEGACY-DB' }, b: { name: 'b', server_name: 'legacy-db ' } } } };
    expect(attached(terraform)).toEqual({ [`${SINGLE}.legacy`]: [[`${SINGLE_FIREWALL}.a`, true], [`${SINGLE_FIREWALL}.b`, false]] });
  });

  test('an ID whose subscription or resource group is an expression names the server at its literal end, as a child that may not be its', () => {
    const terraform = {
      resource: {
        [FLEXIBLE]: { db: compliantFlexibleServer({ name: 'ext' }) },
        [FIREWALL]: {
          a: rule('/subscriptions/${data.azurerm_client_config.c.subscription_id}/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/EXT/'),
          b: rule('/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/${var.name}'),
        },
      },
    };
    expect(attached(terraform)).toEqual({
      [`${FLEXIBLE}.db`]: [[`${FIREWALL}.a`, false]],
      [`(server unknown) ${FLEXIBLE} for /subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/\${var.name}`]: [[`${FIREWALL}.b`, false]],
    });
  });

  test('a pointer that is a number names no server', () => {
    expect(buildStackModel({ resource: { [FIREWALL]: { a: rule(3) } } }).servers).toEqual([]);
  });

  test('a reference to a server resource the stack does not have gets a server of its own', () => {
    expect(attached({ resource: { [FIREWALL]: { a: rule(`\${${FLEXIBLE}.gone.id}`) } } })).toEqual({
      [`(server unknown) ${FLEXIBLE} for ${FLEXIBLE}.gone.id`]: [[`${FIREWALL}.a`, true]],
    });
  });

  test('a data source whose name is known only later is a server of its own', () => {
    const terraform = { data: { [FLEXIBLE]: { x: { name: '${var.name}' } } }, resource: { [FIREWALL]: { a: rule(`\${data.${FLEXIBLE}.x.id}`) } } };
    expect(attached(terraform)).toEqual({ [`(data source) data.${FLEXIBLE}.x`]: [[`${FIREWALL}.a`, true]] });
  });

  test('a data source of another type is no server', () => {
    const terraform = { data: { azurerm_key_vault: { x: { name: 'kv' } } }, resource: { [FIREWALL]: { a: rule('${data.azurerm_key_vault.x.id}') } } };
    expect(Object.keys(attached(terraform))).toEqual([`(server unknown) ${FLEXIBLE} for data.azurerm_key_vault.x.id`]);
  });

  test('a child that may belong to one of two servers is judged on both, as a child that may not be theirs', () => {
    const terraform = { resource: { [FLEXIBLE]: { a: compliantFlexibleServer(), b: compliantFlexibleServer() }, [FIREWALL]: { r: rule(`\${var.c ? ${FLEXIBLE}.a.id : ${FLEXIBLE}.b.id}`) } } };
    expect(attached(terraform)).toEqual({ [`${FLEXIBLE}.a`]: [[`${FIREWALL}.r`, false]], [`${FLEXIBLE}.b`]: [[`${FIREWALL}.r`, false]] });
  });

  test('children are listed by address, whatever the order of the JSON', () => {
    const terraform = { resource: { [FIREWALL]: { b: rule(REF), c: rule(REF), a: rule(REF) }, [FLEXIBLE]: { db: compliantFlexibleServer() } } };
    expect(attached(terraform)[`${FLEXIBLE}.db`].map(([address]) => address)).toEqual([`${FIREWALL}.a`, `${FIREWALL}.b`, `${FIREWALL}.c`]);
  });

  test('of two blocks at one address, the first one gives the construct path', () => {
    const terraform = { resource: { [FIREWALL]: { a: [rule(REF, { '//': { metadata: { path: 'stack/First' } } }), rule(REF, { '//': { metadata: { path: 'stack/Second' } } })] } } };
    expect(buildStackModel(terraform).resources.get(`${FIREWALL}.a`)?.constructPath).toBe('stack/First');
  });
});

describe('diagnostic settings and private endpoints', () => {
  test('attach to the server their target or connection names, by reference or ID', () => {
    const terraform = {
      resource: {
        [FLEXIBLE]: { db: compliantFlexibleServer() },
        [DIAGNOSTIC]: { byRef: { target_resource_id: REF }, byId: { target_resource_id: FLEXIBLE_ID } },
        [ENDPOINT]: {
          pe: { private_service_connection: [{ private_connection_resource_id: '${azurerm_key_vault.kv.id}' }, { private_connection_resource_id: REF }] },
          single: { private_service_connection: { private_connection_resource_id: SINGLE_ID } },
        },
      },
    };
    expect(attached(terraform, 'diagnosticSettings')).toEqual({
      [`${FLEXIBLE}.db`]: [[`${DIAGNOSTIC}.byRef`, true]],
      [`(outside this stack) ${FLEXIBLE} "ext"`]: [[`${DIAGNOSTIC}.byId`, true]],
      [`(outside this stack) ${SINGLE} "legacy"`]: [],
    });
    expect(attached(terraform, 'privateEndpoints')).toEqual({
      [`${FLEXIBLE}.db`]: [[`${ENDPOINT}.pe`, true]],
      [`(outside this stack) ${FLEXIBLE} "ext"`]: [],
      [`(outside this stack) ${SINGLE} "legacy"`]: [[`${ENDPOINT}.single`, true]],
    });
  });

  test('one whose target is known only later may be any server\'s: judged on a server of its own, not the stack\'s (A12b-4)', () => {
    const terraform = { resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, [DIAGNOSTIC]: { d: { target_resource_id: '${var.target}' } }, [ENDPOINT]: { e: { private_service_connection: [{ private_connection_resource_id: '${var.id}' }] } } } };
    const later = (pointer: string) => `(server unknown) ${FLEXIBLE} for ${pointer}`;
    expect(attached(terraform, 'diagnosticSettings')).toEqual({ [`${FLEXIBLE}.db`]: [], [later('var.target')]: [[`${DIAGNOSTIC}.d`, true]], [later('var.id')]: [] });
    expect(attached(terraform, 'privateEndpoints')).toEqual({ [`${FLEXIBLE}.db`]: [], [later('var.target')]: [], [later('var.id')]: [[`${ENDPOINT}.e`, true]] });
  });

  test('one whose target is the ID of another resource of the stack, or spells another type\'s ID, belongs to none', () => {
    const terraform = { resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, [DIAGNOSTIC]: {
      d: { target_resource_id: '${azurerm_key_vault.kv.id}' },
      e: { target_resource_id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/${var.name}' },
    } } };
    expect(attached(terraform, 'diagnosticSettings')).toEqual({ [`${FLEXIBLE}.db`]: [] });
  });

  test('one that targets the server through an expression may not be the server\'s', () => {
    const terraform = { resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, [DIAGNOSTIC]: { d: { target_resource_id: `\${lower(${FLEXIBLE}.db.id)}` } } } };
    expect(attached(terraform, 'diagnosticSettings')).toEqual({ [`${FLEXIBLE}.db`]: [[`${DIAGNOSTIC}.d`, false]] });
  });
});

describe('count and for_each', () => {
  const withRule = (extra: object) => ({ resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, [FIREWALL]: { r: rule(REF, extra) } } });

  test.each<[string, object, [string, boolean][]]>([
    ['count "0"', { count: '0' }, []],
    ['count "2"', { count: '2' }, [[`${FIREWALL}.r`, true]]],
    ['an empty for_each list', { for_each: [] }, []],
    ['a for_each of one key', { for_each: { a: 1 } }, [[`${FIREWALL}.r`, true]]],
    ['a for_each that is a string', { for_each: 'x' }, [[`${FIREWALL}.r`, false]]],
    ['count null', { count: null }, [[`${FIREWALL}.r`, true]]],
  ])('%s', (_, extra, expected) => {
    expect(attached(withRule(extra))[`${FLEXIBLE}.db`]).toEqual(expected);
  });

  test('a resource with count or for_each is listed as multiplied, even when it makes no instance', () => {
    const terraform = { resource: { [FIREWALL]: { a: rule(REF, { count: 0 }), b: rule(REF, { for_each: { x: 1 } }), c: rule(REF) } } };
    expect(buildStackModel(terraform).multiplied.map((m) => m.address)).toEqual([`${FIREWALL}.a`, `${FIREWALL}.b`]);
  });
});

describe('what the model reads of a block', () => {
  // The block's comment, which Terraform ignores, is left out (88th run, A88a-5: before, it was kept and every reader skipped "//" at
  // every depth, a value's "//" key too); a "//" key inside a value is evaluated as any key.
  test('null is unset at every depth of objects; the block\'s comment is left out, a value\'s "//" key evaluated; an Unknown stays one', () => {
    const comment = { metadata: { path: 'stack/db', note: '${not evaluated}' } };
    const terraform = { resource: { [FLEXIBLE]: { db: { name: 'db', '//': comment, authentication: { tenant_id: '${var.tenant}', password_auth_enabled: null }, tags: [null, 'x'], identity: { '//': '${var.kept}' } } } } };
    const config = buildStackModel(terraform).servers[0].config;
    expect('//' in config).toBe(false);
    expect(isUnknown((config.identity as { '//': unknown })['//'])).toBe(true);
    expect(Object.keys(config.authentication as object)).toEqual(['tenant_id']);
    expect(isUnknown((config.authentication as { tenant_id: unknown }).tenant_id)).toBe(true);
    expect(config.tags).toEqual([null, 'x']);
  });

  test('locals that refer to each other are Unknown, not an endless loop', () => {
    const terraform = { locals: { a: '${local.b}', b: '${local.a}' }, resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ public_network_access_enabled: '${local.a}' }) } } };
    expect(isUnknown(buildStackModel(terraform).servers[0].config.public_network_access_enabled)).toBe(true);
  });

  test('locals from several root bodies are all read', () => {
    const terraform = [{ locals: { a: false } }, { locals: [{ b: '${local.a}' }], resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ public_network_access_enabled: '${local.b}' }) } } }];
    expect(buildStackModel(terraform).servers[0].config.public_network_access_enabled).toBe(false);
  });

  test.each<[string, unknown, string]>([
    ['a data section', { data: 5 }, 'data is number, where Terraform needs an object'],
    ['a data type', { data: { [FLEXIBLE]: 'x' } }, `data.${FLEXIBLE} is string, where Terraform needs an object`],
    ['a root body in a list', [{ resource: {} }, true], 'the file is boolean, where Terraform needs an object'],
  ])('%s of the wrong shape is a problem', (_, terraform, problem) => {
    expect(buildStackModel(terraform).problems).toEqual([problem]);
  });

  // As HCL's JSON syntax reads them (A27b-4): a list item null or [] is an empty block, a list of objects one block of their
  // arguments; text is no block (the model refuses it where the rules read the block: stack-shape.test.ts).
  test('nested blocks read as lists of objects, as HCL reads them; anything else is no block', () => {
    expect(asList(undefined)).toEqual([]);
    expect(asList(null)).toEqual([]);
    expect(asList({ a: 1 })).toEqual([{ a: 1 }]);
    expect(asList([{ a: 1 }, 'x', null, [], { b: 2 }])).toEqual([{ a: 1 }, {}, {}, { b: 2 }]);
    expect(asList([[{ a: 1 }, { b: 2 }], [{ c: 3 }, 'x']])).toEqual([{ a: 1, b: 2 }]);
    expect(firstBlock([{ a: 1 }, { b: 2 }])).toEqual({ a: 1 });
    expect(firstBlock('x')).toBeUndefined();
    // The first block of the list; an object alone is its own block.
    const block = { b: 2 };
    expect(firstBlock(['x', block, { c: 3 }])).toBe(block);
    expect(firstBlock(['x', null, block])).toEqual({});
    expect(firstBlock(block)).toBe(block);
    expect(firstBlock([])).toBeUndefined();
    expect(firstBlock([[{ a: 1 }], null])).toEqual({ a: 1 });
    expect(firstBlock(null)).toBeUndefined();
  });
});

describe('more ways a child names its server', () => {
  test('every child type joins its own list of its server', () => {
    const flexibleId = `\${${FLEXIBLE}.db.id}`;
    const singleId = `\${${SINGLE}.legacy.id}`;
    const singleName = `\${${SINGLE}.legacy.name}`;
    const terraform = {
      resource: {
        [FLEXIBLE]: { db: compliantFlexibleServer() },
        [SINGLE]: { legacy: { name: 'legacy' } },
        azurerm_postgresql_flexible_server_configuration: { p: { name: 'x', value: 'on', server_id: flexibleId } },
        [FIREWALL]: { f: rule(flexibleId) },
        azurerm_postgresql_flexible_server_active_directory_administrator: { a: { server_name: `\${${FLEXIBLE}.db.name}` } },
        azurerm_postgresql_flexible_server_database: { d: { name: 'app', server_id: flexibleId } },
        azurerm_postgresql_configuration: { p: { name: 'x', value: 'on', server_name: singleName } },
        [SINGLE_FIREWALL]: { f: { server_name: singleName } },
        azurerm_postgresql_virtual_network_rule: { v: { server_name: singleName } },
        azurerm_postgresql_active_directory_administrator: { a: { server_name: singleName } },
        azurerm_postgresql_server_key: { k: { server_id: singleId } },
        azurerm_postgresql_database: { d: { server_name: singleName } },
      },
    };
    const lists = (server: ServerView) => ({
      parameters: [...server.parameters.values()].flat().map((r) => r.address),
      firewallRules: server.firewallRules.map((r) => r.address),
      virtualNetworkRules: server.virtualNetworkRules.map((r) => r.address),
      administrators: server.administrators.map((r) => r.address),
      serverKeys: server.serverKeys.map((r) => r.address),
      databases: server.databases.map((r) => r.address),
      diagnosticSettings: server.diagnosticSettings.map((r) => r.address),
      privateEndpoints: server.privateEndpoints.map((r) => r.address),
    });
    const [flexible, single] = buildStackModel(terraform).servers;
    expect(lists(flexible)).toEqual({
      parameters: ['azurerm_postgresql_flexible_server_configuration.p'],
      firewallRules: [`${FIREWALL}.f`],
      virtualNetworkRules: [],
      administrators: ['azurerm_postgresql_flexible_server_active_directory_administrator.a'],
      serverKeys: [],
      databases: ['azurerm_postgresql_flexible_server_database.d'],
      diagnosticSettings: [],
      privateEndpoints: [],
    });
    expect(lists(single)).toEqual({
      parameters: ['azurerm_postgresql_configuration.p'],
      firewallRules: [`${SINGLE_FIREWALL}.f`],
      virtualNetworkRules: ['azurerm_postgresql_virtual_network_rule.v'],
      administrators: ['azurerm_postgresql_active_directory_administrator.a'],
      serverKeys: ['azurerm_postgresql_server_key.k'],
      databases: ['azurerm_postgresql_database.d'],
      diagnosticSettings: [],
      privateEndpoints: [],
    });
  });

  test('children are ordered by address however many there are', () => {
    const names = ['f', 'd', 'b', 'e', 'a', 'c'];
    const terraform = { resource: { [FIREWALL]: Object.fromEntries(names.map((n) => [n, rule(REF)])), [FLEXIBLE]: { db: compliantFlexibleServer() } } };
    expect(attached(terraform)[`${FLEXIBLE}.db`].map(([address]) => address)).toEqual([...names].sort().map((n) => `${FIREWALL}.${n}`));
  });

  test('a data source the stack does not declare, and two unnamed ones, are servers of their own', () => {
    const terraform = {
      data: { [FLEXIBLE]: { x: { name: '${var.x}' }, y: { name: '${var.y}' } } },
      resource: { [FIREWALL]: { a: rule(`\${data.${FLEXIBLE}.x.id}`), b: rule(`\${data.${FLEXIBLE}.y.id}`), c: rule(`\${data.${FLEXIBLE}.nope.id}`) } },
    };
    expect(Object.keys(attached(terraform))).toEqual([`(data source) data.${FLEXIBLE}.x`, `(data source) data.${FLEXIBLE}.y`, `(data source) data.${FLEXIBLE}.nope`]);
  });

  test('two pointers that cannot be resolved are two servers', () => {
    const terraform = { resource: { [FIREWALL]: { a: rule('${var.a}'), b: rule('${var.b}') } } };
    expect(Object.keys(attached(terraform))).toEqual([`(server unknown) ${FLEXIBLE} for var.a`, `(server unknown) ${FLEXIBLE} for var.b`]);
  });

  test('only diagnostic settings and private endpoints are attached by their target: other resources with a target_resource_id are not', () => {
    const terraform = { resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, azurerm_advanced_threat_protection: { t: { target_resource_id: REF, enabled: true } } } };
    expect(buildStackModel(terraform).servers[0].diagnosticSettings).toEqual([]);
  });

  test('a diagnostic setting whose target is a plain name, not an ID, names no server', () => {
    expect(buildStackModel({ resource: { [DIAGNOSTIC]: { d: { target_resource_id: 'orders-db' } } } }).servers).toEqual([]);
  });
});

describe('more of what the model reads', () => {
  test('only resources that exist for sure count as certain', () => {
    const db = buildStackModel({ resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, [FIREWALL]: { a: rule(REF), b: rule(REF, { count: '${var.n}' }) } } }).servers[0];
    expect(certainOnly(db.firewallRules).map((r) => r.address)).toEqual([`${FIREWALL}.a`]);
  });

  test('a construct path that is not text is no construct path', () => {
    const terraform = { resource: { [FIREWALL]: { a: rule(REF, { '//': { metadata: { path: 7 } } }) } } };
    expect(buildStackModel(terraform).resources.get(`${FIREWALL}.a`)?.constructPath).toBeUndefined();
  });

  test('null is unset inside the blocks of a list too', () => {
    const terraform = { resource: { [FLEXIBLE]: { db: { name: 'db', high_availability: [{ mode: 'ZoneRedundant', standby_availability_zone: null }] } } } };
    expect(buildStackModel(terraform).servers[0].config.high_availability).toEqual([{ mode: 'ZoneRedundant' }]);
  });

  test('a local that refers to itself reads as that local', () => {
    const terraform = { locals: { a: '${local.b}', b: '${local.a}' }, resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ public_network_access_enabled: '${local.a}' }) } } };
    const value = buildStackModel(terraform).servers[0].config.public_network_access_enabled;
    expect(isUnknown(value) && [String(value), value.references]).toEqual(['${local.a}', ['local.a']]);
  });
});

// Twelfth review, A12a-9: a child that names its server by name (server_name) names it together with
// its resource group: in another group of the same name's server it is not this server's child.
describe('a child that names its server by name is its child only in the server\'s resource group', () => {
  const RG_NAME = '${azurerm_resource_group.rg.name}';
  const stackWith = (server: object, child: object) => ({
    resource: {
      azurerm_resource_group: { rg: { name: 'rg-orders', location: 'westeurope' } },
      [SINGLE]: { legacy: { name: 'legacy-db', ...server } },
      [SINGLE_FIREWALL]: { a: { name: 'a', server_name: `\${${SINGLE}.legacy.name}`, ...child } },
    },
  });

  test.each<[string, object, object]>([
    ['the same literal group, in another case', { resource_group_name: 'rg-orders' }, { resource_group_name: 'RG-Orders ' }],
    ['the same reference to the group', { resource_group_name: RG_NAME }, { resource_group_name: RG_NAME }],
    ['the literal name of the group the server references', { resource_group_name: RG_NAME }, { resource_group_name: 'rg-orders' }],
    ['a reference to the server\'s own group', { resource_group_name: '${var.group}' }, { resource_group_name: `\${${SINGLE}.legacy.resource_group_name}` }],
  ])('%s: the server\'s child for sure', (_, server, child) => {
    expect(attached(stackWith(server, child))[`${SINGLE}.legacy`]).toEqual([[`${SINGLE_FIREWALL}.a`, true]]);
  });

  test.each<[string, object, object]>([
    ['another literal group', { resource_group_name: 'rg-orders' }, { resource_group_name: 'rg-elsewhere' }],
    ['another literal group than the one the server references', { resource_group_name: RG_NAME }, { resource_group_name: 'rg-elsewhere' }],
  ])('%s: the child of another server of that name and group', (_, server, child) => {
    expect(attached(stackWith(server, child))).toEqual({
      [`${SINGLE}.legacy`]: [],
      [`(outside this stack) ${SINGLE} "legacy-db" in resource group "rg-elsewhere"`]: [[`${SINGLE_FIREWALL}.a`, true]],
    });
  });

  test.each<[string, object]>([
    ['a group known only at apply time', { resource_group_name: '${var.group}' }],
    ['no group (null, or taken out by an override: Terraform refuses it)', { resource_group_name: null }],
  ])('%s: the server\'s child that may not be there', (_, child) => {
    const terraform = stackWith({ resource_group_name: 'rg-orders' }, child);
    expect(attached(terraform)[`${SINGLE}.legacy`]).toEqual([[`${SINGLE_FIREWALL}.a`, false]]);
  });

  test('a Single Server key by a literal ID in another group is not the server\'s', () => {
    const terraform = {
      resource: {
        [SINGLE]: { legacy: { name: 'legacy', resource_group_name: 'rg' } },
        azurerm_postgresql_server_key: { k: { server_id: SINGLE_ID.replace('/rg/', '/rg-elsewhere/'), key_vault_key_id: 'k' } },
      },
    };
    expect(attached(terraform, 'serverKeys')).toEqual({
      [`${SINGLE}.legacy`]: [],
      [`(outside this stack) ${SINGLE} "legacy" in resource group "rg-elsewhere"`]: [['azurerm_postgresql_server_key.k', true]],
    });
  });
});
