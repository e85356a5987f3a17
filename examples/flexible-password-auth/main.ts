import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import {
  DiagnosticSettings,
  EntraPrincipalType,
  FlexibleServerAuthentication,
  FlexibleServerNetwork,
  SecureFlexibleServer,
} from 'cdktf-azure-postgres';

// Names to adapt. The resource group must exist; the server name must be unique in Azure.
const SERVER_NAME = 'billing-db-prod';
const RESOURCE_GROUP_NAME = 'rg-billing-db';
const LOCATION = 'westeurope';
/** Login of the local administrator (not admin, root, azure_superuser, pg_...). */
const ADMINISTRATOR_LOGIN = 'pgadmin_billing';
/**
 * Version of the generated administrator password. Increase it (2, 3, ...) and apply to rotate:
 * a new password is generated and written to the server and to the Key Vault secret.
 */
const ADMINISTRATOR_PASSWORD_VERSION = 1;

/**
 * A Flexible Server that accepts a local administrator password next to Entra ID, for a client
 * that cannot sign in with Entra tokens. The password is generated (random_password), written
 * only to write-only attributes of the server and of a Key Vault secret, and rotated by bumping
 * ADMINISTRATOR_PASSWORD_VERSION. Only SCRAM-SHA-256 is accepted.
 */
export class FlexiblePasswordAuthStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // The subscription comes from ARM_SUBSCRIPTION_ID at plan time (azurerm 4.x requires it).
    // The random provider the password needs is added by SecureFlexibleServer.
    new AzurermProvider(this, 'azurerm', { features: [{}] });

    const variable = (name: string, description: string) => new TerraformVariable(this, name, { type: 'string', description }).stringValue;
    const tenantId = variable('tenant_id', 'Entra ID tenant that signs database users in');
    const adminGroupObjectId = variable('admin_group_object_id', 'Object ID of the Entra ID group that administers the server');
    const adminGroupName = variable('admin_group_name', 'Display name of that group');
    const virtualNetworkId = variable('virtual_network_id', 'Resource ID of the VNet the server joins, in the server\'s region');
    const subnetAddressPrefix = variable('subnet_address_prefix', 'Free address range of that VNet for the new delegated subnet, /28 or larger, e.g. 10.20.3.0/28');
    const keyVaultId = variable('key_vault_id', 'Resource ID of the Key Vault that receives the administrator password as a secret');
    const workspaceId = variable('log_analytics_workspace_id', 'Resource ID of the Log Analytics workspace for server logs and metrics');

    const postgres = new SecureFlexibleServer(this, 'Postgres', {
      name: SERVER_NAME,
      resourceGroupName: RESOURCE_GROUP_NAME,
      location: LOCATION,
      network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: virtualNetworkId, subnetAddressPrefix }),
      tenantId,
      entraAdministrators: [{ objectId: adminGroupObjectId, principalName: adminGroupName, principalType: EntraPrincipalType.GROUP }],
      authentication: FlexibleServerAuthentication.entraAndPassword({
        administratorLogin: ADMINISTRATOR_LOGIN,
        justification: 'Billing batch runs on a vendor appliance without Entra ID sign-in (SEC-517, review 2026-12)',
        passwordVersion: ADMINISTRATOR_PASSWORD_VERSION,
        keyVaultResourceId: keyVaultId,
      }),
      diagnosticSettings: DiagnosticSettings.logAnalytics(workspaceId),
      tags: { environment: 'production', workload: 'billing' },
    });

    new TerraformOutput(this, 'server_fqdn', { value: postgres.fqdn });
    new TerraformOutput(this, 'administrator_login', { value: ADMINISTRATOR_LOGIN });
    new TerraformOutput(this, 'administrator_password_secret_id', { value: postgres.administratorPasswordSecretId });
  }
}

if (require.main === module) {
  const app = new App();
  new FlexiblePasswordAuthStack(app, 'flexible-password-auth');
  app.synth();
}
