import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformResource } from 'cdktf';
import { FlexibleServerNetwork, SecureFlexibleServer, SecureFlexibleServerProps } from '../../lib';
import { PLACEMENT_INPUTS } from '../../lib/checks/firewall-placements';
import { FORWARDER_INPUTS, InputRow } from '../../lib/checks/forwarder-inputs';
import { minimalProps, newStack, synthErrors, VNET_ID } from '../helpers';

// Where an Azure Firewall connects from, as every azapi write of it says (twenty-second review, A22b-1, A22b-3, A22b-4): for every
// placement input (the firewall subnet's prefixes, the firewall's subnets, its secured hub, its policy, a policy's base policy, the
// hub's prefix) and every azapi writer of it (an update, a PATCH or PUT action, a same-named azapi_resource, the parent's list, a
// policy's draft), a write that moves a firewall into the construct's allowed prefixes fails PG-NET-1 on a DNAT it runs from
// outside them, a write that keeps it outside passes, and a body known only at apply time fails closed.

const NARROWED: Partial<SecureFlexibleServerProps> = { network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: VNET_ID, subnetAddressPrefix: '10.0.1.0/28', allowedSources: ['10.20.0.0/16'] }) };
const RG = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub';
const POLICY_ID = `${RG}/providers/Microsoft.Network/firewallPolicies/p`;
const OTHER_POLICY_ID = `${RG}/providers/Microsoft.Network/firewallPolicies/other`;
const VNET_HUB = `${RG}/providers/Microsoft.Network/virtualNetworks/vnet-hub`;

type Block = [type: string, id: string, config: Record<string, unknown>];

function beside(blocks: Block[]): string[] {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  new SecureFlexibleServer(stack, 'Postgres', minimalProps(NARROWED));
  for (const [type, id, config] of blocks) {
    const block = new TerraformResource(stack, id, { terraformResourceType: type });
    for (const [key, value] of Object.entries(config)) if (value !== undefined) block.addOverride(key, value);
  }
  return synthErrors(stack).filter((line) => / PG-NET-1 /.test(line));
}

const DNAT_GROUP = 'azurerm_firewall_policy_rule_collection_group.g';
const failsOn = (errors: string[], address: string) => errors.some((line) => line.startsWith(`  [test] ${address} PG-NET-1 `) && /allowed sources/.test(line));

const subnet = (id: string, name: string, range: string): Block => ['azurerm_subnet', id, { name, resource_group_name: 'rg-hub', virtual_network_name: 'vnet-hub', address_prefixes: [range] }];
const firewall = (id: string, config: Record<string, unknown>): Block => ['azurerm_firewall', id, { name: id, resource_group_name: 'rg-hub', location: 'westeurope', sku_name: 'AZFW_VNet', sku_tier: 'Standard', ...config }];
const inSubnet = (subnetId: string) => ({ ip_configuration: [{ name: 'c', subnet_id: `\${azurerm_subnet.${subnetId}.id}`, public_ip_address_id: 'x' }] });
const policy = (name: string): Block => ['azurerm_firewall_policy', name, { name, resource_group_name: 'rg-hub', location: 'westeurope' }];
const hub = (id: string, prefix: string): Block => ['azurerm_virtual_hub', id, { name: id, resource_group_name: 'rg-hub', location: 'westeurope', virtual_wan_id: 'x', address_prefix: prefix }];
/** A DNAT from on-premises (outside the allowed prefixes) to the server, on a policy. */
const dnat = (policyId: string): Block => ['azurerm_firewall_policy_rule_collection_group', 'g', { name: 'g', firewall_policy_id: policyId, priority: 100,
  nat_rule_collection: [{ name: 'dnat', priority: 100, action: 'Dnat', rule: [{ name: 'pg', protocols: ['TCP'], source_addresses: ['192.168.0.0/16'], destination_address: '20.1.2.3',
    destination_ports: ['5432'], translated_address: '10.0.1.4', translated_port: 5432 }] }] }];

/**
 * Each input: a stack whose firewalls running the DNAT all connect from outside the allowed prefixes (10.20.0.0/16), the holder
 * (reference, name, parent ID), and a value that moves a firewall inside them and one that keeps it outside.
 */
