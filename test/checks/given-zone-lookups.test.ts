import { addedFindings, addedMessages, Blocks, Sections } from '../support/example-findings';

// 95th run, A95a-1: in examples/flexible-existing-network the server is given its private DNS zone by a variable. A record (or a
// registering VNet link) whose zone name is read from an azapi lookup of that zone (`data.azapi_resource` or
// `data.azapi_resource_id` whose resource_id is the variable: its `name`, `output.name`) passed, where the same write through
// `data.azurerm_private_dns_zone` failed PG-NET-1; so did one named by a search of private DNS zones (`data.azurerm_resources`,
// `data.azapi_resource_list`), where the same search for the given subnet failed. The lookup's resource_id is read as the pointer
// (given-zones.ts fromPointer), a search's item as any zone it lists (given-objects.ts mayBeLaterByNames).

const findings = (sections: Sections) => addedFindings('flexible-existing-network', sections);
const messages = (sections: Sections) => addedMessages('flexible-existing-network', sections).join('\n');

const ZONE_TYPE = 'Microsoft.Network/privateDnsZones@2024-06-01';
const GROUP = '${element(split("/", var.private_dns_zone_id), 4)}';
const record = (zoneName: string, group = GROUP): Blocks => ({ azurerm_private_dns_a_record: { r: { name: 'payments-db-prod', zone_name: zoneName, resource_group_name: group, ttl: 10, records: ['10.9.9.9'] } } });
const link = (zoneName: string, registration: boolean): Blocks => ({ azurerm_private_dns_zone_virtual_network_link: { l: { name: 'l', private_dns_zone_name: zoneName, resource_group_name: GROUP,
  virtual_network_id: '/subscriptions/0/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworks/vnet-x', registration_enabled: registration } } });
const azapiLookup = (type: string, resourceId: string, extra: object = {}): Blocks => ({ [type]: { z: { type: ZONE_TYPE, resource_id: resourceId, ...extra } } });
const RECORD = ['PG-NET-1 azurerm_private_dns_a_record.r'];
const READ = 'is read from the server\'s private_dns_zone_id "${var.private_dns_zone_id}"';
const MAY_BE = 'may be the zone the server\'s private_dns_zone_id "${var.private_dns_zone_id}" names';

test('z4, z4b, z4f: a record whose zone_name is the name of an azapi lookup of the given zone fails PG-NET-1, read from the pointer', () => {
  const z4 = { data: azapiLookup('azapi_resource', '${var.private_dns_zone_id}'), resource: record('${data.azapi_resource.z.name}') };
  const z4b = { data: azapiLookup('azapi_resource_id', '${var.private_dns_zone_id}'), resource: record('${data.azapi_resource_id.z.name}') };
  const z4f = { data: azapiLookup('azapi_resource', '${var.private_dns_zone_id}', { response_export_values: ['name'] }), resource: record('${data.azapi_resource.z.output.name}') };
  for (const patch of [z4, z4b, z4f]) {
    expect(findings(patch)).toEqual(RECORD);
    expect(messages(patch)).toContain(READ);
  }
});

test('z4j: the record\'s resource group read from the lookup\'s parent_id too; through a relay of the pointer', () => {
  expect(findings({ data: azapiLookup('azapi_resource', '${var.private_dns_zone_id}'), resource: record('${data.azapi_resource.z.name}', '${data.azapi_resource.z.parent_id}') })).toEqual(RECORD);
  const relayed = { data: azapiLookup('azapi_resource', '${terraform_data.p.output}'), resource: { terraform_data: { p: { input: '${var.private_dns_zone_id}' } }, ...record('${data.azapi_resource.z.name}') } };
  expect(findings(relayed)).toEqual(RECORD);
});

test('z4l: a registering VNet link whose zone name is the azapi lookup\'s fails PG-NET-1; one that does not register passes', () => {
  const data = azapiLookup('azapi_resource', '${var.private_dns_zone_id}');
  expect(findings({ data, resource: link('${data.azapi_resource.z.name}', true) })).toEqual(['PG-NET-1 azurerm_private_dns_zone_virtual_network_link.l']);
  expect(findings({ data, resource: link('${data.azapi_resource.z.name}', false) })).toEqual([]);
});

test('z4h, z4i: a record in a zone an item of a search of private DNS zones names (or of a search of every type) fails PG-NET-1 as one that may be the zone', () => {
  const z4h = { data: { azurerm_resources: { z: { type: 'Microsoft.Network/privateDnsZones' } } }, resource: record('${data.azurerm_resources.z.resources[0].name}') };
  const z4i = { data: { azapi_resource_list: { z: { type: ZONE_TYPE, parent_id: '/subscriptions/0' } } }, resource: record('${data.azapi_resource_list.z.output.value[0].name}') };
  const untyped = { data: { azurerm_resources: { z: { resource_group_name: 'rg-hub' } } }, resource: record('${data.azurerm_resources.z.resources[0].name}') };
  for (const patch of [z4h, z4i, untyped]) {
    expect(findings(patch)).toEqual(RECORD);
    expect(messages(patch)).toContain(MAY_BE);
  }
});

test('the search\'s items read another way (a splat, a for expression, a function of an item, through a local) may be the given zone too', () => {
  const search = { azurerm_resources: { z: { type: 'Microsoft.Network/privateDnsZones' } } };
  const list = { azapi_resource_list: { z: { type: ZONE_TYPE, parent_id: '/subscriptions/0' } } };
  expect(findings({ data: search, resource: record('${one(data.azurerm_resources.z.resources[*].name)}') })).toEqual(RECORD);
  expect(findings({ data: list, resource: record('${[for item in data.azapi_resource_list.z.output.value : item.name][0]}') })).toEqual(RECORD);
  expect(findings({ data: search, resource: record('${lower(data.azurerm_resources.z.resources[0].name)}') })).toEqual(RECORD);
  expect(findings({ data: search, locals: { zones: { hub: '${data.azurerm_resources.z.resources[0].name}' } }, resource: record('${local.zones.hub}') })).toEqual(RECORD);
});

test('controls: an azapi lookup of another zone\'s variable, or a search of another type, names no zone the server is given, and passes', () => {
  const other = { variable: { other_zone_id: { type: 'string' } }, data: azapiLookup('azapi_resource', '${var.other_zone_id}'), resource: record('${data.azapi_resource.z.name}', 'rg-hub') };
  expect(findings(other)).toEqual([]);
  const vnets = { data: { azurerm_resources: { z: { type: 'Microsoft.Network/virtualNetworks' } } }, resource: record('${data.azurerm_resources.z.resources[0].name}', 'rg-hub') };
  expect(findings(vnets)).toEqual([]);
  expect(findings({ ...vnets, resource: record('${one(data.azurerm_resources.z.resources[*].name)}', 'rg-hub') })).toEqual([]);
});

test('controls: the azapi lookup of the zone by literal names, and the azurerm lookup, still fail PG-NET-1', () => {
  const named = { data: { azapi_resource: { z: { type: ZONE_TYPE, name: 'private.postgres.database.azure.com', parent_id: '/subscriptions/0/resourceGroups/rg-hub' } } }, resource: record('${data.azapi_resource.z.name}', 'rg-hub') };
  expect(findings(named)).toEqual(RECORD);
  const azurerm = { data: { azurerm_private_dns_zone: { z: { name: '${basename(var.private_dns_zone_id)}' } } }, resource: record('${data.azurerm_private_dns_zone.z.name}', '${data.azurerm_private_dns_zone.z.resource_group_name}') };
  expect(findings(azurerm)).toEqual(RECORD);
});
