import { rule } from '../../../lib/checks/rules/PGS-THR-1';
import { judge } from '../rule-harness';
import { compliantSingleServer, singleStack } from '../single-fixtures';

test('passes when threat detection is on', () => {
  expect(judge(rule, singleStack())).toEqual({ status: 'pass' });
});

test('passes the block written as a list', () => {
  expect(judge(rule, singleStack({}, {}, compliantSingleServer({ threat_detection_policy: [{ enabled: true }] })))).toEqual({ status: 'pass' });
});

test('fails when the block is missing', () => {
  expect(judge(rule, singleStack({}, {}, compliantSingleServer({ threat_detection_policy: undefined })))).toEqual({
    status: 'fail',
    message: 'threat_detection_policy is not set, so threat detection is off.',
  });
});

test('fails when the block turns detection off', () => {
  expect(judge(rule, singleStack({}, {}, compliantSingleServer({ threat_detection_policy: { enabled: false } })))).toEqual({
    status: 'fail',
    message: 'threat_detection_policy.enabled is false, not true.',
  });
});

test('fails a block without enabled, as CKV_AZURE_128 does', () => {
  expect(judge(rule, singleStack({}, {}, compliantSingleServer({ threat_detection_policy: { email_account_admins: true } })))).toMatchObject({ status: 'fail' });
});

test('a reference is unknown, never a pass', () => {
  expect(judge(rule, singleStack({}, {}, compliantSingleServer({ threat_detection_policy: { enabled: '${var.atp}' } })))).toMatchObject({ status: 'unknown' });
});

test('a policy without enabled fails; a policy known only later is unknown', () => {
  expect(judge(rule, singleStack({}, {}, compliantSingleServer({ threat_detection_policy: { email_account_admins: true } })))).toEqual({
    status: 'fail',
    message: 'threat_detection_policy.enabled is not set, so threat detection is off.',
  });
  expect(judge(rule, singleStack({}, {}, compliantSingleServer({ threat_detection_policy: '${var.policy}' })))).toEqual({ status: 'unknown', note: 'the threat_detection_policy block is known only at apply time' });
});
