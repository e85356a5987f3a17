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
