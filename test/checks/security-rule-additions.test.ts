import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule, NetworkSecurityRuleConfig } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { FlexibleServerNetwork, PostgresSecurityChecks, SecureFlexibleServer } from '../../lib';
import { minimalProps, providerStack, synthErrors, VNET_ID } from '../helpers';

// Twelfth review, A12b-5: the construct declares who reaches its VNet-integrated server (allowedSources,
// additionalSecurityRules, wideSources); a rule of the user's added to the construct's own network
// security group admitted PostgreSQL from a network the props never named, held only to PGF-NET-7/-11.

const ALLOW_OPS: Omit<NetworkSecurityRuleConfig, 'networkSecurityGroupName' | 'resourceGroupName'> = {
  name: 'AllowOps', priority: 150, direction: 'Inbound', access: 'Allow', protocol: 'Tcp',
  sourceAddressPrefix: '10.99.0.0/16', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '5432',
};

function vnetStack(app?: App): { stack: TerraformStack; group: NetworkSecurityGroup } {
  const stack = providerStack('test', app);
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({
    network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: VNET_ID, subnetAddressPrefix: '10.20.1.0/28' }),
  }));
  const group = postgres.node.findAll().find((child) => child instanceof NetworkSecurityGroup) as NetworkSecurityGroup;
  return { stack, group };
}

const netFindings = (stack: TerraformStack) => synthErrors(stack).filter((line) => line.includes(' PG-NET-1 ')).map((line) => line.split(' ').slice(3, 5).join(' '));

test('the construct\'s own security rules pass synth', () => {
  expect(synthErrors(vnetStack().stack)).toEqual([]);
});

test('a rule added to the construct\'s network security group by reference fails PG-NET-1, however narrow; suppressed with a reason, it passes', () => {
  const { stack, group } = vnetStack();
  const extra = new NetworkSecurityRule(stack, 'Extra', { ...ALLOW_OPS, networkSecurityGroupName: group.name, resourceGroupName: group.resourceGroupName });
  expect(netFindings(stack)).toEqual(['azurerm_network_security_rule.Extra PG-NET-1']);
  expect(synthErrors(stack).find((line) => line.includes('PG-NET-1'))).toMatch(/adds the rule "AllowOps" to the network security group azurerm_network_security_group\.\S+ that test\/Postgres made for the server's delegated subnet, one test\/Postgres does not declare\./);
  PostgresSecurityChecks.suppress(extra, 'PG-NET-1', 'operations jump hosts, reviewed in NET-5120');
  expect(synthErrors(stack)).toEqual([]);
});

test('a rule added to the construct\'s group by its literal name, or an outbound allow, is an addition too; a deny narrows and passes', () => {
  const { stack, group } = vnetStack();
  const synthesized = JSON.parse(Testing.synth(stack));
  const body = synthesized.resource.azurerm_network_security_group[Object.keys(synthesized.resource.azurerm_network_security_group)[0]];
  new NetworkSecurityRule(stack, 'Literal', { ...ALLOW_OPS, networkSecurityGroupName: body.name, resourceGroupName: body.resource_group_name });
  const inGroup = { networkSecurityGroupName: group.name, resourceGroupName: group.resourceGroupName };
  new NetworkSecurityRule(stack, 'Out', { ...ALLOW_OPS, ...inGroup, name: 'AllowOut', direction: 'Outbound', priority: 1200, destinationAddressPrefix: '198.51.100.0/24' });
  new NetworkSecurityRule(stack, 'Deny', { ...ALLOW_OPS, ...inGroup, name: 'DenyOut', direction: 'Outbound', access: 'Deny', priority: 1300, destinationAddressPrefix: '*' });
  new NetworkSecurityRule(stack, 'Later', { ...ALLOW_OPS, ...inGroup, name: 'Maybe', access: new TerraformVariable(stack, 'access', { type: 'string' }).stringValue, priority: 160 });
  expect(netFindings(stack)).toEqual(['azurerm_network_security_rule.Later PG-NET-1', 'azurerm_network_security_rule.Literal PG-NET-1', 'azurerm_network_security_rule.Out PG-NET-1']);
});

test('a rule whose group is known only at apply time may be added to the construct\'s group: PG-NET-1', () => {
  const { stack } = vnetStack();
  const name = new TerraformVariable(stack, 'nsg', { type: 'string' });
  new NetworkSecurityRule(stack, 'Later', { ...ALLOW_OPS, networkSecurityGroupName: name.stringValue, resourceGroupName: 'rg-orders' });
  expect(netFindings(stack)).toEqual(['azurerm_network_security_rule.Later PG-NET-1']);
});

test('a rule of another group of the stack is not the construct\'s', () => {
  const { stack } = vnetStack();
  const mine = new NetworkSecurityGroup(stack, 'Mine', { name: 'nsg-apps', location: 'westeurope', resourceGroupName: 'rg-apps' });
  new NetworkSecurityRule(stack, 'Apps', { ...ALLOW_OPS, networkSecurityGroupName: mine.name, resourceGroupName: mine.resourceGroupName });
  expect(synthErrors(stack)).toEqual([]);
});

test('a rule another stack of the app adds to the construct\'s group fails PG-NET-1 in that stack', () => {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'nsg-beside-')) });
  const { group } = vnetStack(app);
  const ops = providerStack('ops', app);
  new NetworkSecurityRule(ops, 'Extra', { ...ALLOW_OPS, networkSecurityGroupName: group.name, resourceGroupName: group.resourceGroupName });
  expect(() => app.synth()).toThrow(/\[ops\] azurerm_network_security_rule\.Extra PG-NET-1 azurerm_network_security_rule\.Extra adds the rule "AllowOps"/);
});
