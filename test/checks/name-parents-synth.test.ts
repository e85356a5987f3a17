import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { PrivateDnsARecord } from '@cdktf/provider-azurerm/lib/private-dns-a-record';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { SecureFlexibleServer } from '../../lib';
import { minimalProps, providerStack, SUBSCRIPTION, synthErrors, VNET_ID } from '../helpers';

// Fourteenth review, A14a-1/A14a-2: a child that names its parent by NAME (an NSG rule's
// network_security_group_name, a record's zone_name, a VNet link's private_dns_zone_name) names it
// together with its own resource_group_name. A reference to another block's name is only that name:
// a decoy of the construct's parent's name in another group, referenced for its name, with the
// construct's group written beside it, was filed under the decoy while Terraform writes the child into
// the construct's parent (name-parents.ts).

const CONSTRUCT_NSG = 'orders-db-postgres-nsg';
const CONSTRUCT_ZONE = 'orders-db.private.postgres.database.azure.com';
/** The rule ids of the synth errors on a resource. */
const failedOn = (stack: TerraformStack, address: string) => synthErrors(stack).filter((line) => line.split(' ')[3] === address).map((line) => line.split(' ')[4]);

function besideConstruct(): TerraformStack {
  const stack = providerStack();
  new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  return stack;
}

describe('a security rule named by a reference to another group\'s name (A14a-1)', () => {
  const RULE = 'azurerm_network_security_rule.Evil';
  const addRule = (stack: TerraformStack, groupName: string, group: string) => new NetworkSecurityRule(stack, 'Evil', {
    name: 'evil', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '5432',
    sourceAddressPrefix: '203.0.113.0/24', destinationAddressPrefix: '*', networkSecurityGroupName: groupName, resourceGroupName: group,
  });
  const decoy = (stack: TerraformStack, group: string = 'rg-decoy') => new NetworkSecurityGroup(stack, 'Decoy', { name: CONSTRUCT_NSG, resourceGroupName: group, location: 'westeurope' });

  test.each([
    ['the name of a decoy group in another resource group, with the construct\'s group', (stack: TerraformStack) => addRule(stack, decoy(stack).name, 'rg-orders')],
    ['the decoy\'s name in another case of the construct\'s group', (stack: TerraformStack) => addRule(stack, decoy(stack).name, 'RG-Orders')],
    ['the decoy\'s name in a function call', (stack: TerraformStack) => addRule(stack, `\${lower(${decoy(stack).fqn}.name)}`, 'rg-orders')],
    ['the decoy\'s name, the construct\'s group read from a resource group of the stack', (stack: TerraformStack) => addRule(stack, decoy(stack).name, new ResourceGroup(stack, 'Orders', { name: 'rg-orders', location: 'westeurope' }).name)],
    ['the name of a decoy whose group is known only at apply time', (stack: TerraformStack) => addRule(stack, decoy(stack, new TerraformVariable(stack, 'group', { type: 'string' }).stringValue).name, 'rg-orders')],
    ['the name of a resource group named like the construct\'s group', (stack: TerraformStack) => addRule(stack, new ResourceGroup(stack, 'Named', { name: CONSTRUCT_NSG, location: 'westeurope' }).name, 'rg-orders')],
    ['the name, known only at apply time, of a group in another resource group', (stack: TerraformStack) => addRule(stack, new NetworkSecurityGroup(stack, 'Later', { name: new TerraformVariable(stack, 'nsg', { type: 'string' }).stringValue, resourceGroupName: 'rg-decoy', location: 'westeurope' }).name, 'rg-orders')],
  ])('by %s it is a rule of the construct\'s group and fails PG-NET-1', (_name, write) => {
    const stack = besideConstruct();
    write(stack);
    expect(failedOn(stack, RULE)).toContain('PG-NET-1');
  });

  test.each([
    ['the decoy\'s name and group by reference', (stack: TerraformStack) => {
      const group = decoy(stack);
      addRule(stack, group.name, group.resourceGroupName);
    }],
    ['the decoy\'s name by reference and its group as a literal', (stack: TerraformStack) => addRule(stack, decoy(stack).name, 'rg-decoy')],
    ['the decoy\'s name and a group read from a resource group named like the decoy\'s', (stack: TerraformStack) => addRule(stack, decoy(stack).name, new ResourceGroup(stack, 'DecoyGroup', { name: 'rg-decoy', location: 'westeurope' }).name)],
    ['the name, known only at apply time, of a group in the rule\'s own resource group', (stack: TerraformStack) => addRule(stack, new NetworkSecurityGroup(stack, 'Later', { name: new TerraformVariable(stack, 'nsg', { type: 'string' }).stringValue, resourceGroupName: 'rg-decoy', location: 'westeurope' }).name, 'rg-decoy')],
    ['the decoy\'s name in a function call and its group by reference', (stack: TerraformStack) => {
      const group = decoy(stack);
      addRule(stack, `\${lower(${group.fqn}.name)}`, group.resourceGroupName);
    }],
  ])('control: by %s it stays in the decoy and passes', (_name, write) => {
    const stack = besideConstruct();
    write(stack);
    expect(failedOn(stack, RULE)).toEqual([]);
  });
});

