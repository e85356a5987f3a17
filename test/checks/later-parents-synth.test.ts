import { DataAzurermSubnet } from '@cdktf/provider-azurerm/lib/data-azurerm-subnet';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { PrivateDnsARecord } from '@cdktf/provider-azurerm/lib/private-dns-a-record';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { FlexibleServerNetwork, PostgresSecurityChecks, SecureFlexibleServer } from '../../lib';
import { minimalProps, providerStack, SUBSCRIPTION, synthErrors, VNET_ID } from '../helpers';

// Thirteenth review, A13-3/A13-4: a writer under a pointer known only at apply time (a variable whose
// default is the construct's subnet or zone, a template with a variable segment, a lookup by a variable
// name) was judged as one under a parent of its own. Beside a construct it is now one that may be under
// the construct's own delegated subnet, network security group or private DNS zone (later-parents.ts).

const CONSTRUCT_SUBNET_ID = `${VNET_ID}/subnets/orders-db-postgres`;
const CONSTRUCT_ZONE = 'orders-db.private.postgres.database.azure.com';
const withAzapi = (stack: TerraformStack) => stack.addOverride('terraform.required_providers.azapi', { source: 'Azure/azapi', version: '2.4.0' });
/** The rule ids of the synth errors on a resource. */
const failedOn = (stack: TerraformStack, address: string) => synthErrors(stack).filter((line) => line.split(' ')[3] === address).map((line) => line.split(' ')[4]);

function besideConstruct(): TerraformStack {
  const stack = providerStack();
  new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  return stack;
}

function openGroup(stack: TerraformStack): NetworkSecurityGroup {
  return new NetworkSecurityGroup(stack, 'Open', { name: 'open', resourceGroupName: 'rg-orders', location: 'westeurope' });
}

describe('a second association of a subnet known only at apply time (PGF-NET-7)', () => {
  test.each([
    ['a variable whose default is the construct\'s subnet', (stack: TerraformStack) => new TerraformVariable(stack, 'subnet', { type: 'string', default: CONSTRUCT_SUBNET_ID }).stringValue],
    ['a template with a variable subnet name', (stack: TerraformStack) => `${VNET_ID}/subnets/${new TerraformVariable(stack, 'subnet', { type: 'string' }).stringValue}`],
    ['a lookup by a variable name', (stack: TerraformStack) => new DataAzurermSubnet(stack, 'Subnet', { name: new TerraformVariable(stack, 'subnet', { type: 'string' }).stringValue, virtualNetworkName: 'vnet-hub', resourceGroupName: 'rg-network' }).id],
    // 96th run, A96b-5: what a provider function builds is the ID it spells: the construct's subnet's ID still fails.
    ['azapi build_resource_id of the construct\'s subnet', () => `\${provider::azapi::build_resource_id("${VNET_ID}", "Microsoft.Network/virtualNetworks/subnets", "orders-db-postgres")}`],
    ['azurerm normalise_resource_id of the construct\'s subnet', () => `\${provider::azurerm::normalise_resource_id("${CONSTRUCT_SUBNET_ID}")}`],
  ])('by %s fails beside a construct; suppressed with a reason, it passes', (_name, subnetId) => {
    const stack = besideConstruct();
    const second = new SubnetNetworkSecurityGroupAssociation(stack, 'Second', { subnetId: subnetId(stack), networkSecurityGroupId: openGroup(stack).id });
    expect(failedOn(stack, 'azurerm_subnet_network_security_group_association.Second')).toEqual(['PGF-NET-7']);
    expect(synthErrors(stack).join('\n')).toMatch(/is known only at apply time and may be the delegated subnet azurerm_subnet\.\S+ of test\/Postgres/);
    PostgresSecurityChecks.suppress(second, 'PGF-NET-7', 'reviewed in SEC-4410: the variable names the app subnet in every workspace');
    expect(synthErrors(stack)).toEqual([]);
  });

  test.each([
    ['a subnet of the stack by reference', (stack: TerraformStack) => new VirtualNetwork(stack, 'Spoke', { name: 'vnet-spoke', resourceGroupName: 'rg-network', location: 'westeurope', addressSpace: ['10.9.0.0/16'], subnet: [] }) && `\${azurerm_virtual_network.Spoke.id}/subnets/app`],
    ['a subnet ID in another VNet with a variable name', (stack: TerraformStack) => `${SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/${new TerraformVariable(stack, 'subnet', { type: 'string' }).stringValue}`],
    ['a lookup by literal names of another subnet', (stack: TerraformStack) => new DataAzurermSubnet(stack, 'Subnet', { name: 'app', virtualNetworkName: 'vnet-hub', resourceGroupName: 'rg-network' }).id],
    // 96th run, A96b-5: an ID a provider function builds for another subnet is that subnet's, as its literal ID is.
    ['azapi build_resource_id of another subnet', () => `\${provider::azapi::build_resource_id("${VNET_ID}", "Microsoft.Network/virtualNetworks/subnets", "app")}`],
    ['azapi resource_group_resource_id of another subnet', () => '${provider::azapi::resource_group_resource_id("0", "rg-apps", "Microsoft.Network/virtualNetworks/subnets", ["vnet-apps", "snet-apps"])}'],
    ['azurerm normalise_resource_id of another subnet', () => `\${provider::azurerm::normalise_resource_id("${VNET_ID}/subnets/app")}`],
  ])('control: by %s it passes', (_name, subnetId) => {
    const stack = besideConstruct();
    new SubnetNetworkSecurityGroupAssociation(stack, 'Second', { subnetId: subnetId(stack), networkSecurityGroupId: openGroup(stack).id });
    expect(failedOn(stack, 'azurerm_subnet_network_security_group_association.Second')).toEqual([]);
  });
});

