import * as fs from 'fs';
import * as path from 'path';
import { FlexibleServerNetwork, SecureFlexibleServerProps } from '../../lib';
import { INERT_SOURCE_TYPES, SOURCE_TRANSLATOR_AZURE_TYPES, SOURCE_TRANSLATOR_TYPES, sourceTranslatorKind } from '../../lib/checks/source-translators';
import { SUBSCRIPTION, VNET_ID } from '../helpers';
import { Blocks, failsNetworkOn, networkErrorsBeside } from './beside-fixtures';

// What gives other networks' clients an address (nineteenth review, A19b-1): once a construct's allowedSources are narrowed to
// prefixes, its NSG decides by source address, and a gateway's ingress NAT rule or point-to-site pool inside an allowed prefix
// lets on-premises hosts or VPN users arrive from it. Every row of the table fails PG-NET-1 when its ranges overlap an allowed
// prefix (or may), and passes when they are disjoint; a type of the kind that the table neither reads nor lists as inert fails closed.

const RG = `${SUBSCRIPTION}/resourceGroups/rg-network`;
const GATEWAY = `${RG}/providers/Microsoft.Network/virtualNetworkGateways/vgw`;
const VPN_GATEWAY = `${RG}/providers/Microsoft.Network/vpnGateways/vpngw`;
const HUB = `${RG}/providers/Microsoft.Network/virtualHubs/hub`;
/** The construct admits PostgreSQL from 10.20.0.0/16 only. */
const NARROWED: Partial<SecureFlexibleServerProps> = { network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: VNET_ID, subnetAddressPrefix: '10.0.1.0/28', allowedSources: ['10.20.0.0/16'] }) };
const INSIDE = '10.20.5.0/24';
const OUTSIDE = '172.16.0.0/24';


