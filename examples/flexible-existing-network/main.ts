import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { DiagnosticSettings, EntraPrincipalType, FlexibleServerNetwork, SecureFlexibleServer } from 'cdktf-azure-postgres';

// Names to adapt. The resource group must exist; the server name must be unique in Azure.
const SERVER_NAME = 'payments-db-prod';
const RESOURCE_GROUP_NAME = 'rg-payments-db';
const LOCATION = 'westeurope';

/**
 * A Flexible Server in a hub-and-spoke network that a platform team owns: it joins an existing
 * subnet delegated to Microsoft.DBforPostgreSQL/flexibleServers (with the platform team's network
 * security group) and registers in the hub's central private DNS zone, which usually lives in the
 * connectivity subscription: both are given by resource ID, in any subscription. Logs go to an
 * existing Log Analytics workspace. The stack creates no network or DNS resource of its own.
 */
export class FlexibleExistingNetworkStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // The subscription comes from ARM_SUBSCRIPTION_ID at plan time (azurerm 4.x requires it).
    new AzurermProvider(this, 'azurerm', { features: [{}] });

    const variable = (name: string, description: string) => new TerraformVariable(this, name, { type: 'string', description }).stringValue;
    const tenantId = variable('tenant_id', 'Entra ID tenant that signs database users in');
    const adminGroupObjectId = variable('admin_group_object_id', 'Object ID of the Entra ID group that administers the server');
    const adminGroupName = variable('admin_group_name', 'Display name of that group');
    const delegatedSubnetId = variable(
      'delegated_subnet_id',
      'Resource ID of an existing subnet in the spoke VNet, delegated to Microsoft.DBforPostgreSQL/flexibleServers, guarded by a network security group and used by nothing else',
    );
    const privateDnsZoneId = variable(
      'private_dns_zone_id',
      'Resource ID of the hub\'s central private DNS zone, named <label>.postgres.database.azure.com (e.g. private.postgres.database.azure.com), linked to the spoke VNet; it may be in the hub\'s subscription',
    );
    const workspaceId = variable('log_analytics_workspace_id', 'Resource ID of the Log Analytics workspace for server logs and metrics');

    const postgres = new SecureFlexibleServer(this, 'Postgres', {
      name: SERVER_NAME,
      resourceGroupName: RESOURCE_GROUP_NAME,
      location: LOCATION,
      network: FlexibleServerNetwork.existingVnetIntegration({
        delegatedSubnetResourceId: delegatedSubnetId,
        privateDnsZoneResourceId: privateDnsZoneId,
      }),
      tenantId,
      entraAdministrators: [{ objectId: adminGroupObjectId, principalName: adminGroupName, principalType: EntraPrincipalType.GROUP }],
      diagnosticSettings: DiagnosticSettings.logAnalytics(workspaceId),
      tags: { environment: 'production', workload: 'payments' },
    });

    new TerraformOutput(this, 'server_id', { value: postgres.serverId });
    new TerraformOutput(this, 'server_fqdn', { value: postgres.fqdn });
  }
}

if (require.main === module) {
  const app = new App();
  new FlexibleExistingNetworkStack(app, 'flexible-existing-network');
  app.synth();
}
