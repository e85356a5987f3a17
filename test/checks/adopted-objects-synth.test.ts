import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { TerraformStack } from 'cdktf';
import { FlexibleServerNetwork, SecureFlexibleServer, SecureSingleServer } from '../../lib';
import { checkStack } from '../cli/cli-harness';
import { IDENTITY_ID, KEY_ID, minimalProps, minimalSingleProps, providerStack, SUBNET_ID, SUBSCRIPTION, synthErrors, VNET_ZONE_ID, WORKSPACE_ID } from '../helpers';

// Twenty-second review, A22a-7, through cdktf: `importFrom` (an import block) on the caller's own resource, adopting the customer-managed
// key, its vault or the identity the construct is given by ID, makes that resource a writer of them: PG-CFG-8 at synth and in `check`.

const VAULT_ID = `${SUBSCRIPTION}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-postgres`;
const cmk = () => minimalProps({ customerManagedKey: { keyVaultKeyId: KEY_ID, userAssignedIdentityResourceId: IDENTITY_ID, geoBackupKeyVaultKeyId: KEY_ID.replace('kv-postgres', 'kv-postgres-geo'), geoBackupUserAssignedIdentityResourceId: IDENTITY_ID.replace('id-postgres', 'id-postgres-geo') } });

function adopting(adopt: (stack: TerraformStack) => void): TerraformStack {
  const stack = providerStack();
  new SecureFlexibleServer(stack, 'Postgres', cmk());
  adopt(stack);
  return stack;
}

const netLines = (stack: TerraformStack) => synthErrors(stack).filter((line) => / PG-CFG-8 /.test(line));

test.each([
  ['the key, weakened (sign only, a future not-before date)', (stack: TerraformStack) => new KeyVaultKey(stack, 'Key', { name: 'postgres-cmk', keyVaultId: VAULT_ID, keyType: 'RSA', keySize: 2048, keyOpts: ['sign'], notBeforeDate: '2099-01-01T00:00:00Z' }).importFrom(`${KEY_ID}/0123456789abcdef`), 'azurerm_key_vault_key.Key'],
  ['its vault, opened (network ACLs Allow, purge protection off)', (stack: TerraformStack) => new KeyVault(stack, 'Vault', { name: 'kv-postgres', resourceGroupName: 'rg-keys', location: 'westeurope', tenantId: 't', skuName: 'standard', purgeProtectionEnabled: false, networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' } }).importFrom(VAULT_ID), 'azurerm_key_vault.Vault'],
  ['the identity it acts as', (stack: TerraformStack) => new UserAssignedIdentity(stack, 'Identity', { name: 'id-postgres', resourceGroupName: 'rg-keys', location: 'eastus' }).importFrom(IDENTITY_ID), 'azurerm_user_assigned_identity.Identity'],
  ['its geo-backup identity', (stack: TerraformStack) => new UserAssignedIdentity(stack, 'Identity', { name: 'id-postgres-geo', resourceGroupName: 'rg-keys', location: 'westeurope' }).importFrom(IDENTITY_ID.replace('id-postgres', 'id-postgres-geo')), 'azurerm_user_assigned_identity.Identity'],
  ['its geo-backup key', (stack: TerraformStack) => new KeyVaultKey(stack, 'Key', { name: 'postgres-cmk', keyVaultId: VAULT_ID.replace('kv-postgres', 'kv-postgres-geo'), keyType: 'RSA', keySize: 2048, keyOpts: ['sign'] }).importFrom(`${KEY_ID.replace('kv-postgres', 'kv-postgres-geo')}/0123`), 'azurerm_key_vault_key.Key'],
])('importFrom on %s fails PG-CFG-8 at synth and check', (_what, adopt, address) => {
  const stack = adopting(adopt);
  const lines = netLines(stack);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^  \\[test\\] ${address.replace('.', '\\.')} PG-CFG-8 `));
  expect(lines[0]).toContain('adopts into it (its import block, so every argument it sets writes that object)');
  expect(checkStack(stack).code).toBe(1);
});

test('the same resources adopting other objects pass', () => {
  const stack = adopting((s) => {
    new KeyVaultKey(s, 'Key', { name: 'other', keyVaultId: VAULT_ID, keyType: 'RSA', keySize: 2048, keyOpts: ['sign'] }).importFrom('https://kv-postgres.vault.azure.net/keys/other/0123');
    new KeyVault(s, 'Vault', { name: 'kv-app', resourceGroupName: 'rg-keys', location: 'westeurope', tenantId: 't', skuName: 'standard' }).importFrom(VAULT_ID.replace('kv-postgres', 'kv-app'));
    new UserAssignedIdentity(s, 'Identity', { name: 'id-app', resourceGroupName: 'rg-keys', location: 'westeurope' }).importFrom(IDENTITY_ID.replace('id-postgres', 'id-app'));
  });
  expect(synthErrors(stack)).toEqual([]);
});

test('the delegated subnet the construct is given, adopted, is judged by the network rules as the server\'s subnet (no PG-CFG-8)', () => {
  const stack = providerStack();
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: SUBNET_ID, privateDnsZoneResourceId: VNET_ZONE_ID }) }));
  new Subnet(stack, 'Sub', { name: 'snet-postgres', resourceGroupName: 'rg-network', virtualNetworkName: 'vnet-hub', addressPrefixes: ['10.0.1.0/24'], defaultOutboundAccessEnabled: true }).importFrom(SUBNET_ID);
  const lines = synthErrors(stack);
  expect(lines.filter((line) => / PG-CFG-8 /.test(line))).toEqual([]);
  expect(lines.some((line) => line.startsWith('  [test] azurerm_subnet.Sub PGF-NET-7 '))).toBe(true);
});

test('the log workspace the construct is given, adopted, is judged by PG-LOG-1 as the server\'s workspace (no PG-CFG-8)', () => {
  const stack = providerStack();
  new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  new LogAnalyticsWorkspace(stack, 'Law', { name: 'log-central', resourceGroupName: 'rg-logs', location: 'westeurope', retentionInDays: 7, dailyQuotaGb: 0.1 }).importFrom(WORKSPACE_ID);
  const lines = synthErrors(stack);
  expect(lines.filter((line) => / PG-CFG-8 /.test(line))).toEqual([]);
  expect(lines.some((line) => line.startsWith('  [test] azurerm_log_analytics_workspace.Law PG-LOG-1 '))).toBe(true);
});

test('a SecureSingleServer\'s customer-managed key, adopted with a weakened key_opts, fails PG-CFG-8 too', () => {
  const stack = providerStack();
  new SecureSingleServer(stack, 'Legacy', minimalSingleProps({ customerManagedKey: { keyVaultKeyId: `${KEY_ID}/0123456789abcdef0123456789abcdef` } }));
  new KeyVaultKey(stack, 'Key', { name: 'postgres-cmk', keyVaultId: VAULT_ID, keyType: 'RSA', keySize: 2048, keyOpts: ['sign'] }).importFrom(`${KEY_ID}/fedcba9876543210`);
  expect(netLines(stack).map((line) => line.split(' PG-CFG-8 ')[0])).toEqual(['  [test] azurerm_key_vault_key.Key']);
});
