import { rule } from '../../../lib/checks/rules/PGS-THR-1';
import { judge, judgeAll } from '../rule-harness';
import { compliantSingleServer, singleStack } from '../single-fixtures';

test('passes when threat detection is on', () => {
  expect(judge(rule, singleStack())).toEqual({ status: 'pass' });
});

test('passes the block written as a list', () => {
  expect(judge(rule, singleStack({}, {}, compliantSingleServer({ threat_detection_policy: [{ enabled: true, email_account_admins: true }] })))).toEqual({ status: 'pass' });
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

const withPolicy = (policy: { [key: string]: unknown }) => singleStack({}, {}, compliantSingleServer({ threat_detection_policy: { enabled: true, email_account_admins: true, ...policy } }));

test('fails every alert type disabled, naming them (adversary F8)', () => {
  const all = ['Sql_Injection', 'Sql_Injection_Vulnerability', 'Access_Anomaly', 'Data_Exfiltration', 'Unsafe_Action'];
  expect(judge(rule, withPolicy({ disabled_alerts: all }))).toEqual({
    status: 'fail',
    message: 'threat_detection_policy.disabled_alerts turns off "Sql_Injection", "Sql_Injection_Vulnerability", "Access_Anomaly", "Data_Exfiltration", "Unsafe_Action": those attacks raise no alert.',
  });
});

test('fails one alert type disabled too (all types on, as CKV_AZURE_25 asks of Azure SQL)', () => {
  expect(judge(rule, withPolicy({ disabled_alerts: ['Access_Anomaly'] }))).toMatchObject({ status: 'fail', message: 'threat_detection_policy.disabled_alerts turns off "Access_Anomaly": those attacks raise no alert.' });
});

test('passes an empty disabled_alerts', () => {
  expect(judge(rule, withPolicy({ disabled_alerts: [] }))).toEqual({ status: 'pass' });
});

test('fails when no one is notified: account admins off and no addresses (adversary F8)', () => {
  expect(judge(rule, withPolicy({ email_account_admins: false }))).toEqual({
    status: 'fail',
    message: 'threat_detection_policy notifies no one: email_account_admins is false and email_addresses is empty, so alerts go unread.',
  });
});

test('fails when email_account_admins is left out: the provider\'s default is false', () => {
  expect(judge(rule, withPolicy({ email_account_admins: undefined, email_addresses: [] }))).toEqual({
    status: 'fail',
    message: 'threat_detection_policy notifies no one: email_account_admins is not set (the provider\'s default is false) and email_addresses is empty, so alerts go unread.',
  });
});

test('passes account admins off when addresses are listed', () => {
  expect(judge(rule, withPolicy({ email_account_admins: false, email_addresses: ['secops@example.com'] }))).toEqual({ status: 'pass' });
});

test.each<[string, unknown[]]>([
  ['an empty string', ['']],
  ['a blank one', [' ']],
  ['null', [null]],
  ['a bare name', ['nobody']],
  ['several of them', ['', 'nobody']],
  ['written with an invisible character (adversarial run of stop 81, A81-28)', ['\u200bops@example.com']],
  ['an address literal', ['ops@[127.0.0.1]']],
])('fails account admins off when the addresses are %s: they reach no one (adversarial run of stop 68)', (_, addresses) => {
  expect(judge(rule, withPolicy({ email_account_admins: false, email_addresses: addresses }))).toEqual({
    status: 'fail',
    message: `threat_detection_policy notifies no one: email_account_admins is false and email_addresses holds no e-mail address (${addresses.map((a) => JSON.stringify(a)).join(', ')}), so alerts go unread.`,
  });
});

test('an address known only at apply time is unknown, never a pass, unless another is written out', () => {
  expect(judge(rule, withPolicy({ email_account_admins: false, email_addresses: ['${var.alerts}'] }))).toEqual({ status: 'unknown', note: 'who receives threat alerts (email_account_admins, email_addresses) is known only at apply time' });
  expect(judge(rule, withPolicy({ email_account_admins: false, email_addresses: ['${var.alerts}', 'secops@example.com'] }))).toEqual({ status: 'pass' });
});

test('recipients known only at apply time are unknown', () => {
  expect(judge(rule, withPolicy({ email_account_admins: '${var.admins}' }))).toEqual({ status: 'unknown', note: 'who receives threat alerts (email_account_admins, email_addresses) is known only at apply time' });
});

test.each([1, 89, '30'])('fails a retention of %s days (adversary F8: 1)', (days) => {
  expect(judge(rule, withPolicy({ retention_days: days }))).toEqual({
    status: 'fail',
    message: `threat_detection_policy.retention_days is ${JSON.stringify(days)}: threat detection logs are kept less than 90 days (0 keeps them forever).`,
  });
});

test.each([0, 90, 365])('passes a retention of %s days', (days) => {
  expect(judge(rule, withPolicy({ retention_days: days }))).toEqual({ status: 'pass' });
});

test('a retention known only at apply time is unknown', () => {
  expect(judge(rule, withPolicy({ retention_days: '${var.days}' }))).toMatchObject({ status: 'unknown' });
});

test('reports each weakness, so none hides another', () => {
  expect(judgeAll(rule, withPolicy({ disabled_alerts: ['Unsafe_Action'], email_account_admins: false, retention_days: 1 })).map((v) => v.status)).toEqual(['fail', 'fail', 'fail']);
});
