// PG-CFG-3 on azapi blocks that write to the network around a server (network-writers.ts), with
// the rule run directly on the stack model: each network resource a block can name (by reference
// or by literal ID), names known only later, data and ephemeral blocks, blocks that name nothing
// around the server, and a rule run without the stack's resources.
import { Verdict } from '../../../../lib/checks/rule';
import { rule } from '../../../../lib/checks/rules/PG-CFG-3';
import { buildStackModel } from '../../../../lib/checks/stack-model';
import { compliantFlexibleServer, FLEXIBLE, Resources } from '../../rule-harness';
import { ASSOCIATION, guarded, NSG, RULE, securityRule, SUBNET, subnet } from '../../subnet-fixtures';

const ZONE = 'azurerm_private_dns_zone';
const LINK = 'azurerm_private_dns_zone_virtual_network_link';
const ENDPOINT = 'azurerm_private_endpoint';
const TAIL = 'reaches the server; no rule reads what it does there, so it cannot be judged.';
const GROUP_TYPE = 'Microsoft.Network/networkSecurityGroups@2023-04-01';
const NETWORK = '/subscriptions/s/resourceGroups';

/** The guarded server "db" with its private DNS zone, the zone's VNet link, a private endpoint of the server, and more resources. */
function around(extra: Resources = {}): Resources {
  return guarded({ clients: securityRule() }, {
    [ZONE]: { db: { name: 'orders.private.postgres.database.azure.com', resource_group_name: 'rg-dns' } },
    [LINK]: { db: { name: 'hub', resource_group_name: 'rg-dns', private_dns_zone_name: `\${${ZONE}.db.name}`, virtual_network_id: '${var.vnet}' } },
    [ENDPOINT]: { pe: { name: 'pe-db', resource_group_name: 'rg-db', subnet_id: '${var.endpoints}', private_service_connection: { name: 'c', is_manual_connection: false, private_connection_resource_id: `\${${FLEXIBLE}.db.id}`, subresource_names: ['postgresqlServer'] } } },
    ...extra,
  });
}

/** PG-CFG-3's verdicts on the server "db", with the JSON given whole (data and ephemeral blocks in their sections). */
function verdicts(terraform: { resource: Resources; [section: string]: unknown }, withResources = true): readonly Verdict[] {
  const model = buildStackModel(terraform);
  const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  const result = rule.evaluate(server, withResources ? { postgresqlProviders: new Map(), resources: model.resources } : { postgresqlProviders: new Map() });
  return Array.isArray(result) ? result : [result as Verdict];
}
const update = (resourceId: string, type = GROUP_TYPE) => ({ azapi_update_resource: { w: { type, resource_id: resourceId, body: { properties: {} } } } });
const failure = (what: string, on: string, role: string, address = 'azapi_update_resource.w') => ({ status: 'fail', message: `${what} on ${on} (${role}) ${TAIL}`, address });
const updateOf = (type = GROUP_TYPE) => `an azapi_update_resource of type "${type}"`;

test.each([
  ['the delegated subnet', `\${${SUBNET}.db.id}`, `${SUBNET}.db`, 'the server\'s delegated subnet'],
  // azurerm gives a subnet's association the subnet's ID (id-aliases.ts): a write to it is a write to the subnet.
  ['the association of its group', `\${${ASSOCIATION}.db.id}`, `${SUBNET}.db`, 'the server\'s delegated subnet'],
  ['the group', `\${${NSG}.db.id}`, `${NSG}.db`, 'the network security group of the server\'s delegated subnet'],
  ['a rule of the group', `\${${RULE}.clients.id}`, `${RULE}.clients`, 'a rule of the network security group of the server\'s delegated subnet'],
  ['the private DNS zone', `\${${ZONE}.db.id}`, `${ZONE}.db`, 'the server\'s private DNS zone'],
  ['a link of the zone', `\${${LINK}.db.id}`, `${LINK}.db`, 'a virtual network link of the server\'s private DNS zone'],
])('fails an azapi write to %s, by reference', (_, id, on, role) => {
  expect(verdicts({ resource: around(update(id)) })).toEqual([failure(updateOf(), on, role)]);
});

test('a write by reference to the private endpoint reaches the server itself: reported once, as a writer of the server', () => {
  expect(verdicts({ resource: around(update(`\${${ENDPOINT}.pe.id}`)) })).toEqual([
    { status: 'fail', message: `${updateOf()} ${TAIL}`, address: 'azapi_update_resource.w' },
  ]);
});

test('fails an azapi write to a record in the server\'s zone', () => {
  const record = { azurerm_private_dns_a_record: { r: { name: 'orders-db', zone_name: `\${${ZONE}.db.name}`, resource_group_name: 'rg-dns', ttl: 60, records: ['10.0.1.4'] } } };
  expect(verdicts({ resource: around({ ...record, ...update('${azurerm_private_dns_a_record.r.id}') }) })).toEqual([
    failure(updateOf(), 'azurerm_private_dns_a_record.r', 'a record in the server\'s private DNS zone'),
  ]);
});

