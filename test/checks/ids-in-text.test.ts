import { evaluateStack, Finding } from '../../lib/checks/evaluate';
import { idsInText, networkPathsOf, serversOfId } from '../../lib/checks/ids-in-text';
import { ALL_RULES } from '../../lib/checks/rules';
import { buildStackModel, ServerView } from '../../lib/checks/stack-model';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';
import { guarded, securityRule } from './subnet-fixtures';

// Azure IDs inside free text read by the one ID grammar (ids-in-text.ts; stop 36). The readers of a network ID in a text
// (network-writers.ts, unread-writers.ts), of a VNet ID (vnet-wide-writers.ts) and of a server ID (stack-model.ts) each had a
// regex of their own, which missed what ARM and azurerm read as the same ID: "//", blanks around a "/", a "." or ".." segment,
// a final ".", a letter that folds otherwise, a percent-encoded character, an ID a format() or join() spells.

const NSG_ID = '/subscriptions/s/resourceGroups/rg-db/providers/Microsoft.Network/networkSecurityGroups/nsg-db';
const RULE_TYPE = 'Microsoft.Network/networkSecurityGroups/securityRules@2023-04-01';
const ALLOW_ALL = { access: 'Allow', direction: 'Inbound', priority: 100, protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' };

/** The spellings of the ID of the guarded server's network security group (rg-db/nsg-db) that ARM reads as it. */
const SAME_GROUP: readonly [string, string][] = [
  ['"//" before the group', NSG_ID.replace('resourceGroups/', 'resourceGroups//')],
  ['"//" before the namespace', NSG_ID.replace('providers/', 'providers//')],
  ['"//" before "providers"', NSG_ID.replace('/providers', '//providers')],
  ['blanks around a "/"', NSG_ID.replace('/rg-db/', '/ rg-db /')],
  ['a tab after "providers/"', NSG_ID.replace('providers/', 'providers/\t')],
  ['a "." segment', NSG_ID.replace('/rg-db/', '/./rg-db/')],
  ['a ".." segment', NSG_ID.replace('/rg-db/', '/rg-x/../rg-db/')],
  ['final dots on the names', NSG_ID.replace('rg-db', 'rg-db.').replace(/nsg-db$/, 'nsg-db.')],
  ['a long s in the type', NSG_ID.replace('networkSecurityGroups', 'networkSecurityGroup\u017f')],
  ['a dotless i in the namespace', NSG_ID.replace('Microsoft.Network', 'M\u0131crosoft.Network')],
  ['the Kelvin sign in the namespace', NSG_ID.replace('Network', 'Networ\u212a')],
  ['a percent-encoded "/"', NSG_ID.replace('Network/network', 'Network%2Fnetwork')],
  ['a percent-encoded "-" in the group', NSG_ID.replace('rg-db', 'rg%2Ddb')],
  ['lower case', NSG_ID.toLowerCase()],
  ['a format() with a variable subscription', `\${format("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Network/networkSecurityGroups/nsg-db", var.s, "rg-db")}`],
  ['a join() with a variable subscription', '${join("/", ["", "subscriptions", var.s, "resourceGroups", "rg-db", "providers", "Microsoft.Network", "networkSecurityGroups", "nsg-db"])}'],
  ['a replace() over a literal ID with a variable subscription', '${replace("/subscriptions/${var.s}/resourceGroups/rg-db/providers/Microsoft.Network/networkSecurityGroups/XX", "XX", "nsg-db")}'],
  ['a template with a variable group', '/subscriptions/s/resourceGroups/${var.s}/providers/Microsoft.Network/networkSecurityGroups/nsg-db'],
];

/** IDs that are not the group's: another group, another name, a name the group's is a prefix of, another type. */
const OTHERS: readonly [string, string][] = [
  ['another resource group, with "//"', NSG_ID.replace('resourceGroups/rg-db', 'resourceGroups//rg-app')],
  ['another name, with a final dot', NSG_ID.replace(/nsg-db$/, 'nsg-app.')],
  ['a name the group\'s is a prefix of', `${NSG_ID}2`],
  ['a name that is a prefix of the group\'s', NSG_ID.replace(/nsg-db$/, 'nsg-d')],
  ['another type of that name', NSG_ID.replace('networkSecurityGroups', 'routeTables')],
  ['a format() of another name', `\${format("/subscriptions/%s/resourceGroups/rg-db/providers/Microsoft.Network/networkSecurityGroups/%s", var.s, "nsg-app")}`],
  ['a template whose every name is a variable (a pointer known only at apply time)', '/subscriptions/${var.s}/resourceGroups/${var.s}/providers/Microsoft.Network/networkSecurityGroups/${var.s}'],
];

/** PG-CFG-3's failures on azapi blocks beside the guarded raw server "db" (its subnet rg-network/vnet-hub/snet-db, group rg-db/nsg-db). */
function azapiFailures(extra: Resources): string[] {
  return evaluateStack({ variable: { s: { type: 'string' } }, resource: guarded({ clients: securityRule() }, extra) }, ALL_RULES).findings
    .filter((f: Finding) => f.ruleId === 'PG-CFG-3' && f.status === 'fail' && String(f.address).startsWith('azapi_'))
    .map((f) => `${f.server} ${f.severity} ${f.address}`);
}

const ways: readonly [string, (id: string) => Resources, string][] = [
  ['a rule created under it (parent_id)', (id) => ({ azapi_resource: { x: { type: RULE_TYPE, name: 'open', parent_id: id, body: { properties: ALLOW_ALL } } } }), 'azapi_resource.x'],
  ['its rules replaced (resource_id)', (id) => ({ azapi_update_resource: { x: { type: 'Microsoft.Network/networkSecurityGroups@2023-04-01', resource_id: id, body: { properties: { securityRules: [] } } } } }), 'azapi_update_resource.x'],
  ['another subnet given it in a body', (id) => ({ azapi_resource: { x: { type: 'Microsoft.Network/virtualNetworks/subnets@2023-04-01', name: 'x', parent_id: '/subscriptions/s/resourceGroups/rg-other/providers/Microsoft.Network/virtualNetworks/v', body: { properties: { networkSecurityGroup: { id } } } } } }), 'azapi_resource.x'],
];

describe('an azapi write to the network security group of the server\'s subnet, by an ID spelled otherwise (network-writers.ts)', () => {
  const cases = ways.flatMap(([way, block, address]) => SAME_GROUP.map(([spelling, id]) => [way, spelling, block(id), address] as const));
  test.each(cases)('%s, by %s, fails PG-CFG-3', (_way, _spelling, extra, address) => {
    expect(azapiFailures(extra)).toEqual([`${FLEXIBLE}.db error ${address}`]);
  });
  const controls = ways.flatMap(([way, block]) => OTHERS.map(([spelling, id]) => [way, spelling, block(id)] as const));
  test.each(controls)('control: %s, by %s, passes', (_way, _spelling, extra) => {
    expect(azapiFailures(extra)).toEqual([]);
  });
});

describe('the ID grammar over free text (ids-in-text.ts)', () => {
  const paths = (text: string) => idsInText(text).flat().flatMap(networkPathsOf).map((path) => path.join('/'));
  test('every ID of a text, each read as azurerm reads one: case, "//", blanks around "/", "." segments and final dots', () => {
    expect(paths(`{"a":"${NSG_ID}","b": "/subscriptions/s/resourceGroups// RG-App. /providers/Microsoft.Network/./virtualNetworks/vnet-hub/subnets/snet-db/"}`))
      .toEqual(['rg-db/networksecuritygroups/nsg-db', 'rg-app/virtualnetworks/vnet-hub/subnets/snet-db']);
  });
  test('a ".." segment is read each way a server resolves it, and as written', () => {
    expect(paths('/subscriptions/s/resourceGroups/rg-db/providers/Microsoft.Network/networkSecurityGroups/x//../nsg-db')).toEqual([
      'rg-db/networksecuritygroups/x/../nsg-db', 'rg-db/networksecuritygroups/nsg-db', 'rg-db/networksecuritygroups/x/nsg-db']);
  });
  test('a simple interpolation is any text; a name put together with one is no name', () => {
    expect(paths('/subscriptions/${var.s}/resourceGroups/rg-${var.env}/providers/Microsoft.Network/networkSecurityGroups/nsg-db')).toEqual(['rg-*/networksecuritygroups/nsg-db']);
    expect(idsInText('az x --ids /subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-${var.env}').flat().flatMap(serversOfId)).toEqual([]);
    expect(idsInText('(/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers//Orders-DB.)').flat().flatMap(serversOfId)).toEqual([{ kind: 'flexible', name: 'orders-db' }]);
  });
});

describe('a server ID in free text or at the end of a template, spelled otherwise (stack-model.ts)', () => {
  const SERVER_ID = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db';
  const spellings: readonly [string, string][] = [
    ['"//" before the name', SERVER_ID.replace('flexibleServers/', 'flexibleServers//')],
    ['"//" before the namespace', SERVER_ID.replace('providers/', 'providers//')],
    ['a final dot on the name', `${SERVER_ID}.`],
    ['a long s in the type', SERVER_ID.replace('flexibleServers', 'flexibleServer\u017f')],
    ['blanks around a "/"', SERVER_ID.replace('/orders-db', '/ orders-db')],
  ];
  test.each(spellings)('a management URL with %s names the server: it is its writer (PG-CFG-3)', (_spelling, id) => {
    const terraform = { resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, azurerm_logic_app_action_http: { a: {
      name: 'a', method: 'PATCH', uri: `https://management.azure.com${id}?api-version=2024-08-01`,
    } } } };
    const failed = evaluateStack(terraform, ALL_RULES).findings.filter((f) => f.ruleId.startsWith('PG-CFG-') && f.status === 'fail');
    expect(failed.map((f) => `${f.server} ${f.ruleId} ${f.address}`)).toEqual([`${FLEXIBLE}.db PG-CFG-3 azurerm_logic_app_action_http.a`]);
  });
  // A backup instance names its server by ID only (writer-kinds.ts: a copy of the server's data restorable outside the stack).
  const BACKUP = 'azurerm_data_protection_backup_instance_postgresql_flexible_server';
  const backup = (serverId: string) => ({ resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, [BACKUP]: { b: {
    name: 'b', location: 'westeurope', vault_id: 'v', backup_policy_id: 'p', server_id: serverId } } } });
  test.each(spellings)('a backup instance of the server by an ID with %s is its writer (PG-CFG-3)', (_spelling, id) => {
    const failed = evaluateStack(backup(id), ALL_RULES).findings.filter((f) => f.ruleId.startsWith('PG-CFG-') && f.status === 'fail');
    expect(failed.map((f) => `${f.server} ${f.ruleId} ${f.severity} ${f.address}`)).toEqual([`${FLEXIBLE}.db PG-CFG-3 error ${BACKUP}.b`]);
  });
  test.each([['another server, with "//"', SERVER_ID.replace('orders-db', '/orders-db2')], ['another server, with a long s', SERVER_ID.replace('orders-db', 'billing-db').replace('flexibleServers', 'flexibleServer\u017f')]])(
    'control: a backup instance of %s is no writer of this one', (_spelling, id) => {
      expect(evaluateStack(backup(id), ALL_RULES).findings.filter((f) => f.ruleId === 'PG-CFG-3' && f.status === 'fail' && f.server === `${FLEXIBLE}.db`)).toEqual([]);
    });
  test('control: a management URL of another server, or of a name put together with a variable, is no writer of this one', () => {
    for (const uri of [`https://management.azure.com${SERVER_ID.replace('orders-db', '/orders-db2')}?api-version=1`, `https://management.azure.com${SERVER_ID}-\${var.env}?api-version=1`]) {
      const terraform = { variable: { env: { type: 'string' } }, resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, azurerm_logic_app_action_http: { a: { name: 'a', method: 'PATCH', uri } } } };
      expect(evaluateStack(terraform, ALL_RULES).findings.filter((f) => f.ruleId === 'PG-CFG-3' && f.status === 'fail' && f.server === `${FLEXIBLE}.db`)).toEqual([]);
    }
  });

  const FIREWALL = 'azurerm_postgresql_flexible_server_firewall_rule';
  const attached = (serverId: string) => Object.fromEntries(buildStackModel({ variable: { s: { type: 'string' } }, resource: {
    [FLEXIBLE]: { db: compliantFlexibleServer({ name: 'ext' }) },
    [FIREWALL]: { a: { name: 'r', server_id: serverId, start_ip_address: '0.0.0.0', end_ip_address: '0.0.0.0' } },
  } }).servers.map((s: ServerView) => [s.address, s.firewallRules.map((r) => r.address)]));
  test.each([
    ['a format() of a variable subscription', '${format("/subscriptions/%s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/%s", var.s, "ext")}'],
    ['a join() of a variable subscription', '${join("/", ["", "subscriptions", var.s, "resourceGroups", "rg", "providers", "Microsoft.DBforPostgreSQL", "flexibleServers", "ext"])}'],
    ['a template with "//" before the name', '/subscriptions/${var.s}/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers//ext'],
    ['a template with a final dot on the name', '/subscriptions/${var.s}/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/EXT.'],
  ])('a child whose server_id is %s is the server\'s', (_spelling, serverId) => {
    expect(attached(serverId)).toEqual({ [`${FLEXIBLE}.db`]: [`${FIREWALL}.a`] });
  });
});
