import { fail, Rule, RuleSeverity, SecurityLayer, StackFacts, Verdict } from '../rule';
import { requireChild } from '../single-checks';
import { ServerView } from '../stack-model';
import { madeBy } from '../beside-construct';
import { covers } from '../suppressions';

/**
 * Data encrypted with a customer-managed key: an azurerm_postgresql_server_key belongs to the
 * server. CKV2_AZURE_17 also wants the key to be an azurerm_key_vault_key of the same stack; this
 * rule takes any key ID, as a key often lives in a shared vault. Azure keeps one key per server,
 * so two key resources, or one beside a library construct that the construct did not make, set
 * the server's key by whichever applies last (ninth review, A9-12).
 */
/** The weaker choice of a server without a key: platform-managed keys. A construct's justification of it covers no other failure (a key it did not make). */
export const PLATFORM_KEYS_SUBJECT = 'platform-managed keys';

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
  evaluate: (server, stack) => {
    const contested = contestedKeys(server, stack);
    if (contested.length > 0) return contested;
    const verdict = requireChild(server, server.serverKeys, 'no azurerm_postgresql_server_key belongs to the server, so its data is encrypted with a Microsoft-managed key.', 'server key');
    return verdict.status === 'fail' ? fail(verdict.message, undefined, PLATFORM_KEYS_SUBJECT) : verdict;
  },
};

/** A failure per key that another key, or the server's library construct, contests. */
function contestedKeys(server: ServerView, stack: StackFacts | undefined): Verdict[] {
  const keys = server.serverKeys;
  const path = server.constructPath;
  const owner = path === undefined ? undefined : stack?.constructs?.find((scope) => covers(scope, path));
  if (owner !== undefined) {
    return keys.filter((key) => !madeBy(key, owner)).map((key) => fail(
      `${key.address} sets the key of the server ${owner} makes, which the construct did not make: Azure keeps one key per server, so whichever key applies last encrypts its data.`, key.address));
  }
  if (keys.length < 2) return [];
  return keys.map((key) => fail(`${key.address} is one of ${keys.length} azurerm_postgresql_server_key resources of the server (${keys.map((k) => k.address).join(', ')}): Azure keeps one key per server, so whichever applies last encrypts its data.`, key.address));
}
