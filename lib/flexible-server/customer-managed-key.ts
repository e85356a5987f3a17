import { checkKeyVaultKeyId } from '../shared/key-vault-key';
import { checkResourceId, ResourceIdKind } from '../private/resource-id';
import { optional, required, struct, text } from '../private/shape';
import { ValidationError } from '../private/validation-error';

/** Data encryption with a customer-managed key. Chosen at creation only (it replaces the server). */
export interface FlexibleServerCustomerManagedKey {
  /** Key Vault or Managed HSM key ID (RSA 2048-4096): versionless IDs rotate automatically. */
  readonly keyVaultKeyId: string;
  /** Resource ID of the user-assigned identity that may wrap and unwrap with the key. */
  readonly userAssignedIdentityResourceId: string;
  /**
   * Key in the geo-backup region, required with geo-redundant backup.
   * @default - none; required when geo-redundant backup is on
   */
  readonly geoBackupKeyVaultKeyId?: string;
  /**
   * Identity in the geo-backup region with access to the geo key (not the primary identity),
   * required with geo-redundant backup.
   * @default - none; required when geo-redundant backup is on
   */
  readonly geoBackupUserAssignedIdentityResourceId?: string;
}

export const FLEXIBLE_SERVER_CUSTOMER_MANAGED_KEY = struct('FlexibleServerCustomerManagedKey', {
  keyVaultKeyId: required(text(), 'give the key ID, https://<vault>.vault.azure.net/keys/<name>'),
  userAssignedIdentityResourceId: required(text(), 'give the resource ID of the identity that may use the key'),
  geoBackupKeyVaultKeyId: optional(text()),
  geoBackupUserAssignedIdentityResourceId: optional(text()),
});

export function validateCustomerManagedKey(prop: string, key: FlexibleServerCustomerManagedKey | undefined, geoRedundantBackup: boolean): void {
  if (key === undefined) return;
  checkKeyVaultKeyId(`${prop}.keyVaultKeyId`, key.keyVaultKeyId, { versionRequired: false });
  checkResourceId(`${prop}.userAssignedIdentityResourceId`, key.userAssignedIdentityResourceId, ResourceIdKind.USER_ASSIGNED_IDENTITY);
  checkKeyVaultKeyId(`${prop}.geoBackupKeyVaultKeyId`, key.geoBackupKeyVaultKeyId, { versionRequired: false });
  checkResourceId(`${prop}.geoBackupUserAssignedIdentityResourceId`, key.geoBackupUserAssignedIdentityResourceId, ResourceIdKind.USER_ASSIGNED_IDENTITY);
  if (geoRedundantBackup && (key.geoBackupKeyVaultKeyId === undefined || key.geoBackupUserAssignedIdentityResourceId === undefined)) {
    const missing = key.geoBackupKeyVaultKeyId === undefined ? 'geoBackupKeyVaultKeyId' : 'geoBackupUserAssignedIdentityResourceId';
    throw new ValidationError(
      'CMK-GEO-KEY-MISSING',
      `${prop}.${missing}`,
      undefined,
      'is required: geo-redundant backups are encrypted with a key and identity in the paired region',
      'give a key and a second user-assigned identity in the geo-backup region',
    );
  }
  if (
    key.geoBackupUserAssignedIdentityResourceId !== undefined &&
    key.geoBackupUserAssignedIdentityResourceId === key.userAssignedIdentityResourceId
  ) {
    throw new ValidationError(
      'CMK-GEO-SAME-IDENTITY',
      `${prop}.geoBackupUserAssignedIdentityResourceId`,
      key.geoBackupUserAssignedIdentityResourceId,
      'is the primary identity; Azure requires a separate identity in the geo-backup region',
      'create a second user-assigned identity in the paired region',
    );
  }
}
