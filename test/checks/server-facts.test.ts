import { serverFacts } from '../../lib/checks/server-facts';
import { compliantFlexibleServer, FLEXIBLE, flexibleServerWithoutVnet, Resources, serverIn, SINGLE } from './rule-harness';

const ZONE = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.postgres.database.azure.com';
const SUBNET = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/clients';

function publicServer(firewall: Resources[string], extra: Resources = {}): Resources {
  return { [FLEXIBLE]: { db: flexibleServerWithoutVnet({ public_network_access_enabled: true }) }, azurerm_postgresql_flexible_server_firewall_rule: firewall, ...extra };
}

const rule = (name: string, start: unknown, end: unknown) => ({ name, server_id: `\${${FLEXIBLE}.db.id}`, start_ip_address: start, end_ip_address: end });

describe('the facts of a server', () => {
  test('name, kind, SKU, version, location and network mode as the stack writes them', () => {
    const facts = serverFacts(serverIn({ [FLEXIBLE]: { db: compliantFlexibleServer({ location: 'westeurope' }) } }));
    expect(facts).toMatchObject({
      address: `${FLEXIBLE}.db`,
      kind: 'flexible',
      definedInStack: true,
      name: 'orders-db',
      sku: 'GP_Standard_D2ds_v5',
      version: '17',
      location: 'westeurope',
      networkMode: 'VNet integration',
    });
  });

  test('a value known only at apply time is shown as its expression, never guessed', () => {
    const facts = serverFacts(serverIn({ [FLEXIBLE]: { db: compliantFlexibleServer({ name: '${var.server_name}', location: '${var.location}', sku_name: undefined }) } }));
    expect(facts).toMatchObject({ name: '${var.server_name}', location: '${var.location}', sku: '(not set)' });
    expect(facts.access.vnetIntegration).toEqual({ subnet: '${azurerm_subnet.db.id}', privateDnsZone: '${azurerm_private_dns_zone.db.id}' });
  });
});

