import { rule } from '../../../lib/checks/rules/PGF-IAM-1';
import { compliantFlexibleServer, FLEXIBLE, judge } from '../rule-harness';

const TENANT = '11111111-2222-3333-4444-555555555555';
const withAuthentication = (authentication: unknown) => ({ [FLEXIBLE]: { db: compliantFlexibleServer({ authentication }) } });

test('passes Entra ID authentication with a tenant', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() } })).toEqual({ status: 'pass' });
});

test('passes the block written as a list, with the tenant as a reference', () => {
  expect(judge(rule, withAuthentication([{ active_directory_auth_enabled: true, tenant_id: '${var.tenant_id}' }]))).toEqual({ status: 'pass' });
});

test('fails Entra ID authentication switched off', () => {
  expect(judge(rule, withAuthentication({ active_directory_auth_enabled: false, password_auth_enabled: true }))).toEqual({
    status: 'fail',
    message: 'authentication.active_directory_auth_enabled is false, not true.',
    address: undefined,
  });
});

test('fails a missing authentication block, since the provider default is off', () => {
  expect(judge(rule, withAuthentication(undefined))).toMatchObject({ status: 'fail', message: expect.stringContaining('no authentication block') });
});

test('fails a block without active_directory_auth_enabled', () => {
  expect(judge(rule, withAuthentication({ password_auth_enabled: true }))).toMatchObject({ status: 'fail', message: expect.stringContaining('not set') });
});

test('fails Entra ID authentication without a tenant', () => {
  expect(judge(rule, withAuthentication({ active_directory_auth_enabled: true }))).toMatchObject({
    status: 'fail',
    message: 'authentication.active_directory_auth_enabled is true but tenant_id is not set.',
  });
});

test('reads "true" as Terraform converts it', () => {
  expect(judge(rule, withAuthentication({ active_directory_auth_enabled: 'true', tenant_id: TENANT }))).toEqual({ status: 'pass' });
});

test('a reference or a dynamic block is unknown, never a pass', () => {
  expect(judge(rule, withAuthentication({ active_directory_auth_enabled: '${var.entra}', tenant_id: TENANT }))).toMatchObject({ status: 'unknown' });
  const dynamic = compliantFlexibleServer({ authentication: undefined, dynamic: { authentication: { for_each: '${var.auth}', content: {} } } });
  expect(judge(rule, { [FLEXIBLE]: { db: dynamic } })).toMatchObject({ status: 'unknown' });
});

test('an active_directory_auth_enabled known only later is unknown', () => {
  expect(judge(rule, withAuthentication({ active_directory_auth_enabled: '${var.entra}', tenant_id: TENANT }))).toEqual({
    status: 'unknown',
    note: 'authentication.active_directory_auth_enabled is known only at apply time',
  });
});
