// Typecheck consumer, root-import baseline: baseline-deep.ts with every provider class imported
// from the package ROOT ('@cdktf/provider-azurerm'), which re-exports all ~1,500 resources as
// namespaces. Generated from baseline-deep.ts; allowed only here, for this measurement.
import { logAnalyticsWorkspace, monitorDiagnosticSetting, postgresqlFlexibleServer, postgresqlFlexibleServerActiveDirectoryAdministrator, postgresqlFlexibleServerConfiguration, privateDnsZone, privateDnsZoneVirtualNetworkLink, provider, resourceGroup, subnet, virtualNetwork } from '@cdktf/provider-azurerm';
import { App, Fn, ITerraformDependable, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';

const PARAMETERS: [string, string][] = [
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

export class OrdersStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new provider.AzurermProvider(this, 'azurerm', { features: [{}] });
    const tenantId = new TerraformVariable(this, 'tenant_id', { type: 'string' });
    const adminGroupObjectId = new TerraformVariable(this, 'admin_group_object_id', { type: 'string' });
    const adminGroupName = new TerraformVariable(this, 'admin_group_name', { type: 'string' });
    const group = new resourceGroup.ResourceGroup(this, 'ResourceGroup', { name: 'rg-orders-db', location: 'westeurope' });
    const network = new virtualNetwork.VirtualNetwork(this, 'Network', {
      name: 'vnet-orders',
      resourceGroupName: group.name,
      location: group.location,
      addressSpace: ['10.20.0.0/16'],
    });
    const logs = new logAnalyticsWorkspace.LogAnalyticsWorkspace(this, 'Logs', {
      name: 'log-orders-db',
      resourceGroupName: group.name,
      location: group.location,
      sku: 'PerGB2018',
      retentionInDays: 90,
    });

    const scope0 = new Construct(this, 'Postgres0');
    const tags = { environment: 'production', workload: 'orders' };
    const delegatedSubnet = new subnet.Subnet(scope0, 'Subnet', {
      name: 'orders-db-0-postgres',
      resourceGroupName: Fn.element(Fn.split('/', network.id), 4),
      virtualNetworkName: Fn.element(Fn.split('/', network.id), 8),
      addressPrefixes: ['10.20.0.0/28'],
      delegation: [{
        name: 'postgresql-flexible-server',
        serviceDelegation: {
          name: 'Microsoft.DBforPostgreSQL/flexibleServers',
          actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'],
        },
      }],
    });
    const zone = new privateDnsZone.PrivateDnsZone(scope0, 'DnsZone', {
      name: 'orders-db-0.private.postgres.database.azure.com',
      resourceGroupName: group.name,
      tags,
    });
    const link = new privateDnsZoneVirtualNetworkLink.PrivateDnsZoneVirtualNetworkLink(scope0, 'DnsZoneLink', {
      name: 'orders-db-0-vnet-link',
      privateDnsZoneName: zone.name,
      resourceGroupName: group.name,
      virtualNetworkId: network.id,
      registrationEnabled: false,
      tags,
    });
    const server = new postgresqlFlexibleServer.PostgresqlFlexibleServer(scope0, 'Server', {
      name: 'orders-db-0',
      resourceGroupName: group.name,
      location: group.location,
      skuName: 'GP_Standard_D2ds_v5',
      version: '17',
      storageMb: 32768,
      autoGrowEnabled: true,
      publicNetworkAccessEnabled: false,
      delegatedSubnetId: delegatedSubnet.id,
      privateDnsZoneId: zone.id,
      authentication: { activeDirectoryAuthEnabled: true, passwordAuthEnabled: false, tenantId: tenantId.stringValue },
      backupRetentionDays: 35,
      geoRedundantBackupEnabled: true,
      highAvailability: { mode: 'ZoneRedundant' },
      tags,
      dependsOn: [link],
      lifecycle: { preventDestroy: true, ignoreChanges: ['zone', 'high_availability[0].standby_availability_zone'] },
    });
    let previous: ITerraformDependable = server;
    for (const [name, value] of PARAMETERS) {
      previous = new postgresqlFlexibleServerConfiguration.PostgresqlFlexibleServerConfiguration(scope0, `Parameter-${name}`, {
        serverId: server.id,
        name,
        value,
        dependsOn: [previous],
      });
    }
    new postgresqlFlexibleServerActiveDirectoryAdministrator.PostgresqlFlexibleServerActiveDirectoryAdministrator(scope0, 'EntraAdministrator0', {
      serverName: server.name,
      resourceGroupName: group.name,
      objectId: adminGroupObjectId.stringValue,
      principalName: adminGroupName.stringValue,
      principalType: 'Group',
      tenantId: tenantId.stringValue,
      dependsOn: [previous],
    });
    new monitorDiagnosticSetting.MonitorDiagnosticSetting(scope0, 'DiagnosticSetting', {
      name: 'send-to-log-analytics',
      targetResourceId: server.id,
      logAnalyticsWorkspaceId: logs.id,
      enabledLog: [{ categoryGroup: 'allLogs' }],
      enabledMetric: [{ category: 'AllMetrics' }],
    });
    new TerraformOutput(this, 'server_fqdn', { value: server.fqdn });
  }
}

const app = new App();
new OrdersStack(app, 'bench');
app.synth();