describe('azapi writers under a parent known only at apply time (PG-CFG-3)', () => {
  const NSG_ID = `${SUBSCRIPTION}/resourceGroups/rg-x/providers/Microsoft.Network/networkSecurityGroups/open`;
  const WRITERS: [string, object][] = [
    ['an update of a subnet', { type: 'Microsoft.Network/virtualNetworks/subnets@2024-05-01', resource_id: '${var.parent}', body: { properties: { networkSecurityGroup: { id: NSG_ID } } } }],
    ['a security rule', { type: 'Microsoft.Network/networkSecurityGroups/securityRules@2024-05-01', name: 'evil', parent_id: '${var.parent}',
      body: { properties: { access: 'Allow', direction: 'Inbound', priority: 100, protocol: 'Tcp', sourceAddressPrefix: '203.0.113.0/24', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '5432' } } }],
    ['a DNS A record', { type: 'Microsoft.Network/privateDnsZones/A@2024-06-01', name: 'orders-db', parent_id: '${var.parent}', body: { properties: { ttl: 300, aRecords: [{ ipv4Address: '10.99.0.4' }] } } }],
  ];

  test.each(WRITERS)('%s fails beside a construct', (_name, body) => {
    const stack = besideConstruct();
    withAzapi(stack);
    new TerraformVariable(stack, 'parent', { type: 'string' });
    stack.addOverride(`resource.${'resource_id' in body ? 'azapi_update_resource' : 'azapi_resource'}.writer`, body);
    expect(synthErrors(stack).join('\n')).toMatch(/ azapi_\w+\.writer PG-CFG-3 .*known only at apply time and may be it, reaches the server/);
  });

  test.each([
    ['azapi_update_resource', VNET_ID],
    ['azapi_update_resource', '${var.parent}'],
    ['azapi_resource', '${var.parent}'],
  ])('%s of a subnet given by parent_id %s and the construct\'s subnet name fails beside a construct', (type, parent) => {
    const stack = besideConstruct();
    withAzapi(stack);
    new TerraformVariable(stack, 'parent', { type: 'string' });
    stack.addOverride(`resource.${type}.writer`, { type: 'Microsoft.Network/virtualNetworks/subnets@2024-05-01', parent_id: parent, name: 'orders-db-postgres', body: { properties: { networkSecurityGroup: null } } });
    expect(synthErrors(stack).join('\n')).toMatch(new RegExp(` ${type}\\.writer PG-CFG-3 .* on azurerm_subnet\\.\\S+ \\(the server's delegated subnet\\)`));
  });

  test('control: a subnet of another name under the construct\'s VNet, or under a variable parent, passes', () => {
    const stack = besideConstruct();
    withAzapi(stack);
    new TerraformVariable(stack, 'parent', { type: 'string' });
    stack.addOverride('resource.azapi_resource.app', { type: 'Microsoft.Network/virtualNetworks/subnets@2024-05-01', parent_id: VNET_ID, name: 'app', body: { properties: { addressPrefix: '10.0.9.0/24' } } });
    stack.addOverride('resource.azapi_resource.other', { type: 'Microsoft.Network/virtualNetworks/subnets@2024-05-01', parent_id: '${var.parent}', name: 'app', body: { properties: { addressPrefix: '10.0.8.0/24' } } });
    expect(synthErrors(stack).filter((line) => /azapi_resource\.(app|other) /.test(line))).toEqual([]);
  });

  test('control: an azapi resource of another type under a variable parent (a storage account) passes', () => {
    const stack = besideConstruct();
    withAzapi(stack);
    new TerraformVariable(stack, 'parent', { type: 'string' });
    stack.addOverride('resource.azapi_resource.writer', { type: 'Microsoft.Storage/storageAccounts@2023-05-01', name: 'logs', parent_id: '${var.parent}', location: 'westeurope', body: { kind: 'StorageV2', sku: { name: 'Standard_LRS' } } });
    expect(synthErrors(stack).filter((line) => line.includes('azapi_resource.writer'))).toEqual([]);
  });
});

