import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, Fn, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import {
  DiagnosticSettings,
  EntraPrincipalType,
  SecureSingleServer,
  SingleServerNetwork,
  SingleServerSku,
  SingleServerVersion,
} from 'cdktf-azure-postgres';

/**
 * Brings a live Single Server under SecureSingleServer without recreating it: Terraform imports
 * the server and its Entra administrator, then applies the secure defaults in place (TLS 1.2,
 * public access off behind a private endpoint, threat detection, audit logging, diagnostics).
 * Single Server is retired: this is a bridge while the team moves to Flexible Server.
 */
export class SingleServerLegacyStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{}] });

    const variable = (name: string, description: string) => new TerraformVariable(this, name, { type: 'string', description }).stringValue;
    const serverResourceId = variable('server_resource_id', 'Resource ID of the live Single Server to adopt');
    const location = variable('location', 'Region of the live server, e.g. westeurope');
    const tenantId = variable('tenant_id', 'Entra ID tenant of the administrator');
    const adminGroupObjectId = variable('admin_group_object_id', 'Object ID of the Entra ID group that administers the server');
    const adminGroupName = variable('admin_group_name', 'Display name of that group (the login it uses)');
    const endpointSubnetId = variable('private_endpoint_subnet_id', 'Resource ID of the subnet for the private endpoint');
    const workspaceId = variable('log_analytics_workspace_id', 'Resource ID of the Log Analytics workspace for server logs');

    const legacy = new SecureSingleServer(this, 'Postgres', {
      // Name and resource group are read from the ID, so the import cannot point elsewhere.
      name: Fn.element(Fn.split('/', serverResourceId), 8),
      resourceGroupName: Fn.element(Fn.split('/', serverResourceId), 4),
      location,
      tenantId,
      adoption: {
        serverResourceId,
        // State these as the live server has them: changing either would replace the server.
        infrastructureEncryptionEnabled: true,
        geoRedundantBackupEnabled: true,
      },
      // Also as the live server has them.
      sku: SingleServerSku.GP_GEN5_2,
      version: SingleServerVersion.V11,
      storageMb: 102400,
      administratorLogin: 'pgadmin_legacy',
      network: SingleServerNetwork.privateEndpoint({ subnetResourceId: endpointSubnetId }),
      entraAdministrator: { objectId: adminGroupObjectId, principalName: adminGroupName, principalType: EntraPrincipalType.GROUP },
      diagnosticSettings: DiagnosticSettings.logAnalytics(workspaceId),
      tags: { workload: 'orders-legacy', retirement: 'migrate-to-flexible' },
    });

    new TerraformOutput(this, 'server_fqdn', { value: legacy.fqdn });
    new TerraformOutput(this, 'private_endpoint_id', { value: legacy.privateEndpointId });
  }
}

if (require.main === module) {
  const app = new App();
  new SingleServerLegacyStack(app, 'single-server-legacy');
  app.synth();
}