describe('a security rule beside a construct whose resource group is read from a resource group of the stack', () => {
  const inGroup = (stack: TerraformStack, group: string) => {
    const orders = new ResourceGroup(stack, 'Orders', { name: 'rg-orders', location: 'westeurope' });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ resourceGroupName: orders.name }));
    new NetworkSecurityRule(stack, 'Evil', {
      name: 'evil', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '5432',
      sourceAddressPrefix: '203.0.113.0/24', destinationAddressPrefix: '*', networkSecurityGroupName: CONSTRUCT_NSG, resourceGroupName: group,
    });
  };

  test('a rule by the literal names of the construct\'s group and its resource group fails PG-NET-1', () => {
    const stack = providerStack();
    inGroup(stack, 'RG-Orders');
    expect(failedOn(stack, 'azurerm_network_security_rule.Evil')).toContain('PG-NET-1');
  });

  test('control: a rule of the same group name in another literal resource group passes', () => {
    const stack = providerStack();
    inGroup(stack, 'rg-web');
    expect(failedOn(stack, 'azurerm_network_security_rule.Evil')).toEqual([]);
  });
});

describe('a record or link named by a reference to another zone\'s name (A14a-2)', () => {
  const RECORD = 'azurerm_private_dns_a_record.Shadow';
  const LINK = 'azurerm_private_dns_zone_virtual_network_link.Link';
  const addRecord = (stack: TerraformStack, zoneName: string, group: string) => new PrivateDnsARecord(stack, 'Shadow', { name: 'orders-db', zoneName, resourceGroupName: group, ttl: 300, records: ['10.99.0.4'] });
  const addLink = (stack: TerraformStack, zoneName: string, group: string) => new PrivateDnsZoneVirtualNetworkLink(stack, 'Link', { name: 'l', privateDnsZoneName: zoneName, resourceGroupName: group, virtualNetworkId: VNET_ID, registrationEnabled: true });
  const decoy = (stack: TerraformStack, group: string = 'rg-decoy') => new PrivateDnsZone(stack, 'Decoy', { name: CONSTRUCT_ZONE, resourceGroupName: group });

  test.each([
    ['an A record by the name of a decoy zone in another resource group, with the construct\'s group', RECORD, (stack: TerraformStack) => addRecord(stack, decoy(stack).name, 'rg-orders')],
    ['an A record by the decoy\'s name in a function call', RECORD, (stack: TerraformStack) => addRecord(stack, `\${lower(${decoy(stack).fqn}.name)}`, 'rg-orders')],
    ['an A record by the name of a decoy whose group is known only at apply time', RECORD, (stack: TerraformStack) => addRecord(stack, decoy(stack, new TerraformVariable(stack, 'group', { type: 'string' }).stringValue).name, 'rg-orders')],
    ['an A record by the name, known only at apply time, of a zone in another resource group', RECORD, (stack: TerraformStack) => addRecord(stack, new PrivateDnsZone(stack, 'Later', { name: new TerraformVariable(stack, 'zone', { type: 'string' }).stringValue, resourceGroupName: 'rg-decoy' }).name, 'rg-orders')],
    ['a registering VNet link by the name of a decoy zone in another resource group', LINK, (stack: TerraformStack) => addLink(stack, decoy(stack).name, 'rg-orders')],
    ['a registering VNet link by the name of a resource group named like the zone', LINK, (stack: TerraformStack) => addLink(stack, new ResourceGroup(stack, 'Named', { name: CONSTRUCT_ZONE, location: 'westeurope' }).name, 'rg-orders')],
  ])('%s is in the construct\'s zone and fails PG-NET-1', (_name, address, write) => {
    const stack = besideConstruct();
    write(stack);
    expect(failedOn(stack, address)).toContain('PG-NET-1');
  });

  test.each([
    ['an A record by the decoy\'s name and group by reference', RECORD, (stack: TerraformStack) => {
      const zone = decoy(stack);
      addRecord(stack, zone.name, zone.resourceGroupName);
    }],
    ['an A record by the name, known only at apply time, of a zone in the record\'s own resource group', RECORD, (stack: TerraformStack) => addRecord(stack, new PrivateDnsZone(stack, 'Later', { name: new TerraformVariable(stack, 'zone', { type: 'string' }).stringValue, resourceGroupName: 'rg-decoy' }).name, 'rg-decoy')],
    ['an A record by the decoy\'s name and its group as a literal', RECORD, (stack: TerraformStack) => addRecord(stack, decoy(stack).name, 'rg-decoy')],
    ['a registering VNet link by the decoy\'s name and group by reference', LINK, (stack: TerraformStack) => {
      const zone = decoy(stack);
      addLink(stack, zone.name, zone.resourceGroupName);
    }],
  ])('control: %s stays in the decoy', (_name, address, write) => {
    const stack = besideConstruct();
    write(stack);
    // The decoy is a namesake of the construct's zone: what it holds fails as such (A19a-11), never as the construct's zone's.
    const lines = synthErrors(stack).filter((line) => line.split(' ')[3] === address);
    expect(lines.every((line) => / PG-NET-1 .*(not the zone .* resolves in but one that may answer|which may answer for the private name)/.test(line))).toBe(true);
  });
});

