import { KeyVaultManagedHardwareSecurityModule } from '@cdktf/provider-azurerm/lib/key-vault-managed-hardware-security-module';
import { KeyVaultManagedHardwareSecurityModuleKey } from '@cdktf/provider-azurerm/lib/key-vault-managed-hardware-security-module-key';
import { KeyVaultManagedHardwareSecurityModuleRoleAssignment } from '@cdktf/provider-azurerm/lib/key-vault-managed-hardware-security-module-role-assignment';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ref, TerraformStack, TerraformVariable, Token } from 'cdktf';
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

// 81st run, A81b-1: azurerm 3.x (in the peer range) names the HSM of a local role assignment by its vault_base_url, and an older
// type bears the same arguments: read as the HSM the URL names (a URL known only at apply time may be the key's HSM).
describe('a local role assignment naming the HSM by its URL (A81b-1)', () => {
  const HSM_KEY = 'https://hsm-orders.managedhsm.azure.net/keys/cmk';
  const assigned = (type: string, vaultBaseUrl: string, role = OFFICER, scope = '/keys/cmk') => {
    const stack = newStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ customerManagedKey: { keyVaultKeyId: HSM_KEY, userAssignedIdentityResourceId: IDENTITY_ID, geoBackupKeyVaultKeyId: GEO_KEY_ID, geoBackupUserAssignedIdentityResourceId: GEO_IDENTITY_ID } }));
    raw(stack, type, 'a', { name: '11111111-1111-1111-1111-111111111111', principal_id: 'abcdefab-1111-2222-3333-444444444444', role_definition_id: role, scope, vault_base_url: vaultBaseUrl });
    return rules(stack, 'PG-IAM-2');
  };
  test.each(['azurerm_key_vault_managed_hardware_security_module_role_assignment', 'azurerm_key_vault_role_assignment'])('%s by vault_base_url', (type) => {
    expect(assigned(type, 'https://hsm-orders.managedhsm.azure.net/')).toEqual([expect.stringContaining(`${type}.a PG-IAM-2 `)]);
    expect(assigned(type, 'https://HSM-Orders.managedhsm.azure.net')).toEqual([expect.stringContaining(`${type}.a PG-IAM-2 `)]);
    expect(assigned(type, '${var.hsm_url}')).toEqual([expect.stringContaining(`${type}.a PG-IAM-2 `)]);
    // Another HSM, or a role that changes no key, passes.
    expect(assigned(type, 'https://hsm-other.managedhsm.azure.net/')).toEqual([]);
    expect(assigned(type, 'https://hsm-orders.managedhsm.azure.net/', ENCRYPTION_USER)).toEqual([]);
  });
});

// 82nd run, A82b-1: a Managed HSM key's rotation policy naming the customer-managed key by its data-plane URL, or by a pointer
// known only at apply time, is a writer of that key (PG-CFG-8), as the same policy naming it by reference is.
test('a rotation policy on the key by its URL, or by a variable, is an unread writer of the key (A82b-1)', () => {
  const rotation = (cmk: string, policyKey: string) => {
    const stack = newStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const keyVaultKeyId = cmk === 'variable' ? new TerraformVariable(stack, 'key', { type: 'string' }).stringValue : cmk;
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ customerManagedKey: { keyVaultKeyId, userAssignedIdentityResourceId: IDENTITY_ID, geoBackupKeyVaultKeyId: GEO_KEY_ID, geoBackupUserAssignedIdentityResourceId: GEO_IDENTITY_ID } }));
    raw(stack, 'azurerm_key_vault_managed_hardware_security_module_key_rotation_policy', 'r', { managed_hsm_key_id: policyKey, expire_after: 'P28D', time_before_expiry: 'P1D' });
    return rules(stack, 'PG-CFG-8');
  };
  const URL = 'https://hsm-orders.managedhsm.azure.net/keys/cmk';
  const FAILS = [expect.stringContaining('azurerm_key_vault_managed_hardware_security_module_key_rotation_policy.r PG-CFG-8 ')];
  expect(rotation(URL, URL)).toEqual(FAILS);
  expect(rotation(`${URL}/0123456789abcdef0123456789abcdef`, URL)).toEqual(FAILS);
  expect(rotation(URL, '${var.policy_key}')).toEqual(FAILS);
  expect(rotation('variable', URL)).toEqual(FAILS);
  // Another key of the HSM, or of another HSM, is another object.
  expect(rotation(URL, 'https://hsm-orders.managedhsm.azure.net/keys/other')).toEqual([]);
  expect(rotation(URL, 'https://hsm-other.managedhsm.azure.net/keys/cmk')).toEqual([]);
});
