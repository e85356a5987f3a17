import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { PrivateDnsARecord } from '@cdktf/provider-azurerm/lib/private-dns-a-record';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { Fn, TerraformStack, TerraformVariable } from 'cdktf';
import { FlexibleServerNetwork, PostgresSecurityChecks, SecureFlexibleServer } from '../../lib';
import { minimalProps, providerStack, synthErrors } from '../helpers';

// Fourteenth review, A14b-17: with existingVnetIntegration, a group the stack itself associates with the
// given subnet, or a record it writes into the given zone, by the construct's own pointer, was never
// judged (given-subnets.ts, given-zones.ts).

/** The rule ids of the synth errors on a resource. */
const failedOn = (stack: TerraformStack, address: string) => synthErrors(stack).filter((line) => line.split(' ')[3] === address).map((line) => line.split(' ')[4]);

function givenNetwork(): { stack: TerraformStack; subnet: string; zone: string } {
  const stack = providerStack();
  const subnet = new TerraformVariable(stack, 'delegated_subnet_id', { type: 'string' }).stringValue;
  const zone = new TerraformVariable(stack, 'private_dns_zone_id', { type: 'string' }).stringValue;
  // The construct justifies the two pointers themselves (PG-NET-1 on the attributes only).
  new SecureFlexibleServer(stack, 'Postgres', { ...minimalProps(), network: FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: subnet, privateDnsZoneResourceId: zone }) });
  return { stack, subnet, zone };
}

test('an allow-all group the stack associates with the given subnet by the construct\'s pointer fails PGF-NET-7; suppressed with a reason, it passes', () => {
  const { stack, subnet } = givenNetwork();
  expect(synthErrors(stack)).toEqual([]);
  const open = new NetworkSecurityGroup(stack, 'Open', { name: 'open', resourceGroupName: 'rg-x', location: 'westeurope',
    securityRule: [{ name: 'evil', priority: 100, direction: 'Inbound', access: 'Allow', protocol: '*', sourcePortRange: '*', destinationPortRange: '*', sourceAddressPrefix: '*', destinationAddressPrefix: '*' }] });
  new SubnetNetworkSecurityGroupAssociation(stack, 'Association', { subnetId: subnet, networkSecurityGroupId: open.id });
  expect(failedOn(stack, 'azurerm_network_security_group.Open')).toEqual(expect.arrayContaining(['PGF-NET-7']));
  PostgresSecurityChecks.suppress(open, 'PGF-NET-7', 'reviewed in SEC-4411: a test network, no data');
  PostgresSecurityChecks.suppress(open, 'PGF-NET-11', 'reviewed in SEC-4411: a test network, no data');
  expect(synthErrors(stack)).toEqual([]);
});

test('a record of the server\'s name the stack writes into the given zone, its name split from the construct\'s pointer, fails PG-NET-1', () => {
  const { stack, zone } = givenNetwork();
  new PrivateDnsARecord(stack, 'Shadow', { name: 'orders-db', ttl: 300, records: ['10.99.0.4'], zoneName: Fn.element(Fn.split('/', zone), 8), resourceGroupName: Fn.element(Fn.split('/', zone), 4) });
  expect(failedOn(stack, 'azurerm_private_dns_a_record.Shadow')).toEqual(['PG-NET-1']);
});
