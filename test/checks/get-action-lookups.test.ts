import { addedFindings, addedMessages, Blocks, Sections } from '../support/example-findings';

// 96th run, A96b-1: in examples/flexible-existing-network the server is given its delegated subnet and its private DNS zone by
// variables. An azapi_resource_action that only GETs (a data source or a resource) of that subnet or zone, by the server's own
// pointer or a literal ID, gives the object back in its `output`, as data.azapi_resource does; an association whose subnet_id is
// its `output.id`, or a record or a registering link whose zone name is its `output.name`, passed, where the same through
// data.azapi_resource failed. Such an action is now read as that lookup (azapi-lookup-objects.ts actionAsLookup), a GET of a
// collection URL as a list of its type (listed-objects.ts).

const findings = (sections: Sections) => addedFindings('flexible-existing-network', sections);
const messages = (sections: Sections) => addedMessages('flexible-existing-network', sections).join('\n');

const ZONE_TYPE = 'Microsoft.Network/privateDnsZones@2024-06-01';
const SUBNET_TYPE = 'Microsoft.Network/virtualNetworks/subnets@2024-05-01';
const OPEN_GROUP = { name: 'nsg-open', location: 'westeurope', resource_group_name: 'rg-payments-db', security_rule: [{ name: 'any', priority: 100, direction: 'Inbound', access: 'Allow',
  protocol: '*', source_port_range: '*', destination_port_range: '*', source_address_prefix: 'Internet', destination_address_prefix: '*' }] };
const record = (zoneName: string): Blocks => ({ azurerm_private_dns_a_record: { r: { name: 'payments-db-prod', zone_name: zoneName, resource_group_name: 'rg-dns', ttl: 10, records: ['10.9.9.9'] } } });
const action = (type: string, resourceId: string, extra: object = {}) => ({ azapi_resource_action: { z: { type, resource_id: resourceId, method: 'GET', response_export_values: ['name'], ...extra } } });
const RECORD = ['PG-NET-1 azurerm_private_dns_a_record.r'];
const READ = 'is read from the server\'s private_dns_zone_id "${var.private_dns_zone_id}"';
const MAY_BE = 'may be the zone the server\'s private_dns_zone_id "${var.private_dns_zone_id}" names';
const HUB_ZONE = '/subscriptions/0/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/corp.postgres.database.azure.com';

const openAssociation = (subnetId: string): Blocks => ({ azurerm_network_security_group: { open: OPEN_GROUP },
  azurerm_subnet_network_security_group_association: { a: { subnet_id: subnetId, network_security_group_id: '${azurerm_network_security_group.open.id}' } } });
const OPEN = ['PGF-NET-11 azurerm_network_security_group.open', 'PGF-NET-7 azurerm_network_security_group.open'];

test('v6a: an open group associated with the subnet a GET action of the given subnet gives back fails PGF-NET-7 and PGF-NET-11', () => {
  const subnet = { azapi_resource_action: { s: { type: SUBNET_TYPE, resource_id: '${var.delegated_subnet_id}', method: 'GET', response_export_values: ['id'] } } };
  expect(findings({ data: subnet, resource: openAssociation('${data.azapi_resource_action.s.output.id}') })).toEqual(OPEN);
  // A HEAD, and a managed action, read alike; so does data.azapi_resource's own `output.id`.
  const head = { azapi_resource_action: { s: { ...subnet.azapi_resource_action.s, method: 'HEAD' } } };
  expect(findings({ data: head, resource: openAssociation('${data.azapi_resource_action.s.output.id}') })).toEqual(OPEN);
  expect(findings({ resource: { ...subnet, ...openAssociation('${azapi_resource_action.s.output.id}') } })).toEqual(OPEN);
  const lookup = { azapi_resource: { s: { type: SUBNET_TYPE, resource_id: '${var.delegated_subnet_id}' } } };
  expect(findings({ data: lookup, resource: openAssociation('${data.azapi_resource.s.output.id}') })).toEqual(OPEN);
});

