import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import { FlexibleServerNetwork, PostgresSecurityChecks, SecureFlexibleServer, SecureFlexibleServerProps, SecureSingleServer, SingleServerNetwork } from '../../lib';
import { VNET_WIDE_AZURE_TYPES, VNET_WIDE_TYPES } from '../../lib/checks/vnet-wide-writers';
import { minimalProps, minimalSingleProps, newStack, PRIVATE_LINK_ZONE_ID, SUBSCRIPTION, synthErrors, VNET_ID, VNET_ZONE_ID } from '../helpers';
import { Blocks, failsNetworkOn, networkErrorsBeside } from './beside-fixtures';

// The writers that widen a whole VNet the server is reachable in (seventeenth session, A16a-2, A16a-11, A16b-4): gateways,
// Bastion's IP connect, peerings, hub connections, route servers and DNS servers, by azurerm or azapi, fail PG-NET-1 beside a
// construct whose sources hold the VirtualNetwork tag (DNS servers whatever its sources), for each network the server is
// reachable from: the VNet of its delegated subnet (made or given) and of its private endpoint.

const OTHER_VNET = `${SUBSCRIPTION}/resourceGroups/rg-spoke/providers/Microsoft.Network/virtualNetworks/vnet-spoke`;
const PUBLIC_IP = `${SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network/publicIPAddresses/pip`;
const HUB = `${SUBSCRIPTION}/resourceGroups/rg-wan/providers/Microsoft.Network/virtualHubs/hub`;
type Effect = 'reach' | 'dns';

/** One case per row of the table: the blocks that write it on a VNet, what the row reads, and the address that must fail. */
interface Row {
  readonly type: string;
  readonly effect: Effect;
  readonly blocks: (vnet: string) => Blocks;
  readonly failing: string;
}

const gateway = (vnet: string): Blocks => [['azurerm_virtual_network_gateway', 'gw', {
  name: 'gw', resource_group_name: 'rg-network', location: 'westeurope', type: 'Vpn', vpn_type: 'RouteBased', sku: 'VpnGw1',
  ip_configuration: [{ name: 'c', public_ip_address_id: PUBLIC_IP, subnet_id: `${vnet}/subnets/GatewaySubnet` }],
  vpn_client_configuration: [{ address_space: ['172.16.0.0/24'], vpn_client_protocols: ['OpenVPN'] }],
}]];
const azapiGateway = (vnet: string): Blocks => [['azapi_resource', 'agw', {
  type: 'Microsoft.Network/virtualNetworkGateways@2024-05-01', parent_id: `${SUBSCRIPTION}/resourceGroups/rg-network`, name: 'gw', location: 'westeurope',
  body: { properties: { gatewayType: 'ExpressRoute', ipConfigurations: [{ name: 'c', properties: { subnet: { id: `${vnet}/subnets/GatewaySubnet` } } }] } },
}]];
const VNET_TYPE = 'Microsoft.Network/virtualNetworks@2024-05-01';
/** A DNS forwarding ruleset the stack does not write: its rules cannot be read. */
const HUB_RULESET = `${SUBSCRIPTION}/resourceGroups/rg-dns/providers/Microsoft.Network/dnsForwardingRulesets/rs-hub`;
const RULESET_LINK_TYPE = 'Microsoft.Network/dnsForwardingRulesets/virtualNetworkLinks@2022-07-01';

