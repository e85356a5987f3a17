import { rule } from '../../../lib/checks/rules/PGS-TLS-1';
import { judge } from '../rule-harness';
import { compliantSingleServer, singleStack } from '../single-fixtures';

test('passes when SSL is enforced', () => {
  expect(judge(rule, singleStack())).toEqual({ status: 'pass' });
});

test('fails when SSL enforcement is off', () => {
  expect(judge(rule, singleStack({}, {}, compliantSingleServer({ ssl_enforcement_enabled: false, ssl_minimal_tls_version_enforced: 'TLSEnforcementDisabled' })))).toEqual({
    status: 'fail',
    message: 'ssl_enforcement_enabled is false, not true.',
  });
});

test('fails when the attribute is missing', () => {
  expect(judge(rule, singleStack({}, {}, compliantSingleServer({ ssl_enforcement_enabled: undefined })))).toMatchObject({ status: 'fail' });
});