const CASES: { readonly [input: string]: { readonly row: InputRow; readonly stack: Block[]; readonly holder: string; readonly name: string; readonly parent: string; readonly open: unknown; readonly closed: unknown } } = {
  subnetPrefixes: { row: FORWARDER_INPUTS.subnetPrefixes, stack: [subnet('fwd', 'snet-fwd', '172.16.0.0/24'), firewall('fw', { firewall_policy_id: POLICY_ID, ...inSubnet('fwd') }), dnat(POLICY_ID)],
    holder: 'azurerm_subnet.fwd', name: 'snet-fwd', parent: VNET_HUB, open: '10.20.5.0/24', closed: '172.16.9.0/24' },
  firewallSubnets: { row: PLACEMENT_INPUTS.firewallSubnets, stack: [subnet('fwd', 'snet-fwd', '172.16.0.0/24'), subnet('in', 'snet-in', '10.20.5.0/24'), firewall('fw', { firewall_policy_id: POLICY_ID, ...inSubnet('fwd') }), dnat(POLICY_ID)],
    holder: 'azurerm_firewall.fw', name: 'fw', parent: RG, open: '${azurerm_subnet.in.id}', closed: '${azurerm_subnet.fwd.id}' },
  firewallHubs: { row: PLACEMENT_INPUTS.firewallHubs, stack: [subnet('fwd', 'snet-fwd', '172.16.0.0/24'), hub('hin', '10.20.0.0/23'), hub('hout', '172.16.8.0/23'), firewall('fw', { firewall_policy_id: POLICY_ID, ...inSubnet('fwd') }), dnat(POLICY_ID)],
    holder: 'azurerm_firewall.fw', name: 'fw', parent: RG, open: '${azurerm_virtual_hub.hin.id}', closed: '${azurerm_virtual_hub.hout.id}' },
  // A second firewall inside the allowed prefixes, on another policy: given the DNAT's policy, it runs the DNAT.
  firewallPolicies: { row: PLACEMENT_INPUTS.firewallPolicies, stack: [subnet('fwd', 'snet-fwd', '172.16.0.0/24'), subnet('in', 'snet-in', '10.20.5.0/24'),
    firewall('fw', { firewall_policy_id: POLICY_ID, ...inSubnet('fwd') }), firewall('fw2', { firewall_policy_id: OTHER_POLICY_ID, ...inSubnet('in') }), dnat(POLICY_ID)],
  holder: 'azurerm_firewall.fw2', name: 'fw2', parent: RG, open: POLICY_ID, closed: OTHER_POLICY_ID },
  // The firewall inside uses policy c: made a child of the DNAT's policy p, it runs p's rules.
  basePolicies: { row: PLACEMENT_INPUTS.basePolicies, stack: [subnet('fwd', 'snet-fwd', '172.16.0.0/24'), subnet('in', 'snet-in', '10.20.5.0/24'), policy('p'), policy('c'), policy('o'),
    firewall('fw', { firewall_policy_id: '${azurerm_firewall_policy.p.id}', ...inSubnet('fwd') }), firewall('fw2', { firewall_policy_id: '${azurerm_firewall_policy.c.id}', ...inSubnet('in') }), dnat('${azurerm_firewall_policy.p.id}')],
  holder: 'azurerm_firewall_policy.c', name: 'c', parent: RG, open: '${azurerm_firewall_policy.p.id}', closed: '${azurerm_firewall_policy.o.id}' },
  hubPrefixes: { row: PLACEMENT_INPUTS.hubPrefixes, stack: [hub('hub', '172.16.8.0/23'), firewall('fw', { sku_name: 'AZFW_Hub', firewall_policy_id: POLICY_ID, virtual_hub: [{ virtual_hub_id: '${azurerm_virtual_hub.hub.id}', public_ip_count: 1 }] }), dnat(POLICY_ID)],
    holder: 'azurerm_virtual_hub.hub', name: 'hub', parent: RG, open: '10.20.0.0/23', closed: '172.16.10.0/23' },
};

/** The body properties a spelling's path writes with a value: "list[]" is one item named `item` whose own properties go on. */
function bodyAt(path: string, value: unknown, item: string): Record<string, unknown> {
  const [step, ...rest] = path.split('.');
  const inner = rest.length === 0 ? (step === 'addressPrefixes' ? [value] : value) : bodyAt(rest.join('.'), value, item);
  return step.endsWith('[]') ? { [step.slice(0, -2)]: [{ name: item, properties: inner }] } : { [step]: inner };
}

const armType = (azureType: string) => `${azureType.replace(/^microsoft\.network\//, 'Microsoft.Network/')}@2024-05-01`;

