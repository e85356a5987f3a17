import { FirewallPolicyRuleCollectionGroup } from '@cdktf/provider-azurerm/lib/firewall-policy-rule-collection-group';
import { Lb } from '@cdktf/provider-azurerm/lib/lb';
import { LbBackendAddressPool } from '@cdktf/provider-azurerm/lib/lb-backend-address-pool';
import { LbBackendAddressPoolAddress } from '@cdktf/provider-azurerm/lib/lb-backend-address-pool-address';
import { LbRule } from '@cdktf/provider-azurerm/lib/lb-rule';
import { NetworkManagerAdminRule } from '@cdktf/provider-azurerm/lib/network-manager-admin-rule';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack } from 'cdktf';
import { FlexibleServerNetwork, PostgresSecurityChecks, SecureFlexibleServer } from '../../lib';
import { minimalProps, newStack, synthErrors, VNET_ID } from '../helpers';

// PG-NET-1 at synth on the paths around a construct's NSG (fifteenth review, A15a-12, A15b-10, A15a-16, A15b-8): a
// firewall DNAT from the internet into the delegated subnet, and a Virtual Network Manager AlwaysAllow admin rule on
// its VNet. The verdicts are in forwarding-paths.test.ts and security-admin-rules.test.ts.

const POLICY = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/firewallPolicies/fw';
const FIX = 'Fix: Declare the path through the construct\'s network props, or review it and suppress PG-NET-1 on the resource with the reason; remove overrides of delegated_subnet_id and private_dns_zone_id.';

function withDnat(sources: string[], suppress = false): string[] {
  const stack: TerraformStack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  const group = new FirewallPolicyRuleCollectionGroup(stack, 'Dnat', {
    name: 'dnat', firewallPolicyId: POLICY, priority: 100,
    natRuleCollection: [{ name: 'pg', priority: 100, action: 'Dnat', rule: [{ name: 'pg', protocols: ['TCP'], sourceAddresses: sources, destinationAddress: '20.50.60.70', destinationPorts: ['5432'], translatedAddress: '10.0.1.4', translatedPort: 5432 }] }],
  });
  if (suppress) PostgresSecurityChecks.suppress(group, 'PG-NET-1', 'Vendor access through the hub firewall reviewed in CHG-4410');
  return synthErrors(stack);
}

test('a DNAT from the internet to an address of the construct\'s delegated subnet fails PG-NET-1; a suppression with the reason keeps it; a private source passes', () => {
  expect(withDnat(['*'])).toEqual([
    `  [test] azurerm_firewall_policy_rule_collection_group.Dnat PG-NET-1 azurerm_firewall_policy_rule_collection_group.Dnat forwards connections from "*" to "10.0.1.4", which may be test/Postgres's server (an address of its subnet, or its name), on a PostgreSQL port: a network path test/Postgres does not declare. ${FIX}`,
  ]);
  expect(withDnat(['*'], true)).toEqual([]);
  expect(withDnat(['10.8.0.0/16'])).toEqual([]);
});

test('a Virtual Network Manager AlwaysAllow of PostgreSQL into the delegated subnet, on a group holding the construct\'s VNet, fails PG-NET-1', () => {
  const stack: TerraformStack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: VNET_ID, subnetAddressPrefix: '10.0.1.0/28', allowedSources: ['10.0.2.0/24'] }) }));
  stack.addOverride('resource.azurerm_network_manager_network_group.g', { name: 'hub', network_manager_id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/networkManagers/m' });
  stack.addOverride('resource.azurerm_network_manager_static_member.s', { name: 'hub', network_group_id: '${azurerm_network_manager_network_group.g.id}', target_virtual_network_id: VNET_ID });
  stack.addOverride('resource.azurerm_network_manager_admin_rule_collection.rc', { name: 'rc', security_admin_configuration_id: '/subscriptions/0/x', network_group_ids: ['${azurerm_network_manager_network_group.g.id}'] });
  new NetworkManagerAdminRule(stack, 'Open', {
    name: 'open', adminRuleCollectionId: '${azurerm_network_manager_admin_rule_collection.rc.id}', action: 'AlwaysAllow', direction: 'Inbound', priority: 1, protocol: 'Tcp',
    destinationPortRanges: ['5432'], source: [{ addressPrefixType: 'IPPrefix', addressPrefix: '10.0.2.0/24' }], destination: [{ addressPrefixType: 'IPPrefix', addressPrefix: '10.0.1.0/28' }],
  });
  expect(synthErrors(stack)).toEqual([
    `  [test] azurerm_network_manager_admin_rule.Open PG-NET-1 azurerm_network_manager_admin_rule.Open is a security admin rule whose action "AlwaysAllow" may always allow PostgreSQL into the delegated subnet of test/Postgres's server, on a VNet its network groups may hold: Azure then delivers it without the construct's network security group, a network path test/Postgres does not declare. ${FIX}`,
  ]);
});

test('a DNAT from the internet to an internal load balancer whose pool is an address of the delegated subnet fails PG-NET-1 on the DNAT; to a pool elsewhere it passes (A17b-2)', () => {
  const chain = (poolAddress: string) => {
    const stack: TerraformStack = newStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    new FirewallPolicyRuleCollectionGroup(stack, 'Dnat', {
      name: 'dnat', firewallPolicyId: POLICY, priority: 100,
      natRuleCollection: [{ name: 'pg', priority: 100, action: 'Dnat', rule: [{ name: 'pg', protocols: ['TCP'], sourceAddresses: ['*'], destinationAddress: '20.50.60.70', destinationPorts: ['5432'], translatedAddress: '10.0.3.10', translatedPort: 5432 }] }],
    });
    const balancer = new Lb(stack, 'Ilb', { name: 'ilb', resourceGroupName: 'rg-hub', location: 'westeurope', sku: 'Standard', frontendIpConfiguration: [{ name: 'fe', subnetId: `${VNET_ID}/subnets/lb`, privateIpAddressAllocation: 'Static', privateIpAddress: '10.0.3.10' }] });
    const pool = new LbBackendAddressPool(stack, 'Pool', { name: 'pool', loadbalancerId: balancer.id });
    new LbBackendAddressPoolAddress(stack, 'Member', { name: 'db', backendAddressPoolId: pool.id, virtualNetworkId: VNET_ID, ipAddress: poolAddress });
    new LbRule(stack, 'Rule', { name: 'pg', loadbalancerId: balancer.id, protocol: 'Tcp', frontendPort: 5432, backendPort: 5432, frontendIpConfigurationName: 'fe', backendAddressPoolIds: [pool.id] });
    return synthErrors(stack);
  };
  expect(chain('10.0.1.4')).toEqual([
    `  [test] azurerm_firewall_policy_rule_collection_group.Dnat PG-NET-1 azurerm_firewall_policy_rule_collection_group.Dnat forwards connections from "*" to "10.0.3.10", which the stack forwards on to test/Postgres's server (an address of its subnet, or its name) through azurerm_lb_backend_address_pool_address.Member (to "10.0.1.4"), on a PostgreSQL port: a network path test/Postgres does not declare. ${FIX}`,
  ]);
  expect(chain('10.0.2.4')).toEqual([]);
});