/** One case per type of the table: the blocks that put clients under `range`, and the address that must fail. */
const ROWS: { readonly [type: string]: { readonly failing: string; readonly blocks: (range: string) => Blocks } } = {
  azurerm_virtual_network_gateway: { failing: 'azurerm_virtual_network_gateway.gw', blocks: (range) => [['azurerm_virtual_network_gateway', 'gw', {
    name: 'vgw', resource_group_name: 'rg-network', location: 'westeurope', type: 'Vpn', vpn_type: 'RouteBased', sku: 'VpnGw2',
    ip_configuration: [{ name: 'c', public_ip_address_id: 'x', subnet_id: `${VNET_ID}/subnets/GatewaySubnet` }],
    vpn_client_configuration: [{ address_space: [range], vpn_client_protocols: ['OpenVPN'] }] }]] },
  azurerm_virtual_network_gateway_nat_rule: { failing: 'azurerm_virtual_network_gateway_nat_rule.n', blocks: (range) => [['azurerm_virtual_network_gateway_nat_rule', 'n', {
    name: 'snat', resource_group_name: 'rg-network', virtual_network_gateway_id: GATEWAY, mode: 'IngressSnat', type: 'Static',
    internal_mapping: [{ address_space: range }], external_mapping: [{ address_space: '192.168.0.0/24' }] }]] },
  azurerm_vpn_gateway_nat_rule: { failing: 'azurerm_vpn_gateway_nat_rule.n', blocks: (range) => [['azurerm_vpn_gateway_nat_rule', 'n', {
    name: 'snat', vpn_gateway_id: VPN_GATEWAY, mode: 'IngressSnat', internal_mapping: [{ address_space: range }], external_mapping: [{ address_space: '192.168.0.0/24' }] }]] },
  azurerm_point_to_site_vpn_gateway: { failing: 'azurerm_point_to_site_vpn_gateway.p', blocks: (range) => [['azurerm_point_to_site_vpn_gateway', 'p', {
    name: 'p2s', resource_group_name: 'rg-network', location: 'westeurope', virtual_hub_id: HUB, vpn_server_configuration_id: 'x', scale_unit: 1,
    connection_configuration: [{ name: 'c', vpn_client_address_pool: [{ address_prefixes: [range] }] }] }]] },
  // A connection names the NAT rules it applies: one the stack does not write is a live rule (any mapping); one it writes is judged on its own.
  azurerm_virtual_network_gateway_connection: { failing: 'azurerm_virtual_network_gateway_connection.c', blocks: (range) => [['azurerm_virtual_network_gateway_connection', 'c', {
    name: 's2s', resource_group_name: 'rg-network', location: 'westeurope', type: 'IPsec', virtual_network_gateway_id: GATEWAY, local_network_gateway_id: 'x',
    ingress_nat_rule_ids: [range === INSIDE ? `${GATEWAY}/natRules/hub-snat` : '${azurerm_virtual_network_gateway_nat_rule.mine.id}'] }],
  ['azurerm_virtual_network_gateway_nat_rule', 'mine', { name: 'mine', resource_group_name: 'rg-network', virtual_network_gateway_id: GATEWAY, mode: 'IngressSnat', internal_mapping: [{ address_space: OUTSIDE }], external_mapping: [{ address_space: '192.168.0.0/24' }] }]] },
  azurerm_vpn_gateway_connection: { failing: 'azurerm_vpn_gateway_connection.c', blocks: (range) => [['azurerm_vpn_gateway_connection', 'c', {
    name: 'c', vpn_gateway_id: VPN_GATEWAY, remote_vpn_site_id: 'x', vpn_link: [{ name: 'l', vpn_site_link_id: 'x', ingress_nat_rule_ids: range === INSIDE ? [`${VPN_GATEWAY}/natRules/hub-snat`] : [] }] }]] },
  // Bastion with IP connect or tunneling: its users' connections to any address leave from the Bastion subnet's addresses.
  azurerm_bastion_host: { failing: 'azurerm_bastion_host.b', blocks: (range) => [['azurerm_subnet', 'bastion', { name: 'AzureBastionSubnet', resource_group_name: 'rg-network', virtual_network_name: 'vnet-hub', address_prefixes: [range] }],
    ['azurerm_bastion_host', 'b', { name: 'b', resource_group_name: 'rg-network', location: 'westeurope', sku: 'Standard', tunneling_enabled: true,
      ip_configuration: [{ name: 'c', subnet_id: '${azurerm_subnet.bastion.id}', public_ip_address_id: 'x' }] }]] },
  'microsoft.network/bastionhosts': { failing: 'azapi_resource.a', blocks: (range) => [['azurerm_subnet', 'bastion', { name: 'AzureBastionSubnet', resource_group_name: 'rg-network', virtual_network_name: 'vnet-hub', address_prefixes: [range] }],
    ['azapi_resource', 'a', { type: 'Microsoft.Network/bastionHosts@2024-05-01', parent_id: RG, name: 'b', location: 'westeurope',
      body: { properties: { enableIpConnect: true, ipConfigurations: [{ name: 'c', properties: { subnet: { id: '${azurerm_subnet.bastion.id}' } } }] } } }]] },
  'microsoft.network/virtualnetworkgateways': { failing: 'azapi_resource.a', blocks: (range) => [['azapi_resource', 'a', {
    type: 'Microsoft.Network/virtualNetworkGateways@2024-05-01', parent_id: RG, name: 'vgw', location: 'westeurope',
    body: { properties: { gatewayType: 'Vpn', ipConfigurations: [{ name: 'c', properties: { subnet: { id: `${VNET_ID}/subnets/GatewaySubnet` } } }],
      vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: [range] } } } } }]] },
  'microsoft.network/virtualnetworkgateways/natrules': { failing: 'azapi_resource.a', blocks: (range) => [['azapi_resource', 'a', {
    type: 'Microsoft.Network/virtualNetworkGateways/natRules@2023-09-01', parent_id: GATEWAY, name: 'snat',
    body: { properties: { mode: 'IngressSnat', type: 'Static', internalMappings: [{ addressSpace: range }], externalMappings: [{ addressSpace: '192.168.0.0/24' }] } } }]] },
  'microsoft.network/vpngateways': { failing: 'azapi_update_resource.a', blocks: (range) => [['azapi_update_resource', 'a', {
    type: 'Microsoft.Network/vpnGateways@2024-05-01', resource_id: VPN_GATEWAY,
    body: { properties: { natRules: [{ name: 'snat', properties: { mode: 'IngressSnat', internalMappings: [{ addressSpace: range }], externalMappings: [{ addressSpace: '192.168.0.0/24' }] } }] } } }]] },
  'microsoft.network/vpngateways/natrules': { failing: 'azapi_resource.a', blocks: (range) => [['azapi_resource', 'a', {
    type: 'Microsoft.Network/vpnGateways/natRules@2024-05-01', parent_id: VPN_GATEWAY, name: 'snat',
    body: { properties: { mode: 'IngressSnat', internalMappings: [{ addressSpace: range }], externalMappings: [{ addressSpace: '192.168.0.0/24' }] } } }]] },
  'microsoft.network/vpngateways/vpnconnections': { failing: 'azapi_resource.a', blocks: (range) => [['azapi_resource', 'a', {
    type: 'Microsoft.Network/vpnGateways/vpnConnections@2024-05-01', parent_id: VPN_GATEWAY, name: 'c',
    body: { properties: { vpnLinkConnections: [{ name: 'l', properties: { ingressNatRules: range === INSIDE ? [{ id: `${VPN_GATEWAY}/natRules/hub-snat` }] : [] } }] } } }]] },
  'microsoft.network/vpngateways/vpnconnections/vpnlinkconnections': { failing: 'azapi_resource.a', blocks: (range) => [['azapi_resource', 'a', {
    type: 'Microsoft.Network/vpnGateways/vpnConnections/vpnLinkConnections@2024-05-01', parent_id: `${VPN_GATEWAY}/vpnConnections/c`, name: 'l',
    body: { properties: { ingressNatRules: range === INSIDE ? [{ id: `${VPN_GATEWAY}/natRules/hub-snat` }] : [] } } }]] },
  'microsoft.network/p2svpngateways': { failing: 'azapi_resource.a', blocks: (range) => [['azapi_resource', 'a', {
    type: 'Microsoft.Network/p2sVpnGateways@2024-05-01', parent_id: RG, name: 'p2s', location: 'westeurope',
    body: { properties: { virtualHub: { id: HUB }, p2SConnectionConfigurations: [{ name: 'c', properties: { vpnClientAddressPool: { addressPrefixes: [range] } } }] } } }]] },
  'microsoft.network/connections': { failing: 'azapi_resource.a', blocks: (range) => [['azapi_resource', 'a', {
    type: 'Microsoft.Network/connections@2024-05-01', parent_id: RG, name: 's2s', location: 'westeurope',
    body: { properties: { connectionType: 'IPsec', virtualNetworkGateway1: { id: GATEWAY }, ingressNatRules: range === INSIDE ? [{ id: `${GATEWAY}/natRules/hub-snat` }] : [] } } }]] },
};

