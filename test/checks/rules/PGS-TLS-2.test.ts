import { rule } from '../../../lib/checks/rules/PGS-TLS-2';
import { judge } from '../rule-harness';
import { compliantSingleServer, singleStack } from '../single-fixtures';

test('passes when TLS1_2 is written', () => {
  expect(judge(rule, singleStack())).toEqual({ status: 'pass' });
});

test('fails an older minimum version', () => {
  expect(judge(rule, singleStack({}, {}, compliantSingleServer({ ssl_minimal_tls_version_enforced: 'TLS1_1' })))).toEqual({
    status: 'fail',
    message: 'ssl_minimal_tls_version_enforced is "TLS1_1", not "TLS1_2".',
  });
});

test('fails a missing value although the provider default is TLS1_2, as CKV_AZURE_147 does (Trivy passes it)', () => {
  expect(judge(rule, singleStack({}, {}, compliantSingleServer({ ssl_minimal_tls_version_enforced: undefined })))).toEqual({
    status: 'fail',
    message: 'ssl_minimal_tls_version_enforced is not written, and Checkov (CKV_AZURE_147) fails an omitted value although the provider default is TLS1_2.',
  });
});

test('a reference is unknown, never a pass', () => {
  expect(judge(rule, singleStack({}, {}, compliantSingleServer({ ssl_minimal_tls_version_enforced: '${var.tls}' })))).toMatchObject({ status: 'unknown' });
});
