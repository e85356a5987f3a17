import { rule } from '../../../lib/checks/rules/PGF-CFG-2';
import { buildStackModel, TerraformBlock } from '../../../lib/checks/stack-model';
import { compliantFlexibleServer, FLEXIBLE, flexibleParameters, judge, judgeAll, Resources } from '../rule-harness';

const SERVER = `${FLEXIBLE}.db`;
const withServer = (overrides: TerraformBlock, extra: Resources = {}): Resources => ({ [FLEXIBLE]: { db: compliantFlexibleServer(overrides) }, ...extra });

test('passes the construct\'s own ignore_changes: the zones Azure moves on failover', () => {
  expect(judge(rule, withServer({ lifecycle: { prevent_destroy: true, ignore_changes: ['zone', 'high_availability[0].standby_availability_zone'] } }))).toEqual({ status: 'pass' });
});

test('passes attributes that hold no control: tags (and one tag), storage, SKU, maintenance window, a password', () => {
  const ignored = ['tags', 'tags["owner"]', 'storage_mb', 'sku_name', 'maintenance_window', 'administrator_password', 'high_availability.0.standby_availability_zone'];
  expect(judge(rule, withServer({ lifecycle: { ignore_changes: ignored } }))).toEqual({ status: 'pass' });
});

test('fails ignore_changes = "all" on the server (adversary F8)', () => {
  expect(judge(rule, withServer({ lifecycle: { prevent_destroy: true, ignore_changes: 'all' } }))).toEqual({
    status: 'fail',
    message: `lifecycle.ignore_changes of ${SERVER} is "all": Terraform would never correct drift of its settings, security settings included (a change made in the portal, or an imported resource, stays as it is).`,
    address: SERVER,
  });
});

test('fails public access and authentication added to the ignored attributes (adversary F8)', () => {
  expect(judge(rule, withServer({ lifecycle: { ignore_changes: ['zone', 'public_network_access_enabled', 'authentication'] } }))).toEqual({
    status: 'fail',
    message: `lifecycle.ignore_changes of ${SERVER} holds public_network_access_enabled, authentication: Terraform would not correct drift of those settings (a change made in the portal, or an imported resource, stays as it is).`,
    address: SERVER,
  });
});

test.each(['high_availability', 'geo_redundant_backup_enabled', 'backup_retention_days', 'authentication[0].password_auth_enabled', 'delegated_subnet_id', 'customer_managed_key'])('fails ignoring %s', (attribute) => {
  expect(judge(rule, withServer({ lifecycle: { ignore_changes: [attribute] } }))).toMatchObject({ status: 'fail', message: expect.stringContaining(`holds ${attribute}: Terraform would not correct drift of that setting`) });
});

test('fails ignore_changes on a parameter that guards the server, naming it', () => {
  const parameters = flexibleParameters({ require_secure_transport: 'on' });
  parameters.require_secure_transport = { ...parameters.require_secure_transport, lifecycle: { ignore_changes: ['value'] } };
  expect(judgeAll(rule, withServer({}, { azurerm_postgresql_flexible_server_configuration: parameters }))).toEqual([{
    status: 'fail',
    message: 'lifecycle.ignore_changes of azurerm_postgresql_flexible_server_configuration.require_secure_transport holds value: Terraform would not correct drift of that setting (a change made in the portal, or an imported resource, stays as it is).',
    address: 'azurerm_postgresql_flexible_server_configuration.require_secure_transport',
  }]);
});

test('fails "all" on a firewall rule, and passes tags on one', () => {
  const rule0 = { name: 'office', server_id: `\${${SERVER}.id}`, start_ip_address: '198.51.100.1', end_ip_address: '198.51.100.1' };
  const ignoringAll = { azurerm_postgresql_flexible_server_firewall_rule: { office: { ...rule0, lifecycle: { ignore_changes: 'all' } } } };
  expect(judge(rule, withServer({}, ignoringAll))).toMatchObject({ status: 'fail', address: 'azurerm_postgresql_flexible_server_firewall_rule.office' });
  const ignoringTags = { azurerm_postgresql_flexible_server_firewall_rule: { office: { ...rule0, lifecycle: { ignore_changes: ['tags'] } } } };
  expect(judge(rule, withServer({}, ignoringTags))).toEqual({ status: 'pass' });
});

test('reports the server and each guarding resource, so none hides another', () => {
  const parameters = flexibleParameters({ log_connections: 'on' });
  parameters.log_connections = { ...parameters.log_connections, lifecycle: { ignore_changes: 'all' } };
  expect(judgeAll(rule, withServer({ lifecycle: { ignore_changes: 'all' } }, { azurerm_postgresql_flexible_server_configuration: parameters })).map((v) => v.status)).toEqual(['fail', 'fail']);
});