describe('an azapi block on the construct\'s network by an ID spelled with another block\'s name (A14a-1, PG-CFG-3)', () => {
  const RULE_ID = (group: string, nsg: string) => `${SUBSCRIPTION}/resourceGroups/${group}/providers/Microsoft.Network/networkSecurityGroups/${nsg}/securityRules/DenyAllInbound`;
  const deleteRule = (stack: TerraformStack, id: string) => {
    stack.addOverride('terraform.required_providers.azapi', { source: 'Azure/azapi', version: '2.4.0' });
    stack.addOverride('resource.azapi_resource_action.drop', { type: 'Microsoft.Network/networkSecurityGroups/securityRules@2024-05-01', method: 'DELETE', resource_id: id });
  };
  const decoyName = (stack: TerraformStack, group = 'rg-decoy') => new NetworkSecurityGroup(stack, 'Decoy', { name: CONSTRUCT_NSG, resourceGroupName: group, location: 'westeurope' }).name;

  test.each([
    ['a decoy group\'s name in the construct\'s group', (stack: TerraformStack) => RULE_ID('rg-orders', decoyName(stack))],
    ['the name of a resource group named like the construct\'s group', (stack: TerraformStack) => RULE_ID('rg-orders', new ResourceGroup(stack, 'Named', { name: CONSTRUCT_NSG, location: 'westeurope' }).name)],
    ['the construct\'s group read from a resource group of the stack', (stack: TerraformStack) => RULE_ID(new ResourceGroup(stack, 'Orders', { name: 'rg-orders', location: 'westeurope' }).name, decoyName(stack))],
  ])('a DELETE of the construct\'s DenyAllInbound by %s fails', (_name, id) => {
    const stack = besideConstruct();
    deleteRule(stack, id(stack));
    expect(failedOn(stack, 'azapi_resource_action.drop')).toContain('PG-CFG-3');
  });

  test('control: the same DELETE in the decoy\'s own group passes', () => {
    const stack = besideConstruct();
    deleteRule(stack, RULE_ID('rg-decoy', decoyName(stack)));
    expect(failedOn(stack, 'azapi_resource_action.drop')).toEqual([]);
  });
});

