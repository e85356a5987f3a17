import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformDataSource, TerraformResource } from 'cdktf';
import { FlexibleServerNetwork, SecureFlexibleServer, SecureFlexibleServerProps } from '../../lib';
import { FIREWALL_RULE_TYPES } from '../../lib/checks/firewall-placements';
import { SOURCE_REWRITER_TYPES } from '../../lib/checks/source-rewriters';
import { minimalProps, newStack, synthErrors, VNET_ID } from '../helpers';

// Forwarders that connect to the server from their own address (twentieth review, A20b-3): once a construct's allowedSources
// are narrowed to prefixes, an Azure Firewall DNAT rule, an Application Gateway or a Private Link service placed inside an
// allowed prefix hands that prefix to everyone it takes connections from. Every row of the table fails PG-NET-1 placed inside
// an allowed prefix with sources outside them, and passes placed outside, or with sources all inside the allowed prefixes.

/** The construct admits PostgreSQL from 10.20.0.0/16 only; its server is in 10.0.1.0/28. */
const NARROWED: Partial<SecureFlexibleServerProps> = { network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: VNET_ID, subnetAddressPrefix: '10.0.1.0/28', allowedSources: ['10.20.0.0/16'] }) };
const INSIDE = '10.20.5.0/24';
const OUTSIDE = '172.16.0.0/24';
const ON_PREMISES = '192.168.0.0/16';
const ALLOWED_CLIENTS = '10.20.7.0/24';
const SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
const RG = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-hub`;

type Blocks = [type: string, id: string, config: Record<string, unknown>][];

const subnet = (range: string): Blocks[number] => ['azurerm_subnet', 'fwd', { name: 'snet-fwd', resource_group_name: 'rg-hub', virtual_network_name: 'vnet-hub', address_prefixes: [range] }];
const POLICY_ID = `${RG}/providers/Microsoft.Network/firewallPolicies/p`;
/** A firewall in the subnet `range` using the policy (a rule runs on the firewalls that use its policy, A21b-2). */
const firewall = (range: string, policy = POLICY_ID): Blocks => [subnet(range), ['azurerm_firewall', 'fw', { name: 'fw', resource_group_name: 'rg-hub', location: 'westeurope', sku_name: 'AZFW_VNet', sku_tier: 'Standard', firewall_policy_id: policy, ip_configuration: [{ name: 'c', subnet_id: '${azurerm_subnet.fwd.id}', public_ip_address_id: 'x' }] }]];
const natRule = (source: string) => ({ name: 'pg', protocols: ['TCP'], source_addresses: [source], destination_address: '10.20.5.4', destination_ports: ['5432'], translated_address: '10.0.1.4', translated_port: 5432 });
const armNatRule = (source: string) => ({ name: 'pg', ruleType: 'NatRule', ipProtocols: ['TCP'], sourceAddresses: [source], destinationAddresses: ['10.20.5.4'], destinationPorts: ['5432'], translatedAddress: '10.0.1.4', translatedPort: '5432' });
const ipConfigurations = (name: string) => [{ name, properties: { subnet: { id: '${azurerm_subnet.fwd.id}' } } }];
/** A draft of the policy's group g (its rules until a deploy action applies them). */
const draft = (ruleCollections: unknown[]): Blocks[number] => ['azapi_resource', 'd', { type: 'Microsoft.Network/firewallPolicies/ruleCollectionGroups/ruleCollectionGroupDrafts@2023-11-01',
  parent_id: `${POLICY_ID}/ruleCollectionGroups/g`, name: 'default', body: { properties: { priority: 100, ruleCollections } } }];

/** One case per type of the table: the blocks of a forwarder placed in `range` taking connections from `source` to the server. */
const ROWS: { readonly [type: string]: { readonly failing: string; readonly blocks: (range: string, source: string) => Blocks; readonly proxy?: true } } = {
  azurerm_firewall_policy_rule_collection_group: { failing: 'azurerm_firewall_policy_rule_collection_group.g', blocks: (range, source) => [...firewall(range),
    ['azurerm_firewall_policy_rule_collection_group', 'g', { name: 'g', firewall_policy_id: POLICY_ID, priority: 100, nat_rule_collection: [{ name: 'dnat', priority: 100, action: 'Dnat', rule: [natRule(source)] }] }]] },
  azurerm_firewall_nat_rule_collection: { failing: 'azurerm_firewall_nat_rule_collection.n', blocks: (range, source) => [...firewall(range),
    ['azurerm_firewall_nat_rule_collection', 'n', { name: 'dnat', azure_firewall_name: 'fw', resource_group_name: 'rg-hub', priority: 100, action: 'Dnat', rule: [{ ...natRule(source), destination_address: undefined, destination_addresses: ['10.20.5.4'] }] }]] },
  'microsoft.network/azurefirewalls': { failing: 'azapi_resource.fw', blocks: (range, source) => [subnet(range), ['azapi_resource', 'fw', { type: 'Microsoft.Network/azureFirewalls@2024-05-01', parent_id: RG, name: 'fw', location: 'westeurope',
    body: { properties: { ipConfigurations: ipConfigurations('c'), natRuleCollections: [{ name: 'dnat', properties: { priority: 100, action: { type: 'Dnat' }, rules: [{ name: 'pg', protocols: ['TCP'], sourceAddresses: [source], destinationAddresses: ['10.20.5.4'], destinationPorts: ['5432'], translatedAddress: '10.0.1.4', translatedPort: '5432' }] } }] } } }]] },
  'microsoft.network/firewallpolicies/rulecollectiongroups': { failing: 'azapi_resource.g', blocks: (range, source) => [...firewall(range), ['azapi_resource', 'g', { type: 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01', parent_id: POLICY_ID, name: 'g',
    body: { properties: { priority: 100, ruleCollections: [{ ruleCollectionType: 'FirewallPolicyNatRuleCollection', name: 'dnat', priority: 100, action: { type: 'Dnat' }, rules: [armNatRule(source)] }] } } }]] },
  // A group's draft: the rules a deploy action makes the group's (A22b-5).
  'microsoft.network/firewallpolicies/rulecollectiongroups/rulecollectiongroupdrafts': { failing: 'azapi_resource.d', blocks: (range, source) => [...firewall(range), draft([{ ruleCollectionType: 'FirewallPolicyNatRuleCollection', name: 'dnat', priority: 100, action: { type: 'Dnat' }, rules: [armNatRule(source)] }])] },
  // A gateway takes its frontend's clients (the internet, or the VNet tag for a private one): its sources are never a prefix list.
  azurerm_application_gateway: { failing: 'azurerm_application_gateway.agw', proxy: true, blocks: (range, source) => [subnet(range), ['azurerm_application_gateway', 'agw', { name: 'agw', resource_group_name: 'rg-hub', location: 'westeurope', sku: [{ name: 'Standard_v2', tier: 'Standard_v2', capacity: 1 }],
    gateway_ip_configuration: [{ name: 'g', subnet_id: '${azurerm_subnet.fwd.id}' }], frontend_ip_configuration: [source === ON_PREMISES ? { name: 'f', public_ip_address_id: 'x' } : { name: 'f', private_ip_address: '10.20.5.10', subnet_id: '${azurerm_subnet.fwd.id}' }],
    frontend_port: [{ name: 'p', port: 5432 }], backend_address_pool: [{ name: 'b', ip_addresses: ['10.0.1.4'] }], backend_http_settings: [{ name: 's', port: 5432, protocol: 'Http', cookie_based_affinity: 'Disabled' }] }]] },
  'microsoft.network/applicationgateways': { failing: 'azapi_resource.agw', proxy: true, blocks: (range, source) => [subnet(range), ['azapi_resource', 'agw', { type: 'Microsoft.Network/applicationGateways@2024-05-01', parent_id: RG, name: 'agw', location: 'westeurope',
    body: { properties: { gatewayIPConfigurations: ipConfigurations('g'), frontendIPConfigurations: [source === ON_PREMISES ? { name: 'f', properties: { publicIPAddress: { id: 'x' } } } : { name: 'f', properties: { privateIPAddress: '10.20.5.10', subnet: { id: '${azurerm_subnet.fwd.id}' } } }],
      frontendPorts: [{ name: 'p', properties: { port: 5432 } }], backendAddressPools: [{ name: 'b', properties: { backendAddresses: [{ ipAddress: '10.0.1.4' }] } }], backendHttpSettingsCollection: [{ name: 's', properties: { port: 5432, protocol: 'Http' } }] } } }]] },
  // A Private Link service takes other tenants' endpoints (any source) and connects from its NAT addresses.
  azurerm_private_link_service: { failing: 'azurerm_private_link_service.pls', proxy: true, blocks: (range) => [subnet(range), ['azurerm_private_link_service', 'pls', { name: 'pls', resource_group_name: 'rg-hub', location: 'westeurope',
    destination_ip_address: '10.0.1.4', nat_ip_configuration: [{ name: 'n', primary: true, subnet_id: '${azurerm_subnet.fwd.id}' }] }]] },
  'microsoft.network/privatelinkservices': { failing: 'azapi_resource.pls', proxy: true, blocks: (range) => [subnet(range), ['azapi_resource', 'pls', { type: 'Microsoft.Network/privateLinkServices@2024-05-01', parent_id: RG, name: 'pls', location: 'westeurope',
    body: { properties: { destinationIPAddress: '10.0.1.4', ipConfigurations: [{ name: 'n', properties: { primary: true, subnet: { id: '${azurerm_subnet.fwd.id}' } } }] } } }]] },
  // An NGINXaaS deployment proxies from its own subnet; its frontend takes the internet (public) or the VNet tag (private).
  ...Object.fromEntries(([
    ['azurerm_nginx_configuration', 'azurerm_nginx_configuration.c', (content: string) => [['azurerm_nginx_configuration', 'c', { nginx_deployment_id: '${azurerm_nginx_deployment.ng.id}', root_file: '/etc/nginx/nginx.conf', config_file: [{ content, virtual_path: '/etc/nginx/nginx.conf' }] }]]],
    ['azurerm_nginx_deployment', 'azurerm_nginx_deployment.ng', (content: string) => [['azurerm_nginx_deployment', 'ng', { configuration: [{ root_file: '/etc/nginx/nginx.conf', config_file: [{ content, virtual_path: '/etc/nginx/nginx.conf' }] }] }]]],
    ['nginx.nginxplus/nginxdeployments/configurations', 'azapi_resource.c', (content: string) => [['azapi_resource', 'c', { type: 'Nginx.NginxPlus/nginxDeployments/configurations@2024-11-01-preview', name: 'default', parent_id: '${azurerm_nginx_deployment.ng.id}', body: { properties: { rootFile: '/etc/nginx/nginx.conf', files: [{ content, virtualPath: '/etc/nginx/nginx.conf' }] } } }]]],
    ['microsoft.nginx/nginxdeployments/configurations', 'azapi_resource.c', (content: string) => [['azapi_resource', 'c', { type: 'Microsoft.Nginx/nginxDeployments/configurations@2024-11-01-preview', name: 'default', parent_id: '${azurerm_nginx_deployment.ng.id}', body: { properties: { files: [{ content, virtualPath: '/etc/nginx/nginx.conf' }] } } }]]],
  ] as [string, string, (content: string) => Blocks][]).map(([type, failing, writer]) => [type, { failing, proxy: true as const, blocks: (range: string, source: string): Blocks => {
    const deployment: Blocks[number] = ['azurerm_nginx_deployment', 'ng', { name: 'ngx', resource_group_name: 'rg-hub', location: 'westeurope', sku: 'standardv2_Monthly', network_interface: [{ subnet_id: '${azurerm_subnet.fwd.id}' }],
      ...(source === ON_PREMISES ? { frontend_public: [{ ip_address: ['x'] }] } : { frontend_private: [{ ip_address: '10.20.5.10', allocation_method: 'Static', subnet_id: '${azurerm_subnet.fwd.id}' }] }) }];
    const blocks = writer(Buffer.from('stream { server { listen 5432; proxy_pass 10.0.1.4:5432; } }').toString('base64'));
    // The deployment's own configuration block is written into the deployment.
    const merged = blocks[0][0] === 'azurerm_nginx_deployment' ? [['azurerm_nginx_deployment', 'ng', { ...deployment[2], ...blocks[0][2] }] as Blocks[number]] : [deployment, ...blocks];
    return [subnet(range), ...merged];
  } }])),
};

function beside(blocks: Blocks, overrides: Partial<SecureFlexibleServerProps> = NARROWED, subscriptionId?: string): string[] {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}], ...(subscriptionId === undefined ? {} : { subscriptionId }) });
  new SecureFlexibleServer(stack, 'Postgres', minimalProps(overrides));
  for (const [type, id, config] of blocks) {
    const block = type.startsWith('data.') ? new TerraformDataSource(stack, id, { terraformResourceType: type.slice('data.'.length) }) : new TerraformResource(stack, id, { terraformResourceType: type });
    for (const [key, value] of Object.entries(config)) if (value !== undefined) block.addOverride(key, value);
  }
  return synthErrors(stack).filter((line) => / PG-NET-1 /.test(line) && /allowed sources/.test(line));
}

const failsOn = (errors: string[], address: string) => errors.some((line) => line.startsWith(`  [test] ${address} PG-NET-1 `));

describe('every row of the table (A20b-3)', () => {
  test('the cases cover every forwarder type of the table', () => {
    expect(new Set(Object.keys(ROWS))).toEqual(new Set(SOURCE_REWRITER_TYPES));
  });

  test.each(Object.entries(ROWS))('%s: inside an allowed prefix, taking connections from outside them, fails; placed outside, or taking only allowed clients, passes', (_type, row) => {
    expect(failsOn(beside(row.blocks(INSIDE, ON_PREMISES)), row.failing)).toBe(true);
    expect(beside(row.blocks(OUTSIDE, ON_PREMISES))).toEqual([]);
    const narrowed = beside(row.blocks(INSIDE, ALLOWED_CLIENTS));
    // A gateway's private frontend takes the whole VirtualNetwork tag, a Private Link service any endpoint: still fails.
    expect(failsOn(narrowed, row.failing)).toBe(row.proxy === true);
  });
});

describe('an NGINXaaS deployment whose configuration cannot be read (A20b-3)', () => {
  const unreadable = (range: string): Blocks => [subnet(range),
    ['azurerm_nginx_deployment', 'ng', { name: 'ngx', resource_group_name: 'rg-hub', location: 'westeurope', sku: 'standardv2_Monthly', network_interface: [{ subnet_id: '${azurerm_subnet.fwd.id}' }], frontend_public: [{ ip_address: ['x'] }] }],
    ['azurerm_nginx_configuration', 'c', { nginx_deployment_id: '${azurerm_nginx_deployment.ng.id}', root_file: '/etc/nginx/nginx.conf', config_file: [{ content: '${var.conf}', virtual_path: '/etc/nginx/nginx.conf' }] }]];

  test('in another VNet, inside an allowed prefix, may forward the internet to the server from an allowed address: fails', () => {
    expect(failsOn(beside(unreadable(INSIDE)), 'azurerm_nginx_configuration.c')).toBe(true);
  });

  test('outside every allowed prefix it connects from an address the server\'s rules refuse: passes', () => {
    expect(beside(unreadable(OUTSIDE))).toEqual([]);
  });
});

describe('network rules through a firewall that SNATs toward the server (A20b-3)', () => {
  const rules = (range: string, source = ON_PREMISES): Blocks => [...firewall(range, '${azurerm_firewall_policy.p.id}'), ['azurerm_firewall_policy_rule_collection_group', 'g', { name: 'g', firewall_policy_id: '${azurerm_firewall_policy.p.id}', priority: 100,
    network_rule_collection: [{ name: 'db', priority: 100, action: 'Allow', rule: [{ name: 'pg', protocols: ['TCP'], source_addresses: [source], destination_addresses: ['10.0.1.0/28'], destination_ports: ['5432'] }] }] }]];
  const policy = (config: Record<string, unknown>): Blocks[number] => ['azurerm_firewall_policy', 'p', { name: 'p', resource_group_name: 'rg-hub', location: 'westeurope', ...config }];

  test('Azure\'s default (no SNAT toward the IANA private ranges), and a list holding the server\'s subnet, keep the sources: the NSG judges them, it passes', () => {
    expect(beside([...rules(INSIDE), policy({})])).toEqual([]);
    expect(beside([...rules(INSIDE), policy({ private_ip_ranges: ['IANAPrivateRanges'] })])).toEqual([]);
    expect(beside([...rules(INSIDE), policy({ private_ip_ranges: ['10.0.0.0/8'] })])).toEqual([]);
  });

  test('ranges that leave the server\'s subnet out (always SNAT, or a list without 10/8), or known only later, fail on the rule', () => {
    expect(failsOn(beside([...rules(INSIDE), policy({ private_ip_ranges: ['255.255.255.255/32'] })]), 'azurerm_firewall_policy_rule_collection_group.g')).toBe(true);
    expect(failsOn(beside([...rules(INSIDE), policy({ private_ip_ranges: ['172.16.0.0/12', '192.168.0.0/16'] })]), 'azurerm_firewall_policy_rule_collection_group.g')).toBe(true);
    expect(failsOn(beside([...rules(INSIDE), policy({ private_ip_ranges: '${var.ranges}' })]), 'azurerm_firewall_policy_rule_collection_group.g')).toBe(true);
  });

  test('the same by an azapi update of the policy (snat.privateRanges), and a classic firewall\'s private_ip_ranges', () => {
    expect(failsOn(beside([...rules(INSIDE), policy({}), ['azapi_update_resource', 'snat', { type: 'Microsoft.Network/firewallPolicies@2024-05-01', resource_id: '${azurerm_firewall_policy.p.id}', body: { properties: { snat: { privateRanges: ['255.255.255.255/32'] } } } }]]), 'azurerm_firewall_policy_rule_collection_group.g')).toBe(true);
    const classic = (ranges: string[]): Blocks => [subnet(INSIDE), ['azurerm_firewall', 'fw', { name: 'fw', resource_group_name: 'rg-hub', location: 'westeurope', sku_name: 'AZFW_VNet', sku_tier: 'Standard', private_ip_ranges: ranges, ip_configuration: [{ name: 'c', subnet_id: '${azurerm_subnet.fwd.id}', public_ip_address_id: 'x' }] }],
      ['azurerm_firewall_network_rule_collection', 'n', { name: 'db', azure_firewall_name: 'fw', resource_group_name: 'rg-hub', priority: 100, action: 'Allow', rule: [{ name: 'pg', protocols: ['TCP'], source_addresses: [ON_PREMISES], destination_addresses: ['10.0.1.0/28'], destination_ports: ['5432'] }] }]];
    expect(failsOn(beside(classic(['172.16.0.0/12', '192.168.0.0/16'])), 'azurerm_firewall_network_rule_collection.n')).toBe(true);
    expect(beside(classic(['10.0.0.0/8']))).toEqual([]);
  });

  test('a firewall outside the allowed prefixes, sources all inside them, or a rule toward another address, pass', () => {
    const always = policy({ private_ip_ranges: ['255.255.255.255/32'] });
    expect(beside([...rules(OUTSIDE), always])).toEqual([]);
    expect(beside([...rules(INSIDE, ALLOWED_CLIENTS), always])).toEqual([]);
    const elsewhere = rules(INSIDE);
    (elsewhere[2][2].network_rule_collection as { rule: { destination_addresses: string[] }[] }[])[0].rule[0].destination_addresses = ['10.99.0.0/24'];
    expect(beside([...elsewhere, always])).toEqual([]);
  });

  test('a rule to a private balancer\'s frontend whose pool holds the server fails like one to the server (the balancer keeps the firewall\'s address); a pool elsewhere passes', () => {
    const always = policy({ private_ip_ranges: ['255.255.255.255/32'] });
    const balancer = (backend: string): Blocks => [
      ['azurerm_lb', 'lb', { name: 'lb', resource_group_name: 'rg-hub', location: 'westeurope', frontend_ip_configuration: [{ name: 'fe', subnet_id: `${RG}/providers/Microsoft.Network/virtualNetworks/vnet-lb/subnets/lb`, private_ip_address: '10.8.0.10' }] }],
      ['azurerm_lb_backend_address_pool', 'pool', { name: 'pool', loadbalancer_id: '${azurerm_lb.lb.id}' }],
      ['azurerm_lb_rule', 'r', { name: 'r', loadbalancer_id: '${azurerm_lb.lb.id}', protocol: 'Tcp', frontend_port: 5432, backend_port: 5432, frontend_ip_configuration_name: 'fe' }],
      ['azurerm_lb_backend_address_pool_address', 'a', { name: 'a', backend_address_pool_id: '${azurerm_lb_backend_address_pool.pool.id}', virtual_network_id: VNET_ID, ip_address: backend }]];
    const toBalancer = rules(INSIDE);
    (toBalancer[2][2].network_rule_collection as { rule: { destination_addresses: string[] }[] }[])[0].rule[0].destination_addresses = ['10.8.0.10'];
    expect(failsOn(beside([...toBalancer, always, ...balancer('10.0.1.4')]), 'azurerm_firewall_policy_rule_collection_group.g')).toBe(true);
    expect(beside([...toBalancer, always, ...balancer('10.99.0.4')])).toEqual([]);
    expect(beside([...toBalancer, policy({}), ...balancer('10.0.1.4')])).toEqual([]);
  });

  test('beside a construct whose sources hold the VirtualNetwork tag, this table adds nothing', () => {
    expect(beside([...rules(INSIDE), policy({ private_ip_ranges: ['255.255.255.255/32'] })], {})).toEqual([]);
  });
});

describe('network rules whose firewall\'s SNAT ranges the stack does not write (A25b-4)', () => {
  // A policy or firewall the stack does not make (given by ID, looked up) may SNAT every destination live (255.255.255.255/32):
  // its ranges are read as any, not as Azure's default, wherever the rule may reach the server from inside the allowed prefixes.
  const pgRule = (source = ON_PREMISES) => ({ name: 'pg', protocols: ['TCP'], source_addresses: [source], destination_addresses: ['10.0.1.0/28'], destination_ports: ['5432'] });
  const armRule = (source = ON_PREMISES) => ({ name: 'pg', ruleType: 'NetworkRule', ipProtocols: ['TCP'], sourceAddresses: [source], destinationAddresses: ['10.0.1.0/28'], destinationPorts: ['5432'] });
  const group = (policyId: string, source?: string): Blocks[number] => ['azurerm_firewall_policy_rule_collection_group', 'g', { name: 'g', firewall_policy_id: policyId, priority: 100,
    network_rule_collection: [{ name: 'db', priority: 100, action: 'Allow', rule: [pgRule(source)] }] }];
  const G = 'azurerm_firewall_policy_rule_collection_group.g';
  const lookedUp: Blocks[number] = ['data.azurerm_firewall_policy', 'p', { name: 'p', resource_group_name: 'rg-hub' }];
  const made = (config: Record<string, unknown> = {}): Blocks[number] => ['azurerm_firewall_policy', 'p', { name: 'p', resource_group_name: 'rg-hub', location: 'westeurope', ...config }];
  const classic = (firewallName: string, source?: string): Blocks[number] => ['azurerm_firewall_network_rule_collection', 'n', { name: 'db', azure_firewall_name: firewallName, resource_group_name: 'rg-hub', priority: 100, action: 'Allow', rule: [pgRule(source)] }];
  const armGroup = (parent: string, source?: string): Blocks[number] => ['azapi_resource', 'ag', { type: 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01', parent_id: parent, name: 'g',
    body: { properties: { priority: 100, ruleCollections: [{ ruleCollectionType: 'FirewallPolicyFilterRuleCollection', name: 'db', priority: 100, action: { type: 'Allow' }, rules: [armRule(source)] }] } } }];

  test('a rule on a policy given by ID fails: run by a firewall of the stack inside the allowed prefixes, or by none of the stack (anywhere)', () => {
    expect(failsOn(beside([...firewall(INSIDE), group(POLICY_ID)]), G)).toBe(true);
    expect(failsOn(beside([group(POLICY_ID)]), G)).toBe(true);
    expect(failsOn(beside([group('${var.policy_id}')]), G)).toBe(true);
  });

  test('a rule on a looked-up policy, in the azurerm, azapi and draft spellings, fails', () => {
    expect(failsOn(beside([lookedUp, ...firewall(INSIDE, '${data.azurerm_firewall_policy.p.id}'), group('${data.azurerm_firewall_policy.p.id}')]), G)).toBe(true);
    expect(failsOn(beside([lookedUp, group('${data.azurerm_firewall_policy.p.id}')]), G)).toBe(true);
    expect(failsOn(beside([...firewall(INSIDE), armGroup(POLICY_ID)]), 'azapi_resource.ag')).toBe(true);
    expect(failsOn(beside([...firewall(INSIDE), draft([{ ruleCollectionType: 'FirewallPolicyFilterRuleCollection', name: 'db', priority: 100, action: { type: 'Allow' }, rules: [armRule()] }])]), 'azapi_resource.d')).toBe(true);
  });

  test('a rule on a policy of the stack run by a firewall of the stack whose own policy the stack does not make fails (that policy\'s ranges decide)', () => {
    expect(failsOn(beside([...firewall(INSIDE, `${RG}/providers/Microsoft.Network/firewallPolicies/p-given`), made(), group('${azurerm_firewall_policy.p.id}')]), G)).toBe(true);
    // The same policy named by its literal ID in the provider's literal subscription is the stack's: its ranges (Azure's default here) are read.
    expect(beside([...firewall(INSIDE, POLICY_ID), made(), group('${azurerm_firewall_policy.p.id}')], NARROWED, SUBSCRIPTION)).toEqual([]);
  });

  // Read by the ID grammar (ids-in-text.ts; stop 36): "//", a final "." or another case is the same policy, whose ranges are read.
  test.each([['"//" before its name', (id: string) => id.replace(/\/([^/]+)$/, '//$1')], ['a final dot', (id: string) => `${id}.`], ['upper case and a final "/"', (id: string) => `${id.toUpperCase()}/`]])(
    'a policy of the stack named by its literal ID with %s is the stack\'s', (_how, spell) => {
      expect(beside([...firewall(INSIDE, spell(POLICY_ID)), made(), group('${azurerm_firewall_policy.p.id}')], NARROWED, SUBSCRIPTION)).toEqual([]);
    });

  // A literal ID is the stack's policy only by its whole ID (thirtieth run, A30b-4): a policy of its group and name in another
  // subscription, or in one the provider leaves to apply time, is a given policy whose live ranges may be "always SNAT".
  test('a rule on a policy of the stack\'s group and name in another subscription, or one known only at apply time, fails; in the provider\'s literal one it is the stack\'s', () => {
    const OTHER = POLICY_ID.replace(SUBSCRIPTION, '11111111-1111-1111-1111-111111111111');
    expect(failsOn(beside([...firewall(INSIDE, OTHER), made(), group(OTHER)], NARROWED, SUBSCRIPTION), G)).toBe(true);
    expect(failsOn(beside([...firewall(INSIDE, OTHER), made(), armGroup(OTHER)], NARROWED, SUBSCRIPTION), 'azapi_resource.ag')).toBe(true);
    expect(failsOn(beside([...firewall(INSIDE, POLICY_ID), made(), group(POLICY_ID)]), G)).toBe(true);
    expect(failsOn(beside([...firewall(INSIDE, '${azurerm_firewall_policy.p.id}'), made(), group(OTHER)], NARROWED, SUBSCRIPTION), G)).toBe(true);
    // Controls: the stack's policy by its literal ID in the provider's subscription, or by reference, keeps its ranges (Azure's default).
    expect(beside([...firewall(INSIDE, POLICY_ID), made(), group(POLICY_ID)], NARROWED, SUBSCRIPTION)).toEqual([]);
    expect(beside([...firewall(INSIDE, POLICY_ID.toUpperCase()), made(), armGroup(`${POLICY_ID}/`)], NARROWED, SUBSCRIPTION)).toEqual([]);
    expect(beside([...firewall(INSIDE, '${azurerm_firewall_policy.p.id}'), made(), group('${azurerm_firewall_policy.p.id}')])).toEqual([]);
  });

  // A policy given by ID whose SNAT ranges an azapi update or PATCH action writes is the stack's setting, at that whole ID only.
  test('an azapi update writing a given policy\'s SNAT ranges sets them at its whole ID; another subscription\'s, or an update that leaves them, does not', () => {
    const update = (target: string, properties: object): Blocks[number] => ['azapi_update_resource', 'u', { type: 'Microsoft.Network/firewallPolicies@2024-05-01', resource_id: target, body: { properties } }];
    const patch = (target: string, properties: object): Blocks[number] => ['azapi_resource_action', 'u', { type: 'Microsoft.Network/firewallPolicies@2024-05-01', resource_id: target, method: 'PATCH', body: { properties } }];
    const OTHER = POLICY_ID.replace(SUBSCRIPTION, '11111111-1111-1111-1111-111111111111');
    const DEFAULT = { snat: { privateRanges: ['IANAPrivateRanges'] } };
    for (const write of [update, patch]) {
      expect(beside([...firewall(INSIDE), write(POLICY_ID, DEFAULT), group(POLICY_ID)])).toEqual([]);
      expect(beside([...firewall(INSIDE), write(`${POLICY_ID.toUpperCase()}/`, DEFAULT), group(POLICY_ID)])).toEqual([]);
      expect(failsOn(beside([...firewall(INSIDE, OTHER), write(POLICY_ID, DEFAULT), group(OTHER)]), G)).toBe(true);
      expect(failsOn(beside([...firewall(INSIDE), write(POLICY_ID, { threatIntelMode: 'Deny' }), group(POLICY_ID)]), G)).toBe(true);
      expect(failsOn(beside([...firewall(INSIDE), write(POLICY_ID.replace(/\/p$/, '/p%31'), DEFAULT), group(POLICY_ID.replace(/\/p$/, '/p1'))]), G)).toBe(true);
    }
  });

  // Only a write or a block that surely exists and sends its request at apply is the stack's setting (31st run, A31b-1/A31b-2): a
  // count, for_each or OpenTofu enabled known only later, an action whose `when` is "destroy" (sent only when the block is destroyed)
  // or known only later, leaves the given policy's live ranges standing.
  const MAY_NOT: [string, Record<string, unknown>][] = [['count = var.on ? 1 : 0', { count: '${var.on ? 1 : 0}' }], ['count = var.n', { count: '${var.n}' }],
    ['for_each = var.m', { for_each: '${var.m}' }], ['lifecycle.enabled = var.on', { lifecycle: { enabled: '${var.on}' } }]];
  const SURE: [string, Record<string, unknown>][] = [['no count', {}], ['count = 1', { count: 1 }], ['count = "${1}"', { count: '${1}' }], ['for_each over a literal map', { for_each: { a: 1 } }],
    ['lifecycle.enabled = true', { lifecycle: { enabled: true } }]];
  const rangesWrite = (block: string, extra: Record<string, unknown>): Blocks[number] => [block, 'u', { type: 'Microsoft.Network/firewallPolicies@2024-05-01', resource_id: POLICY_ID,
    body: { properties: { snat: { privateRanges: ['IANAPrivateRanges'] } } }, ...(block === 'azapi_resource_action' ? { method: 'PATCH' } : {}), ...extra }];
  test.each([...MAY_NOT, ['when = "destroy"', { when: 'destroy' }], ['when = var.w', { when: '${var.w}' }], ['PUT when = "destroy"', { method: 'PUT', when: 'destroy' }]] as [string, Record<string, unknown>][])(
    'an azapi write of a given policy\'s SNAT ranges with %s does not set them', (name, extra) => {
      const blocks = name.includes('when') ? ['azapi_resource_action'] : ['azapi_update_resource', 'azapi_resource_action'];
      for (const block of blocks) expect(failsOn(beside([...firewall(INSIDE), rangesWrite(block, extra), group(POLICY_ID)]), G)).toBe(true);
    });
  test.each([...SURE, ['when = "apply"', { when: 'apply' }]] as [string, Record<string, unknown>][])('controls: an azapi write of a given policy\'s SNAT ranges with %s sets them', (name, extra) => {
    const blocks = name.includes('when') ? ['azapi_resource_action'] : ['azapi_update_resource', 'azapi_resource_action'];
    for (const block of blocks) expect(beside([...firewall(INSIDE), rangesWrite(block, extra), group(POLICY_ID)])).toEqual([]);
  });
  test.each(MAY_NOT)('the stack\'s policy named by its literal ID, or its firewall named by a classic collection, with %s is a given one', (_name, extra) => {
    expect(failsOn(beside([...firewall(INSIDE, POLICY_ID), made(extra), group(POLICY_ID)], NARROWED, SUBSCRIPTION), G)).toBe(true);
    const azapiPolicy: Blocks[number] = ['azapi_resource', 'p', { type: 'Microsoft.Network/firewallPolicies@2024-05-01', parent_id: `${RG}`, name: 'p', location: 'westeurope', body: { properties: {} }, ...extra }];
    expect(failsOn(beside([...firewall(INSIDE, POLICY_ID), azapiPolicy, group(POLICY_ID)], NARROWED, SUBSCRIPTION), G)).toBe(true);
    const [net, [type, id, config]] = firewall(INSIDE, '${azurerm_firewall_policy.p.id}');
    expect(failsOn(beside([net, [type, id, { ...config, ...extra }], made(), classic('fw')]), 'azurerm_firewall_network_rule_collection.n')).toBe(true);
  });
  test.each(SURE)('controls: the stack\'s policy named by its literal ID, or its firewall named by a classic collection, with %s is the stack\'s', (_name, extra) => {
    expect(beside([...firewall(INSIDE, POLICY_ID), made(extra), group(POLICY_ID)], NARROWED, SUBSCRIPTION)).toEqual([]);
    const [net, [type, id, config]] = firewall(INSIDE, '${azurerm_firewall_policy.p.id}');
    expect(beside([net, [type, id, { ...config, ...extra }], made(), classic('fw')])).toEqual([]);
  });

  // A classic collection names its firewall by name and resource group, in its provider's subscription: another group's or
  // subscription's firewall of that name is a given one (its live ranges unread), and runs the rules wherever it is.
  test('a classic collection on the stack firewall\'s name in another group or subscription fails; in its own (one provider, or one literal subscription) it is the stack\'s', () => {
    const N = 'azurerm_firewall_network_rule_collection.n';
    const own = [...firewall(INSIDE, '${azurerm_firewall_policy.p.id}'), made()];
    const other = (config: Record<string, unknown>): Blocks[number] => { const [type, id, base] = classic('fw'); return [type, id, { ...base, ...config }]; };
    expect(failsOn(beside([...own, other({ resource_group_name: 'rg-other' })]), N)).toBe(true);
    expect(failsOn(beside([...own, other({ resource_group_name: 'rg-other', azure_firewall_name: '${azurerm_firewall.fw.name}' })]), N)).toBe(true);
    expect(failsOn(beside([...own, other({ resource_group_name: '${var.group}' })]), N)).toBe(true);
    // Controls: the same group under the one provider, literal or unset, is the stack's firewall (default ranges).
    expect(beside([...own, other({})])).toEqual([]);
    expect(beside([...own, other({})], NARROWED, SUBSCRIPTION)).toEqual([]);
  });

  test('a classic collection on a firewall the stack does not make fails; an azapi update writing rules into a firewall given by ID fails', () => {
    expect(failsOn(beside([classic('fw-hub')]), 'azurerm_firewall_network_rule_collection.n')).toBe(true);
    expect(failsOn(beside([['azapi_update_resource', 'u', { type: 'Microsoft.Network/azureFirewalls@2024-05-01', resource_id: `${RG}/providers/Microsoft.Network/azureFirewalls/fw-hub`,
      body: { properties: { networkRuleCollections: [{ name: 'db', properties: { priority: 100, action: { type: 'Allow' }, rules: [{ name: 'pg', protocols: ['TCP'], sourceAddresses: [ON_PREMISES], destinationAddresses: ['10.0.1.0/28'], destinationPorts: ['5432'] }] } }] } } }]]), 'azapi_update_resource.u')).toBe(true);
  });

  test('a policy of the stack whose SNAT ranges Terraform ignores (lifecycle.ignore_changes: the argument, all, an azapi body) fails; ignoring tags passes', () => {
    const onMade = (policyBlock: Blocks[number]) => beside([...firewall(INSIDE, '${azurerm_firewall_policy.p.id}'), policyBlock, group('${azurerm_firewall_policy.p.id}')]);
    expect(failsOn(onMade(made({ private_ip_ranges: ['IANAPrivateRanges'], lifecycle: { ignore_changes: ['private_ip_ranges'] } })), G)).toBe(true);
    expect(failsOn(onMade(made({ lifecycle: { ignore_changes: 'all' } })), G)).toBe(true);
    expect(onMade(made({ lifecycle: { ignore_changes: ['tags'] } }))).toEqual([]);
    const azapiPolicy = (lifecycle: unknown): Blocks => [...firewall(INSIDE, '${azapi_resource.p.id}'), ['azapi_resource', 'p', { type: 'Microsoft.Network/firewallPolicies@2024-05-01', parent_id: RG, name: 'p', location: 'westeurope',
      body: { properties: { snat: { privateRanges: ['IANAPrivateRanges'] } } }, lifecycle }], group('${azapi_resource.p.id}')];
    expect(failsOn(beside(azapiPolicy({ ignore_changes: ['body'] })), G)).toBe(true);
    expect(beside(azapiPolicy({ ignore_changes: ['tags'] }))).toEqual([]);
  });

  test('controls: the stack\'s own policy and firewall at Azure\'s default pass; sources inside the allowed prefixes, a firewall outside them, a rule elsewhere pass', () => {
    expect(beside([...firewall(INSIDE, '${azurerm_firewall_policy.p.id}'), made(), group('${azurerm_firewall_policy.p.id}')])).toEqual([]);
    expect(beside([subnet(INSIDE), ['azurerm_firewall', 'fw', { name: 'fw-hub', resource_group_name: 'rg-hub', location: 'westeurope', sku_name: 'AZFW_VNet', sku_tier: 'Standard', ip_configuration: [{ name: 'c', subnet_id: '${azurerm_subnet.fwd.id}', public_ip_address_id: 'x' }] }], classic('fw-hub')])).toEqual([]);
    expect(beside([subnet(INSIDE), ['azurerm_firewall', 'fw', { name: 'fw-hub', resource_group_name: 'rg-hub', location: 'westeurope', sku_name: 'AZFW_VNet', sku_tier: 'Standard', ip_configuration: [{ name: 'c', subnet_id: '${azurerm_subnet.fwd.id}', public_ip_address_id: 'x' }] }], classic('${azurerm_firewall.fw.name}')])).toEqual([]);
    expect(beside([...firewall(INSIDE), group(POLICY_ID, ALLOWED_CLIENTS)])).toEqual([]);
    expect(beside([...firewall(OUTSIDE), group(POLICY_ID)])).toEqual([]);
    const elsewhere = group(POLICY_ID);
    (elsewhere[2].network_rule_collection as { rule: { destination_addresses: string[] }[] }[])[0].rule[0].destination_addresses = ['10.99.0.0/24'];
    expect(beside([...firewall(INSIDE), elsewhere])).toEqual([]);
  });
});

describe('the firewalls a rule runs on, and a secured hub\'s firewall (A21b-2)', () => {
  // A Virtual WAN secured hub's firewall has no ip_configuration: it connects from an address of the hub's prefix.
  const hub = (prefix: string): Blocks[number] => ['azurerm_virtual_hub', 'hub', { name: 'hub', resource_group_name: 'rg-hub', location: 'westeurope', virtual_wan_id: 'x', address_prefix: prefix }];
  const hubFirewall = (policy = '${azurerm_firewall_policy.p.id}'): Blocks[number] => ['azurerm_firewall', 'hubfw', { name: 'hubfw', resource_group_name: 'rg-hub', location: 'westeurope', sku_name: 'AZFW_Hub', sku_tier: 'Standard',
    firewall_policy_id: policy, virtual_hub: [{ virtual_hub_id: '${azurerm_virtual_hub.hub.id}', public_ip_count: 1 }] }];
  const policy = (name: string, config: Record<string, unknown> = {}): Blocks[number] => ['azurerm_firewall_policy', name, { name, resource_group_name: 'rg-hub', location: 'westeurope', ...config }];
  const dnat = (policyId: string): Blocks[number] => ['azurerm_firewall_policy_rule_collection_group', 'g', { name: 'g', firewall_policy_id: policyId, priority: 100,
    nat_rule_collection: [{ name: 'dnat', priority: 100, action: 'Dnat', rule: [natRule(ON_PREMISES)] }] }];
  const G = 'azurerm_firewall_policy_rule_collection_group.g';
  /** A secured hub firewall (policy p) in `hubPrefix` and an ordinary firewall (policy p2) in the subnet `range`. */
  const twoFirewalls = (hubPrefix: string, range: string): Blocks => [hub(hubPrefix), hubFirewall(), policy('p'), policy('p2'), ...firewall(range, '${azurerm_firewall_policy.p2.id}')];

  test('a DNAT on the secured hub firewall (hub inside the allowed prefixes) fails beside an ordinary firewall elsewhere, and alone', () => {
    expect(failsOn(beside([...twoFirewalls('10.20.0.0/23', OUTSIDE), dnat('${azurerm_firewall_policy.p.id}')]), G)).toBe(true);
    expect(failsOn(beside([hub('10.20.0.0/23'), hubFirewall(), policy('p'), dnat('${azurerm_firewall_policy.p.id}')]), G)).toBe(true);
  });

  test('a hub outside the allowed prefixes passes; its prefix known only later, an azapi hub inside them, or a hub the stack does not write, fail', () => {
    expect(beside([hub('172.16.0.0/23'), hubFirewall(), policy('p'), dnat('${azurerm_firewall_policy.p.id}')])).toEqual([]);
    expect(failsOn(beside([hub('${var.hub_prefix}'), hubFirewall(), policy('p'), dnat('${azurerm_firewall_policy.p.id}')]), G)).toBe(true);
    const azapiHub: Blocks[number] = ['azapi_resource', 'hub', { type: 'Microsoft.Network/virtualHubs@2024-05-01', parent_id: RG, name: 'hub', location: 'westeurope', body: { properties: { addressPrefix: '10.20.0.0/23' } } }];
    const onAzapiHub = hubFirewall();
    (onAzapiHub[2].virtual_hub as { virtual_hub_id: string }[])[0].virtual_hub_id = '${azapi_resource.hub.id}';
    expect(failsOn(beside([azapiHub, onAzapiHub, policy('p'), dnat('${azurerm_firewall_policy.p.id}')]), G)).toBe(true);
    const givenHub = hubFirewall();
    (givenHub[2].virtual_hub as { virtual_hub_id: string }[])[0].virtual_hub_id = `${RG}/providers/Microsoft.Network/virtualHubs/hub`;
    expect(failsOn(beside([givenHub, policy('p'), dnat('${azurerm_firewall_policy.p.id}')]), G)).toBe(true);
  });

  test('an azapi firewall in a secured hub inside the allowed prefixes fails', () => {
    const azapiFirewall: Blocks[number] = ['azapi_resource', 'fw', { type: 'Microsoft.Network/azureFirewalls@2024-05-01', parent_id: RG, name: 'fw', location: 'westeurope',
      body: { properties: { sku: { name: 'AZFW_Hub', tier: 'Standard' }, virtualHub: { id: '${azurerm_virtual_hub.hub.id}' }, natRuleCollections: [{ name: 'dnat', properties: { priority: 100, action: { type: 'Dnat' },
        rules: [{ name: 'pg', protocols: ['TCP'], sourceAddresses: [ON_PREMISES], destinationAddresses: ['20.1.2.3'], destinationPorts: ['5432'], translatedAddress: '10.0.1.4', translatedPort: '5432' }] } }] } } }];
    expect(failsOn(beside([hub('10.20.0.0/23'), azapiFirewall]), 'azapi_resource.fw')).toBe(true);
    expect(beside([hub('172.16.0.0/23'), azapiFirewall])).toEqual([]);
  });

  test('a rule is judged by the firewalls that use its policy: a DNAT on the policy of a firewall outside the allowed prefixes passes beside one inside', () => {
    expect(beside([...twoFirewalls('10.20.0.0/23', OUTSIDE), dnat('${azurerm_firewall_policy.p2.id}')])).toEqual([]);
    expect(failsOn(beside([...twoFirewalls('172.16.0.0/23', INSIDE), dnat('${azurerm_firewall_policy.p2.id}')]), G)).toBe(true);
    expect(beside([...twoFirewalls('172.16.0.0/23', INSIDE), dnat('${azurerm_firewall_policy.p.id}')])).toEqual([]);
  });

  test('a child policy runs its base policy\'s rules; a policy known only later, or one no firewall of the stack uses, fails closed', () => {
    const child = [hub('10.20.0.0/23'), hubFirewall('${azurerm_firewall_policy.c.id}'), policy('p'), policy('c', { base_policy_id: '${azurerm_firewall_policy.p.id}' })];
    expect(failsOn(beside([...child, dnat('${azurerm_firewall_policy.p.id}')]), G)).toBe(true);
    expect(failsOn(beside([...firewall(OUTSIDE, '${azurerm_firewall_policy.p.id}'), policy('p'), dnat('${var.policy_id}')]), G)).toBe(true);
    expect(failsOn(beside([...firewall(OUTSIDE, '${azurerm_firewall_policy.p2.id}'), policy('p'), policy('p2'), dnat('${azurerm_firewall_policy.p.id}')]), G)).toBe(true);
    // A firewall whose policy is known only later may use any policy.
    expect(failsOn(beside([...firewall(INSIDE, '${var.policy_id}'), ...[hub('172.16.0.0/23'), hubFirewall()], policy('p'), dnat('${azurerm_firewall_policy.p.id}')]), G)).toBe(true);
  });

  test('a classic collection runs on the firewall it names: the one outside passes, the hub firewall inside fails, a name known only later fails closed', () => {
    const classic = (firewallName: string): Blocks[number] => ['azurerm_firewall_nat_rule_collection', 'n', { name: 'dnat', azure_firewall_name: firewallName, resource_group_name: 'rg-hub', priority: 100, action: 'Dnat',
      rule: [{ ...natRule(ON_PREMISES), destination_address: undefined, destination_addresses: ['10.20.5.4'] }] }];
    expect(beside([...twoFirewalls('10.20.0.0/23', OUTSIDE), classic('fw')])).toEqual([]);
    expect(failsOn(beside([...twoFirewalls('10.20.0.0/23', OUTSIDE), classic('hubfw')]), 'azurerm_firewall_nat_rule_collection.n')).toBe(true);
    expect(failsOn(beside([...twoFirewalls('10.20.0.0/23', OUTSIDE), classic('${azurerm_firewall.hubfw.name}')]), 'azurerm_firewall_nat_rule_collection.n')).toBe(true);
    expect(failsOn(beside([...twoFirewalls('172.16.0.0/23', OUTSIDE), classic('${var.firewall}')]), 'azurerm_firewall_nat_rule_collection.n')).toBe(true);
  });
});

// Every kind of Azure Firewall rule (DNAT, network, application), in every spelling (policy groups, classic collections, azapi groups and
// firewalls), is judged for forwarding into the server from the firewall's own address (A21b-2, A21b-4). Network rules are SNATed only
// when a SNAT setting leaves the server's subnet out (always, here); DNAT and application rules always are.
describe('every rule kind of Azure Firewall (A21b-4)', () => {
  const SERVER_NAME = 'orders-db.postgres.database.azure.com';
  const ALWAYS_SNAT: Blocks[number] = ['azurerm_firewall_policy', 'snat', { name: 'snat', resource_group_name: 'rg-hub', location: 'westeurope', private_ip_ranges: ['255.255.255.255/32'] }];
  const azapiFirewall = (properties: Record<string, unknown>): Blocks[number] => ['azapi_resource', 'afw', { type: 'Microsoft.Network/azureFirewalls@2024-05-01', parent_id: RG, name: 'afw', location: 'westeurope',
    body: { properties: { ipConfigurations: ipConfigurations('c'), ...properties } } }];
  const group = (collection: Record<string, unknown>): Blocks[number] => ['azapi_resource', 'g', { type: 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01', parent_id: POLICY_ID, name: 'g',
    body: { properties: { priority: 100, ruleCollections: [{ name: 'c', priority: 100, ...collection }] } } }];
  const policyGroup = (collections: Record<string, unknown>): Blocks[number] => ['azurerm_firewall_policy_rule_collection_group', 'g', { name: 'g', firewall_policy_id: POLICY_ID, priority: 100, ...collections }];
  const classic = (type: string, action: string, rule: Record<string, unknown>): Blocks[number] => [type, 'c', { name: 'c', azure_firewall_name: 'fw', resource_group_name: 'rg-hub', priority: 100, action, rule: [rule] }];
  const networkRule = (source: string) => ({ name: 'pg', protocols: ['TCP'], source_addresses: [source], destination_addresses: ['10.0.1.0/28'], destination_ports: ['5432'] });
  const armNetworkRule = (source: string) => ({ name: 'pg', ipProtocols: ['TCP'], sourceAddresses: [source], destinationAddresses: ['10.0.1.0/28'], destinationPorts: ['5432'] });
  const appRule = (source: string) => ({ name: 'pg', source_addresses: [source], destination_fqdns: [SERVER_NAME], protocols: [{ type: 'Https', port: 5432 }] });
  const armAppRule = (source: string) => ({ name: 'pg', sourceAddresses: [source], targetFqdns: [SERVER_NAME], protocols: [{ protocolType: 'Https', port: 5432 }] });

  /** Each kind: the type that writes it, the blocks of a firewall in `range` running one rule from `source` to the server, and the block that fails. */
  const KINDS: { readonly [kind: string]: { readonly type: string; readonly failing: string; readonly blocks: (range: string, source: string) => Blocks } } = {
    'policy group, DNAT': { type: 'azurerm_firewall_policy_rule_collection_group', failing: 'azurerm_firewall_policy_rule_collection_group.g', blocks: (range, source) => [...firewall(range),
      policyGroup({ nat_rule_collection: [{ name: 'd', priority: 100, action: 'Dnat', rule: [natRule(source)] }] })] },
    'policy group, network': { type: 'azurerm_firewall_policy_rule_collection_group', failing: 'azurerm_firewall_policy_rule_collection_group.g', blocks: (range, source) => [...firewall(range), ALWAYS_SNAT,
      policyGroup({ network_rule_collection: [{ name: 'n', priority: 100, action: 'Allow', rule: [networkRule(source)] }] })] },
    'policy group, application': { type: 'azurerm_firewall_policy_rule_collection_group', failing: 'azurerm_firewall_policy_rule_collection_group.g', blocks: (range, source) => [...firewall(range),
      policyGroup({ application_rule_collection: [{ name: 'a', priority: 100, action: 'Allow', rule: [appRule(source)] }] })] },
    'policy group, application in a dynamic block': { type: 'azurerm_firewall_policy_rule_collection_group', failing: 'azurerm_firewall_policy_rule_collection_group.g', blocks: (range, source) => [...firewall(range),
      policyGroup({ dynamic: { application_rule_collection: { for_each: ['a'], content: { name: 'a', priority: 100, action: 'Allow', rule: [appRule(source)] } } } })] },
    'classic DNAT': { type: 'azurerm_firewall_nat_rule_collection', failing: 'azurerm_firewall_nat_rule_collection.c', blocks: (range, source) => [...firewall(range),
      classic('azurerm_firewall_nat_rule_collection', 'Dnat', { ...natRule(source), destination_address: undefined, destination_addresses: ['10.20.5.4'] })] },
    'classic network': { type: 'azurerm_firewall_network_rule_collection', failing: 'azurerm_firewall_network_rule_collection.c', blocks: (range, source) => [...firewall(range), ALWAYS_SNAT,
      classic('azurerm_firewall_network_rule_collection', 'Allow', networkRule(source))] },
    'classic application': { type: 'azurerm_firewall_application_rule_collection', failing: 'azurerm_firewall_application_rule_collection.c', blocks: (range, source) => [...firewall(range),
      classic('azurerm_firewall_application_rule_collection', 'Allow', { name: 'pg', source_addresses: [source], target_fqdns: [SERVER_NAME], protocol: [{ type: 'Https', port: 5432 }] })] },
    'azapi group, DNAT': { type: 'microsoft.network/firewallpolicies/rulecollectiongroups', failing: 'azapi_resource.g', blocks: (range, source) => [...firewall(range),
      group({ ruleCollectionType: 'FirewallPolicyNatRuleCollection', action: { type: 'Dnat' }, rules: [armNatRule(source)] })] },
    'azapi group, network': { type: 'microsoft.network/firewallpolicies/rulecollectiongroups', failing: 'azapi_resource.g', blocks: (range, source) => [...firewall(range), ALWAYS_SNAT,
      group({ ruleCollectionType: 'FirewallPolicyFilterRuleCollection', action: { type: 'Allow' }, rules: [{ ruleType: 'NetworkRule', ...armNetworkRule(source) }] })] },
    'azapi group, application': { type: 'microsoft.network/firewallpolicies/rulecollectiongroups', failing: 'azapi_resource.g', blocks: (range, source) => [...firewall(range),
      group({ ruleCollectionType: 'FirewallPolicyFilterRuleCollection', action: { type: 'Allow' }, rules: [{ ruleType: 'ApplicationRule', ...armAppRule(source) }] })] },
    // A draft holds a group's rules until a deploy action applies them: read as the group, on its policy's firewalls.
    'azapi group draft, application': { type: 'microsoft.network/firewallpolicies/rulecollectiongroups/rulecollectiongroupdrafts', failing: 'azapi_resource.d', blocks: (range, source) => [...firewall(range),
      ['azapi_resource', 'd', { type: 'Microsoft.Network/firewallPolicies/ruleCollectionGroups/ruleCollectionGroupDrafts@2023-11-01', parent_id: `${POLICY_ID}/ruleCollectionGroups/g`, name: 'default',
        body: { properties: { priority: 100, ruleCollections: [{ ruleCollectionType: 'FirewallPolicyFilterRuleCollection', name: 'c', priority: 100, action: { type: 'Allow' },
          rules: [{ ruleType: 'ApplicationRule', ...armAppRule(source), targetFqdns: ['*.postgres.database.azure.com'] }] }] } } }]] },
    'azapi group draft, DNAT': { type: 'microsoft.network/firewallpolicies/rulecollectiongroups/rulecollectiongroupdrafts', failing: 'azapi_resource.d', blocks: (range, source) => [...firewall(range),
      draft([{ ruleCollectionType: 'FirewallPolicyNatRuleCollection', name: 'c', priority: 100, action: { type: 'Dnat' }, rules: [armNatRule(source)] }])] },
    'azapi group draft, network': { type: 'microsoft.network/firewallpolicies/rulecollectiongroups/rulecollectiongroupdrafts', failing: 'azapi_resource.d', blocks: (range, source) => [...firewall(range), ALWAYS_SNAT,
      draft([{ ruleCollectionType: 'FirewallPolicyFilterRuleCollection', name: 'c', priority: 100, action: { type: 'Allow' }, rules: [{ ruleType: 'NetworkRule', ...armNetworkRule(source) }] }])] },
    // A policy's draft sets the SNAT ranges a deploy action applies: one that leaves the server's subnet out SNATs network rules.
    'azapi group, network, SNAT by a policy draft': { type: 'microsoft.network/firewallpolicies/rulecollectiongroups', failing: 'azapi_resource.g', blocks: (range, source) => [...firewall(range),
      ['azapi_resource', 'pd', { type: 'Microsoft.Network/firewallPolicies/firewallPolicyDrafts@2023-11-01', parent_id: POLICY_ID, name: 'default', body: { properties: { snat: { privateRanges: ['255.255.255.255/32'] } } } }],
      group({ ruleCollectionType: 'FirewallPolicyFilterRuleCollection', action: { type: 'Allow' }, rules: [{ ruleType: 'NetworkRule', ...armNetworkRule(source) }] })] },
    'azapi firewall, DNAT': { type: 'microsoft.network/azurefirewalls', failing: 'azapi_resource.afw', blocks: (range, source) => [subnet(range),
      azapiFirewall({ natRuleCollections: [{ name: 'd', properties: { priority: 100, action: { type: 'Dnat' }, rules: [{ ...armNatRule(source), ruleType: undefined, protocols: ['TCP'] }] } }] })] },
    'azapi firewall, network': { type: 'microsoft.network/azurefirewalls', failing: 'azapi_resource.afw', blocks: (range, source) => [subnet(range), ALWAYS_SNAT,
      azapiFirewall({ networkRuleCollections: [{ name: 'n', properties: { priority: 100, action: { type: 'Allow' }, rules: [{ ...armNetworkRule(source), protocols: ['TCP'] }] } }] })] },
    'azapi firewall, application': { type: 'microsoft.network/azurefirewalls', failing: 'azapi_resource.afw', blocks: (range, source) => [subnet(range),
      azapiFirewall({ applicationRuleCollections: [{ name: 'a', properties: { priority: 100, action: { type: 'Allow' }, rules: [armAppRule(source)] } }] })] },
  };

  test('the kinds cover every type whose firewall rules are read', () => {
    expect(new Set(Object.values(KINDS).map((kind) => kind.type))).toEqual(new Set(FIREWALL_RULE_TYPES));
  });

  test.each(Object.entries(KINDS))('%s: run by a firewall inside an allowed prefix, from outside them, fails; outside them, or from allowed clients only, passes', (_kind, { failing, blocks }) => {
    expect(failsOn(beside(blocks(INSIDE, ON_PREMISES)), failing)).toBe(true);
    expect(beside(blocks(OUTSIDE, ON_PREMISES))).toEqual([]);
    expect(beside(blocks(INSIDE, ALLOWED_CLIENTS))).toEqual([]);
  });

  test('a rule of a kind the reader does not know (a ruleType Azure may add, or known only later) is read as an application rule: fails closed', () => {
    for (const ruleType of ['FutureRule', '${var.kind}']) {
      const blocks = [...firewall(INSIDE), group({ ruleCollectionType: 'FirewallPolicyFilterRuleCollection', action: { type: 'Allow' }, rules: [{ ruleType, ...armAppRule(ON_PREMISES) }] })];
      expect(failsOn(beside(blocks), 'azapi_resource.g')).toBe(true);
    }
  });
});

describe('application rules: what may be the server, on which port (A21b-4)', () => {
  const rule = (destination: Record<string, unknown>, protocols: unknown = [{ type: 'Https', port: 5432 }]): Blocks => [...firewall(INSIDE), ['azurerm_firewall_policy_rule_collection_group', 'g', { name: 'g', firewall_policy_id: POLICY_ID, priority: 100,
    application_rule_collection: [{ name: 'a', priority: 100, action: 'Allow', rule: [{ name: 'pg', source_addresses: [ON_PREMISES], protocols, ...destination }] }] }]];
  const fails = (blocks: Blocks) => failsOn(beside(blocks), 'azurerm_firewall_policy_rule_collection_group.g');

  test('the server\'s name, its private name, a wildcard above it, its subnet\'s address, an FQDN tag, a web category, a URL to it: fail', () => {
    expect(fails(rule({ destination_fqdns: ['orders-db.postgres.database.azure.com'] }))).toBe(true);
    expect(fails(rule({ destination_fqdns: ['orders-db.private.postgres.database.azure.com'] }))).toBe(true);
    expect(fails(rule({ destination_fqdns: ['*.postgres.database.azure.com'] }))).toBe(true);
    expect(fails(rule({ destination_fqdns: ['*'] }))).toBe(true);
    expect(fails(rule({ destination_addresses: ['10.0.1.0/28'] }))).toBe(true);
    expect(fails(rule({ destination_fqdn_tags: ['WindowsUpdate'] }))).toBe(true);
    expect(fails(rule({ web_categories: ['Computersandtechnology'] }))).toBe(true);
    expect(fails(rule({ destination_urls: ['orders-db.postgres.database.azure.com/x'] }, [{ type: 'Https', port: 6432 }]))).toBe(true);
    expect(fails(rule({ destination_fqdns: ['${var.fqdn}'] }))).toBe(true);
  });

  // Azure Firewall reads its target URLs itself (not Go's net/url): a spelling whose host the reader cannot tell apart from the server's is the server.
  test('a URL to the server in other spellings (a userinfo, capitals, a trailing dot, a scheme and port, an escape, a backslash) fails; another host passes (A29b-2 guard)', () => {
    for (const url of ['x@orders-db.postgres.database.azure.com/x', 'ORDERS-DB.Postgres.Database.Azure.com./x', 'https://orders-db.postgres.database.azure.com:443/x', 'orders-db.postgres.database.azure.com%2e/x', 'orders-db.postgres.database.azure.com\\x']) {
      expect(fails(rule({ destination_urls: [url] }, [{ type: 'Https', port: 6432 }]))).toBe(true);
    }
    for (const url of ['www.contoso.com/x', 'https://www.contoso.com/orders-db.postgres.database.azure.com', 'WWW.contoso.com:443/x']) {
      expect(fails(rule({ destination_urls: [url] }, [{ type: 'Https', port: 6432 }]))).toBe(false);
    }
  });

  test('a service tag among the destination addresses may hold the server: fails, in the azurerm and the ARM spelling (A22b-2)', () => {
    expect(fails(rule({ destination_addresses: ['VirtualNetwork'] }))).toBe(true);
    expect(fails(rule({ destination_addresses: ['Sql.WestEurope'] }))).toBe(true);
    const armRule = (destinationAddresses: string[]): Blocks => [...firewall(INSIDE), ['azapi_resource', 'g', { type: 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01',
      parent_id: POLICY_ID, name: 'g', body: { properties: { priority: 100, ruleCollections: [{ ruleCollectionType: 'FirewallPolicyFilterRuleCollection', name: 'c', priority: 100,
        action: { type: 'Allow' }, rules: [{ ruleType: 'ApplicationRule', name: 'pg', sourceAddresses: [ON_PREMISES], destinationAddresses, protocols: [{ protocolType: 'Https', port: 5432 }] }] }] } } }]];
    expect(failsOn(beside(armRule(['VirtualNetwork'])), 'azapi_resource.g')).toBe(true);
    // Control: literal addresses and prefixes elsewhere are themselves.
    expect(beside(armRule(['10.99.0.4', '10.99.0.0/24']))).toEqual([]);
  });

  test('a wildcard above a record of the stack that leads to the server fails; above names that lead elsewhere it passes', () => {
    const record = (address: string): Blocks[number] => ['azurerm_private_dns_a_record', 'db', { name: 'db', zone_name: 'corp.contoso.com', resource_group_name: 'rg-hub', ttl: 300, records: [address] }];
    expect(fails([...rule({ destination_fqdns: ['*.contoso.com'] }), record('10.0.1.4')])).toBe(true);
    expect(fails([...rule({ destination_fqdns: ['*contoso.com'] }), record('10.0.1.4')])).toBe(true);
    expect(beside([...rule({ destination_fqdns: ['*.contoso.com'] }), record('10.99.0.4')])).toEqual([]);
    expect(fails([...rule({ destination_fqdns: ['*.contoso.com'] }), ['azurerm_private_dns_a_record', 'db', { name: '${var.name}', zone_name: 'corp.contoso.com', resource_group_name: 'rg-hub', ttl: 300, records: ['10.0.1.4'] }]])).toBe(true);
  });

  test('a port that may be PostgreSQL\'s: written, known only later, or none written (any): fails', () => {
    expect(fails(rule({ destination_fqdns: ['orders-db.postgres.database.azure.com'] }, [{ type: 'Http', port: '${var.port}' }]))).toBe(true);
    expect(fails(rule({ destination_fqdns: ['orders-db.postgres.database.azure.com'] }, '${var.protocols}'))).toBe(true);
    expect(fails(rule({ destination_fqdns: ['orders-db.postgres.database.azure.com'] }, [{ type: '${var.type}' }]))).toBe(true);
  });

  test('the server on Https\'s default port (443), another name or address on 5432, or sources all inside the allowed prefixes: pass', () => {
    expect(beside(rule({ destination_fqdns: ['orders-db.postgres.database.azure.com'] }, [{ type: 'Https' }, { type: 'Http', port: 80 }]))).toEqual([]);
    expect(beside(rule({ destination_fqdns: ['www.example.com', '*.example.com'] }))).toEqual([]);
    expect(beside(rule({ destination_addresses: ['10.99.0.0/24'] }))).toEqual([]);
    const inside = rule({ destination_fqdns: ['orders-db.postgres.database.azure.com'] });
    (inside[2][2].application_rule_collection as { rule: { source_addresses: string[] }[] }[])[0].rule[0].source_addresses = [ALLOWED_CLIENTS];
    expect(beside(inside)).toEqual([]);
  });
});