const ROWS: readonly Row[] = [
  { type: 'azurerm_virtual_network_gateway', effect: 'reach', blocks: gateway, failing: 'azurerm_virtual_network_gateway.gw' },
  { type: 'azurerm_virtual_network_gateway_connection', effect: 'reach', failing: 'azurerm_virtual_network_gateway_connection.c', blocks: (vnet) => [...gateway(vnet), ['azurerm_virtual_network_gateway_connection', 'c', {
    name: 'c', resource_group_name: 'rg-network', location: 'westeurope', type: 'IPsec', virtual_network_gateway_id: '${azurerm_virtual_network_gateway.gw.id}', local_network_gateway_id: 'x', shared_key: 'k' }]] },
  { type: 'azurerm_bastion_host', effect: 'reach', failing: 'azurerm_bastion_host.b', blocks: (vnet) => [['azurerm_bastion_host', 'b', {
    name: 'b', resource_group_name: 'rg-network', location: 'westeurope', sku: 'Standard', ip_connect_enabled: true,
    ip_configuration: [{ name: 'c', subnet_id: `${vnet}/subnets/AzureBastionSubnet`, public_ip_address_id: PUBLIC_IP }] }]] },
  { type: 'azurerm_virtual_network_peering', effect: 'reach', failing: 'azurerm_virtual_network_peering.p', blocks: () => [['azurerm_virtual_network_peering', 'p', {
    name: 'p', resource_group_name: 'rg-network', virtual_network_name: 'vnet-hub', remote_virtual_network_id: OTHER_VNET }]] },
  { type: 'azurerm_virtual_hub_connection', effect: 'reach', failing: 'azurerm_virtual_hub_connection.h', blocks: (vnet) => [['azurerm_virtual_hub_connection', 'h', {
    name: 'h', virtual_hub_id: HUB, remote_virtual_network_id: vnet }]] },
  { type: 'azurerm_route_server', effect: 'reach', failing: 'azurerm_route_server.rs', blocks: (vnet) => [['azurerm_route_server', 'rs', {
    name: 'rs', resource_group_name: 'rg-network', location: 'westeurope', sku: 'Standard', public_ip_address_id: PUBLIC_IP, subnet_id: `${vnet}/subnets/RouteServerSubnet` }]] },
  { type: 'azurerm_virtual_network', effect: 'dns', failing: 'azurerm_virtual_network.hub', blocks: () => [['azurerm_virtual_network', 'hub', {
    name: 'vnet-hub', resource_group_name: 'rg-network', location: 'westeurope', address_space: ['10.0.0.0/16'], dns_servers: ['10.0.0.4'] }]] },
  { type: 'azurerm_virtual_network_dns_servers', effect: 'dns', failing: 'azurerm_virtual_network_dns_servers.d', blocks: (vnet) => [['azurerm_virtual_network_dns_servers', 'd', {
    virtual_network_id: vnet, dns_servers: ['10.0.0.4'] }]] },
  // A ruleset linked to the VNet answers, for its rules' domains, in place of Azure DNS: judged by its rules when the stack writes them (A17b-6).
  { type: 'azurerm_private_dns_resolver_virtual_network_link', effect: 'dns', failing: 'azurerm_private_dns_resolver_virtual_network_link.rl', blocks: (vnet) => [['azurerm_private_dns_resolver_virtual_network_link', 'rl', {
    name: 'rl', dns_forwarding_ruleset_id: HUB_RULESET, virtual_network_id: vnet }]] },
  { type: 'microsoft.network/dnsforwardingrulesets/virtualnetworklinks', effect: 'dns', failing: 'azapi_resource.arl', blocks: (vnet) => [['azapi_resource', 'arl', {
    type: RULESET_LINK_TYPE, parent_id: HUB_RULESET, name: 'l', body: { properties: { virtualNetwork: { id: vnet } } } }]] },
  { type: 'microsoft.network/virtualnetworkgateways', effect: 'reach', blocks: azapiGateway, failing: 'azapi_resource.agw' },
  { type: 'microsoft.network/bastionhosts', effect: 'reach', failing: 'azapi_update_resource.b', blocks: (vnet) => [['azapi_update_resource', 'b', {
    type: 'Microsoft.Network/bastionHosts@2024-05-01', resource_id: `${SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network/bastionHosts/b`,
    body: { properties: { enableTunneling: true, ipConfigurations: [{ name: 'c', properties: { subnet: { id: `${vnet}/subnets/AzureBastionSubnet` } } }] } } }]] },
  { type: 'microsoft.network/virtualnetworks/virtualnetworkpeerings', effect: 'reach', failing: 'azapi_resource.ap', blocks: (vnet) => [['azapi_resource', 'ap', {
    type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2024-05-01', parent_id: vnet, name: 'p', body: { properties: { remoteVirtualNetwork: { id: OTHER_VNET } } } }]] },
  { type: 'microsoft.network/virtualhubs/hubvirtualnetworkconnections', effect: 'reach', failing: 'azapi_resource.ah', blocks: (vnet) => [['azapi_resource', 'ah', {
    type: 'Microsoft.Network/virtualHubs/hubVirtualNetworkConnections@2024-05-01', parent_id: HUB, name: 'h', body: { properties: { remoteVirtualNetwork: { id: vnet } } } }]] },
  { type: 'microsoft.network/virtualhubs/ipconfigurations', effect: 'reach', failing: 'azapi_resource.ars', blocks: (vnet) => [['azapi_resource', 'ars', {
    type: 'Microsoft.Network/virtualHubs/ipConfigurations@2024-05-01', parent_id: HUB, name: 'ipconfig1', body: { properties: { subnet: { id: `${vnet}/subnets/RouteServerSubnet` } } } }]] },
  { type: 'microsoft.network/connections', effect: 'reach', failing: 'azapi_resource.ac', blocks: (vnet) => [...azapiGateway(vnet), ['azapi_resource', 'ac', {
    type: 'Microsoft.Network/connections@2024-05-01', parent_id: `${SUBSCRIPTION}/resourceGroups/rg-network`, name: 'c', location: 'westeurope',
    body: { properties: { connectionType: 'ExpressRoute', virtualNetworkGateway1: { id: '${azapi_resource.agw.id}' } } } }]] },
  { type: 'microsoft.network/virtualnetworks', effect: 'reach', failing: 'azapi_update_resource.vp', blocks: (vnet) => [['azapi_update_resource', 'vp', {
    type: VNET_TYPE, resource_id: vnet, body: { properties: { virtualNetworkPeerings: [{ name: 'p', properties: { remoteVirtualNetwork: { id: OTHER_VNET } } }] } } }]] },
  { type: 'microsoft.network/virtualnetworks', effect: 'dns', failing: 'azapi_update_resource.vd', blocks: (vnet) => [['azapi_update_resource', 'vd', {
    type: VNET_TYPE, resource_id: vnet, body: { properties: { dhcpOptions: { dnsServers: ['203.0.113.53'] } } } }]] },
];

/** The networks a server is reachable from: its made delegated subnet's VNet, a given delegated subnet's, its private endpoint's. */
const NETWORKS: { readonly [kind: string]: Partial<SecureFlexibleServerProps> } = {
  'vnetIntegration': {},
  'existingVnetIntegration': { network: FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: `${VNET_ID}/subnets/snet-postgres`, privateDnsZoneResourceId: VNET_ZONE_ID }) },
  'privateEndpoint': { network: FlexibleServerNetwork.privateEndpoint({ subnetResourceId: `${VNET_ID}/subnets/snet-endpoints`, privateDnsZoneResourceId: PRIVATE_LINK_ZONE_ID }) },
};
const NARROWED: Partial<SecureFlexibleServerProps> = { network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: VNET_ID, subnetAddressPrefix: '10.0.1.0/28', allowedSources: ['10.20.0.0/16'] }) };

