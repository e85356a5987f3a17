import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { rule } from '../../../lib/checks/rules/PGS-THR-2';
import { EXIT_FINDINGS } from '../../../lib/cli/check-command';
import { SecureSingleServer } from '../../../lib';
import { check } from '../../cli/cli-harness';
import { minimalSingleProps, newStack, synthErrors } from '../../helpers';
import { judge } from '../rule-harness';
import { compliantSingleServer, singleStack } from '../single-fixtures';

const KEY = 'c2VjcmV0LWtleS1saXRlcmFsLXZhbHVlLTEyMzQ1Njc4OTA=';
const ENDPOINT = 'https://collector.blob.core.windows.net/';
const withPolicy = (policy: object) => singleStack({}, {}, compliantSingleServer({ threat_detection_policy: { enabled: true, email_account_admins: true, ...policy } }));

test('passes a policy without a storage destination, and a key given by reference', () => {
  expect(judge(rule, singleStack())).toEqual({ status: 'pass' });
  expect(judge(rule, withPolicy({ storage_endpoint: ENDPOINT, storage_account_access_key: '${azurerm_storage_account.logs.primary_access_key}' }))).toEqual({ status: 'pass' });
});

test('fails a literal key, and a key built from constants, without printing it', () => {
  expect(judge(rule, withPolicy({ storage_endpoint: ENDPOINT, storage_account_access_key: KEY }))).toEqual({
    status: 'fail',
    message: 'threat_detection_policy.storage_account_access_key is a literal, so the storage account\'s key is written in the configuration.',
  });
  expect(judge(rule, withPolicy({ storage_account_access_key: `\${base64decode("${KEY}")}` }))).toEqual({
    status: 'fail',
    message: 'threat_detection_policy.storage_account_access_key is built only from constants, so the storage account\'s key is written in the configuration.',
  });
});

test('a policy known only at plan time cannot be judged', () => {
  expect(judge(rule, singleStack({}, {}, compliantSingleServer({ threat_detection_policy: undefined, dynamic: { threat_detection_policy: { for_each: '${var.p}', content: {} } } })))).toEqual({
    status: 'unknown',
    note: 'the threat_detection_policy block is written as a dynamic block, known only at plan time',
  });
});

test('is not applicable to a server without a policy', () => {
  expect(judge(rule, singleStack({}, {}, compliantSingleServer({ threat_detection_policy: undefined })))).toEqual({ status: 'not-applicable', note: 'the server has no threat_detection_policy' });
});

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
  const file = join(mkdtempSync(join(tmpdir(), 'thr-')), 'cdk.tf.json');
  writeFileSync(file, JSON.stringify(stack.toTerraform()));
  const checked = check('check', file);
  expect(checked.code).toBe(EXIT_FINDINGS);
  expect(checked.out.filter((text) => text.includes('PGS-THR-2') || text.includes('PG-CFG-6'))).toHaveLength(3);
  expect([...checked.out, ...checked.err].join('\n')).not.toContain(KEY);
});
