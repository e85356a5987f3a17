import { rule } from '../../../lib/checks/rules/PGF-IAM-3';
import { compliantFlexibleServer, FLEXIBLE, judge } from '../rule-harness';

const TENANT = '11111111-2222-3333-4444-555555555555';
const withAuthentication = (authentication: unknown) => ({ [FLEXIBLE]: { db: compliantFlexibleServer({ authentication }) } });

test('passes Entra-only authentication', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() } })).toEqual({ status: 'pass' });
});

test('fails password authentication left on', () => {
  expect(judge(rule, withAuthentication({ active_directory_auth_enabled: true, password_auth_enabled: true, tenant_id: TENANT }))).toEqual({
    status: 'fail',
    message: 'authentication.password_auth_enabled is true, not false.',
    address: undefined,
  });
});

test('fails a block without password_auth_enabled, since the provider default is true', () => {
  expect(judge(rule, withAuthentication({ active_directory_auth_enabled: true, tenant_id: TENANT }))).toMatchObject({
    status: 'fail',
    message: 'authentication.password_auth_enabled is not set, so password authentication is on (the provider default).',
  });
});

test('fails a missing authentication block', () => {
  expect(judge(rule, withAuthentication(undefined))).toMatchObject({ status: 'fail', message: expect.stringContaining('no authentication block') });
});

test('reads "false" as Terraform converts it', () => {
  expect(judge(rule, withAuthentication([{ active_directory_auth_enabled: true, password_auth_enabled: 'false', tenant_id: TENANT }]))).toEqual({ status: 'pass' });
});

test('a reference is unknown, never a pass', () => {
  expect(judge(rule, withAuthentication({ password_auth_enabled: '${var.passwords}' }))).toMatchObject({ status: 'unknown' });
});

test('a password_auth_enabled known only later, or an authentication block known only later, is unknown', () => {
  expect(judge(rule, withAuthentication({ active_directory_auth_enabled: true, password_auth_enabled: '${var.pw}', tenant_id: TENANT }))).toEqual({
    status: 'unknown',
    note: 'authentication.password_auth_enabled is known only at apply time',
  });
  expect(judge(rule, withAuthentication('${var.authentication}'))).toEqual({ status: 'unknown', note: 'the authentication block is known only at apply time' });
});
