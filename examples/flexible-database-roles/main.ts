import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import {
  AccessLevel,
  DatabaseAccess,
  DatabasePrincipal,
  DiagnosticSettings,
  EntraPrincipalType,
  FlexibleServerAuthentication,
  FlexibleServerNetwork,
  SecureFlexibleServer,
} from 'cdktf-azure-postgres';

// Names to adapt. The resource group must exist; the server name must be unique in Azure.
const SERVER_NAME = 'orders-db-prod';
const RESOURCE_GROUP_NAME = 'rg-orders-db';
const LOCATION = 'westeurope';
const DATABASE = 'orders';

/**
 * A Flexible Server and the access inside its database: pgaudit in the database, PUBLIC stripped
 * of its default rights, a read-only, a read-write and an owner group role, and four login roles
 * that get their rights only through those groups: the application's managed identity, a
 * reporting group and the migration pipeline sign in with Entra ID; a vendor appliance, by
 * justified exception, with a generated password rotated every 90 days and kept in Key Vault.
 */
export class FlexibleDatabaseRolesStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // The subscription comes from ARM_SUBSCRIPTION_ID at plan time (azurerm 4.x requires it).
    // The postgresql, random and time providers are added by the constructs themselves.
    new AzurermProvider(this, 'azurerm', { features: [{}] });

    const variable = (name: string, description: string) => new TerraformVariable(this, name, { type: 'string', description }).stringValue;
    const tenantId = variable('tenant_id', 'Entra ID tenant that signs database users in');
    const adminGroupObjectId = variable('admin_group_object_id', 'Object ID of the Entra ID group that administers the server (the deployment identity must be a member)');
    const adminGroupName = variable('admin_group_name', 'Display name of that group');
    const virtualNetworkId = variable('virtual_network_id', 'Resource ID of the VNet the server joins, in the server\'s region');
    const subnetAddressPrefix = variable('subnet_address_prefix', 'Free address range of that VNet for the new delegated subnet, /28 or larger');
    const workspaceId = variable('log_analytics_workspace_id', 'Resource ID of the Log Analytics workspace for server logs and metrics');
    const appObjectId = variable('app_identity_object_id', 'Object ID (principal ID) of the application\'s managed identity');
    const reportingGroupObjectId = variable('reporting_group_object_id', 'Object ID of the Entra ID group of report readers');
    const migrationsObjectId = variable('migrations_identity_object_id', 'Object ID of the service principal that runs schema migrations');
    const keyVaultId = variable('key_vault_id', 'Resource ID of the Key Vault that receives the vendor\'s password');

    const postgres = new SecureFlexibleServer(this, 'Postgres', {
      name: SERVER_NAME,
      resourceGroupName: RESOURCE_GROUP_NAME,
      location: LOCATION,
      network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: virtualNetworkId, subnetAddressPrefix }),
      tenantId,
      entraAdministrators: [{ objectId: adminGroupObjectId, principalName: adminGroupName, principalType: EntraPrincipalType.GROUP }],
      // Only for the vendor login below: without it, leave authentication out (Entra ID only).
      authentication: FlexibleServerAuthentication.entraAndPassword({
        administratorLogin: 'pgadmin_orders',
        justification: 'Billing vendor appliance cannot use Entra ID (SEC-517, review 2027-03)',
        keyVaultResourceId: keyVaultId,
      }),
      databases: [{ name: DATABASE }],
      diagnosticSettings: DiagnosticSettings.logAnalytics(workspaceId),
      tags: { environment: 'production', workload: 'orders' },
    });

    const access = new DatabaseAccess(this, 'OrdersAccess', {
      server: postgres,
      connectAs: { principalName: adminGroupName },
      databases: [DATABASE],
      roles: [
        {
          name: 'orders_app',
          database: DATABASE,
          access: AccessLevel.READ_WRITE,
          member: DatabasePrincipal.entra({ objectId: appObjectId, principalType: EntraPrincipalType.SERVICE_PRINCIPAL }),
        },
        {
          name: 'orders_reporting',
          database: DATABASE,
          access: AccessLevel.READ_ONLY,
          member: DatabasePrincipal.entra({ objectId: reportingGroupObjectId, principalType: EntraPrincipalType.GROUP }),
        },
        {
          name: 'orders_migrations',
          database: DATABASE,
          access: AccessLevel.OWNER,
          member: DatabasePrincipal.entra({ objectId: migrationsObjectId, principalType: EntraPrincipalType.SERVICE_PRINCIPAL }),
        },
        {
          name: 'billing_vendor',
          database: DATABASE,
          access: AccessLevel.READ_ONLY,
          member: DatabasePrincipal.password({
            rotateEveryDays: 90,
            justification: 'Billing vendor appliance cannot use Entra ID (SEC-517, review 2027-03)',
            keyVaultResourceId: keyVaultId,
          }),
        },
      ],
    });

    new TerraformOutput(this, 'server_fqdn', { value: postgres.fqdn });
    new TerraformOutput(this, 'owner_role', { value: access.groupRoleName(DATABASE, AccessLevel.OWNER) });
    new TerraformOutput(this, 'login_roles', { value: access.roleNames });
  }
}

if (require.main === module) {
  const app = new App();
  new FlexibleDatabaseRolesStack(app, 'flexible-database-roles');
  app.synth();
}
