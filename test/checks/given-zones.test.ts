import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformResource, TerraformVariable } from 'cdktf';
import { FlexibleServerNetwork, SecureFlexibleServer, SecureSingleServer, SingleServerNetwork } from '../../lib';
import { minimalProps, minimalSingleProps, newStack, PRIVATE_LINK_ZONE_ID, SUBSCRIPTION, synthErrors } from '../helpers';

// The Private Link zone a private endpoint is given (privateEndpoint({ privateDnsZoneResourceId })) is a zone the server
// resolves in, as the zone the construct makes: a record of the server's name (or "*", "@") and a registering VNet link in it,
// by every writer (azurerm by name, azapi child or update at or below its ID), fail PG-NET-1, whether the zone is given by
// literal ID or by a variable; other servers' names in the shared zone pass (seventeenth review, A17a-6).

const PE_SUBNET = `${SUBSCRIPTION}/resourceGroups/rg-spoke/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-pe`;
const ZONE_NAME = 'privatelink.postgres.database.azure.com';
type Block = [type: string, id: string, config: Record<string, unknown>];
/** The zone as each pointer form gives it: its ID, its resource group's name, and the zone name the writers spell. */
interface Pointer { readonly id: string; readonly group: string; readonly name: string }
const LITERAL: Pointer = { id: PRIVATE_LINK_ZONE_ID, group: 'rg-dns', name: ZONE_NAME };
const VARIABLE: Pointer = { id: '${var.zone_id}', group: '${split("/", var.zone_id)[4]}', name: '${split("/", var.zone_id)[8]}' };

/** One case per writer: the block that writes the server's name (or a record called `name`) or a registering link in the zone. */
const WRITERS: { readonly [writer: string]: (zone: Pointer, name: string) => Block } = {
  'azurerm record': (zone, name) => ['azurerm_private_dns_a_record', 'w', { name, zone_name: zone.name, resource_group_name: zone.group, ttl: 300, records: ['10.9.9.9'] }],
  'azurerm CNAME record': (zone, name) => ['azurerm_private_dns_cname_record', 'w', { name, zone_name: zone.name, resource_group_name: zone.group, ttl: 300, record: 'x.example.com' }],
  'azapi record': (zone, name) => ['azapi_resource', 'w', { type: 'Microsoft.Network/privateDnsZones/A@2024-06-01', name, parent_id: zone.id, body: { properties: { ttl: 300, aRecords: [{ ipv4Address: '10.9.9.9' }] } } }],
  'azurerm link': (zone) => ['azurerm_private_dns_zone_virtual_network_link', 'w', { name: 'l', resource_group_name: zone.group, private_dns_zone_name: zone.name,
    virtual_network_id: `${SUBSCRIPTION}/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworks/vnet-x`, registration_enabled: true }],
  'azapi link': (zone) => ['azapi_resource', 'w', { type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01', name: 'l', parent_id: zone.id, location: 'global',
    body: { properties: { registrationEnabled: true, virtualNetwork: { id: `${SUBSCRIPTION}/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworks/vnet-x` } } } }],
};

function flexible(zone: Pointer, block: Block): string[] {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const zoneId = zone === VARIABLE ? new TerraformVariable(stack, 'zone_id', { type: 'string' }).stringValue : zone.id;
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.privateEndpoint({ subnetResourceId: PE_SUBNET, privateDnsZoneResourceId: zoneId }) }));
  const [type, id, config] = block;
  const resource = new TerraformResource(stack, id, { terraformResourceType: type });
  for (const [key, value] of Object.entries(config)) resource.addOverride(key, value);
  return synthErrors(stack).filter((line) => line.includes(' PG-NET-1 '));
}
const failsOn = (errors: string[], address: string) => errors.some((line) => line.startsWith(`  [test] ${address} PG-NET-1 `));
const addressOf = (block: Block) => `${block[0]}.${block[1]}`;

describe('every writer, by every pointer form of the given zone', () => {
  for (const [form, zone] of Object.entries({ literal: LITERAL, variable: VARIABLE })) {
    test.each(Object.keys(WRITERS))(`${form}: %s of the server's name, or registering, fails PG-NET-1`, (writer) => {
      const block = WRITERS[writer](zone, 'orders-db');
      expect(failsOn(flexible(zone, block), addressOf(block))).toBe(true);
    });
    test.each(Object.keys(WRITERS).filter((writer) => writer.includes('record')))(`${form}: %s of another server's name in the shared zone passes`, (writer) => {
      expect(flexible(zone, WRITERS[writer](zone, 'billing-db'))).toEqual([]);
    });
  }
  test('a link without registration passes', () => {
    const [type, id, config] = WRITERS['azurerm link'](LITERAL, '');
    expect(flexible(LITERAL, [type, id, { ...config, registration_enabled: false }])).toEqual([]);
  });
});

test('SecureSingleServer: a record of its name in the given Private Link zone fails PG-NET-1', () => {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  new SecureSingleServer(stack, 'Legacy', minimalSingleProps({ network: SingleServerNetwork.privateEndpoint({ subnetResourceId: PE_SUBNET, privateDnsZoneResourceId: PRIVATE_LINK_ZONE_ID }) }));
  const record = new TerraformResource(stack, 'rec', { terraformResourceType: 'azurerm_private_dns_a_record' });
  const name = (JSON.parse(JSON.stringify(stack.toTerraform())).resource.azurerm_postgresql_server as Record<string, { name: string }>);
  for (const [key, value] of Object.entries({ name: Object.values(name)[0].name, zone_name: ZONE_NAME, resource_group_name: 'rg-dns', ttl: 300, records: ['10.9.9.9'] })) record.addOverride(key, value);
  expect(failsOn(synthErrors(stack), 'azurerm_private_dns_a_record.rec')).toBe(true);
});