/** Every azapi writer of a spelling: of the holder (update, PATCH, PUT, same-named resource), of its parent's list, or of a child of it. */
function writers(input: string, azureType: string, inParent: boolean, body: unknown): Block[] {
  const { holder, name, parent, row } = CASES[input];
  const type = armType(azureType);
  if (inParent) {
    return [['azapi_update_resource', 'w', { type, resource_id: parent, body }], ['azapi_resource_action', 'w', { type, resource_id: parent, method: 'PATCH', body }],
      ['azapi_resource_action', 'w', { type, resource_id: parent, method: 'PUT', body }], ['azapi_resource', 'w', { type, name: 'vnet-hub', parent_id: RG, body }]];
  }
  const id = `\${${holder}.id}`;
  if (azureType === row.holderAzureType) {
    return [['azapi_update_resource', 'w', { type, resource_id: id, body }], ['azapi_resource_action', 'w', { type, resource_id: id, method: 'PATCH', body }],
      ['azapi_resource_action', 'w', { type, resource_id: id, method: 'PUT', body }], ['azapi_resource', 'w', { type, name, parent_id: parent, body }]];
  }
  const child = azureType.split('/').pop()!;
  return [['azapi_resource', 'w', { type, name: 'default', parent_id: id, body }], ['azapi_update_resource', 'w', { type, resource_id: `${id}/${child}/default`, body }],
    ['azapi_resource_action', 'w', { type: armType(row.holderAzureType), resource_id: id, action: `${child}/default`, method: 'PUT', body }]];
}

const SPELLINGS = Object.entries(CASES).flatMap(([input, { row }]) => row.spellings.map((spelling) => [input, spelling.azureType, spelling.path, spelling.inParent === true] as const));

describe('every placement input of a firewall (A22b-1, A22b-3, A22b-4)', () => {
  test('has a case here (a new row needs its stacks and values)', () => {
    expect(Object.keys(CASES).sort()).toEqual([...Object.keys(PLACEMENT_INPUTS), 'subnetPrefixes'].sort());
  });

  test.each(Object.keys(CASES))('%s: the stack passes as its azurerm blocks place the firewalls', (input) => {
    expect(beside(CASES[input].stack)).toEqual([]);
  });

  test.each(SPELLINGS)('%s written as %s %s: a value inside the allowed prefixes fails the DNAT in every writer, one outside them passes', (input, azureType, path, inParent) => {
    const { stack, name, open, closed } = CASES[input];
    const item = inParent ? name : 'c';
    const write = (value: unknown) => writers(input, azureType, inParent, { properties: bodyAt(path, value, item) });
    for (const writer of write(open)) expect([JSON.stringify(writer), failsOn(beside([...stack, writer]), DNAT_GROUP)]).toEqual([JSON.stringify(writer), true]);
    for (const writer of write(closed)) expect([JSON.stringify(writer), beside([...stack, writer])]).toEqual([JSON.stringify(writer), []]);
  });

  test.each(SPELLINGS)('%s written as %s %s: a body known only at apply time fails closed', (input, azureType, _path, inParent) => {
    for (const writer of writers(input, azureType, inParent, '${var.body}')) {
      expect([JSON.stringify(writer), failsOn(beside([...CASES[input].stack, writer]), DNAT_GROUP)]).toEqual([JSON.stringify(writer), true]);
    }
  });

  test('controls: the azurerm argument moved inside fails as its azapi writes do; a write of another firewall, subnet or policy of the stack does not move this one', () => {
    const { stack } = CASES.firewallSubnets;
    expect(failsOn(beside([...stack.filter(([type]) => type !== 'azurerm_firewall'), firewall('fw', { firewall_policy_id: POLICY_ID, ...inSubnet('in') })]), DNAT_GROUP)).toBe(true);
    const other = firewall('fw3', { firewall_policy_id: OTHER_POLICY_ID, ...inSubnet('fwd') });
    const body = { properties: bodyAt('ipConfigurations[].subnet.id', '${azurerm_subnet.in.id}', 'c') };
    expect(beside([...stack, other, ['azapi_update_resource', 'w', { type: armType('microsoft.network/azurefirewalls'), resource_id: '${azurerm_firewall.fw3.id}', body }]])).toEqual([]);
    const base = CASES.basePolicies;
    expect(beside([...base.stack, ['azapi_update_resource', 'w', { type: armType('microsoft.network/firewallpolicies'), resource_id: '${azurerm_firewall_policy.o.id}', body: { properties: { basePolicy: { id: '${azurerm_firewall_policy.p.id}' } } } }]])).toEqual([]);
  });

  test('a firewall subnet written by azapi_resource is read by its body\'s prefixes and its other writes: outside passes, inside or unreadable fails', () => {
    const azapiSubnet = (properties: unknown): Block => ['azapi_resource', 'snet', { type: armType('microsoft.network/virtualnetworks/subnets'), name: 'AzureFirewallSubnet', parent_id: VNET_HUB, body: { properties } }];
    const onIt = [firewall('fw', { firewall_policy_id: POLICY_ID, ip_configuration: [{ name: 'c', subnet_id: '${azapi_resource.snet.id}', public_ip_address_id: 'x' }] }), dnat(POLICY_ID)];
    expect(beside([azapiSubnet({ addressPrefix: '172.16.0.0/26' }), ...onIt])).toEqual([]);
    expect(beside([azapiSubnet({ addressPrefixes: ['172.16.0.0/26'] }), ...onIt])).toEqual([]);
    expect(failsOn(beside([azapiSubnet({ addressPrefix: '10.20.0.0/26' }), ...onIt]), DNAT_GROUP)).toBe(true);
    expect(failsOn(beside([azapiSubnet('${var.properties}'), ...onIt]), DNAT_GROUP)).toBe(true);
    const update: Block = ['azapi_update_resource', 'w', { type: armType('microsoft.network/virtualnetworks/subnets'), resource_id: '${azapi_resource.snet.id}', body: { properties: { addressPrefix: '10.20.0.0/26' } } }];
    expect(failsOn(beside([azapiSubnet({ addressPrefix: '172.16.0.0/26' }), update, ...onIt]), DNAT_GROUP)).toBe(true);
  });

  test('an update of the firewall that writes only other settings does not place it anywhere (no false positive), nor do children of a policy or hub no row reads', () => {
    const { stack } = CASES.firewallSubnets;
    expect(beside([...stack, ['azapi_update_resource', 'w', { type: armType('microsoft.network/azurefirewalls'), resource_id: '${azurerm_firewall.fw.id}', body: { properties: { threatIntelMode: 'Deny' } } }]])).toEqual([]);
    const base = CASES.basePolicies;
    expect(beside([...base.stack, ['azapi_resource', 'w', { type: armType('microsoft.network/firewallpolicies/signatureOverrides'), name: 'default', parent_id: '${azurerm_firewall_policy.c.id}', body: { properties: { signatures: {} } } }]])).toEqual([]);
    const hubs = CASES.hubPrefixes;
    expect(beside([...hubs.stack, ['azapi_resource', 'w', { type: armType('microsoft.network/virtualhubs/hubRouteTables'), name: 'rt', parent_id: '${azurerm_virtual_hub.hub.id}', body: { properties: { routes: [] } } }]])).toEqual([]);
  });
});

