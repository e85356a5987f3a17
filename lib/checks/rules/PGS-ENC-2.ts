import { Rule, RuleSeverity, SecurityLayer } from '../rule';
import { requireChild } from '../single-checks';

/**
 * Data encrypted with a customer-managed key: an azurerm_postgresql_server_key belongs to the
 * server. CKV2_AZURE_17 also wants the key to be an azurerm_key_vault_key of the same stack; this
 * rule takes any key ID, as a key often lives in a shared vault.
 */
export const rule: Rule = {
  id: 'PGS-ENC-2',
  title: 'Customer-managed key',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.AT_REST,
  references: {
    checkov: ['CKV2_AZURE_17'],
    azurePolicy: ['18adea5e PostgreSQL servers should use customer-managed keys to encrypt data at rest'],
  },
  fix: 'Give the server identity { type = "SystemAssigned" } and add an azurerm_postgresql_server_key with a versioned Key Vault key ID.',
  appliesTo: 'single',
  evaluate: (server) =>
    requireChild(server, server.serverKeys, 'no azurerm_postgresql_server_key belongs to the server, so its data is encrypted with a Microsoft-managed key.', 'server key'),
};
