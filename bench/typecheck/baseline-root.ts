// Typecheck consumer, root-import baseline: baseline-deep.ts with every provider class imported
// from the package ROOT ('@cdktf/provider-azurerm'), which re-exports all ~1,500 resources as
// namespaces. Generated from baseline-deep.ts; allowed only here, for this measurement.
import { dataAzurermClientConfig, logAnalyticsWorkspace, monitorDiagnosticSetting, networkSecurityGroup, networkSecurityRule, postgresqlFlexibleServer, postgresqlFlexibleServerActiveDirectoryAdministrator, postgresqlFlexibleServerConfiguration, privateDnsZone, privateDnsZoneVirtualNetworkLink, provider, resourceGroup, subnet, subnetNetworkSecurityGroupAssociation, virtualNetwork } from '@cdktf/provider-azurerm';
import { App, Fn, ITerraformDependable, Op, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
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

type RuleSpec = Omit<networkSecurityRule.NetworkSecurityRuleConfig, 'resourceGroupName' | 'networkSecurityGroupName' | 'sourcePortRange'>;
const SUBNET = '10.20.0.0/28';
const REPLICATION = 'High availability: primary and standby replicate on 5432 within the subnet';
const SECURITY_RULES: RuleSpec[] = [
  { name: 'AllowPostgresWithinSubnetIn', priority: 1000, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: SUBNET, destinationAddressPrefix: SUBNET, destinationPortRange: '5432', description: REPLICATION },
  { name: 'AllowPostgresFrom-VirtualNetwork', priority: 1010, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: 'VirtualNetwork', destinationAddressPrefix: SUBNET, destinationPortRange: '5432', description: 'PostgreSQL clients' },
  { name: 'DenyAllInbound', priority: 4096, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', destinationAddressPrefix: '*', destinationPortRange: '*', description: 'Nothing else reaches the delegated subnet' },
  { name: 'AllowPostgresWithinSubnetOut', priority: 1000, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: SUBNET, destinationAddressPrefix: SUBNET, destinationPortRange: '5432', description: REPLICATION },
  { name: 'AllowAzureStorageOut', priority: 1010, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: SUBNET, destinationAddressPrefix: 'Storage', destinationPortRange: '443', description: 'WAL archiving to Azure Storage' },
  { name: 'AllowEntraIdOut', priority: 1020, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: SUBNET, destinationAddressPrefix: 'AzureActiveDirectory', destinationPortRange: '443', description: 'Microsoft Entra authentication' },
];
const SUBSCRIPTION_MISMATCH = 'network.vnetIntegration.virtualNetworkResourceId names a virtual network in another subscription '
  + 'than the azurerm provider\'s, where the subnet would be created (cdktf-azure-postgres VNET-OTHER-SUBSCRIPTION). Fix: ask the '
  + 'network\'s owner for a delegated subnet and a private DNS zone in that subscription, and use '
  + 'FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId, privateDnsZoneResourceId }).';

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
    const providerSubscription = new dataAzurermClientConfig.DataAzurermClientConfig(scope0, 'ProviderSubscription', {});
    const delegatedSubnet = new subnet.Subnet(scope0, 'Subnet', {
      name: 'orders-db-0-postgres',
      resourceGroupName: Fn.element(Fn.split('/', network.id), 4),
      virtualNetworkName: Fn.element(Fn.split('/', network.id), 8),
      addressPrefixes: [SUBNET],
      delegation: [{
        name: 'postgresql-flexible-server',
        serviceDelegation: {
          name: 'Microsoft.DBforPostgreSQL/flexibleServers',
          actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'],
        },
      }],
      lifecycle: {
        precondition: [{
          condition: Op.eq(Fn.lower(Fn.element(Fn.split('/', network.id), 2)), Fn.lower(providerSubscription.subscriptionId)),
          errorMessage: SUBSCRIPTION_MISMATCH,
        }],
      },
    });
    const securityGroup = new networkSecurityGroup.NetworkSecurityGroup(scope0, 'SecurityGroup', {
      name: 'orders-db-0-postgres-nsg',
      resourceGroupName: group.name,
      location: group.location,
      tags,
    });
    const rules = SECURITY_RULES.map((rule) => new networkSecurityRule.NetworkSecurityRule(scope0, `SecurityRule-${rule.name}`, {
      ...rule,
      resourceGroupName: group.name,
      networkSecurityGroupName: securityGroup.name,
      sourcePortRange: '*',
    }));
    const association = new subnetNetworkSecurityGroupAssociation.SubnetNetworkSecurityGroupAssociation(scope0, 'SecurityGroupAssociation', {
      subnetId: delegatedSubnet.id,
      networkSecurityGroupId: securityGroup.id,
    });
    // The zone sits where the library shares it between servers; the ids are its digests of the
    // zone's name and resource group, and of the VNet's ID (see bench/programs/baseline-server.js).
    const zones = new Construct(this, 'cdktf-azure-postgres-private-dns-zones');
    const zoneScope = new Construct(zones, 'Zone-7338ab87ce4c5620');
    const zone = new privateDnsZone.PrivateDnsZone(zoneScope, 'Zone', {
      name: 'orders-db-0.private.postgres.database.azure.com',
      resourceGroupName: group.name,
      tags,
    });
    const link = new privateDnsZoneVirtualNetworkLink.PrivateDnsZoneVirtualNetworkLink(zoneScope, 'Link-b34b9cd781409481', {
      name: 'orders-db-0-vnet-link',
      privateDnsZoneName: zone.name,
      resourceGroupName: zone.resourceGroupName,
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
      dependsOn: [link, association, ...rules],
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
