import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule, NetworkSecurityRuleConfig } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { TerraformResource, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { FlexibleServerNetwork, PostgresSecurityChecks, SecureFlexibleServer } from '../../lib';
import { NEEDED_RULES } from '../../lib/checks/shadowed-security-rules';
import { minimalProps, providerStack, synthErrors, VNET_ID } from '../helpers';

// Twenty-fifth review, A25b-6: the construct's NSG rules Azure needs (5432 within the subnet, Storage and Entra ID out on 443)
// are pinned: turning one to Deny fails PG-CFG-6. A separate Deny rule at a lower priority number that matches the same
// traffic shadows it (an NSG stops at the first rule that matches, lowest number first) and fails the same way.

type Rule = Omit<NetworkSecurityRuleConfig, 'networkSecurityGroupName' | 'resourceGroupName'>;

function vnetStack(): { stack: TerraformStack; group: NetworkSecurityGroup } {
  const stack = providerStack('test');
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({
    network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: VNET_ID, subnetAddressPrefix: '10.20.1.0/28' }),
  }));
  const group = postgres.node.findAll().find((child) => child instanceof NetworkSecurityGroup) as NetworkSecurityGroup;
  return { stack, group };
}

const deny = (rule: Partial<Rule>): Rule => ({ name: 'x', priority: 100, direction: 'Outbound', access: 'Deny', protocol: 'Tcp', sourceAddressPrefix: '*', sourcePortRange: '*',
  destinationAddressPrefix: '*', destinationPortRange: '*', ...rule });

/** The PG-CFG-6 findings of the stack with the rule added to the construct's group, as "<address> <rule id>". */
function findings(rule: Rule): string[] {
  const { stack, group } = vnetStack();
  new NetworkSecurityRule(stack, 'Extra', { ...rule, networkSecurityGroupName: group.name, resourceGroupName: group.resourceGroupName });
  return synthErrors(stack).filter((line) => line.includes(' PG-CFG-6 ')).map((line) => line.split(' ').slice(3, 5).join(' '));
}

const FAILS = ['azurerm_network_security_rule.Extra PG-CFG-6'];

test('the needed rules are the construct\'s own: each name is a rule of its group', () => {
  const { stack } = vnetStack();
  const names = JSON.stringify(JSON.parse(Testing.synth(stack)).resource.azurerm_network_security_rule);
  for (const name of Object.keys(NEEDED_RULES)) expect(names).toContain(`"name":"${name}"`);
});

test.each([
  ['HA in: Inbound 5432 within the subnet', deny({ direction: 'Inbound', destinationPortRange: '5432', sourceAddressPrefix: '10.20.1.0/28', destinationAddressPrefix: '10.20.1.0/28' })],
  ['HA out: Outbound 5432 within the subnet', deny({ destinationPortRange: '5432', sourceAddressPrefix: '10.20.1.0/28', destinationAddressPrefix: '10.20.1.0/28' })],
  ['Storage 443 out', deny({ destinationPortRange: '443', destinationAddressPrefix: 'Storage' })],
  ['a regional Storage tag (storage.westeurope)', deny({ destinationPortRange: '443', destinationAddressPrefix: 'storage.westeurope' })],
  ['Entra ID out', deny({ destinationPortRange: '443', destinationAddressPrefix: 'AzureActiveDirectory' })],
  ['everything out (any protocol, port range, the Internet tag)', deny({ protocol: '*', destinationPortRange: '1-65535', destinationAddressPrefix: 'Internet' })],
  ['a wider prefix around the subnet, inbound, in lists', deny({ direction: 'inbound', destinationPortRanges: ['22', '5000-6000'], sourceAddressPrefixes: ['10.0.0.0/8'], destinationAddressPrefix: 'VirtualNetwork', destinationPortRange: undefined })],
  ['a public prefix out on 443 (may hold Storage\'s addresses)', deny({ destinationPortRange: '443', destinationAddressPrefix: '20.0.0.0/8' })],
  ['a regional AzureCloud tag (holds every public Azure address of the region, A26-1)', deny({ destinationPortRange: '443', destinationAddressPrefix: 'AzureCloud.WestEurope' })],
  ['a regional AzureCloud tag in lower case, in a list', deny({ destinationPortRange: '443', destinationAddressPrefix: undefined, destinationAddressPrefixes: ['Sql', 'azurecloud.westeurope'] })],
  ['a service tag the checks do not know (may hold Storage\'s or Entra ID\'s addresses)', deny({ destinationPortRange: '443', destinationAddressPrefix: 'AzureFrontDoor.Frontend' })],
  ['an application security group (no prefix written)', deny({ destinationPortRange: '443', destinationAddressPrefix: undefined, destinationApplicationSecurityGroupIds: ['/subscriptions/x/asg'] })],
])('a Deny at priority 100 that shadows a needed rule (%s) fails PG-CFG-6', (_, rule) => {
  expect(findings(rule)).toEqual(FAILS);
});

