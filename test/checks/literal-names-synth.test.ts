import { DataAzurermPrivateDnsZone } from '@cdktf/provider-azurerm/lib/data-azurerm-private-dns-zone';
import { DataAzurermSubnet } from '@cdktf/provider-azurerm/lib/data-azurerm-subnet';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { PrivateDnsARecord } from '@cdktf/provider-azurerm/lib/private-dns-a-record';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { TerraformStack } from 'cdktf';
import { FlexibleServerNetwork, SecureFlexibleServer } from '../../lib';
import { minimalProps, providerStack, SUBSCRIPTION, synthErrors } from '../helpers';

// Fourteenth review, A14b-1/A14b-2: in the README's form (resource group and VNet are resources of the
// stack, given to the construct by reference) the construct's subnet, NSG and zone had no literal ID,
// so writers by literal ID passed and writers of other subnets were "maybe it". Their names and groups
// are now the stack blocks' literal ones (literal-names.ts, id-part-references.ts).

const NETWORK = `${SUBSCRIPTION}/resourceGroups/rg-net/providers/Microsoft.Network`;
const SUBNET_ID = `${NETWORK}/virtualNetworks/vnet-orders/subnets/orders-db-postgres`;
const OPEN_NSG_ID = `${SUBSCRIPTION}/resourceGroups/rg-x/providers/Microsoft.Network/networkSecurityGroups/open`;
const SUBNET_TYPE = 'Microsoft.Network/virtualNetworks/subnets@2024-05-01';
const ALLOW_ALL = { access: 'Allow', direction: 'Inbound', priority: 100, protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' };
const failedOn = (stack: TerraformStack, address: string) => synthErrors(stack).filter((line) => line.split(' ')[3] === address).map((line) => line.split(' ')[4]);

/** The README's form: group and VNet of the stack; the server, its NSG and zone in the group by reference. */
function readmeForm(): TerraformStack {
  const stack = providerStack();
  stack.addOverride('terraform.required_providers.azapi', { source: 'Azure/azapi', version: '2.4.0' });
  const group = new ResourceGroup(stack, 'Group', { name: 'rg-net', location: 'westeurope' });
  const vnet = new VirtualNetwork(stack, 'Network', { name: 'vnet-orders', resourceGroupName: group.name, location: 'westeurope', addressSpace: ['10.20.0.0/16'] });
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({
    resourceGroupName: group.name,
    network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: vnet.id, subnetAddressPrefix: '10.20.1.0/28' }),
  }));
  return stack;
}

test.each<[string, string, object]>([
  ['an update of the construct\'s subnet', 'azapi_update_resource', { type: SUBNET_TYPE, resource_id: SUBNET_ID, body: { properties: { networkSecurityGroup: { id: OPEN_NSG_ID } } } }],
  ['an update of the construct\'s NSG', 'azapi_update_resource', { type: 'Microsoft.Network/networkSecurityGroups@2024-05-01', resource_id: `${NETWORK}/networkSecurityGroups/orders-db-postgres-nsg`, body: { properties: { securityRules: [{ name: 'evil', properties: ALLOW_ALL }] } } }],
  ['an A record in the construct\'s zone', 'azapi_resource', { type: 'Microsoft.Network/privateDnsZones/A@2024-06-01', name: 'orders-db', parent_id: `${NETWORK}/privateDnsZones/orders-db.private.postgres.database.azure.com`, body: { properties: { ttl: 300, aRecords: [{ ipv4Address: '10.99.0.4' }] } } }],
])('A14b-1: %s by its literal ID fails PG-CFG-3 in the README form', (_name, type, body) => {
  const stack = readmeForm();
  stack.addOverride(`resource.${type}.writer`, body);
  expect(failedOn(stack, `${type}.writer`)).toContain('PG-CFG-3');
});

