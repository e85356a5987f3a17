import { fail, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, unknown } from '../rule';
import { nestedBlock, plainTextPassword } from '../value-readers';

/**
 * Threat detection's storage access key is not written as text: threat_detection_policy's
 * storage_account_access_key, the key of the storage account that receives the threat detection
 * audit logs, is absent or one plain reference (a variable, a storage account's
 * primary_access_key, a Key Vault secret), or references under a function that adds no text
 * (value-readers.ts fromReferencesOnly). A literal key in cdk.tf.json gives whoever reads the
 * code or the pipeline's artifacts full access to that account. The message never prints the
 * key. No Checkov or Trivy check.
 */
export const rule: Rule = {
  id: 'PGS-THR-2',
  title: 'Threat detection storage key is a reference, not written as text',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.THREAT_PROTECTION,
  references: {},
  fix: 'Pass the storage account\'s key by reference (azurerm_storage_account.<name>.primary_access_key, a variable or a Key Vault secret), or leave storage_endpoint and storage_account_access_key unset.',
  appliesTo: 'single',
  evaluate: (server, stack) => {
    if (!server.defined) return notApplicable('the server is defined outside this stack');
    const policy = nestedBlock(server.config, 'threat_detection_policy');
    if (policy.state === 'unknown') return unknown(policy.note);
    if (policy.state === 'absent') return notApplicable('the server has no threat_detection_policy');
    const problem = plainTextPassword(policy.block.storage_account_access_key, 'the storage account\'s key', { stack, block: server.config });
    return problem === undefined ? PASS : fail(`threat_detection_policy.storage_account_access_key ${problem}.`);
  },
};
