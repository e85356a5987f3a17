import { KeyVaultManagedHardwareSecurityModule } from '@cdktf/provider-azurerm/lib/key-vault-managed-hardware-security-module';
import { KeyVaultManagedHardwareSecurityModuleKey } from '@cdktf/provider-azurerm/lib/key-vault-managed-hardware-security-module-key';
import { KeyVaultManagedHardwareSecurityModuleRoleAssignment } from '@cdktf/provider-azurerm/lib/key-vault-managed-hardware-security-module-role-assignment';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ref, TerraformStack, Token } from 'cdktf';
import { SecureFlexibleServer } from '../../lib';
import { GEO_IDENTITY_ID, GEO_KEY_ID, IDENTITY_ID, minimalProps, newStack, synthErrors } from '../helpers';
import { raw } from './beside-fixtures';

// A library construct's customer-managed key given as a token of a Managed HSM key the stack makes (its versionedId, or an
// instance of a counted key): the HSM and its local role assignments are judged at synth as a vault and its access policies are.

const OFFICER = '/providers/Microsoft.Authorization/roleDefinitions/515eb02d-2335-4d2d-92f2-b1cbdf9c3778';
const ENCRYPTION_USER = '/providers/Microsoft.Authorization/roleDefinitions/33413926-3206-4cdd-b39a-83574fe37a17';

/** A construct's server whose key is an HSM key of the stack (a typed block, or a counted raw one), with an HSM of `purge` and a local role. */
function hsmStack(purge: boolean, role: string, counted = false): TerraformStack {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const hsm = new KeyVaultManagedHardwareSecurityModule(stack, 'Hsm', { name: 'hsm-pg', resourceGroupName: 'rg-keys', location: 'westeurope', skuName: 'Standard_B1', tenantId: '11111111-2222-3333-4444-555555555555', adminObjectIds: ['abcdefab-1111-2222-3333-444444444444'], purgeProtectionEnabled: purge, publicNetworkAccessEnabled: false });
  let keyId: string;
  if (counted) {
    raw(stack, 'azurerm_key_vault_managed_hardware_security_module_key', 'k', { count: 1, name: 'pg', managed_hsm_id: hsm.id, key_type: 'RSA-HSM', key_size: 3072, key_opts: ['wrapKey', 'unwrapKey'] });
    keyId = Token.asString(ref('azurerm_key_vault_managed_hardware_security_module_key.k[0].versioned_id'));
  } else {
    keyId = new KeyVaultManagedHardwareSecurityModuleKey(stack, 'Key', { name: 'pg', managedHsmId: hsm.id, keyType: 'RSA-HSM', keySize: 3072, keyOpts: ['wrapKey', 'unwrapKey'] }).versionedId;
  }
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ customerManagedKey: { keyVaultKeyId: keyId, userAssignedIdentityResourceId: IDENTITY_ID, geoBackupKeyVaultKeyId: GEO_KEY_ID, geoBackupUserAssignedIdentityResourceId: GEO_IDENTITY_ID } }));
  new KeyVaultManagedHardwareSecurityModuleRoleAssignment(stack, 'Role', { managedHsmId: hsm.id, name: '0f1e2d3c-0000-0000-0000-000000000000', scope: '/keys', roleDefinitionId: role, principalId: 'abcdefab-1111-2222-3333-444444444444' });
  return stack;
}
const rules = (stack: TerraformStack, id: string) => synthErrors(stack).filter((line) => line.includes(` ${id} `));

test.each([false, true])('a token key id (counted: %s): an HSM without purge protection fails PG-ENC-1, Crypto Officer on its keys PG-IAM-2', (counted) => {
  const weak = hsmStack(false, OFFICER, counted);
  expect(rules(weak, 'PG-ENC-1')).toEqual([expect.stringContaining('azurerm_key_vault_managed_hardware_security_module.Hsm PG-ENC-1 ')]);
  expect(rules(weak, 'PG-IAM-2')).toEqual([expect.stringContaining('azurerm_key_vault_managed_hardware_security_module_role_assignment.Role PG-IAM-2 ')]);
  const sound = hsmStack(true, ENCRYPTION_USER, counted);
  expect([...rules(sound, 'PG-ENC-1'), ...rules(sound, 'PG-IAM-2')]).toEqual([]);
});
