import { isSet, nestedBlock, outsideStack } from '../value-readers';
import { fail, PASS, Rule, RuleSeverity, SecurityLayer, unknown } from '../rule';

/**
 * Customer-managed key: a customer_managed_key block with key_vault_key_id, so the data is
 * encrypted with a key the owner controls and can revoke. Without it Azure uses a
 * Microsoft-managed key. The mode is chosen at creation only. No Checkov or Trivy check.
 */
export const rule: Rule = {
  id: 'PGF-ENC-1',
  title: 'Customer-managed key',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.AT_REST,
  references: { cis: ['DB 6.1'], azurePolicy: ['12c74c95 PostgreSQL flexible servers should use customer-managed keys to encrypt data at rest'] },
  fix: 'Add customer_managed_key { key_vault_key_id, primary_user_assigned_identity_id } with a user-assigned identity that can use the key.',
  appliesTo: 'flexible',
  evaluate: (server) => {
    const outside = outsideStack(server);
    if (outside) return outside;
    const key = nestedBlock(server.config, 'customer_managed_key');
    if (key.state === 'unknown') return unknown(key.note);
    if (key.state === 'absent') return fail('the server has no customer_managed_key block, so its data is encrypted with a Microsoft-managed key.');
    if (!isSet(key.block.key_vault_key_id)) return fail('the customer_managed_key block has no key_vault_key_id.');
    return PASS;
  },
};
