import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { App, TerraformStack } from 'cdktf';
import { FlexibleServerNetwork, SecureFlexibleServer } from '../../lib';
import { EXIT_FINDINGS, EXIT_OK } from '../../lib/cli/check-command';
import { cdktfOut, check } from '../cli/cli-harness';
import { minimalProps, VNET_ID } from '../helpers';

// One stack class per environment (eighth review, A8-4): each environment makes its own delegated
// subnet and NSG with the same names. Two stacks' resources of one name are one Azure object
// (PG-CFG-3, a second manager) unless both providers name two literal subscriptions: a subscription
// known only at apply time may be the same one.

const DEV = '11111111-1111-1111-1111-111111111111';
const PROD = '22222222-2222-2222-2222-222222222222';

function environment(app: App, id: string, subscriptionId?: string): void {
  const stack = new TerraformStack(app, id);
  new AzurermProvider(stack, 'azurerm', { features: [{}], subscriptionId });
  const subnet = new Subnet(stack, 'Subnet', {
    name: 'snet-pg', resourceGroupName: 'rg-network', virtualNetworkName: 'vnet-hub', addressPrefixes: ['10.0.1.0/28'],
    delegation: [{ name: 'pg', serviceDelegation: { name: 'Microsoft.DBforPostgreSQL/flexibleServers', actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'] } }],
  });
  const nsg = new NetworkSecurityGroup(stack, 'Nsg', { name: 'nsg-pg', resourceGroupName: 'rg-network', location: 'westeurope' });
  new SubnetNetworkSecurityGroupAssociation(stack, 'Association', { subnetId: subnet.id, networkSecurityGroupId: nsg.id });
  const zone = new PrivateDnsZone(stack, 'Zone', { name: 'orders.private.postgres.database.azure.com', resourceGroupName: 'rg-network' });
  new PrivateDnsZoneVirtualNetworkLink(stack, 'Link', { name: 'link', resourceGroupName: 'rg-network', privateDnsZoneName: zone.name, virtualNetworkId: VNET_ID });
  // Server names are global in Azure, in any subscription: each environment's server has its own.
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({
    name: `orders-${id}`,
    network: FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: subnet.id, privateDnsZoneResourceId: zone.id }),
  }));
}

function twoEnvironments(dev?: string, prod?: string): App {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'namesakes-')) });
  environment(app, 'dev', dev);
  environment(app, 'prod', prod);
  return app;
}

function synthError(app: App): string {
  try {
    app.synth();
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

function checkApp(app: App): ReturnType<typeof check> {
  const stacks = app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
  stacks.forEach((stack) => stack.prepareStack());
  return check('check', cdktfOut(Object.fromEntries(stacks.map((stack) => [stack.node.id, JSON.parse(JSON.stringify(stack.toTerraform()))]))));
}

describe.each<[string, string | undefined, string | undefined]>([
  ['two literal subscriptions', DEV, PROD],
  ['the same subscription in two spellings', DEV, DEV.toUpperCase()],
  ['no literal subscription in either (known at apply time)', undefined, undefined],
  ['a literal subscription in one only', DEV, undefined],
])('dev and prod stacks with %s', (name, dev, prod) => {
  const same = !name.startsWith('two literal');
  test(same ? 'fail synth: the subnet and NSG of one name are one object managed twice (PG-CFG-3)' : 'synthesize: each environment\'s subnet and NSG are its own', () => {
    const message = synthError(twoEnvironments(dev, prod));
    const findings = message.split('\n').filter((line) => / PG-CFG-3 /.test(line)).map((line) => line.trim().split(' ').slice(0, 2).join(' ')).sort();
    // Synth stops at the first stack that fails.
    expect(findings).toEqual(same ? ['[dev] azurerm_network_security_group.Nsg', '[dev] azurerm_subnet.Subnet'] : []);
    if (!same) expect(message).toBe('');
  });

  test(`check on the app's cdktf.out exits ${same ? 'with findings' : 'clean'}`, () => {
    const result = checkApp(twoEnvironments(dev, prod));
    expect(result.code).toBe(same ? EXIT_FINDINGS : EXIT_OK);
    expect(result.out.some((line) => / ERROR +PG-CFG-3 /.test(line))).toBe(same);
  });
});

test('a failure between stacks whose subscriptions are not both named says how to name them', () => {
  expect(synthError(twoEnvironments(DEV, undefined))).toContain('(if the two stacks deploy to two subscriptions, name each one as a literal subscription_id on their azurerm providers)');
});

test('one environment alone synthesizes (the control)', () => {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'namesakes-')) });
  environment(app, 'dev', DEV);
  expect(() => app.synth()).not.toThrow();
});
