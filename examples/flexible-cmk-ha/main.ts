import { DataAzurermKeyVaultKey } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault-key';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { App, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import {
  DiagnosticSettings,
  EntraPrincipalType,
  FlexibleServerNetwork,
  FlexibleServerSku,
  HighAvailabilityMode,
  SecureFlexibleServer,
} from 'cdktf-azure-postgres';

// Names to adapt. The resource group must exist; the server name must be unique in Azure.
const SERVER_NAME = 'ledger-db-prod';
const RESOURCE_GROUP_NAME = 'rg-ledger-db';
const LOCATION = 'westeurope';
/** The region Azure pairs with LOCATION, where geo-redundant backups are kept. */
const GEO_BACKUP_LOCATION = 'northeurope';
/** RSA key (2048-4096 bits) in the vault given by var.key_vault_id, in LOCATION. */
const KEY_NAME = 'ledger-db-cmk';
/** RSA key in the vault given by var.geo_backup_key_vault_id, in GEO_BACKUP_LOCATION. */
const GEO_BACKUP_KEY_NAME = 'ledger-db-cmk-geo';
/** Availability zones of the primary and of its standby. */
const PRIMARY_ZONE = '1';
const STANDBY_ZONE = '2';

/**
 * A business-critical Flexible Server: data encrypted with customer-managed keys (one in the
 * server's region, one in the paired region for geo-redundant backups, each used through its own
 * user-assigned identity), zone-redundant high availability with the standby in a chosen zone,
 * a fixed maintenance window, a CanNotDelete lock next to prevent_destroy, and two databases on a
 * Memory Optimized SKU.
 */
export class FlexibleCmkHaStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // The subscription comes from ARM_SUBSCRIPTION_ID at plan time (azurerm 4.x requires it).
    new AzurermProvider(this, 'azurerm', { features: [{}] });

    const variable = (name: string, description: string) => new TerraformVariable(this, name, { type: 'string', description }).stringValue;
    const tenantId = variable('tenant_id', 'Entra ID tenant that signs database users in');
    const adminGroupObjectId = variable('admin_group_object_id', 'Object ID of the Entra ID group that administers the server');
    const adminGroupName = variable('admin_group_name', 'Display name of that group');
    const virtualNetworkId = variable('virtual_network_id', 'Resource ID of the VNet the server joins, in the server\'s region');
    const subnetAddressPrefix = variable('subnet_address_prefix', 'Free address range of that VNet for the new delegated subnet, /28 or larger, e.g. 10.20.2.0/28');
    const keyVaultId = variable('key_vault_id', `Resource ID of the Key Vault (Azure RBAC, purge protection on) in ${LOCATION} that holds the key "${KEY_NAME}"`);
    const geoKeyVaultId = variable(
      'geo_backup_key_vault_id',
      `Resource ID of the Key Vault (Azure RBAC, purge protection on) in ${GEO_BACKUP_LOCATION} that holds the key "${GEO_BACKUP_KEY_NAME}"`,
    );
    const workspaceId = variable('log_analytics_workspace_id', 'Resource ID of the Log Analytics workspace for server logs and metrics');

    // One identity per key: Azure requires a second identity for the geo-backup key, and each
    // identity is kept in the region of its key.
    const identity = new UserAssignedIdentity(this, 'KeyIdentity', {
      name: `id-${SERVER_NAME}-cmk`,
      resourceGroupName: RESOURCE_GROUP_NAME,
      location: LOCATION,
    });
    const geoIdentity = new UserAssignedIdentity(this, 'GeoBackupKeyIdentity', {
      name: `id-${SERVER_NAME}-cmk-geo`,
      resourceGroupName: RESOURCE_GROUP_NAME,
      location: GEO_BACKUP_LOCATION,
    });
    const key = new DataAzurermKeyVaultKey(this, 'Key', { name: KEY_NAME, keyVaultId });
    const geoKey = new DataAzurermKeyVaultKey(this, 'GeoBackupKey', { name: GEO_BACKUP_KEY_NAME, keyVaultId: geoKeyVaultId });
    // Each identity may wrap and unwrap with its own key, and nothing else.
    const keyAccess = new RoleAssignment(this, 'KeyAccess', {
      scope: key.resourceVersionlessId,
      roleDefinitionName: 'Key Vault Crypto Service Encryption User',
      principalId: identity.principalId,
      principalType: 'ServicePrincipal',
    });
    const geoKeyAccess = new RoleAssignment(this, 'GeoBackupKeyAccess', {
      scope: geoKey.resourceVersionlessId,
      roleDefinitionName: 'Key Vault Crypto Service Encryption User',
      principalId: geoIdentity.principalId,
      principalType: 'ServicePrincipal',
    });

    const postgres = new SecureFlexibleServer(this, 'Postgres', {
      name: SERVER_NAME,
      resourceGroupName: RESOURCE_GROUP_NAME,
      location: LOCATION,
      network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: virtualNetworkId, subnetAddressPrefix }),
      tenantId,
      entraAdministrators: [{ objectId: adminGroupObjectId, principalName: adminGroupName, principalType: EntraPrincipalType.GROUP }],
      diagnosticSettings: DiagnosticSettings.logAnalytics(workspaceId),
      sku: FlexibleServerSku.MO_STANDARD_E4DS_V5,
      // Versionless key IDs: the server follows key rotation in the vault on its own.
      customerManagedKey: {
        keyVaultKeyId: key.versionlessId,
        userAssignedIdentityResourceId: identity.id,
        geoBackupKeyVaultKeyId: geoKey.versionlessId,
        geoBackupUserAssignedIdentityResourceId: geoIdentity.id,
      },
      zone: PRIMARY_ZONE,
      highAvailability: { mode: HighAvailabilityMode.ZONE_REDUNDANT, standbyAvailabilityZone: STANDBY_ZONE },
      // Sundays 02:30 UTC.
      maintenanceWindow: { dayOfWeek: 0, startHour: 2, startMinute: 30 },
      deletionProtection: { lock: true },
      databases: [{ name: 'ledger' }, { name: 'ledger_reporting' }],
      tags: { environment: 'production', workload: 'ledger', dataClassification: 'confidential' },
      // Azure checks the key access when it creates the server: wait for both role assignments.
      dependsOn: [keyAccess, geoKeyAccess],
    });

    new TerraformOutput(this, 'server_id', { value: postgres.serverId });
    new TerraformOutput(this, 'server_fqdn', { value: postgres.fqdn });
    new TerraformOutput(this, 'key_identity_id', { value: identity.id });
    new TerraformOutput(this, 'geo_backup_key_identity_id', { value: geoIdentity.id });
  }
}

if (require.main === module) {
  const app = new App();
  new FlexibleCmkHaStack(app, 'flexible-cmk-ha');
  app.synth();
}