describe('access paths', () => {
  test('public firewall ranges, each with its address count, and the distinct total (overlaps counted once)', () => {
    const facts = serverFacts(serverIn(publicServer({
      office: rule('office', '203.0.113.0', '203.0.113.255'),
      partner: rule('partner', '203.0.113.128', '203.0.114.0'),
      one: rule('one', '198.51.100.7', '198.51.100.7'),
    })));
    expect(facts.networkMode).toBe('public access');
    expect(facts.access.publicNetworkAccess).toBe('enabled');
    expect(facts.access.firewallRanges.map((r) => [r.name, r.start, r.end, r.addresses])).toEqual([
      ['office', '203.0.113.0', '203.0.113.255', 256],
      ['one', '198.51.100.7', '198.51.100.7', 1],
      ['partner', '203.0.113.128', '203.0.114.0', 129],
    ]);
    expect(facts.access.firewallAddressTotal).toBe(1 + 257);
    expect(facts.access.azureServicesRule).toBe('absent');
  });

  test('a range known only at apply time has no count, and so has no total', () => {
    const facts = serverFacts(serverIn(publicServer({ office: rule('office', '${var.start}', '203.0.113.255') })));
    expect(facts.access.firewallRanges).toEqual([
      { address: 'azurerm_postgresql_flexible_server_firewall_rule.office', name: 'office', start: '${var.start}', end: '203.0.113.255', addresses: null, certain: true },
    ]);
    expect(facts.access.firewallAddressTotal).toBeNull();
  });

  test('the 0.0.0.0 rule is the "Azure services" path, not a range of one address', () => {
    const facts = serverFacts(serverIn(publicServer({ azure: rule('azure', '0.0.0.0', '0.0.0.0') })));
    expect(facts.access.firewallRanges).toEqual([]);
    expect(facts.access.firewallAddressTotal).toBe(0);
    expect(facts.access.azureServicesRule).toBe('present (azurerm_postgresql_flexible_server_firewall_rule.azure)');
  });

  test('provider defaults are named as such: public access on, password sign-in on, Entra ID off', () => {
    const facts = serverFacts(serverIn({ [FLEXIBLE]: { db: { name: 'raw', administrator_login: 'pgadmin' } } }));
    expect(facts.access).toMatchObject({
      publicNetworkAccess: 'enabled (provider default)',
      passwordAuthentication: 'on (provider default)',
      entraAuthentication: 'off (provider default)',
      administratorLogin: 'pgadmin',
    });
    expect(facts.networkMode).toBe('public access');
  });

  test('a private endpoint with its subnet and DNS zone, Entra administrators and databases', () => {
    const facts = serverFacts(serverIn({
      [FLEXIBLE]: { db: flexibleServerWithoutVnet() },
      azurerm_private_endpoint: {
        pe: {
          name: 'pe-orders',
          subnet_id: SUBNET,
          private_service_connection: { name: 'c', private_connection_resource_id: `\${${FLEXIBLE}.db.id}`, subresource_names: ['postgresqlServer'] },
          private_dns_zone_group: { name: 'g', private_dns_zone_ids: [ZONE] },
        },
      },
      azurerm_postgresql_flexible_server_active_directory_administrator: {
        admins: { server_name: `\${${FLEXIBLE}.db.name}`, principal_name: 'db-admins', principal_type: 'Group', object_id: '${var.admins}' },
      },
      azurerm_postgresql_flexible_server_database: { orders: { name: 'orders', server_id: `\${${FLEXIBLE}.db.id}` } },
    }));
    expect(facts.networkMode).toBe('private endpoint');
    expect(facts.access.privateEndpoints).toEqual([{ address: 'azurerm_private_endpoint.pe', name: 'pe-orders', subnet: SUBNET, privateDnsZones: [ZONE], certain: true }]);
    expect(facts.access.entraAdministrators).toEqual([
      { address: 'azurerm_postgresql_flexible_server_active_directory_administrator.admins', principalName: 'db-admins', principalType: 'Group', objectId: '${var.admins}', certain: true },
    ]);
    expect(facts.access).toMatchObject({ entraAuthentication: 'on', passwordAuthentication: 'off', databases: ['orders'] });
  });

  test('a public access setting known only at apply time decides the network mode, and the report says so', () => {
    const facts = serverFacts(serverIn(publicServer({}, {}), `${FLEXIBLE}.db`));
    expect(facts.networkMode).toBe('public access');
    const unknown = serverFacts(serverIn({ [FLEXIBLE]: { db: { name: 'x', public_network_access_enabled: '${var.public}' } } }));
    expect(unknown.networkMode).toBe('decided at apply time by public_network_access_enabled = ${var.public}');
    expect(unknown.access.publicNetworkAccess).toBe('${var.public}');
  });

  test('a Single Server: VNet rules, and password sign-in that is always on', () => {
    const facts = serverFacts(serverIn({
      [SINGLE]: { db: { name: 'legacy', public_network_access_enabled: true, administrator_login: 'pgadmin', sku_name: 'GP_Gen5_2', version: '11' } },
      azurerm_postgresql_virtual_network_rule: { app: { name: 'app', server_name: `\${${SINGLE}.db.name}`, subnet_id: SUBNET } },
    }));
    expect(facts).toMatchObject({ kind: 'single', networkMode: 'public access' });
    expect(facts.access.virtualNetworkRules).toEqual([{ address: 'azurerm_postgresql_virtual_network_rule.app', name: 'app', subnet: SUBNET, certain: true }]);
    expect(facts.access).toMatchObject({ passwordAuthentication: 'on (Single Server always accepts its administrator login)', entraAuthentication: 'off (no Entra administrator)' });
  });

  test('a server defined outside the stack: its own attributes are not guessed', () => {
    const id = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/shared-db';
    const resources = { azurerm_postgresql_flexible_server_firewall_rule: { office: { name: 'office', server_id: id, start_ip_address: '203.0.113.1', end_ip_address: '203.0.113.2' } } };
    const facts = serverFacts(serverIn(resources, `(outside this stack) ${FLEXIBLE} "shared-db"`));
    expect(facts).toMatchObject({ definedInStack: false, sku: '(defined outside this stack)', networkMode: '(defined outside this stack)' });
    expect(facts.access.firewallRanges.map((r) => r.addresses)).toEqual([2]);
  });
});

describe('the network security group of the delegated subnet', () => {
  const subnetAndGroup = (groupRules: object, association = true): Resources => ({
    [FLEXIBLE]: { db: compliantFlexibleServer() },
    azurerm_subnet: { db: { name: 'snet-db', resource_group_name: 'rg', virtual_network_name: 'vnet', address_prefixes: ['10.0.1.0/28'] } },
    azurerm_network_security_group: { nsg: { name: 'nsg-db', resource_group_name: 'rg', location: 'westeurope', ...groupRules } },
    ...(association ? { azurerm_subnet_network_security_group_association: { a: { subnet_id: '${azurerm_subnet.db.id}', network_security_group_id: '${azurerm_network_security_group.nsg.id}' } } } : {}),
  });
  const inbound = (name: string, source: string, port = '5432') => ({ name, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', destination_port_range: port, source_address_prefix: source });

  test('names the group and where it lets PostgreSQL in from', () => {
    const facts = serverFacts(serverIn(subnetAndGroup({ security_rule: [inbound('vnet', 'VirtualNetwork'), inbound('https', 'Internet', '443')] })));
    expect(facts.access.vnetIntegration?.networkSecurityGroup).toBe('nsg-db, PostgreSQL in from VirtualNetwork');
  });

  test('says when no group is associated', () => {
    expect(serverFacts(serverIn(subnetAndGroup({}, false))).access.vnetIntegration?.networkSecurityGroup).toBe('none associated');
  });

  test('leaves it out when the subnet is defined outside the stack', () => {
    const facts = serverFacts(serverIn({ [FLEXIBLE]: { db: compliantFlexibleServer({ delegated_subnet_id: SUBNET }) } }));
    expect(facts.access.vnetIntegration?.networkSecurityGroup).toBeUndefined();
  });
});