test('a Deny whose priority, direction or port is known only at apply time may shadow one: fails', () => {
  const { stack, group } = vnetStack();
  const variable = new TerraformVariable(stack, 'p', { type: 'number' });
  new NetworkSecurityRule(stack, 'Extra', { ...deny({ priority: variable.numberValue, destinationAddressPrefix: 'Storage' }), networkSecurityGroupName: group.name, resourceGroupName: group.resourceGroupName });
  expect(synthErrors(stack).filter((line) => line.includes(' PG-CFG-6 ')).map((line) => line.split(' ').slice(3, 5).join(' '))).toEqual(FAILS);
});

test.each([
  ['a higher priority number than the needed rules', deny({ priority: 1500, destinationAddressPrefix: 'Storage' })],
  ['the construct\'s subnet left out (another prefix, inbound)', deny({ direction: 'Inbound', destinationPortRange: '5432', sourceAddressPrefix: '10.99.0.0/16' })],
  ['another port', deny({ destinationPortRange: '22' })],
  ['UDP only', deny({ protocol: 'Udp' })],
  ['a private prefix out (holds no Storage address, not the subnet)', deny({ destinationPortRange: '443', destinationAddressPrefix: '192.168.0.0/16' })],
  ['another service tag out', deny({ destinationPortRange: '443', destinationAddressPrefix: 'Sql' })],
  ['a regional tag of another known service, and VirtualNetwork, out', deny({ destinationPortRange: '443', destinationAddressPrefix: undefined, destinationAddressPrefixes: ['Sql.WestEurope', 'VirtualNetwork'] })],
])('a Deny that narrows without shadowing a needed rule (%s) passes', (_, rule) => {
  expect(findings(rule)).toEqual([]);
});

test('suppressed on the rule with the reason, the shadowing Deny passes', () => {
  const { stack, group } = vnetStack();
  const extra = new NetworkSecurityRule(stack, 'Extra', { ...deny({ destinationPortRange: '443', destinationAddressPrefix: 'Storage' }), networkSecurityGroupName: group.name, resourceGroupName: group.resourceGroupName });
  expect(synthErrors(stack).some((line) => line.includes(' PG-CFG-6 '))).toBe(true);
  PostgresSecurityChecks.suppress(extra, 'PG-CFG-6', 'WAL archiving through the private endpoint, reviewed in NET-5121');
  expect(synthErrors(stack)).toEqual([]);
});

test('the same Deny written by azapi into the construct\'s group fails PG-CFG-3 (an azapi write into the construct\'s group fails closed, whatever it writes)', () => {
  const { stack, group } = vnetStack();
  const rule = new TerraformResource(stack, 'Azapi', { terraformResourceType: 'azapi_resource' });
  rule.addOverride('type', 'Microsoft.Network/networkSecurityGroups/securityRules@2024-05-01');
  rule.addOverride('name', 'x');
  rule.addOverride('parent_id', group.id);
  rule.addOverride('body', { properties: { priority: 100, direction: 'Outbound', access: 'Deny', protocol: 'Tcp', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: 'Storage', destinationPortRange: '443' } });
  expect(synthErrors(stack).filter((line) => line.includes('azapi_resource.Azapi')).map((line) => line.split(' ').slice(3, 5).join(' '))).toEqual(['azapi_resource.Azapi PG-CFG-3']);
});

