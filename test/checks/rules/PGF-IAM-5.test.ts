import { rule } from '../../../lib/checks/rules/PGF-IAM-5';
import { compliantFlexibleServer, FLEXIBLE, judge } from '../rule-harness';

const withServer = (overrides: { [key: string]: unknown }) => ({ [FLEXIBLE]: { db: compliantFlexibleServer(overrides) } });

test('passes without any administrator password (Entra-only)', () => {
  expect(judge(rule, withServer({}))).toEqual({ status: 'pass' });
});

test('passes the write-only password', () => {
  expect(judge(rule, withServer({ administrator_login: 'pgadmin', administrator_password_wo: '${var.pw}', administrator_password_wo_version: 1 }))).toEqual({ status: 'pass' });
});

test('fails administrator_password even as a reference, since its value lands in state', () => {
  expect(judge(rule, withServer({ administrator_login: 'pgadmin', administrator_password: '${random_password.admin.result}' }))).toEqual({
    status: 'fail',
    message: 'administrator_password is set, so Terraform keeps the password in its state.',
    address: undefined,
  });
});

test('fails a literal administrator_password', () => {
  expect(judge(rule, withServer({ administrator_password: 'Sup3r$ecret!' }))).toMatchObject({ status: 'fail' });
});

test('treats null as not set', () => {
  expect(judge(rule, withServer({ administrator_password: null }))).toEqual({ status: 'pass' });
});