test('a lifecycle known only at plan time is unknown', () => {
  expect(judge(rule, withServer({ lifecycle: '${var.lifecycle}' }))).toMatchObject({ status: 'unknown', address: SERVER });
});

test('passes a server without ignore_changes', () => {
  expect(judge(rule, withServer({ lifecycle: { prevent_destroy: true } }))).toEqual({ status: 'pass' });
});

describe('the server\'s delete lock and the VNet links of its zone (adversary N5)', () => {
  const ZONE = 'orders-db.private.postgres.database.azure.com';
  const guards = (lifecycle: object) => withServer({}, {
    azurerm_private_dns_zone: { db: { name: ZONE, resource_group_name: 'rg' } },
    azurerm_private_dns_zone_virtual_network_link: {
      byReference: { name: 'a', private_dns_zone_name: '${azurerm_private_dns_zone.db.name}', resource_group_name: 'rg', virtual_network_id: '${var.vnet}', lifecycle },
      byName: { name: 'b', private_dns_zone_name: ZONE.toUpperCase(), resource_group_name: 'rg', virtual_network_id: '${var.vnet}', lifecycle },
      other: { name: 'c', private_dns_zone_name: 'other.postgres.database.azure.com', resource_group_name: 'rg', virtual_network_id: '${var.vnet}', lifecycle },
    },
    azurerm_management_lock: {
      server: { name: 'l', lock_level: 'CanNotDelete', scope: `\${${FLEXIBLE}.db.id}`, lifecycle },
      group: { name: 'g', lock_level: 'CanNotDelete', scope: '/subscriptions/0/resourceGroups/rg', lifecycle },
    },
  });
  const judgeWithStack = (resources: Resources) => {
    const model = buildStackModel({ resource: resources });
    const server = model.servers.find((s) => s.address === SERVER)!;
    return rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources });
  };
  const ALL = (address: string) => ({
    status: 'fail',
    message: `lifecycle.ignore_changes of ${address} is "all": Terraform would never correct drift of its settings, security settings included (a change made in the portal, or an imported resource, stays as it is).`,
    address,
  });

  test('passes tags ignored on them', () => {
    expect(judgeWithStack(guards({ ignore_changes: ['tags'] }))).toEqual({ status: 'pass' });
  });

  test('fails ignore_changes = "all" on the lock of the server and on the links of its zone, not on those of other resources', () => {
    expect(judgeWithStack(guards({ ignore_changes: 'all' }))).toEqual([
      ALL('azurerm_management_lock.server'),
      ALL('azurerm_private_dns_zone_virtual_network_link.byName'),
      ALL('azurerm_private_dns_zone_virtual_network_link.byReference'),
    ]);
  });
});

describe('an azapi block the model reads as a guarding resource is judged on the lifecycle it writes (eighteenth review, A18b-8)', () => {
  const NSG_TYPE = 'Microsoft.Network/networkSecurityGroups@2024-05-01';
  const RULE = { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '5432', sourceAddressPrefix: '10.20.2.0/24', destinationAddressPrefix: '*' };
  const stackWith = (lifecycle?: object) => withServer({}, {
    azurerm_subnet: { db: { name: 'snet-db', resource_group_name: 'rg', virtual_network_name: 'vnet', address_prefixes: ['10.20.1.0/28'] } },
    azapi_resource: { nsg: { type: NSG_TYPE, name: 'nsg-db', parent_id: '/subscriptions/0/resourceGroups/rg', body: { properties: { securityRules: [{ name: 'app', properties: RULE }] } }, ...(lifecycle === undefined ? {} : { lifecycle }) } },
    azurerm_subnet_network_security_group_association: { a: { subnet_id: '${azurerm_subnet.db.id}', network_security_group_id: '${azapi_resource.nsg.id}' } },
  });
  const judgeWithStack = (resources: Resources) => {
    const model = buildStackModel({ resource: resources });
    const server = model.servers.find((s) => s.address === SERVER)!;
    return rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources });
  };

  test.each([[['body']], [['sensitive_body']], [['body.properties.securityRules']], ['all']])('fails an azapi group of the delegated subnet ignoring %j', (ignored) => {
    expect(judgeWithStack(stackWith({ ignore_changes: ignored }))).toMatchObject([{ status: 'fail', address: 'azapi_resource.nsg' }]);
  });

  test('passes it ignoring tags, or nothing', () => {
    expect(judgeWithStack(stackWith({ ignore_changes: ['tags'] }))).toEqual({ status: 'pass' });
    expect(judgeWithStack(stackWith())).toEqual({ status: 'pass' });
  });
});
