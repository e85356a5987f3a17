import { rule } from '../../../lib/checks/rules/PGS-ENC-1';
import { judge } from '../rule-harness';
import { compliantSingleServer, singleStack } from '../single-fixtures';

test('passes when infrastructure encryption is on', () => {
  expect(judge(rule, singleStack())).toEqual({ status: 'pass' });
});

test('fails when infrastructure encryption is off', () => {
  expect(judge(rule, singleStack({}, {}, compliantSingleServer({ infrastructure_encryption_enabled: false })))).toEqual({
    status: 'fail',
    message: 'infrastructure_encryption_enabled is false, not true.',
  });
});

test('fails when the attribute is missing, since the provider default is false', () => {
  expect(judge(rule, singleStack({}, {}, compliantSingleServer({ infrastructure_encryption_enabled: undefined })))).toEqual({
    status: 'fail',
    message: 'infrastructure_encryption_enabled is not set, and the provider default (false) leaves data with one layer of encryption.',
  });
});
