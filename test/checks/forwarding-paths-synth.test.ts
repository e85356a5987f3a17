import { FirewallPolicyRuleCollectionGroup } from '@cdktf/provider-azurerm/lib/firewall-policy-rule-collection-group';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack } from 'cdktf';
import { PostgresSecurityChecks, SecureFlexibleServer } from '../../lib';
import { minimalProps, newStack, synthErrors } from '../helpers';

// PG-NET-1 at synth on the paths around a construct's NSG (fifteenth review, A15a-12, A15b-10): a firewall DNAT from
// the internet into the delegated subnet. The verdicts are in forwarding-paths.test.ts.

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