test('A14b-1: a second NSG association of the construct\'s subnet by its literal ID fails PGF-NET-7 in the README form', () => {
  const stack = readmeForm();
  const open = new NetworkSecurityGroup(stack, 'Open', { name: 'open', resourceGroupName: 'rg-x', location: 'westeurope' });
  new SubnetNetworkSecurityGroupAssociation(stack, 'Second', { subnetId: SUBNET_ID, networkSecurityGroupId: open.id });
  expect(failedOn(stack, 'azurerm_subnet_network_security_group_association.Second')).toEqual(['PGF-NET-7']);
});

test('A14b-1: a lookup of the construct\'s subnet by its literal names is the subnet: an azapi update and a second association through it fail', () => {
  const stack = readmeForm();
  const lookup = new DataAzurermSubnet(stack, 'Lookup', { name: 'orders-db-postgres', virtualNetworkName: 'vnet-orders', resourceGroupName: 'rg-net' });
  stack.addOverride('resource.azapi_update_resource.writer', { type: SUBNET_TYPE, resource_id: lookup.id, body: { properties: { networkSecurityGroup: { id: OPEN_NSG_ID } } } });
  const open = new NetworkSecurityGroup(stack, 'Open', { name: 'open', resourceGroupName: 'rg-x', location: 'westeurope' });
  new SubnetNetworkSecurityGroupAssociation(stack, 'Second', { subnetId: lookup.id, networkSecurityGroupId: open.id });
  expect(failedOn(stack, 'azapi_update_resource.writer')).toEqual(['PG-CFG-3']);
  expect(failedOn(stack, 'azurerm_subnet_network_security_group_association.Second')).toEqual(['PGF-NET-7']);
});

test('A14b-2: writers of another subnet of the same VNet pass in the README form (an azapi subnet, an association by template)', () => {
  const stack = readmeForm();
  stack.addOverride('resource.azapi_resource.app', { type: SUBNET_TYPE, parent_id: '${azurerm_virtual_network.Network.id}', name: 'app', body: { properties: { addressPrefix: '10.20.9.0/24' } } });
  const open = new NetworkSecurityGroup(stack, 'Open', { name: 'open', resourceGroupName: 'rg-x', location: 'westeurope' });
  new SubnetNetworkSecurityGroupAssociation(stack, 'App', { subnetId: '${azurerm_virtual_network.Network.id}/subnets/app', networkSecurityGroupId: open.id });
  expect(synthErrors(stack)).toEqual([]);
});

test('control: the README form itself passes', () => {
  expect(synthErrors(readmeForm())).toEqual([]);
});

describe('a lookup of a construct\'s parent whose name is given by reference to a decoy of that name is aliased as by the literal name (A14a-5)', () => {
  const shadowStack = (group: string) => {
    const stack = providerStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const decoy = new PrivateDnsZone(stack, 'Decoy', { name: 'orders-db.private.postgres.database.azure.com', resourceGroupName: 'rg-decoy' });
    const zone = new DataAzurermPrivateDnsZone(stack, 'Look', { name: decoy.name, resourceGroupName: group });
    new PrivateDnsARecord(stack, 'Shadow', { name: 'orders-db', zoneName: zone.name, resourceGroupName: group, ttl: 300, records: ['10.99.0.4'] });
    return stack;
  };
  const shadowRecord = (group: string) => failedOn(shadowStack(group), 'azurerm_private_dns_a_record.Shadow');

  test('in the construct\'s group: the A record is in the construct\'s zone (PG-NET-1)', () => {
    expect(shadowRecord('rg-orders')).toEqual(['PG-NET-1']);
  });

  // The decoy is a namesake of the construct's zone: a record in it fails as one (A19a-11), never as a record in the construct's zone.
  test('in the decoy\'s group it is the decoy\'s zone (control)', () => {
    const lines = synthErrors(shadowStack('rg-decoy')).filter((line) => line.split(' ')[3] === 'azurerm_private_dns_a_record.Shadow');
    expect(lines).toEqual([expect.stringMatching(/ PG-NET-1 .* into zone .*, not the zone .* resolves in but one that may answer for the private name/)]);
  });
});