const beside = networkErrorsBeside;

const failsOn = failsNetworkOn;

describe('every row of the table, on every network the server is reachable from', () => {
  test('the cases cover every type the table reads', () => {
    expect(new Set(ROWS.map((row) => row.type))).toEqual(new Set([...VNET_WIDE_TYPES, ...VNET_WIDE_AZURE_TYPES]));
  });
  for (const [kind, overrides] of Object.entries(NETWORKS)) {
    test.each(ROWS.map((row) => [row.failing, row] as const))(`${kind}: %s on the server's VNet fails PG-NET-1; on another VNet it passes`, (_name, row) => {
      expect(failsOn(beside(row.blocks(VNET_ID), overrides), row.failing)).toBe(true);
      const elsewhere = row.type === 'azurerm_virtual_network_peering' || row.type === 'azurerm_virtual_network'
        ? row.blocks(VNET_ID).map(([type, id, config]): Blocks[number] => [type, id, { ...config, resource_group_name: 'rg-spoke', ...(type === 'azurerm_virtual_network' ? { name: 'vnet-spoke' } : { virtual_network_name: 'vnet-spoke' }) }])
        : row.blocks(OTHER_VNET);
      expect(beside(elsewhere, overrides)).toEqual([]);
    });
  }
  test.each(ROWS.map((row) => [row.failing, row] as const))('allowedSources narrowed to prefixes: %s passes when it joins networks, fails when it sets DNS servers', (_name, row) => {
    // Who is given an allowed address (a Bastion's subnet, here known only later) is source-translators.ts's verdict, tested there.
    const own = beside(row.blocks(VNET_ID), NARROWED).filter((line) => !/ allowed sources \(/.test(line));
    expect(failsOn(own, row.failing)).toBe(row.effect === 'dns');
  });
});

describe('the same names in another literal subscription are another VNet (A17a-8)', () => {
  const OTHER_SUBSCRIPTION = '11111111-0000-0000-0000-000000000000';
  const inOther = (vnet: string) => vnet.replace(/^\/subscriptions\/[^/]+/, `/subscriptions/${OTHER_SUBSCRIPTION}`);
  // A writer by names (a peering, a VNet block) is in its provider's subscription.
  const otherProvider = (stack: TerraformStack) => new AzurermProvider(stack, 'other', { features: [{}], alias: 'other', subscriptionId: OTHER_SUBSCRIPTION });
  const byProvider = (blocks: Blocks): Blocks => blocks.map(([type, id, config]) => [type, id, { ...config, provider: 'azurerm.other' }]);
  for (const [kind, overrides] of Object.entries(NETWORKS)) {
    test.each(ROWS.map((row) => [row.failing, row] as const))(`${kind}: %s on vnet-hub of another literal subscription passes`, (_name, row) => {
      const named = row.type === 'azurerm_virtual_network_peering' || row.type === 'azurerm_virtual_network';
      expect(beside(named ? byProvider(row.blocks(VNET_ID)) : row.blocks(inOther(VNET_ID)), overrides, named ? otherProvider : undefined)).toEqual([]);
    });
  }
  test('a subscription known only later, or the same literal in another case, may be the server\'s: fails', () => {
    expect(failsOn(beside(gateway(VNET_ID.replace(/^\/subscriptions\/[^/]+/, '/subscriptions/${var.sub}'))), 'azurerm_virtual_network_gateway.gw')).toBe(true);
    expect(failsOn(beside(gateway(VNET_ID.toUpperCase())), 'azurerm_virtual_network_gateway.gw')).toBe(true);
  });
});

describe('what widens nothing passes', () => {
  test('a link of a forwarding ruleset the stack writes (azurerm or azapi) passes: its rules are judged (A17b-6); a rule for the server\'s public zone fails, the link does not', () => {
    const ruleset: Blocks = [
      ['azurerm_private_dns_resolver_dns_forwarding_ruleset', 'rs', { name: 'rs', resource_group_name: 'rg-dns', location: 'westeurope', private_dns_resolver_outbound_endpoint_ids: ['/x'] }],
      ['azapi_resource', 'ars', { type: 'Microsoft.Network/dnsForwardingRulesets@2022-07-01', parent_id: `${SUBSCRIPTION}/resourceGroups/rg-dns`, name: 'ars', location: 'westeurope', body: { properties: { dnsResolverOutboundEndpoints: [{ id: '/x' }] } } }],
    ];
    const links: Blocks = [
      ['azurerm_private_dns_resolver_virtual_network_link', 'rl', { name: 'rl', dns_forwarding_ruleset_id: '${azurerm_private_dns_resolver_dns_forwarding_ruleset.rs.id}', virtual_network_id: VNET_ID }],
      ['azapi_resource', 'arl', { type: RULESET_LINK_TYPE, parent_id: '${azapi_resource.ars.id}', name: 'l', body: { properties: { virtualNetwork: { id: VNET_ID } } } }],
    ];
    const corp: Blocks = [['azurerm_private_dns_resolver_forwarding_rule', 'corp', { name: 'corp', dns_forwarding_ruleset_id: '${azurerm_private_dns_resolver_dns_forwarding_ruleset.rs.id}', domain_name: 'corp.contoso.com.', target_dns_servers: [{ ip_address: '10.9.9.9', port: 53 }] }]];
    expect(beside([...ruleset, ...links, ...corp])).toEqual([]);
    const shadow: Blocks = [['azurerm_private_dns_resolver_forwarding_rule', 'pg', { name: 'pg', dns_forwarding_ruleset_id: '${azurerm_private_dns_resolver_dns_forwarding_ruleset.rs.id}', domain_name: 'postgres.database.azure.com.', target_dns_servers: [{ ip_address: '10.9.9.9', port: 53 }] }]];
    expect(beside([...ruleset, ...links, ...shadow]).map((line) => line.split(' ').slice(0, 5).join(' '))).toEqual(['  [test] azurerm_private_dns_resolver_forwarding_rule.pg PG-NET-1']);
  });

  test('a link of a ruleset given by a variable is no ruleset the stack writes: its rules cannot be read, and it fails', () => {
    expect(failsOn(beside([['azurerm_private_dns_resolver_virtual_network_link', 'rl', { name: 'rl', dns_forwarding_ruleset_id: '${var.ruleset_id}', virtual_network_id: VNET_ID }]]), 'azurerm_private_dns_resolver_virtual_network_link.rl')).toBe(true);
  });

  test('existingVnetIntegration with a group of the stack associated with the given subnet: its sources decide', () => {
    const guarded = (source: string): Blocks => [
      ['azurerm_network_security_group', 'nsg', { name: 'nsg-db', resource_group_name: 'rg-network', location: 'westeurope', security_rule: [{ name: 'pg', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_port_range: '*', destination_port_range: '5432', source_address_prefix: source, destination_address_prefix: '*' }] }],
      ['azurerm_subnet_network_security_group_association', 'a', { subnet_id: `${VNET_ID}/subnets/snet-postgres`, network_security_group_id: '${azurerm_network_security_group.nsg.id}' }],
      ...gateway(VNET_ID)];
    expect(failsOn(beside(guarded('VirtualNetwork'), NETWORKS.existingVnetIntegration), 'azurerm_virtual_network_gateway.gw')).toBe(true);
    expect(failsOn(beside(guarded('10.20.0.0/16'), NETWORKS.existingVnetIntegration), 'azurerm_virtual_network_gateway.gw')).toBe(false);
  });
  test('a Bastion host without IP-based connection or tunneling passes; with tunneling known only at apply time it is unknown', () => {
    const bastion = (extra: Record<string, unknown>): Blocks => [['azurerm_bastion_host', 'b', { name: 'b', resource_group_name: 'rg-network', location: 'westeurope', sku: 'Standard', ...extra,
      ip_configuration: [{ name: 'c', subnet_id: `${VNET_ID}/subnets/AzureBastionSubnet`, public_ip_address_id: PUBLIC_IP }] }]];
    expect(beside(bastion({ ip_connect_enabled: false }))).toEqual([]);
    expect(beside(bastion({ tunneling_enabled: '${var.tunnel}' }), {}, (stack) => new TerraformVariable(stack, 'tunnel', { type: 'bool' }))).toEqual([
      expect.stringContaining('azurerm_bastion_host.b PG-NET-1 whether azurerm_bastion_host.b (a Bastion host with IP-based connection or native-client tunneling) widens the virtual network "vnet-hub" (resource group "rg-network"), the virtual network of the delegated subnet of test/Postgres\'s server, is known only at apply time (its ip_configuration.subnet_id)'),
    ]);
  });
  test('Azure-provided DNS (168.63.129.16, or none) on the server\'s VNet passes', () => {
    expect(beside([['azurerm_virtual_network_dns_servers', 'd', { virtual_network_id: VNET_ID, dns_servers: ['168.63.129.16'] }]])).toEqual([]);
    expect(beside([['azurerm_virtual_network', 'hub', { name: 'vnet-hub', resource_group_name: 'rg-network', location: 'westeurope', address_space: ['10.0.0.0/16'], dns_servers: [] }]])).toEqual([]);
    expect(beside([['azapi_update_resource', 'v', { type: VNET_TYPE, resource_id: VNET_ID, body: { tags: { a: 'b' } } }]])).toEqual([]);
  });
  test('a gateway whose subnet is known only at apply time may be in the server\'s VNet: unknown', () => {
    const errors = beside([['azurerm_virtual_network_gateway', 'gw', { name: 'gw', resource_group_name: 'rg-x', location: 'westeurope', type: 'Vpn', sku: 'VpnGw1',
      ip_configuration: [{ name: 'c', public_ip_address_id: PUBLIC_IP, subnet_id: '${var.subnet}' }] }]], {}, (stack) => new TerraformVariable(stack, 'subnet', { type: 'string' }));
    expect(errors).toEqual([expect.stringContaining('azurerm_virtual_network_gateway.gw PG-NET-1 whether azurerm_virtual_network_gateway.gw (a virtual network gateway) widens')]);
  });
});

describe('azapi bodies', () => {
  test('a VNet body as JSON text, or with property names in another case, is read as its object; one known only at apply time is unknown', () => {
    const update = (body: unknown): Blocks => [['azapi_update_resource', 'v', { type: VNET_TYPE, resource_id: VNET_ID, body }]];
    expect(failsOn(beside(update(JSON.stringify({ properties: { dhcpOptions: { dnsServers: ['10.0.0.4'] } } }))), 'azapi_update_resource.v')).toBe(true);
    expect(failsOn(beside(update({ properties: { DhcpOptions: { DnsServers: ['10.0.0.4'] } } })), 'azapi_update_resource.v')).toBe(true);
    expect(failsOn(beside(update({ properties: { VirtualNetworkPeerings: [{ name: 'p', properties: { remoteVirtualNetwork: { id: OTHER_VNET } } }] } })), 'azapi_update_resource.v')).toBe(true);
    expect(beside(update('${var.body}'), {}, (stack) => new TerraformVariable(stack, 'body', { type: 'any' }))).toEqual([
      expect.stringContaining('azapi_update_resource.v PG-NET-1 whether azapi_update_resource.v (DNS servers of its own) widens the virtual network "vnet-hub"'),
    ]);
  });
  test('a gateway in an azapi subnet of the server\'s VNet, by reference, fails; in an azapi subnet of another VNet it passes', () => {
    const inSubnetOf = (vnet: string): Blocks => [['azapi_resource', 'gws', { type: 'Microsoft.Network/virtualNetworks/subnets@2024-05-01', parent_id: vnet, name: 'GatewaySubnet', body: { properties: { addressPrefix: '10.0.255.0/27' } } }],
      ['azurerm_virtual_network_gateway', 'gw', { name: 'gw', resource_group_name: 'rg-network', location: 'westeurope', type: 'Vpn', sku: 'VpnGw1', ip_configuration: [{ name: 'c', public_ip_address_id: PUBLIC_IP, subnet_id: '${azapi_resource.gws.id}' }] }]];
    expect(failsOn(beside(inSubnetOf(VNET_ID)), 'azurerm_virtual_network_gateway.gw')).toBe(true);
    expect(beside(inSubnetOf(OTHER_VNET))).toEqual([]);
  });
  test('a peering child whose remote network is the server\'s, under another VNet, fails; an action that only reads passes', () => {
    expect(failsOn(beside([['azapi_resource', 'p', { type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2024-05-01', parent_id: OTHER_VNET, name: 'p', body: { properties: { remoteVirtualNetwork: { id: VNET_ID } } } }]]), 'azapi_resource.p')).toBe(true);
    expect(beside([['azapi_resource_action', 'r', { type: 'Microsoft.Network/virtualNetworkGateways@2024-05-01', resource_id: `${SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworkGateways/gw`, action: 'getvpnclientipsecparameters', method: 'POST' }]])).toEqual([]);
  });
});

describe('messages and suppressions', () => {
  test('a gateway in the construct\'s VNet names the VNet, why it widens and the fix; a suppression with the reason keeps it', () => {
    expect(beside(gateway(VNET_ID))).toEqual([
      '  [test] azurerm_virtual_network_gateway.gw PG-NET-1 azurerm_virtual_network_gateway.gw is a virtual network gateway in the virtual network "vnet-hub" (resource group "rg-network"), the virtual network of the delegated subnet of test/Postgres\'s server (by its ip_configuration.subnet_id): its point-to-site clients and the on-premises, ExpressRoute and VNet-to-VNet networks of its connections join the VirtualNetwork service tag, from which test/Postgres\'s network security group lets PostgreSQL in. Narrow the construct\'s network allowedSources to the address prefixes that need the server, or suppress PG-NET-1 on the resource with the reason (access from on-premises or other networks through it is a legitimate design, but it must be explicit). Fix: Declare the path through the construct\'s network props, or review it and suppress PG-NET-1 on the resource with the reason; remove overrides of delegated_subnet_id and private_dns_zone_id.',
    ]);
    expect(beside(gateway(VNET_ID), {}, (stack) => PostgresSecurityChecks.suppress(stack.node.findChild('gw'), 'PG-NET-1', 'on-premises clients through the hub VPN, reviewed in NET-88'))).toEqual([]);
  });
  test('DNS servers on the VNet of the construct\'s private endpoint name the Azure DNS fix', () => {
    expect(beside([['azurerm_virtual_network_dns_servers', 'd', { virtual_network_id: VNET_ID, dns_servers: ['10.0.0.4'] }]], NETWORKS.privateEndpoint)).toEqual([
      expect.stringContaining('azurerm_virtual_network_dns_servers.d sets DNS servers of its own on the virtual network "vnet-hub" (resource group "rg-network"), the virtual network of azurerm_private_endpoint.Postgres_PrivateEndpoint_'),
    ]);
  });
  test('a VNet of the stack with DNS servers of its own that holds the construct\'s subnet fails synth (A16b-4)', () => {
    const stack = newStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const group = new ResourceGroup(stack, 'Group', { name: 'rg-orders-db', location: 'westeurope' });
    const network = new VirtualNetwork(stack, 'Network', { name: 'vnet-orders', resourceGroupName: group.name, location: group.location, addressSpace: ['10.20.0.0/16'], dnsServers: ['203.0.113.53'] });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: network.id, subnetAddressPrefix: '10.20.1.0/28' }) }));
    expect(synthErrors(stack)).toEqual([expect.stringMatching(/^ {2}\[test\] azurerm_virtual_network\.Network PG-NET-1 azurerm_virtual_network\.Network sets DNS servers of its own on azurerm_virtual_network\.Network, the virtual network of the delegated subnet of test\/Postgres's server \(by its dns_servers\)/)]);
  });
  test('a Single Server\'s private endpoint VNet is judged alike', () => {
    const stack = newStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    new SecureSingleServer(stack, 'Legacy', minimalSingleProps({ network: SingleServerNetwork.privateEndpoint({ subnetResourceId: `${VNET_ID}/subnets/snet-endpoints` }) }));
    const peering = new TerraformResource(stack, 'p', { terraformResourceType: 'azurerm_virtual_network_peering' });
    for (const [key, value] of Object.entries({ name: 'p', resource_group_name: 'rg-network', virtual_network_name: 'vnet-hub', remote_virtual_network_id: OTHER_VNET })) peering.addOverride(key, value);
    expect(synthErrors(stack).filter((line) => line.includes(' PG-NET-1 '))).toEqual([expect.stringContaining('azurerm_virtual_network_peering.p PG-NET-1 azurerm_virtual_network_peering.p is a peering of the virtual network "vnet-hub"')]);
  });
});

describe('a writer of the same kind the table does not read fails closed', () => {
  test.each([
    ['azurerm_vpn_gateway_connection', { name: 'v', vpn_gateway_id: 'x', remote_vpn_site_id: 'y', routing: [{ associated_route_table: 'r', propagated_route_table: [{ route_table_ids: [`${VNET_ID}/subnets/snet-postgres`] }] }] }],
    ['azapi_resource', { type: 'Microsoft.Network/p2sVpnGateways@2024-05-01', parent_id: `${SUBSCRIPTION}/resourceGroups/rg-wan`, name: 'p2s', body: { properties: { note: `${VNET_ID}/subnets/GatewaySubnet` } } }],
  ])('%s naming the server\'s VNet fails PG-NET-1', (type, config) => {
    expect(beside([[type, 'x', config]])).toEqual([expect.stringContaining(`${type}.x PG-NET-1 ${type}.x is of a type that joins networks to a virtual network and names the virtual network "vnet-hub"`)]);
  });
  // A JSON escape Azure decodes hides no VNet (A17b-1's class): the body as JSON text, hex in either case, in body or sensitive_body.
  test.each([
    ['body', '\\u006f'], ['body', '\\u006F'], ['sensitive_body', '\\u006f'], ['sensitive_body', '\\u006F'],
  ])('an unread type naming the server\'s VNet with JSON escapes in its %s (%s) fails PG-NET-1', (argument, escape) => {
    const text = `{"properties":{"note":"${`${VNET_ID}/subnets/GatewaySubnet`.replace(/o/g, escape).replace(/\//g, '\\/')}"}}`;
    expect(JSON.parse(text)).toEqual({ properties: { note: `${VNET_ID}/subnets/GatewaySubnet` } });
    expect(text).not.toMatch(/virtualNetworks/i);
    expect(beside([['azapi_resource', 'x', { type: 'Microsoft.Network/p2sVpnGateways@2024-05-01', parent_id: `${SUBSCRIPTION}/resourceGroups/rg-wan`, name: 'p2s', [argument]: text }]]))
      .toEqual([expect.stringContaining('azapi_resource.x PG-NET-1 azapi_resource.x is of a type that joins networks to a virtual network and names the virtual network "vnet-hub"')]);
  });
  test.each([
    ['body', '\\u006f'], ['body', '\\u006F'], ['sensitive_body', '\\u006f'], ['sensitive_body', '\\u006F'],
  ])('an unread type naming the server\'s VNet with JSON escapes in its %s (%s) beside an interpolation fails PG-NET-1', (argument, escape) => {
    const text = `{"properties":{"owner":"\${var.owner}","note":"${`${VNET_ID}/subnets/GatewaySubnet`.replace(/o/g, escape).replace(/\//g, '\\/')}"}}`;
    expect(beside([['azapi_resource', 'x', { type: 'Microsoft.Network/p2sVpnGateways@2024-05-01', parent_id: `${SUBSCRIPTION}/resourceGroups/rg-wan`, name: 'p2s', [argument]: text }]], {}, (stack) => new TerraformVariable(stack, 'owner', { type: 'string' })))
      .toEqual([expect.stringContaining('azapi_resource.x PG-NET-1 azapi_resource.x is of a type that joins networks to a virtual network and names the virtual network "vnet-hub"')]);
  });
  test.each(['\\u006f', '\\U0000006F'])('an unread type naming the server\'s VNet in an HCL expression with its escapes (%s) fails PG-NET-1', (escape) => {
    const body = `\${jsonencode({ properties = { owner = var.owner, note = "${`${VNET_ID}/subnets/GatewaySubnet`.replace(/o/g, escape)}" } })}`;
    expect(beside([['azapi_resource', 'x', { type: 'Microsoft.Network/p2sVpnGateways@2024-05-01', parent_id: `${SUBSCRIPTION}/resourceGroups/rg-wan`, name: 'p2s', body }]], {}, (stack) => new TerraformVariable(stack, 'owner', { type: 'string' })))
      .toEqual([expect.stringContaining('azapi_resource.x PG-NET-1 azapi_resource.x is of a type that joins networks to a virtual network and names the virtual network "vnet-hub"')]);
  });
  test('an unread type whose body text names another object before the server\'s VNet fails PG-NET-1 (each ID of a text is read)', () => {
    const text = JSON.stringify({ properties: { hub: HUB, note: `${VNET_ID}/subnets/GatewaySubnet` } });
    expect(beside([['azapi_resource', 'x', { type: 'Microsoft.Network/p2sVpnGateways@2024-05-01', parent_id: `${SUBSCRIPTION}/resourceGroups/rg-wan`, name: 'p2s', body: text }]]))
      .toEqual([expect.stringContaining('azapi_resource.x PG-NET-1 azapi_resource.x is of a type that joins networks to a virtual network and names the virtual network "vnet-hub"')]);
  });
  // Read by the one ID grammar (ids-in-text.ts; stop 36): a spelling ARM reads as the VNet's ID, or an expression that may spell it.
  const GATEWAY_SUBNET = `${VNET_ID}/subnets/GatewaySubnet`;
  const SPELLED: [string, string][] = [
    ['"//" before the group', GATEWAY_SUBNET.replace('resourceGroups/', 'resourceGroups//')],
    ['a final dot on the VNet\'s name', GATEWAY_SUBNET.replace('vnet-hub', 'vnet-hub.')],
    ['a long s in the type', GATEWAY_SUBNET.replace('virtualNetworks', 'virtualNetwork\u017f')],
    ['a percent-encoded "-"', GATEWAY_SUBNET.replace('rg-network', 'rg%2Dnetwork')],
    ['a ".." segment', GATEWAY_SUBNET.replace('/vnet-hub/', '/x/../vnet-hub/')],
    ['a format() of a variable subscription', `\${format("/subscriptions/%s/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/GatewaySubnet", var.s)}`],
    ['a join() of a variable subscription', '${join("/", ["", "subscriptions", var.s, "resourceGroups", "rg-network", "providers", "Microsoft.Network", "virtualNetworks", "vnet-hub"])}'],
    ['a template of a variable group', '/subscriptions/${var.s}/resourceGroups/${var.s}/providers/Microsoft.Network/virtualNetworks/vnet-hub'],
  ];
  const p2s = (note: string): Blocks => [['azapi_resource', 'x', { type: 'Microsoft.Network/p2sVpnGateways@2024-05-01', parent_id: `${SUBSCRIPTION}/resourceGroups/rg-wan`, name: 'p2s', body: { properties: { note } } }]];
  const variable = (stack: TerraformStack) => new TerraformVariable(stack, 's', { type: 'string' });
  test.each(SPELLED)('an unread type naming the server\'s VNet by %s fails PG-NET-1', (_how, id) => {
    expect(beside(p2s(id), {}, variable)).toEqual([expect.stringContaining('azapi_resource.x PG-NET-1 azapi_resource.x is of a type that joins networks to a virtual network and names the virtual network "vnet-hub"')]);
  });
  test.each([
    ['another VNet, with "//"', `${OTHER_VNET.replace('resourceGroups/', 'resourceGroups//')}/subnets/GatewaySubnet`],
    ['a VNet whose name the server\'s is a prefix of', `${VNET_ID}2/subnets/GatewaySubnet`],
    ['a format() of another VNet', '${format("/subscriptions/%s/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/%s", var.s, "vnet-spoke")}'],
    ['a template whose every name is a variable (a pointer known only at apply time)', '/subscriptions/${var.s}/resourceGroups/${var.s}/providers/Microsoft.Network/virtualNetworks/${var.s}'],
  ])('control: an unread type naming %s passes', (_how, id) => {
    expect(beside(p2s(id), {}, variable)).toEqual([]);
  });
  test('a child of a gateway that routes what it carries is inert; an unread type naming another VNet passes', () => {
    expect(beside([['azurerm_virtual_network_gateway_nat_rule', 'n', { name: 'n', resource_group_name: 'rg-network', virtual_network_gateway_id: `${VNET_ID}/x`, external_mapping: [{ address_space: '192.168.10.0/24' }], internal_mapping: [{ address_space: '192.168.20.0/24' }] }]])).toEqual([]);
    expect(beside([['azurerm_vpn_gateway_connection', 'v', { name: 'v', vpn_gateway_id: 'x', remote_vpn_site_id: `${OTHER_VNET}/x` }]])).toEqual([]);
  });
});
