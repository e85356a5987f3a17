import { rule } from '../../../lib/checks/rules/PGS-IAM-2';
import { judge } from '../rule-harness';
import { compliantSingleServer, singleStack } from '../single-fixtures';

const WITHOUT_PASSWORD = { administrator_login_password_wo: undefined, administrator_login_password_wo_version: undefined };

test('passes a write-only password given by reference', () => {
  expect(judge(rule, singleStack())).toEqual({ status: 'pass' });
});

test('passes a password given by reference', () => {
  const server = compliantSingleServer({ ...WITHOUT_PASSWORD, administrator_login_password: '${random_password.admin.result}' });
  expect(judge(rule, singleStack({}, {}, server))).toEqual({ status: 'pass' });
});

test('passes when no password is written (an adopted server keeps its own)', () => {
  expect(judge(rule, singleStack({}, {}, compliantSingleServer(WITHOUT_PASSWORD)))).toEqual({ status: 'pass' });
});

test('fails a literal password', () => {
  const server = compliantSingleServer({ ...WITHOUT_PASSWORD, administrator_login_password: 'Sup3r-secret!' });
  expect(judge(rule, singleStack({}, {}, server))).toEqual({ status: 'fail', message: 'administrator_login_password is a literal, so the password is written in the configuration.' });
});

test('fails a literal write-only password, which stays out of state but not out of cdk.tf.json', () => {
  const server = compliantSingleServer({ administrator_login_password_wo: 'Sup3r-secret!' });
  expect(judge(rule, singleStack({}, {}, server))).toEqual({ status: 'fail', message: 'administrator_login_password_wo is a literal, so the password is written in the configuration.' });
});
