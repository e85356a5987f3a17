import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { rule } from '../../../lib/checks/rules/PGS-THR-2';
import { EXIT_FINDINGS } from '../../../lib/cli/check-command';
import { SecureSingleServer } from '../../../lib';
import { checkStack } from '../../cli/cli-harness';
import { minimalSingleProps, newStack, synthErrors } from '../../helpers';

// A4-11 at synth and in check. The rule's own cases are in PGS-THR-2.test.ts, which loads no cdktf
// (it runs in the mutation group of the rules).

const KEY = 'c2VjcmV0LWtleS1saXRlcmFsLXZhbHVlLTEyMzQ1Njc4OTA=';
const ENDPOINT = 'https://collector.blob.core.windows.net/';

test('SecureSingleServer: the logs sent to another storage account with a literal key fail synth and check (A4-11), and the key is never printed', () => {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const legacy = new SecureSingleServer(stack, 'Legacy', minimalSingleProps());
  expect(synthErrors(stack)).toEqual([]);
  legacy.server.addOverride('threat_detection_policy.storage_endpoint', ENDPOINT);
  legacy.server.addOverride('threat_detection_policy.storage_account_access_key', KEY);
  const address = 'azurerm_postgresql_server.Legacy_Server_BD4265F7';
  const fix = 'Fix: Remove the override of the construct\'s resource (or of //.cdktf-azure-postgres-pinned in the JSON); change the construct props instead.';
  const errors = synthErrors(stack);
  expect(errors).toEqual([
    `  [test] ${address} PGS-THR-2 threat_detection_policy.storage_account_access_key is a literal, so the storage account's key is written in the configuration. Fix: ${rule.fix}`,
    `  [test] ${address} PG-CFG-6 threat_detection_policy.storage_endpoint is "${ENDPOINT}", where the construct's props leave it unset. ${fix}`,
    `  [test] ${address} PG-CFG-6 threat_detection_policy.storage_account_access_key is written as text (not shown: it holds a secret), where the construct's props leave it unset. ${fix}`,
  ]);
  const checked = checkStack(stack);
  expect(checked.code).toBe(EXIT_FINDINGS);
  expect(checked.out.filter((text) => text.includes('PGS-THR-2') || text.includes('PG-CFG-6'))).toHaveLength(3);
  expect([...checked.out, ...checked.err].join('\n')).not.toContain(KEY);
});

test('SecureSingleServer: threat_detection_policy made by a dynamic block fails PG-CFG-6, which says so of the key rather than calling it text (adversarial run of stop 68)', () => {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const legacy = new SecureSingleServer(stack, 'Legacy', minimalSingleProps());
  legacy.server.addOverride('threat_detection_policy', null);
  legacy.server.addOverride('dynamic.threat_detection_policy', { for_each: '${[1]}', content: { enabled: false } });
  const lines = synthErrors(stack).filter((line) => line.includes('PG-CFG-6'));
  expect(lines.filter((line) => line.includes('.storage_account_access_key '))).toEqual([
    expect.stringContaining('PG-CFG-6 threat_detection_policy.storage_account_access_key is made at plan time by a dynamic block (not shown: it may hold a secret), where the construct\'s props leave it unset.'),
  ]);
});
