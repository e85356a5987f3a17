import { FORWARDER_TYPES, forwardingPaths, MAX_HOPS } from '../../lib/checks/forwarding-paths';
import { buildStackModel, TerraformBlock } from '../../lib/checks/stack-model';
import { asDynamic, CONSTRUCT, madeAt } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

// Forwarders into the server's subnet (forwarding-paths.ts, PG-NET-1; fifteenth review, A15a-12, A15b-10): every
// row of the table fails when it forwards the internet to an address of the construct's delegated subnet on
// PostgreSQL's port, and passes from a private range; an unlisted Microsoft.Network type naming the subnet fails closed.

const SERVER = '10.0.1.4';
const POLICY = '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/firewallPolicies/fw';
const PUBLIC_IP = '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/publicIPAddresses/pip';
const HUB_SUBNET = '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/hub/subnets/lb';
/** A subnet of the server's VNet (not its delegated one). */
const SERVER_VNET_SUBNET = '/subscriptions/0/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/pls';
/** A frontend of a load balancer the stack does not write. */
const OTHER_FRONTEND = '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/loadBalancers/other/frontendIPConfigurations/fe';

/** The failures of forwarders beside a construct's server in subnet 10.0.1.0/28. */
function failures(extra: Resources, server: TerraformBlock = {}): string[] {
  const resources: Resources = {
    [FLEXIBLE]: { db: { ...compliantFlexibleServer(server), ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_subnet: { db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet', virtual_network_name: 'vnet-hub', resource_group_name: 'rg-network', address_prefixes: ['10.0.1.0/28'] } },
    ...extra,
  };
  const model = buildStackModel({ resource: resources });
  const found = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  return forwardingPaths(found, CONSTRUCT, { postgresqlProviders: new Map(), resources: model.resources }).map((verdict) => (verdict.status === 'fail' ? verdict.message : verdict.status));
}

const azapi = (type: string, body: object) => ({ type: `${type}@2023-09-01`, name: 'x', parent_id: '/subscriptions/0/resourceGroups/rg-hub', body });
/** An LB frontend: public (the internet) or private (a subnet of the hub). */
const lbFrontend = (source: 'public' | 'private') => (source === 'public' ? { name: 'fe', public_ip_address_id: PUBLIC_IP } : { name: 'fe', subnet_id: HUB_SUBNET });
const armFrontend = (source: 'public' | 'private') => ({ name: 'fe', properties: source === 'public' ? { publicIPAddress: { id: PUBLIC_IP } } : { subnet: { id: HUB_SUBNET } } });
const sourceRange = (source: 'public' | 'private') => (source === 'public' ? '*' : '10.8.0.0/16');

/** For each row of the table, a stack whose forwarder sends connections from the internet (or a private range) to the server's address on 5432. */
const ROWS: { readonly [type: string]: (source: 'public' | 'private', target?: string) => Resources } = {
  azurerm_firewall_nat_rule_collection: (source, target = SERVER) => ({ azurerm_firewall_nat_rule_collection: { f: { name: 'f', azure_firewall_name: 'fw', resource_group_name: 'rg-hub', priority: 100, action: 'Dnat', rule: [{ name: 'pg', protocols: ['TCP'], source_addresses: [sourceRange(source)], destination_addresses: ['20.1.2.3'], destination_ports: ['5432'], translated_address: target, translated_port: '5432' }] } } }),
  azurerm_firewall_policy_rule_collection_group: (source, target = SERVER) => ({ azurerm_firewall_policy_rule_collection_group: { f: { name: 'f', firewall_policy_id: POLICY, priority: 100, nat_rule_collection: [{ name: 'n', priority: 100, action: 'Dnat', rule: [{ name: 'pg', protocols: ['TCP'], source_addresses: [sourceRange(source)], destination_address: '20.1.2.3', destination_ports: ['5432'], translated_address: target, translated_port: 5432 }] }] } } }),
  azurerm_lb_backend_address_pool_address: (source, target = SERVER) => ({
    azurerm_lb: { f: { name: 'lb', resource_group_name: 'rg-hub', location: 'westeurope', frontend_ip_configuration: [lbFrontend(source)] } },
    azurerm_lb_backend_address_pool: { f: { name: 'p', loadbalancer_id: '${azurerm_lb.f.id}' } },
    azurerm_lb_rule: { f: { name: 'r', loadbalancer_id: '${azurerm_lb.f.id}', protocol: 'Tcp', frontend_port: 5432, backend_port: 5432, frontend_ip_configuration_name: 'fe' } },
    azurerm_lb_backend_address_pool_address: { f: { name: 'a', backend_address_pool_id: '${azurerm_lb_backend_address_pool.f.id}', virtual_network_id: '/subscriptions/0/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub', ip_address: target } },
  }),
  azurerm_application_gateway: (source, target = SERVER) => ({ azurerm_application_gateway: { f: { name: 'agw', frontend_ip_configuration: [lbFrontend(source)], backend_address_pool: [{ name: 'p', ip_addresses: [target] }], backend_http_settings: [{ name: 's', port: 5432, protocol: 'Http' }] } } }),
  'microsoft.network/azurefirewalls': (source, target = SERVER) => ({ azapi_resource: { f: azapi('Microsoft.Network/azureFirewalls', { properties: { natRuleCollections: [{ name: 'n', properties: { priority: 100, action: { type: 'Dnat' }, rules: [{ name: 'pg', protocols: ['TCP'], sourceAddresses: [sourceRange(source)], destinationAddresses: ['20.1.2.3'], destinationPorts: ['5432'], translatedAddress: target, translatedPort: '5432' }] } }] } }) } }),
  'microsoft.network/firewallpolicies/rulecollectiongroups': (source, target = SERVER) => ({ azapi_resource: { f: azapi('Microsoft.Network/firewallPolicies/ruleCollectionGroups', { properties: { priority: 100, ruleCollections: [{ ruleCollectionType: 'FirewallPolicyNatRuleCollection', name: 'n', priority: 100, action: { type: 'DNAT' }, rules: [{ ruleType: 'NatRule', name: 'pg', ipProtocols: ['TCP'], sourceAddresses: [sourceRange(source)], destinationAddresses: ['20.1.2.3'], destinationPorts: ['5432'], translatedAddress: target, translatedPort: '5432' }] }] } }) } }),
  // A group's draft: the rules a deploy action makes the group's (A22b-5).
  'microsoft.network/firewallpolicies/rulecollectiongroups/rulecollectiongroupdrafts': (source, target = SERVER) => ({ azapi_resource: { f: azapi('Microsoft.Network/firewallPolicies/ruleCollectionGroups/ruleCollectionGroupDrafts', { properties: { priority: 100, ruleCollections: [{ ruleCollectionType: 'FirewallPolicyNatRuleCollection', name: 'n', priority: 100, action: { type: 'DNAT' }, rules: [{ ruleType: 'NatRule', name: 'pg', ipProtocols: ['TCP'], sourceAddresses: [sourceRange(source)], destinationAddresses: ['20.1.2.3'], destinationPorts: ['5432'], translatedAddress: target, translatedPort: '5432' }] }] } }) } }),
  'microsoft.network/loadbalancers': (source, target = SERVER) => ({ azapi_resource: { f: azapi('Microsoft.Network/loadBalancers', { properties: { frontendIPConfigurations: [armFrontend(source)], backendAddressPools: [{ name: 'p', properties: { loadBalancerBackendAddresses: [{ name: 'a', properties: { ipAddress: target } }] } }], loadBalancingRules: [{ name: 'r', properties: { frontendPort: 5432, backendPort: 5432, protocol: 'Tcp' } }] } }) } }),
  // A pool on its own: the load balancer is not read, so only a forward the stack does not write passes (an address elsewhere).
  'microsoft.network/loadbalancers/backendaddresspools': (source, target = SERVER) => ({ azapi_resource: { f: azapi('Microsoft.Network/loadBalancers/backendAddressPools', { properties: { loadBalancerBackendAddresses: [{ name: 'a', properties: { ipAddress: source === 'public' ? target : '10.9.0.4' } }] } }) } }),
  'microsoft.network/applicationgateways': (source, target = SERVER) => ({ azapi_resource: { f: azapi('Microsoft.Network/applicationGateways', { properties: { frontendIPConfigurations: [armFrontend(source)], backendAddressPools: [{ name: 'p', properties: { backendAddresses: [{ ipAddress: target }] } }], backendSettingsCollection: [{ name: 's', properties: { port: 5432, protocol: 'Tcp' } }] } }) } }),
  // A Private Link service publishes to other tenants' private endpoints (its sources are anyone's): Direct Connect forwards to
  // the destination address (A19a-6); the "private" case fronts another balancer of no reach.
  azurerm_private_link_service: (source, target = SERVER) => ({ azurerm_private_link_service: { f: { name: 'pls', nat_ip_configuration: [{ name: 'n', subnet_id: HUB_SUBNET, primary: true }],
    ...(source === 'public' ? { destination_ip_address: target } : { load_balancer_frontend_ip_configuration_ids: [OTHER_FRONTEND] }) } } }),
  'microsoft.network/privatelinkservices': (source, target = SERVER) => ({ azapi_resource: { f: azapi('Microsoft.Network/privateLinkServices', { properties: { ipConfigurations: [{ name: 'n', properties: { subnet: { id: HUB_SUBNET } } }],
    ...(source === 'public' ? { destinationIPAddress: target } : { loadBalancerFrontendIpConfigurations: [{ id: OTHER_FRONTEND }] }) } }) } }),
};

const ADDRESS = (type: string) => (type.startsWith('azurerm_') ? `${type}.f` : 'azapi_resource.f');

describe('every row of the table', () => {
  test('has a case here (a new row needs its failing and passing stack)', () => {
    expect(Object.keys(ROWS).sort()).toEqual([...FORWARDER_TYPES].sort());
  });

  test.each(Object.keys(ROWS))('%s fails from the internet to an address of the delegated subnet on 5432', (type) => {
    const found = failures(ROWS[type]('public'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${ADDRESS(type).replace(/\./g, '\\.')} forwards connections from .* to "10\\.0\\.1\\.4", which may be ${CONSTRUCT}'s server \\(an address of its subnet, or its name\\), on a PostgreSQL port: a network path ${CONSTRUCT} does not declare\\.$`));
  });

  test.each(Object.keys(ROWS))('%s passes from a private range (or a private frontend)', (type) => {
    expect(failures(ROWS[type]('private'))).toEqual([]);
  });

  test.each(Object.keys(ROWS).filter((type) => type !== 'microsoft.network/loadbalancers/backendaddresspools'))('%s passes to an address outside the server\'s subnets', (type) => {
    expect(failures(ROWS[type]('public', '10.0.2.4'))).toEqual([]);
  });
});

describe('every azurerm row with its nested blocks written as dynamic blocks reads as written (A20b-7)', () => {
  const AZURERM_ROWS = Object.keys(ROWS).filter((type) => type.startsWith('azurerm_'));

  test('the rewrite makes dynamic blocks in every row that has nested blocks', () => {
    const dynamicRows = AZURERM_ROWS.filter((type) => JSON.stringify(asDynamic(ROWS[type]('public'))).includes('"dynamic"'));
    expect(dynamicRows).toEqual(AZURERM_ROWS);
  });

  test.each(AZURERM_ROWS)('%s: from the internet to the server fails; from a private range, or to an address elsewhere, passes', (type) => {
    expect(failures(asDynamic(ROWS[type]('public')))).toEqual(failures(ROWS[type]('public')));
    expect(failures(asDynamic(ROWS[type]('public')))).toHaveLength(1);
    expect(failures(asDynamic(ROWS[type]('private')))).toEqual([]);
    expect(failures(asDynamic(ROWS[type]('public', '10.0.2.4')))).toEqual([]);
  });

  test.each([
    ['azurerm_firewall_nat_rule_collection', { rule: '${var.rules}' }],
    ['azurerm_firewall_nat_rule_collection', { dynamic: { rule: { for_each: '${var.rules}', content: '${var.rule}' } } }],
    ['azurerm_firewall_policy_rule_collection_group', { dynamic: { nat_rule_collection: { for_each: '${var.collections}', content: { name: 'n', priority: 100, action: 'Dnat', dynamic: { rule: { for_each: '${nat_rule_collection.value.rules}', content: { name: 'pg', protocols: ['TCP'], source_addresses: ['*'], destination_address: '20.1.2.3', destination_ports: ['5432'], translated_address: '${rule.value.target}', translated_port: 5432 } } } } } } }],
    ['azurerm_application_gateway', { frontend_ip_configuration: [lbFrontend('public')], backend_http_settings: [{ name: 's', port: 5432, protocol: 'Http' }], dynamic: { backend_address_pool: { for_each: '${var.pools}', content: { name: 'p', ip_addresses: '${backend_address_pool.value}' } } } }],
  ])('%s whose blocks come from a variable cannot be read and fails closed (%#)', (type, body) => {
    expect(failures({ [type]: { f: { name: 'f', ...body } } })).toHaveLength(1);
  });
});

describe('A20b-8: every row of the table that takes the internet to a private NGINXaaS frontend carries it on to what the deployment forwards to', () => {
  const NGINX_SUBNET = '/subscriptions/0/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/ngx';
  /** A deployment with only a private frontend (10.5.0.10) in the server's VNet, running the given configuration text. */
  const privateNginx = (content: string): Resources => ({
    azurerm_nginx_deployment: { ng: { name: 'ngx', frontend_private: [{ ip_address: '10.5.0.10', allocation_method: 'Static', subnet_id: NGINX_SUBNET }], network_interface: [{ subnet_id: NGINX_SUBNET }] } },
    azurerm_nginx_configuration: { c: { nginx_deployment_id: '${azurerm_nginx_deployment.ng.id}', root_file: '/etc/nginx/nginx.conf', config_file: [{ content, virtual_path: '/etc/nginx/nginx.conf' }] } },
  });
  const stream = (target: string) => Buffer.from(`stream { server { listen 5432; proxy_pass ${target}:5432; } }`).toString('base64');

  test.each(Object.keys(ROWS))('%s from the internet to the frontend fails when the configuration cannot be read or chooses its target at run time; passes when it forwards elsewhere', (type) => {
    for (const content of ['${var.conf}', stream('$ssl_preread_server_name')]) {
      expect(failures({ ...ROWS[type]('public', '10.5.0.10'), ...privateNginx(content) })).toEqual([expect.stringMatching(new RegExp(`^${ADDRESS(type).replace(/\./g, '\\.')} forwards connections from .* to "10\\.5\\.0\\.10", which the stack forwards on to ${CONSTRUCT}'s server .* through azurerm_nginx_configuration\\.c `))]);
    }
    expect(failures({ ...ROWS[type]('public', '10.5.0.10'), ...privateNginx(stream('10.0.2.4')) })).toEqual([]);
  });
});

describe('what a forward reads', () => {
  const nat = (rule: object) => ({ azurerm_firewall_policy_rule_collection_group: { f: { name: 'f', firewall_policy_id: POLICY, priority: 100, nat_rule_collection: [{ name: 'n', priority: 100, action: 'Dnat', rule: [{ name: 'pg', protocols: ['TCP'], source_addresses: ['*'], destination_address: '20.1.2.3', destination_ports: ['5432'], ...rule }] }] } } });

  test('fails the server\'s name, literal or by reference, and a destination known only later', () => {
    expect(failures(nat({ translated_fqdn: 'orders-db.postgres.database.azure.com', translated_port: '5432' }))).toHaveLength(1);
    expect(failures(nat({ translated_fqdn: 'Orders-DB.privatelink.postgres.database.azure.com.', translated_port: '5432' }))).toHaveLength(1);
    expect(failures(nat({ translated_fqdn: 'orders-db.private.postgres.database.azure.com', translated_port: '5432' }))).toHaveLength(1);
    expect(failures(nat({ translated_fqdn: `\${${FLEXIBLE}.db.fqdn}`, translated_port: '5432' }))).toHaveLength(1);
    expect(failures(nat({ translated_address: '${var.target}', translated_port: '5432' }))).toHaveLength(1);
    expect(failures(nat({ translated_address: SERVER, translated_port: '${var.port}' }))).toHaveLength(1);
  });

  test('fails a list of rules known only later, an IP group as the source, and the VNet tag is a private source', () => {
    expect(failures({ azurerm_firewall_nat_rule_collection: { f: { name: 'f', rule: '${var.rules}' } } })).toHaveLength(1);
    expect(failures(nat({ source_addresses: undefined, source_ip_groups: ['/x/ipGroups/corp'], translated_address: SERVER, translated_port: '5432' }))).toHaveLength(1);
    expect(failures(nat({ source_addresses: ['VirtualNetwork', '192.168.0.0/16'], translated_address: SERVER, translated_port: '5432' }))).toEqual([]);
  });

  test('reads an IP group of the stack, with the ranges azurerm_ip_group_cidr adds to it', () => {
    const byGroup = nat({ source_addresses: undefined, source_ip_groups: ['${azurerm_ip_group.corp.id}'], translated_address: SERVER, translated_port: '5432' });
    const group = { azurerm_ip_group: { corp: { name: 'corp', resource_group_name: 'rg', location: 'westeurope', cidrs: ['10.20.0.0/16'] } } };
    expect(failures({ ...byGroup, ...group })).toEqual([]);
    expect(failures({ ...byGroup, ...group, azurerm_ip_group_cidr: { open: { ip_group_id: '${azurerm_ip_group.corp.id}', cidr: '0.0.0.0/0' } } })).toHaveLength(1);
    expect(failures({ ...byGroup, azurerm_ip_group: { corp: { name: 'corp', cidrs: ['203.0.113.0/24'] } } })).toHaveLength(1);
  });

  test('reads Azure Firewall\'s address ranges ("first-last") in sources and IP groups: private passes, public or malformed fails closed (A19b-4)', () => {
    const from = (sources: string[]) => failures(nat({ source_addresses: sources, translated_address: SERVER, translated_port: '5432' }));
    expect(from(['10.0.0.1-10.0.0.9'])).toEqual([]);
    expect(from(['192.168.0.1-192.168.255.254', '10.8.0.0/16'])).toEqual([]);
    expect(from(['10.0.0.1-203.0.113.9'])).toHaveLength(1);
    expect(from(['10.0.0.9-10.0.0.1'])).toHaveLength(1);
    expect(from(['10.0.0.1 - 10.0.0.9'])).toHaveLength(1);
    expect(from(['10.0.0.01-10.0.0.9'])).toHaveLength(1);
    const byGroup = nat({ source_addresses: undefined, source_ip_groups: ['${azurerm_ip_group.corp.id}'], translated_address: SERVER, translated_port: '5432' });
    expect(failures({ ...byGroup, azurerm_ip_group: { corp: { name: 'corp', cidrs: ['172.16.0.1-172.16.0.20'] } } })).toEqual([]);
    expect(failures({ ...byGroup, azurerm_ip_group: { corp: { name: 'corp', cidrs: ['172.16.0.1-172.32.0.20'] } } })).toHaveLength(1);
    const arm = (sources: string[]) => failures({ azapi_resource: { f: azapi('Microsoft.Network/firewallPolicies/ruleCollectionGroups', { properties: { priority: 100, ruleCollections: [{ ruleCollectionType: 'FirewallPolicyNatRuleCollection', name: 'n', priority: 100, action: { type: 'DNAT' },
      rules: [{ ruleType: 'NatRule', name: 'pg', ipProtocols: ['TCP'], sourceAddresses: sources, destinationAddresses: ['20.1.2.3'], destinationPorts: ['5432'], translatedAddress: SERVER, translatedPort: '5432' }] }] } }) } });
    expect(arm(['10.0.0.1-10.0.0.9'])).toEqual([]);
    expect(arm(['100.0.0.1-100.0.0.9'])).toHaveLength(1);
  });

  test('fails a name the stack\'s DNS points at the server (an A record in its subnet, a CNAME to its name); passes one pointing elsewhere', () => {
    const record = (type: string, zone: string, target: object) => ({ [type]: { r: { name: 'db', zone_name: zone, resource_group_name: 'rg', ttl: 300, ...target } } });
    const toName = (name: string) => nat({ translated_fqdn: name, translated_port: '5432' });
    expect(failures({ ...toName('db.internal.contoso'), ...record('azurerm_private_dns_a_record', 'internal.contoso', { records: [SERVER] }) })).toHaveLength(1);
    expect(failures({ ...toName('DB.contoso.com.'), ...record('azurerm_dns_cname_record', 'contoso.com', { record: 'orders-db.postgres.database.azure.com' }) })).toHaveLength(1);
    expect(failures({ ...toName('db.internal.contoso'), ...record('azurerm_private_dns_a_record', '${var.zone}', { records: [SERVER] }) })).toHaveLength(1);
    expect(failures({ ...toName('db.internal.contoso'), ...record('azurerm_private_dns_a_record', 'internal.contoso', { records: ['10.0.2.4'] }) })).toEqual([]);
    expect(failures({ ...toName('web.internal.contoso'), ...record('azurerm_private_dns_a_record', 'internal.contoso', { records: [SERVER] }) })).toEqual([]);
  });

  test('fails a name at or below the private DNS zone the server resolves in (Azure registers its address there), in any case with a final dot (A16b-10)', () => {
    const zone = { azurerm_private_dns_zone: { db: { name: 'orders.private.postgres.database.azure.com', resource_group_name: 'rg-dns' } } };
    const toName = (name: string) => ({ ...nat({ translated_fqdn: name, translated_port: '5432' }), ...zone });
    expect(failures(toName('a1b2c3d4e5f6.orders.private.postgres.database.azure.com'))).toHaveLength(1);
    expect(failures(toName('A1B2.Replica.ORDERS.private.postgres.database.azure.com.'))).toHaveLength(1);
    expect(failures(toName('orders.private.postgres.database.azure.com'))).toHaveLength(1);
    expect(failures(toName('${var.label}.orders.private.postgres.database.azure.com'))).toHaveLength(1);
    // A zone given by literal ID is read by its name; a CNAME of the stack to a name in the zone is the server too.
    const given = { private_dns_zone_id: '/subscriptions/0/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/Orders.Private.Postgres.Database.Azure.Com' };
    expect(failures(nat({ translated_fqdn: 'x1.orders.private.postgres.database.azure.com', translated_port: '5432' }), given)).toHaveLength(1);
    const cname = { azurerm_private_dns_cname_record: { r: { name: 'db', zone_name: 'internal.contoso', resource_group_name: 'rg', ttl: 300, record: 'x1.orders.private.postgres.database.azure.com' } } };
    expect(failures({ ...toName('db.internal.contoso'), ...cname })).toHaveLength(1);
    // Another zone's names, and a name that only ends like the zone, are not the server's.
    expect(failures(toName('x1.billing.private.postgres.database.azure.com'))).toEqual([]);
    expect(failures(toName('x1.notorders.private.postgres.database.azure.com'))).toEqual([]);
  });

  test('in the Private Link zone every server has its name: another name there is another server (A16b-10)', () => {
    const endpoint = { private_dns_zone_id: '/subscriptions/0/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.postgres.database.azure.com' };
    expect(failures(nat({ translated_fqdn: 'billing-db.privatelink.postgres.database.azure.com', translated_port: '5432' }), endpoint)).toEqual([]);
    expect(failures(nat({ translated_fqdn: 'orders-db.privatelink.postgres.database.azure.com', translated_port: '5432' }), endpoint)).toHaveLength(1);
  });

  test('passes another server\'s name, a template of another domain, another port, and a public source to another address', () => {
    expect(failures(nat({ translated_fqdn: 'billing-db.postgres.database.azure.com', translated_port: '5432' }))).toEqual([]);
    expect(failures(nat({ translated_fqdn: '${var.app}.contoso.com', translated_port: '5432' }))).toEqual([]);
    expect(failures(nat({ translated_address: SERVER, translated_port: '443' }))).toEqual([]);
  });

  test('fails an address of a subnet given by ID (any private address may be in it), but not a public one', () => {
    const given = { delegated_subnet_id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s' };
    expect(failures(nat({ translated_address: '172.20.0.4', translated_port: '5432' }), given)).toHaveLength(1);
    expect(failures(nat({ translated_address: '20.9.9.9', translated_port: '5432' }), given)).toEqual([]);
  });

  test('private endpoint mode: fails an address of the endpoint\'s subnet of the stack, and any private address when the subnet is given by ID', () => {
    const endpoint = (subnetId: string) => ({ azurerm_private_endpoint: { pe: { ...madeAt(`${CONSTRUCT}/PrivateEndpoint/Endpoint`), name: 'pe', subnet_id: subnetId, private_service_connection: { name: 'c', private_connection_resource_id: `\${${FLEXIBLE}.db.id}`, is_manual_connection: false, subresource_names: ['postgresqlServer'] } } } });
    const noVnet = { delegated_subnet_id: undefined, private_dns_zone_id: undefined };
    const stackSubnet = { azurerm_subnet: { db: { name: 'snet', address_prefixes: ['10.0.1.0/28'] }, pe: { name: 'pe', address_prefixes: ['10.7.0.0/27'] } } };
    expect(failures({ ...nat({ translated_address: '10.7.0.5', translated_port: '5432' }), ...endpoint('${azurerm_subnet.pe.id}'), ...stackSubnet }, noVnet)).toHaveLength(1);
    expect(failures({ ...nat({ translated_address: '10.7.1.5', translated_port: '5432' }), ...endpoint('${azurerm_subnet.pe.id}'), ...stackSubnet }, noVnet)).toEqual([]);
    expect(failures({ ...nat({ translated_address: '192.168.4.4', translated_port: '5432' }), ...endpoint('/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe') }, noVnet)).toHaveLength(1);
  });

  test('passes a server with public access only (its firewall judges the forwarder\'s address)', () => {
    expect(failures(nat({ translated_address: SERVER, translated_port: '5432' }), { delegated_subnet_id: undefined, private_dns_zone_id: undefined })).toEqual([]);
  });

  test('a public load balancer without a rule for the backend forwards every port; an unread body fails closed', () => {
    const resources = ROWS.azurerm_lb_backend_address_pool_address('public');
    delete resources.azurerm_lb_rule;
    expect(failures(resources)).toHaveLength(1);
    expect(failures({ azapi_resource: { f: azapi('Microsoft.Network/loadBalancers', '${var.body}' as unknown as object) } })).toHaveLength(1);
  });
});

describe('a private frontend published by Private Link forwards from other tenants', () => {
  test('an internal load balancer fronted by a Private Link service (by reference, literal ID, or an azapi one) fails; another balancer\'s service passes', () => {
    const internal = ROWS.azurerm_lb_backend_address_pool_address('private');
    const service = (ids: unknown) => ({ azurerm_private_link_service: { pls: { name: 'pls', load_balancer_frontend_ip_configuration_ids: ids, nat_ip_configuration: [{ name: 'n', subnet_id: HUB_SUBNET, primary: true }] } } });
    expect(failures({ ...internal, ...service(['${azurerm_lb.f.frontend_ip_configuration[0].id}']) })).toHaveLength(1);
    expect(failures({ ...internal, ...service(['/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/loadBalancers/LB/frontendIPConfigurations/fe']) })).toHaveLength(1);
    expect(failures({ ...internal, ...service(['${var.frontend}']) })).toHaveLength(1);
    expect(failures({ ...internal, azapi_resource: { pls: azapi('Microsoft.Network/privateLinkServices', { properties: {} }) } })).toHaveLength(1);
    expect(failures({ ...internal, ...service(['/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/loadBalancers/other/frontendIPConfigurations/fe']) })).toEqual([]);
  });

  test('A19a-6: a Private Link service in Direct Connect mode forwards anyone to its destination address, in any form (azurerm, azapi, any key case)', () => {
    const direct = (properties: object) => ({ azapi_resource: { f: azapi('Microsoft.Network/privateLinkServices', { properties }) } });
    for (const properties of [{ destinationIPAddress: SERVER }, { DestinationIpAddress: SERVER }, { destinationIPAddress: '${var.ip}' }, { destinationIPAddress: '10.0.1.04' }]) expect(failures(direct(properties))).toHaveLength(1);
    expect(failures({ azurerm_private_link_service: { f: { name: 'pls', destination_ip_address: '${var.ip}' } } })).toHaveLength(1);
    expect(failures(direct({ destinationIPAddress: '10.0.2.4' }))).toEqual([]);
    // A body known only later is a service that may forward anywhere.
    expect(failures({ azapi_resource: { f: { ...azapi('Microsoft.Network/privateLinkServices', {}), body: '${var.body}' } } })).toHaveLength(1);
  });

  test('A19a-6: a service exposed beyond its subscription on a frontend the stack does not write (known later, or a balancer elsewhere) in the server\'s VNet fails closed; unexposed, or in another VNet, it passes', () => {
    const exposed = { visibility_subscription_ids: ['*'], auto_approval_subscription_ids: ['*'] };
    const service = (extra: object, subnet = SERVER_VNET_SUBNET) => ({ azurerm_private_link_service: { f: { name: 'pls', nat_ip_configuration: [{ name: 'n', subnet_id: subnet, primary: true }], ...extra } } });
    // The balancer's backends are in its VNet, where Azure puts the NAT addresses: in another VNet they are not the server.
    expect(failures(service({ ...exposed, load_balancer_frontend_ip_configuration_ids: ['${var.frontend}'] }, HUB_SUBNET))).toEqual([]);
    expect(failures(service({ ...exposed, load_balancer_frontend_ip_configuration_ids: ['${var.frontend}'] }, '${var.subnet}'))).toHaveLength(1);
    expect(failures(service({ ...exposed, load_balancer_frontend_ip_configuration_ids: ['${var.frontend}'] }))).toHaveLength(1);
    expect(failures(service({ ...exposed, load_balancer_frontend_ip_configuration_ids: [OTHER_FRONTEND] }))).toHaveLength(1);
    expect(failures(service({ visibility_subscription_ids: ['${var.subs}'], load_balancer_frontend_ip_configuration_ids: [OTHER_FRONTEND] }))).toHaveLength(1);
    expect(failures(service({ load_balancer_frontend_ip_configuration_ids: ['${var.frontend}'] }))).toEqual([]);
    const armService = (properties: object) => ({ azapi_resource: { f: azapi('Microsoft.Network/privateLinkServices', { properties }) } });
    expect(failures(armService({ visibility: { subscriptions: ['*'] }, loadBalancerFrontendIpConfigurations: [{ id: '${var.frontend}' }], ipConfigurations: [{ name: 'n', properties: { subnet: { id: SERVER_VNET_SUBNET } } }] }))).toHaveLength(1);
    expect(failures(armService({ visibility: { subscriptions: ['*'] }, loadBalancerFrontendIpConfigurations: [{ id: '${var.frontend}' }], ipConfigurations: [{ name: 'n', properties: { subnet: { id: HUB_SUBNET } } }] }))).toEqual([]);
    expect(failures(armService({ loadBalancerFrontendIpConfigurations: [{ id: '${var.frontend}' }] }))).toEqual([]);
    // The stack's own balancer is read by its row: a service on it forwards what the balancer forwards.
    expect(failures({ ...ROWS.azurerm_lb_backend_address_pool_address('private', '10.0.2.4'), ...service({ ...exposed, load_balancer_frontend_ip_configuration_ids: ['${azurerm_lb.f.frontend_ip_configuration[0].id}'] }) })).toEqual([]);
  });

  test('A19a-6: a partial write exposing a live service forwards to its live destination; retargeting one elsewhere passes', () => {
    const update = (properties: object) => ({ azapi_update_resource: { f: { type: 'Microsoft.Network/privateLinkServices@2024-05-01', resource_id: '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/privateLinkServices/pls', body: { properties } } } });
    expect(failures(update({ visibility: { subscriptions: ['*'] } }))).toEqual([expect.stringMatching(/^azapi_update_resource\.f forwards connections from "\*" to \$\{the live destinationIPAddress of the forwarder azapi_update_resource\.f updates\}, which may be /)]);
    expect(failures(update({ destinationIPAddress: SERVER }))).toHaveLength(1);
    expect(failures(update({ destinationIPAddress: '10.0.2.4' }))).toEqual([]);
    expect(failures(update({ fqdns: ['a.contoso.com'] }))).toEqual([]);
  });

  test('class of A19a-6: a cross-region balancer\'s backend is a regional frontend: one the stack does not write forwards to what is known only later', () => {
    const global = (backend: object): Resources => ({ ...ROWS.azurerm_lb_backend_address_pool_address('public'), azurerm_lb_backend_address_pool_address: { f: { name: 'a', backend_address_pool_id: '${azurerm_lb_backend_address_pool.f.id}', ...backend } } });
    expect(failures(global({ backend_address_ip_configuration_id: OTHER_FRONTEND }))).toHaveLength(1);
    expect(failures(global({ backend_address_ip_configuration_id: '${var.frontend}' }))).toHaveLength(1);
    const regional = { azurerm_lb: { r: { name: 'regional', frontend_ip_configuration: [{ name: 'fe', public_ip_address_id: PUBLIC_IP }] } } };
    const withRegional = global({ backend_address_ip_configuration_id: '${azurerm_lb.r.frontend_ip_configuration[0].id}' });
    expect(failures({ ...withRegional, azurerm_lb: { ...withRegional.azurerm_lb, ...regional.azurerm_lb } })).toEqual([]);
    const armPool = (backend: object) => ({ azapi_resource: { f: azapi('Microsoft.Network/loadBalancers/backendAddressPools', { properties: { loadBalancerBackendAddresses: [{ name: 'a', properties: backend }] } }) } });
    expect(failures(armPool({ loadBalancerFrontendIPConfiguration: { id: OTHER_FRONTEND } }))).toHaveLength(1);
    expect(failures(armPool({ ipAddress: '10.9.0.4' }))).toEqual([]);
  });

  test('A19a-6: a service argument or property the table does not read may be another destination: it fails closed', () => {
    expect(failures({ azurerm_private_link_service: { f: { name: 'pls', load_balancer_frontend_ip_configuration_ids: [OTHER_FRONTEND], destination_fqdn: 'x.contoso.com' } } })).toHaveLength(1);
    expect(failures({ azapi_resource: { f: azapi('Microsoft.Network/privateLinkServices', { properties: { loadBalancerFrontendIpConfigurations: [{ id: OTHER_FRONTEND }], destinationFqdn: 'x.contoso.com' } }) } })).toHaveLength(1);
    expect(failures({ azurerm_private_link_service: { f: { name: 'pls', tags: { a: 'b' }, enable_proxy_protocol: true, fqdns: ['a.contoso.com'], load_balancer_frontend_ip_configuration_ids: [OTHER_FRONTEND] } } })).toEqual([]);
  });

  test('an Application Gateway with a private frontend and Private Link fails (azurerm and azapi)', () => {
    const gateway = ROWS.azurerm_application_gateway('private') as { azurerm_application_gateway: { f: object } };
    expect(failures({ azurerm_application_gateway: { f: { ...gateway.azurerm_application_gateway.f, private_link_configuration: [{ name: 'pl', ip_configuration: [{ name: 'i', subnet_id: HUB_SUBNET, primary: true, private_ip_address_allocation: 'Dynamic' }] }] } } })).toHaveLength(1);
    const armGateway = ROWS['microsoft.network/applicationgateways']('private') as { azapi_resource: { f: { body: { properties: object } } } };
    const body = { properties: { ...armGateway.azapi_resource.f.body.properties, privateLinkConfigurations: [{ name: 'pl' }] } };
    expect(failures({ azapi_resource: { f: { ...armGateway.azapi_resource.f, body } } })).toHaveLength(1);
  });
});

describe('network types the table does not read', () => {
  test('an unlisted Microsoft.Network type (azapi) naming an address of the delegated subnet fails closed', () => {
    const found = failures({ azapi_resource: { f: azapi('Microsoft.Network/virtualHubs/natRules', { properties: { internalMappings: [{ addressSpace: '10.0.1.4/32', portRange: '5432' }] } }) } });
    expect(found).toEqual([`azapi_resource.f, a network resource the pack does not read, names "10.0.1.4/32", an address or the name of ${CONSTRUCT}'s server (or one the stack forwards on to it): it may forward traffic to it, a network path ${CONSTRUCT} does not declare.`]);
  });

  test('an unlisted type naming an address of the subnet in any spelling, or an address or name the stack forwards on to the server, fails closed (A17b-2, A17b-3)', () => {
    const natRule = (address: string) => ({ azapi_resource: { f: azapi('Microsoft.Network/virtualHubs/natRules', { properties: { internalMappings: [{ addressSpace: address, portRange: '5432' }] } }) } });
    for (const address of ['10.0.1.04/32', '10.0.260', '0xa000104', '::ffff:10.0.1.4', '0:0:0:0:0:ffff:a00:104/128', 'x 10.0.1.4 y']) expect(failures(natRule(address))).toHaveLength(1);
    for (const address of ['10.0.2.4/32', '10.0.516', '::ffff:10.0.2.4', '2001:db8::4', '5432']) expect(failures(natRule(address))).toEqual([]);
    const balancer = ROWS['microsoft.network/loadbalancers']('private') as { azapi_resource: { f: { body: { properties: { frontendIPConfigurations: object[] } } } } };
    balancer.azapi_resource.f.body.properties.frontendIPConfigurations = [{ name: 'fe', properties: { privateIPAddress: '10.5.0.10', subnet: { id: HUB_SUBNET } } }];
    const withBalancer = (address: string) => ({ azapi_resource: { ...natRule(address).azapi_resource, lb: balancer.azapi_resource.f } });
    expect(failures(withBalancer('10.5.0.10'))).toHaveLength(1);
    expect(failures(withBalancer('10.5.0.11'))).toEqual([]);
    // Only through literal frontends: an address in such a text may be a source, and a frontend known only later takes any private address.
    balancer.azapi_resource.f.body.properties.frontendIPConfigurations = [{ name: 'fe', properties: { subnet: { id: HUB_SUBNET } } }];
    expect(failures(withBalancer('10.5.0.10'))).toEqual([]);
    const record = { azurerm_private_dns_a_record: { r: { name: 'db', zone_name: 'internal.contoso', records: [SERVER] } } };
    expect(failures({ ...record, azurerm_frontdoor_x: { f: { backend: { address: 'db.internal.contoso' } } } })).toHaveLength(1);
    expect(failures({ ...record, azurerm_frontdoor_x: { f: { backend: { address: 'web.internal.contoso' } } } })).toEqual([]);
  });

  test('an unlisted type whose body is JSON text naming the subnet or the server with JSON escapes fails closed (class of A17b-1)', () => {
    const natRule = (text: string) => ({ azapi_resource: { f: { ...azapi('Microsoft.Network/virtualHubs/natRules', {}), body: text } } });
    const mapping = (address: string) => `{"properties":{"internalMappings":[{"addressSpace":"${address}","portRange":"5432"}]}}`;
    for (const address of ['10.0.1.\\u0034/32', '10.0.1.\\u0034', '192.168.1.0/24\\u0020 10.0.1.4']) expect(failures(natRule(mapping(address)))).toHaveLength(1);
    expect(failures(natRule(mapping('orders-db.p\\u006fstgres.database.azure.com')))).toHaveLength(1);
    expect(failures(natRule(mapping('10.0.2.\\u0034/32')))).toEqual([]);
  });

  test('an unlisted azurerm network type naming the server\'s name fails closed', () => {
    expect(failures({ azurerm_frontdoor_x: { f: { backend: { address: 'orders-db.postgres.database.azure.com' } } } })).toHaveLength(1);
    expect(failures({ azurerm_virtual_hub_nat_x: { f: { target: `\${${FLEXIBLE}.db.fqdn}` } } })).toHaveLength(1);
  });

  test('inert network types pass: a route to the subnet through a hub firewall, an NSG rule, a type of another namespace, DNS records', () => {
    expect(failures({
      azurerm_route: { f: { name: 'r', address_prefix: '10.0.1.0/28', next_hop_type: 'VirtualAppliance', next_hop_in_ip_address: '10.9.0.4' } },
      azapi_resource: { f: azapi('Microsoft.Network/routeTables', { properties: { routes: [{ name: 'r', properties: { addressPrefix: '10.0.1.0/28' } }] } }), g: azapi('Microsoft.Web/sites', { properties: { siteConfig: { appSettings: [{ name: 'PGHOST', value: SERVER }] } } }) },
      azurerm_network_security_rule: { f: { name: 'r', destination_address_prefix: '10.0.1.0/28' } },
    })).toEqual([]);
    expect(failures({
      azurerm_dns_cname_record: { f: { name: 'db', zone_name: 'contoso.com', record: 'orders-db.postgres.database.azure.com' } },
      azapi_resource: { f: azapi('Microsoft.Network/dnsZones/CNAME', { properties: { CNAMERecord: { cname: 'orders-db.postgres.database.azure.com' } } }) },
    })).toEqual([]);
  });
});

test('types named like properties every object inherits are no rows of the table (no TypeError)', () => {
  for (const type of ['constructor', '__proto__', 'toString']) {
    expect(() => failures({ azapi_resource: { x: azapi(type, { properties: {} }) } })).not.toThrow();
    expect(() => failures(JSON.parse(`{"${type}": {"x": {"name": "x"}}}`) as Resources)).not.toThrow();
  }
});

describe('a destination is read by one address reader: canonical addresses and DNS names, anything else fails closed (A17b-3)', () => {
  const dnat = (target: string) => ({ azapi_resource: { f: azapi('Microsoft.Network/firewallPolicies/ruleCollectionGroups', { properties: { priority: 100, ruleCollections: [{ ruleCollectionType: 'FirewallPolicyNatRuleCollection', name: 'n', priority: 100, action: { type: 'DNAT' }, rules: [{ ruleType: 'NatRule', name: 'pg', ipProtocols: ['TCP'], sourceAddresses: ['*'], destinationAddresses: ['20.1.2.3'], destinationPorts: ['5432'], translatedAddress: target, translatedPort: '5432' }] }] } }) } });

  // Spellings other parsers (inet_aton, .NET's IPAddress.Parse, a dual-stack socket) read as an address the pack does not read as one.
  test.each(['10.0.1.04', '10.0.260', '10.0.0x1.4', '0x0a.0.1.4', '012.0.1.4', '167772420', '0xa000104', '10.0.1.4.', '10.0.1.04/32', '10.0.1.4:5432', '10.0.1.4 x', '', '*', 'db..internal'])('%j cannot be read and fails closed', (target) => {
    const found = failures(dnat(target));
    expect(found).toEqual([`azapi_resource.f forwards connections from "*" to ${JSON.stringify(target)}, which the pack cannot read as an address or a DNS name: it may be ${CONSTRUCT}'s server (an address of its subnet), on a PostgreSQL port: a network path ${CONSTRUCT} does not declare.`]);
  });

  test.each(['::ffff:10.0.1.4', '::FFFF:a00:104', '0:0:0:0:0:ffff:10.0.1.4', '::10.0.1.4'])('the IPv4-mapped (or -compatible) IPv6 address %s is read as its IPv4 address, the server\'s', (target) => {
    expect(failures(dnat(target))).toEqual([`azapi_resource.f forwards connections from "*" to ${JSON.stringify(target)}, which may be ${CONSTRUCT}'s server (an address of its subnet, or its name), on a PostgreSQL port: a network path ${CONSTRUCT} does not declare.`]);
  });

  test.each(['10.0.2.4', '::ffff:10.0.2.4', '2001:db8::4', 'db.internal.contoso', 'db', 'x_1.internal.contoso.', 'deadbeef.contoso'])('%s is read (an address outside the subnet, or a name) and passes', (target) => {
    expect(failures(dnat(target))).toEqual([]);
  });

  test('an A record of the stack whose address cannot be read fails closed; a canonical one elsewhere passes', () => {
    const toName = { azurerm_firewall_policy_rule_collection_group: { f: { name: 'f', firewall_policy_id: POLICY, priority: 100, nat_rule_collection: [{ name: 'n', priority: 100, action: 'Dnat', rule: [{ name: 'pg', protocols: ['TCP'], source_addresses: ['*'], destination_address: '20.1.2.3', destination_ports: ['5432'], translated_fqdn: 'db.internal.contoso', translated_port: 5432 }] }] } } };
    const record = (address: string) => ({ azurerm_private_dns_a_record: { r: { name: 'db', zone_name: 'internal.contoso', resource_group_name: 'rg', ttl: 300, records: [address] } } });
    expect(failures({ ...toName, ...record('10.0.1.04') })).toHaveLength(1);
    expect(failures({ ...toName, ...record('::ffff:10.0.1.4') })).toHaveLength(1);
    expect(failures({ ...toName, ...record('10.0.2.4') })).toEqual([]);
  });
});

describe('forwards are followed to their end: a forward to a frontend or a name of the stack that leads on to the server is a forward to the server (A17b-2)', () => {
  const VNET = '/subscriptions/0/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub';
  const rcg = (id: string, sources: string[], frontend: string, rule: object) => ({ azurerm_firewall_policy_rule_collection_group: { [id]: { name: id, firewall_policy_id: POLICY, priority: 100, nat_rule_collection: [{ name: 'n', priority: 100, action: 'Dnat', rule: [{ name: 'pg', protocols: ['TCP'], source_addresses: sources, destination_address: frontend, destination_ports: ['5432'], translated_port: 5432, ...rule }] }] } } });
  /** Each row of the table as a private hop: it takes connections on `frontend` (port 5432) from private sources only, and forwards them to `target` on 5432. */
  const HOPS: { readonly [type: string]: (id: string, frontend: string, target: string) => Resources } = {
    azurerm_lb_backend_address_pool_address: (id, frontend, target) => ({
      azurerm_lb: { [id]: { name: id, frontend_ip_configuration: [{ name: 'fe', subnet_id: HUB_SUBNET, private_ip_address_allocation: 'Static', private_ip_address: frontend }] } },
      azurerm_lb_backend_address_pool: { [id]: { name: 'p', loadbalancer_id: `\${azurerm_lb.${id}.id}` } },
      azurerm_lb_rule: { [id]: { name: 'r', loadbalancer_id: `\${azurerm_lb.${id}.id}`, protocol: 'Tcp', frontend_port: 5432, backend_port: 5432, frontend_ip_configuration_name: 'fe' } },
      azurerm_lb_backend_address_pool_address: { [id]: { name: 'a', backend_address_pool_id: `\${azurerm_lb_backend_address_pool.${id}.id}`, virtual_network_id: VNET, ip_address: target } },
    }),
    azurerm_application_gateway: (id, frontend, target) => ({ azurerm_application_gateway: { [id]: { name: id, frontend_ip_configuration: [{ name: 'fe', subnet_id: HUB_SUBNET, private_ip_address: frontend }], frontend_port: [{ name: 'p', port: 5432 }], backend_address_pool: [{ name: 'p', ip_addresses: [target] }], backend_http_settings: [{ name: 's', port: 5432, protocol: 'Http' }] } } }),
    azurerm_firewall_policy_rule_collection_group: (id, frontend, target) => rcg(id, ['10.0.0.0/8'], frontend, { translated_address: target }),
    azurerm_firewall_nat_rule_collection: (id, frontend, target) => ({ azurerm_firewall_nat_rule_collection: { [id]: { name: id, azure_firewall_name: 'fw', resource_group_name: 'rg-hub', priority: 100, action: 'Dnat', rule: [{ name: 'pg', protocols: ['TCP'], source_addresses: ['10.0.0.0/8'], destination_addresses: [frontend], destination_ports: ['5432'], translated_address: target, translated_port: '5432' }] } } }),
    'microsoft.network/loadbalancers': (id, frontend, target) => ({ azapi_resource: { [id]: azapi('Microsoft.Network/loadBalancers', { properties: { frontendIPConfigurations: [{ name: 'fe', properties: { privateIPAddress: frontend, subnet: { id: HUB_SUBNET } } }], backendAddressPools: [{ name: 'p', properties: { loadBalancerBackendAddresses: [{ name: 'a', properties: { ipAddress: target } }] } }], loadBalancingRules: [{ name: 'r', properties: { frontendPort: 5432, backendPort: 5432, protocol: 'Tcp' } }] } }) } }),
    'microsoft.network/applicationgateways': (id, frontend, target) => ({ azapi_resource: { [id]: azapi('Microsoft.Network/applicationGateways', { properties: { frontendIPConfigurations: [{ name: 'fe', properties: { privateIPAddress: frontend, subnet: { id: HUB_SUBNET } } }], frontendPorts: [{ name: 'p', properties: { port: 5432 } }], backendAddressPools: [{ name: 'p', properties: { backendAddresses: [{ ipAddress: target }] } }], backendSettingsCollection: [{ name: 's', properties: { port: 5432, protocol: 'Tcp' } }] } }) } }),
    'microsoft.network/firewallpolicies/rulecollectiongroups': (id, frontend, target) => ({ azapi_resource: { [id]: azapi('Microsoft.Network/firewallPolicies/ruleCollectionGroups', { properties: { priority: 100, ruleCollections: [{ ruleCollectionType: 'FirewallPolicyNatRuleCollection', name: 'n', priority: 100, action: { type: 'DNAT' }, rules: [{ ruleType: 'NatRule', name: 'pg', ipProtocols: ['TCP'], sourceAddresses: ['10.0.0.0/8'], destinationAddresses: [frontend], destinationPorts: ['5432'], translatedAddress: target, translatedPort: '5432' }] }] } }) } }),
    'microsoft.network/firewallpolicies/rulecollectiongroups/rulecollectiongroupdrafts': (id, frontend, target) => ({ azapi_resource: { [id]: azapi('Microsoft.Network/firewallPolicies/ruleCollectionGroups/ruleCollectionGroupDrafts', { properties: { priority: 100, ruleCollections: [{ ruleCollectionType: 'FirewallPolicyNatRuleCollection', name: 'n', priority: 100, action: { type: 'DNAT' }, rules: [{ ruleType: 'NatRule', name: 'pg', ipProtocols: ['TCP'], sourceAddresses: ['10.0.0.0/8'], destinationAddresses: [frontend], destinationPorts: ['5432'], translatedAddress: target, translatedPort: '5432' }] }] } }) } }),
    'microsoft.network/azurefirewalls': (id, frontend, target) => ({ azapi_resource: { [id]: azapi('Microsoft.Network/azureFirewalls', { properties: { natRuleCollections: [{ name: 'n', properties: { priority: 100, action: { type: 'Dnat' }, rules: [{ name: 'pg', protocols: ['TCP'], sourceAddresses: ['10.0.0.0/8'], destinationAddresses: [frontend], destinationPorts: ['5432'], translatedAddress: target, translatedPort: '5432' }] } }] } }) } }),
  };
  // A pool written on its own takes connections on any frontend: it is a hop for every private address (below).
  const ANY_FRONTEND = ['microsoft.network/loadbalancers/backendaddresspools'];
  // A Private Link service takes connections at private endpoints in other networks, from anyone: judged as the first hop.
  const ENDPOINTS_ONLY = ['azurerm_private_link_service', 'microsoft.network/privatelinkservices'];
  /** Resources of several hops, the maps of one type joined. */
  const joined = (...parts: Resources[]): Resources => parts.reduce<Resources>((all, part) => {
    const out: Resources = { ...all };
    for (const [type, blocks] of Object.entries(part)) out[type] = { ...(out[type] ?? {}), ...blocks };
    return out;
  }, {});
  const publicDnat = (frontendOrName: { translated_address: string } | { translated_fqdn: string }, port = 5432) => rcg('first', ['*'], '20.1.2.3', { ...frontendOrName, translated_port: port });
  const FORWARDS_ON = (first: string) => new RegExp(`^${first.replace(/\./g, '\\.')} forwards connections from "\\*" to .*, which the stack forwards on to ${CONSTRUCT}'s server \\(an address of its subnet, or its name\\) through .*, on a PostgreSQL port: a network path ${CONSTRUCT} does not declare\\.$`);

  test('every row of the table has a hop here, takes any frontend, or takes connections only at private endpoints', () => {
    expect([...Object.keys(HOPS), ...ANY_FRONTEND, ...ENDPOINTS_ONLY].sort()).toEqual([...FORWARDER_TYPES].sort());
  });

  test.each(Object.keys(HOPS))('depth 2: a public DNAT to the private frontend of %s whose target is the server fails; to one whose target is elsewhere passes', (type) => {
    expect(failures(joined(publicDnat({ translated_address: '10.5.0.10' }), HOPS[type]('m1', '10.5.0.10', SERVER)))).toEqual([expect.stringMatching(FORWARDS_ON('azurerm_firewall_policy_rule_collection_group.first'))]);
    expect(failures(joined(publicDnat({ translated_address: '10.5.0.10' }), HOPS[type]('m1', '10.5.0.10', '10.0.2.4')))).toEqual([]);
    expect(failures(joined(publicDnat({ translated_address: '10.5.0.11' }), HOPS[type]('m1', '10.5.0.10', SERVER)))).toEqual([]);
  });

  const pairs = Object.keys(HOPS).flatMap((first) => Object.keys(HOPS).map((second) => [first, second]));
  test.each(pairs)('depth 3: a public DNAT to %s, then %s, then the server fails; the same chain ending elsewhere passes', (first, second) => {
    const chain = (end: string) => joined(publicDnat({ translated_address: '10.5.0.10' }), HOPS[first]('m1', '10.5.0.10', '10.5.0.20'), HOPS[second]('m2', '10.5.0.20', end));
    expect(failures(chain(SERVER))).toEqual([expect.stringMatching(FORWARDS_ON('azurerm_firewall_policy_rule_collection_group.first'))]);
    expect(failures(chain('10.0.2.4'))).toEqual([]);
  });

  test('the message names each hop; a public load balancer or gateway in front of a private hop fails as a DNAT does', () => {
    expect(failures(joined(publicDnat({ translated_address: '10.5.0.10' }), HOPS.azurerm_lb_backend_address_pool_address('m1', '10.5.0.10', SERVER)))).toEqual([
      `azurerm_firewall_policy_rule_collection_group.first forwards connections from "*" to "10.5.0.10", which the stack forwards on to ${CONSTRUCT}'s server (an address of its subnet, or its name) through azurerm_lb_backend_address_pool_address.m1 (to "10.0.1.4"), on a PostgreSQL port: a network path ${CONSTRUCT} does not declare.`,
    ]);
    const publicGateway = { azurerm_application_gateway: { g: { name: 'g', frontend_ip_configuration: [lbFrontend('public')], backend_address_pool: [{ name: 'p', ip_addresses: ['10.5.0.10'] }], backend_http_settings: [{ name: 's', port: 5432, protocol: 'Http' }] } } };
    expect(failures(joined(publicGateway, HOPS['microsoft.network/loadbalancers']('m1', '10.5.0.10', SERVER)))).toEqual([expect.stringMatching(/^azurerm_application_gateway\.g forwards connections from "\*" to "10\.5\.0\.10", which the stack forwards on/)]);
  });

  test('an Azure Firewall frontend written as a range ("first-last") takes the addresses of the range; a malformed one any private address (A19b-4)', () => {
    const hop = (frontend: string) => rcg('m1', ['10.0.0.0/8'], frontend, { translated_address: SERVER });
    expect(failures(joined(publicDnat({ translated_address: '10.5.0.12' }), hop('10.5.0.10-10.5.0.20')))).toHaveLength(1);
    expect(failures(joined(publicDnat({ translated_address: '10.6.0.7' }), hop('10.5.0.10-10.5.0.20')))).toEqual([]);
    expect(failures(joined(publicDnat({ translated_address: '10.6.0.7' }), hop('10.5.0.20-10.5.0.10')))).toHaveLength(1);
  });

  test('a frontend allocated dynamically is any address of its subnet of the stack, or any private address', () => {
    const balancer = HOPS.azurerm_lb_backend_address_pool_address('m1', '10.5.0.10', SERVER) as { azurerm_lb: { m1: { frontend_ip_configuration: object[] } } };
    const dynamic = (subnetId: string) => joined(balancer as Resources, { azurerm_lb: { m1: { name: 'm1', frontend_ip_configuration: [{ name: 'fe', subnet_id: subnetId, private_ip_address_allocation: 'Dynamic' }] } } });
    const lbSubnet = { azurerm_subnet: { db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet', address_prefixes: ['10.0.1.0/28'] }, lb: { name: 'lb', address_prefixes: ['10.5.0.0/27'] } } };
    expect(failures(joined(publicDnat({ translated_address: '10.5.0.7' }), dynamic('${azurerm_subnet.lb.id}'), lbSubnet))).toHaveLength(1);
    expect(failures(joined(publicDnat({ translated_address: '10.6.0.7' }), dynamic('${azurerm_subnet.lb.id}'), lbSubnet))).toEqual([]);
    expect(failures(joined(publicDnat({ translated_address: '10.6.0.7' }), dynamic(HUB_SUBNET)))).toHaveLength(1);
    // A public address is no private frontend's.
    expect(failures(joined(publicDnat({ translated_address: '20.6.0.7' }), dynamic(HUB_SUBNET)))).toEqual([]);
  });

  test('a pool written on its own takes any private frontend (and from anyone): a public DNAT to a private address fails when it may reach the server through it', () => {
    const pool = { azapi_resource: { m1: azapi('Microsoft.Network/loadBalancers/backendAddressPools', { properties: { loadBalancerBackendAddresses: [{ name: 'a', properties: { ipAddress: '10.5.0.20' } }] } }) } };
    expect(failures(joined(publicDnat({ translated_address: '10.5.0.10' }), pool, HOPS['microsoft.network/loadbalancers']('m2', '10.5.0.20', SERVER)))).toEqual([
      expect.stringMatching(FORWARDS_ON('azurerm_firewall_policy_rule_collection_group.first')), expect.stringMatching(/^azapi_resource\.m1 forwards connections from any source to "10\.5\.0\.20", which the stack forwards on/),
    ]);
    expect(failures(joined(publicDnat({ translated_address: '10.5.0.10' }), pool, HOPS['microsoft.network/loadbalancers']('m2', '10.5.0.20', '10.0.2.4')))).toEqual([]);
  });

  test('ports: a DNAT to a frontend port the next hop does not take passes; one it takes and forwards to 5432 fails', () => {
    const balancer = (frontendPort: number) => joined(HOPS.azurerm_lb_backend_address_pool_address('m1', '10.5.0.10', SERVER), { azurerm_lb_rule: { m1: { name: 'r', loadbalancer_id: '${azurerm_lb.m1.id}', protocol: 'Tcp', frontend_port: frontendPort, backend_port: 5432, frontend_ip_configuration_name: 'fe' } } });
    expect(failures(joined(publicDnat({ translated_address: '10.5.0.10' }, 443), balancer(5432)))).toEqual([]);
    expect(failures(joined(publicDnat({ translated_address: '10.5.0.10' }, 443), balancer(443)))).toHaveLength(1);
    expect(failures(joined(publicDnat({ translated_address: '10.5.0.10' }, 443), balancer(0)))).toHaveLength(1);
  });

  test('names: a CNAME to an A record of the server fails, by azurerm or azapi records; a name that leads to a frontend that leads to the server fails', () => {
    const record = (id: string, kind: 'a' | 'cname', name: string, value: string) => ({ [`azurerm_private_dns_${kind}_record`]: { [id]: { name, zone_name: 'internal.contoso', resource_group_name: 'rg', ttl: 60, ...(kind === 'a' ? { records: [value] } : { record: value }) } } });
    const toName = publicDnat({ translated_fqdn: 'db.internal.contoso' });
    expect(failures(joined(toName, record('r1', 'cname', 'db', 'alias.internal.contoso'), record('r2', 'a', 'alias', SERVER)))).toEqual([expect.stringMatching(FORWARDS_ON('azurerm_firewall_policy_rule_collection_group.first'))]);
    expect(failures(joined(toName, record('r1', 'cname', 'db', 'alias.internal.contoso'), record('r2', 'a', 'alias', '10.0.2.4')))).toEqual([]);
    expect(failures(joined(toName, record('r1', 'a', 'db', '10.5.0.10'), HOPS.azurerm_application_gateway('m1', '10.5.0.10', SERVER)))).toHaveLength(1);
    // A wildcard record answers every name below its parent.
    expect(failures(joined(toName, record('r1', 'cname', '*', 'alias.internal.contoso'), record('r2', 'a', 'alias', SERVER)))).toHaveLength(1);
    expect(failures(joined(toName, record('r1', 'cname', '*.other', 'alias.internal.contoso'), record('r2', 'a', 'alias', SERVER)))).toEqual([]);
    const zone = '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/internal.contoso';
    const azapiRecords = { azapi_resource: {
      c: { type: 'Microsoft.Network/privateDnsZones/CNAME@2020-06-01', name: 'db', parent_id: zone, body: { properties: { ttl: 60, cnameRecord: { cname: 'alias.internal.contoso' } } } },
      a: { type: 'Microsoft.Network/privateDnsZones/A@2020-06-01', name: 'alias', parent_id: zone, body: { properties: { ttl: 60, aRecords: [{ ipv4Address: SERVER }] } } },
    } };
    expect(failures(joined(toName, azapiRecords))).toHaveLength(1);
    expect(failures(joined(toName, { azapi_resource: { ...azapiRecords.azapi_resource, a: { ...azapiRecords.azapi_resource.a, body: { properties: { aRecords: [{ ipv4Address: '10.0.2.4' }] } } } } }))).toEqual([]);
  });

  test('a loop of names or of literal frontends fails closed; a chain past the bound fails closed, one within it is followed', () => {
    const cname = (id: string, name: string, value: string) => ({ azurerm_private_dns_cname_record: { [id]: { name, zone_name: 'internal.contoso', record: value } } });
    const toName = publicDnat({ translated_fqdn: 'db.internal.contoso' });
    expect(failures(joined(toName, cname('r1', 'db', 'alias.internal.contoso'), cname('r2', 'alias', 'db.internal.contoso')))).toEqual([expect.stringMatching(/come back to where they were: the pack cannot follow them to an end/)]);
    const loop = joined(publicDnat({ translated_address: '10.5.0.10' }), HOPS.azurerm_lb_backend_address_pool_address('m1', '10.5.0.10', '10.5.0.20'), HOPS.azurerm_firewall_policy_rule_collection_group('m2', '10.5.0.20', '10.5.0.10'));
    expect(failures(loop)).toEqual([expect.stringMatching(/^azurerm_firewall_policy_rule_collection_group\.first .* come back to where they were/)]);
    // A loop closed only through a frontend known only later (a pool written on its own) says nothing: it passes.
    const pool = { azapi_resource: { m1: azapi('Microsoft.Network/loadBalancers/backendAddressPools', { properties: { loadBalancerBackendAddresses: [{ name: 'a', properties: { ipAddress: '10.5.0.20' } }] } }) } };
    expect(failures(joined(publicDnat({ translated_address: '10.5.0.10' }), pool, HOPS.azurerm_firewall_policy_rule_collection_group('m2', '10.5.0.20', '10.5.0.10')))).toEqual([]);
    const chain = (length: number, end: string) => joined(toName, ...Array.from({ length }, (_, i) => (i === length - 1
      ? { azurerm_private_dns_a_record: { end: { name: `n${i}`, zone_name: 'internal.contoso', records: [end] } } }
      : cname(`r${i}`, i === 0 ? 'db' : `n${i}`, `n${i + 1}.internal.contoso`))));
    expect(failures(chain(MAX_HOPS, SERVER))).toEqual([expect.stringMatching(FORWARDS_ON('azurerm_firewall_policy_rule_collection_group.first'))]);
    expect(failures(chain(MAX_HOPS, '10.0.2.4'))).toEqual([]);
    expect(failures(chain(MAX_HOPS + 1, '10.0.2.4'))).toEqual([expect.stringMatching(new RegExp(`run past ${MAX_HOPS} hops`))]);
  });

  test('a destination that cannot be read after a hop fails closed', () => {
    expect(failures(joined(publicDnat({ translated_address: '10.5.0.10' }), HOPS['microsoft.network/loadbalancers']('m1', '10.5.0.10', '10.0.1.04')))).toEqual([expect.stringMatching(/forwards on through azapi_resource\.m1 \(to "10\.0\.1\.04"\) to a destination the pack cannot read/)]);
  });
});

// Eighteenth review, A18b-2: a partial write (an update, a PATCH) of a NAT rule the stack does not define merges into the
// live rule (azapi merges list items by name or index): its live destination and port stay, known only at apply time and
// possibly the server. The class test: each azapi NAT row × {an item without a name, a named item, sensitive_body, PATCH}
// fails when it may widen the sources, and passes when what it writes alone narrows (private sources, another
// destination, another rule type).
describe('A18b-2: a partial write of a NAT rule is over the live rule', () => {
  const GROUP_ID = `${POLICY}/ruleCollectionGroups/hub`;
  const FIREWALL_ID = '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/azureFirewalls/fw';
  const rows: { readonly [row: string]: (rule: object) => { type: string; id: string; body: object } } = {
    'a rule collection group': (rule) => ({ type: 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@2023-09-01', id: GROUP_ID, body: { properties: { ruleCollections: [{ rules: [rule] }] } } }),
    'a classic firewall': (rule) => ({ type: 'Microsoft.Network/azureFirewalls@2023-09-01', id: FIREWALL_ID, body: { properties: { natRuleCollections: [{ properties: { rules: [rule] } }] } } }),
  };
  const writers: { readonly [writer: string]: (write: { type: string; id: string; body: object }) => Resources } = {
    'azapi_update_resource': ({ type, id, body }) => ({ azapi_update_resource: { f: { type, resource_id: id, body } } }),
    'azapi_update_resource, the rule in sensitive_body': ({ type, id, body }) => ({ azapi_update_resource: { f: { type, resource_id: id, body: { tags: {} }, sensitive_body: body } } }),
    'azapi_resource_action PATCH': ({ type, id, body }) => ({ azapi_resource_action: { f: { type, resource_id: id, method: 'PATCH', body } } }),
  };
  describe.each(Object.keys(rows))('%s', (row) => {
    test.each(Object.keys(writers))('written by %s: widening the sources fails closed; what alone narrows passes', (writer) => {
      const judge = (rule: object) => failures(writers[writer](rows[row](rule)));
      for (const rule of [{ sourceAddresses: ['*'] }, { name: 'pg', sourceAddresses: ['*'] }, { sourceAddresses: ['*'], translatedPort: '5432' }, { sourceIpGroups: ['${var.group}'] }]) {
        expect([rule, judge(rule)]).toEqual([rule, [expect.stringContaining('the live translatedAddress of the NAT rule')]]);
      }
      // The port left out is the live one: it may be PostgreSQL's.
      expect(judge({ sourceAddresses: ['*'], translatedAddress: SERVER })).toEqual([expect.stringContaining('to "10.0.1.4"')]);
      expect(judge({ translatedAddress: SERVER, translatedPort: '5432' })).toEqual([expect.stringContaining('the live sourceAddresses of the NAT rule')]);
      expect(judge({ sourceAddresses: ['10.8.0.0/16'] })).toEqual([]);
      expect(judge({ translatedAddress: '10.9.0.4' })).toEqual([]);
      expect(judge({ translatedPort: '443', sourceAddresses: ['*'], translatedFqdn: 'app.contoso.com' })).toEqual([]);
    });
  });
  // A load balancer or Application Gateway forwards what its frontends take to its pools: a partial write of one keeps the
  // other live (a public frontend over live pools that may hold the server).
  test.each([
    ['a load balancer', 'Microsoft.Network/loadBalancers@2023-09-01', (address: string) => [{ name: 'p', properties: { loadBalancerBackendAddresses: [{ name: 'a', properties: { ipAddress: address } }] } }]],
    ['an Application Gateway', 'Microsoft.Network/applicationGateways@2023-09-01', (address: string) => [{ name: 'p', properties: { backendAddresses: [{ ipAddress: address }] } }]],
  ])('a partial write of %s: a public frontend over live pools, or pools to the server behind live frontends, fails closed; private frontends, other pools, or neither pass', (_name, type, pools) => {
    const update = (properties: object) => ({ azapi_update_resource: { f: { type, resource_id: '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/x/lb', body: { properties } } } });
    expect(failures(update({ frontendIPConfigurations: [armFrontend('public')] }))).toHaveLength(1);
    expect(failures(update({ backendAddressPools: pools(SERVER) }))).toHaveLength(1);
    expect(failures(update({ frontendIPConfigurations: [armFrontend('private')] }))).toEqual([]);
    expect(failures(update({ backendAddressPools: pools('10.9.0.4') }))).toEqual([]);
    expect(failures(update({ probes: [] }))).toEqual([]);
  });

  test('a partial write of a network or application rule forwards nothing; a whole write (azapi_resource, PUT) reads what it holds', () => {
    const group = (rule: object) => rows['a rule collection group'](rule);
    expect(failures(writers.azapi_update_resource(group({ ruleType: 'NetworkRule', sourceAddresses: ['*'] })))).toEqual([]);
    expect(failures(writers.azapi_update_resource(group({ ruleType: 'ApplicationRule', sourceAddresses: ['*'] })))).toEqual([]);
    expect(failures(writers.azapi_update_resource(group({ ruleType: 'NatRule', sourceAddresses: ['*'] })))).toHaveLength(1);
    const { type, id, body } = group({ sourceAddresses: ['*'] });
    expect(failures({ azapi_resource_action: { f: { type, resource_id: id, method: 'PUT', body } } })).toEqual([]);
  });
});

// A20b-9 (class): a destination made by a function of literal text is read as each value it may take, and each value as a
// literal destination is (one reader): an address of the subnet is the server, a name one of its names; what the reader cannot
// evaluate from literal text may be anything (fails closed where a literal address would).
describe('A20b-9: each reading of an expression destination is judged as the literal is', () => {
  /** The failures of a public DNAT to `target`, the stack's locals given (l: another address, then the server's). */
  const dnatFailures = (target: string, row = 'azurerm_firewall_policy_rule_collection_group'): string[] => {
    const resources: Resources = {
      [FLEXIBLE]: { db: { ...compliantFlexibleServer({}), ...madeAt(`${CONSTRUCT}/Server`) } },
      azurerm_subnet: { db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet', virtual_network_name: 'vnet-hub', resource_group_name: 'rg-network', address_prefixes: ['10.0.1.0/28'] } },
      ...ROWS[row]('public', target),
    };
    const model = buildStackModel({ resource: resources, locals: { l: ['10.30.0.4', SERVER], other: ['10.30.0.4', '10.30.0.5'] }, variable: { x: { type: 'string' } } });
    const found = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
    return forwardingPaths(found, CONSTRUCT, { postgresqlProviders: new Map(), resources: model.resources, locals: model.locals }).filter((verdict) => verdict.status === 'fail').map((verdict) => verdict.message);
  };
  /** Functions of literal text over the server's address, and the same over another address. */
  const FORMS: readonly ((address: string, other: string) => string)[] = [
    (address) => address,
    (address) => `\${one(["${address}"])}`,
    (address) => `\${tolist(["${address}"])[0]}`,
    (address) => `\${try(local.nope, "${address}")}`,
    (address) => `\${coalesce("", "${address}")}`,
    (address) => `\${compact(["", "${address}"])[0]}`,
    (address, other) => `\${sort(["${other}", "${address}"])[0]}`,
    (address) => `\${flatten([["x"], ["${address}"]])[1]}`,
    (address) => `\${distinct(["${address}", "${address}"])[0]}`,
    (address) => `\${reverse(["${address}"])[0]}`,
    (address) => `\${element(["${address}"], 0)}`,
    (address) => `\${lookup({ a = "${address}" }, "a", "")}`,
    (address) => `\${true ? "${address}" : "${address}"}`,
    (address) => `\${lower("${address}")}`,
    (address) => `\${trimspace(" ${address} ")}`,
    (address) => `\${format("%s", "${address}")}`,
    (address) => `\${join("", ["${address}"])}`,
  ];
  test.each(FORMS.map((form) => [form(SERVER, '10.30.0.4'), form('10.30.0.5', '10.30.0.4')]))('%s is the server (fails PG-NET-1); %s passes', (server, other) => {
    expect(dnatFailures(server)).toHaveLength(1);
    expect(dnatFailures(other)).toEqual([]);
  });
  test.each(['${local.l[length(local.l) - 1]}', '${local.l[max(0, 1)]}', '${local.l[1]}', '${element(local.l, 1)}', '${var.x}', '${cidrhost("10.0.1.0/28", 4)}', '${replace("10.0.2.4", "2", "1")}'])(
    '%s (an index or a function the reader may not evaluate: any of the list, or anything) fails', (target) => {
      expect(dnatFailures(target)).toHaveLength(1);
    });
  test.each(['${local.other[length(local.other) - 1]}', '${local.other[max(0, 1)]}'])('%s (any item of a list of other addresses) passes', (target) => {
    expect(dnatFailures(target)).toEqual([]);
  });
  test('a function of a private frontend of the stack that forwards on to the server is followed, as the literal is', () => {
    const chain = (target: string) => {
      const resources: Resources = {
        [FLEXIBLE]: { db: { ...compliantFlexibleServer({}), ...madeAt(`${CONSTRUCT}/Server`) } },
        azurerm_subnet: { db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet', virtual_network_name: 'vnet-hub', resource_group_name: 'rg-network', address_prefixes: ['10.0.1.0/28'] } },
        azurerm_lb: { in: { name: 'in', frontend_ip_configuration: [{ name: 'fe', subnet_id: HUB_SUBNET, private_ip_address_allocation: 'Static', private_ip_address: '10.5.0.10' }] } },
        azurerm_lb_backend_address_pool: { in: { name: 'p', loadbalancer_id: '${azurerm_lb.in.id}' } },
        azurerm_lb_rule: { in: { name: 'r', loadbalancer_id: '${azurerm_lb.in.id}', protocol: 'Tcp', frontend_port: 5432, backend_port: 5432, frontend_ip_configuration_name: 'fe' } },
        azurerm_lb_backend_address_pool_address: { in: { name: 'a', backend_address_pool_id: '${azurerm_lb_backend_address_pool.in.id}', virtual_network_id: '/subscriptions/0/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub', ip_address: SERVER } },
        ...ROWS.azurerm_firewall_policy_rule_collection_group('public', target),
      };
      const model = buildStackModel({ resource: resources });
      const found = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
      return forwardingPaths(found, CONSTRUCT, { postgresqlProviders: new Map(), resources: model.resources, locals: model.locals }).filter((verdict) => verdict.status === 'fail' && verdict.address === 'azurerm_firewall_policy_rule_collection_group.f');
    };
    expect(chain('10.5.0.10')).toHaveLength(1);
    expect(chain('${one(["10.5.0.10"])}')).toHaveLength(1);
    expect(chain('${sort(["10.5.0.11", "10.5.0.10"])[0]}')).toHaveLength(1);
    expect(chain('${var.on ? "10.5.0.10" : var.other}')).toHaveLength(1);
    expect(chain('${one(["10.5.0.11"])}')).toEqual([]);
  });
  test('a Private Link service whose destination is a function of the server\'s address fails, as the literal does', () => {
    expect(dnatFailures(`\${one(["${SERVER}"])}`, 'azurerm_private_link_service')).toHaveLength(1);
    expect(dnatFailures('${one(["10.30.0.5"])}', 'azurerm_private_link_service')).toEqual([]);
  });
});
