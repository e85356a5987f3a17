'use strict';
// The hand-written equivalent of one default SecureFlexibleServer, shared by the baseline programs:
// the same resources, attributes, construct paths (so the same logical IDs) and depends_on chain.
const { createHash } = require('crypto');
const { Fn, Op } = require('cdktf');
const { Construct } = require('constructs');
const { DataAzurermClientConfig } = require('@cdktf/provider-azurerm/lib/data-azurerm-client-config');
const { Subnet } = require('@cdktf/provider-azurerm/lib/subnet');
const { NetworkSecurityGroup } = require('@cdktf/provider-azurerm/lib/network-security-group');
const { NetworkSecurityRule } = require('@cdktf/provider-azurerm/lib/network-security-rule');
const { SubnetNetworkSecurityGroupAssociation } = require('@cdktf/provider-azurerm/lib/subnet-network-security-group-association');
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

/** The network security group's rules for a subnet (least privilege, as the construct writes them), in order. */
function securityRules(subnet) {
  const rule = (name, priority, direction, sourceAddressPrefix, destinationAddressPrefix, destinationPortRange, description) =>
    ({ name, priority, direction, access: 'Allow', protocol: 'Tcp', sourceAddressPrefix, destinationAddressPrefix, destinationPortRange, description });
  const replication = 'High availability: primary and standby replicate on 5432 within the subnet';
  return [
    rule('AllowPostgresWithinSubnetIn', 1000, 'Inbound', subnet, subnet, '5432', replication),
    rule('AllowPostgresFrom-VirtualNetwork', 1010, 'Inbound', 'VirtualNetwork', subnet, '5432', 'PostgreSQL clients'),
    { ...rule('DenyAllInbound', 4096, 'Inbound', '*', '*', '*', 'Nothing else reaches the delegated subnet'), access: 'Deny', protocol: '*' },
    rule('AllowPostgresWithinSubnetOut', 1000, 'Outbound', subnet, subnet, '5432', replication),
    rule('AllowAzureStorageOut', 1010, 'Outbound', subnet, 'Storage', '443', 'WAL archiving to Azure Storage'),
    rule('AllowEntraIdOut', 1020, 'Outbound', subnet, 'AzureActiveDirectory', '443', 'Microsoft Entra authentication'),
  ];
}

const SUBSCRIPTION_MISMATCH = 'network.vnetIntegration.virtualNetworkResourceId names a virtual network in another subscription '
  + 'than the azurerm provider\'s, where the subnet would be created (cdktf-azure-postgres VNET-OTHER-SUBSCRIPTION). Fix: ask the '
  + 'network\'s owner for a delegated subnet and a private DNS zone in that subscription, and use '
  + 'FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId, privateDnsZoneResourceId }).';

// The private DNS zones sit in one construct under the stack, one zone construct per name and
// resource group, one link per VNet. The library names these constructs after a digest of what it
// keys them by (a reference by the Terraform expression it stands for); the same digests give the
// same construct ids, so the same logical IDs. The expressions are those of context.js's resources.
const ZONES_ID = 'cdktf-azure-postgres-private-dns-zones';
const RESOURCE_GROUP_NAME = '${azurerm_resource_group.ResourceGroup.name}';
const VIRTUAL_NETWORK_ID = '${azurerm_virtual_network.Network.id}';
const digest = (key) => createHash('sha256').update(key).digest('hex').slice(0, 16);

/** The zone of one server and its link to the VNet, under the stack's zones construct. */
function addDnsZone(context, server) {
  const zones = context.stack.node.tryFindChild(ZONES_ID) ?? new Construct(context.stack, ZONES_ID);
  const name = `${server.name}.private.postgres.database.azure.com`;
  const scope = new Construct(zones, `Zone-${digest(`${name}|${JSON.stringify(RESOURCE_GROUP_NAME)}`)}`);
  const zone = new PrivateDnsZone(scope, 'Zone', { name, resourceGroupName: context.resourceGroupName, tags: server.tags });
  const link = new PrivateDnsZoneVirtualNetworkLink(scope, `Link-${digest(JSON.stringify(VIRTUAL_NETWORK_ID))}`, {
    name: `${server.name}-vnet-link`,
    privateDnsZoneName: zone.name,
    resourceGroupName: zone.resourceGroupName,
    virtualNetworkId: context.virtualNetworkId,
    registrationEnabled: false,
    tags: server.tags,
  });
  return { zone, link };
}

/**
 * Adds server i's resources; with `databases`, the databases after the administrator (as the
 * construct chains them). Returns the server's scope, resource and database resources.
 */
function addServer(context, server, databases = []) {
  const scope = new Construct(context.stack, server.id);
  const vnetId = context.virtualNetworkId;
  // The VNet must be in the provider's subscription: checked at plan, as neither ID is a literal here.
  const providerSubscription = new DataAzurermClientConfig(scope, 'ProviderSubscription', {});
  const subnet = new Subnet(scope, 'Subnet', {
    name: `${server.name}-postgres`,
    // A VNet of the stack given by reference: the construct names the subnet by the VNet's own attributes.
    resourceGroupName: context.virtualNetworkResourceGroupName,
    virtualNetworkName: context.virtualNetworkName,
    addressPrefixes: [server.subnetAddressPrefix],
    delegation: [{
      name: 'postgresql-flexible-server',
      serviceDelegation: {
        name: 'Microsoft.DBforPostgreSQL/flexibleServers',
        actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'],
      },
    }],
    lifecycle: {
      precondition: [{
        condition: Op.eq(Fn.lower(Fn.element(Fn.split('/', vnetId), 2)), Fn.lower(providerSubscription.subscriptionId)),
        errorMessage: SUBSCRIPTION_MISMATCH,
      }],
    },
  });
  const group = new NetworkSecurityGroup(scope, 'SecurityGroup', {
    name: `${server.name}-postgres-nsg`,
    resourceGroupName: context.resourceGroupName,
    location: context.location,
    tags: server.tags,
  });
  const rules = securityRules(server.subnetAddressPrefix).map((rule) => new NetworkSecurityRule(scope, `SecurityRule-${rule.name}`, {
    ...rule,
    resourceGroupName: context.resourceGroupName,
    networkSecurityGroupName: group.name,
    sourcePortRange: '*',
  }));
  const association = new SubnetNetworkSecurityGroupAssociation(scope, 'SecurityGroupAssociation', { subnetId: subnet.id, networkSecurityGroupId: group.id });
  const { zone, link } = addDnsZone(context, server);
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
    dependsOn: [link, association, ...rules],
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


