import { addedFindings, addedMessages, Blocks, Sections } from '../support/example-findings';

// 94th run, A94b-3: in examples/flexible-password-auth the password's vault adopted by an import into an `azurerm_key_vault` block
// that switches it to access policies or opens its network passed, where the same change as an azapi write failed PG-CFG-8. The
// adopted block writes the vault with every argument it sets, and with azurerm's defaults for those it leaves out (RBAC off, public
// network on): it now fails PG-CFG-8 unless it states RBAC on and a closed network and sets nothing else that may weaken the vault.

const findings = (sections: Sections) => addedFindings('flexible-password-auth', sections);

const VAULT_ID = '/subscriptions/0/resourceGroups/rg-sec/providers/Microsoft.KeyVault/vaults/kv-billing';
const vault = (settings: object): Blocks => ({ azurerm_key_vault: { v: { name: 'kv-billing', location: 'westeurope', resource_group_name: 'rg-billing-db',
  tenant_id: '${var.tenant_id}', sku_name: 'standard', ...settings } } });
const adopt = (id = '${var.key_vault_id}') => [{ to: 'azurerm_key_vault.v', id }];
const HARDENED = { rbac_authorization_enabled: true, public_network_access_enabled: false, purge_protection_enabled: true };

test('p/kv-import3: the given vault adopted with rbac_authorization_enabled = false (or enable_rbac_authorization = false) fails PG-CFG-8', () => {
  expect(findings({ import: adopt(), resource: vault({ rbac_authorization_enabled: false, soft_delete_retention_days: 7 }) })).toEqual(['PG-CFG-8 azurerm_key_vault.v']);
  expect(findings({ import: adopt(), resource: vault({ ...HARDENED, rbac_authorization_enabled: undefined, enable_rbac_authorization: false }) })).toEqual(['PG-CFG-8 azurerm_key_vault.v']);
});

test('p/kv-import2: adopted with its public network on and an Allow ACL fails PG-CFG-8', () => {
  expect(findings({ import: adopt(), resource: vault({ public_network_access_enabled: true, network_acls: { default_action: 'Allow', bypass: 'AzureServices' } }) }))
    .toEqual(['PG-CFG-8 azurerm_key_vault.v']);
  expect(findings({ import: adopt(), resource: vault({ rbac_authorization_enabled: true, network_acls: { default_action: 'Deny', bypass: 'AzureServices', ip_rules: ['0.0.0.0/0'] } }) }))
    .toEqual(['PG-CFG-8 azurerm_key_vault.v']);
});

test('p/kv-import-lit: adopted by a literal vault ID (which may be the given vault) with RBAC off fails PG-CFG-8', () => {
  expect(findings({ import: adopt(VAULT_ID), resource: vault({ rbac_authorization_enabled: false, public_network_access_enabled: true }) })).toEqual(['PG-CFG-8 azurerm_key_vault.v']);
});

test('leaving RBAC out is azurerm\'s default, access policies; an argument not read as hardening fails closed; the message says which', () => {
  expect(findings({ import: adopt(), resource: vault({ public_network_access_enabled: false }) })).toEqual(['PG-CFG-8 azurerm_key_vault.v']);
  expect(findings({ import: adopt(), resource: vault({ ...HARDENED, enabled_for_template_deployment: true }) })).toEqual(['PG-CFG-8 azurerm_key_vault.v']);
  expect(addedMessages('flexible-password-auth', { import: adopt(), resource: vault({ rbac_authorization_enabled: false }) }).join('\n'))
    .toContain('its rbac_authorization_enabled = false may weaken the vault (only true hardens it)');
});

test('controls: an adoption that only hardens (RBAC on, network closed by public access off or a Deny ACL), or the same block made new, passes', () => {
  expect(findings({ import: adopt(), resource: vault(HARDENED) })).toEqual([]);
  expect(findings({ import: adopt(), resource: vault({ enable_rbac_authorization: true, network_acls: { default_action: 'Deny', bypass: 'AzureServices' }, soft_delete_retention_days: 90 }) })).toEqual([]);
  expect(findings({ resource: vault({ rbac_authorization_enabled: false, public_network_access_enabled: true }) })).toEqual([]);
});