describe('a Virtual Network Manager Deny admin rule on a group that may hold the construct\'s VNet (applied before any NSG rule)', () => {
  const OTHER_VNET = VNET_ID.replace('vnet-hub', 'vnet-spoke');
  /** The PG-CFG-6 findings of the stack with a rule collection on a network group of the member and the given rule block in it. */
  function ruleFindings(member: string, type: string, rule: Record<string, unknown>, more: { [address: string]: Record<string, unknown> } = {}): string[] {
    const { stack } = vnetStack();
    const add = (blockType: string, id: string, config: Record<string, unknown>) => {
      const block = new TerraformResource(stack, id, { terraformResourceType: blockType });
      for (const [key, value] of Object.entries(config)) block.addOverride(key, value);
    };
    add('azurerm_network_manager_network_group', 'g', { name: 'g', network_manager_id: '/subscriptions/x/m' });
    add('azurerm_network_manager_static_member', 's', { name: 's', network_group_id: '${azurerm_network_manager_network_group.g.id}', target_virtual_network_id: member });
    add('azurerm_network_manager_admin_rule_collection', 'rc', { name: 'rc', security_admin_configuration_id: '/subscriptions/x/c', network_group_ids: ['${azurerm_network_manager_network_group.g.id}'] });
    add(type, 'r', rule);
    for (const [address, config] of Object.entries(more)) add(address.split('.')[0], address.split('.')[1], config);
    return synthErrors(stack).filter((line) => line.includes(' PG-CFG-6 ')).map((line) => line.split(' ').slice(3, 5).join(' '));
  }
  function adminFindings(member: string, rule: Record<string, unknown>, more: { [address: string]: Record<string, unknown> } = {}): string[] {
    return ruleFindings(member, 'azurerm_network_manager_admin_rule', { name: 'r', admin_rule_collection_id: '${azurerm_network_manager_admin_rule_collection.rc.id}', action: 'Deny', direction: 'Outbound', priority: 1, protocol: 'Tcp',
      destination_port_ranges: ['443'], source: [{ address_prefix_type: 'IPPrefix', address_prefix: '*' }], destination: [{ address_prefix_type: 'ServiceTag', address_prefix: 'Storage' }], ...rule }, more);
  }
  const ADMIN = ['azurerm_network_manager_admin_rule.r PG-CFG-6'];

  test('a Deny out to Storage 443, to the Internet on every port, or inbound 5432 to the subnet fails PG-CFG-6', () => {
    expect(adminFindings(VNET_ID, {})).toEqual(ADMIN);
    expect(adminFindings(VNET_ID, { destination_port_ranges: ['0-65535'], destination: [{ address_prefix_type: 'ServiceTag', address_prefix: 'Internet' }] })).toEqual(ADMIN);
    expect(adminFindings(VNET_ID, { direction: 'Inbound', destination_port_ranges: ['5432'], destination: [{ address_prefix_type: 'IPPrefix', address_prefix: '10.20.0.0/16' }] })).toEqual(ADMIN);
  });

  test('a Deny of other traffic (port 3389, another tag), or on a group of another VNet, narrows and passes', () => {
    expect(adminFindings(VNET_ID, { destination_port_ranges: ['3389'] })).toEqual([]);
    expect(adminFindings(VNET_ID, { destination: [{ address_prefix_type: 'ServiceTag', address_prefix: 'Sql' }] })).toEqual([]);
    expect(adminFindings(OTHER_VNET, {})).toEqual([]);
  });

  test('a Deny out on 443 to a regional AzureCloud tag holds Storage\'s addresses of the region: fails PG-CFG-6 (A26-1)', () => {
    expect(adminFindings(VNET_ID, { destination: [{ address_prefix_type: 'ServiceTag', address_prefix: 'AzureCloud.WestEurope' }] })).toEqual(ADMIN);
  });

  // A26-2: the rule's sources are read as an NSG rule's are; the replication traffic comes from the subnet's own prefix.
  const INBOUND = { direction: 'Inbound', destination: [{ address_prefix_type: 'IPPrefix', address_prefix: '*' }] };
  test.each([
    ['from the Internet on high-risk ports', { source: [{ address_prefix_type: 'ServiceTag', address_prefix: 'Internet' }], destination_port_ranges: ['22', '3389', '5432'] }],
    ['from the Internet on every port', { source: [{ address_prefix_type: 'ServiceTag', address_prefix: 'Internet' }], destination_port_ranges: ['0-65535'] }],
    ['from a public prefix and a service tag', { source: [{ address_prefix_type: 'IPPrefix', address_prefix: '20.0.0.0/8' }, { address_prefix_type: 'ServiceTag', address_prefix: 'AzureCloud' }], destination_port_ranges: ['5432'] }],
  ])('an inbound Deny whose sources leave out the subnet (%s) passes', (_, rule) => {
    expect(adminFindings(VNET_ID, { ...INBOUND, ...rule })).toEqual([]);
  });
  test('the azapi form reads its sources[].addressPrefix the same way', () => {
    const azapi = (sources: unknown[]) => ruleFindings(VNET_ID, 'azapi_resource', { type: 'Microsoft.Network/networkManagers/securityAdminConfigurations/ruleCollections/rules@2024-05-01', name: 'r',
      parent_id: '${azurerm_network_manager_admin_rule_collection.rc.id}', body: { kind: 'Custom', properties: { access: 'Deny', direction: 'Inbound', priority: 1, protocol: 'Tcp',
        sources, destinations: [{ addressPrefixType: 'IPPrefix', addressPrefix: '*' }], sourcePortRanges: ['*'], destinationPortRanges: ['5432'] } } });
    expect(azapi([{ addressPrefixType: 'ServiceTag', addressPrefix: 'Internet' }])).toEqual([]);
    expect(azapi([{ addressPrefixType: 'IPPrefix', addressPrefix: '10.20.0.0/16' }])).toEqual(['azapi_resource.r PG-CFG-6']);
    expect(azapi([])).toEqual(['azapi_resource.r PG-CFG-6']);
  });
  test.each([
    ['from any source', { source: [{ address_prefix_type: 'IPPrefix', address_prefix: '*' }] }],
    ['with no source written', { source: undefined }],
    ['from a prefix around the subnet beside the Internet', { source: [{ address_prefix_type: 'ServiceTag', address_prefix: 'Internet' }, { address_prefix_type: 'IPPrefix', address_prefix: '10.0.0.0/8' }] }],
    ['from VirtualNetwork', { source: [{ address_prefix_type: 'ServiceTag', address_prefix: 'VirtualNetwork' }] }],
    ['from a prefix known only at apply time', { source: [{ address_prefix_type: 'IPPrefix', address_prefix: '${var.range}' }] }],
  ])('an inbound Deny on 5432 whose sources may hold the subnet (%s) fails PG-CFG-6', (_, rule) => {
    expect(adminFindings(VNET_ID, { ...INBOUND, destination_port_ranges: ['5432'], ...rule })).toEqual(ADMIN);
  });

  // Twenty-seventh review, A27b-3: an action known only at apply time may be Deny. Read as "not a Deny", an admin rule that may
  // deny outbound 443 to the Internet (the traffic of AllowAzureStorageOut and AllowEntraIdOut) passed where the literal failed.
  // The class: every field that decides whether a rule shadows (action, direction, protocol, ports, addresses; count/for_each;
  // a partial azapi write that keeps the live values) is read with "known only at apply time" as "may shadow".
  const OUT_INTERNET = { destination: [{ address_prefix_type: 'ServiceTag', address_prefix: 'Internet' }] };
  describe('an action, direction or protocol known only at apply time (A27b-3)', () => {
    test.each<[string, Record<string, unknown>]>([
      ['action = var.a', { action: '${var.a}' }],
      ['action = var.x ? "Deny" : "Allow"', { action: '${var.x ? "Deny" : "Allow"}' }],
      ['action = lower(var.a)', { action: '${lower(var.a)}' }],
      ['for_each = var.m, action = each.value', { for_each: '${var.m}', action: '${each.value}' }],
      ['for_each over a literal map with a Deny, action = each.value', { for_each: { open: 'Allow', shut: 'Deny' }, action: '${each.value}' }],
      ['count = 2, action = ["Allow", "Deny"][count.index]', { count: 2, action: '${["Allow", "Deny"][count.index]}' }],
      ['count = var.n, action = var.a', { count: '${var.n}', action: '${var.a}' }],
      ['a literal Deny whose direction is a conditional', { direction: '${var.x ? "Inbound" : "Outbound"}' }],
      ['a literal Deny whose protocol is a variable', { protocol: '${var.p}' }],
      ['a literal Deny whose protocol is Any', { protocol: 'Any' }],
      ['a literal Deny whose protocol may be Tcp', { protocol: '${var.x ? "Udp" : "Tcp"}' }],
      ['action = var.a, ports = var.p', { action: '${var.a}', destination_port_ranges: '${var.p}' }],
    ])('an admin rule out to the Internet on 443 with %s fails PG-CFG-6', (_, rule) => {
      expect(adminFindings(VNET_ID, { ...OUT_INTERNET, ...rule })).toEqual(ADMIN);
    });

    test.each<[string, Record<string, unknown>]>([
      ['action Allow', { action: 'Allow' }],
      ['action AlwaysAllow', { action: 'AlwaysAllow' }],
      ['action = var.x ? "Allow" : "AlwaysAllow"', { action: '${var.x ? "Allow" : "AlwaysAllow"}' }],
      ['for_each over a literal map without a Deny, action = each.value', { for_each: { a: 'Allow', b: 'AlwaysAllow' }, action: '${each.value}' }],
      ['count = 0 and action = var.a', { count: 0, action: '${var.a}' }],
      ['action = var.a on port 3389 only', { action: '${var.a}', destination_port_ranges: ['3389'] }],
      ['a literal Deny of UDP only (QUIC)', { protocol: 'Udp' }],
      ['a literal Deny whose protocol is Udp or Icmp', { protocol: '${var.x ? "Udp" : "Icmp"}' }],
    ])('an admin rule out to the Internet on 443 with %s passes (common stack: it cannot shadow)', (_, rule) => {
      expect(adminFindings(VNET_ID, { ...OUT_INTERNET, ...rule })).toEqual([]);
    });

    test('an action known only at apply time on a group of another VNet passes', () => {
      expect(adminFindings(VNET_ID.replace('vnet-hub', 'vnet-spoke'), { ...OUT_INTERNET, action: '${var.a}' })).toEqual([]);
    });

    const azapiRule = (type: string, config: Record<string, unknown>) => ruleFindings(VNET_ID, type, { type: 'Microsoft.Network/networkManagers/securityAdminConfigurations/ruleCollections/rules@2024-05-01', ...config });
    const PROPERTIES = { access: 'Deny', direction: 'Outbound', priority: 1, protocol: 'Tcp', sources: [{ addressPrefixType: 'IPPrefix', addressPrefix: '*' }],
      destinations: [{ addressPrefixType: 'ServiceTag', addressPrefix: 'Internet' }], sourcePortRanges: ['0-65535'], destinationPortRanges: ['443'] };
    const whole = (properties: Record<string, unknown>) => ({ name: 'r', parent_id: '${azurerm_network_manager_admin_rule_collection.rc.id}', body: { kind: 'Custom', properties: { ...PROPERTIES, ...properties } } });
    const partial = (properties: Record<string, unknown>) => ({ resource_id: '${azurerm_network_manager_admin_rule_collection.rc.id}/rules/existing', body: { properties } });

    test('azapi: access from a variable, or a partial write of an existing rule that keeps its live action, fails PG-CFG-6', () => {
      expect(azapiRule('azapi_resource', whole({ access: '${var.a}' }))).toEqual(['azapi_resource.r PG-CFG-6']);
      expect(azapiRule('azapi_resource', whole({ access: '${var.x ? "Allow" : "Deny"}' }))).toEqual(['azapi_resource.r PG-CFG-6']);
      expect(azapiRule('azapi_update_resource', partial({ direction: 'Outbound' }))).toEqual(['azapi_update_resource.r PG-CFG-6']);
      expect(azapiRule('azapi_update_resource', partial({ protocol: 'Tcp' }))).toEqual(['azapi_update_resource.r PG-CFG-6']);
      expect(azapiRule('azapi_resource_action', { ...partial({ direction: 'Outbound' }), method: 'PATCH' })).toEqual(['azapi_resource_action.r PG-CFG-6']);
      expect(azapiRule('azapi_resource_action', { resource_id: '${azurerm_network_manager_admin_rule_collection.rc.id}/rules/r', method: 'PUT', body: whole({ access: '${var.a}' }).body })).toEqual(['azapi_resource_action.r PG-CFG-6']);
    });

    test('azapi: an Allow, a Deny of UDP only, and a partial write that sets what cannot shadow (Allow, UDP, port 22, Inbound) pass', () => {
      expect(azapiRule('azapi_resource', whole({ access: 'Allow' }))).toEqual([]);
      expect(azapiRule('azapi_resource', whole({ protocol: 'Udp' }))).toEqual([]);
      for (const properties of [{ access: 'Allow' }, { protocol: 'Udp' }, { destinationPortRanges: ['22'] }]) {
        expect(azapiRule('azapi_update_resource', partial(properties))).toEqual([]);
      }
    });

    // Read as PG-NET-1 reads AlwaysAllow rules: a configuration put in force only in regions where the server does not answer acts on no VNet of it.
    const DEPLOYED = (location: string) => ({
      'azurerm_network_manager_security_admin_configuration.c': { name: 'c', network_manager_id: '/subscriptions/x/m' },
      'azurerm_network_manager_deployment.d': { network_manager_id: '/subscriptions/x/m', location, scope_access: 'SecurityAdmin', configuration_ids: ['${azurerm_network_manager_security_admin_configuration.c.id}'] },
    });
    const IN_CONFIGURATION = { admin_rule_collection_id: '${azurerm_network_manager_admin_rule_collection.rc2.id}' };
    const COLLECTION = { 'azurerm_network_manager_admin_rule_collection.rc2': { name: 'rc2', security_admin_configuration_id: '${azurerm_network_manager_security_admin_configuration.c.id}', network_group_ids: ['${azurerm_network_manager_network_group.g.id}'] } };
    test('an action known only at apply time in a configuration deployed in the server\'s region fails; deployed only in another region, it passes', () => {
      expect(adminFindings(VNET_ID, { ...OUT_INTERNET, ...IN_CONFIGURATION, action: '${var.a}' }, { ...COLLECTION, ...DEPLOYED('westeurope') })).toEqual(ADMIN);
      expect(adminFindings(VNET_ID, { ...OUT_INTERNET, ...IN_CONFIGURATION, action: '${var.a}' }, { ...COLLECTION, ...DEPLOYED('${var.region}') })).toEqual(ADMIN);
      expect(adminFindings(VNET_ID, { ...OUT_INTERNET, ...IN_CONFIGURATION, action: '${var.a}' }, { ...COLLECTION, ...DEPLOYED('eastus') })).toEqual([]);
      expect(adminFindings(VNET_ID, { ...OUT_INTERNET, ...IN_CONFIGURATION }, { ...COLLECTION, ...DEPLOYED('eastus') })).toEqual([]);
    });
  });
});

