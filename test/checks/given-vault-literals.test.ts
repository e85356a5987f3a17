import { addedFindings, addedMessages, Blocks, Sections } from '../support/example-findings';

// 94th run, A94b-4: in examples/flexible-password-auth the construct is given the password's vault (`var.key_vault_id`) and the VNet
// it makes the delegated subnet in (`var.virtual_network_id`) by variables. PG-CFG-8 matched an unread writer or reader of them only by
// that same expression: one naming a vault (or VNet) by a literal ID or a lookup of literal names passed, though in a real stack the
// tfvars value is such an ID and PG-IAM-2 already reads it as "may be the vault". Now the net reads them as PG-IAM-2 does
// (given-objects.ts mayBeLater over the scope's later object).

const findings = (sections: Sections) => addedFindings('flexible-password-auth', sections);

const VAULT_ID = '/subscriptions/0/resourceGroups/rg-sec/providers/Microsoft.KeyVault/vaults/kv-billing';
const VAULT_LOOKUP: Blocks = { azurerm_key_vault: { v: { name: 'kv-billing', resource_group_name: 'rg-sec' } } };
const AZAPI = { terraform: { required_providers: { azapi: { source: 'azure/azapi' } } } };
const linkedService = (keyVaultId: string): Blocks => ({ azurerm_data_factory_linked_service_key_vault: { k: { name: 'kv', data_factory_id: '/x', key_vault_id: keyVaultId } } });
const vaultUpdate = (resourceId: string): Blocks => ({ azapi_update_resource: { x: { type: 'Microsoft.KeyVault/vaults@2023-07-01', resource_id: resourceId,
  body: { properties: { publicNetworkAccess: 'Enabled', networkAcls: { defaultAction: 'Allow' }, enableRbacAuthorization: false } } } } });
const powerPlatform = (vnetId: string): Blocks => ({ azapi_resource: { ep: { type: 'Microsoft.PowerPlatform/enterprisePolicies@2020-10-30-preview', name: 'ep',
  parent_id: '/subscriptions/0/resourceGroups/rg-orders-db', location: 'europe',
  body: { kind: 'NetworkInjection', properties: { networkInjection: { virtualNetworks: [{ id: vnetId, subnet: { name: 'powerplatform' } }] } } } } } });

test('p/adf-kv-lit, p/adf-kv-lookup: a Data Factory Key Vault linked service on a literal vault ID, or a lookup by literal names, fails PG-CFG-8', () => {
  expect(findings({ resource: linkedService(VAULT_ID) })).toEqual(['PG-CFG-8 azurerm_data_factory_linked_service_key_vault.k']);
  expect(findings({ data: VAULT_LOOKUP, resource: linkedService('${data.azurerm_key_vault.v.id}') })).toEqual(['PG-CFG-8 azurerm_data_factory_linked_service_key_vault.k']);
});

test('p/kv-azapi-lit, p/kv-azapi-lookup: an azapi update of a vault at a literal ID or a lookup\'s ID fails PG-CFG-8', () => {
  expect(findings({ ...AZAPI, resource: vaultUpdate(VAULT_ID) })).toEqual(['PG-CFG-8 azapi_update_resource.x']);
  expect(findings({ ...AZAPI, data: VAULT_LOOKUP, resource: vaultUpdate('${data.azurerm_key_vault.v.id}') })).toEqual(['PG-CFG-8 azapi_update_resource.x']);
});

test('p/dbx-scope: a Databricks secret scope backed by a vault of literal ID fails PG-CFG-8', () => {
  const scope = { databricks_secret_scope: { s: { name: 'kv', initial_manage_principal: 'users', keyvault_metadata: { resource_id: VAULT_ID, dns_name: 'https://kv-billing.vault.azure.net/' } } } };
  expect(findings({ terraform: { required_providers: { databricks: { source: 'databricks/databricks' } } }, resource: scope })).toEqual(['PG-CFG-8 databricks_secret_scope.s']);
});

test('p/pa-pp: a Power Platform network injection policy naming a VNet by literal ID may be the given VNet: fails PG-CFG-8', () => {
  expect(findings({ ...AZAPI, resource: powerPlatform('/subscriptions/0/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-spoke') })).toEqual(['PG-CFG-8 azapi_resource.ep']);
});

test('the message says the literal ID may be the vault given by the variable', () => {
  expect(addedMessages('flexible-password-auth', { resource: linkedService(VAULT_ID) }).join('\n'))
    .toContain(`points at ${JSON.stringify(VAULT_ID)}, which may be "\${var.key_vault_id}" (the vault of the Key Vault secret the administrator password is written to), known only at apply time`);
});

test('controls: another variable, an ID of another type, or a subnet below some VNet name no given object', () => {
  expect(findings({ variable: { other_vault_id: { type: 'string' } }, resource: linkedService('${var.other_vault_id}') })).toEqual([]);
  expect(findings({ resource: linkedService('/subscriptions/0/resourceGroups/rg-sec/providers/Microsoft.Storage/storageAccounts/kvbilling') })).toEqual([]);
  expect(findings({ ...AZAPI, resource: powerPlatform('/subscriptions/0/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/pp') })).toEqual([]);
  // A vault the stack makes (azapi, by parent and name) is a new object, not the one given before it.
  const made = { azapi_resource: { kv: { type: 'Microsoft.KeyVault/vaults@2023-07-01', name: 'kv-new', parent_id: '/subscriptions/0/resourceGroups/rg-sec', location: 'westeurope',
    body: { properties: { tenantId: '${var.tenant_id}', sku: { family: 'A', name: 'standard' }, enableRbacAuthorization: true } } } } };
  expect(findings({ ...AZAPI, resource: made })).toEqual([]);
});
