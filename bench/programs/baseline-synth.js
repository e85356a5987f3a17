'use strict';
// Baseline side: the same resources as N default SecureFlexibleServers, written by hand with the
// provider's L1 classes by deep import. Same construct paths (so same logical IDs), same
// attributes, same depends_on chain. What it does not do: validate props, run security checks,
// write the posture report or the suppression list (the library's added value).
const { performance } = require('perf_hooks');
const t0 = performance.now();
const { App, Fn } = require('cdktf');
const { Construct } = require('constructs');
const { Subnet } = require('@cdktf/provider-azurerm/lib/subnet');
const { PrivateDnsZone } = require('@cdktf/provider-azurerm/lib/private-dns-zone');
const { PrivateDnsZoneVirtualNetworkLink } = require('@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link');
const { PostgresqlFlexibleServer } = require('@cdktf/provider-azurerm/lib/postgresql-flexible-server');
const { PostgresqlFlexibleServerConfiguration } = require('@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration');
const { PostgresqlFlexibleServerActiveDirectoryAdministrator } = require('@cdktf/provider-azurerm/lib/postgresql-flexible-server-active-directory-administrator');
const { MonitorDiagnosticSetting } = require('@cdktf/provider-azurerm/lib/monitor-diagnostic-setting');
const { parseArgs, createStack, serverInputs } = require('./context');
const t1 = performance.now();

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

function addServer(context, server) {
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
  new PostgresqlFlexibleServerActiveDirectoryAdministrator(scope, 'EntraAdministrator0', {
    serverName: postgres.name,
    resourceGroupName: context.resourceGroupName,
    objectId: context.adminGroupObjectId,
    principalName: context.adminGroupName,
    principalType: 'Group',
    tenantId: context.tenantId,
    dependsOn: [previous],
  });
  new MonitorDiagnosticSetting(scope, 'DiagnosticSetting', {
    name: 'send-to-log-analytics',
    targetResourceId: postgres.id,
    logAnalyticsWorkspaceId: context.workspaceId,
    enabledLog: [{ categoryGroup: 'allLogs' }],
    enabledMetric: [{ category: 'AllMetrics' }],
  });
}

const args = parseArgs(process.argv);
const app = new App({ outdir: args.outdir });
const context = createStack(app);
for (let i = 0; i < args.servers; i++) addServer(context, serverInputs(i));
const t2 = performance.now();
app.synth();
const t3 = performance.now();
if (process.env.BENCH_PHASES) {
  process.stderr.write(`PHASES ${JSON.stringify({ load: t1 - t0, construct: t2 - t1, synth: t3 - t2 })}\n`);
}
