import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { DiagnosticSettings, EntraPrincipalType, FlexibleServerNetwork, SecureFlexibleServer } from 'cdktf-azure-postgres';

// Names to adapt. The resource group must exist; the server name must be unique in Azure.
const SERVER_NAME = 'inventory-db-prod';
const RESOURCE_GROUP_NAME = 'rg-inventory-db';
const LOCATION = 'westeurope';
const DATABASE_NAME = 'inventory';

/**
 * A Flexible Server with public access off, reached through a private endpoint (Private Link).
 * The construct creates the endpoint in the given subnet, the privatelink.postgres.database.azure.com
 * zone, its link to the subnet's VNet and the zone group that registers the endpoint's address.
 * One database is created after the Entra administrator.
 */
export class FlexiblePrivateEndpointStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // The subscription comes from ARM_SUBSCRIPTION_ID at plan time (azurerm 4.x requires it).
    new AzurermProvider(this, 'azurerm', { features: [{}] });

    const variable = (name: string, description: string) => new TerraformVariable(this, name, { type: 'string', description }).stringValue;
    const tenantId = variable('tenant_id', 'Entra ID tenant that signs database users in');
    const adminGroupObjectId = variable('admin_group_object_id', 'Object ID of the Entra ID group that administers the server');
    const adminGroupName = variable('admin_group_name', 'Display name of that group');
    const endpointSubnetId = variable(
      'private_endpoint_subnet_id',
      'Resource ID of the subnet for the private endpoint, in the server\'s region (an ordinary subnet: no delegation needed)',
    );
    const workspaceId = variable('log_analytics_workspace_id', 'Resource ID of the Log Analytics workspace for server logs and metrics');

    const postgres = new SecureFlexibleServer(this, 'Postgres', {
      name: SERVER_NAME,
      resourceGroupName: RESOURCE_GROUP_NAME,
      location: LOCATION,
      network: FlexibleServerNetwork.privateEndpoint({ subnetResourceId: endpointSubnetId }),
      tenantId,
      entraAdministrators: [{ objectId: adminGroupObjectId, principalName: adminGroupName, principalType: EntraPrincipalType.GROUP }],
      diagnosticSettings: DiagnosticSettings.logAnalytics(workspaceId),
      databases: [{ name: DATABASE_NAME }],
      tags: { environment: 'production', workload: 'inventory' },
    });

    new TerraformOutput(this, 'server_id', { value: postgres.serverId });
    new TerraformOutput(this, 'server_fqdn', { value: postgres.fqdn });
    new TerraformOutput(this, 'private_endpoint_id', { value: postgres.privateEndpointId });
    new TerraformOutput(this, 'private_dns_zone_id', { value: postgres.privateDnsZoneId });
  }
}

if (require.main === module) {
  const app = new App();
  new FlexiblePrivateEndpointStack(app, 'flexible-private-endpoint');
  app.synth();
}