describe('a second resource of the construct\'s group named by another block\'s name (A14a-1 class, PG-CFG-3)', () => {
  const NSG_ID = `${SUBSCRIPTION}/resourceGroups/rg-orders/providers/Microsoft.Network/networkSecurityGroups/${CONSTRUCT_NSG}`;
  const twin = (stack: TerraformStack, name: string, group: string) => new NetworkSecurityGroup(stack, 'Twin', { name, resourceGroupName: group, location: 'westeurope', securityRule: [] }).importFrom(NSG_ID);
  const decoyName = (stack: TerraformStack) => new NetworkSecurityGroup(stack, 'Decoy', { name: CONSTRUCT_NSG, resourceGroupName: 'rg-decoy', location: 'westeurope' }).name;

  test.each([
    ['a decoy group\'s name in the construct\'s group', (stack: TerraformStack) => twin(stack, decoyName(stack), 'rg-orders')],
    ['the name of a resource group named like the construct\'s group', (stack: TerraformStack) => twin(stack, new ResourceGroup(stack, 'Named', { name: CONSTRUCT_NSG, location: 'westeurope' }).name, 'rg-orders')],
    ['the construct\'s group read from a resource group of the stack', (stack: TerraformStack) => twin(stack, CONSTRUCT_NSG, new ResourceGroup(stack, 'Orders', { name: 'rg-orders', location: 'westeurope' }).name)],
  ])('a twin of the construct\'s group by %s fails', (_name, write) => {
    const stack = besideConstruct();
    write(stack);
    expect(failedOn(stack, 'azurerm_network_security_group.Twin')).toContain('PG-CFG-3');
  });

  test('control: a group of the decoy\'s name in another resource group passes', () => {
    const stack = besideConstruct();
    new NetworkSecurityGroup(stack, 'Twin', { name: decoyName(stack), resourceGroupName: 'rg-web', location: 'westeurope', securityRule: [] });
    expect(failedOn(stack, 'azurerm_network_security_group.Twin')).toEqual([]);
  });
});

describe('a name spelled from literal text and another block\'s name (A14a-1/A14a-2)', () => {
  test('a rule in "${<group>.name}-postgres-nsg", a group of the stack named "orders-db" in the construct\'s group, is in the construct\'s and fails PG-NET-1', () => {
    const stack = besideConstruct();
    const other = new NetworkSecurityGroup(stack, 'Short', { name: 'orders-db', resourceGroupName: 'rg-orders', location: 'westeurope' });
    new NetworkSecurityRule(stack, 'Evil', {
      name: 'evil', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '5432',
      sourceAddressPrefix: '203.0.113.0/24', destinationAddressPrefix: '*', networkSecurityGroupName: `\${${other.fqn}.name}-postgres-nsg`, resourceGroupName: other.resourceGroupName,
    });
    expect(failedOn(stack, 'azurerm_network_security_rule.Evil')).toContain('PG-NET-1');
  });

  test('a record in "orders-db.${<zone>.name}", a zone of the stack named for the parent domain in the construct\'s group, is in the construct\'s zone and fails PG-NET-1', () => {
    const stack = besideConstruct();
    const parent = new PrivateDnsZone(stack, 'Parent', { name: 'private.postgres.database.azure.com', resourceGroupName: 'rg-orders' });
    new PrivateDnsARecord(stack, 'Shadow', { name: 'orders-db', zoneName: `orders-db.\${${parent.fqn}.name}`, resourceGroupName: parent.resourceGroupName, ttl: 300, records: ['10.99.0.4'] });
    expect(failedOn(stack, 'azurerm_private_dns_a_record.Shadow')).toContain('PG-NET-1');
  });

  test('control: a rule in "${<decoy>.name}-web" of the decoy\'s group passes', () => {
    const stack = besideConstruct();
    const decoy = new NetworkSecurityGroup(stack, 'Decoy', { name: CONSTRUCT_NSG, resourceGroupName: 'rg-decoy', location: 'westeurope' });
    new NetworkSecurityRule(stack, 'Evil', {
      name: 'evil', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '5432',
      sourceAddressPrefix: '203.0.113.0/24', destinationAddressPrefix: '*', networkSecurityGroupName: `\${${decoy.fqn}.name}-web`, resourceGroupName: 'rg-orders',
    });
    expect(failedOn(stack, 'azurerm_network_security_rule.Evil')).toEqual([]);
  });
});

test('a rule in "${<group>.name}${var.suffix}", a group of the construct\'s resource group named "orders-db", may be in the construct\'s and fails PG-NET-1 (A14a-1)', () => {
  const stack = besideConstruct();
  const other = new NetworkSecurityGroup(stack, 'Short', { name: 'orders-db', resourceGroupName: 'rg-orders', location: 'westeurope' });
  const suffix = new TerraformVariable(stack, 'suffix', { type: 'string', default: '-postgres-nsg' });
  new NetworkSecurityRule(stack, 'Evil', {
    name: 'evil', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '5432',
    sourceAddressPrefix: '203.0.113.0/24', destinationAddressPrefix: '*', networkSecurityGroupName: `\${${other.fqn}.name}${suffix.stringValue}`, resourceGroupName: other.resourceGroupName,
  });
  expect(failedOn(stack, 'azurerm_network_security_rule.Evil')).toContain('PG-NET-1');
});
