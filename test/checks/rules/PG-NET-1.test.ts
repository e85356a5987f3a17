import { rule } from '../../../lib/checks/rules/PG-NET-1';
import { SHADOW_SERVER_ZONE_SUBJECT } from '../../../lib/checks/shadow-dns-zones';
import { TerraformBlock } from '../../../lib/checks/stack-model';
import { CONSTRUCT, madeAt, verdictsBeside } from '../beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, flexibleServerWithoutVnet, Resources, SINGLE } from '../rule-harness';

const ZONES = 'stack/cdktf-azure-postgres-private-dns-zones';
const OTHER_SUBNET = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/x/providers/Microsoft.Network/virtualNetworks/other/subnets/s';
const endpoint = (path: string) => ({
  ...madeAt(path), name: 'pe', subnet_id: OTHER_SUBNET,
  private_service_connection: { name: 'c', private_connection_resource_id: `\${${FLEXIBLE}.db.id}`, is_manual_connection: false, subresource_names: ['postgresqlServer'] },
});

/** A construct's VNet-integrated server, with its subnet and the library's shared zone. */
const constructServer = (server: TerraformBlock = {}, extra: Resources = {}): Resources => ({
  [FLEXIBLE]: { db: { ...compliantFlexibleServer(server), ...madeAt(`${CONSTRUCT}/Server`) } },
  azurerm_subnet: { db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet', address_prefixes: ['10.0.1.0/28'] } },
  azurerm_private_dns_zone: { db: { ...madeAt(`${ZONES}/zone/Zone`), name: 'orders-db.private.postgres.database.azure.com', resource_group_name: 'rg' } },
  ...extra,
});

test('passes a construct\'s server in its own subnet and the library\'s zone, with the private endpoint it made', () => {
  const withEndpoint = { [FLEXIBLE]: { db: { ...flexibleServerWithoutVnet(), ...madeAt(`${CONSTRUCT}/Server`) } }, azurerm_private_endpoint: { pe: endpoint(`${CONSTRUCT}/PrivateEndpoint/Endpoint`) } };
  expect(verdictsBeside(rule, constructServer(), [CONSTRUCT, ZONES])).toEqual([{ status: 'pass' }]);
  expect(verdictsBeside(rule, withEndpoint, [CONSTRUCT])).toEqual([{ status: 'pass' }]);
});

test('is not applicable to a server no construct of the library made', () => {
  expect(verdictsBeside(rule, { [FLEXIBLE]: { db: flexibleServerWithoutVnet() }, azurerm_private_endpoint: { pe: endpoint('stack/pe') } })).toEqual([
    { status: 'not-applicable', note: 'the server is not made by a construct of the library: its network paths are its owner\'s to judge' },
  ]);
});

describe('the construct\'s private endpoint into a zone named for the public name or a parent (tenth review, A10a-2)', () => {
  const zoneId = (name: string) => `/subscriptions/1/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/${name}`;
  const withZone = (ids: unknown) => ({
    [FLEXIBLE]: { db: { ...flexibleServerWithoutVnet(), name: 'orders-db', ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_private_endpoint: { pe: { ...endpoint(`${CONSTRUCT}/PrivateEndpoint/Endpoint`), private_dns_zone_group: { name: 'g', private_dns_zone_ids: ids } } },
  });

  test.each(['postgres.database.azure.com', 'Database.Azure.com', 'orders-db.postgres.database.azure.com'])('fails zone %s', (name) => {
    expect(verdictsBeside(rule, withZone([zoneId(name)]), [CONSTRUCT])).toEqual([{
      status: 'fail', address: 'azurerm_private_endpoint.pe',
      message: `azurerm_private_endpoint.pe writes the server's record into zone ${name.toLowerCase()}, which answers for the public name of ${CONSTRUCT}'s server, and every name below it, in the VNets linked to it, in place of Azure's DNS.`,
    }]);
  });

  test.each([
    ['the privatelink zone', [zoneId('privatelink.postgres.database.azure.com')]],
    ['a zone known only at apply time', ['${var.zone}']],
    ['another server\'s name', [zoneId('billing-db.postgres.database.azure.com')]],
  ])('passes %s', (_, ids) => {
    expect(verdictsBeside(rule, withZone(ids), [CONSTRUCT])).toEqual([{ status: 'pass' }]);
  });

  test('fails a zone ID whose name is a template that may be a parent, and passes one under the privatelink zone (fourteenth review, A14b-13)', () => {
    const name = '${var.p}.database.azure.com';
    expect(verdictsBeside(rule, withZone([zoneId(name)]), [CONSTRUCT])).toEqual([{
      status: 'fail', address: 'azurerm_private_endpoint.pe',
      message: `azurerm_private_endpoint.pe writes the server's record into zone ${JSON.stringify(name)}, whose name is known only at apply time and may be the public name of ${CONSTRUCT}'s server or a parent of it: it answers for that name, and every name below it, in the VNets linked to it, in place of Azure's DNS.`,
    }]);
    expect(verdictsBeside(rule, withZone([zoneId('${var.p}.privatelink.postgres.database.azure.com')]), [CONSTRUCT])).toEqual([{ status: 'pass' }]);
  });
});

describe('the zone the construct\'s server resolves in, named for its public name or a parent (eleventh review, A11a-9)', () => {
  const zoneId = (name: string) => `/subscriptions/1/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/${name}`;
  const shadowFailure = (zone: string) => ({
    status: 'fail', subject: SHADOW_SERVER_ZONE_SUBJECT,
    message: `the server resolves in zone ${zone}, named for the public name of ${CONSTRUCT}'s server or a parent of it: it answers for that name, and every name below it, in the VNets linked to it, in place of Azure's DNS.`,
  });
  const zoneVerdicts = (resources: Resources) => verdictsBeside(rule, resources, [CONSTRUCT, ZONES]).filter((verdict) => !('subject' in verdict && verdict.subject === 'private_dns_zone_id'));

  test.each([
    ['postgres.database.azure.com', 'postgres.database.azure.com'],
    ['the server\'s own public name', 'orders-db.postgres.database.azure.com'],
    ['azure.com, in upper case', 'Azure.COM'],
    ['a parent with a final dot', 'postgres.database.azure.com.'],
    ['another cloud\'s domain', 'postgres.database.usgovcloudapi.net'],
  ])('fails a literal private_dns_zone_id of %s (a Lazy resolves to one), with a subject the existing-zone suppression does not cover', (_, name) => {
    const shown = name.toLowerCase().replace(/\.$/, '');
    expect(zoneVerdicts(constructServer({ name: 'orders-db', private_dns_zone_id: zoneId(name) }))).toEqual([shadowFailure(shown)]);
  });

  test('fails a pointer to a zone of the stack so named, and the construct\'s private endpoint into one by reference', () => {
    const shadow = { ...madeAt('stack/Shadow'), name: 'postgres.database.azure.com', resource_group_name: 'rg-dns' };
    expect(zoneVerdicts(constructServer({ name: 'orders-db', private_dns_zone_id: '${azurerm_private_dns_zone.shadow.id}' }, {
      azurerm_private_dns_zone: { db: constructServer().azurerm_private_dns_zone.db, shadow },
    }))).toEqual([{ ...shadowFailure('postgres.database.azure.com (azurerm_private_dns_zone.shadow)') }]);
    expect(verdictsBeside(rule, {
      [FLEXIBLE]: { db: { ...flexibleServerWithoutVnet(), name: 'orders-db', ...madeAt(`${CONSTRUCT}/Server`) } },
      azurerm_private_dns_zone: { shadow },
      azurerm_private_endpoint: { pe: { ...endpoint(`${CONSTRUCT}/PrivateEndpoint/Endpoint`), private_dns_zone_group: { name: 'g', private_dns_zone_ids: ['${azurerm_private_dns_zone.shadow.id}'] } } },
    }, [CONSTRUCT])).toEqual([shadowFailure('postgres.database.azure.com (azurerm_private_dns_zone.shadow)')]);
  });

  test('fails a Single Server construct\'s private endpoint into such a zone of the stack, by reference', () => {
    const shadow = { ...madeAt('stack/Shadow'), name: 'database.azure.com', resource_group_name: 'rg-dns' };
    const connection = { ...endpoint(`${CONSTRUCT}/PrivateEndpoint/Endpoint`).private_service_connection, private_connection_resource_id: `\${${SINGLE}.db.id}`, subresource_names: ['postgresqlServer'] };
    expect(verdictsBeside(rule, {
      [SINGLE]: { db: { name: 'legacy-db', resource_group_name: 'rg', location: 'westeurope', public_network_access_enabled: false, ...madeAt(`${CONSTRUCT}/Server`) } },
      azurerm_private_dns_zone: { shadow },
      azurerm_private_endpoint: { pe: { ...endpoint(`${CONSTRUCT}/PrivateEndpoint/Endpoint`), private_service_connection: connection, private_dns_zone_group: { name: 'g', private_dns_zone_ids: ['${azurerm_private_dns_zone.shadow.id}'] } } },
    }, [CONSTRUCT], `${SINGLE}.db`)).toEqual([shadowFailure('database.azure.com (azurerm_private_dns_zone.shadow)')]);
  });

  test.each([
    ['a private zone below the domain', zoneId('orders-db.private.postgres.database.azure.com')],
    ['another server\'s public name', zoneId('billing-db.postgres.database.azure.com')],
    ['a zone known only at apply time', '${var.zone}'],
  ])('passes %s', (_, id) => {
    expect(zoneVerdicts(constructServer({ name: 'orders-db', private_dns_zone_id: id }))).toEqual([]);
  });
});

describe('firewall rules (tenth review, A10b-1)', () => {
  const publicServer = (rules: Resources[string]): Resources => ({
    [FLEXIBLE]: { db: { ...flexibleServerWithoutVnet(), ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_postgresql_flexible_server_firewall_rule: rules,
  });
  const firewallRule = (path: string, start: string, end = start) => ({ ...madeAt(path), name: 'r', server_id: `\${${FLEXIBLE}.db.id}`, start_ip_address: start, end_ip_address: end });

  test('passes the firewall rules the construct made from its props', () => {
    expect(verdictsBeside(rule, publicServer({ office: firewallRule(`${CONSTRUCT}/FirewallRule-office`, '203.0.113.0', '203.0.113.63') }), [CONSTRUCT])).toEqual([{ status: 'pass' }]);
  });

  test('fails a firewall rule added beside the construct, however narrow, and one of a sibling construct whose path starts the same', () => {
    expect(verdictsBeside(rule, publicServer({
      office: firewallRule(`${CONSTRUCT}/FirewallRule-office`, '203.0.113.0', '203.0.113.63'),
      extra: firewallRule('stack/extra', '8.8.8.8'),
      sibling: firewallRule(`${CONSTRUCT}2/FirewallRule-x`, '198.51.100.7'),
    }), [CONSTRUCT])).toEqual([
      { status: 'fail', message: `azurerm_postgresql_flexible_server_firewall_rule.extra lets "8.8.8.8" to "8.8.8.8" through the server's firewall, a path ${CONSTRUCT} does not declare.`, address: 'azurerm_postgresql_flexible_server_firewall_rule.extra' },
      { status: 'fail', message: `azurerm_postgresql_flexible_server_firewall_rule.sibling lets "198.51.100.7" to "198.51.100.7" through the server's firewall, a path ${CONSTRUCT} does not declare.`, address: 'azurerm_postgresql_flexible_server_firewall_rule.sibling' },
    ]);
  });

  test('fails a Single Server firewall rule added beside the construct, with its range known only at apply time', () => {
    expect(verdictsBeside(rule, {
      azurerm_postgresql_server: { db: { name: 'orders-db', resource_group_name: 'rg', ...madeAt(`${CONSTRUCT}/Server`) } },
      azurerm_postgresql_firewall_rule: { extra: { ...madeAt('stack/extra'), name: 'r', server_name: '${azurerm_postgresql_server.db.name}', resource_group_name: 'rg', start_ip_address: '${var.ip}', end_ip_address: '${var.ip}' } },
    }, [CONSTRUCT], 'azurerm_postgresql_server.db')).toEqual([
      { status: 'fail', message: `azurerm_postgresql_firewall_rule.extra lets "\${var.ip}" to "\${var.ip}" through the server's firewall, a path ${CONSTRUCT} does not declare.`, address: 'azurerm_postgresql_firewall_rule.extra' },
    ]);
  });
});

test('fails a private endpoint added beside the construct, and the server moved to another subnet and zone', () => {
  const moved = constructServer(
    { delegated_subnet_id: '${var.subnet}', private_dns_zone_id: '/subscriptions/1/resourceGroups/x/providers/Microsoft.Network/privateDnsZones/z.postgres.database.azure.com' },
    { azurerm_private_endpoint: { pe: endpoint('stack/pe') } },
  );
  expect(verdictsBeside(rule, moved, [CONSTRUCT, ZONES])).toEqual([
    { status: 'fail', message: `azurerm_private_endpoint.pe reaches the server from subnet "${OTHER_SUBNET}", a path ${CONSTRUCT} does not declare.`, address: 'azurerm_private_endpoint.pe' },
    { status: 'fail', message: `delegated_subnet_id is "\${var.subnet}", not a subnet ${CONSTRUCT} made: no rule judges who that subnet lets in.`, address: undefined, subject: 'delegated_subnet_id' },
    {
      status: 'fail',
      message: `private_dns_zone_id is "/subscriptions/1/resourceGroups/x/providers/Microsoft.Network/privateDnsZones/z.postgres.database.azure.com", not a zone the library made: whoever holds that zone answers for the server's name.`,
      address: undefined,
      subject: 'private_dns_zone_id',
    },
  ]);
});

describe('records and registering links the stack writes into the zone the construct was given, by its pointer (A14b-17)', () => {
  const givenZone = (extra: Resources) => verdictsBeside(rule, {
    [FLEXIBLE]: { db: { ...compliantFlexibleServer({ name: 'orders-db', private_dns_zone_id: '${var.private_dns_zone_id}', delegated_subnet_id: '${var.delegated_subnet_id}' }), ...madeAt(`${CONSTRUCT}/Server`) } },
    ...extra,
  }, [CONSTRUCT]).filter((verdict) => verdict.status === 'fail' && verdict.subject === undefined).map((verdict) => (verdict.status === 'fail' ? verdict.message : verdict.status));
  const ZONE_NAME = '${element(split("/", var.private_dns_zone_id), 8)}';

  test('fails a record whose zone name is split from the server\'s own zone pointer, and a registering link so named', () => {
    expect(givenZone({
      azurerm_private_dns_a_record: { shadow: { name: 'orders-db', ttl: 300, records: ['10.99.0.4'], zone_name: ZONE_NAME, resource_group_name: '${element(split("/", var.private_dns_zone_id), 4)}' } },
      azurerm_private_dns_zone_virtual_network_link: { reg: { name: 'l', private_dns_zone_name: ZONE_NAME, resource_group_name: 'rg', virtual_network_id: '${var.vnet}', registration_enabled: true } },
    })).toEqual([
      `azurerm_private_dns_a_record.shadow, whose zone_name ${JSON.stringify(ZONE_NAME)} is read from the server's private_dns_zone_id "\${var.private_dns_zone_id}", writes "orders-db" into the zone where the server's name resolves, a record ${CONSTRUCT} does not make: clients in the VNet may be sent to another address.`,
      `azurerm_private_dns_zone_virtual_network_link.reg, whose private_dns_zone_name ${JSON.stringify(ZONE_NAME)} is read from the server's private_dns_zone_id "\${var.private_dns_zone_id}", links the zone where the server's name resolves with registration_enabled true: every VM of the VNet may write names into it.`,
    ]);
  });

  test('a record of another zone pointer, and a link without registration into the given zone, add nothing to the pointers\' own findings', () => {
    expect(givenZone({
      azurerm_private_dns_a_record: { other: { name: 'orders-db', ttl: 300, records: ['10.99.0.4'], zone_name: '${element(split("/", var.other_zone_id), 8)}', resource_group_name: 'rg' } },
      azurerm_private_dns_zone_virtual_network_link: { plain: { name: 'l', private_dns_zone_name: ZONE_NAME, resource_group_name: 'rg', virtual_network_id: '${var.vnet}' } },
    })).toEqual([]);
  });
});

describe('paths around the construct\'s NSG: forwarders and Virtual Network Manager admin rules (fifteenth review, A15a-12, A15b-10, A15a-16, A15b-8)', () => {
  const dnat = (source: string) => ({ azurerm_firewall_nat_rule_collection: { dnat: { name: 'dnat', azure_firewall_name: 'fw', resource_group_name: 'rg-hub', priority: 100, action: 'Dnat', rule: [{ name: 'pg', protocols: ['TCP'], source_addresses: [source], destination_addresses: ['20.1.2.3'], destination_ports: ['5432'], translated_address: '10.0.1.4', translated_port: '5432' }] } } });
  const adminRule = (action: string) => ({
    azurerm_network_manager_admin_rule_collection: { rc: { name: 'rc', security_admin_configuration_id: '/subscriptions/0/x', network_group_ids: ['${var.group}'] } },
    azurerm_network_manager_admin_rule: { open: { name: 'open', admin_rule_collection_id: '${azurerm_network_manager_admin_rule_collection.rc.id}', action, direction: 'Inbound', priority: 1, protocol: 'Tcp', destination_port_ranges: ['5432'] } },
  });

  test('fails a DNAT from the internet into the delegated subnet, and an AlwaysAllow admin rule on a group known only later', () => {
    expect(verdictsBeside(rule, constructServer({}, dnat('*')), [CONSTRUCT, ZONES])).toEqual([
      { status: 'fail', address: 'azurerm_firewall_nat_rule_collection.dnat', message: `azurerm_firewall_nat_rule_collection.dnat forwards connections from "*" to "10.0.1.4", which may be ${CONSTRUCT}'s server (an address of its subnet, or its name), on a PostgreSQL port: a network path ${CONSTRUCT} does not declare.` },
    ]);
    expect(verdictsBeside(rule, constructServer({}, adminRule('AlwaysAllow')), [CONSTRUCT, ZONES])).toEqual([
      { status: 'fail', address: 'azurerm_network_manager_admin_rule.open', message: `azurerm_network_manager_admin_rule.open is a security admin rule whose action "AlwaysAllow" may always allow PostgreSQL into the delegated subnet of ${CONSTRUCT}'s server, on a VNet its network groups may hold: Azure then delivers it without the construct's network security group, a network path ${CONSTRUCT} does not declare.` },
    ]);
  });

  test('passes a DNAT from a private range and an Allow admin rule (the NSG still decides)', () => {
    expect(verdictsBeside(rule, constructServer({}, { ...dnat('10.8.0.0/16'), ...adminRule('Allow') }), [CONSTRUCT, ZONES])).toEqual([{ status: 'pass' }]);
  });

  const mesh = (member: string) => ({
    azurerm_network_manager_network_group: { g: { name: 'g', network_manager_id: '${var.manager}' } },
    azurerm_network_manager_static_member: { s: { name: 's', network_group_id: '${azurerm_network_manager_network_group.g.id}', target_virtual_network_id: member } },
    azurerm_network_manager_connectivity_configuration: { c: { name: 'c', network_manager_id: '${var.manager}', connectivity_topology: 'Mesh', applies_to_group: [{ network_group_id: '${azurerm_network_manager_network_group.g.id}' }] } },
  });

  test('fails a connectivity configuration over a group that may hold the construct\'s VNet (sixteenth review, A16b-7), and a Virtual Network Manager type no table reads', () => {
    const found = verdictsBeside(rule, constructServer({}, mesh('${var.vnet}')), [CONSTRUCT, ZONES]);
    expect(found.map((verdict) => verdict.status === 'fail' && verdict.address)).toEqual(['azurerm_network_manager_connectivity_configuration.c']);
    expect(found[0].status === 'fail' && found[0].message).toMatch(/connectivity configuration that may connect the VNet of .*Narrow the construct's allowedSources \(network prop\) or suppress PG-NET-1/);
    const unread = { azapi_resource: { u: { type: 'Microsoft.Network/networkManagers/securityUserConfigurations@2024-05-01', name: 'u', parent_id: '${var.manager}', body: {} } } };
    expect(verdictsBeside(rule, constructServer({}, unread), [CONSTRUCT, ZONES]).map((verdict) => verdict.status === 'fail' && verdict.address)).toEqual(['azapi_resource.u']);
  });

  test('passes a connectivity configuration over a group of another VNet only (the subnet\'s VNet named)', () => {
    const subnet = { azurerm_subnet: { db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet', virtual_network_name: 'vnet-db', address_prefixes: ['10.0.1.0/28'] } } };
    expect(verdictsBeside(rule, constructServer({}, { ...subnet, ...mesh('/subscriptions/0/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworks/other') }), [CONSTRUCT, ZONES])).toEqual([{ status: 'pass' }]);
    // A subnet whose VNet is not named may lie in any VNet.
    expect(verdictsBeside(rule, constructServer({}, mesh('/subscriptions/0/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworks/other')), [CONSTRUCT, ZONES])).toHaveLength(1);
  });
});
