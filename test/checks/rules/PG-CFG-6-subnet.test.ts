import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformResource } from 'cdktf';
import { SecureFlexibleServer } from '../../../lib';
import { minimalProps, newStack, synthErrors } from '../../helpers';

// The delegated subnet SecureFlexibleServer makes stays in the VNet, resource group and range the
// props give: moved by an override, the server lands where the NSG's VirtualNetwork source admits
// other hosts (fourth review, A4-15).

function overridden(key: string, value: unknown): string[] {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  if (key !== '') (postgres.node.findChild('Subnet') as TerraformResource).addOverride(key, value);
  return synthErrors(stack).filter((line) => line.includes('PG-CFG-6'));
}

test('the subnet as the construct made it passes', () => {
  expect(overridden('', undefined)).toEqual([]);
});

test.each<[string, unknown]>([
  ['virtual_network_name', 'vnet-partners'],
  ['resource_group_name', 'rg-partners'],
  ['address_prefixes', ['10.99.0.0/24']],
])('an override of %s fails', (key, value) => {
  // cdktf merges an overridden list into the one it had: the written value holds the new item.
  const errors = overridden(key, value);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(new RegExp(`^ {2}\\[test\\] azurerm_subnet\\.Postgres_Subnet_\\w+ PG-CFG-6 ${key} is .*${JSON.stringify(value).replace(/^\[|\]$/g, '').replace(/[.[\]/]/g, '\\$&')}.*, where the construct's props set `));
});

// Thirteenth review (short run), A13-1 and A13-2: the subnet's network security group keeps its place and no inline
// rules (azurerm replaces the separate rules with the inline ones, DenyAllInbound included), and its rules stay in it.
describe('the subnet\'s network security group and its rules', () => {
  function groupOverridden(child: string, key: string, value: unknown): string[] {
    const stack = newStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    if (child !== '') (postgres.node.findChild(child) as TerraformResource).addOverride(key, value);
    return synthErrors(stack).filter((line) => line.includes('PG-CFG-6'));
  }
  const ALLOW = { name: 'partners', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_address_prefix: '203.0.113.0/24', source_port_range: '*', destination_address_prefix: '*', destination_port_range: '5432' };

  test('as the construct made them they pass', () => {
    expect(groupOverridden('', '', undefined)).toEqual([]);
  });

  test.each<[string, string, string, unknown]>([
    ['an inline allow rule on the group', 'SecurityGroup', 'security_rule', [ALLOW]],
    ['inline rules emptied on the group (azurerm then removes the separate ones)', 'SecurityGroup', 'security_rule', []],
    ['the group moved to another resource group', 'SecurityGroup', 'resource_group_name', 'rg-decoy'],
    ['the group renamed', 'SecurityGroup', 'name', 'orders-db-decoy-nsg'],
    ['DenyAllInbound moved to a group of the same name in another resource group', 'SecurityRule-DenyAllInbound', 'resource_group_name', 'rg-decoy'],
  ])('%s fails', (_, child, key, value) => {
    const errors = groupOverridden(child, key, value);
    expect(errors).toEqual([expect.stringMatching(new RegExp(` PG-CFG-6 ${key} is .*, where the construct's props (set|leave it unset)`))]);
  });
});
