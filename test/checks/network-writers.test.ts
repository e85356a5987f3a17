import { evaluateStack, Finding } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { FLEXIBLE, Resources } from './rule-harness';
import { guarded, NSG, RULE, securityRule, SUBNET } from './subnet-fixtures';

// azapi blocks that write to the network around a server (fifth review, A5-1): PG-CFG-3, as azapi
// writers of the server itself are.

const SERVER = `${FLEXIBLE}.db`;
const TAIL = 'reaches the server; no rule reads what it does there, so it cannot be judged.';
const ZONE = 'azurerm_private_dns_zone';
const LINK = 'azurerm_private_dns_zone_virtual_network_link';
const RULE_TYPE = 'Microsoft.Network/networkSecurityGroups/securityRules@2023-04-01';
const ALLOW_ALL = { access: 'Allow', direction: 'Inbound', priority: 100, protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' };

/** The guarded server "db" with its private DNS zone and its VNet link, and more resources. */
function around(extra: Resources): Resources {
  return guarded({ clients: securityRule() }, {
    [ZONE]: { db: { name: 'orders.private.postgres.database.azure.com', resource_group_name: 'rg-dns' } },
    [LINK]: { db: { name: 'hub', resource_group_name: 'rg-dns', private_dns_zone_name: `\${${ZONE}.db.name}`, virtual_network_id: '${var.vnet}' } },
    ...extra,
  });
}

/** PG-CFG-3's failures, as "server | resource | message". */
function failures(resources: Resources, extra: object = {}): string[] {
  return evaluateStack({ ...extra, resource: resources }, ALL_RULES).findings
    .filter((f: Finding) => f.ruleId === 'PG-CFG-3' && f.status !== 'pass')
    .map((f) => `${f.server} | ${f.address} | ${f.status}: ${f.message}`);
}

test.each<[string, Resources, string]>([
  ['a rule created under the group, by reference', { azapi_resource: { open: { type: RULE_TYPE, name: 'open', parent_id: `\${${NSG}.db.id}`, body: { properties: ALLOW_ALL } } } },
    `${SERVER} | azapi_resource.open | fail: an azapi_resource of type "${RULE_TYPE}" on ${NSG}.db (the network security group of the server's delegated subnet) ${TAIL}`],
  ['a rule created under the group, by literal ID in another case', { azapi_resource: { open: { type: RULE_TYPE, name: 'open', parent_id: '/subscriptions/s/resourceGroups/RG-DB/providers/Microsoft.Network/networkSecurityGroups/NSG-db', body: { properties: ALLOW_ALL } } } },
    `${SERVER} | azapi_resource.open | fail: an azapi_resource of type "${RULE_TYPE}" on ${NSG}.db (the network security group of the server's delegated subnet) ${TAIL}`],
  ['a separate rule of the group flipped to Allow', { azapi_update_resource: { flip: { type: RULE_TYPE, resource_id: `\${${RULE}.clients.id}`, body: { properties: { access: 'Allow' } } } } },
    `${SERVER} | azapi_update_resource.flip | fail: an azapi_update_resource of type "${RULE_TYPE}" on ${RULE}.clients (a rule of the network security group of the server's delegated subnet) ${TAIL}`],
  ['the group detached from the delegated subnet, by literal ID', { azapi_update_resource: { detach: { type: 'Microsoft.Network/virtualNetworks/subnets@2023-04-01', resource_id: '/subscriptions/s/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-db', body: { properties: { networkSecurityGroup: null } } } } },
    `${SERVER} | azapi_update_resource.detach | fail: an azapi_update_resource of type "Microsoft.Network/virtualNetworks/subnets@2023-04-01" on ${SUBNET}.db (the server's delegated subnet) ${TAIL}`],
  ['a record of the server\'s name in its zone', { azapi_resource: { record: { type: 'Microsoft.Network/privateDnsZones/A@2020-06-01', name: 'orders-db', parent_id: `\${${ZONE}.db.id}`, body: { properties: { ttl: 60, aRecords: [{ ipv4Address: '10.9.9.9' }] } } } } },
    `${SERVER} | azapi_resource.record | fail: an azapi_resource of type "Microsoft.Network/privateDnsZones/A@2020-06-01" on ${ZONE}.db (the server's private DNS zone) ${TAIL}`],
  ['auto-registration turned on for the zone\'s link', { azapi_update_resource: { reg: { type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01', resource_id: `\${${LINK}.db.id}`, body: { properties: { registrationEnabled: true } } } } },
    `${SERVER} | azapi_update_resource.reg | fail: an azapi_update_resource of type "Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01" on ${LINK}.db (a virtual network link of the server's private DNS zone) ${TAIL}`],
  ['an action on the group', { azapi_resource_action: { act: { type: 'Microsoft.Network/networkSecurityGroups@2023-04-01', resource_id: `\${${NSG}.db.id}`, method: 'PATCH', body: { properties: {} } } } },
    `${SERVER} | azapi_resource_action.act | fail: an azapi_resource_action of type "Microsoft.Network/networkSecurityGroups@2023-04-01" on ${NSG}.db (the network security group of the server's delegated subnet) ${TAIL}`],
])('fails an azapi write to the network around the server: %s', (_, extra, expected) => {
  expect(failures(around(extra))).toEqual([expected]);
});

test('passes azapi blocks that name other network resources, and a data source that reads the server\'s', () => {
  expect(failures(around({
    [NSG]: { db: { name: 'nsg-db', resource_group_name: 'rg-db', location: 'westeurope' }, other: { name: 'nsg-app', resource_group_name: 'rg-db', location: 'westeurope' } },
    azapi_resource: {
      other: { type: RULE_TYPE, name: 'open', parent_id: `\${${NSG}.other.id}`, body: { properties: ALLOW_ALL } },
      // Same name, another resource group: another group.
      elsewhere: { type: RULE_TYPE, name: 'open', parent_id: '/subscriptions/s/resourceGroups/rg-app/providers/Microsoft.Network/networkSecurityGroups/nsg-db', body: { properties: ALLOW_ALL } },
    },
  }), { data: { azapi_resource_action: { read: { type: 'Microsoft.Network/networkSecurityGroups@2023-04-01', resource_id: `\${${NSG}.db.id}`, method: 'GET' } } } })).toEqual([]);
});
