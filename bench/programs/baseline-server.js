'use strict';
// The hand-written equivalent of one default SecureFlexibleServer, shared by the baseline programs:
// the same resources, attributes, construct paths (so the same logical IDs) and depends_on chain.
const { Fn } = require('cdktf');
const { Construct } = require('constructs');
const { Subnet } = require('@cdktf/provider-azurerm/lib/subnet');
const { PrivateDnsZone } = require('@cdktf/provider-azurerm/lib/private-dns-zone');
const { PrivateDnsZoneVirtualNetworkLink } = require('@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link');
const { PostgresqlFlexibleServer } = require('@cdktf/provider-azurerm/lib/postgresql-flexible-server');
const { PostgresqlFlexibleServerConfiguration } = require('@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration');
const { PostgresqlFlexibleServerActiveDirectoryAdministrator } = require('@cdktf/provider-azurerm/lib/postgresql-flexible-server-active-directory-administrator');
const { MonitorDiagnosticSetting } = require('@cdktf/provider-azurerm/lib/monitor-diagnostic-setting');

/** Server parameters of a default server (PostgreSQL 17, TLS 1.2+, pgaudit ddl,role,misc), in order. */
const PARAMETERS = [
  ['require_secure_transport', 'on'],
  ['ssl_min_protocol_version', 'TLSv1.2'],
  ['log_checkpoints', 'on'],
  ['log_connections', 'on'],
  ['log_disconnections', 'on'],
  ['connection_throttle.enable', 'on'],
  ['logfiles.retention_days', '7'],
  ['log_line_prefix', '%t-%c-user=%u,db=%d,app=%a,client=%h-'],
  ['azure.extensions', 'pgaudit'],
  ['shared_preload_libraries', 'pg_cron,pg_stat_statements,pgaudit'],
  ['pgaudit.log', 'ddl,role,misc'],
];

/**
 * Adds server i's resources; with `databases`, the databases after the administrator (as the
 * construct chains them). Returns the server's scope, resource and database resources.
 */
function addServer(context, server, databases = []) {
  const scope = new Construct(context.stack, server.id);
  const vnetId = context.virtualNetworkId;
  const subnet = new Subnet(scope, 'Subnet', {
    name: `${server.name}-postgres`,
    resourceGroupName: Fn.element(Fn.split('/', vnetId), 4),
    virtualNetworkName: Fn.element(Fn.split('/', vnetId), 8),
    addressPrefixes: [server.subnetAddressPrefix],
    delegation: [{
      name: 'postgresql-flexible-server',
      serviceDelegation: {
        name: 'Microsoft.DBforPostgreSQL/flexibleServers',
        actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'],
      },
    }],
  });
  const zone = new PrivateDnsZone(scope, 'DnsZone', {
    name: `${server.name}.private.postgres.database.azure.com`,
    resourceGroupName: context.resourceGroupName,
    tags: server.tags,
  });
  const link = new PrivateDnsZoneVirtualNetworkLink(scope, 'DnsZoneLink', {
    name: `${server.name}-vnet-link`,
    privateDnsZoneName: zone.name,
    resourceGroupName: context.resourceGroupName,
    virtualNetworkId: vnetId,
    registrationEnabled: false,
    tags: server.tags,
  });
  const postgres = new PostgresqlFlexibleServer(scope, 'Server', {
    name: server.name,
    resourceGroupName: context.resourceGroupName,
    location: context.location,
    skuName: 'GP_Standard_D2ds_v5',
    version: '17',
    storageMb: 32768,
    autoGrowEnabled: true,
    publicNetworkAccessEnabled: false,
    delegatedSubnetId: subnet.id,
    privateDnsZoneId: zone.id,
    authentication: { activeDirectoryAuthEnabled: true, passwordAuthEnabled: false, tenantId: context.tenantId },
    backupRetentionDays: 35,
    geoRedundantBackupEnabled: true,
    highAvailability: { mode: 'ZoneRedundant' },
    tags: server.tags,
    dependsOn: [link],
    lifecycle: { preventDestroy: true, ignoreChanges: ['zone', 'high_availability[0].standby_availability_zone'] },
  });
  let previous = postgres;
  for (const [name, value] of PARAMETERS) {
    previous = new PostgresqlFlexibleServerConfiguration(scope, `Parameter-${name}`, {
      serverId: postgres.id,
      name,
      value,
      dependsOn: [previous],
    });
  }
  previous = new PostgresqlFlexibleServerActiveDirectoryAdministrator(scope, 'EntraAdministrator0', {
    serverName: postgres.name,
    resourceGroupName: context.resourceGroupName,
    objectId: context.adminGroupObjectId,
    principalName: context.adminGroupName,
    principalType: 'Group',
    tenantId: context.tenantId,
    dependsOn: [previous],
  });
  // Loaded only when needed, so that the programs without databases load what they did before.
  const { PostgresqlFlexibleServerDatabase } = databases.length > 0 ? require('@cdktf/provider-azurerm/lib/postgresql-flexible-server-database') : {};
  const databaseResources = databases.map((name) => {
    previous = new PostgresqlFlexibleServerDatabase(scope, `Database-${name}`, {
      serverId: postgres.id,
      name,
      charset: 'UTF8',
      collation: 'en_US.utf8',
      lifecycle: { preventDestroy: true },
      dependsOn: [previous],
    });
    return previous;
  });
  new MonitorDiagnosticSetting(scope, 'DiagnosticSetting', {
    name: 'send-to-log-analytics',
    targetResourceId: postgres.id,
    logAnalyticsWorkspaceId: context.workspaceId,
    enabledLog: [{ categoryGroup: 'allLogs' }],
    enabledMetric: [{ category: 'AllMetrics' }],
  });
  return { scope, server: postgres, databases: databaseResources };
}

module.exports = { addServer };