describe('a record or link in a zone known only at apply time (PG-NET-1)', () => {
  test('an A record for the server\'s name in a zone named by a variable whose default is the construct\'s fails; suppressed with a reason, it passes', () => {
    const stack = besideConstruct();
    const zone = new TerraformVariable(stack, 'zone', { type: 'string', default: CONSTRUCT_ZONE });
    const record = new PrivateDnsARecord(stack, 'Shadow', { name: 'orders-db', zoneName: zone.stringValue, resourceGroupName: 'rg-orders', ttl: 300, records: ['10.99.0.4'] });
    expect(failedOn(stack, 'azurerm_private_dns_a_record.Shadow')).toEqual(['PG-NET-1']);
    expect(synthErrors(stack).join('\n')).toMatch(/whose zone_name "\$\{var\.zone\}" is known only at apply time and may be zone orders-db\.private\.postgres\.database\.azure\.com/);
    PostgresSecurityChecks.suppress(record, 'PG-NET-1', 'reviewed in SEC-4411: the variable names the test zone in every workspace');
    expect(synthErrors(stack)).toEqual([]);
  });

  test('a VNet link with auto-registration in a zone named by a variable fails', () => {
    const stack = besideConstruct();
    const zone = new TerraformVariable(stack, 'zone', { type: 'string' });
    new PrivateDnsZoneVirtualNetworkLink(stack, 'Link', { name: 'l', privateDnsZoneName: zone.stringValue, resourceGroupName: 'rg-orders', virtualNetworkId: VNET_ID, registrationEnabled: true });
    expect(failedOn(stack, 'azurerm_private_dns_zone_virtual_network_link.Link')).toEqual(['PG-NET-1']);
  });

  test.each([
    ['a template that spells another zone', (stack: TerraformStack) => `${new TerraformVariable(stack, 'zone', { type: 'string' }).stringValue}.example.com`, 'rg-orders'],
    ['a variable zone in another literal resource group', (stack: TerraformStack) => new TerraformVariable(stack, 'zone', { type: 'string' }).stringValue, 'rg-elsewhere'],
  ])('control: %s passes', (_name, zoneName, group) => {
    const stack = besideConstruct();
    new PrivateDnsARecord(stack, 'Shadow', { name: 'orders-db', zoneName: zoneName(stack), resourceGroupName: group, ttl: 300, records: ['10.99.0.4'] });
    expect(failedOn(stack, 'azurerm_private_dns_a_record.Shadow')).toEqual([]);
  });
});

describe('a security rule in a group known only at apply time (PG-NET-1)', () => {
  const addRule = (stack: TerraformStack, groupName: string, group = 'rg-orders') => new NetworkSecurityRule(stack, 'Extra', {
    name: 'evil', priority: 110, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '5432',
    sourceAddressPrefix: '203.0.113.0/24', destinationAddressPrefix: '*', networkSecurityGroupName: groupName, resourceGroupName: group,
  });

  test('by a variable name it may be added to the construct\'s group and fails', () => {
    const stack = besideConstruct();
    addRule(stack, new TerraformVariable(stack, 'nsg', { type: 'string' }).stringValue);
    expect(failedOn(stack, 'azurerm_network_security_rule.Extra')).toContain('PG-NET-1');
  });

  test.each([
    ['a template that spells another group\'s name', (stack: TerraformStack) => `${new TerraformVariable(stack, 'env', { type: 'string' }).stringValue}-web-nsg`, 'rg-orders'],
    ['a variable name in another literal resource group', (stack: TerraformStack) => new TerraformVariable(stack, 'nsg', { type: 'string' }).stringValue, 'rg-web'],
  ])('control: by %s it passes', (_name, groupName, group) => {
    const stack = besideConstruct();
    addRule(stack, groupName(stack), group);
    expect(failedOn(stack, 'azurerm_network_security_rule.Extra')).toEqual([]);
  });
});

