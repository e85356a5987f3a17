import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformResource } from 'cdktf';
import { FlexibleServerNetwork, SecureFlexibleServer } from '../../lib';
import { minimalProps, newStack, synthErrors, VNET_ID } from '../helpers';

// An azapi write that names an Azure Firewall or firewall policy of the stack by a literal ID (an azapi_update_resource, a PUT or
// PATCH action, an azapi_resource of the same parent and name) is a write of that firewall or policy (firewall-placements.ts): the
// DNAT rules it adds run where that firewall is, and a literal ID of its names (group, name, and the provider's literal
// subscription: one known only at apply time may be another, A30b-4) finds it in any spelling azurerm reads alike; an ID whose parts are known only later may be any firewall (fails closed).

const INSIDE = '10.20.5.0/24';
const OUTSIDE = '172.16.0.0/24';
const SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
const RG = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-hub`;
const firewallId = (name: string) => `${RG}/providers/Microsoft.Network/azureFirewalls/${name}`;
const POLICY_ID = (name: string) => `${RG}/providers/Microsoft.Network/firewallPolicies/${name}`;

type Blocks = [type: string, id: string, config: Record<string, unknown>][];

/** Two firewalls of the stack: "fwin" in a subnet inside the construct's allowed prefix, "fwout" in one outside it, each with its policy. */
function firewalls(policyIds: [string, string] = ['${azurerm_firewall_policy.pin.id}', '${azurerm_firewall_policy.pout.id}']): Blocks {
  const subnet = (id: string, range: string): Blocks[number] => ['azurerm_subnet', id, { name: id, resource_group_name: 'rg-hub', virtual_network_name: 'vnet-fw', address_prefixes: [range] }];
  const firewall = (id: string, subnetId: string, policy: string): Blocks[number] => ['azurerm_firewall', id, { name: id, resource_group_name: 'rg-hub', location: 'westeurope', sku_name: 'AZFW_VNet', sku_tier: 'Standard',
    firewall_policy_id: policy, ip_configuration: [{ name: 'c', subnet_id: `\${azurerm_subnet.${subnetId}.id}`, public_ip_address_id: 'x' }] }];
  const policy = (id: string): Blocks[number] => ['azurerm_firewall_policy', id, { name: id, resource_group_name: 'rg-hub', location: 'westeurope' }];
  return [subnet('sin', INSIDE), subnet('sout', OUTSIDE), policy('pin'), policy('pout'), firewall('fwin', 'sin', policyIds[0]), firewall('fwout', 'sout', policyIds[1])];
}

/** A classic DNAT collection from on-premises to the server, as ARM writes it in a firewall's body. */
const NAT_COLLECTIONS = [{ name: 'dnat', properties: { priority: 100, action: { type: 'Dnat' }, rules: [{ name: 'pg', protocols: ['TCP'], sourceAddresses: ['192.168.0.0/16'], destinationAddresses: ['20.1.2.3'], destinationPorts: ['5432'], translatedAddress: '10.0.1.4', translatedPort: '5432' }] } }];
const NAT_GROUP = { priority: 100, ruleCollections: [{ ruleCollectionType: 'FirewallPolicyNatRuleCollection', name: 'dnat', priority: 100, action: { type: 'Dnat' },
  rules: [{ name: 'pg', ruleType: 'NatRule', ipProtocols: ['TCP'], sourceAddresses: ['192.168.0.0/16'], destinationAddresses: ['20.1.2.3'], destinationPorts: ['5432'], translatedAddress: '10.0.1.4', translatedPort: '5432' }] }] };

/** The PG-NET-1 findings on "allowed sources" beside a construct whose sources are narrowed to 10.20.0.0/16, as the addresses they land on. */
function failing(blocks: Blocks, subscriptionId: string | null = SUBSCRIPTION): string[] {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}], ...(subscriptionId === null ? {} : { subscriptionId }) });
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: VNET_ID, subnetAddressPrefix: '10.0.1.0/28', allowedSources: ['10.20.0.0/16'] }) }));
  for (const [type, id, config] of blocks) {
    const block = new TerraformResource(stack, id, { terraformResourceType: type });
    for (const [key, value] of Object.entries(config)) block.addOverride(key, value);
  }
  return synthErrors(stack).filter((line) => / PG-NET-1 /.test(line) && /allowed sources/.test(line)).map((line) => line.split(' ')[3]);
}

const WRITERS: { readonly [writer: string]: (type: string, id: string, properties: object) => Blocks[number] } = {
  azapi_update_resource: (type, id, properties) => ['azapi_update_resource', 'w', { type, resource_id: id, body: { properties } }],
  'azapi_resource_action PATCH': (type, id, properties) => ['azapi_resource_action', 'w', { type, resource_id: id, method: 'PATCH', body: { properties } }],
  'azapi_resource_action PUT': (type, id, properties) => ['azapi_resource_action', 'w', { type, resource_id: id, method: 'PUT', body: { properties } }],
};

describe.each(Object.keys(WRITERS))('DNAT rules a firewall write by literal ID adds (%s)', (writer) => {
  const write = (id: string) => WRITERS[writer]('Microsoft.Network/azureFirewalls@2024-05-01', id, { natRuleCollections: NAT_COLLECTIONS });

  test('on the firewall inside the allowed prefix fail, in any spelling of its ID; on the one outside pass', () => {
    expect(failing([...firewalls(), write(firewallId('fwin'))])).toEqual([`${write('')[0]}.w`]);
    expect(failing([...firewalls(), write(`${firewallId('FWIN').toUpperCase()}/`)])).toEqual([`${write('')[0]}.w`]);
    expect(failing([...firewalls(), write(firewallId('fwout'))])).toEqual([]);
    // A provider whose subscription is known only at apply time may be in the ID's or not (A30b-4): the ID may name another
    // firewall of those names, anywhere, so the write fails closed beside the outside firewall too.
    expect(failing([...firewalls(), write(firewallId('fwin'))], null)).toEqual([`${write('')[0]}.w`]);
    expect(failing([...firewalls(), write(firewallId('fwout'))], null)).toEqual([`${write('')[0]}.w`]);
  });

  test('an ID of the outside firewall\'s names in another literal subscription, or one whose parts are known only later, fails closed', () => {
    expect(failing([...firewalls(), write(firewallId('fwout').replace(SUBSCRIPTION, '11111111-1111-1111-1111-111111111111'))])).toEqual([`${write('')[0]}.w`]);
    expect(failing([...firewalls(), write(`${RG}/providers/Microsoft.Network/azureFirewalls/\${var.name}`)])).toEqual([`${write('')[0]}.w`]);
    expect(failing([...firewalls(), write(firewallId('fw%6Fut'))])).toEqual([`${write('')[0]}.w`]);
  });
});

describe('DNAT rule collection groups of a policy named by literal ID', () => {
  const group = (policy: string): Blocks[number] => ['azapi_resource', 'g', { type: 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01', parent_id: policy, name: 'g', body: { properties: NAT_GROUP } }];

  test('the policy of the firewall inside fails, in any spelling of its ID; the policy of the one outside passes', () => {
    expect(failing([...firewalls(), group(POLICY_ID('pin'))])).toEqual(['azapi_resource.g']);
    expect(failing([...firewalls(), group(`${POLICY_ID('PIN')}/`)])).toEqual(['azapi_resource.g']);
    expect(failing([...firewalls(), group(POLICY_ID('pout'))])).toEqual([]);
  });

  test('a firewall naming the group\'s policy by a literal ID spelt otherwise runs the group\'s rules all the same', () => {
    expect(failing([...firewalls([`${POLICY_ID('POUT').toUpperCase()}//`, POLICY_ID('pout')]), group(POLICY_ID('pout'))])).toEqual(['azapi_resource.g']);
    expect(failing([...firewalls([POLICY_ID('pin'), POLICY_ID('pout')]), group(POLICY_ID('pout'))])).toEqual([]);
  });

  test.each(Object.keys(WRITERS))('a group written by %s by its literal ID: under the inside firewall\'s policy fails, under the outside one\'s passes', (writer) => {
    const write = (policy: string) => WRITERS[writer]('Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01', `${policy}/ruleCollectionGroups/g`, NAT_GROUP);
    expect(failing([...firewalls(), write(POLICY_ID('pin'))])).toEqual([`${write('')[0]}.w`]);
    expect(failing([...firewalls(), write(POLICY_ID('pout'))])).toEqual([]);
  });

  test('a policy ID whose parts are known only later may be any policy (fails closed)', () => {
    expect(failing([...firewalls(), group(`${RG}/providers/Microsoft.Network/firewallPolicies/\${var.policy}`)])).toEqual(['azapi_resource.g']);
  });
});

describe('an azapi_resource of the same parent and name as a firewall of the stack', () => {
  test('its DNAT rules run where the azurerm firewall of its names puts it too (the one applied last keeps the other\'s rule collections)', () => {
    const outsideBody = { ipConfigurations: [{ name: 'c', properties: { subnet: { id: '${azurerm_subnet.sout.id}' } } }], natRuleCollections: NAT_COLLECTIONS };
    expect(failing([...firewalls(), ['azapi_resource', 'twin', { type: 'Microsoft.Network/azureFirewalls@2024-05-01', parent_id: RG, name: 'fwin', location: 'westeurope', body: { properties: outsideBody } }]])).toEqual(['azapi_resource.twin']);
    expect(failing([...firewalls(), ['azapi_resource', 'twin', { type: 'Microsoft.Network/azureFirewalls@2024-05-01', parent_id: RG, name: 'fwother', location: 'westeurope', body: { properties: outsideBody } }]])).toEqual([]);
  });
});