const beside = (blocks: Blocks, overrides: Partial<SecureFlexibleServerProps> = NARROWED): string[] => networkErrorsBeside(blocks, overrides);

const failsOn = failsNetworkOn;

describe('every row of the table (A19b-1)', () => {
  test('the cases cover every type the table reads', () => {
    expect(new Set(Object.keys(ROWS))).toEqual(new Set([...SOURCE_TRANSLATOR_TYPES, ...SOURCE_TRANSLATOR_AZURE_TYPES]));
  });

  test.each(Object.entries(ROWS))('%s: clients put inside an allowed prefix fail PG-NET-1; outside every allowed prefix they pass', (_type, row) => {
    const inside = beside(row.blocks(INSIDE));
    expect(failsOn(inside, row.failing)).toBe(true);
    expect(inside.join('\n')).toMatch(/allowedSources|allowed source/);
    expect(beside(row.blocks(OUTSIDE))).toEqual([]);
  });

  test.each(Object.entries(ROWS))('%s: beside a construct whose sources hold the VirtualNetwork tag, this table adds nothing (the gateway itself is judged)', (_type, row) => {
    expect(beside(row.blocks(INSIDE), {}).filter((line) => /allowed sources/.test(line))).toEqual([]);
  });
});

describe('what a NAT rule or a pool reads', () => {
  const nat = (config: Record<string, unknown>): Blocks => [['azurerm_virtual_network_gateway_nat_rule', 'n', { name: 'snat', resource_group_name: 'rg-network', virtual_network_gateway_id: GATEWAY, external_mapping: [{ address_space: '192.168.0.0/24' }], ...config }]];
  const azapiNat = (properties: Record<string, unknown>, type = 'azapi_resource'): Blocks => [[type, 'a', { type: 'Microsoft.Network/virtualNetworkGateways/natRules@2023-09-01', ...(type === 'azapi_resource' ? { parent_id: GATEWAY, name: 'snat' } : { resource_id: `${GATEWAY}/natRules/snat` }), body: { properties } }]];

  test('an egress NAT (written, or azurerm\'s default) translates what leaves: it passes', () => {
    expect(beside(nat({ mode: 'EgressSnat', internal_mapping: [{ address_space: INSIDE }] }))).toEqual([]);
    expect(beside(nat({ internal_mapping: [{ address_space: INSIDE }] }))).toEqual([]);
    expect(beside(azapiNat({ mode: 'EgressSnat', internalMappings: [{ addressSpace: INSIDE }] }))).toEqual([]);
  });

  test('a mode or a mapping known only later, or an azapi mode left to Azure or the live rule, may put clients inside: fails closed', () => {
    expect(failsOn(beside(nat({ mode: '${var.mode}', internal_mapping: [{ address_space: INSIDE }] })), 'azurerm_virtual_network_gateway_nat_rule.n')).toBe(true);
    expect(failsOn(beside(nat({ mode: 'IngressSnat', internal_mapping: [{ address_space: '${var.range}' }] })), 'azurerm_virtual_network_gateway_nat_rule.n')).toBe(true);
    expect(failsOn(beside(nat({ mode: 'IngressSnat', internal_mapping: '${var.mappings}' })), 'azurerm_virtual_network_gateway_nat_rule.n')).toBe(true);
    expect(failsOn(beside(azapiNat({ internalMappings: [{ addressSpace: INSIDE }] })), 'azapi_resource.a')).toBe(true);
    expect(failsOn(beside(azapiNat({ mode: 'IngressSnat' }, 'azapi_update_resource')), 'azapi_update_resource.a')).toBe(true);
    expect(failsOn(beside([['azapi_resource', 'a', { type: 'Microsoft.Network/virtualNetworkGateways/natRules@2023-09-01', parent_id: GATEWAY, name: 'snat', body: '${var.body}' }]]), 'azapi_resource.a')).toBe(true);
  });

  test('a mapping in any case, a mapping that is not an address range, and the mode in any case are read', () => {
    expect(failsOn(beside(nat({ mode: 'ingresssnat', internal_mapping: [{ address_space: '10.20.0.4/32' }] })), 'azurerm_virtual_network_gateway_nat_rule.n')).toBe(true);
    expect(failsOn(beside(nat({ mode: 'IngressSnat', internal_mapping: [{ address_space: '10.20.0.0/33' }] })), 'azurerm_virtual_network_gateway_nat_rule.n')).toBe(true);
    expect(failsOn(beside(azapiNat({ MODE: 'IngressSnat', InternalMappings: [{ AddressSpace: INSIDE }] })), 'azapi_resource.a')).toBe(true);
  });

  test('dynamic blocks are what Terraform repeats, unread: they may give any range', () => {
    expect(failsOn(beside(nat({ mode: 'IngressSnat', dynamic: { internal_mapping: { for_each: '${var.m}', content: { address_space: '${internal_mapping.value}' } } } })), 'azurerm_virtual_network_gateway_nat_rule.n')).toBe(true);
    expect(failsOn(beside([['azurerm_point_to_site_vpn_gateway', 'p', { name: 'p2s', resource_group_name: 'rg-network', location: 'westeurope', virtual_hub_id: HUB, vpn_server_configuration_id: 'x', scale_unit: 1,
      connection_configuration: [{ name: 'c', dynamic: { vpn_client_address_pool: { for_each: '${var.p}', content: { address_prefixes: '${vpn_client_address_pool.value}' } } } }] }]]), 'azurerm_point_to_site_vpn_gateway.p')).toBe(true);
    expect(failsOn(beside([['azurerm_virtual_network_gateway', 'gw', { name: 'vgw', resource_group_name: 'rg-network', location: 'westeurope', type: 'Vpn',
      dynamic: { vpn_client_configuration: { for_each: '${var.p2s}', content: { address_space: ['${vpn_client_configuration.value}'] } } } }]]), 'azurerm_virtual_network_gateway.gw')).toBe(true);
  });

  test('an IPv6 pool holds no IPv4 address: it passes', () => {
    expect(beside(ROWS.azurerm_virtual_network_gateway.blocks('fd00:db8::/64'))).toEqual([]);
  });

  test('a pool known only later, and a policy group\'s pool on a gateway, are read', () => {
    const gw = (configuration: Record<string, unknown>): Blocks => [['azurerm_virtual_network_gateway', 'gw', { name: 'vgw', resource_group_name: 'rg-network', location: 'westeurope', type: 'Vpn',
      ip_configuration: [{ name: 'c', subnet_id: `${VNET_ID}/subnets/GatewaySubnet` }], vpn_client_configuration: [configuration] }]];
    expect(failsOn(beside(gw({ address_space: ['${var.pool}'] })), 'azurerm_virtual_network_gateway.gw')).toBe(true);
    expect(failsOn(beside(gw({ address_space: [OUTSIDE], virtual_network_gateway_client_connection: [{ name: 'g', policy_group_names: ['g'], address_prefixes: [INSIDE] }] })), 'azurerm_virtual_network_gateway.gw')).toBe(true);
    expect(beside(gw({ address_space: [OUTSIDE], virtual_network_gateway_client_connection: [{ name: 'g', policy_group_names: ['g'], address_prefixes: ['172.17.0.0/24'] }] }))).toEqual([]);
  });
});