// Drafts (A22b-5): a rule collection group draft holds rules a deploy action (firewallPolicies/deploy, "deploys the firewall policy
// draft and child rule collection group drafts") makes the group's, a policy draft the base policy and SNAT ranges it makes the
// policy's. A draft may be deployed by any later action or by hand: it is read as deployed.
describe('drafts of a firewall policy and of its rule collection groups (A22b-5)', () => {
  const draftGroup = (rules: unknown[]): Block => ['azapi_resource', 'd', { type: 'Microsoft.Network/firewallPolicies/ruleCollectionGroups/ruleCollectionGroupDrafts@2023-11-01',
    parent_id: `${POLICY_ID}/ruleCollectionGroups/g`, name: 'default', body: { properties: { priority: 100, ruleCollections: [{ ruleCollectionType: 'FirewallPolicyNatRuleCollection', name: 'c', priority: 100, action: { type: 'Dnat' }, rules }] } } }];
  const natRule = (source: string, target: string) => ({ name: 'pg', ruleType: 'NatRule', ipProtocols: ['TCP'], sourceAddresses: [source], destinationAddresses: ['20.1.2.3'], destinationPorts: ['5432'], translatedAddress: target, translatedPort: '5432' });
  const deploy: Block = ['azapi_resource_action', 'deploy', { type: 'Microsoft.Network/firewallPolicies@2023-11-01', resource_id: POLICY_ID, action: 'deploy', method: 'POST' }];
  /** PG-NET-1's verdicts on a block beside a construct whose network takes the VNet (no allowed prefixes). */
  const forwards = (blocks: Block[]) => {
    const stack = newStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    for (const [type, id, config] of blocks) {
      const block = new TerraformResource(stack, id, { terraformResourceType: type });
      for (const [key, value] of Object.entries(config)) block.addOverride(key, value);
    }
    return synthErrors(stack).filter((line) => / PG-NET-1 /.test(line));
  };

  test('a group draft\'s DNAT from the internet to the server fails PG-NET-1 as the group\'s would, deployed or not; one to another address passes', () => {
    for (const extra of [[], [deploy]]) {
      expect(forwards([draftGroup([natRule('*', '10.0.1.4')]), ...extra])).toEqual([expect.stringMatching(/^ {2}\[test\] azapi_resource\.d PG-NET-1 .*forwards connections from "\*" to "10\.0\.1\.4"/)]);
      expect(forwards([draftGroup([natRule('*', '10.99.0.4')]), ...extra])).toEqual([]);
    }
  });

  test('a group draft whose body is known only at apply time fails closed', () => {
    expect(forwards([['azapi_resource', 'd', { type: 'Microsoft.Network/firewallPolicies/ruleCollectionGroups/ruleCollectionGroupDrafts@2023-11-01', parent_id: `${POLICY_ID}/ruleCollectionGroups/g`, name: 'default', body: '${var.body}' }]]))
      .toEqual([expect.stringMatching(/^ {2}\[test\] azapi_resource\.d PG-NET-1 /)]);
  });
});