// Fourteenth review, A14a-10: names may be tokens. With the construct's name a variable (default "orders-db"), its NSG, zone and
// subnet are named only at apply time; a child that names them by literal (what the default spells) may be under them.
describe('a child naming by literal a parent of a construct whose name is known only at apply time', () => {
  const named = () => {
    const stack = providerStack();
    const name = new TerraformVariable(stack, 'name', { type: 'string', default: 'orders-db' }).stringValue;
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ name }));
    return stack;
  };
  const addRule = (stack: TerraformStack, groupName: string, group: string) => new NetworkSecurityRule(stack, 'Extra', {
    name: 'evil', priority: 110, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '5432',
    sourceAddressPrefix: '203.0.113.0/24', destinationAddressPrefix: '*', networkSecurityGroupName: groupName, resourceGroupName: group,
  });

  test('a security rule in the group the name may spell, in the construct\'s resource group, fails PG-NET-1 (the group\'s name known only at apply time)', () => {
    const stack = named();
    addRule(stack, 'orders-db-postgres-nsg', 'rg-orders');
    expect(failedOn(stack, 'azurerm_network_security_rule.Extra')).toContain('PG-NET-1');
    expect(synthErrors(stack).join('\n')).toMatch(/"orders-db-postgres-nsg" may be the group whose name is known only at apply time/);
  });

  test('an A record in the zone the name may spell fails PG-NET-1; in another literal resource group it passes', () => {
    const [same, other] = ['rg-orders', 'rg-web'].map((group) => {
      const stack = named();
      new PrivateDnsARecord(stack, 'Shadow', { name: 'orders-db', zoneName: CONSTRUCT_ZONE, resourceGroupName: group, ttl: 300, records: ['10.99.0.4'] });
      return stack;
    });
    expect(failedOn(same, 'azurerm_private_dns_a_record.Shadow')).toContain('PG-NET-1');
    expect(synthErrors(same).join('\n')).toMatch(/whose name is known only at apply time/);
    expect(failedOn(other, 'azurerm_private_dns_a_record.Shadow')).toEqual([]);
  });

  test('a second association of the subnet a variable subnet name may spell, by literal ID, fails PGF-NET-7; of a subnet of another VNet it passes', () => {
    const [same, other] = ['vnet-hub', 'vnet-web'].map((vnet) => {
      const stack = providerStack();
      const name = new TerraformVariable(stack, 'subnet', { type: 'string', default: 'orders-db-postgres' }).stringValue;
      new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: VNET_ID, subnetAddressPrefix: '10.0.1.0/28', subnetName: name }) }));
      new SubnetNetworkSecurityGroupAssociation(stack, 'Second', { subnetId: `${VNET_ID.replace('vnet-hub', vnet)}/subnets/orders-db-postgres`, networkSecurityGroupId: openGroup(stack).id });
      return stack;
    });
    expect(failedOn(same, 'azurerm_subnet_network_security_group_association.Second')).toContain('PGF-NET-7');
    expect(failedOn(other, 'azurerm_subnet_network_security_group_association.Second')).toEqual([]);
  });

  test('with the VNet a variable (default the hub), a second association by the literal ID of the construct\'s subnet fails PGF-NET-7; of another subnet name it passes', () => {
    const [same, other] = ['orders-db-postgres', 'web'].map((subnetName) => {
      const stack = providerStack();
      const virtualNetworkResourceId = new TerraformVariable(stack, 'vnet', { type: 'string', default: VNET_ID }).stringValue;
      new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId, subnetAddressPrefix: '10.0.1.0/28' }) }));
      new SubnetNetworkSecurityGroupAssociation(stack, 'Second', { subnetId: `${VNET_ID}/subnets/${subnetName}`, networkSecurityGroupId: openGroup(stack).id });
      return stack;
    });
    expect(failedOn(same, 'azurerm_subnet_network_security_group_association.Second')).toContain('PGF-NET-7');
    expect(failedOn(other, 'azurerm_subnet_network_security_group_association.Second')).toEqual([]);
  });

  test('control: beside a construct whose subnet name is a variable, an association by the literal ID of another subnet of the stack (literal names) is that subnet\'s', () => {
    const { Subnet } = jest.requireActual('@cdktf/provider-azurerm/lib/subnet');
    const stack = providerStack();
    const subnetName = new TerraformVariable(stack, 'subnet', { type: 'string', default: 'orders-db-postgres' }).stringValue;
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: VNET_ID, subnetAddressPrefix: '10.0.1.0/28', subnetName }) }));
    new Subnet(stack, 'Web', { name: 'web', resourceGroupName: 'rg-network', virtualNetworkName: 'vnet-hub', addressPrefixes: ['10.0.2.0/24'] });
    new SubnetNetworkSecurityGroupAssociation(stack, 'Second', { subnetId: `${VNET_ID}/subnets/web`, networkSecurityGroupId: openGroup(stack).id });
    expect(failedOn(stack, 'azurerm_subnet_network_security_group_association.Second')).toEqual([]);
  });

  test.each([
    ['in another literal resource group', 'orders-db-postgres-nsg', 'rg-web'],
    ['of a name the construct\'s cannot spell', 'orders-db-web', 'rg-orders'],
  ])('control: a security rule %s passes', (_name, groupName, group) => {
    const stack = named();
    addRule(stack, groupName, group);
    expect(failedOn(stack, 'azurerm_network_security_rule.Extra')).toEqual([]);
  });
});