describe('Bastion', () => {
  const bastion = (config: Record<string, unknown>): Blocks => [['azurerm_subnet', 'bastion', { name: 'AzureBastionSubnet', resource_group_name: 'rg-network', virtual_network_name: 'vnet-hub', address_prefixes: [INSIDE] }],
    ['azurerm_bastion_host', 'b', { name: 'b', resource_group_name: 'rg-network', location: 'westeurope', sku: 'Standard', ip_configuration: [{ name: 'c', subnet_id: '${azurerm_subnet.bastion.id}', public_ip_address_id: 'x' }], ...config }]];

  test('without IP connect or tunneling its users reach only virtual machines by RDP or SSH: it passes', () => {
    expect(beside(bastion({}))).toEqual([]);
    expect(beside(bastion({ ip_connect_enabled: false, tunneling_enabled: false }))).toEqual([]);
  });

  test('a switch known only later, or a subnet the stack does not write, may put its users inside: fails closed', () => {
    expect(failsOn(beside(bastion({ tunneling_enabled: '${var.tunnel}' })), 'azurerm_bastion_host.b')).toBe(true);
    expect(failsOn(beside(bastion({ tunneling_enabled: true, ip_configuration: [{ name: 'c', subnet_id: `${VNET_ID}/subnets/AzureBastionSubnet`, public_ip_address_id: 'x' }] })), 'azurerm_bastion_host.b')).toBe(true);
  });
});