test('a1, a3, a4, a6: a record or registering link whose zone name is the output of a GET of the given zone fails PG-NET-1, read from the pointer', () => {
  const a1 = { data: action(ZONE_TYPE, '${var.private_dns_zone_id}'), resource: record('${data.azapi_resource_action.z.output.name}') };
  const a3 = { resource: { ...action(ZONE_TYPE, '${var.private_dns_zone_id}'), ...record('${azapi_resource_action.z.output.name}') } };
  const a4 = { data: action(ZONE_TYPE, '${var.private_dns_zone_id}', { response_export_values: { name: 'name' } }), resource: record('${data.azapi_resource_action.z.output.name}') };
  for (const patch of [a1, a3, a4]) {
    expect(findings(patch)).toEqual(RECORD);
    expect(messages(patch)).toContain(READ);
  }
  const a6 = { data: action(ZONE_TYPE, '${var.private_dns_zone_id}'), resource: { azurerm_private_dns_zone_virtual_network_link: { l: { name: 'l', private_dns_zone_name: '${data.azapi_resource_action.z.output.name}',
    resource_group_name: 'rg-dns', virtual_network_id: '/subscriptions/0/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworks/vnet-x', registration_enabled: true } } } };
  expect(findings(a6)).toEqual(['PG-NET-1 azurerm_private_dns_zone_virtual_network_link.l']);
});

test('a2, a5: a GET of a literal zone ID, or of the list of every private DNS zone of a subscription, may be the given zone and fails PG-NET-1', () => {
  const a2 = { data: action(ZONE_TYPE, HUB_ZONE), resource: record('${data.azapi_resource_action.z.output.name}') };
  const list = '/subscriptions/0/providers/Microsoft.Network/privateDnsZones';
  const a5 = { data: action(ZONE_TYPE, list, { response_export_values: ['value'] }), resource: record('${data.azapi_resource_action.z.output.value[0].name}') };
  // The same list named by its scope and an action's segments (the type they spell known only later: any list).
  const byAction = { data: action(ZONE_TYPE, '/subscriptions/0', { action: 'providers/Microsoft.Network/privateDnsZones', response_export_values: ['value'] }), resource: record('${data.azapi_resource_action.z.output.value[0].name}') };
  for (const patch of [a2, a5, byAction]) {
    expect(findings(patch)).toEqual(RECORD);
    expect(messages(patch)).toContain(MAY_BE);
  }
});

test('controls: a GET of another type, of another variable\'s zone, or a list of another type passes; an action that does not GET is not read as a lookup', () => {
  const vnet = { data: action('Microsoft.Network/virtualNetworks@2024-05-01', '/subscriptions/0/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworks/vnet-x'), resource: record('${data.azapi_resource_action.z.output.name}') };
  expect(findings(vnet)).toEqual([]);
  const other = { variable: { other_zone_id: { type: 'string' } }, data: action(ZONE_TYPE, '${var.other_zone_id}'), resource: record('${data.azapi_resource_action.z.output.name}') };
  expect(findings(other)).toEqual([]);
  const vnets = { data: action('Microsoft.Network/virtualNetworks@2024-05-01', '/subscriptions/0/providers/Microsoft.Network/virtualNetworks'), resource: record('${data.azapi_resource_action.z.output.value[0].name}') };
  expect(findings(vnets)).toEqual([]);
  // A POST's response is no object of the type (a reading POST: listKeys), so its output is not read as the zone.
  const post = { data: action(ZONE_TYPE, HUB_ZONE, { method: 'POST', action: 'listKeys' }), resource: record('${data.azapi_resource_action.z.output.name}') };
  expect(findings(post)).toEqual([]);
});

test('controls: the data.azapi_resource twin and the echo of the action\'s resource_id still fail', () => {
  const lookup = { data: { azapi_resource: { s: { type: SUBNET_TYPE, resource_id: '${var.delegated_subnet_id}' } } }, resource: openAssociation('${data.azapi_resource.s.id}') };
  expect(findings(lookup)).toEqual(OPEN);
  const echo = { data: { azapi_resource_action: { s: { type: SUBNET_TYPE, resource_id: '${var.delegated_subnet_id}', method: 'GET' } } }, resource: openAssociation('${data.azapi_resource_action.s.resource_id}') };
  expect(findings(echo)).toEqual(OPEN);
});
