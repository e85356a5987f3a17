import { rule } from '../../../lib/checks/rules/PGS-THR-2';
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