describe('the kind, fail-closed (A19b-1 class)', () => {
  test('every azurerm type of the kind the provider has is read by the table or listed as inert with its reason', () => {
    const folder = path.join(path.dirname(require.resolve('@cdktf/provider-azurerm/lib/provider')), '..');
    const types = fs.readdirSync(folder).map((name) => `azurerm_${name.replace(/-/g, '_')}`).filter(sourceTranslatorKind);
    expect(types.length).toBeGreaterThan(20);
    const unlisted = types.filter((type) => !SOURCE_TRANSLATOR_TYPES.includes(type) && INERT_SOURCE_TYPES.find(([pattern]) => pattern.test(type)) === undefined);
    expect(unlisted).toEqual([]);
    for (const [, reason] of INERT_SOURCE_TYPES) expect(reason.length).toBeGreaterThan(30);
  });

  test('a type of the kind the table does not read and does not list as inert fails closed beside a narrowed construct', () => {
    const found = beside([['azapi_resource', 'a', { type: 'Microsoft.Network/vpnGateways/futureClientPools@2030-01-01', parent_id: VPN_GATEWAY, name: 'x', body: { properties: { range: OUTSIDE } } }]]);
    expect(failsOn(found, 'azapi_resource.a')).toBe(true);
    expect(failsOn(beside([['azurerm_vpn_gateway_future_pool', 'f', { name: 'x' }]]), 'azurerm_vpn_gateway_future_pool.f')).toBe(true);
  });

  test('inert types of the kind pass beside a narrowed construct: a local network gateway and a VPN site declare their own networks\' addresses', () => {
    expect(beside([['azurerm_local_network_gateway', 'l', { name: 'l', resource_group_name: 'rg-network', location: 'westeurope', gateway_address: '203.0.113.10', address_space: [INSIDE] }],
      ['azapi_resource', 'v', { type: 'Microsoft.Network/vpnSites@2024-05-01', parent_id: RG, name: 's', body: { properties: { addressSpace: { addressPrefixes: [INSIDE] } } } }],
      ['azapi_resource', 'k', { type: 'Microsoft.Network/connections/sharedkey@2024-05-01', parent_id: `${RG}/providers/Microsoft.Network/connections/s2s`, name: 'default', body: { properties: { value: '${var.psk}' } } }]])).toEqual([]);
  });
});
