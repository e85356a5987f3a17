import {
  ADMIN_OBJECT_ID,
  minimalProps,
  onlyResource,
  resourcesOf,
  serverParameters,
  synthFlexible,
  TENANT_ID,
  WORKSPACE_ID,
} from '../helpers';

// One assertion per row of the secure-defaults contract (DESIGN.md §2), on the synthesized JSON.
describe('SecureFlexibleServer secure defaults', () => {
  const synth = synthFlexible(minimalProps());
  const server = onlyResource(synth, 'azurerm_postgresql_flexible_server');
  const parameters = serverParameters(synth);

  test('public network access is off', () => {
    expect(server.public_network_access_enabled).toBe(false);
  });

  test('the server joins a subnet delegated to Flexible Server', () => {
    const subnet = onlyResource(synth, 'azurerm_subnet');
    expect(subnet.address_prefixes).toEqual(['10.0.1.0/28']);
    expect(subnet.delegation[0].service_delegation.name).toBe('Microsoft.DBforPostgreSQL/flexibleServers');
    expect(server.delegated_subnet_id).toMatch(/^\$\{azurerm_subnet\.\w+\.id\}$/);
  });

  test('a private DNS zone ending in .postgres.database.azure.com is linked to the VNet', () => {
    const zone = onlyResource(synth, 'azurerm_private_dns_zone');
    const link = onlyResource(synth, 'azurerm_private_dns_zone_virtual_network_link');
    expect(zone.name).toBe('orders-db.private.postgres.database.azure.com');
    expect(server.private_dns_zone_id).toMatch(/^\$\{azurerm_private_dns_zone\.[\w-]+\.id\}$/);
    expect(link.virtual_network_id).toContain('/virtualNetworks/vnet-hub');
    expect(server.depends_on).toContainEqual(expect.stringMatching(/^azurerm_private_dns_zone_virtual_network_link\./));
  });

  test('no firewall rule exists', () => {
    expect(resourcesOf(synth, 'azurerm_postgresql_flexible_server_firewall_rule')).toHaveLength(0);
  });

  test('TLS is required, 1.2 at least', () => {
    expect(parameters.require_secure_transport).toBe('on');
    expect(parameters.ssl_min_protocol_version).toBe('TLSv1.2');
    expect(parameters.ssl_max_protocol_version).toBeUndefined();
  });

  test('Entra ID only: password authentication off, no local administrator', () => {
    expect(server.authentication).toEqual({ active_directory_auth_enabled: true, password_auth_enabled: false, tenant_id: TENANT_ID });
    expect(server.administrator_login).toBeUndefined();
    expect(server.administrator_password).toBeUndefined();
    expect(server.administrator_password_wo).toBeUndefined();
  });

  test('an Entra administrator is created', () => {
    const admin = onlyResource(synth, 'azurerm_postgresql_flexible_server_active_directory_administrator');
    expect(admin).toMatchObject({ object_id: ADMIN_OBJECT_ID, principal_name: 'db-admins', principal_type: 'Group', tenant_id: TENANT_ID });
  });

  test('connections, disconnections and checkpoints are logged', () => {
    expect(parameters.log_checkpoints).toBe('on');
    expect(parameters.log_connections).toBe('on');
    expect(parameters.log_disconnections).toBe('on');
  });

  test('connection throttling is on (PostgreSQL 17 has it)', () => {
    expect(server.version).toBe('17');
    expect(parameters['connection_throttle.enable']).toBe('on');
  });

  test('log files are kept 7 days', () => {
    expect(parameters['logfiles.retention_days']).toBe('7');
  });

  test('log lines name the user and the database', () => {
    expect(parameters.log_line_prefix).toContain('%u');
    expect(parameters.log_line_prefix).toContain('%d');
  });

  test('pgaudit is allow-listed, preloaded next to the service defaults, and logs ddl, role and misc', () => {
    expect(parameters['azure.extensions'].split(',')).toContain('pgaudit');
    expect(parameters.shared_preload_libraries.split(',')).toEqual(['pg_cron', 'pg_stat_statements', 'pgaudit']);
    expect(parameters['pgaudit.log']).toBe('ddl,role,misc');
  });

  test('server parameters are applied one after another', () => {
    const configurations = synth.resource.azurerm_postgresql_flexible_server_configuration;
    const serverAddress = Object.keys(synth.resource.azurerm_postgresql_flexible_server).map((n) => `azurerm_postgresql_flexible_server.${n}`)[0];
    const waitsFor = Object.entries(configurations).map(([name, c]) => [`azurerm_postgresql_flexible_server_configuration.${name}`, c.depends_on]);
    // Exactly one parameter waits for the server itself; every other one waits for another parameter.
    const roots = waitsFor.filter(([, deps]) => deps.includes(serverAddress));
    expect(roots).toHaveLength(1);
    const addresses = new Set(waitsFor.map(([address]) => address));
    const waitedFor = waitsFor.filter(([, deps]) => !deps.includes(serverAddress)).map(([, deps]) => deps[0]);
    expect(waitedFor.every((address: string) => addresses.has(address))).toBe(true);
    expect(new Set(waitedFor).size).toBe(waitedFor.length);
  });

  test('logs and metrics go to the Log Analytics workspace', () => {
    const setting = onlyResource(synth, 'azurerm_monitor_diagnostic_setting');
    expect(setting.log_analytics_workspace_id).toBe(WORKSPACE_ID);
    expect(setting.target_resource_id).toMatch(/^\$\{azurerm_postgresql_flexible_server\.\w+\.id\}$/);
    expect(setting.enabled_log).toEqual([{ category_group: 'allLogs' }]);
    expect(setting.enabled_metric).toEqual([{ category: 'AllMetrics' }]);
  });

  test('backups are geo-redundant and kept 35 days', () => {
    expect(server.geo_redundant_backup_enabled).toBe(true);
    expect(server.backup_retention_days).toBe(35);
  });

  test('high availability is zone-redundant on the default General Purpose SKU', () => {
    expect(server.sku_name).toBe('GP_Standard_D2ds_v5');
    expect(server.high_availability).toEqual({ mode: 'ZoneRedundant' });
  });

  test('the server cannot be destroyed and keeps its zones after failover', () => {
    expect(server.lifecycle.prevent_destroy).toBe(true);
    expect(server.lifecycle.ignore_changes).toEqual(['zone', 'high_availability[0].standby_availability_zone']);
  });

  test('no management lock unless asked for', () => {
    expect(resourcesOf(synth, 'azurerm_management_lock')).toHaveLength(0);
  });

  test('platform-managed encryption: no customer-managed key, no identity', () => {
    expect(server.customer_managed_key).toBeUndefined();
    expect(server.identity).toBeUndefined();
  });

  test('storage auto-grows', () => {
    expect(server.auto_grow_enabled).toBe(true);
    expect(server.storage_mb).toBe(32768);
  });
});