test.each([
  ['the subnet', `${NETWORK}/RG-Network/providers/Microsoft.Network/virtualNetworks/VNET-hub/subnets/snet-db`, `${SUBNET}.db`, 'the server\'s delegated subnet'],
  ['the private endpoint', `${NETWORK}/rg-db/providers/Microsoft.Network/privateEndpoints/pe-db`, `${ENDPOINT}.pe`, 'a private endpoint of the server'],
  ['the zone, by an ID below it', `${NETWORK}/rg-dns/providers/Microsoft.Network/privateDnsZones/orders.private.postgres.database.azure.com/A/orders-db/`, `${ZONE}.db`, 'the server\'s private DNS zone'],
])('fails an azapi write to %s, by literal ID', (_, id, on, role) => {
  expect(verdicts({ resource: around(update(id)) })).toEqual([failure(updateOf(), on, role)]);
});

test('a resource whose names are known only at apply time is named by reference only', () => {
  const resources = around({ ...update(`${NETWORK}/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-db`), [SUBNET]: { db: { ...subnet, virtual_network_name: '${var.vnet}' } } });
  expect(verdicts({ resource: resources })).toEqual([{ status: 'pass' }]);
  const group = around({ ...update(`${NETWORK}/rg-db/providers/Microsoft.Network/networkSecurityGroups/nsg-db`), [NSG]: { db: { name: 'nsg-db', resource_group_name: '${var.rg}', location: 'westeurope' } } });
  expect(verdicts({ resource: group })).toEqual([{ status: 'pass' }]);
});

test('a literal ID of another resource group, or of a resource only named like one around the server, names nothing', () => {
  const ids = [
    `${NETWORK}/rg-app/providers/Microsoft.Network/networkSecurityGroups/nsg-db`,
    `${NETWORK}/rg-db/providers/Microsoft.Network/networkSecurityGroups/nsg-db-2`,
    `${NETWORK}/rg-db/providers/Microsoft.Compute/networkSecurityGroups/nsg-db`,
  ];
  for (const id of ids) expect(verdicts({ resource: around(update(id)) })).toEqual([{ status: 'pass' }]);
});

test('an azapi action data source and ephemeral resource run their method; a reading one does not', () => {
  const action = (method: string) => ({ type: GROUP_TYPE, resource_id: `\${${NSG}.db.id}`, action: 'x', method });
  const role = 'the network security group of the server\'s delegated subnet';
  expect(verdicts({ resource: around(), data: { azapi_resource_action: { run: action('POST') } } })).toEqual([
    failure(`an azapi_resource_action data source of type "${GROUP_TYPE}"`, `${NSG}.db`, role, 'data.azapi_resource_action.run'),
  ]);
  expect(verdicts({ resource: around(), ephemeral: { azapi_resource_action: { run: action('POST') } } })).toEqual([
    failure(`an azapi_resource_action ephemeral resource of type "${GROUP_TYPE}"`, `${NSG}.db`, role, 'ephemeral.azapi_resource_action.run'),
  ]);
  expect(verdicts({ resource: around(), data: { azapi_resource_action: { read: action('GET') } } })).toEqual([{ status: 'pass' }]);
});

test('reports each writer once, in address order', () => {
  const resources = around({
    azapi_update_resource: { b: { type: GROUP_TYPE, resource_id: `\${${NSG}.db.id}` }, a: { type: GROUP_TYPE, resource_id: `\${${NSG}.db.id}` } },
    azapi_resource: { c: { type: 'Microsoft.Network/networkSecurityGroups/securityRules@2023-04-01', name: 'open', parent_id: `\${${NSG}.db.id}` } },
  });
  expect(verdicts({ resource: resources }).map((v) => v.status === 'fail' && v.address)).toEqual(['azapi_resource.c', 'azapi_update_resource.a', 'azapi_update_resource.b']);
});

test('other blocks, or a server with nothing around it, have no network writers', () => {
  expect(verdicts({ resource: around({ azurerm_resource_group: { rg: { name: 'rg', location: 'westeurope', tags: { about: `\${${NSG}.db.id}` } } } }) })).toEqual([{ status: 'pass' }]);
  const alone = { [FLEXIBLE]: { db: compliantFlexibleServer({ delegated_subnet_id: undefined, private_dns_zone_id: undefined }) }, ...update(`\${${NSG}.db.id}`) };
  expect(verdicts({ resource: alone })).toEqual([{ status: 'pass' }]);
});

test('a rule run without the stack\'s resources finds no network writer', () => {
  expect(verdicts({ resource: around(update(`\${${NSG}.db.id}`)) }, false)).toEqual([{ status: 'pass' }]);
});