describe('an NSG rule of the construct\'s group whose access, direction or protocol is known only at apply time (A27b-3)', () => {
  test.each<[string, Partial<Rule>]>([
    ['access = var.a', { access: '${var.a}' }],
    ['access = var.x ? "Deny" : "Allow"', { access: '${var.x ? "Deny" : "Allow"}' }],
    ['access = lower(var.a), direction = var.d', { access: '${lower(var.a)}', direction: '${var.d}' }],
    ['a Deny whose direction is a conditional', { direction: '${var.x ? "Inbound" : "Outbound"}' }],
    ['a Deny whose protocol may be Tcp', { protocol: '${var.x ? "Udp" : "Tcp"}' }],
  ])('a rule out to Storage on 443 at priority 100 with %s fails PG-CFG-6', (_, rule) => {
    expect(findings(deny({ destinationPortRange: '443', destinationAddressPrefix: 'Storage', ...rule }))).toEqual(FAILS);
  });
  test.each<[string, Partial<Rule>]>([
    ['access Allow', { access: 'Allow' }],
    ['access = var.a at priority 1500', { access: '${var.a}', priority: 1500 }],
    ['a Deny whose protocol is Udp or Icmp', { protocol: '${var.x ? "Udp" : "Icmp"}' }],
    ['a Deny whose direction may only be Inbound', { direction: '${var.x ? "Inbound" : "inbound"}' }],
  ])('a rule out to Storage on 443 with %s does not fail PG-CFG-6', (_, rule) => {
    expect(findings(deny({ destinationPortRange: '443', destinationAddressPrefix: 'Storage', ...rule }))).toEqual([]);
  });
});
